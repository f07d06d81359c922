"""Every language tells the truth about itself: check reports what each language shows in another
language, complete_languages makes each such text a warning at its field, text whose letters
contradict its language is a warning, and the open data page speaks the page's language."""

from __future__ import annotations

import dataclasses
import re

import pytest
import yaml
from helpers import TEMPLATES, Project

from factfile.content import model
from factfile.content.scripts import mislabelled
from factfile.site.pages.data import EVENT_EXTRA, PERSON_EXTRA

SITE = "title: {en: T, be: Т, ru: Т}\nlanguages: [en, be, ru]\n"


@pytest.fixture
def small(project: Project) -> Project:
    """A content tree whose texts are known: one person with no ru name, one event only in ru."""
    for folder in ("people", "events"):
        for path in (project.content / folder).glob("*.yaml"):
            path.unlink()
    project.write("site.yaml", SITE)
    project.write("sources.yaml", "report:\n  title: {en: Report, be: Справаздача, ru: Отчёт}\n"
                                  "  publisher: Example\n  url: https://news.example.org/r\n")
    project.write("people/anna.yaml", """
        name:
          en: Anna Example
          be: Ганна Прыклад
        status: unknown
        sources: [report]
        """)
    project.write("events/2024-vote.yaml", """
        date: 2024
        title:
          ru: Голосование
        sources: [report]
        """)
    return project


def test_check_always_says_in_one_line_how_many_records_fall_back(small: Project) -> None:
    result = small.check()
    assert result.code == 0, result.err
    summary = [line for line in result.err.splitlines() if line.startswith("languages:")]
    assert summary == ["languages: en: 1 of 4 records falls back to ru; be: 1 of 4 records falls back to ru; "
                       "ru: 1 of 4 records falls back to en (--languages lists them)"]
    assert result.out == ""


def test_languages_lists_each_record_and_field_with_its_position(small: Project) -> None:
    result = small.check("--languages")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "en: 1 record falls back:",
        "  content/events/2024-vote.yaml:3:3: title (in ru)",
        "be: 1 record falls back:",
        "  content/events/2024-vote.yaml:3:3: title (in ru)",
        "ru: 1 record falls back:",
        "  content/people/anna.yaml:2:3: name (in en)",
    ]
    assert "(--languages lists them)" not in result.err


def test_a_complete_site_says_so(small: Project) -> None:
    small.write("people/anna.yaml", "name: {en: Anna, be: Ганна, ru: Анна}\nstatus: unknown\nsources: [report]\n")
    small.write("events/2024-vote.yaml", "date: 2024\ntitle: {en: Vote, be: Выбары, ru: Выборы}\nsources: [report]\n")
    result = small.check("--languages")
    assert "languages: en: complete; be: complete; ru: complete" in result.err
    assert result.out.splitlines() == ["en: complete", "be: complete", "ru: complete"]


def test_complete_languages_make_each_fallback_a_warning_at_the_field(small: Project) -> None:
    small.write("site.yaml", SITE + "complete_languages: [en, ru]\n")
    result = small.check()
    assert result.code == 0, result.err
    assert ("content/people/anna.yaml:2:3: warning: name: has no ru text: ru pages show the en text "
            "(add 'ru:' to it, or take ru out of complete_languages in site.yaml)") in result.err
    assert "content/events/2024-vote.yaml:3:3: warning: title: has no en text: en pages show the ru text" in result.err
    assert "has no be text" not in result.err  # be is not required to be complete
    strict = small.check("--strict")
    assert strict.code == 1 and "(warnings fail under --strict)" in strict.err
    assert small.build("--strict").code == 1 and not small.out.exists()


def test_a_complete_language_must_be_a_language_of_the_site(small: Project) -> None:
    small.write("site.yaml", SITE + "complete_languages: [en, rus]\n")
    result = small.check()
    assert result.code == 1
    assert ("content/site.yaml:3:26: complete_languages[1]: 'rus' is not one of the site's languages "
            "(did you mean 'ru'?)") in result.err


def test_sources_and_site_text_count_too(small: Project) -> None:
    small.write("sources.yaml", "report:\n  title: Report\n  publisher: Example\n  url: https://news.example.org/r\n")
    small.write("site.yaml", SITE + "description: Only English\n")
    result = small.check("--languages")
    assert "  content/site.yaml:3:14: description (in en)" in result.out
    assert "  content/sources.yaml:2:10: report: title (in en)" in result.out


@pytest.mark.parametrize("text, lang, problem", [
    ("Марыя Калеснікава", "en", "is written in Cyrillic letters, not as en is written"),
    ("Игорь Лосик", "be", "has letters of ru (и, щ, ъ) and none of be (і, ў): it reads as ru"),
    ("Ігар Лосік", "ru", "has letters of be (і, ў) and none of ru (и, щ, ъ): it reads as be"),
    ("Jane Example", "ru", "is written in Latin letters, not as ru is written"),
    ("Ігар Лосік", "be", None),
    ("Анна", "be", None),  # neither alphabet's own letters: it may be either
    ("Анна", "ru", None),
    ("Journalist for Радыё Свабода", "en", None),  # mostly Latin
    ("Журналист, см. https://news.example.org/report", "ru", None),  # addresses are not text
    ("Ігар / Игорь", "be", None),  # both: a reviewer decides
    ("RFE/RL", "en", None),
    ("42", "ru", None),
])
def test_text_whose_letters_contradict_its_language(text: str, lang: str, problem: str | None) -> None:
    assert mislabelled(text, lang) == problem


def test_mislabelled_text_is_a_warning_at_its_language_and_fails_strict(small: Project) -> None:
    small.write("people/anna.yaml", """
        name:
          en: Марыя Калеснікава
          be: Марыя Калеснікава
          ru: Мария Колесникова
        summary: Сторонница оппозиции.
        status: unknown
        sources: [report]
        """)
    result = small.check()
    assert result.code == 0, result.err
    assert ("content/people/anna.yaml:2:3: warning: name.en: is written in Cyrillic letters, not as en is written "
            "(put it under the language it is written in, or correct it)") in result.err
    assert "content/people/anna.yaml:5:10: warning: summary: is written in Cyrillic letters" in result.err
    assert "name.be" not in result.err and "name.ru" not in result.err
    assert small.check("--strict").code == 1


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_interface_text_is_in_its_own_language(lang: str) -> None:
    catalogue = yaml.safe_load((TEMPLATES / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    texts = [(key, v) for key, value in catalogue.items() if not key.startswith("_")
             for v in (value.values() if isinstance(value, dict) else [value])]
    wrong = [(key, text, why) for key, text in texts if (why := mislabelled(str(text), lang))]
    assert not wrong


# The open data page ----------------------------------------------------------------------------

def test_every_exported_field_is_described_in_every_catalogue() -> None:
    for lang in ("en", "be", "ru"):
        catalogue = yaml.safe_load((TEMPLATES / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
        for record, cls, extra in (("person", model.Person, PERSON_EXTRA), ("event", model.Event, EVENT_EXTRA)):
            for name in [f.name for f in dataclasses.fields(cls) if f.name != "origin"] + list(extra):
                assert catalogue.get(f"data.doc.{record}.{name}"), (lang, record, name)


@pytest.mark.parametrize("lang, status", [
    ("en", "in custody, awaiting trial"), ("be", "пад вартай, чакае суда"), ("ru", "под стражей, ожидает суда")])
def test_open_data_page_describes_fields_in_its_own_language(built_fixture: Project, lang: str, status: str) -> None:
    page = built_fixture.page(f"{lang}/data/")
    docs = {dd.find_previous_sibling("dt").get_text(): dd for dd in page.select("dl.fields dd")}
    assert status in docs["status"].get_text()
    for name, dd in docs.items():
        assert not dd.has_attr("lang"), name  # nothing on it is in another language
        if lang != "en":
            prose = re.sub(r"\b[a-z_]+\b|ISO|Markdown|P6Y|YYYY(-MM)?(-DD)?", "", dd.get_text())
            assert not mislabelled(prose, lang), (name, dd.get_text())
            assert re.search("[а-яёіў]", dd.get_text()), (name, dd.get_text())
