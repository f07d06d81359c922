"""Warn about likely duplicates: people whose names match across spellings and alphabets, and
events of the same type on the same date naming the same people.

Each record is indexed once by a normalised key (computed when it is read: summary.py), so the check
stays linear in the number of files: no pair of records is ever compared directly.
"""

from __future__ import annotations

from ..problems import Problems
from .summary import EventSummary, PersonSummary


def check_people(people: dict[str, PersonSummary], problems: Problems) -> None:
    """Warn once for each pair of people who share a name once spelling is folded."""
    first: dict[str, tuple[PersonSummary, str, str]] = {}
    warned: set[tuple[str, str]] = set()
    for slug in sorted(people):
        person = people[slug]
        # A withheld identity has no names here: nothing to compare, and nothing identifying may
        # be echoed in messages.
        for path, key, text, pos in person.names:
            if not key:
                continue
            other, other_path, other_text = first.setdefault(key, (person, path, text))
            if other is person or (other.slug, slug) in warned:
                continue
            if other.slug in person.distinct_from or slug in other.distinct_from:
                continue
            warned.add((other.slug, slug))
            problems.add(person.file, pos, path,
                         f"{text!r} may be the same person as {other.file} ({other_path}: {other_text!r})",
                         f"merge the two files; if they are different people, add distinct_from: [{other.slug}]",
                         warning=True)


def check_events(events: dict[str, EventSummary], problems: Problems) -> None:
    """Warn when two events share their date, type and the people they name."""
    first: dict[tuple, EventSummary] = {}
    for slug in sorted(events):
        event = events[slug]
        if not event.people:
            continue
        key = (str(event.date), event.type, frozenset(event.people))
        other = first.setdefault(key, event)
        if other is not event:
            problems.add(event.file, event.date_pos, "date",
                         f"may be the same event as {other.file}: both are a {event.type} "
                         f"on {event.date} naming the same people",
                         "merge the two files, or correct the date or the people", warning=True)
