"""The lock files under requirements/ agree with pyproject.toml, and every package in them has hashes.

`make` installs only from these files (pip --require-hashes); `make lock` regenerates them after a
change to pyproject.toml or requirements/tools.in. This test is what fails when someone edits one
and forgets the other.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from helpers import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REQUIREMENTS = ROOT / "requirements"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)\s*\\?$")
# Which lock file holds which of pyproject's dependency lists.
LOCKS = {"run.txt": (), "test.txt": ("test",), "bench.txt": ("test", "bench")}


def pins(lock: Path) -> dict[str, str]:
    """Return {normalized name: version} of a lock file, checking each pin has at least one hash."""
    found: dict[str, str] = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if not match:
            continue
        name = canonicalize_name(match["name"])
        assert name not in found, f"{lock.name}: {name} twice"
        found[name] = match["version"]
        following = lines[number + 1] if number + 1 < len(lines) else ""
        assert following.strip().startswith("--hash=sha256:"), f"{lock.name}: {name} has no hash"
    return found


def declared(extras: tuple[str, ...]) -> list[Requirement]:
    requirements = [Requirement(text) for text in PYPROJECT["project"]["dependencies"]]
    for extra in extras:
        requirements += [Requirement(text) for text in PYPROJECT["project"]["optional-dependencies"][extra]]
    return requirements


def mismatches(requirements: list[Requirement], locked: dict[str, str]) -> list[str]:
    """Return each requirement the lock file does not satisfy, as a readable line."""
    wrong = []
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        version = locked.get(name)
        if version is None:
            wrong.append(f"{requirement} is not in the lock file")
        elif not requirement.specifier.contains(version, prereleases=True):
            wrong.append(f"{requirement} but the lock file has {name}=={version}")
    return wrong


@pytest.mark.parametrize("lock, extras", LOCKS.items())
def test_lock_files_pin_what_pyproject_pins(lock: str, extras: tuple[str, ...]) -> None:
    wrong = mismatches(declared(extras), pins(REQUIREMENTS / lock))
    assert not wrong, f"requirements/{lock} is stale (run `make lock`): " + "; ".join(wrong)


def test_pyproject_pins_every_dependency_exactly() -> None:
    for requirement in declared(("test", "bench")):
        assert str(requirement.specifier).startswith("=="), requirement


def test_the_locks_agree_with_each_other() -> None:
    run, test, bench = (pins(REQUIREMENTS / name) for name in ("run.txt", "test.txt", "bench.txt"))
    assert run.items() <= test.items() <= bench.items()


def test_the_build_tools_are_locked() -> None:
    build = pins(REQUIREMENTS / "build.txt")
    wanted = [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    assert not mismatches(wanted, build) and set(build) == {canonicalize_name(r.name) for r in wanted}


def test_the_tools_are_locked() -> None:
    wanted = [Requirement(line) for line in (REQUIREMENTS / "tools.in").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert not mismatches(wanted, pins(REQUIREMENTS / "tools.txt"))


def test_a_stale_lock_is_caught() -> None:
    locked = pins(REQUIREMENTS / "run.txt")
    assert mismatches([Requirement("Pillow==12.0.0")], locked) == [
        f"Pillow==12.0.0 but the lock file has pillow=={locked['pillow']}"]
    assert mismatches([Requirement("new-thing==1.0")], locked) == ["new-thing==1.0 is not in the lock file"]


def test_the_upgraded_packages_are_past_their_advisories() -> None:
    locked = pins(REQUIREMENTS / "run.txt")
    from packaging.version import Version

    # Pillow: CVE-2026-25990 (fixed in 12.1.1), CVE-2026-40192 (fixed in 12.2.0);
    # tornado: CVE-2025-67724/67725/67726 (fixed in 6.5.3).
    assert Version(locked["pillow"]) >= Version("12.2.0")
    assert Version(locked["tornado"]) >= Version("6.5.3")
