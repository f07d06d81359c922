"""Which languages the content is written in: the texts each language's pages show in another
language (the default language, marked with `lang`), and texts marked with a language their letters
contradict.

`check` reports per language how many records fall back and, with --languages, which. A language in
site.yaml's `complete_languages` must have all its text: each fallback in it is a warning at the
field (an error under --strict). Text whose letters contradict its language is always a warning.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from ..problems import Problems
from .dates import PartialDate, Term
from .model import Content, Localized, Origin
from .scripts import mislabelled


class Fallback(NamedTuple):  # a tuple: a large site has a hundred thousand of them
    """A text a language's pages show in another language."""

    record: str  # what is read: its file, and the source id within sources.yaml
    file: str
    pos: tuple[int, int]
    field: str
    lang: str  # the language whose pages show it
    shown: str  # the language they show instead


@dataclass
class Coverage:
    """How many records each language has all the text of, and the fallbacks of the others."""

    languages: Sequence[str]
    records: int = 0  # records with text to translate
    fallbacks: dict[str, list[Fallback]] = field(default_factory=dict)

    def add(self, has_text: bool, fallbacks: Iterable[Fallback]) -> None:
        """Count a record, with the texts it shows in another language."""
        self.records += has_text
        for fallback in fallbacks:
            self.fallbacks.setdefault(fallback.lang, []).append(fallback)

    def records_falling_back(self, lang: str) -> dict[str, list[Fallback]]:
        """Return the fallbacks of a language grouped by record, in file order."""
        found: dict[str, list[Fallback]] = {}
        for fallback in sorted(self.fallbacks.get(lang, []), key=lambda f: (f.file, f.pos, f.field)):
            found.setdefault(fallback.record, []).append(fallback)
        return found

    def summary(self) -> str:
        """Return the one-line report: how many records each language shows in another language."""
        parts = []
        for lang in self.languages:
            count = len(self.records_falling_back(lang))
            if count:
                shown = sorted({f.shown for f in self.fallbacks[lang]})
                parts.append(f"{lang}: {count} of {self.records} record{'s' * (self.records != 1)} "
                             f"fall{'s' * (count == 1)} back to {', '.join(shown)}")
            else:
                parts.append(f"{lang}: complete")
        return "languages: " + "; ".join(parts)

    def listing(self) -> list[str]:
        """Return one line per language and per record that falls back, with the fields."""
        lines = []
        for lang in self.languages:
            records = self.records_falling_back(lang)
            if not records:
                lines.append(f"{lang}: complete")
                continue
            lines.append(f"{lang}: {len(records)} record{'s' * (len(records) != 1)} fall"
                         f"{'s' * (len(records) == 1)} back:")
            for record, items in records.items():
                first = items[0]
                shown = ", ".join(sorted({f.shown for f in items}))
                fields = ", ".join(f.field for f in items)
                lines.append(f"  {first.file}:{first.pos[0]}:{first.pos[1]}: {record_label(record, first.file)}"
                             f"{fields} (in {shown})")
        return lines


def record_label(record: str, file: str) -> str:
    return "" if record == file else f"{record.rpartition(': ')[2]}: "


def texts(value: object, path: str = "") -> Iterator[tuple[str, Localized]]:
    """Yield (field path, value) of every localizable text in a record, nested ones too."""
    if isinstance(value, Localized):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if not isinstance(item, _PLAIN):
                yield from texts(item, f"{path}[{i}]")
    elif hasattr(type(value), "__dataclass_fields__"):
        cls: type = type(value)  # not type[object], which mypy takes for unhashable (python/mypy#11470)
        for name in _field_names(cls):
            item = getattr(value, name)
            if not isinstance(item, _PLAIN):
                yield from texts(item, f"{path}.{name}" if path else name)


_PLAIN = (str, bool, int, PartialDate, Term, type(None))  # values that hold no localizable text


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """Return the fields of a record whose type may hold localizable text (read from the model's
    type hints, so a date or a list of ids is never visited)."""
    hints = typing.get_type_hints(cls)
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "origin" and _may_hold_text(hints[f.name]))


@cache
def _may_hold_text(hint: object) -> bool:
    if isinstance(hint, type) and issubclass(hint, Localized):
        return True
    if dataclasses.is_dataclass(hint):
        return any(_may_hold_text(h) for h in typing.get_type_hints(hint).values())
    return any(_may_hold_text(arg) for arg in typing.get_args(hint))


def _records(content: Content) -> Iterator[tuple[str, str, Origin, str, object]]:
    """Yield (record, file, origin, path prefix, record) for every record with text: the site,
    each source of sources.yaml, each person, event and content page."""
    site_origin = content.site_origin or Origin("content/site.yaml")
    yield site_origin.file, site_origin.file, site_origin, "", content.site
    sources_origin = content.source_origin or Origin("content/sources.yaml")
    for source_id, source in content.sources.items():
        yield f"{sources_origin.file}: {source_id}", sources_origin.file, sources_origin, source_id, source
    for group in (content.people, content.events, content.pages):
        for record in group.values():
            yield record.origin.file, record.origin.file, record.origin, "", record


def check_record(record: str, file: str, origin: Origin, prefix: str, value: object, languages: Sequence[str],
                 complete: AbstractSet[str], problems: Problems) -> tuple[bool, list[Fallback]]:
    """Return whether a record has text to translate, and the texts each language shows in another;
    warn about each fallback in a complete language and each text its letters contradict."""
    default = languages[0]
    found, fallbacks = False, []
    for path, text in texts(value, prefix):
        found = True
        shown_path = path.removeprefix(f"{prefix}.") if prefix else path
        for lang, body in text.items():
            reason = mislabelled(body, lang)
            if reason:  # at the language's key when the text is a mapping of languages
                where = f"{path}.{lang}" if f"{path}.{lang}" in origin.positions else path
                problems.add(file, origin.pos(where), where, reason,
                             "put it under the language it is written in, or correct it", warning=True)
        for lang in languages:
            if lang in text:
                continue
            shown = default if default in text else next(iter(text))
            pos = origin.pos(path)
            fallbacks.append(Fallback(record, file, pos, shown_path, lang, shown))
            if lang in complete:
                problems.add(file, pos, path, f"has no {lang} text: {lang} pages show the {shown} text",
                             f"add '{lang}:' to it, or take {lang} out of complete_languages in site.yaml",
                             warning=True)
    return found, fallbacks


def check_languages(content: Content, problems: Problems) -> Coverage:
    """Return which records fall back in each language; warn about each fallback in a complete
    language and about every text marked with a language its letters contradict."""
    languages = content.site.languages
    complete = set(content.site.complete_languages)
    coverage = Coverage(languages, fallbacks={lang: [] for lang in languages})
    for record, file, origin, prefix, value in _records(content):
        found, fallbacks = check_record(record, file, origin, prefix, value, languages, complete, problems)
        coverage.add(found, fallbacks)
    return coverage
