"""Check records against each other and index them: references, likely duplicates, who is named where.

Everything here reads summaries (summary.py), not records, so it costs the same after one edit as
after a full load and stays linear in the number of files. Records themselves are fetched from a
`Records` store only by the pages that show them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from ..problems import Problems, did_you_mean
from .duplicates import check_events, check_people
from .model import Article, ContentPage, Event, Origin, Person, Place, Reference, Site, Source
from .summary import EventSummary, PageSummary, PersonSummary, PlaceSummary


class Records(Protocol):
    """Where whole records come from: memory after a full load, the build cache after an edit."""

    def person(self, slug: str) -> Person: ...

    def event(self, slug: str) -> Event: ...

    def page(self, slug: str) -> ContentPage: ...

    def place(self, slug: str) -> Place: ...


@dataclass
class RecordDict:
    """Records held in memory, by slug."""

    people: dict[str, Person] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    pages: dict[str, ContentPage] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)

    def person(self, slug: str) -> Person:
        return self.people[slug]

    def event(self, slug: str) -> Event:
        return self.events[slug]

    def page(self, slug: str) -> ContentPage:
        return self.pages[slug]

    def place(self, slug: str) -> Place:
        return self.places[slug]


class HeldAt(NamedTuple):
    """Who is held at a place now, and who was held there before (and is not now), in slug order."""

    now: tuple[str, ...]
    before: tuple[str, ...]


@dataclass
class Linked:
    """The site's valid records by summary, checked against each other, and the indexes pages read."""

    site: Site
    sources: dict[str, Source]
    people: dict[str, PersonSummary]  # by slug, in slug order
    events: dict[str, EventSummary]
    pages: dict[str, PageSummary]  # content pages: about, methodology
    records: Records
    events_of: dict[str, tuple[str, ...]] = field(default_factory=dict)  # person → events, oldest first
    places: dict[str, PlaceSummary] = field(default_factory=dict)  # by slug, in slug order
    articles: dict[str, Article] = field(default_factory=dict)  # content/articles.yaml, by id
    held_at: dict[str, HeldAt] = field(default_factory=dict)  # place → who is and was held there
    charged_under: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article → people, slug order


def source_refs(record: object, prefix: str = "") -> list[tuple[str, object]]:
    """Return (field path, reference) for every source reference in a record, nested ones too."""
    found = []
    for name, value in vars(record).items():
        path = f"{prefix}{name}"
        if name == "sources":
            found += [(f"{path}[{i}]", ref) for i, ref in enumerate(value)]
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if hasattr(item, "sources"):
                    found += source_refs(item, f"{path}[{i}].")
        elif hasattr(value, "sources"):
            found += source_refs(value, f"{path}.")
    return found


def resolve_source(ref: str | Source, sources: dict[str, Source]) -> Source:
    """Return the source a reference means (the caller has checked that it exists)."""
    return ref if isinstance(ref, Source) else sources[ref]


def check_references(references: Iterable[Reference], person_files: set[str], source_ids: set[str],
                     problems: Problems, place_files: AbstractSet[str] = frozenset(),
                     article_ids: AbstractSet[str] | None = None) -> None:
    """Report every source id, person slug and place slug that names nothing, in valid and invalid
    files alike; with a content/articles.yaml (`article_ids`), warn about each article it lacks."""
    for ref in references:
        # A reference made by a withheld person's file is `private`: its message quotes nothing.
        named = "" if ref.private else f" {ref.target!r}"
        if ref.kind == "source" and ref.target not in source_ids:
            hint = did_you_mean(ref.target, source_ids) if source_ids else "there is no content/sources.yaml"
            problems.add(ref.file, ref.pos, ref.path, "unknown source" + named,
                         hint or "add it to content/sources.yaml")
        elif ref.kind == "person" and ref.target not in person_files:
            problems.add(ref.file, ref.pos, ref.path, "unknown person" + named,
                         did_you_mean(ref.target, person_files)
                         or ("check the file name" if ref.private else f"add content/people/{ref.target}.yaml"))
        elif ref.kind == "place" and ref.target not in place_files:
            problems.add(ref.file, ref.pos, ref.path, "unknown place" + named,
                         did_you_mean(ref.target, place_files)
                         or ("check the file name" if ref.private else f"add content/places/{ref.target}.yaml"))
        elif ref.kind == "article" and article_ids is not None and ref.target not in article_ids:
            problems.add(ref.file, ref.pos, ref.path, "is not listed in content/articles.yaml"
                         if ref.private else f"article {ref.target!r} is not listed in content/articles.yaml",
                         did_you_mean(ref.target, article_ids) or "add it there with its code and title",
                         warning=True)


def check_distinct(references: Iterable[Reference], people: dict[str, PersonSummary], problems: Problems) -> None:
    """Report distinct_from entries that name a withheld person.

    A withheld person has no published name to be confused with, and the link would tell readers
    of the data whose name the real one resembles."""
    for ref in references:
        if ref.kind == "person" and ref.path.startswith("distinct_from[") and ref.target in people \
                and people[ref.target].withheld:
            problems.add(ref.file, ref.pos, ref.path, "names a person whose identity is withheld",
                         "remove it: such a person has no published name to be confused with, and the "
                         "link would tell whose name the real one resembles")


def warn_unused_sources(sources: Iterable[str], origin: Origin | None, used: set[str], problems: Problems) -> None:
    """Warn about each source in sources.yaml that no record cites."""
    origin = origin or Origin("content/sources.yaml")
    for source_id in sources:
        if source_id not in used:
            problems.add(origin.file, origin.pos(source_id), source_id, "is not cited by any person or event",
                         "remove it or cite it", warning=True)


def index_events(people: dict[str, PersonSummary], events: dict[str, EventSummary]) -> dict[str, tuple[str, ...]]:
    """Return, for each person named by an event, the events naming them, oldest first."""
    found: dict[str, list[EventSummary]] = defaultdict(list)
    for event in events.values():
        for slug in event.people:
            if slug in people:
                found[slug].append(event)
    return {slug: tuple(e.slug for e in sorted(items, key=lambda e: (e.date.sort_key, e.slug)))
            for slug, items in found.items()}


def index_places(people: dict[str, PersonSummary], places: dict[str, PlaceSummary]) -> dict[str, HeldAt]:
    """Return, for each place someone was held in, who is held there now and who was before."""
    now: dict[str, list[str]] = defaultdict(list)
    before: dict[str, list[str]] = defaultdict(list)
    for slug, person in people.items():  # in slug order
        for place in person.places:
            if place in places:
                (now if place == person.current_place else before)[place].append(slug)
    return {place: HeldAt(tuple(now.get(place, ())), tuple(before.get(place, ())))
            for place in places if place in now or place in before}


def index_articles(people: dict[str, PersonSummary]) -> dict[str, tuple[str, ...]]:
    """Return, for each article anyone was charged under, everyone charged under it."""
    found: dict[str, list[str]] = defaultdict(list)
    for slug, person in people.items():
        for article in person.articles:
            found[article].append(slug)
    return {article: tuple(slugs) for article, slugs in sorted(found.items())}


@dataclass
class Found:
    """What link() checks and indexes: the valid records' summaries, and every file and id there
    is (valid or not), so a reference to an invalid file is not a second mistake."""

    people: dict[str, PersonSummary]
    events: dict[str, EventSummary]
    pages: dict[str, PageSummary]
    places: dict[str, PlaceSummary]
    person_files: set[str]
    place_files: set[str]
    source_ids: set[str]
    articles: dict[str, Article]
    article_ids: set[str] | None  # None: there is no content/articles.yaml


def link(site: Site, sources: dict[str, Source], source_origin: Origin | None, found: Found,
         references: Iterable[Reference], records: Records, problems: Problems) -> Linked:
    """Check every reference and likely duplicate, and index who is named where."""
    references = list(references)
    people = found.people
    check_references(references, found.person_files, found.source_ids, problems, found.place_files,
                     found.article_ids)
    check_distinct(references, people, problems)
    warn_unused_sources(sources, source_origin, {r.target for r in references if r.kind == "source"}, problems)
    check_people(people, problems)
    check_events(found.events, problems)
    return Linked(site, sources, people, found.events, found.pages, records, index_events(people, found.events),
                  found.places, found.articles, index_places(people, found.places), index_articles(people))
