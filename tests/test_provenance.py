"""Provenance on every page: who publishes the site, under which licences, where to report an
inaccuracy, plain content pages (about, methodology, letters), and sources readers can check."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, TEMPLATES, Project, live_engine, run_cli

SITE = (ROOT / "tests" / "fixtures" / "content" / "site.yaml").read_text(encoding="utf-8")
PROVENANCE = """
publisher:
  name:
    en: Example Rights Group
    be: Прыкладная праваабарончая група
  url: https://rights.example.org/
  email: corrections@rights.example.org
license:
  text: CC-BY-4.0
  data: CC0-1.0
corrections: https://github.com/example/factfile/issues/new?template=correction.yml&page={page}
"""
ABOUT = """
title:
  en: About this site
  be: Пра сайт
  ru: О сайте
body:
  en: |
    # Who we are

    A *fictional* group. <script>alert(1)</script> [A link](javascript:alert(1)) and
    [a real one](https://rights.example.org/).
  ru: |
    Вымышленная группа.
"""


@pytest.fixture
def provenance(project: Project) -> Project:
    project.write("site.yaml", SITE + PROVENANCE)
    project.write("pages/about.yaml", ABOUT)
    project.write("pages/methodology.yaml", "title: How we decide what to publish\nbody: Every fact cites a source.\n")
    result = project.build()
    assert result.code == 0, result.err
    return project


def _correction(page: BeautifulSoup, selector: str) -> str:
    link = page.select_one(selector)
    assert link is not None, selector
    assert link["rel"] == ["noopener", "noreferrer"]
    return parse_qs(urlsplit(link["href"]).query)["page"][0]


# The foot of every page ------------------------------------------------------------------------

@pytest.mark.parametrize("lang, publisher, text_licence", [
    ("en", "Published by Example Rights Group", "Text licence:"),
    ("be", "Выдавец: Прыкладная праваабарончая група", "Ліцэнзія тэксту:"),
    ("ru", "Издатель: Example Rights Group", "Лицензия текста:"),  # no ru name: the en one, marked
])
def test_every_page_names_the_publisher_and_the_licences(provenance: Project, lang: str, publisher: str,
                                                         text_licence: str) -> None:
    for path in (f"{lang}/", f"{lang}/people/", f"{lang}/people/jane-example/", f"{lang}/data/", f"{lang}/about/"):
        footer = provenance.page(path).select_one("footer.site-footer")
        text = footer.get_text(" ", strip=True)
        assert publisher in text and text_licence in text, (path, text)
        links = {a.get_text(): a["href"] for a in footer.select("a")}
        assert links["Example Rights Group" if lang != "be" else "Прыкладная праваабарончая група"] == \
            "https://rights.example.org/"
        assert links["corrections@rights.example.org"] == "mailto:corrections@rights.example.org"
        assert links["CC-BY-4.0"] == "https://spdx.org/licenses/CC-BY-4.0.html"
        assert links["CC0-1.0"] == "https://spdx.org/licenses/CC0-1.0.html"
    if lang == "ru":
        assert provenance.page("ru/").select_one("footer span[lang=en]").get_text() == "Example Rights Group"


def test_footer_links_the_content_pages_in_each_language(provenance: Project) -> None:
    for lang, about in (("en", "About this site"), ("be", "Пра сайт"), ("ru", "О сайте")):
        for path in (f"{lang}/", f"{lang}/people/jane-example/", f"{lang}/timeline/2024/"):
            footer = provenance.page(path).select("footer .footer-links a")
            titles = [a.get_text() for a in footer]
            assert titles[:2] == [about, "How we decide what to publish"], (path, titles)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path + "index.html"), footer[0]["href"]))
            assert target == f"{lang}/about/index.html"
    current = provenance.page("be/about/").select_one("footer .footer-links [aria-current=page]")
    assert current.get_text() == "Пра сайт"


def test_without_provenance_settings_the_footer_claims_nothing(built_fixture: Project) -> None:
    footer = built_fixture.page("en/people/jane-example/").select_one("footer.site-footer")
    assert footer.get_text(" ", strip=True).startswith("Every fact on this site cites its source.")
    assert "repository" not in footer.get_text() and "Published by" not in footer.get_text()
    assert built_fixture.page("en/people/jane-example/").select_one(".report") is None


# Report an inaccuracy --------------------------------------------------------------------------

def test_each_profile_and_event_links_to_report_an_inaccuracy_on_it(provenance: Project) -> None:
    person = provenance.page("en/people/jane-example/")
    assert person.select_one("article .report a").get_text() == "Report an inaccuracy on this page"
    assert _correction(person, "article .report a") == "en/people/jane-example/"
    event = provenance.page("ru/events/2021-05-12-arrest/")
    assert event.select_one("article .report a").get_text() == "Сообщить о неточности на этой странице"
    assert _correction(event, "article .report a") == "ru/events/2021-05-12-arrest/"
    home = provenance.page("be/")
    assert _correction(home, "footer a[href^='https://github.com']") == "be/"
    assert home.select_one("article .report") is None


def test_the_page_is_its_public_address_with_base_url_and_url_encoded(provenance: Project) -> None:
    provenance.write("site.yaml", SITE + PROVENANCE + "base_url: https://example.org/factfile/\n")
    assert provenance.build().code == 0
    link = provenance.page("en/people/jane-example/").select_one("article .report a")["href"]
    assert link == ("https://github.com/example/factfile/issues/new?template=correction.yml&page="
                    "https%3A%2F%2Fexample.org%2Ffactfile%2Fen%2Fpeople%2Fjane-example%2F")


# Content pages ---------------------------------------------------------------------------------

def test_content_pages_render_in_every_language_with_fallback_marked(provenance: Project) -> None:
    en = provenance.page("en/about/")
    assert en.h1.get_text() == "About this site"
    assert en.title.get_text().startswith("About this site · ")
    assert en.select_one("main h2").get_text() == "Who we are"  # # in the body is the page's h2
    ru = provenance.page("ru/about/")
    assert ru.h1.get_text() == "О сайте" and "Вымышленная группа." in ru.main.get_text()
    be = provenance.page("be/about/")
    assert be.h1.get_text() == "Пра сайт"
    body = be.select_one(".prose > div[lang=en]")  # no be text: the en one, marked
    assert body is not None and "fictional" in body.get_text()
    other = provenance.page("be/methodology/")
    assert other.select_one("h1 span[lang=en]").get_text() == "How we decide what to publish"


def test_content_page_markdown_is_sanitised(provenance: Project) -> None:
    raw = (provenance.out / "en/about/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "javascript:" not in raw
    links = [a["href"] for a in provenance.page("en/about/").select("main a[href]")]
    assert links == ["https://rights.example.org/"]


def test_content_pages_are_searchable_and_in_the_sitemap(provenance: Project) -> None:
    provenance.write("site.yaml", SITE + PROVENANCE + "base_url: https://example.org/factfile/\n")
    assert provenance.build().code == 0
    assert provenance.page("en/about/").select_one("main[data-pagefind-body]") is not None
    sitemap = (provenance.out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/factfile/ru/about/</loc>" in sitemap


@pytest.mark.parametrize("slug, what", [("people", "the people index and profiles"), ("events", "the event pages"),
                                        ("search", "the search page"), ("data", "the open data page"),
                                        ("timeline", "the timeline")])
def test_a_content_page_may_not_take_a_built_in_address(project: Project, slug: str, what: str) -> None:
    project.write(f"pages/{slug}.yaml", "title: T\nbody: B\n")
    result = project.check()
    assert result.code == 1
    assert f"content/pages/{slug}.yaml:1:1: '{slug}' is the address of {what} (<lang>/{slug}/) (rename the file" \
        in result.err


@pytest.mark.parametrize("text, message", [
    ("body: B\n", "content/pages/about.yaml:1:1: title: is required but missing (add 'title:')"),
    ("title: T\n", "content/pages/about.yaml:1:1: body: is required but missing (add 'body:')"),
    ("title: T\nbody: B\nauthor: X\n", "content/pages/about.yaml:3:1: author: unknown field"),
    ("title: {en: T, de: T}\nbody: B\n", "content/pages/about.yaml:1:16: title.de: 'de' is not a language of this site"),
])
def test_content_page_mistakes_are_positioned(project: Project, text: str, message: str) -> None:
    project.write("pages/about.yaml", text)
    result = project.check()
    assert result.code == 1
    assert message in result.err, result.err


def test_bad_content_page_file_names_are_refused(project: Project) -> None:
    project.write("pages/About Us.yaml", "title: T\nbody: B\n")
    result = project.check()
    assert result.code == 1 and "content/pages/About Us.yaml:1:1: 'About Us' is not a valid file name" in result.err


def test_the_live_preview_picks_up_a_new_content_page(project: Project) -> None:
    engine = live_engine(project)
    project.write("pages/about.yaml", "title: About\nbody: Hello.\n")
    outcome = engine.run()
    assert outcome.ok(False), [str(p) for p in outcome.problems.items]
    assert project.page("en/about/").h1.get_text() == "About"
    assert "About" in [a.get_text() for a in project.page("ru/people/").select("footer a")]


# Site settings: positioned errors ---------------------------------------------------------------

@pytest.mark.parametrize("setting, message", [
    ("license: {text: CC-BY-4, data: CC0-1.0}",
     "content/site.yaml:8:17: license.text: 'CC-BY-4' is not an SPDX licence id (did you mean 'CC-BY-4.0'?"),
    ("license: {text: cc-by-4.0, data: CC0-1.0}",
     "content/site.yaml:8:17: license.text: 'cc-by-4.0' is not an SPDX licence id (did you mean 'CC-BY-4.0'?)"),
    ("license: {text: CC-BY-4.0, data: Public Domain}",
     "content/site.yaml:8:34: license.data: 'Public Domain' is not an SPDX licence id"),
    ("license: {text: CC-BY-4.0}", "content/site.yaml:8:10: license.data: is required but missing"),
    ("corrections: https://github.com/example/factfile/issues/new",
     "content/site.yaml:8:14: corrections: 'https://github.com/example/factfile/issues/new' has no {page} "
     "(put {page} where the address of the page goes"),
    ("corrections: https://example.org/report?page={page}&lang={lang}",
     "content/site.yaml:8:14: corrections: 'https://example.org/report?page={page}&lang={lang}' has braces other "
     "than {page}"),
    ("corrections: mailto:fix@example.org?subject={page}",
     "content/site.yaml:8:14: corrections: 'mailto:fix@example.org?subject={page}' is not an http(s) URL"),
    ("publisher: {name: X, email: not-an-address}",
     "content/site.yaml:8:29: publisher.email: 'not-an-address' is not an e-mail address"),
    ("publisher: {name: X, email: 'mailto:x@example.org'}",
     "publisher.email: 'mailto:x@example.org' is not an e-mail address (write only the address, without mailto:)"),
    ("publisher: {url: https://example.org/}", "content/site.yaml:8:12: publisher.name: is required but missing"),
    ("publisher: {name: X, url: example.org}", "content/site.yaml:8:27: publisher.url: 'example.org' is not an http(s) URL"),
])
def test_provenance_mistakes_are_positioned_errors(project: Project, setting: str, message: str) -> None:
    project.write("site.yaml", SITE + setting + "\n")
    result = project.check()
    assert result.code == 1
    assert message in result.err, result.err


# Sources readers can check ---------------------------------------------------------------------

def test_a_source_without_an_address_is_a_warning_and_fails_strict(project: Project) -> None:
    project.write("sources.yaml", (project.content / "sources.yaml").read_text(encoding="utf-8")
                  + "paper-only:\n  title: Letter from prison\n  publisher: A family\n"
                  + "archive-only:\n  title: Gone\n  publisher: Example\n  archived_url: https://archive.example.org/g\n")
    project.write("people/cited.yaml", """
        name: Cited Person
        status: unknown
        charges:
          - text: Something
            sources: [{title: Court paper, publisher: Example Court}]
        sources: [paper-only, archive-only, {title: Inline, publisher: Example, url: "https://news.example.org/i"}]
        """)
    result = project.check()
    assert result.code == 0, result.err
    assert ("content/sources.yaml:13:1: warning: paper-only: has neither url nor archived_url: readers cannot "
            "check it (add url: where it can be read, or archived_url: a copy in a web archive)") in result.err
    assert "content/people/cited.yaml:5:15: warning: charges[0].sources[0]: has neither url nor archived_url" \
        in result.err
    assert "archive-only: has neither" not in result.err and "sources[2]: has neither" not in result.err
    assert project.check("--strict").code == 1


# Open data -------------------------------------------------------------------------------------

def test_open_data_page_and_folder_name_the_licence(provenance: Project) -> None:
    page = provenance.page("be/data/")
    section = page.select_one("section[aria-labelledby=license]")
    assert section.h2.get_text() == "Ліцэнзія"
    link = section.select_one("a[rel~=license]")
    assert link.get_text() == "CC0-1.0" and link["href"] == "https://spdx.org/licenses/CC0-1.0.html"
    assert "Файлы даных апублікаваныя паводле ліцэнзіі CC0-1.0." in " ".join(section.get_text().split())
    readme = (provenance.out / "data/README.txt").read_text(encoding="utf-8")
    assert readme.startswith("Test fact file: open data\n")
    assert "The data files are published under the licence CC0-1.0 (https://spdx.org/licenses/CC0-1.0.html)." in readme
    assert "Published by Example Rights Group (https://rights.example.org/, corrections@rights.example.org)" in readme
    assert "en/data/index.html" in readme


def test_without_a_licence_the_data_says_so(built_fixture: Project) -> None:
    assert "No licence has been stated" in (built_fixture.out / "data/README.txt").read_text(encoding="utf-8")
    section = built_fixture.page("en/data/").select_one("section[aria-labelledby=license]")
    assert "No licence has been stated for this data yet" in section.get_text()


def test_home_page_structured_data_names_publisher_and_licence(provenance: Project) -> None:
    script = provenance.page("en/").find("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["license"] == "https://spdx.org/licenses/CC-BY-4.0.html"
    assert data["publisher"] == {"@type": "Organization", "name": "Example Rights Group",
                                 "url": "https://rights.example.org/", "email": "corrections@rights.example.org"}


def test_the_sample_site_has_its_content_pages_and_licence(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("build", "--content", ROOT / "content", "--templates", TEMPLATES, "--out", out, "--no-search")
    assert result.code == 0, result.err
    for lang in ("en", "be", "ru"):
        page = BeautifulSoup((out / lang / "index.html").read_text(encoding="utf-8"), "html.parser")
        hrefs = [a["href"] for a in page.select("footer .footer-links a")]
        assert hrefs[:3] == ["about/index.html", "letters/index.html", "methodology/index.html"]
        for href in hrefs[:3]:
            body = BeautifulSoup((out / lang / href).read_text(encoding="utf-8"), "html.parser").main
            assert not body.select("[lang]"), (lang, href)  # written in the page's language
    assert "CC-BY-4.0" in (out / "data/README.txt").read_text(encoding="utf-8")
