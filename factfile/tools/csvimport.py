"""`factfile import FILE.csv`: turn a spreadsheet of people or events into content files.

Every row is converted and validated like a content file before anything is written; a row that
cannot be mapped is reported with its line and row number and why. By default nothing is written
unless every row is good, so fixing the spreadsheet and running again is always safe.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content import rules
from ..content.load import load_site, load_sources
from ..content.model import Event, Person
from ..content.scripts import read_language
from ..content.translit import slugify
from ..content.validate import INVALID, Reader
from ..content.yamlload import YamlError, parse
from ..problems import Problems, did_you_mean, report, summary_line
from . import csvcolumns as cells
from .args import path as path_option
from .csvmap import Mapper, Row, Sheet, comment_text, dominant_language
from .scaffold import KINDS, schema_header

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
COLUMNS = {"person": cells.PERSON_COLUMNS, "event": cells.EVENT_COLUMNS}


class UsageError(Exception):
    """A problem with how the command was called rather than with a row."""


def read_text(path: Path, problems: Problems, display: str) -> str | None:
    """Return the file's text: UTF-8, with or without a BOM; report anything else with its line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(display, (line, 0), "", f"is not UTF-8 text (byte 0x{data[exc.start]:02x})",
                     "save it as 'CSV UTF-8' (Excel) or choose UTF-8 when exporting")
        return None


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
    names = [cells.normalise(h) for h in header]
    if kind is None:
        kind = "person" if "name" in {cells.PERSON_COLUMNS.get(n) for n in names} else (
            "event" if {"date", "title"} <= {cells.EVENT_COLUMNS.get(n) for n in names} else None)
        if kind is None:
            raise UsageError(f"{display}: cannot tell whether the rows are people or events from the "
                             "columns (a 'name' column means people; 'date' and 'title', events): pass --kind")
    table = COLUMNS[kind]
    targets: list[str | None] = []
    for index, (raw, name) in enumerate(zip(header, names), 1):
        target = table.get(name)
        if name not in table:
            problems.add(display, (1, index), raw, f"column {index} is not known and is ignored",
                         did_you_mean(name, table), warning=True)
        elif target is not None and target in targets:
            problems.add(display, (1, index), raw, f"holds the same as column {targets.index(target) + 1}",
                         "keep one of the two columns")
            return None
        targets.append(target)
    sheet = Sheet(kind, headers={t: h.strip() for t, h in zip(targets, header) if t})
    line = reader.line_num + 1
    try:
        for number, values in enumerate(reader, 2):
            row = Row(number, line, {})
            line = reader.line_num + 1
            for index, value in enumerate(values):
                target = targets[index] if index < len(targets) else None
                if index >= len(targets) and value.strip():
                    problems.add(display, (row.line, index + 1), f"row {number}",
                                 f"has more cells than the header has columns ({len(values)} > {len(targets)})")
                if target and value.strip():
                    row.cells[target] = value.strip()
            if any(v.strip() for v in values):
                sheet.rows.append(row)
    except csv.Error as exc:
        problems.add(display, (reader.line_num, 0), "", f"is not readable CSV: {exc}",
                     "check the quotes around cells that contain commas or line breaks")
        return None
    return sheet


def slug_of(kind: str, row: Row, data: dict, lang: str | None) -> str:
    """Return the file name of a row: its slug column, or one made from the name or date and title."""
    if row.cells.get("slug"):
        return row.cells["slug"]
    if kind == "person":
        return slugify(row.cells.get("name", ""), lang)
    return "-".join(filter(None, [str(data.get("date", "")).rstrip("~?"), slugify(row.cells.get("title", ""), lang)]))


def to_yaml(data: dict) -> str:
    """Return a record as YAML text that reads back exactly (dates and numbers stay text)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def check_record(kind: str, slug: str, text: str, languages: Sequence[str], display: str) -> list[str]:
    """Return what the validator says about a would-be file, as messages without positions."""
    problems = Problems()
    reader = Reader(display, languages, problems)
    cls = KINDS[kind][1]
    try:
        node = parse(text.encode("utf-8"))
    except YamlError as exc:  # a cell with characters YAML does not allow, such as control codes
        return [exc.message]
    record = reader.record(node, cls, "", slug=slug, origin=reader.origin) if node else INVALID
    if isinstance(record, Person):
        rules.check_person(record, problems)
    elif isinstance(record, Event):
        rules.check_event(record, problems)
    return [f"{p.field}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in problems.sorted() if not p.warning]


@dataclass
class ImportPlan:
    """The files an import would write, by path, with their text."""

    files: dict[Path, str] = field(default_factory=dict)
    kept: int = 0  # cells not imported, kept as `# import:` comments for a person to map
    checks: int = 0  # texts marked with a language their letters do not tell, for a person to check


def plan_import(sheet: Sheet, mapper: Mapper, args: argparse.Namespace, languages: Sequence[str],
                display: str, problems: Problems) -> ImportPlan:
    """Convert and validate every row, reporting each one that cannot be imported."""
    folder = Path(os.path.relpath(args.content / KINDS[sheet.kind][0]))
    known_people = {p.stem for p in (args.content / "people").glob("*.yaml")}
    planned = ImportPlan()
    first_row: dict[str, int] = {}
    for row in sheet.rows:
        def fail(message: str, hint: str = "", warning: bool = False) -> None:
            # Called only while this row is read: it reports at this row.
            problems.add(display, (row.line, 0), f"row {row.number}", message, hint, warning)  # noqa: B023

        mapper.notes.clear()
        data = mapper.person(row) if sheet.kind == "person" else mapper.event(row)
        if mapper.errors:
            for error in mapper.errors:
                fail(error)
            mapper.errors.clear()
            continue
        named = row.cells.get("name") or row.cells.get("title") or ""
        slug = slug_of(sheet.kind, row, data, mapper.lang or read_language(named).lang or mapper.dominant)
        if not slug or slugify(slug) != slug:
            fail(f"cannot make a file name from {slug or row.cells.get('name') or row.cells.get('title')!r}",
                 "add a slug column with a name such as first-last")
            continue
        if slug in first_row:
            fail(f"has the same file name {slug}.yaml as row {first_row[slug]}",
                 "a person or event appears twice; merge the rows, or give one a slug column")
            continue
        first_row[slug] = row.number
        path = folder / f"{slug}.yaml"
        if path.exists():
            if args.skip_existing:
                fail(f"{path} already exists; skipped", warning=True)
            else:
                fail(f"{path} already exists and is never overwritten",
                     "edit that file by hand, remove the row, or pass --skip-existing")
            continue
        if sheet.kind == "event":
            missing = [p for p in data.get("people", []) if p not in known_people]
            if missing:
                fail(f"people: no file content/people/{missing[0]}.yaml",
                     did_you_mean(missing[0], known_people) or "import or add the people first")
                continue
        former = row.cells.get("status", "").casefold() == "former"
        if sheet.kind == "person" and former and data["status"] == "unknown":
            fail("status 'former' without a release_date or died date is written as status: unknown",
                 warning=True)
        notes = []
        for note in mapper.notes:
            header = comment_text(mapper.headers.get(note.column, note.column))
            kept = f": {comment_text(note.kept)}" if note.kept else ""
            notes.append(f"# import: {header}: {note.why}{kept}\n")
        text = (schema_header(sheet.kind, path, args.content)
                + f"# Imported from {Path(display).name}, row {row.number}. Check it against the sources.\n"
                + "".join(notes) + to_yaml(data))
        errors = check_record(sheet.kind, slug, text, languages, str(path))
        for error in errors:
            fail(f"would not be valid: {error}")
        if not errors:
            planned.files[path] = text
            for note in mapper.notes:
                planned.kept += note.kept is not None
                planned.checks += note.kept is None
                done = "kept as an '# import:' comment" if note.kept is not None else "noted"
                fail(f"{mapper.headers.get(note.column, note.column)}: {note.why}; {done} in {path}", warning=True)
    return planned


def run(args: argparse.Namespace) -> int:
    """Import a CSV file; write every file, or none when a row has an error."""
    display = os.path.relpath(args.file)
    if not args.file.is_file():
        print(f"{display}: no such file", file=sys.stderr)
        return EXIT_USAGE
    if not (args.content / "site.yaml").is_file():
        print(f"{args.content}: has no site.yaml (pass the content folder with --content)", file=sys.stderr)
        return EXIT_USAGE
    problems = Problems()
    site = load_site(args.content, problems)
    if site is None:
        report(problems, False, sys.stderr)
        print("import failed: fix site.yaml first", file=sys.stderr)
        return EXIT_CONTENT
    sources, _ = load_sources(args.content, site.languages, Problems())
    for source_id in args.source:
        if source_id not in sources:
            hint = did_you_mean(source_id, sources) if sources else "content/sources.yaml has no sources"
            print(f"--source: {source_id!r} is not in content/sources.yaml ({hint})", file=sys.stderr)
            return EXIT_USAGE
    if args.lang is not None and args.lang not in site.languages:
        print(f"--lang: {args.lang!r} is not a language of this site ({', '.join(site.languages)})", file=sys.stderr)
        return EXIT_USAGE
    text = read_text(args.file, problems, display)
    try:
        sheet = read_sheet(text, args.kind, display, problems) if text is not None else None
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    planned = ImportPlan()
    if sheet is not None:
        mapper = Mapper(args.lang, site.languages, list(args.source), args.recognized_by, args.publisher,
                        sheet.headers, dominant_language(sheet))
        planned = plan_import(sheet, mapper, args, site.languages, display, problems)
    report(problems, False, sys.stderr)
    if problems.errors or sheet is None:
        print(f"import failed: {summary_line(problems, False)}; nothing was written", file=sys.stderr)
        return EXIT_CONTENT
    for path, content in planned.files.items():
        path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(content)
        print(path)
    notes = []
    if planned.kept:
        notes.append(f"{planned.kept} cell{'s' * (planned.kept != 1)} could not be mapped exactly and "
                     + ("are kept as '# import:' comments" if planned.kept != 1
                        else "is kept as an '# import:' comment"))
    if planned.checks:
        notes.append(f"{planned.checks} text{'s' * (planned.checks != 1)} to check, noted the same way")
    listed = f"; {' and '.join(notes)} (listed above)" if notes else ""
    print(f"imported {len(planned.files)} of {len(sheet.rows)} rows{listed}; next: review the files, "
          "then run 'python build.py check'", file=sys.stderr)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `import` command to the command line."""
    parser = commands.add_parser(
        "import", help="turn a spreadsheet (CSV) of people or events into content files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write one content file per row of a CSV file. Column names may be in English, "
                    "Russian or Belarusian\n(name / ФИО / імя, arrested / дата задержания / дата "
                    "затрымання, ...); Viasna's export is read as it is:\n  id, url, name, status, "
                    "birthday, gender, arrested, articles, verdict_date, decision, penalty,\n  judge, "
                    "prison, declaration, release_date, died\nWhat cannot be mapped exactly (decision, a verdict "
                    "written out; a penalty that is not only a\nlength of time; a text whose language "
                    "cannot be told) is kept as an '# import:' comment in the\nfile and listed. Each "
                    "text's language is read from its letters unless --lang says it.\nDates may be "
                    "DD.MM.YYYY. A cell may hold several values on separate lines. Every row needs a\n"
                    "source: --source ID, a url column, or both. Rows are validated first; if any row "
                    "cannot be\nimported, each "
                    "is reported with its line and row number and nothing is written. Existing\n"
                    "files are never overwritten. Rows are numbered as in a spreadsheet: the header is row 1.",
        epilog="examples:\n  python build.py import people.csv --source viasna-list\n"
               "  python build.py import export.csv --kind person --lang ru --skip-existing\n"
               "Exit status: 0 imported, 1 a row could not be imported (nothing written), 2 usage errors.")
    parser.add_argument("file", type=path_option, metavar="FILE.csv", help="the spreadsheet, saved as CSV (UTF-8)")
    parser.add_argument("--kind", choices=sorted(KINDS), help="what the rows are (default: told by the columns)")
    parser.add_argument("--source", action="append", default=[], metavar="ID",
                        help="id in content/sources.yaml cited by every row (may be repeated)")
    parser.add_argument("--lang", metavar="CODE",
                        help="language of all the text in the cells (default: read from each cell's letters: "
                             "Latin is en; Cyrillic with і or ў be, with и, щ or ъ ru; Cyrillic with none of "
                             "them takes the language of most of the file's Cyrillic text)")
    parser.add_argument("--recognized-by", default="Viasna Human Rights Centre", metavar="NAME",
                        help="who made the recognitions in a 'declaration' column (default: %(default)s)")
    parser.add_argument("--publisher", metavar="NAME", help="publisher of the links in the url column "
                        "(default: the link's host name)")
    parser.add_argument("--skip-existing", action="store_true",
                        help="skip rows whose file exists instead of failing (for a newer export)")
    parser.add_argument("--content", type=path_option, default=Path("content"), metavar="DIR",
                        help="content folder (default: content)")
    parser.set_defaults(handler=run)
