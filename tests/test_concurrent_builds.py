"""Two builds of one output folder: the second waits for the first (or fails at once when asked),
no build removes another's staging folder, and a staging folder changed under a build is not published.

The builds run in threads of this process (flock locks conflict between two open files even in one
process); events stop the first build half-way through writing, so nothing depends on timing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import TEMPLATES, Project, live_engine

import factfile.engine.build
import factfile.engine.outlock
import factfile.engine.outputs
from factfile.engine.build import Engine
from factfile.engine.options import BuildOptions, BuildResult
from factfile.engine.outlock import lock_path, output_lock
from factfile.engine.write import MARKER

GENEROUS = 120.0  # seconds: only a hung build takes this long


def files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".factfile-site"}


def options(project: Project, out: Path | None = None) -> BuildOptions:
    return BuildOptions(project.content, TEMPLATES, out or project.out, search=False)


def staging_folders(project: Project) -> list[str]:
    return sorted(p.name for p in project.root.iterdir() if p.name.startswith(".site.") and p.is_dir()
                  and p.name != ".site.cache")


def build(project: Project, out: Path | None = None) -> BuildResult:
    """Build as the command line does, in this thread, with the cache beside the output."""
    out = out or project.out
    engine = Engine(options(project, out), out.parent / f".{out.name}.cache")
    try:
        return engine.run()
    finally:
        engine.close()


class Paused:
    """Stops the build running in thread `name` while it writes its data files, until released."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.name = name
        self.reached = threading.Event()
        self.release = threading.Event()
        self.staging: Path | None = None
        real = factfile.engine.outputs.make_outputs

        def make_outputs(*args, **kwargs):  # type: ignore[no-untyped-def]
            if threading.current_thread().name == self.name:
                self.reached.set()
                assert self.release.wait(GENEROUS), "the test never released the first build"
            return real(*args, **kwargs)

        monkeypatch.setattr(factfile.engine.outputs, "make_outputs", make_outputs)


def start(name: str, target, results: dict) -> threading.Thread:  # type: ignore[no-untyped-def]
    thread = threading.Thread(target=lambda: results.__setitem__(name, target()), name=name, daemon=True)
    thread.start()
    return thread


def test_a_second_build_waits_for_the_first_and_the_site_is_whole(project: Project, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    reference = tmp_path / "reference"
    assert build(project, reference).ok(False)
    paused = Paused(monkeypatch, "first")
    said: list[str] = []
    waiting = threading.Event()

    def say(message: str) -> None:
        said.append(message)
        waiting.set()

    monkeypatch.setattr(factfile.engine.outlock, "_say", say)
    results: dict[str, BuildResult] = {}
    first = start("first", lambda: build(project), results)
    assert paused.reached.wait(GENEROUS)
    assert staging_folders(project), "the first build writes into a staging folder"
    second = start("second", lambda: build(project), results)
    # The second build either says it waits (it must) or, as builds did before the lock, runs
    # through at once and deletes the first one's staging folder.
    for _ in range(int(GENEROUS * 10)):
        if waiting.wait(0.1) or not second.is_alive():
            break
    assert waiting.is_set() and second.is_alive(), "the second build did not wait for the first"
    assert said == [f"{project.out}/: another build (process {os.getpid()}) is writing this "
                    "folder; waiting for it to finish..."]
    paused.release.set()
    first.join(GENEROUS)
    second.join(GENEROUS)
    assert not first.is_alive() and not second.is_alive()
    assert results["first"].ok(False) and results["first"].pages > 0, results["first"].problems.items
    assert results["second"].ok(False), results["second"].problems.items
    # The second found the site it would make already made (same fingerprint), or made it again.
    assert files(project.out) == files(reference)
    assert staging_folders(project) == []


def test_a_build_asked_not_to_wait_fails_clearly(project: Project) -> None:
    assert project.build().code == 0
    before = files(project.out)
    project.write("people/jane-example.yaml", (project.content / "people/jane-example.yaml").read_text() + "\n")
    with output_lock(project.out):
        result = project.build("--no-wait")
    assert result.code == 1
    assert "another build (process" in result.err and "is writing this folder" in result.err
    assert "nothing was written" in result.err
    assert files(project.out) == before
    assert lock_path(project.out).is_file() and not str(lock_path(project.out)).startswith(str(project.out) + "/")


def test_a_staging_folder_whose_build_still_runs_is_never_removed(project: Project) -> None:
    owner = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        alive = project.root / f".site.new-{owner.pid}-abc123"
        alive.mkdir()
        (alive / MARKER).write_text("built by factfile\n")
        (alive / "index.html").write_text("half written")
        assert project.build().code == 0
        assert alive.is_dir() and (alive / "index.html").is_file()
    finally:
        owner.stdin.close()
        owner.wait(GENEROUS)
    project.write("people/jane-example.yaml", (project.content / "people/jane-example.yaml").read_text() + "\n")
    assert project.build().code == 0  # its owner is gone now: a leftover, removed
    assert not alive.exists()
    assert staging_folders(project) == []


def test_a_staging_folder_changed_during_the_build_is_not_published(project: Project,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert project.build().code == 0
    before = files(project.out)

    def vandal(self, publication, *args) -> None:  # type: ignore[no-untyped-def]
        (publication.root / "en" / "index.html").unlink()

    monkeypatch.setattr(factfile.engine.build.Engine, "_finish", vandal)
    jane = project.content / "people/jane-example.yaml"  # an edit that changes pages: they go to a staging folder
    jane.write_text(jane.read_text().replace("Teacher", "Head teacher"))
    result = project.build()
    assert result.code == 1, result.err
    assert "the new site was changed by another process while it was written" in result.err
    assert "nothing was published" in result.err
    assert files(project.out) == before
    assert staging_folders(project) == []


def test_a_staging_folder_replaced_during_the_build_is_not_published(project: Project,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that removed the staging folder and a third that made a new one in its place: the
    marker is not the file this build wrote, whatever the count of files."""
    assert project.build().code == 0
    before = files(project.out)

    def replace_marker(self, publication, *args) -> None:  # type: ignore[no-untyped-def]
        staging = publication.root
        (staging / "copy").write_text("built by factfile\n")
        os.replace(staging / "copy", staging / MARKER)  # a new file: the old one still existed

    monkeypatch.setattr(factfile.engine.build.Engine, "_finish", replace_marker)
    jane = project.content / "people/jane-example.yaml"
    jane.write_text(jane.read_text().replace("Teacher", "Head teacher"))
    result = project.build()
    assert result.code == 1 and "changed by another process" in result.err
    assert files(project.out) == before


def test_the_preview_waits_for_a_build_of_its_folder(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = live_engine(project)
    waiting = threading.Event()
    monkeypatch.setattr(factfile.engine.outlock, "_say", lambda message: waiting.set())
    jane = project.content / "people/jane-example.yaml"
    jane.write_text(jane.read_text(encoding="utf-8").replace("Teacher", "Head teacher"), encoding="utf-8")
    results: dict = {}
    with output_lock(project.out):  # a one-shot build of the same folder is running
        rebuild = start("rebuild", lambda: engine.run(), results)
        assert waiting.wait(GENEROUS), "the rebuild did not wait for the build"
        assert rebuild.is_alive() and "Head teacher" not in (project.out / "en/people/jane-example/index.html").read_text()
    rebuild.join(GENEROUS)
    assert results["rebuild"].ok(False) and results["rebuild"].files >= 1
    assert "Head teacher" in (project.out / "en/people/jane-example/index.html").read_text()
