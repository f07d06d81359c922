"""Search every output for the real names of people whose identity is withheld, before the site goes live.

The names come from a plain-text file kept out of git (`--withheld-names FILE` or the environment
variable FACTFILE_WITHHELD_NAMES): one name per line, in any script or spelling. Text and names
are folded alike, the way the people finder folds names (finder.fold: case, accents, Cyrillic as
Latin, spellings of one sound merged) and further, as the duplicate check keys them (translit:
ch → c, doubled letters once), so "Зенобія Квакслей", "Zenobiya Kvaksley" and "ZENÓBIA KVAKSLEI" meet. All
names go into one Aho-Corasick automaton (pyahocorasick) searched once over each folded file, and
match only whole words. A hit names the output file and the record it came from, never the name.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from ..content.translit import slugify, to_latin
from ..problems import Problem, Problems, display_path
from ..site.finder import CYRILLIC, LATIN
from ..site.finder import fold as finder_fold
from .options import NAMES_ENV
from .scan import digest
from .write import MARKER

NOTICE = "contains a name from the withheld names file"
# Files whose bytes hold no text: photos are re-encoded without metadata (photos.py), fonts and
# WebAssembly come with the templates or Pagefind.
BINARY = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".ico", ".woff", ".woff2", ".wasm")
MARKUP = (".html", ".htm", ".xml", ".svg")

_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
_JSON_ESCAPE = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}")
_BACKSLASH = re.compile(r"\\[nrtbf/\\\"]")
_NOT_WORD = re.compile(r"[\W_]+")
_DOUBLE = re.compile(r"([a-z])\1+")
# After finder.fold: the sounds the duplicate check merges too (translit._FOLD_TO), longest first,
# and q as Cyrillic writes it (Quaxley, Квакслей).
_MERGE = (("shch", "sc"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("qu", "kv"), ("q", "k"))
# In text an apostrophe ends a word (Quaxley's is Quaxley); a name is also searched without its
# apostrophes (Лук'янчук, Лукянчук), as finder.fold spells it.
APOSTROPHES = "'\u2019\u02bc"
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
SEPARATOR = " 0 "  # between attribute values: a word no name has, so no match spans two of them


def _fold_table() -> dict[int, str | None]:
    """Return one str.translate table for decomposed text: Cyrillic letters to Latin (finder.CYRILLIC)
    and every combining mark dropped, as finder.fold does in two steps."""
    table: dict[int, str | None] = {ord(k): v for k, v in CYRILLIC.items()}
    table.update((c, None) for c in range(0x110000) if unicodedata.combining(chr(c)))
    table.update((ord(c), " ") for c in APOSTROPHES)
    return table


_TABLE = _fold_table()
# Letters of finder.CYRILLIC that NFD would split into a base and a mark: mapped before it.
_COMPOSED = [(k, v) for k, v in CYRILLIC.items() if unicodedata.normalize("NFD", k) != k]


def fold_text(text: str) -> str:
    """Return text folded for the search: words of finder.fold's skeleton, merged further, between spaces.

    Every step replaces letters inside words only, so a name folds the same alone and in a page."""
    text = text.lower()
    if text.isascii():  # of ASCII, the table only changes apostrophes
        text = text.replace("'", " ")
    else:
        for letter, latin in _COMPOSED:
            if letter in text:
                text = text.replace(letter, latin)
        text = unicodedata.normalize("NFD", text).translate(_TABLE)
    # finder.fold's replacements, y and j first and doubled letters then made one, so that Zenobia,
    # Zenobiya and Зенобія (zenobiia) agree before ia becomes a.
    text = _DOUBLE.sub(r"\1", text.replace("y", "i").replace("j", "i"))
    for spelling, sound in LATIN:
        if spelling in text:
            text = text.replace(spelling, sound)
    text = _NOT_WORD.sub(" ", text)
    for spelling, sound in _MERGE:
        if spelling in text:
            text = text.replace(spelling, sound)
    return " " + _DOUBLE.sub(r"\1", text).strip() + " "


def _unescape_json(text: str) -> str:
    if "\\" not in text:
        return text
    if "\\u" in text:
        text = _JSON_ESCAPE.sub(lambda m: json.loads(f'"{m.group()}"'), text)
    return _BACKSLASH.sub(" ", text)


def readable(path: str, data: bytes) -> str:
    """Return what a reader, a browser or a program would read in an output file, as one text.

    Markup gives its text with tags removed (so **Zenobia** Quaxley reads as two adjacent words),
    then its attribute values; JSON escapes (\\u0417, \\n) are decoded; feeds' escaped HTML once more."""
    text = _unescape_json(data.decode("utf-8", "replace"))
    if not path.lower().endswith(MARKUP):
        return text
    parts = [html.unescape(_TAG.sub(" ", text))]
    if path.lower().endswith(".xml") and "&lt;" in text:  # Atom content: HTML escaped inside XML
        parts.append(html.unescape(_TAG.sub(" ", parts[0])))
    values = [a or b for a, b in _ATTRIBUTE.findall(text)]
    return SEPARATOR.join(parts + [html.unescape(v) for v in values if v])


class NameScan:
    """The folded names, in one automaton: answers whether a text holds any of them, never which."""

    def __init__(self, names: Iterable[str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for name in names:
            # The name as written, as the finder and a slug would spell it, and in Latin letters.
            bare = _APOSTROPHE.sub("", name)
            for variant in {name, bare, finder_fold(name), to_latin(bare), slugify(bare)}:
                folded = fold_text(variant)
                if folded.strip() and folded not in self.automaton:
                    self.automaton.add_word(folded, len(folded))
        if len(self.automaton):
            self.automaton.make_automaton()

    def __bool__(self) -> bool:
        return len(self.automaton) > 0

    def holds(self, text: str) -> bool:
        """Return whether a text holds a name as whole words."""
        if not self:
            return False
        folded = fold_text(text)
        return next(self.automaton.iter(folded), None) is not None

    def file_holds(self, path: str, data: bytes) -> bool:
        """Return whether an output file holds a name; gzip files (Pagefind's) are read decompressed."""
        if path.lower().endswith(BINARY) or not self:
            return False
        if data[:2] == b"\x1f\x8b":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                pass
        return self.holds(readable(path, data))


def load(path: Path, problems: Problems) -> NameScan | None:
    """Read a names file: one name per line; blank lines and lines starting with # are skipped."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        problems.add(display_path(path), (0, 0), "", f"the withheld names file cannot be read: {exc.strerror or exc}",
                     f"pass an existing file with --withheld-names or {NAMES_ENV}")
        return None
    except UnicodeDecodeError:
        problems.add(display_path(path), (0, 0), "", "the withheld names file is not UTF-8 text",
                     "save it as UTF-8")
        return None
    names = [line.strip() for line in text.splitlines()]
    return NameScan(name for name in names if name and not name.startswith("#"))


@dataclass
class Leaks:
    """The output files found holding a withheld name, with the record each came from where known."""

    scan: NameScan
    out: str  # the output folder as messages show it
    records: dict[str, str] = field(default_factory=dict)  # output path -> content file of its record
    found: dict[str, str | None] = field(default_factory=dict)  # output path -> record's file or None
    digests: dict[str, bytes] = field(default_factory=dict)  # output path -> digest of what was scanned
    copies: dict[str, int] = field(default_factory=dict)  # zip -> entries equal to a file found above

    def add(self, path: str, record: str | None = None) -> None:
        self.found.setdefault(path, record if record is not None else self.record_of(path))

    def check(self, path: str, data: bytes) -> None:
        """Scan one output file given as bytes, remembering that it was scanned."""
        self.digests[path] = _digest(data)
        if self.scan.file_holds(path, data):
            self.add(path)

    def record_of(self, path: str) -> str | None:
        """Return the content file of the record an output path shows, where it is knowable."""
        path = path.removeprefix("offline/site.zip:site/")
        if path in self.records:
            return self.records[path]
        if path.startswith("data/people/") and path.endswith(".json"):
            return self.records.get(f"person:{path[len('data/people/'):-len('.json')]}")
        return None

    def check_files(self, files: Iterable[tuple[str, str | Path]]) -> None:
        """Scan every file of the finished site not yet scanned (given as name and where its bytes
        are): the unchanged pages, the search index (each file decompressed) and each entry of the
        offline zip, skipping entries equal to a scanned file."""
        # Zips last: their entries that equal a file scanned before are only counted.
        for path, full in sorted(files, key=lambda item: item[0].endswith(".zip")):
            if path in self.digests or path == MARKER:
                continue
            with open(full, "rb") as file:
                data = file.read()
            self.digests[path] = _digest(data)
            if path.endswith(".zip"):
                self._check_zip(path, data)
            elif self.scan.file_holds(path, data):
                self.add(path, self._fragment_record(path, data))

    def _fragment_record(self, path: str, data: bytes) -> str | None:
        """Return the record of a Pagefind fragment: the page its "url" names."""
        if not path.endswith(".pf_fragment"):
            return None
        try:
            text = gzip.decompress(data).decode("utf-8", "replace")
            start = text.index("{")
            url = json.loads(text[start:]).get("url", "")
        except (OSError, EOFError, zlib.error, ValueError, AttributeError):
            return None
        return self.records.get(str(url).lstrip("/"))

    def _check_zip(self, path: str, data: bytes) -> None:
        """Scan each entry of a zip; an entry equal to a scanned file counts as that file again."""
        copies = 0
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                entry = archive.read(info)
                inner = info.filename.partition("/")[2]
                if self.digests.get(inner) == _digest(entry):
                    copies += inner in self.found
                elif self.scan.file_holds(info.filename, entry):
                    self.add(f"{path}:{info.filename}", self.record_of(inner))
        if copies:
            self.copies[path] = copies

    def problems(self, content: Path) -> list[Problem]:
        """Return a problem for each content file that holds a name, at its line, then one for each
        output file that does; paths that hold a name are cut short."""
        if not self.found:
            return []
        problems = []
        reach = len(self.found) + sum(self.copies.values())
        for shown, line in _content_files_holding(self.scan, content):
            problems.append(Problem(shown, line, 1 if line else 0, "", "holds a name from the withheld names file",
                                    f"remove it: it reaches {reach} output files; if it was ever pushed, "
                                    "ask the maintainers to remove it from the git history too"))
        for path, record in sorted(self.found.items()):
            problems.append(Problem(self.safe(f"{self.out}/{path}"), 0, 0, "", NOTICE,
                                    f"on the page of {self.safe(record)}" if record else ""))
        for path, copies in sorted(self.copies.items()):
            problems.append(Problem(self.safe(f"{self.out}/{path}"), 0, 0, "", NOTICE,
                                    f"in {copies} entries, copies of the files above"))
        return problems

    def safe(self, path: str) -> str:
        """Return a path with every part that holds a name replaced by '[withheld]'."""
        return _safe(self.scan, path)


def _digest(data: bytes) -> bytes:
    return digest(data)


def _safe(scan: NameScan, path: str) -> str:
    return "/".join("[withheld]" if scan.holds(part) else part for part in path.split("/"))


def _content_files_holding(scan: NameScan, content: Path) -> list[tuple[str, int]]:
    """Return each content file whose text or path holds a name, made safe, with the first line that
    holds one (0 when only the file name or text across lines does)."""
    found = []
    for path in sorted(content.rglob("*.yaml")):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        shown = display_path(path)
        if scan.holds(text) or scan.holds(shown):
            line = next((n for n, text_line in enumerate(text.splitlines(), 1) if scan.holds(text_line)), 0)
            found.append((_safe(scan, shown), line))
    return found


def redact(problems: Problems, scan: NameScan) -> None:
    """Replace every problem whose text holds a name by one that says only where it is."""
    items = []
    for problem in problems.items:
        if scan.holds(str(problem)):
            problem = Problem(_safe(scan, problem.file), problem.line, problem.column,
                              "" if scan.holds(problem.field) else problem.field,
                              "the message is not shown: it contains a name from the withheld names file",
                              "", problem.warning)
        items.append(problem)
    problems.items = items
