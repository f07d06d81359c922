"""The page over time: how many people were held on each day, read as a reader reads the table and
the chart; an uncertain date gives a range, never one number; a withheld person is counted, never
named."""

from __future__ import annotations

from types import SimpleNamespace
from typing import cast

import pytest
from helpers import Project

from factfile.content.dates import parse_date
from factfile.content.heldcount import count_held
from factfile.content.model import Person

# 2023-06-15 12:00 UTC
EPOCH = "1686830400"
LANGS = ("en", "be", "ru")


@pytest.fixture
def periods(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A hand-made register: a re-arrest in the long form, an exact detention, a withheld person
    detained on a known day, and a detention known only to the month."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.write("people/ivan-sample.yaml", """
        name: Ivan Sample
        status: imprisoned
        custody:
          - from: 2021-01-15
            to: 2021-06-20
          - from: 2023-02-01
        sources: [example-report]
        """)
    project.edit("people/foreign-citizen.yaml", "detained: 2024", "detained: 2022-03-10")
    project.write("people/pat-month.yaml", """
        name: Pat Month
        status: detained
        detained: 2022-07
        sources: [example-report]
        """)
    return project


def table(project: Project, lang: str = "en") -> dict[str, str]:
    """Return the table's rows as a reader sees them: {datetime of the day: count as written}."""
    page = project.page(f"{lang}/figures/")
    return {row.th.time["datetime"]: row.td.get_text(strip=True) for row in page.select("table.held-table tbody tr")}


def test_exact_counts_on_known_days(periods: Project) -> None:
    assert periods.build().code == 0
    rows = table(periods)
    assert rows["2021-02-01"] == "1"  # Ivan's first period
    assert rows["2021-06-01"] == "2"  # Ivan and Jane (detained 12 May 2021)
    assert rows["2021-07-01"] == "1"  # Ivan released on 20 June
    assert rows["2022-04-01"] == "2"  # Jane and the withheld person (10 March 2022)
    assert rows["2022-08-01"] == "3"  # and Pat, detained in July 2022
    assert rows["2023-03-01"] == "4"  # Ivan again, from 1 February 2023
    assert rows["2023-06-15"] == "4"  # today
    assert "2020-12-01" not in rows  # nothing before the first detention


def test_a_date_known_to_the_month_gives_a_range(periods: Project) -> None:
    assert periods.build().code == 0
    assert table(periods)["2022-07-01"] == "2 to 3"  # Pat may or may not be held yet on 1 July
    assert table(periods, "be")["2022-07-01"] == "ад 2 да 3"
    assert table(periods, "ru")["2022-07-01"] == "от 2 до 3"
    page = periods.page("en/figures/")
    assert "no single figure is given" in page.select_one("main p.note").get_text()
    assert page.select_one("svg.held-chart polygon.held-maybe") is not None  # the band is drawn


def test_approximate_year_is_never_counted_exact(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    # The fixture: Ivan detained 2020~ (any day of 2020), released 2024-02; Jane from 12 May 2021.
    assert project.build().code == 0
    rows = table(project)
    assert rows["2020-06-01"] == "0 to 1"
    assert rows["2021-01-01"] == "1"  # by then Ivan was held, whatever day of 2020 it began
    assert rows["2021-06-01"] == "2"


def test_withheld_person_is_counted_but_not_named(periods: Project) -> None:
    assert periods.build().code == 0
    for lang in LANGS:
        page = periods.page(f"{lang}/figures/")
        text = page.main.get_text(" ")
        assert "Foreign citizen" not in text and "Иностранный" not in text
        assert not page.main.select("a[href*='people/']")  # the page names nobody
    assert table(periods)["2022-04-01"] == "2"


def test_held_now_leads_and_the_home_page_links_the_page(periods: Project) -> None:
    assert periods.build().code == 0
    page = periods.page("en/figures/")
    assert page.select_one("main .held-now strong").get_text() == "4"
    home = periods.page("en/")
    assert home.select_one("main .held-now")  # the home page leads with how many are held now
    assert home.select_one("main a[href='figures/index.html']")
    assert periods.page("ru/people/jane-example/").select_one(".site-footer a[href$='figures/index.html']")


def test_unknown_dates_are_left_out_and_said(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.write("people/no-date.yaml", "name: No Date\nstatus: imprisoned\nsources: [example-report]\n")
    project.write("people/no-release.yaml", "name: No Release\nstatus: unknown\ndetained: 2021-03-01\n"
                                            "sources: [example-report]\n")
    assert project.build().code == 0
    assert "Not counted: 2 people" in project.page("en/figures/").select_one("main .left-out").get_text()
    assert "2 чалавекі" in project.page("be/figures/").select_one("main .left-out").get_text()


def test_words_are_every_language_own(periods: Project) -> None:
    assert periods.build().code == 0
    for lang in ("be", "ru"):
        page = periods.page(f"{lang}/figures/")
        text = " ".join([page.main.get_text(" "), page.title.get_text()])
        assert not any(word in text for word in ("held", "People", "Date", "figures", " to ")), lang


def test_a_large_register_makes_a_light_page() -> None:
    import datetime

    people = []
    for i in range(10_000):
        start = datetime.date(2020, 8, 1) + datetime.timedelta(days=i % 2000)
        detained = parse_date(start.isoformat() if i % 3 else f"{start.year}-{start.month:02d}")
        people.append(SimpleNamespace(status="imprisoned", custody=[], detained=detained, released=None, died=None))
    counts = count_held(cast(list[Person], people), datetime.date(2026, 8, 1))
    assert counts is not None and counts.high[-1] == 10_000
    from factfile.site import heldchart

    svg = heldchart.svg(counts, "title")
    assert len(svg) < 20_000
    rows, _ = heldchart.table_rows(counts)
    assert len(rows) < 80


def test_a_long_register_lists_one_row_a_year() -> None:
    import datetime

    from factfile.site import heldchart

    person = SimpleNamespace(status="imprisoned", custody=[], detained=parse_date("2001-03-04"), released=None,
                             died=None)
    counts = count_held(cast(list[Person], [person]), datetime.date(2020, 6, 1))
    assert counts is not None
    rows, yearly = heldchart.table_rows(counts)
    assert yearly and [row.day for row in rows[:3]] == [datetime.date(2020, 6, 1), datetime.date(2020, 1, 1),
                                                         datetime.date(2019, 1, 1)]
    assert rows[-1].day == datetime.date(2002, 1, 1) and (rows[-1].low, rows[-1].high) == (1, 1)
