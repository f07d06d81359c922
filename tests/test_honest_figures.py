"""Honest figures: lengths of time counted from partial or approximate dates show the range their
dates allow, or nothing, in every language; the script in the browser counts the same; the home
chart says whom it leaves out."""

from __future__ import annotations

import datetime

import pytest
from helpers import Project

from factfile.content.dates import parse_date

# 2026-01-15 12:00 UTC
EPOCH = "1768478400"
LANGS = ("en", "be", "ru")


@pytest.fixture
def dated(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return project


def _person(project: Project, slug: str, detained: str, released: str | None = None) -> None:
    status = "released" if released else "imprisoned"
    project.write(f"people/{slug}.yaml", f"""
        name: Test {slug}
        status: {status}
        detained: {detained}
        {f"released: {released}" if released else ""}
        sources: [example-report]
        """)


def _custody(project: Project, lang: str, slug: str):
    return project.page(f"{lang}/people/{slug}/").select_one(".custody")


def _figure(project: Project, lang: str, slug: str) -> str | None:
    line = _custody(project, lang, slug)
    return None if line is None else line.select_one("[data-custody]").get_text()


# Each case: detained, released (None: still held on 2026-01-15), and what each language shows.
CASES = {
    # The source says "more than three years" by 12 February 2025 and the file says 2021~: any day
    # of 2021 gives 3 years 1 month to 4 years 1 month.
    "kuznechyk": ("2021~", "2025-02-12", {"en": "3 to 4 years", "be": "3–4 гады", "ru": "3–4 года"}),
    "year-to-month": ("2020~", "2024-02", {"en": "3 to 4 years", "be": "3–4 гады", "ru": "3–4 года"}),
    "many-years": ("2015", "2020-06-01", {"en": "4 to 5 years", "be": "4–5 гадоў", "ru": "4–5 лет"}),
    "twenty-one": ("2000", "2021-06-01", {"en": "20 to 21 years", "be": "20–21 год", "ru": "20–21 год"}),
    "month": ("2021-03", "2025-02-12", {"en": "3 years 10 months to 3 years 11 months",
                                        "be": "3 гады 10 месяцаў – 3 гады 11 месяцаў",
                                        "ru": "3 года 10 месяцев – 3 года 11 месяцев"}),
    "months-only": ("2024-03", "2025-01-20", {"en": "9 to 10 months", "be": "9–10 месяцаў",
                                              "ru": "9–10 месяцев"}),
    # An approximate day may be any day of its month.
    "approximate-day": ("2021-05-12~", "2025-02-12", {"en": "3 years 8 months to 3 years 9 months",
                                                      "be": "3 гады 8 месяцаў – 3 гады 9 месяцаў",
                                                      "ru": "3 года 8 месяцев – 3 года 9 месяцев"}),
    "exact": ("2021-05-12", "2025-02-12", {"en": "3 years 9 months", "be": "3 гады 9 месяцаў",
                                           "ru": "3 года 9 месяцев"}),
    # Both ends of the range round to the same wording: one value; "about" when a date is approximate.
    "collapses": ("2020", "2024-12-31", {"en": "4 years", "be": "4 гады", "ru": "4 года"}),
    "collapses-approximate": ("2020~", "2024-12-31", {"en": "about 4 years", "be": "прыкладна 4 гады",
                                                      "ru": "примерно 4 года"}),
    # Less than a year at the least: the year cannot be counted, the months that are sure can.
    "at-least": ("2023", "2024-03-01", {"en": "at least 2 months", "be": "прынамсі 2 месяцы",
                                        "ru": "как минимум 2 месяца"}),
    # Nothing is sure: no figure at all.
    "nothing": ("2024-03", "2024-03-20", None),
    # Still held: counted to the build date, 2026-01-15.
    "held-year": ("2024", None, {"en": "1 to 2 years", "be": "1–2 гады", "ru": "1–2 года"}),
    "held-month": ("2021-03", None, {"en": "4 years 9 months to 4 years 10 months",
                                     "be": "4 гады 9 месяцаў – 4 гады 10 месяцаў",
                                     "ru": "4 года 9 месяцев – 4 года 10 месяцев"}),
    "held-short": ("2025", None, {"en": "at least 15 days", "be": "прынамсі 15 дзён",
                                  "ru": "как минимум 15 дней"}),
}


@pytest.fixture
def cases(dated: Project) -> Project:
    for slug, (detained, released, _) in CASES.items():
        _person(dated, slug, detained, released)
    result = dated.build()
    assert result.code == 0, result.err
    return dated


@pytest.mark.parametrize("slug", sorted(CASES))
def test_each_figure_is_the_range_its_dates_allow(cases: Project, slug: str) -> None:
    expected = CASES[slug][2]
    shown = {lang: _figure(cases, lang, slug) for lang in LANGS}
    assert shown == (expected or dict.fromkeys(LANGS)), slug


def test_kuznechyk_is_not_said_to_have_been_held_about_four_years(cases: Project) -> None:
    line = _custody(cases, "en", "kuznechyk").get_text(" ", strip=True)
    assert line == "Was held for 3 to 4 years"
    assert "about" not in line


def test_a_range_is_not_given_a_machine_readable_length(cases: Project) -> None:
    # <time datetime> holds one exact length; a range or a rounded figure has none.
    assert _custody(cases, "en", "kuznechyk").select_one("time") is None
    exact = _custody(cases, "en", "exact").select_one("time")
    assert exact is not None and exact["datetime"] == "P1372D"


def test_a_figure_that_cannot_be_counted_leaves_no_empty_line(cases: Project) -> None:
    page = cases.page("en/people/nothing/")
    assert page.select_one(".custody") is None
    assert page.select_one('script[src$="custody.js"]') is None


def test_the_sample_profile_of_kuznechyk_agrees_with_its_summary(tmp_path) -> None:
    from helpers import ROOT, run_cli
    out = tmp_path / "site"
    result = run_cli("build", "--content", ROOT / "content", "--templates", ROOT / "templates", "--out", out,
                     "--no-search")
    assert result.code == 0, result.err
    from bs4 import BeautifulSoup
    page = BeautifulSoup((out / "en/people/andrey-kuznechyk/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".custody").get_text(" ", strip=True) == "Was held for 3 to 4 years"
    assert "more than three years" in page.select_one(".lead").get_text()


@pytest.mark.parametrize("raw, first, last", [
    ("2021", (2021, 1, 1), (2021, 12, 31)),
    ("2021~", (2021, 1, 1), (2021, 12, 31)),
    ("2021?", (2021, 1, 1), (2021, 12, 31)),
    ("2024-02", (2024, 2, 1), (2024, 2, 29)),
    ("2024-02~", (2024, 2, 1), (2024, 2, 29)),
    ("2021-05-12", (2021, 5, 12), (2021, 5, 12)),
    ("2021-05-12~", (2021, 5, 1), (2021, 5, 31)),
    ("2021-05-12?", (2021, 5, 1), (2021, 5, 31)),
])
def test_earliest_and_latest_day_a_date_may_mean(raw: str, first: tuple, last: tuple) -> None:
    date = parse_date(raw)
    assert (date.earliest(), date.latest()) == (datetime.date(*first), datetime.date(*last))


def test_an_approximate_day_does_not_make_dates_run_backwards(project: Project) -> None:
    # Detained "around 12 May", tried on 10 May: the approximate day may be any day of May.
    project.write("people/approx.yaml", """
        name: Approx
        status: imprisoned
        detained: 2021-05-12~
        trial: {date: 2021-05-10}
        sources: [example-report]
        """)
    result = project.check()
    assert result.code == 0, result.err


# The home chart --------------------------------------------------------------------------------

def test_chart_says_how_many_people_it_leaves_out(project: Project) -> None:
    for slug in ("undated-one", "undated-two"):
        project.write(f"people/{slug}.yaml", f"name: {slug}\nstatus: unknown\nsources: [example-report]\n")
    assert project.build().code == 0
    notes = {lang: project.page(f"{lang}/").select_one(".per-year .left-out").get_text(" ", strip=True)
             for lang in LANGS}
    assert notes["en"] == "Not in the chart: 2 people whose date of detention is not known."
    assert notes["be"] == "Не паказаныя на графіку: 2 чалавекі, чыя дата затрымання невядомая."
    assert notes["ru"] == "Не показаны на графике: 2 человека, чья дата задержания неизвестна."


@pytest.mark.parametrize("count, expected", [
    (1, {"en": "1 person", "be": "1 чалавек", "ru": "1 человек"}),
    (5, {"en": "5 people", "be": "5 чалавек", "ru": "5 человек"}),
])
def test_chart_note_uses_plural_forms(project: Project, count: int, expected: dict[str, str]) -> None:
    for i in range(count):
        project.write(f"people/undated-{i}.yaml", f"name: Undated {i}\nstatus: unknown\nsources: [example-report]\n")
    assert project.build().code == 0
    for lang in LANGS:
        note = project.page(f"{lang}/").select_one(".left-out").get_text(" ", strip=True)
        assert expected[lang] in note, (lang, note)


def test_no_note_when_everyone_is_in_the_chart(built_fixture: Project) -> None:
    assert built_fixture.page("en/").select_one(".left-out") is None


# The script in the reader's browser ------------------------------------------------------------

def _python_figure(detained: str, released: str | None, today: datetime.date, lang: str) -> str | None:
    """Return the figure the build would print for these dates on `today`."""
    from helpers import TEMPLATES

    from factfile.content.custody import custody, describe
    from factfile.content.model import Origin, Person
    from factfile.problems import Problems
    from factfile.site.i18n import load_catalogues

    catalogue = load_catalogues(TEMPLATES, ["en", "be", "ru"], Problems())[lang]
    person = Person(slug="x", origin=Origin("x"), status="imprisoned", sources=["s"],
                    detained=parse_date(detained), released=parse_date(released) if released else None)
    held = custody(person, today)
    return None if held is None else describe(held, catalogue)


@pytest.mark.browser
def test_the_script_counts_as_the_build_does(cases: Project, browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    held = [slug for slug, (_, released, _) in CASES.items() if released is None]
    # On the build date the script must leave every figure as the build wrote it...
    page.clock.set_fixed_time(datetime.datetime(2026, 1, 15, 12, 0))
    for lang in LANGS:
        for slug in held:
            page.goto((cases.out / f"{lang}/people/{slug}/index.html").as_uri())
            assert page.locator("[data-custody]").inner_text() == _figure(cases, lang, slug), (lang, slug)
    # ...and on later days count what the build would count on those days.
    for day in (datetime.date(2026, 3, 1), datetime.date(2027, 1, 1), datetime.date(2031, 12, 31)):
        page.clock.set_fixed_time(datetime.datetime(day.year, day.month, day.day, 12, 0))
        for lang in LANGS:
            for slug in held:
                page.goto((cases.out / f"{lang}/people/{slug}/index.html").as_uri())
                # The page carries its words and plural forms, so every language counts on,
                # Belarusian too (Chromium has no Belarusian plural rules of its own).
                expected = _python_figure(CASES[slug][0], None, day, lang)
                assert page.locator(".as-of").is_hidden()
                assert page.locator("[data-custody]").inner_text() == expected, (day, lang, slug)
    assert not errors
    page.close()
