"""Keep what extra outputs make from each record, and remake only the records a rebuild touched.

The live preview's builder (incremental.py) tells the extra outputs which people and events it
re-read since they last ran (`SiteBuild.touched`; None means anything may have changed). An output
keeps one piece per record (a person's JSON, a CSV row) in `Pieces` and whole files in `Kept`, both
stored in `SiteBuild.kept`, which lives as long as the builder's loaded site. It remakes the touched
records' pieces and reassembles its files from the kept ones, so a save costs work for one record,
not for 40,000. A one-shot build makes everything once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

R = TypeVar("R")
P = TypeVar("P")


@dataclass
class Touched:
    """The records a live rebuild re-read (changed, added or deleted) since the outputs last ran,
    and the people named by touched events (their exports list those events)."""

    people: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)


def touched_slugs(touched: Touched | None, kind: str) -> set[str] | None:
    """Return the slugs of `kind` ("people" or "events") re-read since the outputs last ran; None: all."""
    return None if touched is None else getattr(touched, kind)


def stale(touched: Touched | None, kind: str) -> bool:
    """Return whether a file made from every record of `kind` must be made again."""
    return touched is None or bool(getattr(touched, kind))


class Pieces(Generic[R, P]):
    """One piece of output per record, by slug."""

    def __init__(self) -> None:
        self.items: dict[str, P] = {}
        self.complete = False

    def update(self, records: dict[str, R], touched: Iterable[str] | None, make: Callable[[R], P]) -> dict[str, P]:
        """Bring the pieces up to date: all of them, or only the touched records' ones."""
        if touched is None or not self.complete:
            self.items = {slug: make(record) for slug, record in records.items()}
            self.complete = True
        else:
            for slug in touched:
                record = records.get(slug)
                if record is None:
                    self.items.pop(slug, None)
                else:
                    self.items[slug] = make(record)
        return self.items


class Kept:
    """Whole files, made again when stale."""

    def __init__(self) -> None:
        self.items: dict[str, Any] = {}

    def get(self, key: str, stale: bool, make: Callable[[], Any]) -> Any:
        if stale or key not in self.items:
            self.items[key] = make()
        return self.items[key]


def state(kept: dict[str, Any], owner: str, make: Callable[[], Any]) -> Any:
    """Return an output's kept state from SiteBuild.kept, made on first use."""
    if owner not in kept:
        kept[owner] = make()
    return kept[owner]
