"""Hostile files in content/ build or fail with a clear error, within time and memory, writing nothing
outside the output folder and leaving the previous site as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from harden_tools import FIXTURE, TEMPLATES, run_limited, snapshot

pytestmark = pytest.mark.slow

TIMEOUT = 90  # seconds per build: generous on a busy 2-core machine; a hang or a quadratic blow-up is not
MEMORY_MB = 2048
SECRET = "TOP-SECRET-OUTSIDE-CONTENT"


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 10):
        prev, this = chr(ord("a") + n - 1), chr(ord("a") + n)
        lines.append(f"{this}: &{this} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "name: Bomb\nstatus: unknown\nsources: [example-report]\n" + "\n".join(lines) + "\n"


def _symlink_to_outside(content: Path, outside: Path) -> None:
    (content / "people" / "leak.yaml").symlink_to(outside / "secret.yaml")


def _folder_symlink(content: Path, outside: Path) -> None:
    shutil.rmtree(content / "events")
    (content / "events").symlink_to(outside, target_is_directory=True)


def _windows_names(content: Path, outside: Path) -> None:
    for name in ("con", "nul", "aux", "prn", "com1", "lpt9"):
        (content / "people" / f"{name}.yaml").write_text(
            "name: Device\nstatus: unknown\nsources: [example-report]\n", encoding="utf-8")
    (content / "events" / "com3.yaml").write_text(
        "date: 2024-01-01\ntitle: Device\nsources: [example-report]\n", encoding="utf-8")


def _write(relative: str, data: bytes | str) -> Callable[[Path, Path], None]:
    def write(content: Path, outside: Path) -> None:
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return write


PERSON = "name: X\nstatus: unknown\nsources: [example-report]\n"

# case: (how to make it, what the error says; None when the build must succeed)
CASES: dict[str, tuple[Callable[[Path, Path], None], str | None]] = {
    "yaml-bomb": (_write("people/bomb.yaml", _billion_laughs()), "anchors and aliases"),
    "merge-key-alias": (_write("people/merge.yaml", "base: &b {status: unknown}\n<<: *b\n"),
                        "merge keys (<<) are not supported"),
    "50-mb-person": (_write("people/huge.yaml", PERSON + "bio: '" + "x" * 50_000_000 + "'\n"),
                     "is larger than 2 MB"),
    "50-mb-site-yaml": (_write("site.yaml", "title: T\nlanguages: [en]\ndescription: '"
                               + "y" * 50_000_000 + "'\n"), "is larger than 2 MB"),
    "nested-flow-100k": (_write("people/deep.yaml", "x: " + "[" * 100_000 + "]" * 100_000 + "\n"),
                         "nested too deeply"),
    "nested-mappings-50k": (_write("people/deep.yaml", "x: " + "{a: " * 50_000 + "1" + "}" * 50_000),
                            "nested too deeply"),
    "nested-block-1400": (_write("people/deep.yaml", "\n".join(" " * i + f"k{i}:" for i in range(1400)) + " x\n"),
                          "nested too deeply"),
    "nested-dashes-30k": (_write("people/deep.yaml", "- " * 30_000 + "x\n"), "nested too deeply"),
    "100k-unknown-fields": (_write("people/wide.yaml", PERSON + "".join(f"f{i}: 1\n" for i in range(100_000))),
                            "is too large"),
    "nul-byte": (_write("people/nul-byte.yaml", b"name: Nul\x00l\nstatus: unknown\nsources: [example-report]\n"),
                 "U+0000"),
    "nul-escape": (_write("people/nul-escape.yaml", 'name: "Nu\\0l"\nstatus: unknown\nsources: [example-report]\n'),
                   "invisible character U+0000"),
    "latin-1": (_write("people/latin.yaml", "name: Jos\xe9\nstatus: unknown\nsources: [example-report]\n"
                       .encode("latin-1")), "is not UTF-8"),
    "utf-16": (_write("people/wide16.yaml", PERSON.encode("utf-16")), "is not UTF-8"),
    "lone-surrogate": (_write("people/sur.yaml", 'name: "\\ud800"\nstatus: unknown\nsources: [example-report]\n'),
                       "invalid Unicode character escape"),
    "symlinked-file": (_symlink_to_outside, "is a link or not a regular file"),
    "symlinked-folder": (_folder_symlink, "is a link to another folder"),
    "photo-dotdot": (_write("people/photo.yaml", PERSON + "photo: {file: ../../etc/passwd, credit: X}\n"),
                     "must be a file name in content/photos/"),
    "photo-absolute": (_write("people/photo.yaml", PERSON + "photo: {file: /etc/passwd, credit: X}\n"),
                       "must be a file name in content/photos/"),
    "photo-windows": (_write("people/photo.yaml", PERSON + "photo: {file: 'C:\\\\x.jpg', credit: X}\n"),
                      "must be a file name in content/photos/"),
    "windows-device-slugs": (_windows_names, "reserved device name on Windows"),
    "dotdot-slug-reference": (_write("events/e.yaml", "date: 2024-01-01\ntitle: T\npeople: ['../../x']\n"
                                     "sources: [example-report]\n"), "is not a slug"),
    "long-but-allowed": (_write("people/long.yaml", PERSON.replace("name: X", "name: '" + "Ж" * 900_000 + "'")),
                         None),
}


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good site built once from the fixture content, copied into each case as its previous output."""
    root = tmp_path_factory.mktemp("previous")
    shutil.copytree(FIXTURE, root / "content")
    result = run_limited(["build", "--content", "content", "--templates", str(TEMPLATES), "--out", "site"],
                         root, TIMEOUT, MEMORY_MB)
    assert result.code == 0, result.err
    return root / "site"


@pytest.mark.parametrize("case", CASES)
def test_hostile_file_builds_or_fails_clearly(case: str, tmp_path: Path, previous_site: Path) -> None:
    make, expected = CASES[case]
    content, outside, out = tmp_path / "content", tmp_path / "outside", tmp_path / "site"
    shutil.copytree(FIXTURE, content)
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"name: {SECRET}\nstatus: unknown\nsources: [example-report]\n")
    (outside / "x.yaml").write_text(f"date: 2024-01-01\ntitle: {SECRET}\nsources: [example-report]\n")
    shutil.copytree(previous_site, out)
    make(content, outside)
    before, site_before = snapshot(tmp_path, skip=out), snapshot(out)

    result = run_limited(["build", "--content", "content", "--templates", str(TEMPLATES), "--out", "site"],
                         tmp_path, TIMEOUT, MEMORY_MB)

    assert result.code in (0, 1), f"exit {result.code} (a crash or an internal error):\n{result.err[-3000:]}"
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert snapshot(tmp_path, skip=out) == before, "the build wrote outside its output folder"
    if expected is None:
        assert result.code == 0, result.err[-3000:]
    else:
        assert result.code == 1, "the build accepted it"
        first = result.err.splitlines()[0]
        assert expected in result.err, result.err[:3000]
        assert first.startswith("content" + "/") or first.startswith("content\\"), first
        assert result.err.rstrip().endswith("nothing was written")
        assert snapshot(out) == site_before, "a failed build changed the previous site"
    assert not any(SECRET in p.read_text(errors="replace") for p in out.rglob("*.html"))
