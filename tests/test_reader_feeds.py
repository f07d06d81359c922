"""Feeds, sitemap, robots.txt and structured data, read back with parsers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest
from helpers import Project

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"

# Properties schema.org defines for the types the site publishes (https://schema.org/Person, /Event, /WebSite).
SCHEMA_ORG = {
    "Person": {"name", "alternateName", "description", "url", "image", "birthDate", "nationality",
               "hasOccupation", "affiliation"},
    "Event": {"name", "description", "url", "startDate", "endDate", "about", "inLanguage"},
    "WebSite": {"name", "description", "url", "inLanguage"},
}


def _with_base(project: Project) -> Project:
    site = (project.content / "site.yaml").read_text(encoding="utf-8")
    project.write("site.yaml", site + "base_url: https://example.org/files\n")
    assert project.build().code == 0
    return project


def test_each_language_has_a_valid_atom_feed(built_fixture: Project) -> None:
    for lang in ("en", "be", "ru"):
        raw = (built_fixture.out / lang / "feed.xml").read_bytes()
        feed = feedparser.parse(raw)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        root = ET.fromstring(raw)
        for required in ("id", "title", "updated", "author"):
            assert root.find(ATOM + required) is not None, required
        entries = root.findall(ATOM + "entry")
        assert len(entries) == 2
        for entry in entries:
            for required in ("id", "title", "updated", "link"):
                assert entry.find(ATOM + required) is not None, required
        ids = [e.find(ATOM + "id").text for e in entries]
        assert len(set(ids)) == len(ids)
    ru = feedparser.parse((built_fixture.out / "ru/feed.xml").read_bytes())
    assert ru.entries[0].updated.startswith("2024-02-01")  # newest first
    assert ru.entries[1].title == "Задержана Яна Пример"
    link = ru.entries[1].link
    assert (built_fixture.out / "ru" / link).is_file()  # relative to the feed without base_url


def test_feed_is_linked_from_pages(built_fixture: Project) -> None:
    page = built_fixture.page("be/")
    link = page.find("link", type="application/atom+xml")
    assert link["href"] == "feed.xml"


def test_feed_keeps_the_newest_fifty(project: Project) -> None:
    for i in range(55):
        project.write(f"events/e-{i:02d}.yaml", f"""
            date: 2022-01-{i % 28 + 1:02d}
            title: Event {i}
            sources: [example-report]
            """)
    assert project.build().code == 0
    feed = feedparser.parse((project.out / "en/feed.xml").read_bytes())
    assert len(feed.entries) == 50
    assert feed.entries[0].title == "Ivan Sample and a foreign citizen are named in a pardon"


def test_sitemap_and_robots_only_with_base_url(built_fixture: Project, project: Project) -> None:
    assert not (built_fixture.out / "sitemap.xml").exists() and not (built_fixture.out / "robots.txt").exists()
    _with_base(project)
    root = ET.fromstring((project.out / "sitemap.xml").read_bytes())
    urls = root.findall(SITEMAP + "url")
    locs = [u.find(SITEMAP + "loc").text for u in urls]
    assert "https://example.org/files/be/people/jane-example/" in locs
    assert all(loc.startswith("https://example.org/files/") for loc in locs)
    pages = [p for p in project.out.rglob("index.html") if p.parent != project.out]
    assert len(locs) == len(set(locs)) == len(pages)  # every page but the language chooser
    jane = urls[locs.index("https://example.org/files/be/people/jane-example/")]
    alternates = {a.get("hreflang"): a.get("href") for a in jane.findall(XHTML + "link")}
    assert alternates["ru"] == "https://example.org/files/ru/people/jane-example/"
    assert set(alternates) == {"en", "be", "ru"}
    robots = (project.out / "robots.txt").read_text()
    assert "Sitemap: https://example.org/files/sitemap.xml" in robots
    feed = feedparser.parse((project.out / "en/feed.xml").read_bytes())
    assert feed.entries[0].link.startswith("https://example.org/files/en/events/")
    assert feed.feed.links[1].rel == "self"


def _json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


@pytest.mark.parametrize("path, kind", [("en/people/jane-example/", "Person"), ("ru/events/2021-05-12-arrest/", "Event"),
                                        ("be/", "WebSite")])
def test_json_ld_parses_and_uses_schema_org_terms(built_fixture: Project, path: str, kind: str) -> None:
    data = _json_ld(built_fixture.page(path))
    assert data["@context"] == "https://schema.org" and data["@type"] == kind
    assert set(data) - {"@context", "@type"} <= SCHEMA_ORG[kind]
    assert data["name"]


def test_json_ld_of_a_person_and_an_event(project: Project) -> None:
    _with_base(project)
    person = _json_ld(project.page("ru/people/jane-example/"))
    assert person["name"] == "Яна Пример" and person["birthDate"] == "1980-04-02"
    assert person["url"] == "https://example.org/files/ru/people/jane-example/"
    event = _json_ld(project.page("en/events/2021-05-12-arrest/"))
    assert event["startDate"] == "2021-05-12" and event["about"] == [{"@type": "Person", "name": "Jane Example"}]
    assert "<strong>" not in event["description"] and "**" not in event["description"]


def test_json_ld_cannot_close_its_script(project: Project) -> None:
    project.write("people/tricky.yaml", """
        name: "Tricky </script><b>bold</b>"
        status: imprisoned
        sources: [example-report]
        """)
    assert project.build().code == 0
    raw = (project.out / "en/people/tricky/index.html").read_text(encoding="utf-8")
    block = raw.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(block)["name"] == "Tricky </script><b>bold</b>"


def test_withheld_identity_gives_no_identifying_data(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/foreign-citizen/")
    data = _json_ld(page)
    assert data["name"] == "Foreign citizen, name not published"
    assert not {"alternateName", "birthDate", "image", "hasOccupation", "affiliation"} & set(data)
    assert page.find("meta", property="og:image") is None


def test_open_graph_and_twitter_card(built_fixture: Project) -> None:
    page = built_fixture.page("ru/people/jane-example/")
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert og["og:title"] == "Яна Пример" and og["og:type"] == "profile" and og["og:locale"] == "ru"
    assert og["og:description"] == "A fictional teacher used to test every field."
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
