"""Words a reader sees: enum values from the catalogues, dates, lengths and counts as CLDR and each
language write them, and timeline headings that count what their pages list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel import Locale
from helpers import TEMPLATES, Project

from factfile.problems import Problems
from factfile.site.i18n import load_catalogues

LANGS = ["en", "be", "ru"]
CATALOGUES = load_catalogues(TEMPLATES, LANGS, Problems())


def _text(project: Project, path: str) -> str:
    return re.sub(r"\s+", " ", project.page(path).get_text(""))


@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_text_has_exactly_the_forms_cldr_gives_its_language(lang: str) -> None:
    forms = set(Locale.parse(lang).plural_form.tags) | {"other"}
    raw = yaml.safe_load((TEMPLATES / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    plural = {key: set(value) for key, value in raw.items() if isinstance(value, dict)}
    assert plural, "no plural texts found"
    assert {key: found for key, found in plural.items() if found != forms} == {}


# (count, the words) as a native reader writes them; the plural form of each count is CLDR's.
LENGTHS = {
    "be": {"year": [(1, "1 год"), (2, "2 гады"), (4, "4 гады"), (5, "5 гадоў"), (11, "11 гадоў"), (21, "21 год"),
                    (22, "22 гады")],
           "month": [(1, "1 месяц"), (2, "2 месяцы"), (3, "3 месяцы"), (5, "5 месяцаў"), (11, "11 месяцаў")],
           "day": [(1, "1 дзень"), (3, "3 дні"), (5, "5 дзён"), (12, "12 дзён"), (21, "21 дзень"), (24, "24 дні")]},
    "ru": {"year": [(1, "1 год"), (2, "2 года"), (5, "5 лет"), (11, "11 лет"), (21, "21 год"), (22, "22 года")],
           "month": [(1, "1 месяц"), (2, "2 месяца"), (5, "5 месяцев"), (14, "14 месяцев"), (21, "21 месяц")],
           "day": [(1, "1 день"), (3, "3 дня"), (5, "5 дней"), (11, "11 дней"), (21, "21 день"), (24, "24 дня")]},
    "en": {"year": [(1, "1 year"), (2, "2 years")], "month": [(1, "1 month"), (11, "11 months")],
           "day": [(1, "1 day"), (0, "0 days")]},
}


@pytest.mark.parametrize("lang", LANGS)
def test_lengths_of_time_use_each_languages_plural_forms(lang: str) -> None:
    t = CATALOGUES[lang]
    for unit, cases in LENGTHS[lang].items():
        for count, words in cases:
            assert t.unit(count, unit) == words, (lang, unit, count)
    assert CATALOGUES["be"].duration(1, 0, 3) == "1 год 3 дні"
    assert CATALOGUES["be"].duration(2, 2, 0) == "2 гады 2 месяцы"
    assert CATALOGUES["ru"].duration(1, 5, 21) == "1 год 5 месяцев 21 день"


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_the_scripts_words_are_the_builds(lang: str) -> None:
    t = CATALOGUES[lang]
    codes = t.plural_codes()
    forms = t.unit_forms()
    for unit, cases in LENGTHS[lang].items():
        for count, words in cases:
            assert forms[unit][codes[count]].replace("{count}", str(count)) == words


def test_dates_never_end_in_two_full_stops(built_fixture: Project) -> None:
    pages = [p for lang in ("be", "ru") for p in (built_fixture.out / lang).rglob("*.html")]
    assert len(pages) > 20
    for path in pages:
        text = _text(built_fixture, str(path.relative_to(built_fixture.out)))
        assert not re.search(r"г\.\s*\.", text), path
    # The month-precise date of a source in Russian is followed by one full stop.
    assert "февраль 2024 г." in _text(built_fixture, "ru/events/2024-02-release/")


def test_enum_values_come_from_the_catalogues(built_fixture: Project) -> None:
    facts = {lang: {div.dt.get_text(): div.dd.get_text(" ", strip=True)
                    for div in built_fixture.page(f"{lang}/people/jane-example/").select("dl.facts > div")}
             for lang in LANGS}
    assert facts["en"]["Gender"] == "Female" and facts["be"]["Пол"] == "Жаночы" and facts["ru"]["Пол"] == "Женский"
    types = {lang: built_fixture.page(f"{lang}/events/2021-05-12-arrest/").select_one(".meta").get_text()
             for lang in LANGS}
    assert "Arrest" in types["en"] and "Затрыманне" in types["be"] and "Задержание" in types["ru"]


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_no_english_interface_text_on_other_languages_pages(built_fixture: Project, lang: str) -> None:
    english = {value for key, value in CATALOGUES["en"].messages.items()
               if isinstance(value, str) and not key.startswith(("data.doc", "_")) and "{" not in value
               and value != CATALOGUES[lang].messages.get(key) and len(value) > 3}
    for path in (built_fixture.out / lang).rglob("*.html"):
        soup = built_fixture.page(str(path.relative_to(built_fixture.out)))
        for tag in soup.select("code, [lang]:not(html)"):  # field names of the data; content not yet translated
            tag.decompose()
        shown = {s.strip() for s in soup.stripped_strings} | {str(a) for tag in soup.find_all(True)
                                                           for name, a in tag.attrs.items()
                                                           if name in ("aria-label", "placeholder", "title")}
        assert not shown & english, (path, shown & english)


def test_timeline_years_count_the_lines_their_pages_show(project: Project) -> None:
    project.write("events/2024-02-release.yaml", """
        date: 2024-02
        type: release
        title: Ivan Sample is released
        people: [ivan-sample]
        sources: [example-report]
        """)
    assert project.build("--no-search").code == 0
    index = project.page("en/timeline/")
    counts = {li.a.get_text(): int(re.search(r"\((\d+)\)", li.get_text()).group(1))
              for li in index.select("nav.toc li") if li.a}
    for year, count in counts.items():
        assert len(project.page(f"en/timeline/{year}/").select("ol.timeline li")) == count, year
    # The release is told once, by its event, not again as Ivan Sample's own line.
    lines = [li.get_text(" ", strip=True) for li in project.page("en/timeline/2024/").select("ol.timeline li")]
    assert len([line for line in lines if "Ivan Sample" in line]) == 1, lines
    own = [li.get_text(" ", strip=True) for li in project.page("en/people/ivan-sample/").select("ol.timeline li")]
    assert len([line for line in own if "February 2024" in line]) == 1, own


def test_the_catalogues_hold_the_durations_they_override() -> None:
    raw = yaml.safe_load((Path(TEMPLATES) / "i18n" / "be.yaml").read_text(encoding="utf-8"))
    assert raw["duration.month"]["few"] == "{count} месяцы"
