"""Take the data: JSON, CSV, per-person files, schemas, the open data page and the offline copy."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import posixpath
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import Project

from factfile.content import model
from factfile.content.schema import content_schemas


def test_people_and_events_json(built_fixture: Project) -> None:
    people = json.loads((built_fixture.out / "data/people.json").read_text(encoding="utf-8"))
    assert [p["slug"] for p in people] == ["foreign-citizen", "ivan-sample", "jane-example"]
    jane = people[2]
    assert jane["name"] == {"en": "Jane Example", "be": "Яна Прыклад", "ru": "Яна Пример"}
    assert jane["sentence"]["term"] == "P3Y6M" and jane["detained"] == "2021-05-12"
    assert jane["charges"][0]["sources"][0]["id"] == "example-court-record"
    assert jane["sources"][1] == {"title": {"en": "Inline source"}, "publisher": "Example Blog",
                                  "url": "https://blog.example.org/x"}
    assert jane["pages"]["ru"] == "ru/people/jane-example/index.html"
    assert (built_fixture.out / jane["pages"]["ru"]).is_file()
    assert jane["events"] == ["2021-05-12-arrest"]
    events = json.loads((built_fixture.out / "data/events.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in events] == ["2021-05-12-arrest", "2024-02-release"]
    assert events[1]["people"] == ["ivan-sample", "foreign-citizen"] and events[1]["end"] == "2024-03"


def test_one_json_per_person_matches_the_list(built_fixture: Project) -> None:
    people = json.loads((built_fixture.out / "data/people.json").read_text(encoding="utf-8"))
    for person in people:
        single = json.loads((built_fixture.out / f"data/people/{person['slug']}.json").read_text(encoding="utf-8"))
        assert single == person


def test_withheld_identity_is_exported_as_its_page_shows_it(built_fixture: Project) -> None:
    raw = {path: (built_fixture.out / path).read_text(encoding="utf-8")
           for path in ("data/people.json", "data/people.csv", "data/people/foreign-citizen.json")}
    withheld = json.loads(raw["data/people/foreign-citizen.json"])
    assert withheld["identity_withheld"] is True
    assert withheld["label"]["en"] == "Foreign citizen, name not published"
    assert not set(model.IDENTIFYING_FIELDS) & set(withheld)
    row = next(r for r in csv.DictReader(io.StringIO(raw["data/people.csv"])) if r["slug"] == "foreign-citizen")
    assert row["name_en"] == "Foreign citizen, name not published" and row["also_known_as"] == ""


def test_csv_files_parse_with_one_row_per_record(built_fixture: Project) -> None:
    people = list(csv.DictReader(io.StringIO((built_fixture.out / "data/people.csv").read_text(encoding="utf-8"))))
    assert [r["slug"] for r in people] == ["foreign-citizen", "ivan-sample", "jane-example"]
    jane = people[2]
    assert jane["name_be"] == "Яна Прыклад" and jane["also_known_as"] == "Yana Prykład; Яна Прыклад"
    assert jane["charge_articles"] == "342" and jane["sentence_term"] == "P3Y6M"
    events = list(csv.DictReader(io.StringIO((built_fixture.out / "data/events.csv").read_text(encoding="utf-8"))))
    assert events[0]["title_ru"] == "Задержана Яна Пример" and events[1]["people"] == "ivan-sample; foreign-citizen"


def test_csv_quotes_commas_quotes_and_newlines(project: Project) -> None:
    project.write("people/odd.yaml", '''
        name: 'Odd, "Quoted"'
        status: imprisoned
        summary: "line one, still one line"
        sources: [example-report]
        ''')
    assert project.build().code == 0
    rows = list(csv.DictReader(io.StringIO((project.out / "data/people.csv").read_text(encoding="utf-8"))))
    assert next(r for r in rows if r["slug"] == "odd")["name_en"] == 'Odd, "Quoted"'


def test_schemas_are_published_and_current(built_fixture: Project) -> None:
    for name, schema in content_schemas().items():
        assert json.loads((built_fixture.out / "data/schema" / name).read_text(encoding="utf-8")) == schema


def test_open_data_page_links_every_file_and_documents_every_field(built_fixture: Project) -> None:
    for lang in ("en", "be", "ru"):
        page = built_fixture.page(f"{lang}/data/")
        base = built_fixture.out / lang / "data"
        for a in page.select("main a[href]"):
            assert (base / a["href"]).resolve().is_file(), a["href"]
        hrefs = {posixpath.normpath(posixpath.join(f"{lang}/data", a["href"])) for a in page.select("main a[href]")}
        assert {"data/people.json", "data/people.csv", "data/events.json", "data/events.csv",
                "offline/site.zip", f"{lang}/feed.xml", "data/schema/person.schema.json"} <= hrefs
        documented = {code.get_text() for code in page.select("#person-fields ~ dl code, section dl.fields code")}
        assert {f.name for f in dataclasses.fields(model.Person) if f.name != "origin"} <= documented
        assert {f.name for f in dataclasses.fields(model.Event) if f.name != "origin"} <= documented
    footer = built_fixture.page("ru/people/jane-example/").select_one(".site-footer a")
    assert footer.get_text() == "Открытые данные"


def _links(html: Path) -> list[str]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    found = [tag.get(attr) for tag, attr in
             [(t, "href") for t in soup.find_all(["a", "link"])] + [(t, "src") for t in soup.find_all(["img", "script"])]]
    found += [m["content"].split("url=", 1)[1] for m in soup.find_all("meta", attrs={"http-equiv": "refresh"})]
    return [f for f in found if f and not f.startswith(("http:", "https:", "#", "mailto:"))]


def test_offline_zip_holds_the_whole_site_and_every_link_works(built_fixture: Project, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_fixture.out / "offline/site.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(n.startswith("site/") for n in names)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        archive.extractall(tmp_path)
    root = tmp_path / "site"
    built = {p.relative_to(built_fixture.out).as_posix() for p in built_fixture.out.rglob("*") if p.is_file()}
    unpacked = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    # The page not found is a web server's page (its links start at the server's root): left out.
    assert "404.html" in built
    assert unpacked == {p for p in built if not p.startswith(("offline/", "pagefind/", ".factfile", "404.html"))
                        or p in ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css")}
    pages = list(root.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        for href in _links(page):
            if href.endswith("offline/site.zip"):
                continue  # the copy cannot hold itself; the open data page links it on the live site
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file() and root in target.parents, f"{page.relative_to(root)} -> {href}"


def test_offline_zip_is_reproducible(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1768478400")
    assert project.build().code == 0
    first = (project.out / "offline/site.zip").read_bytes()
    assert project.build().code == 0
    assert (project.out / "offline/site.zip").read_bytes() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.infolist()[0].date_time == (2026, 1, 15, 12, 0, 0)


@pytest.mark.browser
def test_offline_copy_opens_from_disk(built_fixture: Project, browser, tmp_path: Path) -> None:
    with zipfile.ZipFile(built_fixture.out / "offline/site.zip") as archive:
        archive.extractall(tmp_path)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((tmp_path / "site/index.html").as_uri())
    page.wait_for_url("**/en/index.html")
    page.get_by_role("link", name="People", exact=True).first.click()
    page.get_by_role("link", name="Jane Example").click()
    assert page.locator("h1").inner_text() == "Jane Example"
    page.get_by_role("link", name="Русский").click()
    assert page.locator("h1").inner_text() == "Яна Пример"
    assert page.url.startswith("file://") and not errors
    page.close()
