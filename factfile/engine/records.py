"""Read the person and event files that changed, across cores, and keep every record at hand.

A file's entry holds its stamp, hash, record and the small facts read from it (summary, problems,
references: `Info`). Unchanged files are not read at all; their records stay in the state and are
fetched only when a page shows them (`Store`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..content import summary
from ..content.coverage import Fallback
from ..content.load import Loaded, read_record
from ..content.model import ContentPage, Event, Person, Place, Reference
from ..problems import Problem
from .parallel import map_chunks
from .scan import RecordFile, Stamp, digest
from .state import State


@dataclass(frozen=True, slots=True)
class Info:
    """What the rest of the build needs of a file besides its record."""

    summary: summary.Summary | None
    problems: tuple[Problem, ...]
    references: tuple[Reference, ...]
    has_text: bool = False  # the record has text to translate (coverage.py)
    fallbacks: tuple[Fallback, ...] = ()  # its texts each language shows in another

    def dump(self) -> tuple:
        return (summary.dump(self.summary), tuple(_problem(p) for p in self.problems),
                summary.dump_references(self.references), self.has_text,
                tuple((f.record, f.file, f.pos, f.field, f.lang, f.shown) for f in self.fallbacks))

    @classmethod
    def load(cls, plain: tuple) -> Info:
        summary_plain, problems, references, has_text, fallbacks = plain
        return cls(summary.load(summary_plain), tuple(Problem(*p) for p in problems),
                   summary.load_references(references), has_text,
                   tuple(Fallback(r, f, tuple(pos), field, lang, shown) for r, f, pos, field, lang, shown in fallbacks))


def _problem(p: Problem) -> tuple:
    return (p.file, p.line, p.column, p.field, p.message, p.hint, p.warning)


@dataclass(frozen=True, slots=True)
class Entry:
    """A file as read: its stamp and hash, its record (None when invalid) and its Info."""

    stamp: Stamp | None
    hash: bytes
    record: Any
    info: Info


def _read(languages: Sequence[str], complete: frozenset[str], known: dict[str, bytes],
          files: Sequence[RecordFile]) -> list[tuple[str, Entry | None, Stamp | None]]:
    """Read files; return (path, entry, stamp), the entry None when the bytes are as known."""
    out: list[tuple[str, Entry | None, Stamp | None]] = []
    for item in files:
        path = item.key
        try:
            data = item.file.path.read_bytes() if item.file.path.is_file() else b""
        except OSError:
            data = b""
        file_hash = digest(data)
        if known.get(path) == file_hash and data:
            out.append((path, None, item.stamp))
            continue
        loaded: Loaded = read_record(item.kind, item.slug, item.file, languages, complete)
        out.append((path, Entry(item.stamp, file_hash, loaded.record,
                                Info(loaded.summary, loaded.problems, loaded.references, loaded.has_text,
                                     loaded.fallbacks)), item.stamp))
    return out


def read_changed(files: list[RecordFile], known: dict[str, bytes], languages: Sequence[str],
                 complete: frozenset[str],
                 processes: int | None = None) -> list[tuple[str, Entry | None, Stamp | None]]:
    """Read the given files across cores (see `_read`)."""
    return map_chunks(lambda part: _read(languages, complete, known, part), files, processes)


class Store:
    """Every valid record by key ("person:<slug>"): read this build, or fetched from the state."""

    def __init__(self, state: State | None) -> None:
        self.state = state
        self.memory: dict[str, Any] = {}
        self.paths: dict[str, str] = {}  # key -> file path, for records still in the state

    def put(self, key: str, record: Any) -> None:
        self.memory[key] = record

    def get(self, key: str) -> Any:
        record = self.memory.get(key)
        if record is None:
            if self.state is None or key not in self.paths:
                raise KeyError(key)
            record = self.memory[key] = self.state.record(self.paths[key])
            if record is None:
                raise KeyError(key)
        return record

    def person(self, slug: str) -> Person:
        return self.get("person:" + slug)

    def event(self, slug: str) -> Event:
        return self.get("event:" + slug)

    def page(self, slug: str) -> ContentPage:
        return self.get("page:" + slug)

    def place(self, slug: str) -> Place:
        return self.get("place:" + slug)
