"""The open data page: what each file under data/ holds and what each field means."""

from __future__ import annotations

import dataclasses
from typing import Any

from ...content.licences import licence_url
from ...content.model import Event, Person, Place
from ...content.schema import content_schemas
from ..context import Context
from ..kinds import PageKind
from ..urls import DATA_DIR, DATA_README, OFFLINE_ZIP, data_path, feed_path

FILES = ("people.json", "people.csv", "events.json", "events.csv", "places.json", "places.csv", "articles.json",
         "datapackage.json")
# Fields an export adds to those of the content files; each is described in the catalogues as
# data.doc.<record>.<field>, like the content files' own fields.
PERSON_EXTRA = ("pages", "events")
EVENT_EXTRA = ("pages",)
PLACE_EXTRA = ("held_now", "held_before")
ARTICLE_FIELDS = ("id", "code", "title", "people")


def field_docs(context: Context, record: str, cls: type, extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Return the fields of a record as exported, each described in the page's language."""
    names = [f.name for f in dataclasses.fields(cls) if f.name != "origin"] + list(extra)
    return [{"name": name, "doc": context.t(f"data.doc.{record}.{name}")} for name in names]


def licence(context: Context) -> dict[str, str] | None:
    """Return the open data's licence: its SPDX id, the address of its text, and the sentence that
    names it split around the id, so the page can link the id where each language puts it."""
    found = context.site.license
    if found is None:
        return None
    before, _, after = context.t("data.license", license="\0").partition("\0")
    return {"id": found.data, "url": licence_url(found.data), "before": before, "after": after}


def view(context: Context) -> dict[str, Any]:
    """Return what the open data page of one language shows."""
    files = [{"path": f"{DATA_DIR}/{name}", "what": context.t("data." + name.replace(".", "_"))} for name in FILES]
    return {"files": files, "person_fields": field_docs(context, "person", Person, PERSON_EXTRA),
            "event_fields": field_docs(context, "event", Event, EVENT_EXTRA),
            "place_fields": field_docs(context, "place", Place, PLACE_EXTRA),
            "article_fields": [{"name": name, "doc": context.t(f"data.doc.article.{name}")} for name in ARTICLE_FIELDS],
            "schema_dir": f"{DATA_DIR}/schema/", "schemas": [f"{DATA_DIR}/schema/{n}" for n in content_schemas()],
            "feeds": [{"lang": lang, "path": feed_path(lang)} for lang in context.plan.languages],
            "offline": OFFLINE_ZIP, "license": licence(context), "readme": DATA_README}


KIND = PageKind("data", "data.html", data_path, view)
