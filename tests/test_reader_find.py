"""Find anyone fast: the people index's filters and name search, and Pagefind's full-text search."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import sys
import threading
from collections.abc import Iterator

import pytest
from helpers import TEMPLATES, Project
from playwright.sync_api import expect

from factfile.site.finder import fold


@pytest.mark.parametrize("a, b", [("Бяляцкі", "Bialiatski"), ("Алена Маўшук", "Alena Maushuk"),
                                  ("Яна Прыклад", "Yana Prykład"), ("Кузнечык", "Kuznechyk"),
                                  ("Хаткевіч", "Khatkevich"), ("Łosik", "Лосік"), ("Ihar", "Игар")])
def test_every_spelling_folds_to_one_skeleton(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Ivan Sample") != fold("Jane Example")
    assert fold("  Jane   EXAMPLE! ") == fold("jane example")


def _rows(project: Project, lang: str) -> list[dict]:
    """Return the finder's rows of a language (people/rows.js), each as a dict of its fields."""
    text = (project.out / lang / "people/rows.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.factfileRows=").rstrip().removesuffix(";"))
    return [dict(zip(data["fields"], row)) for row in data["rows"]]


def test_without_javascript_everyone_is_listed_grouped_and_sorted(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/")
    assert page.select_one("form#finder").has_attr("hidden")  # controls appear only when they work
    groups = [(s["data-status"], [a.get_text() for a in s.select("li .who a")]) for s in page.select("section.group")]
    assert groups == [("detained", ["Foreign citizen, name not published"]), ("imprisoned", ["Jane Example"]),
                      ("released", ["Ivan Sample"])]
    assert page.select_one('script[src$="finder.js"]') is not None


def test_rows_carry_every_spelling_but_never_a_withheld_name(built_fixture: Project) -> None:
    rows = {r["name"]: r for r in _rows(built_fixture, "ru")}
    jane = rows["Яна Пример"]
    assert set(jane["names"].split("|")) == {fold(n) for n in ("Jane Example", "Яна Прыклад", "Яна Пример", "Yana Prykład")}
    assert jane["year"] == "2021" and jane["articles"] == "342" and jane["occupation"] == "teacher"
    withheld = rows["Иностранный гражданин, имя не опубликовано"]
    assert withheld["occupation"] == "" and fold("Foreign citizen") in withheld["names"]
    assert "ivan" not in json.dumps(withheld) and withheld["photo"] == ""


def test_filter_options_count_people(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/")
    options = {s["name"]: [o.get_text() for o in s.find_all("option")] for s in page.select("form#finder select")}
    assert options["year"] == ["Any", "2024 (1)", "2021 (1)", "2020 (1)"]
    assert options["article"] == ["Any", "Article 342 (1)"]
    assert options["status"][1:] == ["Detained, awaiting trial (1)", "Imprisoned (1)", "Released (1)"]


def test_articles_sort_as_numbers(project: Project) -> None:
    for i, article in enumerate(["361-1", "130", "342", "361", "13a"]):
        project.write(f"people/p{i}.yaml", f"""
            name: Person {i}
            status: imprisoned
            charges: [{{article: "{article}"}}]
            sources: [example-report]
            """)
    assert project.build().code == 0
    options = [o["value"] for o in project.page("en/people/").select("select[name=article] option")]
    assert options == ["", "130", "342", "361", "361-1", "13a"]


# Browser ---------------------------------------------------------------------------------------


def _open(browser, url: str):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return page, errors


def _visible_names(page) -> list[str]:
    return page.eval_on_selector_all("ul.register li .who a", "els => els.filter(e => e.checkVisibility()).map(e => e.textContent)")


@pytest.mark.browser
def test_filters_narrow_the_list_and_update_counts(built_fixture: Project, browser) -> None:
    page, errors = _open(browser, (built_fixture.out / "en/people/index.html").as_uri())
    assert page.locator("form#finder").is_visible()
    assert page.locator("#finder-count").inner_text() == "3 people"
    page.select_option("select[name=status]", "imprisoned")
    assert _visible_names(page) == ["Jane Example"]
    assert page.locator("#finder-count").inner_text() == "1 person shown"
    assert page.locator('.toc li[data-status="released"] .n').inner_text() == "0"
    assert "status=imprisoned" in page.url
    page.get_by_role("button", name="Show everyone").click()
    # Playwright's expect polls from outside the page: wait_for_function would run a string in the
    # page, which its Content-Security-Policy (no 'unsafe-eval') refuses.
    expect(page.locator("#finder-count")).to_have_text("3 people")
    page.select_option("select[name=year]", "2020")
    assert _visible_names(page) == ["Ivan Sample"]
    page.select_option("select[name=article]", "342")
    assert _visible_names(page) == [] and page.locator("#finder-none").is_visible()
    page.select_option("select[name=year]", "")
    page.select_option("select[name=occupation]", "teacher")
    assert _visible_names(page) == ["Jane Example"]
    assert not errors
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("query", ["prykl", "Прыклад", "ПРИМЕР", "yana prik", "jane"])
def test_name_search_finds_every_spelling_as_you_type(built_fixture: Project, browser, query: str) -> None:
    page, errors = _open(browser, (built_fixture.out / "be/people/index.html").as_uri())
    page.locator("#finder-name").press_sequentially(query)
    expect(page.locator("#finder-results li")).to_have_count(1)
    assert _visible_names(page) == ["Яна Прыклад"]
    assert page.locator("#finder-count").inner_text() == "Паказаны 1 чалавек"
    assert not errors
    page.close()


@pytest.mark.browser
def test_filters_are_restored_from_the_address(built_fixture: Project, browser) -> None:
    url = (built_fixture.out / "ru/people/index.html").as_uri()
    page, _ = _open(browser, url + "#status-released")  # the home page's link to a status: a group of the page
    assert len(_visible_names(page)) == 3 and page.locator("#status-released").is_visible()
    page.goto("about:blank")
    page.goto(url + "#q=%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80&year=2021")
    assert _visible_names(page) == ["Яна Пример"]
    assert page.locator("#finder-name").input_value() == "пример"
    page.close()


@pytest.mark.browser
def test_filtering_ten_thousand_people_stays_instant(built_fixture: Project, browser) -> None:
    rows_js = built_fixture.out / "en/people/rows.js"
    original = rows_js.read_bytes()
    data = json.loads(original.decode().removeprefix("window.factfileRows=").rstrip().removesuffix(";"))
    template = dict(zip(data["fields"], next(r for r in data["rows"] if r[5] == "2021")))
    rows = [[{**template, "slug": f"p{i}", "name": f"Person {i:05d} Example", "names": fold(f"Person {i:05d} Example"),
              "year": str(2000 + i % 25)}[f] for f in data["fields"]] for i in range(10_000)]
    rows_js.write_text("window.factfileRows=" + json.dumps({"fields": data["fields"], "rows": rows}) + ";", encoding="utf-8")
    try:
        page, errors = _open(browser, (built_fixture.out / "en/people/index.html").as_uri())
        page.fill("#finder-name", "p")  # loads the rows
        expect(page.locator("#finder-count")).to_have_text("10,000 people shown")
        timings = page.evaluate("""async () => {
            const input = document.getElementById('finder-name');
            const year = document.querySelector('select[name=year]');
            const settle = async () => { await new Promise(r => requestAnimationFrame(r)); document.body.offsetHeight; };
            const out = [];
            const step = async (field, value) => {
                const t = performance.now();
                field.value = value; field.dispatchEvent(new Event('input', {bubbles: true}));
                await settle();
                out.push(performance.now() - t);
            };
            for (const value of ['p', 'pe', 'per', 'person 0', 'person 01234', '', 'example', '']) await step(input, value);
            for (const value of ['2021', '', '2021']) await step(year, value);
            return out;
        }""")
        expect(page.locator("#finder-count")).to_have_text("400 people shown")
        assert page.locator("#finder-results li").count() == 100 and page.locator("#finder-more").is_visible()
        page.locator("#finder-more").click()
        assert page.locator("#finder-results li").count() == 200
        # A keystroke, filter and drawing included. The median is what a reader feels; the machine
        # running the tests is shared, so single slow frames are tolerated.
        timings.sort()
        assert timings[len(timings) // 2] < 120, timings
        assert not errors
        page.close()
    finally:
        rows_js.write_bytes(original)


# Pagefind ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(built_fixture: Project) -> Iterator[str]:
    """Serve the built fixture under a sub-path, as a mirror might: http://127.0.0.1:PORT/mirror/."""
    root = built_fixture.out.parent / "served"
    root.mkdir(exist_ok=True)
    link = root / "mirror"
    if not link.exists():
        link.symlink_to(built_fixture.out, target_is_directory=True)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/mirror/"
    server.shutdown()


def test_pagefind_index_is_built_per_language(built_fixture: Project) -> None:
    index = built_fixture.out / "pagefind"
    assert (index / "pagefind.js").is_file() and (index / "pagefind-ui.js").is_file()
    metas = sorted(p.name.split("_")[0] for p in index.glob("pagefind.*.pf_meta"))
    assert metas == ["pagefind.be", "pagefind.en", "pagefind.ru"]


def test_search_index_holds_the_records_not_the_lists(built_fixture: Project) -> None:
    urls = set()
    for fragment in (built_fixture.out / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        urls.add(json.loads(data[len(b"pagefind_dcd"):])["url"])
    for lang in ("en", "be", "ru"):
        for slug in ("jane-example", "ivan-sample", "foreign-citizen"):
            assert f"/{lang}/people/{slug}/index.html" in urls
        for listing in ("", "people/", "timeline/", "letters/", "search/", "figures/", "changes/"):
            assert f"/{lang}/{listing}index.html" not in urls, listing
    assert {url.split("/")[2] for url in urls} <= {"people", "events", "places", "articles", "about"}, urls


def test_search_page_without_javascript_points_elsewhere(built_fixture: Project) -> None:
    page = built_fixture.page("en/search/")
    note = page.select_one(".search-nojs")
    assert "JavaScript" in note.get_text() and note.find("a")["href"] == "../people/index.html"
    for script in page.select("script[src]"):
        assert not script["src"].startswith(("http:", "https:", "//"))


def _search(browser, url: str, query: str):
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: messages.append(str(exc)))
    page.goto(url)
    expect(page.locator("form#search")).to_be_visible()
    page.fill("#search-q", query)
    expect(page.locator("#search-pages li a").first).to_be_visible()
    return page, messages


SPELLINGS = {"en": "Jane Example", "be": "Яна Прыклад", "ru": "Яна Пример"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "be", "ru"])
@pytest.mark.parametrize("query", ["Прыклад", "Пример", "Example", "Prykład", "Prykl"])
def test_search_finds_every_spelling_from_every_language(served: str, browser, lang: str, query: str) -> None:
    page, messages = _search(browser, f"{served}{lang}/search/index.html", query)
    expect(page.locator("#search-people li .who a")).to_have_text([SPELLINGS[lang]])
    links = page.eval_on_selector_all("#search-pages li > a", "els => els.map(e => e.href)")
    assert f"{served}{lang}/people/jane-example/index.html" in links, links
    assert all(link.startswith(served + lang + "/") for link in links)
    assert not messages, messages
    page.close()


@pytest.mark.browser
def test_search_speaks_the_pages_language_with_its_plurals(served: str, browser) -> None:
    from factfile.problems import Problems
    from factfile.site.i18n import load_catalogues

    catalogues = load_catalogues(TEMPLATES, ["en", "be", "ru"], Problems())
    for lang, query in (("be", "Прыклад"), ("ru", "Пример"), ("en", "Example")):
        page, messages = _search(browser, f"{served}{lang}/search/index.html", query)
        said = page.locator("#search-count").inner_text()
        found = int(re.search(r"\d+", said).group())
        assert said == catalogues[lang].plural("search.results", found), said  # CLDR's form for the count
        text = page.locator("main").inner_text()
        if lang != "en":
            for english in ("Clear", "Filters", "result", "Load more", "Search"):
                assert english not in text, (lang, english)
        assert not messages, messages
        page.close()


@pytest.mark.browser
def test_search_filters_and_requests_nothing_from_another_host(served: str, browser) -> None:
    page, messages = _search(browser, served + "ru/search/index.html", "Пример")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    options = page.eval_on_selector_all("#search-status option", "els => els.map(e => e.value)")
    assert set(options) == {"", "Задержан, ожидает суда", "Освобождён", "Отбывает наказание"}
    page.select_option("#search-status", "Освобождён")
    expect(page.locator("#search-people")).to_be_hidden()  # Яна Пример is not released
    page.select_option("#search-status", "")
    page.get_by_role("link", name="Яна Пример", exact=True).first.click()
    page.wait_for_url("**/ru/people/jane-example/index.html")
    assert all(r.startswith(served[:-len("mirror/")]) for r in requests)  # nothing from another host
    assert not messages, messages
    page.close()


def test_profiles_carry_every_spelling_for_the_search_index(built_fixture: Project) -> None:
    record = built_fixture.page("en/people/jane-example/").select_one("p.spellings")
    assert record.has_attr("hidden") and not record.find_parent(attrs={"data-pagefind-ignore": True})
    spellings = record.get_text().split(" · ")
    for spelling in ("Jane Example", "Яна Прыклад", "Яна Пример", "Yana Prykład", "Yana Pryklad", "Yana Primer",
                     fold("Яна Прыклад")):
        assert spelling in spellings, spelling
    withheld = built_fixture.page("ru/people/foreign-citizen/").select_one("p.spellings").get_text()
    assert "Foreign citizen, name not published" in withheld and "Иностранный гражданин" in withheld


@pytest.mark.browser
def test_script_folds_names_as_the_build_does(project: Project, browser) -> None:
    # Fictional people known in one script only; readers type them in another.
    people = {"mikola": "Мікола Хвядзюк", "zofia": "Zofia Łukaszewicz", "pyotr": "Пётр Щукин",
              "hanna": "Ганна Цішчанка"}
    for slug, name in people.items():
        project.write(f"people/{slug}.yaml", f"name: {name}\nstatus: imprisoned\nsources: [example-report]\n")
    assert project.build().code == 0
    page, errors = _open(browser, (project.out / "en/people/index.html").as_uri())
    for query, expected in (("Khviadziuk", "Мікола Хвядзюк"), ("Лукашевич", "Zofia Łukaszewicz"),
                            ("Pyotr Shchukin", "Пётр Щукин"), ("Hanna Tsishchanka", "Ганна Цішчанка"),
                            ("ЦІШЧ", "Ганна Цішчанка")):
        page.fill("#finder-name", query)
        assert _visible_names(page) == [expected], query
    assert not errors
    page.close()


def test_no_search_skips_the_index_and_a_failing_index_is_a_clear_error(project: Project, monkeypatch) -> None:
    assert project.build("--no-search").code == 0
    assert not (project.out / "pagefind").exists() and (project.out / "en/index.html").is_file()
    before = (project.out / "en/index.html").read_bytes()
    from factfile.outputs import search
    monkeypatch.setattr(search, "command", lambda staging, lang: [sys.executable, "-c", "import sys; sys.exit(6)"])
    project.write("people/ivan-sample.yaml", "name: Ivan Changed\nstatus: unknown\nsources: [example-report]\n")
    result = project.build()
    assert result.code == 1 and "the site was not published: pagefind failed (6)" in result.err
    assert "internal error" not in result.err
    assert (project.out / "en/index.html").read_bytes() == before
