"""Write, share, cite: letters, photos without metadata, and the printed fact sheet."""

from __future__ import annotations

import io
import re

import pytest
from helpers import Project
from PIL import Image


def _jpeg_with_gps(width: int = 1200, height: int = 1600, orientation: int = 1) -> bytes:
    image = Image.new("RGB", (width, height), (120, 80, 40))
    exif = image.getexif()
    exif[0x010F] = "SecretCam"  # camera make
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (53.0, 54.0, 0.0)}  # GPS position
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _with_photo(project: Project, data: bytes | None = None, name: str = "jane.jpg") -> None:
    project.write(f"photos/{name}", data or _jpeg_with_gps())
    jane = (project.content / "people/jane-example.yaml").read_text(encoding="utf-8")
    project.write("people/jane-example.yaml", jane + f"photo: {{file: {name}, credit: Example Photographer}}\n")


def test_letters_section_shows_the_postal_address(built_fixture: Project) -> None:
    section = built_fixture.page("ru/people/jane-example/").find("section", class_="letters")
    assert section.h2.get_text() == "Написать письмо"
    assert "Example street 1, 000000 Example town" in section.address.get_text()
    assert "Colony No. 0" in section.address.get_text()


def test_no_letters_section_without_an_address_or_once_released(built_fixture: Project) -> None:
    for slug in ("ivan-sample", "foreign-citizen"):
        assert built_fixture.page(f"en/people/{slug}/").find("section", class_="letters") is None


def test_photo_is_resized_stripped_and_sized_on_the_page(project: Project) -> None:
    _with_photo(project)
    assert project.build().code == 0
    img = project.page("en/people/jane-example/").select_one(".photo img")
    assert img["loading"] == "lazy" and img["width"] == "240" and img["height"] == "320"
    assert img["alt"] == "Jane Example"
    assert "Example Photographer" in project.page("en/people/jane-example/").select_one(".photo figcaption").get_text()
    files = sorted((project.out / "photos").iterdir())
    assert [f.name.rsplit("-", 1)[1] for f in files] == ["240.jpg", "480.jpg"]
    for file in files:
        data = file.read_bytes()
        assert b"SecretCam" not in data and b"Exif" not in data
        with Image.open(file) as image:
            assert not image.getexif() and "icc_profile" not in image.info
            assert image.size in ((240, 320), (480, 640))
    assert (project.out / "en/people/jane-example" / img["src"]).resolve() == files[0].resolve()


def test_photo_turned_by_exif_is_stored_upright(project: Project) -> None:
    _with_photo(project, _jpeg_with_gps(1600, 1200, orientation=6))  # stored sideways, shown portrait
    assert project.build().code == 0
    img = project.page("en/people/jane-example/").select_one(".photo img")
    assert (img["width"], img["height"]) == ("240", "320")
    with Image.open(project.out / "en/people/jane-example" / img["src"]) as image:
        assert image.size == (240, 320)


def test_small_photo_is_never_enlarged(project: Project) -> None:
    _with_photo(project, _jpeg_with_gps(200, 100))
    assert project.build().code == 0
    img = project.page("en/people/jane-example/").select_one(".photo img")
    assert (img["width"], img["height"]) == ("200", "100")
    assert len(list((project.out / "photos").iterdir())) == 1


def test_missing_photo_warns_and_the_page_has_none(project: Project, caplog) -> None:
    jane = (project.content / "people/jane-example.yaml").read_text(encoding="utf-8")
    project.write("people/jane-example.yaml", jane + "photo: {file: missing.jpg, credit: X}\n")
    assert project.build().code == 0
    assert project.page("en/people/jane-example/").select_one(".photo") is None
    assert any("missing.jpg" in r.getMessage() for r in caplog.records)


def test_broken_photo_is_an_error(project: Project) -> None:
    jane = (project.content / "people/jane-example.yaml").read_text(encoding="utf-8")
    project.write("people/jane-example.yaml", jane + "photo: {file: broken.jpg, credit: X}\n")
    project.write("photos/broken.jpg", b"not a picture")
    result = project.build()
    assert result.code == 1
    assert "jane-example.yaml" in result.err and "photos/broken.jpg is not a JPEG, PNG or WebP image" in result.err


def test_withheld_identity_never_gets_a_photo(project: Project) -> None:
    project.write("photos/x.jpg", _jpeg_with_gps())
    withheld = (project.content / "people/foreign-citizen.yaml").read_text(encoding="utf-8")
    project.write("people/foreign-citizen.yaml", withheld + "photo: {file: x.jpg, credit: X}\n")
    result = project.build()
    assert result.code == 1 and "photo" in result.err


def test_photo_becomes_the_open_graph_image_with_base_url(project: Project) -> None:
    _with_photo(project)
    site = (project.content / "site.yaml").read_text(encoding="utf-8")
    project.write("site.yaml", site + "base_url: https://example.org/\n")
    assert project.build().code == 0
    image = project.page("en/people/jane-example/").find("meta", property="og:image")["content"]
    assert re.fullmatch(r"https://example\.org/photos/jane-example-[0-9a-f]{10}-480\.jpg", image)


@pytest.mark.browser
def test_profile_prints_as_one_clean_page_with_its_sources(project: Project, browser) -> None:
    _with_photo(project)
    assert project.build().code == 0
    page = browser.new_page()
    page.goto((project.out / "en/people/jane-example/index.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".masthead").is_hidden()
    assert page.locator(".crumbs").is_hidden()
    assert page.locator("ol.sources").is_visible()
    assert page.locator(".letters address").is_visible()
    # Source addresses are printed after their titles, so the paper copy can be checked.
    after = page.evaluate("getComputedStyle(document.querySelector('ol.sources a[href^=http]'), '::after').content")
    assert "attr" in after or "http" in after
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    page.close()
