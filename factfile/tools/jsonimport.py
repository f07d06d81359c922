"""`factfile import FILE.json`: the records of a JSON file, of two kinds.

- Records of an API such as Viasna's (`{"name": ..., "prison": {"title": ..., "address": ...},
  "articles": ["342", ...]}`) are flattened into columns named by their paths (prison/title,
  articles/0) and imported as a spreadsheet's rows are (sheets.py, csvmap.py).
- factfile's own open data (data/people.json, data/people/<slug>.json, data/places.json,
  data/events.json, data/articles.json) is already in the shape of the content files: each record is
  written back as its file, so a site's data can be imported into another site and builds the same
  pages. Sources written out in full go back to their id when content/sources.yaml has it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..problems import Problems
from .csvmap import Sheet
from .scaffold import schema_header
from .sheets import add_row, map_header
from .writing import ImportPlan, check_articles, check_record, to_yaml

EXPORT_ONLY = {"person": ("slug", "pages", "events"), "event": ("slug", "pages"),
               "place": ("slug", "held_now", "held_before")}
FOLDERS = {"person": "people", "event": "events", "place": "places"}


def read_records(text: str, display: str, problems: Problems) -> list[dict] | None:
    """Return the records of a JSON text: a list of objects, one object, or an object whose
    `results`, `data` or `items` is the list (as APIs page them)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(display, (exc.lineno, exc.colno), "", f"is not readable JSON: {exc.msg}")
        return None
    if isinstance(data, dict):
        data = next((data[k] for k in ("results", "data", "items") if isinstance(data.get(k), list)), [data])
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        problems.add(display, (1, 1), "", "is not a list of records", "each record is an object: {\"name\": ...}")
        return None
    return data


def export_kind(record: dict) -> str | None:
    """Return which of factfile's own exports a record is from, or None for any other record."""
    if isinstance(record.get("pages"), dict):
        return "person" if "status" in record else "event" if "date" in record else None
    if "held_now" in record and "name" in record:
        return "place"
    if {"id", "code", "title"} <= record.keys():
        return "article"
    return None


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """Return a record's values by their paths: {"prison": {"title": "X"}} gives prison/title."""
    if isinstance(value, dict):
        found: dict[str, str] = {}
        for key, item in value.items():
            found.update(flatten(item, f"{prefix}/{key}" if prefix else str(key)))
        return found
    if isinstance(value, list):
        found = {}
        for i, item in enumerate(value):
            found.update(flatten(item, f"{prefix}/{i}"))
        return found
    if value is None:
        return {}
    return {prefix: "true" if value is True else "false" if value is False else str(value)}


def sheet_of(records: list[dict], kind: str | None, display: str, problems: Problems) -> Sheet | None:
    """Return an API's records as a sheet: one row per record (numbered from 1), one column per path."""
    flat = [flatten(record) for record in records]
    header = list(dict.fromkeys(path for record in flat for path in record))
    if not header:
        problems.add(display, (1, 1), "", "has no records", "export at least one record")
        return None
    mapped = map_header(header, kind, display, problems)
    if mapped is None:
        return None
    sheet, targets = mapped
    for number, record in enumerate(flat, 1):
        add_row(sheet, targets, number, 0, [record.get(path, "") for path in header], display, problems)
    return sheet


def _cited(value: Any, source_ids: set[str]) -> Any:
    """Return a value with each source written out in full that sources.yaml has as its id."""
    if isinstance(value, list):
        return [_cited(item, source_ids) for item in value]
    if not isinstance(value, dict):
        return value
    if "publisher" in value and "title" in value and "id" in value:
        return value["id"] if value["id"] in source_ids else {k: v for k, v in value.items() if k != "id"}
    return {key: _cited(item, source_ids) for key, item in value.items()}


def plan_export(records: list[dict], content: Path, languages: Sequence[str], source_ids: set[str],
                skip_existing: bool, display: str, problems: Problems) -> ImportPlan:
    """Plan the content files of records of factfile's own open data, each validated."""
    planned = ImportPlan()
    articles: dict[str, dict] = {}
    for number, record in enumerate(records, 1):
        def fail(message: str, hint: str = "", warning: bool = False) -> None:
            problems.add(display, (0, 0), f"record {number}", message, hint, warning)  # noqa: B023

        kind = export_kind(record)
        if kind is None:
            fail("is not a record of factfile's open data, and the file mixes it with some",
                 "import each file of data/ on its own")
            continue
        if kind == "article":
            articles[str(record["id"])] = {"code": record["code"], "title": record["title"]}
            continue
        slug = str(record.get("slug", ""))
        data = {k: _cited(v, source_ids) for k, v in record.items() if k not in EXPORT_ONLY[kind]}
        notes = []
        if data.pop("photo", None) is not None:
            notes.append("# import: photo: not imported: copy the photo into content/photos/ and add photo:\n")
        path = Path(os.path.relpath(content / FOLDERS[kind] / f"{slug}.yaml"))
        if _exists(path, skip_existing, fail):
            continue
        text = (schema_header(kind, path, content) + f"# Imported from {Path(display).name}, record {number}.\n"
                + "".join(notes) + to_yaml(data))
        errors = check_record(kind, slug, text, languages, str(path))
        for error in errors:
            fail(f"would not be valid: {error}")
        if not errors:
            planned.files[path] = text
            planned.kept += len(notes)
    if articles:
        path = Path(os.path.relpath(content / "articles.yaml"))
        if not _exists(path, skip_existing, lambda message, hint="", warning=False: problems.add(
                display, (0, 0), "", message, hint, warning)):
            text = f"# Imported from {Path(display).name}.\n" + to_yaml(dict(sorted(articles.items())))
            errors = check_articles(text, languages, str(path))
            for error in errors:
                problems.add(display, (0, 0), "", f"articles.yaml would not be valid: {error}")
            if not errors:
                planned.files[path] = text
    return planned


def _exists(path: Path, skip_existing: bool, fail: Any) -> bool:
    """Report a file that exists (never overwritten) and return whether it does."""
    if not path.exists():
        return False
    if skip_existing:
        fail(f"{path} already exists; skipped", warning=True)
    else:
        fail(f"{path} already exists and is never overwritten", "edit that file by hand, or pass --skip-existing")
    return True
