"""Which pages a change to one person or event touches, and the site timeline kept up to date.

Each page reads only some of a record (views.py): the people index reads a person's name, summary
and status; an event page reads the names of the people it names; a person page reads the titles
and dates of their events. A change re-renders a page only when the part that page reads changed,
so a biography edit re-renders three pages, not the 10,000-row people index.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path

from ..site import plan as urls
from ..site.i18n import CATALOGUE_DIR
from ..content.load import _WINDOWS_RESERVED
from ..content.model import Event, Person
from ..site.plan import TIMELINE_CHUNK, TIMELINE_LATEST, TimelineEntry, person_entries
from ..problems import Problem
from ..content.validate import SLUG
from ..site.views import LATEST_EVENTS

_TIE = {"detained": 0, "sentenced": 1, "released": 2, "died": 3, "event": 0}


def person_line(person: Person | None) -> tuple | None:
    """Return what lists of people show of a person (people index, event pages)."""
    if person is None:
        return None
    # The index also filters by year, article, occupation and every spelling of the name, and the
    # home chart counts detention and release years.
    return (person.name, person.label, person.identity_withheld, person.summary, person.status, person.detained,
            person.released, tuple(c.article for c in person.charges), person.occupation,
            tuple(person.also_known_as))


def person_name(person: Person | None) -> tuple | None:
    """Return what the timeline shows of a person."""
    return None if person is None else (person.name, person.label, person.identity_withheld)


def event_line(event: Event | None) -> tuple | None:
    """Return what lists of events show of an event (person pages, home, timeline)."""
    return None if event is None else (event.title, event.date, event.type)


def entries(record: Person | Event | None) -> list[TimelineEntry]:
    """Return a record's entries on the site timeline."""
    if record is None:
        return []
    if isinstance(record, Event):
        return [TimelineEntry(record.date, "event", record.slug)]
    return person_entries(record)


def _key(entry: TimelineEntry) -> tuple:
    # plan.site_timeline sorts newest first by (date, is event, slug) and keeps a person's own
    # entries in person_entries order on ties; this ascending key gives that order reversed.
    return (entry.date.sort_key, entry.kind == "event", entry.slug, -_TIE[entry.kind])


class Timeline:
    """The site timeline, updated entry by entry instead of sorted again."""

    def __init__(self, newest_first: list[TimelineEntry]) -> None:
        self.entries = newest_first[::-1]
        self.keys = [_key(e) for e in self.entries]

    def replace(self, old: Iterable[TimelineEntry], new: Iterable[TimelineEntry]) -> None:
        """Remove a record's old entries and insert its new ones."""
        for entry in old:
            i = bisect_left(self.keys, _key(entry))
            del self.keys[i], self.entries[i]
        for entry in new:
            key = _key(entry)
            i = bisect_left(self.keys, key)
            self.keys.insert(i, key)
            self.entries.insert(i, entry)

    def newest_first(self) -> list[TimelineEntry]:
        return self.entries[::-1]

    def year(self, year: int) -> list[TimelineEntry]:
        """Return one year's entries, newest first."""
        lo = bisect_left(self.keys, ((year, 0, 0),))
        hi = bisect_left(self.keys, ((year + 1, 0, 0),))
        return self.entries[lo:hi][::-1]


def chunks(count: int) -> int:
    """Return how many pages a year of `count` entries takes."""
    return (count - 1) // TIMELINE_CHUNK + 1


def timeline_pages(lang: str, years: dict[int, list[TimelineEntry]], only: Iterable[int] | None = None
                   ) -> list[str]:
    """Return the paths of the timeline pages of a language: all, or those of some years."""
    selected = years if only is None else [y for y in only if y in years]
    paths = [urls.timeline_path(lang) + "index.html"] if only is None else []
    for year in selected:
        paths += [urls.timeline_path(lang, year, n) + "index.html" for n in range(1, chunks(len(years[year])) + 1)]
    return paths


def person_pages(langs: list[str], slug: str) -> list[str]:
    return [urls.person_path(lang, slug) + "index.html" for lang in langs]


def event_pages(langs: list[str], slug: str) -> list[str]:
    return [urls.event_path(lang, slug) + "index.html" for lang in langs]


def list_pages(langs: list[str], kind: str) -> list[str]:
    """Return the home or people index pages of every language."""
    path = urls.home_path if kind == "home" else urls.people_path
    return [path(lang) + "index.html" for lang in langs]


def classify(paths: list[Path], content_dir: Path, templates_dir: Path, base_problems: list[Problem]
             ) -> tuple[list[tuple[str, str, Path]], list[str], bool, bool, list[Path]]:
    """Sort changed paths into person/event files, templates and static files; full if other.
    The last list holds the paths that need nothing: editors' temporary files."""
    content = content_dir.resolve()
    templates = templates_dir.resolve()
    records, names, static, full, ignored = [], [], False, False, []
    for path in paths:
        resolved = path.resolve()
        if resolved.parent in (content / "people", content / "events"):
            name = resolved.name
            if name.startswith("."):
                ignored.append(path)  # editors' temporary files; the loader skips them too
                continue
            stem, suffix = os.path.splitext(name)
            if suffix == ".yaml" and SLUG.fullmatch(stem) and not resolved.is_dir() \
                    and stem not in _WINDOWS_RESERVED:
                folder = resolved.parent.name
                records.append((folder, stem, content_dir / folder / name))
            elif resolved.exists() or any(p.file.endswith(os.sep + name) for p in base_problems):
                full = True  # a bad file name: the loader reports it
            else:
                ignored.append(path)  # an editor's short-lived temporary file (sed -i's), gone already
        elif resolved == templates / "static" or templates / "static" in resolved.parents:
            static = True
        elif templates in resolved.parents and CATALOGUE_DIR not in resolved.relative_to(templates).parts:
            names.append(resolved.relative_to(templates).as_posix())
        else:
            full = True  # site.yaml, sources.yaml, interface text, anything else
    return records, names, static, full, ignored


def put(records: dict, slug: str, record: object | None) -> None:
    """Set or remove a record, keeping the dict in file-name order as the loader makes it."""
    if record is None:
        records.pop(slug, None)
    elif slug in records:
        records[slug] = record
    else:
        records[slug] = record
        ordered = sorted(records.items())
        records.clear()
        records.update(ordered)


def latest_events(newest_first: list, count: int = LATEST_EVENTS) -> set[str]:
    """Return the slugs of the events the home page lists as latest."""
    found = set()
    for entry in newest_first:
        if entry.kind == "event":
            found.add(entry.slug)
            if len(found) == count:
                break
    return found


__all__ = ["LATEST_EVENTS", "TIMELINE_LATEST", "Timeline", "chunks", "classify", "entries", "event_line",
           "event_pages", "latest_events", "list_pages", "person_line", "person_name", "person_pages", "put",
           "timeline_pages"]
