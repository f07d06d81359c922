"""The profile of a person in the long form shows the custody history and each case, in every
language; a person in the short form keeps the page they had."""

from __future__ import annotations

import datetime
import json

import pytest
from helpers import Project

PAGE = "people/maryia-rearrested/"
WORDS = {  # what a reader of each language sees, from the catalogues and the content
    "en": {"history": "Custody history", "administrative": "Administrative arrest", "criminal": "Criminal case",
           "since": "since", "now": "held here now", "colony": "Example Penal Colony No. 99",
           "remand": "Example Remand Prison No. 9", "cases": "Cases", "case": "Case 2", "article": "Article 342",
           "title": "Breaking the rules on mass events", "upheld": "verdict upheld", "regime": "general regime",
           "expected": "Expected release", "note": "if the sentence is served in full", "total": "In total",
           "transferred": "Transferred", "address": "99 Colony road", "released": "11 May 2026",
           "length": "15 days"},
    "be": {"history": "Гісторыя зняволення", "administrative": "Адміністрацыйны арышт",
           "criminal": "Крымінальная справа", "since": "з", "now": "утрымліваецца тут цяпер",
           "colony": "Прыкладная папраўчая калонія № 99", "remand": "Прыкладны СІЗА № 9", "cases": "Справы",
           "case": "Справа 2", "article": "Артыкул 342", "title": "Парушэнне парадку арганізацыі",
           "upheld": "прысуд пакінуты ў сіле", "regime": "агульны рэжым", "expected": "Чаканае вызваленне",
           "note": "калі пакаранне будзе адбыта цалкам", "total": "Усяго за кратамі", "transferred": "Перавод",
           "address": "вул. Калонная, 99", "released": "11 мая 2026", "length": "15 дзён"},
    "ru": {"history": "История заключения", "administrative": "Административный арест",
           "criminal": "Уголовное дело", "since": "с", "now": "содержится здесь сейчас",
           "colony": "Примерная исправительная колония № 99", "remand": "Примерный СИЗО № 9", "cases": "Дела",
           "case": "Дело 2", "article": "Статья 342", "title": "Нарушение порядка организации",
           "upheld": "приговор оставлен в силе", "regime": "общий режим", "expected": "Ожидаемое освобождение",
           "note": "если срок будет отбыт полностью", "total": "Всего под стражей", "transferred": "Перевод",
           "address": "ул. Колонная, 99", "released": "11 мая 2026", "length": "15 дней"},
}


EPOCH = "1740000000"  # 2025-02-19: the build date the figures are counted to


@pytest.fixture(scope="module")
def register_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    built = Project(tmp_path_factory.mktemp("register"))
    built.add_register()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = built.build("--no-search")
    assert result.code == 0, result.err
    return built


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_custody_history_shows_periods_places_transfers_and_lengths(register_site: Project, lang: str) -> None:
    words = WORDS[lang]
    section = register_site.page(f"{lang}/{PAGE}").select_one("section.custody-history")
    assert section.h2.get_text() == words["history"]
    periods = section.select("ol.periods > li")
    assert len(periods) == 2
    first, second = (p.select_one("p.period").get_text(" ", strip=True) for p in periods)
    assert first.startswith(words["administrative"]) and words["length"] in first
    assert second.startswith(words["criminal"]) and f": {words['since']} " in second
    assert [t["datetime"] for t in periods[0].select("p.period time")] == ["2020-08-10", "2020-08-25", "P15D"]
    places = periods[1].select("ol.places > li")
    assert [p.get_text(" ", strip=True).split(",")[0].strip() for p in places][1:] == [words["remand"], words["colony"]]
    assert places[1].select_one("time")["datetime"] == "2021-05-15"
    assert places[0].select_one("time") is None  # the first place: from the period's start
    assert words["now"] in places[2].get_text() and words["now"] not in places[1].get_text()
    assert places[2].select_one("sup.refs")  # the transfer cites its own source
    assert section.select_one("p.total").get_text().startswith(words["total"])


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_each_case_shows_charges_court_judge_verdict_sentence_and_appeal(register_site: Project, lang: str) -> None:
    words = WORDS[lang]
    section = register_site.page(f"{lang}/{PAGE}").select_one("section.cases")
    assert section.h2.get_text() == words["cases"]
    assert [h.get_text() for h in section.select("h3")][1] == words["case"]
    first, second = section.select("dl.facts")
    assert words["title"] in first.get_text()  # a charge without text shows the article's title
    text = second.get_text(" ", strip=True)
    for key in ("article", "upheld", "regime"):
        assert words[key] in text, key
    assert "Judge Sample" in text and [t["datetime"] for t in second.select("time")] == ["2021-11-20", "2022-01-20"]
    assert section.select_one("p.cited sup.refs")  # the case's own sources


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_expected_release_letters_and_timeline(register_site: Project, lang: str) -> None:
    words = WORDS[lang]
    page = register_site.page(f"{lang}/{PAGE}")
    rows = {div.dt.get_text(): div.dd for div in page.select("section[aria-labelledby=facts] dl.facts > div")}
    expected = rows[words["expected"]]
    assert expected.time["datetime"] == "2026-05-11" and words["released"] in expected.get_text()
    assert words["note"] in expected.get_text()
    assert words["address"] in page.select_one("section.letters address").get_text()
    timeline = [li.get_text(" ", strip=True) for li in page.select("ol.timeline li")]
    assert any(words["transferred"] in line and words["colony"] in line for line in timeline), timeline
    custody = page.select_one("p.custody")
    assert custody.select_one("[data-custody]")["data-start-first"] == "2021-05-12"  # the current period


def test_a_short_form_person_has_no_custody_history_or_cases_section(register_site: Project) -> None:
    page = register_site.page("en/people/jane-example/")
    assert page.select_one("section.custody-history") is None and page.select_one("section.cases") is None
    facts = [div.dt.get_text() for div in page.select("dl.facts > div")]
    assert "Charge" in facts and "Sentence" in facts and "Place of detention" in facts


def test_lists_use_the_latest_period_and_every_case(register_site: Project) -> None:
    text = (register_site.out / "en/people/rows.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.factfileRows=").rstrip().removesuffix(";"))
    row = next(dict(zip(data["fields"], r)) for r in data["rows"] if r[1] == "Maryia Rearrested")
    assert row["year"] == "2021" and row["articles"] == "24.23 342"
    assert row["now"] == "5 years · Example Penal Colony No. 99" and row["detained"] == "12 May 2021"
    html = next(li for li in register_site.page("en/people/").select("ul.register li")
                if "Maryia Rearrested" in li.get_text())
    text = " ".join(html.get_text().split())
    assert "342" in text and "Example Penal Colony No. 99" in text and "12 May 2021" in text


def test_an_expected_release_whose_day_has_passed_is_not_shown(project: Project, monkeypatch) -> None:
    project.add_register()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28, after 11 May 2026
    assert project.build("--no-search").code == 0
    rows = [div.dt.get_text() for div in project.page(f"en/{PAGE}").select("dl.facts > div")]
    assert "Expected release" not in rows


VAGUE = """
    name: Vague Periods
    status: imprisoned
    custody:
      - from: "2019"
        to: 2020-03
      - from: 2020-11-03
        to: 2020-12-20
      - from: 2021-05-12~
        places:
          - place: example-penal-colony
    sources: [example-report]
    """


def _python_figures(site: Project, slug: str, day: datetime.date, lang: str) -> list[str | None]:
    """Return what the build would print on `day`: the current period, then the total."""
    from helpers import TEMPLATES

    from factfile.content import history
    from factfile.content.custody import describe
    from factfile.content.kinds import PEOPLE
    from factfile.content.load import ContentFile, read_record
    from factfile.problems import Problems
    from factfile.site.i18n import load_catalogues

    catalogue = load_catalogues(TEMPLATES, ["en", "be", "ru"], Problems())[lang]
    path = site.content / "people" / f"{slug}.yaml"
    person = read_record(PEOPLE, slug, ContentFile(path, str(path)), ["en", "be", "ru"]).record
    current = history.period_held(history.periods(person)[-1], day)
    total = history.total_held(person, day)
    return [describe(figure, catalogue) if figure else None for figure in (current, total)]


@pytest.mark.browser
def test_the_script_counts_each_period_and_the_total_as_the_build_does(tmp_path, browser, monkeypatch) -> None:
    site = Project(tmp_path)
    site.add_register()
    site.write("people/vague-periods.yaml", VAGUE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert site.build("--no-search").code == 0
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for day in (datetime.date(2025, 2, 19), datetime.date(2026, 3, 1), datetime.date(2031, 12, 31)):
        page.clock.set_fixed_time(datetime.datetime(day.year, day.month, day.day, 12, 0))
        for lang in ("en", "ru"):
            for slug in ("maryia-rearrested", "vague-periods"):
                page.goto((site.out / f"{lang}/people/{slug}/index.html").as_uri())
                shown = [page.locator(".periods > li:last-child .length [data-custody]").inner_text(),
                         page.locator(".total [data-custody]").inner_text()]
                assert shown == _python_figures(site, slug, day, lang), (day, lang, slug)
                if day.year > 2025:
                    assert page.locator(".total .as-of").is_hidden()
    assert not errors
    page.close()


def _per_year(site: Project) -> dict[str, tuple[str, str]]:
    rows = site.page("en/").select("table.per-year-table tbody tr")
    return {row.th.get_text() if row.th else row.td.get_text(): tuple(td.get_text() for td in row.select("td")[-2:])
            for row in rows}


def test_the_home_chart_counts_each_period_and_each_release(register_site: Project, built_fixture: Project) -> None:
    before, after = _per_year(built_fixture), _per_year(register_site)
    detained = {year: int(after[year][0]) - int(before.get(year, ("0", "0"))[0]) for year in after}
    released = {year: int(after[year][1]) - int(before.get(year, ("0", "0"))[1]) for year in after}
    # Maryia: detained in 2020 (administrative arrest) and again in 2021, released in 2020.
    assert {y: n for y, n in detained.items() if n} == {"2020": 1, "2021": 1}
    assert {y: n for y, n in released.items() if n} == {"2020": 1}


def test_the_letter_address_cites_the_place_files_own_source(project: Project) -> None:
    """The address comes from the place's file, so the profile cites the place's source for it, not
    only the profile's own sources."""
    project.add_register()
    sources = project.content / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "prison-directory:\n  title: Directory of prisons\n"
                       "  publisher: Example Directory\n  url: https://directory.example.org/\n", encoding="utf-8")
    project.edit("places/example-penal-colony.yaml", "sources: [example-report]", "sources: [prison-directory]")
    result = project.build("--no-search")
    assert result.code == 0, result.err
    page = project.page(f"en/{PAGE}")
    cited = [a["href"] for a in page.select("section.letters sup.refs a")]
    assert cited, "the address cites no source"
    titles = [page.select_one(href).get_text(" ", strip=True) for href in cited]
    assert any("Directory of prisons" in title for title in titles), titles


APPROXIMATE = """
    name: Approximate Periods
    status: imprisoned
    custody:
      - from: 2019-03~
        to: 2019-04~
        kind: administrative
      - from: 2021~
        kind: criminal
        places:
          - place: example-penal-colony
    sources: [example-report]
    """


def test_figures_from_approximate_periods_stay_ranges_on_the_page(project: Project, monkeypatch) -> None:
    """Time in custody from a period that began "about 2021" is the range its days allow, never one
    exact figure, in the header, the period's own length and the total."""
    project.add_register()
    project.write("people/approximate-periods.yaml", APPROXIMATE)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # 2025-02-19
    result = project.build("--no-search")
    assert result.code == 0, result.err
    page = project.page("en/people/approximate-periods/")
    header = page.select_one("p.custody [data-custody]")
    current = page.select_one(".periods > li:last-child .length [data-custody]")
    total = page.select_one(".total [data-custody]")
    for figure in (header, current):
        assert figure.get_text() == "3 to 4 years" and not figure.has_attr("datetime"), figure
    assert total.get_text() == "3 to 4 years" and not total.has_attr("datetime")
    first = page.select_one(".periods > li:first-child .length").get_text(" ", strip=True)
    assert "at least" in first, first  # March to April, each about: sure only of the days between
