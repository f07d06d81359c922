"""Interface text per language, and dates, numbers and plurals through Babel (CLDR)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from ..content.custody import format_duration, join_units, unit_name
from ..content.dates import PartialDate, Term
from ..content.yamlload import Node, YamlError, parse
from ..problems import Problems, display_path

CATALOGUE_DIR = "i18n"
PLURAL_CODES = {"zero": "z", "one": "o", "two": "t", "few": "f", "many": "m", "other": "x"}
LOCALE_KEY = "_locale"


class MissingText(KeyError):
    """An interface text key absent from a catalogue."""

    def __str__(self) -> str:
        return self.args[0]


@dataclass
class Catalogue:
    """The interface text of one language, with its locale's formatting of dates and numbers."""

    lang: str
    locale: Locale
    messages: dict[str, str | dict[str, str]]
    file: str
    native_name: str = field(init=False)

    def __post_init__(self) -> None:
        name = Locale.parse(self.lang.replace("-", "_")).get_display_name(self.lang.replace("-", "_")) or self.lang
        self.native_name = name[:1].upper() + name[1:]

    @property
    def direction(self) -> str:
        """Return 'rtl' or 'ltr' for the language's script."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def __call__(self, key: str, **values: object) -> str:
        """Return the interface text for a key, with {placeholders} filled in."""
        message = self.messages.get(key)
        if message is None:
            raise MissingText(f"interface text {key!r} is missing from {self.file}")
        if isinstance(message, dict):
            raise MissingText(f"interface text {key!r} in {self.file} has plural forms; use plural()")
        return message.format(**values) if values else message

    def _text(self, key: str, default: str) -> str:
        """Return the interface text for a key, or the default when the catalogue has none."""
        message = self.messages.get(key, default)
        if isinstance(message, dict):
            raise MissingText(f"interface text {key!r} in {self.file} has plural forms; use plural()")
        return message

    def variant(self, key: str, variant: str | None) -> str:
        """Return the text for a key in a variant such as a grammatical gender, if translated so."""
        if variant and f"{key}:{variant}" in self.messages:
            return self(f"{key}:{variant}")
        return self(key)

    def plural(self, key: str, count: int, **values: object) -> str:
        """Return the text for a count in the right plural form ('3 гады', '5 лет')."""
        forms = self.forms(key)
        form = self.locale.plural_form(count)
        message = forms.get(form) or forms.get("other") or next(iter(forms.values()))
        return message.format(count=self.number(count), **values)

    def forms(self, key: str) -> dict[str, str]:
        """Return a text's plural forms by CLDR category ('one', 'few', 'other')."""
        forms = self.messages.get(key)
        if not isinstance(forms, dict):
            raise MissingText(f"interface text {key!r} with plural forms is missing from {self.file}")
        return forms

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def date(self, value: PartialDate) -> str:
        """Return a partial date as a reader of this language writes it ('February 2025', 'c. 2021')."""
        return _format_date(value, self.locale, self._text("date_approximate", "~{date}"),
                            self._text("date_uncertain", "{date}?"))

    def day_month(self, month: int, day: int) -> str:
        """Return a day of the year without its year, as a birthday is written ('2 April', '2 апреля')."""
        return format_skeleton("MMMMd", datetime.date(2000, month, day), locale=self.locale)

    def month_name(self, month: int) -> str:
        """Return a month's name as a heading says it ('April', 'Красавік')."""
        name = self.locale.months["stand-alone"]["wide"][month]
        return name[:1].upper() + name[1:]

    def term(self, term: Term) -> str:
        """Return a length of time in words: '6 years', '2 гады 6 месяцаў'."""
        if not (term.years or term.months or term.days):
            return "—"
        return self.duration(term.years, term.months, term.days)

    def duration(self, years: int, months: int, days: int) -> str:
        """Return a length of years, months and days in words, as time in custody and terms say it."""
        # Shared with time in custody; it also copes with locales Babel has no list pattern for.
        return format_duration(years, months, days, self.locale, self.unit)

    def unit(self, count: int, unit: str) -> str:
        """Return a count of years, months or days in words: the catalogue's `duration.<unit>` forms
        where it has them (CLDR's Belarusian says '2 месяца' where Belarusian writes '2 месяцы'),
        else CLDR's unit names; the plural form is always CLDR's."""
        if isinstance(self.messages.get(f"duration.{unit}"), dict):
            return self.plural(f"duration.{unit}", count)
        return unit_name(count, unit, self.locale)

    def unit_forms(self) -> dict[str, dict[str, str]]:
        """Return the words of each unit by plural code (plural_codes), with {count}: what custody.js
        counts with."""
        forms: dict[str, dict[str, str]] = {}
        for unit in ("year", "month", "day"):
            own = self.messages.get(f"duration.{unit}")
            if isinstance(own, dict):
                forms[unit] = {PLURAL_CODES[k]: v for k, v in own.items() if k in PLURAL_CODES}
            else:
                forms[unit] = {PLURAL_CODES[form]: unit_name(n, unit, self.locale).replace(self.number(n), "{count}", 1)
                               for form, n in _samples(self.locale).items()}
        return forms

    def list_patterns(self) -> list[str]:
        """Return how two and three units are joined ('{0} {1}'), as format_duration joins them."""
        return [join_units(tuple(f"{{{i}}}" for i in range(n)), self.locale) for n in (2, 3)]

    def plural_codes(self) -> str:
        """Return the CLDR plural form of 0-199 as one letter each (PLURAL_CODES): browsers lack
        plural rules for some languages (Chromium has none for Belarusian); beyond 199 the form
        repeats every hundred in every language the site is likely to have."""
        return _plural_codes(self.locale)

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def language_name(self, code: str) -> str:
        """Return a language's name in this language: 'English', 'англійская'."""
        return self.locale.languages.get(code.replace("-", "_"), code)


@lru_cache(maxsize=64)
def _plural_codes(locale: Locale) -> str:
    return "".join(PLURAL_CODES[locale.plural_form(n)] for n in range(200))


@lru_cache(maxsize=64)
def _samples(locale: Locale) -> dict[str, int]:
    """Return a whole number of each plural form the locale has, the smallest one."""
    found: dict[str, int] = {}
    for n in range(200):
        found.setdefault(locale.plural_form(n), n)
    return found


@lru_cache(maxsize=65536)
def _format_date(value: PartialDate, locale: Locale, approximate: str, uncertain: str) -> str:
    day = datetime.date(value.year, value.month or 1, value.day or 1)
    if value.precision == "day":
        text = format_date(day, "long", locale=locale)
    elif value.precision == "month":
        text = format_skeleton("yMMMM", day, locale=locale)
    else:
        text = str(value.year)
    if value.approximate:
        return approximate.format(date=text)
    if value.uncertain:
        return uncertain.format(date=text)
    return text


def _read_catalogue(path: Path, problems: Problems) -> tuple[dict[str, str | dict[str, str]], Node | None]:
    try:
        node = parse(path.read_bytes())
    except YamlError as exc:
        problems.add(display_path(path), (exc.line, exc.column), "", exc.message, exc.hint)
        return {}, None
    if node is None or not isinstance(node.value, dict):
        problems.add(display_path(path), (1, 1), "", "expected a mapping of keys to interface text")
        return {}, None
    messages: dict[str, str | dict[str, str]] = {}
    for key, child in node.value.items():
        if isinstance(child.value, str):
            messages[key] = child.value
        elif isinstance(child.value, dict) and all(isinstance(c.value, str) for c in child.value.values()):
            messages[key] = {form: str(c.value) for form, c in child.value.items()}
        else:
            problems.add(display_path(path), child.pos, key, "expected text, or a mapping of plural forms to text")
    return messages, node


def load_catalogues(templates_dir: Path, languages: Sequence[str], problems: Problems) -> dict[str, Catalogue]:
    """Load one catalogue per site language; a language nobody has translated yet falls back to the
    default language's text with a warning, and a key missing from a translation is an error."""
    folder = templates_dir / CATALOGUE_DIR
    default_path = folder / f"{languages[0]}.yaml"
    if not default_path.exists():
        problems.add(display_path(default_path), (1, 1), "", "is missing",
                     f"the default language {languages[0]!r} needs its interface text")
        return {}
    default, _ = _read_catalogue(default_path, problems)
    catalogues = {}
    for lang in languages:
        path = folder / f"{lang}.yaml"
        if lang == languages[0]:
            messages, file = default, display_path(default_path)
        elif path.exists():
            messages, node = _read_catalogue(path, problems)
            file = display_path(path)
            for key in default.keys() - messages.keys():
                problems.add(file, (1, 1), key, "interface text is missing (the default language has it)",
                             f"translate {default_path.name}'s {key!r}")
        else:
            problems.add(display_path(path), (1, 1), "",
                         f"no interface text for {lang!r}: pages use {languages[0]!r} text",
                         f"translate {display_path(default_path)} into {path.name}", warning=True)
            messages, file = default, display_path(default_path)
        # A language without its own catalogue keeps its own locale (dates, plurals, direction);
        # only its words fall back to the default language's.
        own = lang == languages[0] or path.exists()
        tag = str(messages.get(LOCALE_KEY, lang)) if own else lang
        try:
            locale = Locale.parse(tag.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            problems.add(file, (1, 1), LOCALE_KEY, f"{tag!r} is not a locale Babel knows")
            continue
        catalogues[lang] = Catalogue(lang, locale, messages, file)
    return catalogues
