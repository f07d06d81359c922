"""A build killed at any moment, a read-only or a full disk leaves the previous site whole, says why,
and the next build succeeds."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harden_tools import BUILD_PY, TEMPLATES, build_cli, run_limited, snapshot
from sitegen import write_site

pytestmark = pytest.mark.slow


def _leftovers(out: Path) -> list[str]:
    """Return staging or old copies beside the output (its lock file and cache stay; see outlock.py, state.py)."""
    return sorted(p.name for p in out.parent.glob(f".{out.name}.*")
                  if p.name not in (f".{out.name}.lock", f".{out.name}.cache"))


@pytest.fixture(scope="module")
def bigger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """Content of 150 people, its site's snapshot, and the snapshot of the site after one more person."""
    root = tmp_path_factory.mktemp("bigger")
    content = write_site(root, people=150)
    code, err = build_cli(content, root / "old")
    assert code == 0, err
    old = snapshot(root / "old")
    (content / "people" / "zz-added.yaml").write_text("name: Added Person\nstatus: unknown\n"
                                                      "sources: [generated-report]\n", encoding="utf-8")
    code, err = build_cli(content, root / "new")
    assert code == 0, err
    new = snapshot(root / "new")
    (content / "people" / "zz-added.yaml").unlink()
    shutil.copytree(root / "old", root / "site")
    return root, old, new


def test_a_build_killed_at_random_moments_leaves_a_whole_site(bigger) -> None:
    root, old, new = bigger
    content, out = root / "content", root / "site"
    added = content / "people" / "zz-added.yaml"
    added.write_text("name: Added Person\nstatus: unknown\nsources: [generated-report]\n", encoding="utf-8")
    command = [sys.executable, str(BUILD_PY), "build", "--content", str(content), "--templates", str(TEMPLATES),
               "--out", str(out)]
    started = time.perf_counter()
    subprocess.run([*command[:-1], str(root / "timing")], check=True, capture_output=True, timeout=300)
    duration = time.perf_counter() - started
    shutil.rmtree(root / "timing")
    rng = random.Random(20260101)
    delays = sorted(rng.uniform(0.2, duration * 1.1) for _ in range(6))
    outcomes = []
    try:
        for delay in delays:
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            now = snapshot(out)
            outcomes.append("old" if now == old else "new" if now == new else "BROKEN")
            assert now in (old, new), f"after SIGKILL at {delay:.2f} s the site is neither the old nor the new one"
            if now == new:  # the swap happened: start again from the old site for the next kill
                shutil.rmtree(out)
                shutil.copytree(root / "old", out)
        result = run_limited(command[2:], root, timeout=300)
        assert result.code == 0, result.err
        assert snapshot(out) == new
        assert _leftovers(out) == [], "the next build did not clear what the killed ones left"
    finally:
        added.unlink(missing_ok=True)
    assert "old" in outcomes, outcomes  # at least one kill landed mid-build
    print(f"SIGKILL after {', '.join(f'{d:.2f}' for d in delays)} s of a {duration:.1f} s build: {outcomes}")


@pytest.mark.parametrize("failure, full", [
    (("tempfile.mkdtemp", errno.EACCES, "Permission denied"), True),  # a rebuild makes no new folder
    (("os.replace", errno.EROFS, "Read-only file system"), True),
    (("os.replace", errno.EROFS, "Read-only file system"), False),
    (("output.open", errno.ENOSPC, "No space left on device"), True),
    (("output.open", errno.ENOSPC, "No space left on device"), False),
], ids=["mkdtemp-full", "replace-full", "replace-rebuild", "write-full", "write-rebuild"])
def test_an_unwritable_or_full_output_folder_fails_clearly(failure, full, project, monkeypatch) -> None:
    from factfile.engine import output

    target, code, words = failure
    assert project.build().code == 0
    before = snapshot(project.out)
    if full:  # without its state the next build is a full one, into a new folder
        shutil.rmtree(project.root / ".site.cache")
    project.write("people/ivan-sample.yaml", (project.content / "people/ivan-sample.yaml").read_text() + "bio: edit\n")
    calls = {"n": 0}

    def fail(*args, **kwargs):
        calls["n"] += 1
        raise OSError(code, os.strerror(code))

    module, _, name = target.rpartition(".")
    owner = {"tempfile": __import__("tempfile"), "os": os, "output": output}[module]
    monkeypatch.setattr(owner, name, fail, raising=module != "output")
    result = project.build()
    monkeypatch.undo()
    assert calls["n"], "the fault was never hit"
    assert result.code == 1, result.err
    assert f"cannot write the site: {words}" in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(project.out) == before
    assert _leftovers(project.out) == []
    assert project.build().code == 0


def test_a_file_size_limit_fails_the_build_clearly(project) -> None:
    """RLIMIT_FSIZE makes the kernel refuse big writes (EFBIG), as a full disk refuses all of them."""
    assert project.build().code == 0
    before = snapshot(project.out)
    project.write("people/ivan-sample.yaml", (project.content / "people/ivan-sample.yaml").read_text() + "bio: edit\n")
    result = run_limited(["build", "--content", "content", "--templates", str(TEMPLATES), "--out", "site"],
                         project.root, timeout=120, file_size_mb=0)
    assert result.code == 1, result.err
    assert "cannot write the site: File too large" in result.err, result.err
    assert snapshot(project.out) == before
    assert _leftovers(project.out) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions; the monkeypatched test covers it")
def test_a_read_only_parent_folder_fails_clearly(project) -> None:
    assert project.build().code == 0
    before = snapshot(project.out)
    project.root.chmod(0o555)
    try:
        result = project.build()
    finally:
        project.root.chmod(0o755)
    assert result.code == 1 and "cannot write the site" in result.err, result.err
    assert snapshot(project.out) == before
