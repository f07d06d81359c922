"""Read a spreadsheet's rows, or the records of a JSON file, into a sheet of cells by what each
column holds (csvcolumns.py): the first step of `factfile import`."""

from __future__ import annotations

import csv
import io

from ..problems import Problems, did_you_mean
from . import csvcolumns as cells
from .csvmap import Row, Sheet

COLUMNS = {"person": cells.PERSON_COLUMNS, "event": cells.EVENT_COLUMNS}


class UsageError(Exception):
    """A problem with how the command was called rather than with a row."""


def read_sheet(text: str, kind: str | None, display: str, problems: Problems) -> Sheet | None:
    """Return the rows of a CSV text with their columns mapped; None when the header is unusable."""
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)  # spreadsheets in ru/be locales save with ;
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        problems.add(display, (1, 0), "", "is empty", "the first line must name the columns")
        return None
    mapped = map_header(header, kind, display, problems)
    if mapped is None:
        return None
    sheet, targets = mapped
    line = reader.line_num + 1
    try:
        for number, values in enumerate(reader, 2):
            add_row(sheet, targets, number, line, values, display, problems)
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.add(display, (reader.line_num, 0), "", f"is not readable CSV: {exc}",
                     "check the quotes around cells that contain commas or line breaks")
        return None
    return sheet


def map_header(header: list[str], kind: str | None, display: str, problems: Problems
               ) -> tuple[Sheet, list[str | None]] | None:
    """Return an empty sheet for a header and what each column holds; None when two columns hold the
    same (a warning for each column that is not known)."""
    names = [cells.normalise(h) for h in header]
    kind = kind or guess_kind(names, display)
    table = COLUMNS[kind]
    targets: list[str | None] = []
    for index, (raw, name) in enumerate(zip(header, names), 1):
        target = cells.column(table, name)
        if not cells.known(table, name):
            problems.add(display, (1, index), raw, f"column {index} is not known and is ignored",
                         did_you_mean(name, table), warning=True)
        elif target is not None and target in targets and target not in cells.REPEATED:
            problems.add(display, (1, index), raw, f"holds the same as column {targets.index(target) + 1}",
                         "keep one of the two columns")
            return None
        targets.append(target)
    return Sheet(kind, headers={t: h.strip() for t, h in zip(targets, header) if t}), targets


def add_row(sheet: Sheet, targets: list[str | None], number: int, line: int, values: list[str], display: str,
            problems: Problems) -> None:
    """Add a row of cells to a sheet, unless it is empty; a cell past the header's columns is an error."""
    row = Row(number, line, {})
    for index, value in enumerate(values):
        target = targets[index] if index < len(targets) else None
        if index >= len(targets) and value.strip():
            problems.add(display, (row.line, index + 1), f"row {number}",
                         f"has more cells than the header has columns ({len(values)} > {len(targets)})")
        if target and value.strip():  # a repeated column (articles/1) adds a line to the cell
            row.cells[target] = "\n".join(filter(None, [row.cells.get(target), value.strip()]))
    if any(v.strip() for v in values):
        sheet.rows.append(row)


def guess_kind(names: list[str], display: str) -> str:
    """Return what rows describe from their normalised column names; a usage error when they do not say."""
    if "name" in {cells.column(cells.PERSON_COLUMNS, n) for n in names}:
        return "person"
    if {"date", "title"} <= {cells.EVENT_COLUMNS.get(n) for n in names}:
        return "event"
    raise UsageError(f"{display}: cannot tell whether the rows are people or events from the "
                     "columns (a 'name' column means people; 'date' and 'title', events): pass --kind")
