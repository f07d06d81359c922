"""Warn about likely duplicates: people whose names match across spellings and alphabets, and
events of the same type on the same date naming the same people.

Each record is indexed once by a normalised key, so the check stays linear in the number of files:
no pair of records is ever compared directly.
"""

from __future__ import annotations

from .model import Content, Event, Person
from ..problems import Problems
from .translit import name_key


def _names(person: Person) -> list[tuple[str, str]]:
    """Return (field path, text) of every name a person is known by."""
    found: list[tuple[str, str]] = []
    if person.name:
        single = len(person.name) == 1
        found += [("name" if single else f"name.{lang}", text) for lang, text in person.name.items()]
    found += [(f"also_known_as[{i}]", text) for i, text in enumerate(person.also_known_as)]
    return found


def check_people(people: dict[str, Person], problems: Problems) -> None:
    """Warn once for each pair of people who share a name once spelling is folded."""
    first: dict[str, tuple[Person, str, str]] = {}
    warned: set[tuple[str, str]] = set()
    for slug in sorted(people):
        person = people[slug]
        if person.identity_withheld:
            continue  # no name to compare, and nothing identifying may be echoed in messages
        for path, text in _names(person):
            key = name_key(text)
            if not key:
                continue
            seen = first.setdefault(key, (person, path, text))
            other, other_path, other_text = seen
            if other is person or (other.slug, slug) in warned:
                continue
            if other.slug in person.distinct_from or slug in other.distinct_from:
                continue
            warned.add((other.slug, slug))
            problems.add(person.origin.file, person.origin.pos(path), path,
                         f"{text!r} may be the same person as {other.origin.file} ({other_path}: {other_text!r})",
                         f"merge the two files; if they are different people, add distinct_from: [{other.slug}]",
                         warning=True)


def check_events(events: dict[str, Event], problems: Problems) -> None:
    """Warn when two events share their date, type and the people they name."""
    first: dict[tuple, Event] = {}
    for slug in sorted(events):
        event = events[slug]
        if not event.people:
            continue
        key = (str(event.date), event.type, frozenset(event.people))
        other = first.setdefault(key, event)
        if other is not event:
            problems.add(event.origin.file, event.origin.pos("date"), "date",
                         f"may be the same event as {other.origin.file}: both are a {event.type} "
                         f"on {event.date} naming the same people",
                         "merge the two files, or correct the date or the people", warning=True)


def check_duplicates(content: Content, problems: Problems) -> None:
    """Warn about likely duplicate people and events."""
    check_people(content.people, problems)
    check_events(content.events, problems)
