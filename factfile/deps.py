"""Record what a page reads while it is built, so it is built again only when that changes.

The way Lektor records a build's dependencies (`ctx.record_dependency`), at a finer grain: views and
templates reach records only through `Tracked` wrappers, and every field they read is noted in the
current `Recorder` as a key (`person:ales-bialiatski`) and a bit of that record's fields. Site-wide
facts (who an event names, a page of the timeline, the build date) are keys of their own. After an
edit the engine works out which keys changed and re-renders exactly the pages that read one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")
ALL = (1 << 62) - 1  # every field: for values read whole (a fact, a source, a catalogue)

# Each key names one thing a page can read. Records: "<kind>:<slug>" (person:, event:), with a
# bit per field; "source:<id>", "site"; facts: "fact:<name>"; a template: "template:<name>";
# the interface text of a language: "catalogue:<lang>".


class Recorder:
    """The keys one page (or output file) read, each with the bits of the fields read."""

    __slots__ = ("reads",)

    def __init__(self) -> None:
        self.reads: dict[str, int] = {}

    def read(self, key: str, bits: int = ALL) -> None:
        self.reads[key] = self.reads.get(key, 0) | bits

    def merge(self, reads: dict[str, int]) -> None:
        for key, bits in reads.items():
            self.reads[key] = self.reads.get(key, 0) | bits


_current: Recorder | None = None


def current() -> Recorder | None:
    """Return the recorder of the page being built, None outside a page."""
    return _current


class recording:
    """`with recording() as rec:` makes `rec` the current recorder for the block (nests)."""

    def __init__(self, recorder: Recorder | None = None) -> None:
        self.recorder = recorder or Recorder()
        self.outer: Recorder | None = None

    def __enter__(self) -> Recorder:
        global _current
        self.outer, _current = _current, self.recorder
        return self.recorder

    def __exit__(self, *exc: object) -> None:
        global _current
        _current = self.outer
        if self.outer is not None:  # what a nested step read, its page read too
            self.outer.merge(self.recorder.reads)


def read(key: str, bits: int = ALL) -> None:
    """Note that the current page read a key (nothing outside a page)."""
    if _current is not None:
        _current.read(key, bits)


@cache
def field_bits(cls: type) -> dict[str, int]:
    """Return the bit of each field of a record class (fields past the 62nd share the last bit)."""
    return {f.name: 1 << min(i, 61) for i, f in enumerate(dataclasses.fields(cls))}


def changed_bits(old: Any, new: Any) -> int:
    """Return the bits of the fields that differ between two versions of a record."""
    if old is None or new is None or type(old) is not type(new):
        return ALL
    bits = 0
    cls: type = type(old)  # not type[Any], which mypy takes for unhashable (python/mypy#11470)
    for name, bit in field_bits(cls).items():
        a, b = getattr(old, name), getattr(new, name)
        if name == "origin":  # where fields are in the file matters for messages, not for pages
            a, b = a.file, b.file
        if a != b:
            bits |= bit
    return bits


class Tracked:
    """A record seen through a page: each field read is recorded under the record's key.

    It passes for the record (`isinstance`, equality) so views and templates need not know."""

    __slots__ = ("_record", "_key", "_bits")

    def __init__(self, record: Any, key: str) -> None:
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_key", key)
        cls: type = type(record)  # not type[Any], which mypy takes for unhashable (python/mypy#11470)
        object.__setattr__(self, "_bits", field_bits(cls))

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._record, name)
        if _current is not None:
            _current.read(self._key, self._bits.get(name, ALL))
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("records are read-only while pages are built")

    # isinstance(tracked, Person) holds; a proxy's read-only __class__ is what typing cannot express
    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self._record)

    def __eq__(self, other: object) -> bool:
        other = other._record if type(other) is Tracked else other
        return bool(self._record == other)

    __hash__ = None  # type: ignore[assignment]  # unhashable, like the records it wraps

    def __repr__(self) -> str:
        return f"Tracked({self._key})"


def tracked(record: T, key: str) -> T:
    """Return a record wrapped in `Tracked`, typed as the record it passes for."""
    return cast(T, Tracked(record, key))


def whole(value: T) -> T:
    """Return the record behind a Tracked wrapper, recorded as read whole (exports show every field)."""
    if not isinstance(value, Tracked):
        return value
    if _current is not None:
        _current.read(value._key, ALL)
    return value._record


def kept(store: dict[Any, tuple[Any, dict[str, int]]], key: Any, compute: Callable[[], T]) -> T:
    """Return store[key], computing it on the first call; what computing it read is kept with the value
    and replayed on every later call, so a kept value still counts as read by the page that uses it."""
    found = store.get(key)
    if found is None:
        with recording() as rec:
            value = compute()
        found = store[key] = (value, dict(rec.reads))
    elif _current is not None:
        _current.merge(found[1])
    return cast(T, found[0])


def memo(function: Callable[..., T]) -> Callable[..., T]:
    """Cache a function of hashable arguments whose result depends on what it reads (see kept)."""
    results: dict[Any, tuple[Any, dict[str, int]]] = {}

    def wrapper(*args: Any) -> T:
        return kept(results, args, lambda: function(*args))

    wrapper.cache_clear = results.clear  # type: ignore[attr-defined]  # a function's own attribute
    return wrapper
