"""Figures and time: counts and the per-year chart on the home page, time in custody on profiles."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from helpers import Project

from factfile.content.custody import months_between

# 2026-01-15 12:00 UTC
EPOCH = "1768478400"


@pytest.fixture
def dated(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return project


def _figures(page) -> dict[str, str]:
    figures = {span.get_text(" ", strip=True).split(" ", 1)[1]: span.strong.get_text() for span in page.select(".big-figures span")}
    held = page.select_one(".held-now")  # the count held now leads the page
    return {**figures, held.select_one("strong + span").get_text(): held.strong.get_text()}


def test_home_counts_held_released_and_by_status(built_fixture: Project) -> None:
    page = built_fixture.page("en/")
    assert _figures(page) == {"held now": "2", "released": "1", "people on this site": "3"}
    rows = {r.th.get_text(strip=True): r.td.get_text() for r in page.select("table.figures:not(.per-year-table) tbody tr")}
    assert rows == {"Detained, awaiting trial": "1", "Imprisoned": "1", "Released": "1"}


def test_chart_and_its_table_agree_year_by_year(built_fixture: Project) -> None:
    page = built_fixture.page("ru/")
    table = [[c.get_text() for c in row.find_all(["th", "td"])] for row in page.select(".per-year-table tbody tr")]
    assert table == [["2020", "1", "0"], ["2021", "1", "0"], ["2022", "0", "0"], ["2023", "0", "0"], ["2024", "1", "1"]]
    svg = page.select_one("svg.chart")
    assert svg["role"] == "img" and "Задержания" in svg["aria-label"]
    assert len(svg.select("rect.bar-detained")) == 3 and len(svg.select("rect.bar-released")) == 1
    assert [t.get_text() for t in svg.select("text.year")] == ["2020", "2021", "2022", "2023", "2024"]


def test_chart_heights_are_proportional(project: Project) -> None:
    for i in range(4):
        project.write(f"people/extra-{i}.yaml", f"""
            name: Extra {i}
            status: imprisoned
            detained: 2024-0{i + 1}-01
            sources: [example-report]
            """)
    assert project.build().code == 0
    bars = {float(r["height"]) for r in project.page("en/").select("svg.chart rect.bar-detained")}
    assert max(bars) == pytest.approx(5 * min(bars))  # 2024: 1 fixture + 4 extra; 2020, 2021: 1 each


def test_no_chart_without_dates(project: Project) -> None:
    for slug in ("ivan-sample", "jane-example", "foreign-citizen"):
        project.remove(f"people/{slug}.yaml")
    project.remove("events/2021-05-12-arrest.yaml")
    project.remove("events/2024-02-release.yaml")
    project.write("people/undated.yaml", "name: Undated\nstatus: unknown\nsources: [example-report]\n")
    assert project.build().code == 0
    page = project.page("en/")
    assert page.select_one("svg.chart") is None and page.select_one(".per-year-table") is None


@pytest.mark.parametrize("start, end, expected", [
    ((2021, 5, 12), (2026, 1, 15), (56, 3)),
    ((2021, 5, 12), (2021, 5, 12), (0, 0)),
    ((2024, 1, 31), (2024, 2, 29), (1, 0)),  # a month after 31 January is the end of February
    ((2024, 1, 31), (2024, 2, 28), (0, 28)),
    ((2020, 2, 29), (2021, 2, 28), (12, 0)),
    ((2020, 3, 31), (2020, 4, 29), (0, 29)),
])
def test_months_between(start, end, expected) -> None:
    assert months_between(datetime.date(*start), datetime.date(*end)) == expected


def test_time_in_custody_counts_to_the_build_date(dated: Project) -> None:
    assert dated.build().code == 0
    text = {lang: dated.page(f"{lang}/people/jane-example/").select_one(".custody time").get_text()
            for lang in ("en", "be", "ru")}
    # Detained 2021-05-12, built 2026-01-15: 4 years 8 months 3 days.
    assert text == {"en": "4 years 8 months 3 days", "be": "4 гады 8 месяцаў 3 дні",
                    "ru": "4 года 8 месяцев 3 дня"}
    time = dated.page("en/people/jane-example/").select_one(".custody time")
    assert time["datetime"] == "P1709D" and time["data-start-first"] == time["data-start-last"] == "2021-05-12"
    assert "15 January 2026" in dated.page("en/people/jane-example/").select_one(".as-of").get_text()


def test_time_held_ends_at_release_and_is_not_live(dated: Project) -> None:
    assert dated.build().code == 0
    page = dated.page("ru/people/ivan-sample/")
    custody = page.select_one(".custody")
    figure = custody.select_one("[data-custody]")
    assert figure.get_text() == "3–4 года"  # any day of 2020 to any day of February 2024
    assert not figure.has_attr("data-start-first") and custody.select_one(".as-of") is None
    assert page.select_one('script[src$="custody.js"]') is None


def test_same_content_same_bytes_with_source_date_epoch(dated: Project, tmp_path: Path) -> None:
    assert dated.build().code == 0
    first = {p.relative_to(dated.out): p.read_bytes() for p in dated.out.rglob("*") if p.is_file()}
    assert dated.build().code == 0
    second = {p.relative_to(dated.out): p.read_bytes() for p in dated.out.rglob("*") if p.is_file()}
    assert first == second


@pytest.mark.browser
def test_the_script_keeps_time_in_custody_current(dated: Project, browser) -> None:
    assert dated.build().code == 0
    page = browser.new_page()
    # The reader opens a page built on 2026-01-15 on 2027-03-20: the figure must move on.
    page.clock.set_fixed_time(datetime.datetime(2027, 3, 20, 12, 0))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((dated.out / "en/people/jane-example/index.html").as_uri())
    assert page.locator(".custody time").inner_text() == "5 years 10 months 8 days"
    assert page.locator(".as-of").is_hidden()
    page.goto((dated.out / "ru/people/jane-example/index.html").as_uri())
    assert page.locator(".custody time").inner_text() == "5 лет 10 месяцев 8 дней"
    # Belarusian too, though the browser has no Belarusian plural rules: the page carries its own.
    page.goto((dated.out / "be/people/jane-example/index.html").as_uri())
    assert page.locator(".custody time").inner_text() == "5 гадоў 10 месяцаў 8 дзён"
    assert page.locator(".as-of").is_hidden()
    assert not errors
    page.close()


@pytest.mark.parametrize("epoch", ["", "not-a-number", "-5"])
def test_a_missing_or_bad_source_date_epoch_means_today(project: Project, monkeypatch: pytest.MonkeyPatch,
                                                      epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert project.build().code == 0
    today = datetime.datetime.now(datetime.UTC).date()
    time = project.page("en/people/jane-example/").select_one(".custody time")
    months, days = months_between(datetime.date(2021, 5, 12), today)
    assert time["datetime"] == f"P{(today - datetime.date(2021, 5, 12)).days}D"
