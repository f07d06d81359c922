"""The kinds of record content/ holds in folders of one file per record: people, events, content
pages and places of detention.

A new kind of record (a place of detention, a content page) is one entry here, with its model class
and the checks across its own fields; loading, caching and dependency keys follow from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..problems import Problems
from . import rules
from .model import ContentPage, Event, Person, Place


@dataclass(frozen=True)
class RecordKind:
    """A folder of records under content/."""

    name: str  # a record's key is "<name>:<slug>" (person:ales-bialiatski)
    folder: str  # content/<folder>/<slug>.yaml
    cls: type
    check: Callable[[Any, Problems, str], None]  # contradictions inside one record (default language)

    def key(self, slug: str) -> str:
        return f"{self.name}:{slug}"


def _no_checks(record: Any, problems: Problems, lang: str) -> None:
    """A kind whose fields' types say all there is to check."""


PEOPLE = RecordKind("person", "people", Person, rules.check_person)
EVENTS = RecordKind("event", "events", Event, lambda event, problems, lang: rules.check_event(event, problems))
PAGES = RecordKind("page", "pages", ContentPage, _no_checks)  # about, methodology: <lang>/<slug>/
PLACES = RecordKind("place", "places", Place, lambda place, problems, lang: rules.check_place(place, problems))
RECORD_KINDS: tuple[RecordKind, ...] = (PEOPLE, EVENTS, PAGES, PLACES)
BY_FOLDER = {kind.folder: kind for kind in RECORD_KINDS}
