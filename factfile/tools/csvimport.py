"""`factfile import FILE.csv`: turn a spreadsheet of people or events into content files (and a
JSON file's records: jsonimport.py).

Every row is converted and validated like a content file before anything is written; a row that
cannot be mapped is reported with its line and row number and why. By default nothing is written
unless every row is good, so fixing the spreadsheet and running again is always safe.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..content.load import load_site, load_sources
from ..content.scripts import read_language
from ..content.translit import slugify
from ..problems import Problems, did_you_mean, report, summary_line
from . import jsonimport
from .args import path as path_option
from .csvmap import Mapper, Row, Sheet, comment_text, dominant_language
from .placematch import Places
from .scaffold import KINDS, schema_header
from .sheets import COLUMNS, UsageError, read_sheet
from .writing import ImportPlan, check_record, to_yaml

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


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


def slug_of(kind: str, row: Row, data: dict, lang: str | None) -> str:
    """Return the file name of a row: its slug column, or one made from the name or date and title."""
    if row.cells.get("slug"):
        return row.cells["slug"]
    if kind == "person":
        return slugify(row.cells.get("name", ""), lang)
    return "-".join(filter(None, [str(data.get("date", "")).rstrip("~?"), slugify(row.cells.get("title", ""), lang)]))


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
        mapper.named.clear()
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
            planned.places.update(mapper.named)
            for note in mapper.notes:
                planned.kept += note.kept is not None
                planned.checks += note.kept is None
                done = "kept as an '# import:' comment" if note.kept is not None else "noted"
                fail(f"{mapper.headers.get(note.column, note.column)}: {note.why}; {done} in {path}", warning=True)
    if mapper.places is not None:
        plan_places(mapper.places, planned, args, languages, display, problems)
    return planned


def plan_places(places: Places, planned: ImportPlan, args: argparse.Namespace, languages: Sequence[str],
                display: str, problems: Problems) -> None:
    """Add the place files the import creates and the written people name, each validated."""
    for slug, place in places.created.items():
        if slug not in planned.places:
            continue
        path = places.path(slug)
        text = (schema_header("place", path, args.content)
                + f"# Created by importing {Path(display).name}, row {place.row}. Check it against the sources.\n"
                + to_yaml(place.data))
        errors = check_record("place", slug, text, languages, str(path))
        for error in errors:
            problems.add(display, (0, 0), f"row {place.row}", f"the place {slug} would not be valid: {error}")
        if not errors:
            planned.files[path] = text


def run(args: argparse.Namespace) -> int:
    """Import a CSV or JSON file; write every file, or none when a row has an error."""
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
    planned, sheet, count = ImportPlan(), None, 0
    try:
        if text is not None and args.file.suffix.lower() == ".json":
            records = jsonimport.read_records(text, display, problems) or []
            if records and jsonimport.export_kind(records[0]) is not None:  # factfile's own open data
                if args.lang is not None:
                    raise UsageError("--lang: factfile's open data says the language of each text; "
                                     "import it without --lang")
                planned = jsonimport.plan_export(records, args.content, site.languages, set(sources),
                                                 args.skip_existing, display, problems)
                count = len(records)
            elif records:
                sheet = jsonimport.sheet_of(records, args.kind, display, problems)
        elif text is not None:
            sheet = read_sheet(text, args.kind, display, problems)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    if sheet is not None:
        mapper = Mapper(args.lang, site.languages, list(args.source), args.recognized_by, args.publisher,
                        sheet.headers, dominant_language(sheet), places=Places.load(args.content))
        planned = plan_import(sheet, mapper, args, site.languages, display, problems)
        count = len(sheet.rows)
    report(problems, False, sys.stderr)
    if problems.errors or not count:
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
    print(f"imported {len(planned.files)} files from {count} {'records' if sheet is None else 'rows'}{listed}; "
          "next: review the files, "
          "then run 'python build.py check'", file=sys.stderr)
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add the `import` command to the command line."""
    parser = commands.add_parser(
        "import", help="turn a spreadsheet (CSV) or JSON records of people or events into content files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write one content file per row of a CSV file. Column names may be in English, "
                    "Russian or Belarusian\n(name / ФИО / імя, arrested / дата задержания / дата "
                    "затрымання, ...); Viasna's export is read as it is:\n  id, url, name, status, "
                    "birthday, gender, arrested, articles, verdict_date, decision, penalty,\n  judge, "
                    "prison, declaration, release_date, died\nand so are its API's fields, in a CSV "
                    "header or a JSON file of records: prison/title,\nprison/address, appeal_date, "
                    "penalty_start_date, articles/0, articles/1, ... A prison is matched\nby name with "
                    "a place in content/places/, or written there as a new place, and the person's\n"
                    "custody names it. A JSON file of factfile's own open data (data/people.json, "
                    "places.json,\nevents.json, articles.json) is written back as content files.\n"
                    "What cannot be mapped exactly (decision, a verdict "
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
    parser.add_argument("file", type=path_option, metavar="FILE.csv",
                        help="the spreadsheet, saved as CSV (UTF-8), or a JSON file of records")
    parser.add_argument("--kind", choices=sorted(COLUMNS), help="what the rows are (default: told by the columns)")
    parser.add_argument("--source", action="append", default=[], metavar="ID",
                        help="id in content/sources.yaml cited by every row (may be repeated)")
    parser.add_argument("--lang", metavar="CODE",
                        help="language of all the text in the cells (default: read from each cell's letters: "
                             "Latin is en; Cyrillic with і or ў be, with и, щ or ъ ru; Cyrillic with none of "
                             "them takes the language of most of the file's Cyrillic text; refused for "
                             "factfile's own open data, whose texts say their language)")
    parser.add_argument("--recognized-by", default="Viasna Human Rights Centre", metavar="NAME",
                        help="who made the recognitions in a 'declaration' column (default: %(default)s)")
    parser.add_argument("--publisher", metavar="NAME", help="publisher of the links in the url column "
                        "(default: the link's host name)")
    parser.add_argument("--skip-existing", action="store_true",
                        help="skip rows whose file exists instead of failing (for a newer export)")
    parser.add_argument("--content", type=path_option, default=Path("content"), metavar="DIR",
                        help="content folder (default: content)")
    parser.set_defaults(handler=run)
