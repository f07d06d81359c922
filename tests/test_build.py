"""The built site, read as a reader would: pages, links, languages, safety, atomicity, determinism."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from helpers import Project, run_cli

LANGS = ["en", "be", "ru"]


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".factfile-site"}


def test_every_page_exists_in_every_language(built_fixture: Project) -> None:
    out = built_fixture.out
    assert (out / "index.html").is_file()
    for lang in LANGS:
        for page in ["", "people/", "timeline/", "timeline/2024/", "timeline/2021/",
                     "people/jane-example/", "people/ivan-sample/", "people/foreign-citizen/",
                     "events/2021-05-12-arrest/", "events/2024-02-release/"]:
            assert (out / lang / page / "index.html").is_file(), f"{lang}/{page}"
    assert (out / "static" / "style.css").is_file()


def test_internal_links_are_relative_and_resolve(built_fixture: Project) -> None:
    out = built_fixture.out
    checked = 0
    for html in out.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        page = html.relative_to(out).as_posix()
        if page == "404.html":  # served at any address, so its links start at the root (test_notfound.py)
            continue
        for tag in soup.find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url:
                continue
            parts = urlsplit(url)
            if parts.scheme in ("http", "https"):
                assert tag.name == "a", f"{page}: {tag.name} loads from another host: {url}"
                assert "noopener" in tag.get("rel", []) and "noreferrer" in tag.get("rel", []), f"{page}: {url}"
                continue
            assert not parts.scheme and not url.startswith("/"), f"{page}: link is not relative: {url}"
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path)) if parts.path else page
            assert (out / target).is_file(), f"{page}: broken link {url}"
            if parts.fragment:
                target_soup = BeautifulSoup((out / target).read_text(encoding="utf-8"), "html.parser")
                assert target_soup.find(id=parts.fragment), f"{page}: missing anchor {url}"
            checked += 1
    assert checked > 300


def test_root_leads_to_default_language(built_fixture: Project) -> None:
    root = built_fixture.page("")
    assert root.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=en/index.html"
    assert [a["hreflang"] for a in root.select("ul.language-choice a")] == LANGS


def test_language_switcher_leads_to_same_page(built_fixture: Project) -> None:
    page = built_fixture.page("be/people/jane-example/")
    assert page.html["lang"] == "be"
    switch = {a["hreflang"]: a["href"] for a in page.select("nav.languages a")}
    assert switch == {"en": "../../../en/people/jane-example/index.html",
                      "ru": "../../../ru/people/jane-example/index.html"}
    alternates = {link["hreflang"] for link in page.find_all("link", rel="alternate", hreflang=True)}
    assert alternates == set(LANGS)


def test_localized_text_and_fallback_marked_with_lang(built_fixture: Project) -> None:
    be = built_fixture.page("be/people/jane-example/")
    assert be.h1.get_text() == "Яна Прыклад"
    # The occupation exists only in English: shown with lang="en" on the Belarusian page.
    occupation = be.find("span", lang="en", string="Teacher")
    assert occupation is not None
    # The bio has a Russian version but no Belarusian one: the English falls back as a block.
    bio = be.select_one("section.bio div[lang=en]")
    assert bio is not None and "fictional" in bio.get_text()
    ru = built_fixture.page("ru/people/jane-example/")
    assert ru.select_one("section.bio div[lang]") is None
    assert "вымышленный" in ru.select_one("section.bio").get_text()
    # A plain string is in the default language: no mark on English pages.
    en = built_fixture.page("en/people/ivan-sample/")
    assert en.h1.get_text() == "Ivan Sample" and en.h1.find(lang=True) is None
    assert built_fixture.page("ru/people/ivan-sample/").h1.find("span", lang="en").get_text() == "Ivan Sample"


@pytest.mark.parametrize("lang, expected", [
    ("en", ["2 April 1980", "12 May 2021", "c. 2020", "3 years 6 months"]),
    ("be", ["2 красавіка 1980\u202fг.", "12 мая 2021\u202fг.", "каля 2020", "3 гады 6 месяцаў"]),
    ("ru", ["2 апреля 1980\u202fг.", "12 мая 2021\u202fг.", "около 2020", "3 года 6 месяцев"]),
])
def test_dates_and_terms_follow_the_locale(built_fixture: Project, lang: str, expected: list[str]) -> None:
    text = built_fixture.page(f"{lang}/people/jane-example/").get_text(" ") + \
        built_fixture.page(f"{lang}/people/ivan-sample/").get_text(" ")
    for fragment in expected:
        assert fragment in text, fragment


def test_dates_are_machine_readable(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/jane-example/")
    assert page.find("time", datetime="2021-05-12").get_text() == "12 May 2021"


def test_person_page_shows_facts_sources_and_own_timeline(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/jane-example/")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text(" ", strip=True) for dt in page.select("dl.facts dt")}
    assert facts["Charge"].startswith("Article 342 — Organising actions")
    assert facts["Charge"].endswith("[3]")  # the court record: cited after the profile's two sources
    assert facts["Citizenship"] == "Belarus"
    sources = [li.get_text(" ", strip=True) for li in page.select("ol.sources li")]
    assert len(sources) == 3 and sources[0].startswith("Example report on fictional people")
    timeline = [li.get_text(" ", strip=True) for li in page.select("ol.timeline li")]
    assert timeline[0].startswith("2 April 1980 Born")
    assert any("Jane Example is arrested" in line for line in timeline)
    arrest = page.find("a", string="Jane Example is arrested")
    assert arrest["href"] == "../../events/2021-05-12-arrest/index.html"


def test_withheld_identity_shows_label_only(built_fixture: Project) -> None:
    for lang in LANGS:
        page = built_fixture.page(f"{lang}/people/foreign-citizen/")
        assert page.select_one("p.notice") is not None
    assert built_fixture.page("en/people/foreign-citizen/").h1.get_text() == "Foreign citizen, name not published"
    event = built_fixture.page("en/events/2024-02-release/")
    assert "Foreign citizen, name not published" in [a.get_text() for a in event.select("ul.people a")]


def test_event_page_links_people_and_index_groups_by_status(built_fixture: Project) -> None:
    event = built_fixture.page("en/events/2024-02-release/")
    assert [a["href"] for a in event.select("ul.people a")] == [
        "../../people/ivan-sample/index.html", "../../people/foreign-citizen/index.html"]
    index = built_fixture.page("en/people/")
    headings = [h.get_text() for h in index.select("section h2")]
    assert headings == ["Detained, awaiting trial", "Imprisoned", "Released"]
    assert "3 people" in index.get_text()
    assert "3 человека" in built_fixture.page("ru/people/").get_text()


def test_home_figures(built_fixture: Project) -> None:
    home = built_fixture.page("en/")
    rows = {th.get_text(strip=True): td.get_text() for th, td in
            ((tr.th, tr.td) for tr in home.select("table.figures")[0].select("tbody tr"))}
    assert rows == {"Detained, awaiting trial": "1", "Imprisoned": "1", "Released": "1"}
    assert [a.get_text() for a in home.select("ul.events a")][0] == "Ivan Sample and a foreign citizen are named in a pardon"


def test_timeline_newest_first_grouped_by_year(built_fixture: Project) -> None:
    page = built_fixture.page("en/timeline/")
    assert [h.get_text() for h in page.select("section h2")] == ["2024", "2021", "2020"]
    datetimes = [t["datetime"] for t in page.select("ol.timeline time")]
    assert datetimes == sorted(datetimes, reverse=True)


HOSTILE = """
    name: <script>alert(1)</script>
    status: imprisoned
    summary: '"><img src=x onerror=alert(1)>'
    bio: |
      Hello <script>alert(2)</script> <img src="x" onerror="alert(3)">
      [click](javascript:alert(4)) <a href="data:text/html,x" onclick="alert(5)">y</a>
      <iframe src="https://evil.example.org"></iframe>
    sources: [example-report]
    """


def test_content_cannot_inject_markup_or_script(project: Project) -> None:
    project.write("people/hostile.yaml", HOSTILE)
    assert project.build().code == 0
    for lang in LANGS:
        raw = (project.out / lang / "people/hostile/index.html").read_text()
        page = BeautifulSoup(raw, "html.parser")
        # The only script element is JSON-LD data, with < escaped so it cannot close the element.
        scripts = page.find_all("script")
        assert all(s.get("type") == "application/ld+json" for s in scripts)
        assert all("<" not in s.string for s in scripts) and raw.count("</script>") == len(scripts)
        assert page.find("img") is None and page.find("iframe") is None
        assert not any(attr.startswith("on") for tag in page.find_all(True) for attr in tag.attrs)
        assert all(not a.get("href", "").lower().startswith(("javascript:", "data:")) for a in page.find_all("a"))
        assert page.h1.get_text() == "<script>alert(1)</script>"  # shown as text
    index = (project.out / "en/people/index.html").read_text()
    assert "<script>" not in index and "&lt;script&gt;" in index


def test_markdown_is_rendered(built_fixture: Project) -> None:
    bio = built_fixture.page("en/people/jane-example/").select_one("section.bio")
    assert bio.find("strong").get_text() == "fictional"
    link = bio.find("a", string="the report")
    assert link["href"] == "https://news.example.org/report" and link["rel"] == ["noopener", "noreferrer"]


def test_same_content_gives_identical_bytes(project: Project, tmp_path: Path) -> None:
    assert project.build().code == 0
    first = tree_digest(project.out)
    assert project.build().code == 0
    assert tree_digest(project.out) == first
    other = run_cli("build", "--content", project.content, "--out", tmp_path / "elsewhere",
                    "--templates", Path(__file__).parent.parent / "templates")
    assert other.code == 0 and tree_digest(tmp_path / "elsewhere") == first


def test_failed_build_leaves_site_untouched(project: Project) -> None:
    assert project.build().code == 0
    before = tree_digest(project.out)
    project.write("people/jane-example.yaml", "name: X\nstatus: released\nsources: [example-report]\n")
    result = project.build()
    assert result.code == 1 and "nothing was written" in result.err
    assert tree_digest(project.out) == before
    # No staging folder is left; only the output's lock file and build cache stay beside it.
    assert [p.name for p in project.root.iterdir() if p.name.startswith(".site")] == [".site.cache", ".site.lock"]


def test_template_error_is_reported_and_writes_nothing(project: Project, tmp_path: Path) -> None:
    import shutil
    templates = tmp_path / "templates"
    shutil.copytree(Path(__file__).parent.parent / "templates", templates)
    (templates / "event.html").write_text("{% extends 'base.html' %}{% block main %}{{ no_such_value }}{% endblock %}")
    result = run_cli("build", "--content", project.content, "--templates", templates, "--out", project.out)
    assert result.code == 1
    assert "event.html:1:" in result.err and "'no_such_value' is undefined" in result.err
    assert not project.out.exists()


def test_check_writes_nothing(project: Project) -> None:
    result = project.check()
    assert result.code == 0 and "checked 53 pages in 3 languages" in result.err
    assert not project.out.exists()


def test_build_summary_line(project: Project) -> None:
    result = project.build()
    assert result.code == 0
    assert result.err.startswith("built 53 pages in 3 languages (en, be, ru) into ")


def test_refuses_to_replace_a_folder_it_did_not_make(project: Project) -> None:
    foreign = project.root / "precious"
    foreign.mkdir()
    (foreign / "thesis.txt").write_text("years of work")
    result = run_cli("build", "--content", project.content, "--out", foreign,
                     "--templates", Path(__file__).parent.parent / "templates")
    assert result.code == 1 and "was not made by factfile" in result.err
    assert (foreign / "thesis.txt").read_text() == "years of work"


def test_output_may_not_be_the_content_folder(project: Project) -> None:
    result = run_cli("build", "--content", project.content, "--out", project.content,
                     "--templates", Path(__file__).parent.parent / "templates")
    assert result.code == 1 and "the output folder may not be or contain" in result.err
    assert (project.content / "site.yaml").is_file()


def test_new_language_without_interface_text_builds_with_warning(project: Project) -> None:
    project.write("site.yaml", "title: T\nlanguages: [en, be, ru, uk]\n")
    result = project.build()
    assert result.code == 0, result.err
    assert "warning: no interface text for 'uk'" in result.err
    assert project.page("uk/").html["lang"] == "uk"
    assert project.build("--strict").code == 1


def test_sample_content_builds_cleanly() -> None:
    root = Path(__file__).parent.parent
    result = run_cli("check", "--strict", cwd=root)
    assert result.code == 0, result.err


def test_fallback_text_never_puts_markup_in_titles_or_attributes(project: Project) -> None:
    project.write("site.yaml", "title: Only English <b>title</b>\ndescription: Only English\nlanguages: [en, be, ru]\n")
    assert project.build().code == 0
    for page in ["be/", "be/people/", "be/people/ivan-sample/", "be/events/2024-02-release/", "be/timeline/", ""]:
        raw = (project.out / (page or "") / "index.html").read_text()
        title = raw.split("<title>", 1)[1].split("</title>", 1)[0]
        assert "<" not in title and "&lt;b&gt;" in title, title
        description = BeautifulSoup(raw, "html.parser").find("meta", attrs={"name": "description"})
        assert description is None or "<" not in description["content"]
    brand = project.page("be/").select_one("a.brand span[lang=en]")
    assert brand is not None


def test_large_timeline_is_split_into_pages(project: Project, monkeypatch) -> None:
    from factfile.site import plan
    monkeypatch.setattr(plan, "TIMELINE_CHUNK", 10)
    monkeypatch.setattr(plan, "TIMELINE_LATEST", 5)
    for day in range(1, 26):
        project.write(f"events/2023-01-{day:02d}-e.yaml", f"date: 2023-01-{day:02d}\ntitle: E{day}\nsources: [example-report]\n")
    assert project.build().code == 0
    latest = project.page("en/timeline/")
    assert len(latest.select("ol.timeline li")) == 5
    assert "Earlier entries are on the page of each year." in latest.get_text()
    pages = [project.page(p) for p in ("en/timeline/2023/", "en/timeline/2023/2/", "en/timeline/2023/3/")]
    assert [len(p.select("ol.timeline li")) for p in pages] == [10, 10, 5]
    assert [a.get_text() for a in pages[0].select("nav.pager a")] == ["2", "3"]
    assert pages[1].select_one("nav.pager [aria-current=page]").get_text() == "2"
    assert not (project.out / "en/timeline/2023/4").exists()
    titles = [li.a.get_text() for p in pages for li in p.select("ol.timeline li")]
    assert titles == [f"E{d}" for d in range(25, 0, -1)]


def test_articles_of_any_shape_sort_on_the_index(project: Project) -> None:
    for i, article in enumerate(["361-1", "361", "130", "abc", "⁰⁴⁵", "361-a", "12.3"]):
        project.write(f"people/p{i}.yaml", f"name: P{i}\nstatus: imprisoned\ncharges: [{{article: '{article}'}}]\nsources: [example-report]\n")
    result = project.build()
    assert result.code == 0, result.err


def test_output_folder_is_readable_by_others(project: Project) -> None:
    import os
    import stat
    old = os.umask(0o022)
    try:
        assert project.build().code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(project.out.stat().st_mode) == 0o755


def test_progress_is_drawn_on_a_terminal_only_and_timings_on_request(tmp_path: Path) -> None:
    """A terminal sees the phases and a page count as they run; a pipe or file sees none of it."""
    import pty
    import subprocess
    import sys

    from helpers import FIXTURE, ROOT

    command = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(FIXTURE), "--templates",
               str(ROOT / "templates"), "--no-search"]
    piped = subprocess.run(command + ["--out", str(tmp_path / "a"), "--timings"], capture_output=True, text=True)
    assert piped.returncode == 0, piped.stderr
    assert "\r" not in piped.stderr and "rendering" not in piped.stderr.split("phases:")[0]
    phases = piped.stderr.splitlines()[-1]
    assert re.fullmatch(r"phases: loading [\d.]+ s, rendering [\d.]+ s, writing data files [\d.]+ s, "
                        r"packing the offline copy [\d.]+ s", phases), phases
    plain = run_cli("build", "--content", FIXTURE, "--templates", ROOT / "templates", "--out", tmp_path / "b",
                    "--no-search")
    assert plain.code == 0 and "phases:" not in plain.err
    main, secondary = pty.openpty()
    with subprocess.Popen(command + ["--out", str(tmp_path / "c")], stdout=secondary, stderr=secondary) as run:
        os.close(secondary)
        drawn = b""
        while True:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the build ended and closed the terminal
                break
            if not chunk:
                break
            drawn += chunk
    assert run.returncode == 0
    text = drawn.decode()
    assert re.search(r"rendering \d+/\d+ pages", text) and "loading…" in text
    assert "\r\x1b[K" in text  # the line is cleared before the summary
    assert text.rstrip().splitlines()[-1].lstrip("\r\x1b[K").startswith("built ")


@pytest.mark.parametrize("option", ["--out", "--content", "--templates", "--cache"])
def test_an_empty_folder_option_is_a_usage_error_not_the_working_folder(project: Project, option: str) -> None:
    result = run_cli("build", option, "", cwd=project.root)
    assert result.code == 2
    assert f"argument {option}: must name a file or folder, not be empty" in result.err
    assert sorted(p.name for p in project.root.iterdir()) == ["content"]  # nothing written here
