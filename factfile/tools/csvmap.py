"""Rows of a spreadsheet mapped to the fields of content files, for `factfile import`.

Each text cell's language is read from its letters (scripts.read_language) unless --lang says it;
what cannot be mapped exactly (a verdict written out, a penalty that is not only a length of time,
a text whose language cannot be told) is not guessed at: it is kept for a person to map, as an
`# import:` comment in the written file.
"""

from __future__ import annotations

import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content.scripts import read_language
from . import csvcolumns as cells
from .placematch import Places


@dataclass
class Row:
    """One spreadsheet row: where it starts and its cells by what they hold."""

    number: int  # as a spreadsheet numbers it: the header is row 1, the first data row 2
    line: int  # line of the file where the row starts (rows may span lines)
    cells: dict[str, str]


@dataclass
class Sheet:
    """A spreadsheet read for import: what its rows describe and the rows."""

    kind: str
    rows: list[Row] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # what a column holds -> its header


# Cells of free text: their language is read from their letters (scripts.read_language).
TEXT_COLUMNS = ("name", "occupation", "charges", "court", "judge", "regime", "prison", "address", "summary",
                "title")
LANGUAGE_NAMES = {"en": "English", "be": "Belarusian", "ru": "Russian"}


@dataclass(frozen=True, slots=True)
class Note:
    """A cell of a row that a person must map or check: its column, why, and its text when it was
    not imported (kept): the text is then in the comment, for nothing to be lost."""

    column: str
    why: str
    kept: str | None = None


@dataclass
class Mapper:
    """Turns rows into the data of content files, each text in the language its letters tell."""

    lang: str | None  # --lang: every text is in it; None: read from each cell's letters
    languages: Sequence[str]  # the site's, default first
    sources: list
    recognized_by: str
    publisher: str | None
    headers: dict[str, str] = field(default_factory=dict)
    dominant: str | None = None  # be or ru: what most of the file's Cyrillic text is in
    places: Places | None = None  # the places prisons are matched with or created as
    named: list[str] = field(default_factory=list)  # the places the row being mapped names
    errors: list[str] = field(default_factory=list)  # of the row being mapped, every one of them
    # What a person must look at in the row being mapped, as `# import:` comments in the written file
    # and lines of the import summary: cells not mapped at all, and texts marked with a language
    # their letters do not tell.
    notes: list[Note] = field(default_factory=list)

    def cell(self, column: str, convert: Callable, value: str):
        """Convert a cell; when it cannot be read, note why under the spreadsheet's column name."""
        try:
            return convert(value)
        except cells.CellError as exc:
            self.errors.append(f"{self.headers.get(column, column)}: {exc}")
            return None

    def put(self, data: dict, key: str, value: str | None, convert: Callable, column: str | None = None) -> None:
        """Set data[key] from a cell when the cell is not empty and can be read."""
        if value:
            converted = self.cell(column or key, convert, value)
            if converted is not None:
                data[key] = converted

    def language(self, text: str) -> tuple[str | None, str]:
        """Return the language of a text, or None and why it cannot be told without guessing."""
        if self.lang:
            return self.lang, ""
        reading = read_language(text)
        if reading.why == "has no letters":
            return self.languages[0], ""  # numbers and signs read the same in any language
        if reading.ambiguous and self.dominant:
            return self.dominant, ""
        if reading.lang is None:
            return None, f"its language cannot be told: it {reading.why} (pass --lang to say which it is)"
        if reading.lang not in self.languages:
            return None, (f"is {LANGUAGE_NAMES.get(reading.lang, reading.lang)} text, and {reading.lang} is not a "
                          f"language of this site (pass --lang to say otherwise)")
        return reading.lang, ""

    def text(self, column: str) -> Callable[[str], str | dict[str, str] | None]:
        """Return the converter of a column's text to localized text; None (and a note) when its
        language cannot be told."""
        def convert(text: str) -> str | dict[str, str] | None:
            lang, why = self.language(text)
            if lang is None:
                self.note(Note(column, why, text))
                return None
            if not self.lang and read_language(text).ambiguous:
                self.note(Note(column, f"Cyrillic without і, ў, и, щ or ъ: marked {lang}, the language of "
                                       "most of this file's Cyrillic text; check it"))
            return text if lang == self.languages[0] else {lang: text}
        return convert

    def note(self, note: Note) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def source(self, row: Row) -> list:
        """Return the row's sources: the --source ids and the row's own link."""
        found = list(self.sources)
        if url := row.cells.get("url"):
            if not url.startswith(("https://", "http://")):
                self.errors.append(f"{self.headers.get('url', 'url')}: {url!r} is not a link "
                                   "(it must start with https://)")
                return found
            host = urllib.parse.urlsplit(url).hostname or url
            title = row.cells.get("name") or row.cells.get("title") or host
            lang = self.language(title)[0]
            shown: str | dict[str, str] = (host if lang is None else title if lang == self.languages[0]
                                           else {lang: title})
            found.append({"title": shown, "publisher": self.publisher or host, "url": url})
        if not found:
            self.errors.append("has no source: pass --source ID, or add a url column with the link "
                               "to each row's source")
        return found

    def required(self, data: dict, key: str) -> None:
        """Turn the note on a required text that could not be mapped into an error of the row."""
        for note in [n for n in self.notes if n.column == key and key not in data]:
            self.errors.append(f"{self.headers.get(note.column, note.column)}: {note.why}")
            self.notes.remove(note)

    def person(self, row: Row) -> dict:
        """Return the fields of a person's file from a row."""
        c = row.cells
        data: dict[str, Any] = {}
        self.put(data, "name", c.get("name"), self.text("name"))
        self.required(data, "name")
        self.put(data, "also_known_as", c.get("also_known_as"), cells.split_lines)
        data["status"] = self.cell("status", lambda v: cells.status(v, c), c.get("status", "unknown"))
        self.put(data, "gender", c.get("gender"), cells.gender)
        for name in ("born", "detained", "released", "died"):
            self.put(data, name, c.get(name), cells.date)
        self.put(data, "citizenship", c.get("citizenship"), lambda v: [x.upper() for x in cells.split_lines(v)])
        self.put(data, "occupation", c.get("occupation"), self.text("occupation"))
        self.put(data, "release_type", c.get("release_type"), str.strip)
        if "recognized" in c:
            recognition = self.cell("recognized", lambda v: cells.recognized(v, self.recognized_by), c["recognized"])
            data["recognized"] = [recognition] if recognition else []
        if "charges" in c:
            charges = [cells.charge(line, self.text("charges")) for line in cells.split_lines(c["charges"])]
            data["charges"] = [charge for charge in charges if charge]
        trial: dict = {}
        self.put(trial, "court", c.get("court"), self.text("court"))
        self.put(trial, "judge", c.get("judge"), self.text("judge"))
        data["trial"] = trial or None
        sentence: dict = {}
        self.put(sentence, "date", c.get("sentence_date"), cells.date, "sentence_date")
        if "term" in c:
            found = cells.term(c["term"])
            if found:
                sentence["term"] = found
            else:  # a fine, or a term with more words: a person splits it
                self.note(Note("term", "is not only a length of time (such as 6 лет or P6Y), so it is not "
                                       "imported as sentence.term", c["term"]))
        self.put(sentence, "regime", c.get("regime"), self.text("regime"))
        data["sentence"] = sentence or None
        for column, why in cells.NOT_A_FIELD.items():
            if column in c:
                self.note(Note(column, why, c[column]))
        self.put(data, "summary", c.get("summary"), self.text("summary"))
        data["sources"] = self.source(row)
        data = {k: v for k, v in data.items() if v not in (None, [], {})}
        if "appeal_date" in c or "sentence_start" in c:  # only the long form of a case holds them
            data = self.case(data, c)
        if "prison" in c:
            data = self.custody(data, row)
        return data

    def case(self, data: dict, c: dict[str, str]) -> dict:
        """Return the fields with charges, trial and sentence written as one case of `cases`, with
        the date its term counts from and the date of the appeal."""
        trial, sentence = data.get("trial") or {}, dict(data.get("sentence") or {})
        case: dict = {"charges": data["charges"]} if data.get("charges") else {}
        case.update(trial)
        if "date" in sentence:
            case["verdict"] = sentence.pop("date")
        self.put(sentence, "start", c.get("sentence_start"), cells.date, "sentence_start")
        if sentence:
            case["sentence"] = sentence
        appeal: dict = {}
        self.put(appeal, "date", c.get("appeal_date"), cells.date, "appeal_date")
        if appeal:
            case["appeal"] = appeal
        return _replace(data, ("charges", "trial", "sentence"), "cases", [case])

    def custody(self, data: dict, row: Row) -> dict:
        """Return the fields with the row's prison as the place of a period of custody, the place
        matched by name with content/places/ or created there; noted when no period can hold it."""
        c = row.cells
        name = self.text("prison")(c["prison"])
        address = self.text("address")(c["address"]) if c.get("address") else None
        if name is None or self.places is None:
            return data
        slug, note = self.places.find(name, address, data.get("sources", []), row.number)
        if slug is None:
            return data
        self.named.append(slug)
        if note:
            self.note(Note("address" if "address" in c else "prison", note))
        held = data.get("status") in ("detained", "imprisoned", "restricted")
        if "detained" not in data or held == ("released" in data):
            self.note(Note("prison", f"a period of custody needs the date of arrest{'' if held else ' and of release'}"
                                     f", so the place is not in one: add custody with - place: {slug}"))
            return data
        period = {"from": data["detained"], **({"to": data["released"]} if not held else {}),
                  "places": [{"place": slug}]}
        return _replace(data, ("detained", "released"), "custody", [period])


    def event(self, row: Row) -> dict:
        """Return the fields of an event's file from a row."""
        c = row.cells
        data: dict[str, Any] = {}
        self.put(data, "date", c.get("date"), cells.date)
        self.put(data, "end", c.get("end"), cells.date)
        self.put(data, "type", c.get("type"), lambda v: v.strip().casefold())
        self.put(data, "title", c.get("title"), self.text("title"))
        self.required(data, "title")
        self.put(data, "people", c.get("people"), lambda v: [p for p in v.replace(",", "\n").split() if p])
        self.put(data, "summary", c.get("summary"), self.text("summary"))
        data["sources"] = self.source(row)
        return data


def _replace(data: dict, old: tuple[str, ...], key: str, value: object) -> dict:
    """Return the fields with the `old` ones replaced by one field, where the first of them was."""
    found: dict = {}
    for name, item in data.items():
        if name in old:
            found.setdefault(key, value)
        else:
            found[name] = item
    found.setdefault(key, value)
    found["sources"] = found.pop("sources", [])
    return found


def dominant_language(sheet: Sheet) -> str | None:
    """Return be or ru when more of the file's Cyrillic text cells tell that language than the
    other; None when neither has more."""
    counts = Counter(read_language(row.cells[column]).lang for row in sheet.rows for column in TEXT_COLUMNS
                     if column in row.cells)
    return "be" if counts["be"] > counts["ru"] else "ru" if counts["ru"] > counts["be"] else None


def comment_text(text: str) -> str:
    """Return text as it can stand in a YAML comment: on one line, with line breaks and other
    invisible characters written as escapes, so it can never end the comment."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c)[0] in "CZ" and c != " " else c
                   for c in text)
