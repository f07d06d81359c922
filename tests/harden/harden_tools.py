"""Helpers of the hardening tests: where the outside tools are, building a site, an HTTP server."""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import resource
import signal
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
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


FIXTURE = ROOT / "tests" / "fixtures" / "content"
BUILD_PY = ROOT / "build.py"


@dataclass
class Limited:
    """How a build run under limits ended: exit status (negative: killed by that signal) and output."""

    code: int
    err: str


def run_limited(args: list[str], cwd: Path, timeout: float, memory_mb: int = 2048,
                file_size_mb: int | None = None) -> Limited:
    """Run build.py with an address-space limit (and optionally a file-size limit) and a timeout."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb << 20, memory_mb << 20))
        if file_size_mb is not None:
            # Past the limit a write fails with EFBIG instead of the process being killed by SIGXFSZ.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_mb << 20, file_size_mb << 20))

    process = subprocess.Popen([sys.executable, str(BUILD_PY), *args], cwd=cwd, preexec_fn=limit,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        raise AssertionError(f"build.py {' '.join(args)} ran over {timeout} s:\n{err[-2000:]}") from None
    return Limited(process.returncode, err)


def _in_cache(path: Path, root: Path) -> bool:
    """Return whether a path lies in a build cache folder (.OUT.cache, documented in the README)."""
    return any(part.startswith(".") and part.endswith(".cache") for part in path.relative_to(root).parts)


def snapshot(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Return {relative path: sha256 or link target} of every file and link under root, except `skip`
    (an output folder) and the lock file beside it, which every build holds (factfile/outlock.py)."""
    found = {}
    lock = skip.parent / f".{skip.name}.lock" if skip is not None else None
    for path in sorted(root.rglob("*")):
        if skip is not None and (path in (skip, lock) or skip in path.parents) or _in_cache(path, root):
            continue  # the build's lock and state (beside the output: .OUT.lock, .OUT.cache) are not what it published
        relative = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[relative] = "-> " + os.readlink(path)
        elif path.name == ".factfile-site":
            found[relative] = "marker"  # its second line names the build state, which differs between caches
        elif path.is_file():
            found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[relative] = "dir"
    return found


LARGE_MEMORY_MB = 2048


@dataclass
class LargeBuild:
    """The 100,000-event build running in the background, its folder and when it started."""

    root: Path
    process: subprocess.Popen
    started: float
