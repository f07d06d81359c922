"""Helpers of the hardening tests: where the outside tools are, building a site, an HTTP server."""

from __future__ import annotations

import http.server
import io
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from factfile.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
SUB_PATH = "/some/prefix/"


def require(path: Path | None, what: str, install: str) -> Path:
    """Return a tool's path; skip without it locally, fail in CI where a skip would hide a gap."""
    if path is not None and path.exists():
        return path
    message = f"{what} is missing ({path}): {install}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def build_cli(content: Path, out: Path, *extra: str) -> tuple[int, str]:
    """Run the real CLI's build in-process; return its exit status and what it wrote to stderr."""
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(out),
                     *extra])
    return code, err.getvalue()


def build(content: Path, out: Path) -> Path:
    """Build a content tree strictly and return the output folder."""
    code, err = build_cli(content, out, "--strict")
    assert code == 0, err
    return out


def html_files(site: Path) -> list[Path]:
    """Return every HTML page of a built site, in a stable order."""
    return sorted(site.rglob("*.html"))


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serve a folder under SUB_PATH only, as a site deployed below a domain's root would be."""

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / ".does-not-exist")
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass
