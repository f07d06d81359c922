"""What the rest of the site needs to know of a record without reading it: its summary.

Checks across records (references, likely duplicates), the person → events index and the site
timeline are computed from summaries, which are small and kept between builds, so a build after one
edit never reads the 40,000 records it did not change. Summaries are plain tuples that `marshal`
stores; `dump` and `load` turn them into that form and back.
"""

from __future__ import annotations

from typing import NamedTuple

from . import history
from .dates import PartialDate
from .model import ContentPage, Event, Person, Place, Reference
from .translit import name_key

DatePlain = tuple[int, int, int, str]
Position = tuple[int, int]


class PersonSummary(NamedTuple):
    slug: str
    file: str
    withheld: bool
    # (field path, spelling-blind key, text, position) of every name; none when withheld
    names: tuple[tuple[str, str, str, Position], ...]
    distinct_from: tuple[str, ...]
    # timeline entries: (detained|sentenced|released|died, date), of every period and case
    dates: tuple[tuple[str, PartialDate], ...]
    photo: tuple[str, Position] | None  # the photo's file name in content/photos/, and where it is named
    places: tuple[str, ...] = ()  # every place held in (content/places/ slugs), in the order written
    current_place: str | None = None  # the place held in now
    articles: tuple[str, ...] = ()  # every article charged under, each once


class EventSummary(NamedTuple):
    slug: str
    file: str
    date: PartialDate
    type: str
    people: tuple[str, ...]  # each once, in the order written
    date_pos: Position


class PageSummary(NamedTuple):
    slug: str
    file: str


class PlaceSummary(NamedTuple):
    slug: str
    file: str


Summary = PersonSummary | EventSummary | PageSummary | PlaceSummary

PERSON_DATES = ("detained", "sentenced", "released", "died")  # the timeline's order for ties


def summarize(record: Person | Event | ContentPage | Place) -> Summary:
    """Return the summary of a valid record."""
    if isinstance(record, ContentPage):
        return PageSummary(record.slug, record.origin.file)
    if isinstance(record, Place):
        return PlaceSummary(record.slug, record.origin.file)
    if isinstance(record, Event):
        return EventSummary(record.slug, record.origin.file, record.date, record.type,
                            tuple(dict.fromkeys(record.people)), record.origin.pos("date"))
    names: list[tuple[str, str, str, Position]] = []
    if not record.identity_withheld:
        if record.name:
            single = len(record.name) == 1
            for lang, text in record.name.items():
                path = "name" if single else f"name.{lang}"
                names.append((path, name_key(text), text, record.origin.pos(path)))
        for i, text in enumerate(record.also_known_as):
            path = f"also_known_as[{i}]"
            names.append((path, name_key(text), text, record.origin.pos(path)))
    dates = [("detained", period.start) for period in history.periods(record)]
    dates += [("sentenced", case.verdict) for case in history.cases(record) if case.verdict]
    dates += [("released", date) for date in history.releases(record)]
    dates += [("died", record.died)] if record.died else []
    photo = (record.photo.file, record.origin.pos("photo.file")) if record.photo else None
    return PersonSummary(record.slug, record.origin.file, record.identity_withheld, tuple(names),
                         tuple(record.distinct_from), tuple(dates), photo, tuple(history.places(record)),
                         history.current_place(record), tuple(history.articles(record)))


def _date(date: PartialDate) -> DatePlain:
    return (date.year, date.month or 0, date.day or 0, date.qualifier)


def _undate(plain: DatePlain) -> PartialDate:
    return PartialDate(plain[0], plain[1] or None, plain[2] or None, plain[3])


def dump(summary: Summary | None) -> tuple | None:
    """Return a summary as plain tuples."""
    if summary is None:
        return None
    if isinstance(summary, PageSummary):
        return ("c", summary.slug, summary.file)
    if isinstance(summary, PlaceSummary):
        return ("l", summary.slug, summary.file)
    if isinstance(summary, EventSummary):
        return ("e", summary.slug, summary.file, _date(summary.date), summary.type, summary.people, summary.date_pos)
    return ("p", summary.slug, summary.file, summary.withheld, summary.names, summary.distinct_from,
            tuple((kind, _date(date)) for kind, date in summary.dates), summary.photo, summary.places,
            summary.current_place, summary.articles)


def load(plain: tuple | None) -> Summary | None:
    """Return the summary `dump` gave as plain tuples."""
    if plain is None:
        return None
    if plain[0] == "c":
        return PageSummary(plain[1], plain[2])
    if plain[0] == "l":
        return PlaceSummary(plain[1], plain[2])
    if plain[0] == "e":
        _, slug, file, date, kind, people, pos = plain
        return EventSummary(slug, file, _undate(date), kind, tuple(people), tuple(pos))
    _, slug, file, withheld, names, distinct, dates, photo, places, current, articles = plain
    return PersonSummary(slug, file, withheld, tuple((p, k, t, tuple(pos)) for p, k, t, pos in names),
                         tuple(distinct), tuple((kind, _undate(d)) for kind, d in dates),
                         (photo[0], tuple(photo[1])) if photo else None,
                         tuple(places), current, tuple(articles))


def dump_references(references: tuple[Reference, ...]) -> tuple:
    return tuple((r.kind, r.target, r.file, r.path, r.pos, r.private) for r in references)


def load_references(plain: tuple) -> tuple[Reference, ...]:
    return tuple(Reference(kind, target, file, path, tuple(pos), private)
                 for kind, target, file, path, pos, private in plain)
