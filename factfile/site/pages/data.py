"""The open data page: what each file under data/ holds and what each field means."""

from __future__ import annotations

import dataclasses
from typing import Any

from ...content.model import Event, Person
from ...content.schema import content_schemas
from ..context import Context
from ..kinds import PageKind
from ..urls import DATA_DIR, OFFLINE_ZIP, data_path, feed_path

FILES = ("people.json", "people.csv", "events.json", "events.csv")
PERSON_EXTRA = (("events", "Slugs of the events that name the person, oldest first."),)
DOCS_LANG = "en"  # the model's field documentation is written in English


def field_docs(cls: type, extra: tuple[tuple[str, str], ...] = ()) -> list[dict[str, Any]]:
    """Return the fields of a content record with their documentation (written in English)."""
    rows = []
    for field in dataclasses.fields(cls):
        if field.name == "origin":
            continue
        text = field.metadata.get("doc", "")
        if field.name == "slug":
            text = "The record's id: its file name, and the last part of its pages' address."
        rows.append({"name": field.name, "doc": text})
    rows.append({"name": "pages", "doc": "Address of its page in each language, relative to the site."})
    rows += [{"name": name, "doc": doc} for name, doc in extra]
    return rows


def view(context: Context) -> dict[str, Any]:
    """Return what the open data page of one language shows."""
    files = [{"path": f"{DATA_DIR}/{name}", "what": context.t("data." + name.replace(".", "_"))} for name in FILES]
    return {"files": files, "person_fields": field_docs(Person, PERSON_EXTRA), "event_fields": field_docs(Event),
            "docs_lang": DOCS_LANG,
            "schema_dir": f"{DATA_DIR}/schema/", "schemas": [f"{DATA_DIR}/schema/{n}" for n in content_schemas()],
            "feeds": [{"lang": lang, "path": feed_path(lang)} for lang in context.plan.languages],
            "offline": OFFLINE_ZIP}


KIND = PageKind("data", "data.html", data_path, view)
