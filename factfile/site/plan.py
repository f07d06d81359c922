"""Decide which pages exist, at which paths, in which languages: the site's URL scheme.

URLs are a promise to everyone who shares a link; they are defined here and nowhere else.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..content.dates import PartialDate
from ..content.link import Linked
from ..content.model import Person

TIMELINE_LATEST = 100  # entries on the timeline's first page
TIMELINE_CHUNK = 500  # entries per page of one year


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render: its path under the output folder, template, language and subject."""

    path: str  # e.g. "en/people/ales-bialiatski/index.html"
    template: str
    lang: str
    kind: str  # home, people, person, event, timeline, timeline-year, search, data, root
    key: tuple = ()  # what the page is about: (slug,) or (year, chunk)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated line of the site-wide timeline: an event or a key date of a person."""

    date: PartialDate
    kind: str  # event, or a person's field: detained, sentenced, released, died
    slug: str


@dataclass
class Plan:
    """Every page of the site, and the timeline every language shares."""

    pages: list[Page]
    timeline: list[TimelineEntry]
    # Each year's entries, newest first, split into pages of TIMELINE_CHUNK.
    years: dict[int, list[list[TimelineEntry]]] = field(default_factory=dict)
    latest: list[TimelineEntry] = field(default_factory=list)


def home_path(lang: str) -> str:
    return f"{lang}/"


def people_path(lang: str) -> str:
    return f"{lang}/people/"


def person_path(lang: str, slug: str) -> str:
    return f"{lang}/people/{slug}/"


def event_path(lang: str, slug: str) -> str:
    return f"{lang}/events/{slug}/"


def timeline_path(lang: str, year: int | None = None, chunk: int = 1) -> str:
    if year is None:
        return f"{lang}/timeline/"
    return f"{lang}/timeline/{year}/" + (f"{chunk}/" if chunk > 1 else "")


def data_path(lang: str) -> str:
    return f"{lang}/data/"


def search_path(lang: str) -> str:
    return f"{lang}/search/"


def feed_path(lang: str) -> str:
    """Return the path of a language's Atom feed of events."""
    return f"{lang}/feed.xml"


def absolute(base_url: str | None, path: str) -> str | None:
    """Return the public address of a site path (folders without index.html), None without base_url."""
    if not base_url:
        return None
    return base_url.rstrip("/") + "/" + path.removesuffix("index.html")


def page_path(kind: str, lang: str, key: tuple = ()) -> str:
    """Return the folder path of a page of a kind, for links and language alternates."""
    return {
        "home": lambda: home_path(lang),
        "people": lambda: people_path(lang),
        "person": lambda: person_path(lang, *key),
        "event": lambda: event_path(lang, *key),
        "timeline": lambda: timeline_path(lang),
        "timeline-year": lambda: timeline_path(lang, *key),
        "data": lambda: data_path(lang),
        "search": lambda: search_path(lang),
        "root": lambda: "",
    }[kind]()


def site_timeline(linked: Linked) -> list[TimelineEntry]:
    """Return every dated entry of the site, newest first."""
    entries = [TimelineEntry(e.date, "event", e.slug) for e in linked.content.events.values()]
    for person in linked.content.people.values():
        entries += person_entries(person)
    entries.sort(key=lambda e: (e.date.sort_key, e.kind == "event", e.slug), reverse=True)
    return entries


def person_entries(person: Person) -> list[TimelineEntry]:
    """Return the timeline entries of a person's own dates, in the order the timeline keeps for ties."""
    return [TimelineEntry(date, kind, person.slug)
            for kind, date in (("detained", person.detained),
                               ("sentenced", person.sentence.date if person.sentence else None),
                               ("released", person.released), ("died", person.died))
            if date is not None]


def chunked(entries: list[TimelineEntry]) -> list[list[TimelineEntry]]:
    """Split a year's entries, newest first, into the pages that show them."""
    return [entries[i:i + TIMELINE_CHUNK] for i in range(0, len(entries), TIMELINE_CHUNK)]


def flat_years(site_plan: Plan) -> dict[int, list[TimelineEntry]]:
    """Return each year's entries as one list, newest first."""
    return {year: [entry for chunk in chunks for entry in chunk] for year, chunks in site_plan.years.items()}


def plan(linked: Linked, languages: list[str]) -> Plan:
    """Return the pages of the site in a stable order."""
    timeline = site_timeline(linked)
    by_year: dict[int, list[TimelineEntry]] = defaultdict(list)
    for entry in timeline:
        by_year[entry.date.year].append(entry)
    years = {year: chunked(entries) for year, entries in sorted(by_year.items(), reverse=True)}
    pages = [Page("index.html", "root.html", languages[0], "root")]
    for lang in languages:
        pages.append(Page(home_path(lang) + "index.html", "home.html", lang, "home"))
        pages.append(Page(people_path(lang) + "index.html", "people.html", lang, "people"))
        pages.append(Page(timeline_path(lang) + "index.html", "timeline.html", lang, "timeline"))
        pages.append(Page(search_path(lang) + "index.html", "search.html", lang, "search"))
        pages.append(Page(data_path(lang) + "index.html", "data.html", lang, "data"))
        for year, chunks in years.items():
            for chunk in range(1, len(chunks) + 1):
                pages.append(Page(timeline_path(lang, year, chunk) + "index.html", "timeline.html", lang,
                                  "timeline-year", (year, chunk)))
        for slug in sorted(linked.content.people):
            pages.append(Page(person_path(lang, slug) + "index.html", "person.html", lang, "person", (slug,)))
        for slug in sorted(linked.content.events):
            pages.append(Page(event_path(lang, slug) + "index.html", "event.html", lang, "event", (slug,)))
    return Plan(pages, timeline, years, timeline[:TIMELINE_LATEST])
