"""Read person and event files once: parsed and validated across cores, kept per file until it changes.

A file's entry holds its record (or None) and the problems reading it gave, so an unchanged file is
neither parsed nor validated again and its warnings are still reported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..content.load import ContentFile, load_record
from .parallel import map_chunks
from ..content.model import Reference
from ..problems import Problem, Problems

Stamp = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Entry:
    """One file as last read: its stamp, record (None when invalid), problems and the references it
    makes (kept for invalid files too, so their unknown ids are reported in the same run)."""

    stamp: Stamp
    record: Any
    problems: tuple[Problem, ...]
    references: tuple[Reference, ...] = ()


def stamp(path: os.PathLike | str) -> Stamp | None:
    """Return what tells a changed file from an unchanged one (mtime, size, inode); None if missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _read(cls: type, languages: list[str], files: Sequence[tuple[str, ContentFile, Stamp | None]]
          ) -> list[tuple[str, Entry]]:
    out = []
    for slug, file, file_stamp in files:
        problems = Problems()
        references: list[Reference] = []
        record = load_record(slug, file, cls, languages, problems, references)
        out.append((str(file.path), Entry(file_stamp or (0, 0, 0), record, tuple(problems.items),
                                          tuple(references))))
    return out


class RecordCache:
    """A `load.RecordReader` that remembers every file it read, by path and stamp."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.with_problems: set[str] = set()  # so collecting problems does not visit every file
        self.languages: list[str] = []

    def _set(self, path: str, entry: Entry) -> None:
        self.entries[path] = entry
        if entry.problems:
            self.with_problems.add(path)
        else:
            self.with_problems.discard(path)

    def forget(self, path: os.PathLike | str) -> None:
        """Make the next read of a file parse it again, whatever its stamp."""
        self.entries.pop(str(path), None)
        self.with_problems.discard(str(path))

    def read_one(self, slug: str, file: ContentFile, cls: type, languages: list[str]) -> Entry:
        """Read one file again, whatever its stamp, and remember it."""
        entry = _read(cls, languages, [(slug, file, stamp(file.path))])[0][1]
        self._set(str(file.path), entry)
        return entry

    def __call__(self, files: list[tuple[str, ContentFile]], cls: type, languages: list[str],
                 problems: Problems, references: list[Reference] | None = None) -> dict[str, Any]:
        if languages != self.languages:  # localized fields are checked against the languages
            self.entries.clear()
            self.with_problems.clear()
            self.languages = list(languages)
        todo = []
        for slug, file in files:
            entry = self.entries.get(str(file.path))
            file_stamp = stamp(file.path)
            if entry is None or file_stamp is None or entry.stamp != file_stamp:
                todo.append((slug, file, file_stamp))
        for path, entry in map_chunks(lambda part: _read(cls, languages, part), todo):
            self._set(path, entry)
        if files:  # forget files of this folder that are gone
            folder = os.path.dirname(str(files[0][1].path))
            listed = {str(file.path) for _, file in files}
            for path in [p for p in self.entries if os.path.dirname(p) == folder and p not in listed]:
                self.forget(path)
        records = {}
        for slug, file in files:
            entry = self.entries[str(file.path)]
            problems.extend(entry.problems)
            if references is not None:
                references.extend(entry.references)
            if entry.record is not None:
                records[slug] = entry.record
        return records


def read_parallel(files: list[tuple[str, ContentFile]], cls: type, languages: list[str],
                  problems: Problems, references: list[Reference] | None = None) -> dict[str, Any]:
    """Read files across cores without keeping anything: the reader of one-shot builds."""
    return RecordCache()(files, cls, languages, problems, references)
