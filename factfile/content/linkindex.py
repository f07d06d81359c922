"""The links between records, kept up to date one record at a time for incremental rebuilds.

`link.link` checks a whole site at once; this index gives the same problems and the same person →
events lists, but a changed person or event re-checks only itself and the events that name it.
"""

from __future__ import annotations

from collections import Counter

from .link import check_people, check_sources, cited_sources, warn_unused_sources
from .model import Content, Event, Person
from ..problems import Problem, Problems


def _event_order(event: Event) -> tuple:
    return (event.date.sort_key, event.slug)


class LinkIndex:
    """Reference problems per record, citation counts and who names whom."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.problems: dict[tuple[str, str], list[Problem]] = {}
        self.citations: Counter[str] = Counter()
        self.named_by: dict[str, set[str]] = {}  # person slug → events naming it, known person or not
        self.events_by_person: dict[str, list[Event]] = {}
        for person in content.people.values():
            self.add_person(person)
        for event in content.events.values():
            self.replace_event(None, event, sort=False)
        for events in self.events_by_person.values():
            events.sort(key=_event_order)

    def add_person(self, person: Person) -> None:
        problems = Problems()
        check_sources(person, self.content.sources, problems)
        self._keep(("person", person.slug), problems.items)
        self.citations.update(cited_sources(person))

    def remove_person(self, person: Person) -> None:
        self.problems.pop(("person", person.slug), None)
        self.citations.subtract(cited_sources(person))

    def replace_event(self, old: Event | None, event: Event | None, sort: bool = True) -> None:
        """Replace an event's links and index entries by those of its new version (None: gone)."""
        if old is not None:
            self.problems.pop(("event", old.slug), None)
            self.citations.subtract(cited_sources(old))
            for slug in dict.fromkeys(old.people):
                self.named_by[slug].discard(old.slug)
                events = self.events_by_person.get(slug)
                if events is not None and old in events:
                    events.remove(old)
                    if not events:
                        del self.events_by_person[slug]
        if event is None:
            return
        problems = Problems()
        check_sources(event, self.content.sources, problems)
        for slug in check_people(event, self.content.people, problems):
            events = self.events_by_person.setdefault(slug, [])
            events.append(event)
            if sort:
                events.sort(key=_event_order)
        for slug in dict.fromkeys(event.people):
            self.named_by.setdefault(slug, set()).add(event.slug)
        self._keep(("event", event.slug), problems.items)
        self.citations.update(cited_sources(event))

    def _keep(self, key: tuple[str, str], items: list[Problem]) -> None:
        # Only records with problems are kept, so reporting does not visit every record.
        if items:
            self.problems[key] = items
        else:
            self.problems.pop(key, None)

    def report(self, problems: Problems) -> None:
        """Add every reference problem, and a warning for each source nobody cites."""
        for items in self.problems.values():
            problems.extend(items)
        used = {source for source, count in self.citations.items() if count > 0}
        warn_unused_sources(self.content, used, problems)
