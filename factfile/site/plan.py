"""Decide which pages exist, in which languages, and the timeline every language shares.

Page kinds (kinds.py, listed in pages/__init__.py) say where their pages live; the plan lists every
page of every kind, built from the records' summaries only (content/summary.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..content.dates import PartialDate
from ..content.link import Linked
from .kinds import Page, PageKind

TIMELINE_LATEST = 100  # entries on the timeline's first page
TIMELINE_CHUNK = 500  # entries per page of one year
LATEST_EVENTS = 10  # on the home page
FEED_ENTRIES = 50  # in each language's Atom feed


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated line of the site-wide timeline: an event or a key date of a person."""

    date: PartialDate
    kind: str  # event, or a person's field: detained, sentenced, released, died
    slug: str


@dataclass
class Plan:
    """Every page of the site, and what lists of pages show: the timeline and the records."""

    languages: Sequence[str]
    people: list[str]  # slugs, sorted
    events: list[str]
    content_pages: list[str]
    timeline: list[TimelineEntry]  # newest first
    places: list[str] = field(default_factory=list)  # slugs of content/places/, sorted
    articles: list[str] = field(default_factory=list)  # ids of content/articles.yaml, sorted
    # Each year's entries, newest first, split into pages of TIMELINE_CHUNK.
    years: dict[int, list[list[TimelineEntry]]] = field(default_factory=dict)
    latest: list[TimelineEntry] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)


# A person's dated fact that an event naming them on the same date already tells: a release
# event naming three people is one line of the timeline, not four.
TOLD_BY = {"detained": {"arrest"}, "sentenced": {"sentence", "trial"}, "released": {"release", "pardon"}}


def site_timeline(linked: Linked) -> list[TimelineEntry]:
    """Return every dated entry of the site, newest first."""
    entries = [TimelineEntry(e.date, "event", e.slug) for e in linked.events.values()]
    told = {(person, e.date.iso(), kind) for e in linked.events.values() for person in e.people
            for kind, types in TOLD_BY.items() if e.type in types}
    for person in linked.people.values():
        entries += [TimelineEntry(date, kind, person.slug) for kind, date in person.dates
                    if (person.slug, date.iso(), kind) not in told]
    # A person's own entries keep the order of summary.PERSON_DATES on ties (stable sort).
    entries.sort(key=lambda e: (e.date.sort_key, e.kind == "event", e.slug), reverse=True)
    return entries


def chunked(entries: list[TimelineEntry]) -> list[list[TimelineEntry]]:
    """Split a year's entries, newest first, into the pages that show them."""
    return [entries[i:i + TIMELINE_CHUNK] for i in range(0, len(entries), TIMELINE_CHUNK)]


def plan(linked: Linked, languages: Sequence[str], kinds: Iterable[PageKind]) -> Plan:
    """Return the pages of every kind, in the kinds' order (pages/__init__.py), in a stable order."""
    timeline = site_timeline(linked)
    by_year: dict[int, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        by_year[entry.date.year].append(entry)
    years = {year: chunked(entries) for year, entries in sorted(by_year.items(), reverse=True)}
    site_plan = Plan(languages, sorted(linked.people), sorted(linked.events), sorted(linked.pages), timeline,
                     sorted(linked.places), sorted(linked.articles), years, timeline[:TIMELINE_LATEST])
    kinds = list(kinds)
    pages = [kind.page(languages[0], key) for kind in kinds if kind.default_language_only
             for key in kind.keys(site_plan)]
    for lang in languages:
        for kind in kinds:
            if not kind.default_language_only:
                pages += [kind.page(lang, key) for key in kind.keys(site_plan)]
    site_plan.pages = pages
    return site_plan
