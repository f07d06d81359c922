"""Files a build must not trust: symbolic links under templates/ and content/, and photos that are not
plain JPEG, PNG or WebP images of a sane size. Each is an error at its file; nothing is published."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from helpers import TEMPLATES, Project, live_engine, run_cli
from PIL import Image


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    return copy


def build(project: Project, templates: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli("build", "--content", project.content, "--templates", templates, "--out", project.out,
                   "--no-search", *extra, cwd=project.root)


def published(project: Project) -> str:
    """Every byte the site would publish, the offline zip unpacked too, as text for searching."""
    if not project.out.exists():
        return ""
    parts = []
    for path in project.out.rglob("*"):
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    zipped = project.out / "offline/site.zip"
    if zipped.is_file():
        with zipfile.ZipFile(zipped) as archive:
            parts += [archive.read(name).decode("utf-8", "replace") for name in archive.namelist()]
    return "\n".join(parts)


def image(fmt: str, size: tuple[int, int] = (600, 800)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(out, fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header announces width × height pixels and whose data is almost nothing."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + \
        chunk(b"IEND", b"")


def with_photo(project: Project, name: str, data: bytes | None) -> None:
    if data is not None:
        project.write(f"photos/{name}", data)
    jane = (project.content / "people/jane-example.yaml").read_text(encoding="utf-8")
    project.write("people/jane-example.yaml", jane + f"photo: {{file: {name}, credit: Example Photographer}}\n")


# Symbolic links -------------------------------------------------------------------------------------

def test_a_link_in_templates_is_refused_and_nothing_is_published(project: Project, templates: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTFILE_TEST_SECRET", "s3cr3t-token-value")
    (templates / "static/env.txt").symlink_to("/proc/self/environ")
    result = build(project, templates)
    assert result.code == 1, result.err
    assert "static/env.txt:1:1: is a symbolic link" in result.err
    assert "nothing was written" in result.err
    assert "s3cr3t-token-value" not in published(project)
    assert "static/env.txt:1:1: is a symbolic link" in run_cli(
        "check", "--content", project.content, "--templates", templates, cwd=project.root).err


def test_links_anywhere_under_templates_are_each_reported(project: Project, templates: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("secret")
    (templates / "partial.html").symlink_to(outside / "secret.html")
    (templates / "static/more").symlink_to(outside, target_is_directory=True)
    (templates / "static/dangling.css").symlink_to(tmp_path / "nothing-here")
    (templates / "static/.#style.css").symlink_to("user@host.1234")  # an editor's lock file: ignored
    result = build(project, templates)
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if "is a symbolic link" in line]
    assert [line.split(":1:1:")[0].rsplit("templates/", 1)[1] for line in lines] == [
        "partial.html", "static/dangling.css", "static/more"]


def test_links_under_content_are_refused(project: Project, templates: Path, tmp_path: Path) -> None:
    secret = tmp_path / "portrait.jpg"
    secret.write_bytes(image("JPEG"))
    (project.content / "photos").mkdir()
    (project.content / "photos/jane.jpg").symlink_to(secret)
    with_photo(project, "jane.jpg", None)
    (project.content / "notes").symlink_to(tmp_path, target_is_directory=True)
    result = build(project, templates)
    assert result.code == 1
    assert "content/photos/jane.jpg:1:1: is a symbolic link" in result.err
    assert "content/notes:1:1: is a symbolic link" in result.err
    assert not (project.out / "photos").exists()


def test_a_person_file_that_is_a_link_is_reported_once(project: Project, templates: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.yaml"
    target.write_text("name: Else Where\nstatus: detained\nsources: [example-report]\n")
    (project.content / "people/else-where.yaml").symlink_to(target)
    result = build(project, templates)
    assert result.code == 1
    assert result.err.count("else-where.yaml") == 1, result.err


def test_the_preview_refuses_a_link_added_while_it_runs(project: Project, templates: Path) -> None:
    engine = live_engine(project, templates)
    link = templates / "static/env.txt"
    link.symlink_to("/proc/self/environ")
    outcome = engine.run()
    assert not outcome.ok(False)
    assert any("static/env.txt" in p.file and "symbolic link" in p.message for p in outcome.problems.errors)
    assert not (project.out / "static/env.txt").exists()
    link.unlink()
    assert engine.run().ok(False)


# Photos ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_photos_are_published(project: Project, templates: Path, fmt: str) -> None:
    with_photo(project, "jane.jpg", image(fmt))  # the name does not matter, the bytes do
    result = build(project, templates)
    assert result.code == 0, result.err
    assert project.page("en/people/jane-example/").select_one(".photo img") is not None


@pytest.mark.filterwarnings("ignore:IM image format is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", ["TGA", "SGI", "IM", "BMP", "GIF", "TIFF"])
def test_other_formats_are_refused_whatever_their_name(project: Project, templates: Path, fmt: str) -> None:
    with_photo(project, "jane.jpg", image(fmt, (64, 64)))
    result = build(project, templates)
    assert result.code == 1, result.err
    line = next(line for line in result.err.splitlines() if "photo.file:" in line)
    assert line.startswith("content/people/jane-example.yaml:")
    assert "content/photos/jane.jpg is not a JPEG, PNG or WebP image" in line
    assert not (project.out / "photos").exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(project: Project, templates: Path) -> None:
    with_photo(project, "bomb.png", png_header_only(20_000, 20_000))  # 400 million pixels announced
    result = build(project, templates)
    assert result.code == 1
    assert "bomb.png has 400,000,000 pixels, more than the 60,000,000 allowed" in result.err
    project.write("photos/bomb.png", png_header_only(9_000, 7_000))  # 63 million: still over the limit
    result = build(project, templates)
    assert result.code == 1 and "bomb.png has 63,000,000 pixels, more than the 60,000,000 allowed" in result.err
    assert "Warning" not in result.err


def test_an_unreadable_photo_is_an_error(project: Project, templates: Path) -> None:
    with_photo(project, "broken.jpg", image("JPEG")[:40])
    result = build(project, templates)
    assert result.code == 1
    assert "content/people/jane-example.yaml:" in result.err and "broken.jpg" in result.err


def test_the_preview_refuses_a_photo_replaced_by_another_format(project: Project, templates: Path) -> None:
    with_photo(project, "jane.jpg", image("JPEG"))
    engine = live_engine(project, templates)
    project.write("photos/jane.jpg", image("TGA", (64, 64)))
    outcome = engine.run()
    assert not outcome.ok(False)
    assert any(p.field == "photo.file" and "not a JPEG, PNG or WebP" in p.message for p in outcome.problems.errors)
    project.write("photos/jane.jpg", image("PNG"))
    assert engine.run().ok(False)
