"""data/datapackage.json: every file under data/ described as a Frictionless Data Package
(https://specs.frictionlessdata.io/data-package/), so tools load the open data with its fields' types.

Each CSV file has a Table Schema: its columns in order with their types, `slug` as the primary key
(a record's id is its file name, which never changes) and the column of its page's address. The
JSON files name the JSON Schema their records follow. The licence is site.yaml's licence of the data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from .. import deps
from ..content.licences import licence_url
from ..content.model import STATUSES
from ..content.schema import content_schemas
from ..content.translit import slugify
from ..site.urls import DATA_DIR, DATA_README, data_path, public_url
from .kinds import OutputContext, OutputKind
from .opendata import events_header, json_bytes, people_header
from .placedata import places_header

PACKAGE = f"{DATA_DIR}/datapackage.json"
DATE_NOTE = "a date as precise as its source: YYYY, YYYY-MM or YYYY-MM-DD, with ~ (approximate) or ? (uncertain)"
LIST_NOTE = "several values separated by '; '"
# What each CSV column holds, beyond text: (type, description, constraints); by column name with its
# language suffix removed.
COLUMNS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "slug": ("string", "The record's id: its file name, stable for as long as the record is published.",
             {"required": True, "unique": True}),
    "status": ("string", "detained, imprisoned, restricted, released, deceased or unknown.",
               {"required": True, "enum": list(STATUSES)}),
    "identity_withheld": ("boolean", "true when the person's identity is withheld: the name is a label.", {}),
    "born": ("string", "Date of birth: " + DATE_NOTE + ".", {}),
    "detained": ("string", "When the latest custody began: " + DATE_NOTE + ".", {}),
    "sentence_date": ("string", "Date of the latest verdict: " + DATE_NOTE + ".", {}),
    "sentence_term": ("string", "The latest sentence's term, as an ISO 8601 duration (P6Y).", {}),
    "released": ("string", "Date of the latest release: " + DATE_NOTE + ".", {}),
    "died": ("string", "Date of death: " + DATE_NOTE + ".", {}),
    "date": ("string", "Date: " + DATE_NOTE + ".", {"required": True}),
    "end": ("string", "Last day, for an event of several days: " + DATE_NOTE + ".", {}),
    "address_checked": ("string", "When the address was last checked: " + DATE_NOTE + ".", {}),
    "also_known_as": ("string", "Other names: " + LIST_NOTE + ".", {}),
    "citizenship": ("string", "ISO 3166 country codes: " + LIST_NOTE + ".", {}),
    "charge_articles": ("string", "Articles charged under: " + LIST_NOTE + ".", {}),
    "people": ("string", "Ids (slugs) of the people the event names: " + LIST_NOTE + ".", {}),
    "held_now": ("string", "Ids (slugs) of the people held there now: " + LIST_NOTE + ".", {}),
    "held_before": ("string", "Ids (slugs) of the people held there before: " + LIST_NOTE + ".", {}),
    "page": ("string", "The address of the record's page, relative to the top of the site.", {}),
}


def table_schema(header: Sequence[str], langs: Sequence[str]) -> dict[str, Any]:
    """Return the Table Schema of a CSV file with these columns."""
    fields = []
    for name in header:
        base, _, suffix = name.rpartition("_")
        key = base if suffix in langs and base else name
        kind, description, constraints = COLUMNS.get(key, ("string", "", {}))
        found: dict[str, Any] = {"name": name, "type": kind}
        if description:
            found["description"] = description
        if suffix in langs and base:
            found["description"] = (description + " " if description else "") + f"In language {suffix}."
        if kind == "boolean":
            found["trueValues"], found["falseValues"] = ["true"], ["false"]
        if constraints:
            found["constraints"] = constraints
        fields.append(found)
    return {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]}


def _csv(name: str, header: Sequence[str], langs: Sequence[str], title: str) -> dict[str, Any]:
    return {"name": name.replace(".", "-"), "path": name, "title": title, "type": "table", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(header, langs)}


def _json(name: str, path: str, title: str, schema: str | None = None) -> dict[str, Any]:
    found = {"name": name, "path": path, "title": title, "type": "json", "format": "json",
             "mediatype": "application/json", "encoding": "utf-8"}
    if schema:
        found["description"] = f"Each record follows the JSON Schema schema/{schema}."
    return found


def package(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield data/datapackage.json."""
    context = out.default
    site, langs, t = context.site, out.plan.languages, context.t
    title = str(context.loc(site.title))
    data: dict[str, Any] = {"name": slugify(title) or "open-data", "title": title}
    if site.description:
        data["description"] = str(context.loc(site.description))
    if site.base_url:
        data["homepage"] = public_url(site.base_url, data_path(langs[0]))
    if site.license:
        data["licenses"] = [{"name": site.license.data, "path": licence_url(site.license.data),
                             "title": site.license.data}]
    if site.publisher:
        publisher = {"title": str(context.loc(site.publisher.name)), "role": "publisher"}
        publisher.update({k: v for k, v in (("path", site.publisher.url), ("email", site.publisher.email)) if v})
        data["contributors"] = [publisher]
    resources = [
        _csv("people.csv", people_header(langs), langs, t("data.people_csv")),
        _csv("events.csv", events_header(langs), langs, t("data.events_csv")),
        _csv("places.csv", places_header(langs), langs, t("data.places_csv")),
        _json("people-json", "people.json", t("data.people_json"), "person.schema.json"),
        _json("events-json", "events.json", t("data.events_json"), "event.schema.json"),
        _json("places-json", "places.json", t("data.places_json"), "place.schema.json"),
        _json("articles-json", "articles.json", t("data.articles_json")),
    ]
    deps.read("fact:people")  # one small resource per person's own file, as people.json's records
    resources += [{"name": f"person-{slug}", "path": f"people/{slug}.json", "type": "json"} for slug in out.plan.people]
    for name in content_schemas():
        resources.append({"name": "schema-" + name.removesuffix(".schema.json"), "path": f"schema/{name}",
                          "type": "json", "format": "json", "mediatype": "application/schema+json",
                          "encoding": "utf-8"})
    resources.append({"name": "readme", "path": DATA_README.removeprefix(DATA_DIR + "/"), "type": "text",
                      "format": "txt", "mediatype": "text/plain", "encoding": "utf-8"})
    yield PACKAGE, _dump(data, resources)


def _dump(data: dict[str, Any], resources: list[dict[str, Any]]) -> bytes:
    """Return the package as JSON: its own fields as the other data files write them, then each
    resource on one line, so ten thousand people's files stay a light, still readable list."""
    head = json_bytes(data).decode("utf-8").rstrip().removesuffix("}").rstrip()
    lines = ",\n".join(" " + json.dumps(resource, ensure_ascii=False) for resource in resources)
    return f'{head},\n "resources": [\n{lines}\n ]\n}}\n'.encode()


DATAPACKAGE = OutputKind("data-package", lambda plan: [()], package)
