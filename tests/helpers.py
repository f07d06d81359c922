"""Test helpers: a tiny complete content tree, scratch trees, running the real CLI, finding Chromium."""

from __future__ import annotations

import io
import os
import shutil
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from factfile.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "content"
# Places, articles and a re-arrested person in the long form of custody and cases, added to a
# copy of FIXTURE by Project.add_register().
REGISTER = Path(__file__).resolve().parent / "fixtures" / "register"
REARRESTED = "people/maryia-rearrested.yaml"
TEMPLATES = ROOT / "templates"
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Run:
    """The result of one CLI run: exit status and what it printed."""

    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run the factfile CLI in-process and capture its output."""
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:  # argparse usage errors
                code = int(exc.code or 0)
    finally:
        os.chdir(old)
    return Run(code, out.getvalue(), err.getvalue())


class Project:
    """A scratch project in a temp folder: a copy of the fixture content, edited per test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.out = root / "site"
        shutil.copytree(FIXTURE, self.content)

    def write(self, relative: str, text: str | bytes) -> Path:
        """Write a content file; text is dedented so tests can indent YAML naturally."""
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def add_register(self) -> None:
        """Add the places, articles and re-arrested person of tests/fixtures/register."""
        shutil.copytree(REGISTER, self.content, dirs_exist_ok=True)

    def edit(self, relative: str, old: str, new: str) -> str:
        """Replace text in a content file once (it must be there); return the new text."""
        path = self.content / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, (relative, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return text.replace(old, new, 1)

    def remove(self, relative: str) -> None:
        (self.content / relative).unlink()

    def build(self, *extra: str | Path) -> Run:
        return run_cli("build", "--content", self.content, "--templates", TEMPLATES, "--out", self.out,
                       *extra, cwd=self.root)

    def check(self, *extra: str | Path) -> Run:
        return run_cli("check", "--content", self.content, "--templates", TEMPLATES, *extra, cwd=self.root)

    def page(self, path: str) -> BeautifulSoup:
        """Parse a built page, e.g. 'en/people/ales-bialiatski/'."""
        if path.endswith("/") or not path:
            path += "index.html"
        return BeautifulSoup((self.out / path).read_text(encoding="utf-8"), "html.parser")


def chromium_or_skip() -> Path:
    """Return Chromium's path; skip without it, but fail in CI where a skipped browser test hides a gap."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: CI must install chromium (apt-get install -y chromium)")
    pytest.skip(f"{CHROMIUM} is not installed")


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def live_engine(project: Project, templates: Path = TEMPLATES, search: bool = False):  # type: ignore[no-untyped-def]
    """Return the build engine kept between runs, as the preview keeps it, after its first build."""
    from factfile.engine.build import Engine
    from factfile.engine.options import BuildOptions

    engine = Engine(BuildOptions(project.content, templates, project.out, search=search, offline=search),
                    project.root / ".site.cache", processes=1)
    result = engine.run()
    assert result.ok(False), [str(p) for p in result.problems.items]
    return engine
