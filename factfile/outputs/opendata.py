"""Open data: everyone and every event as JSON and CSV, one JSON per person, and the content schemas.

Records keep the shape of the content files (documented by their JSON Schema under data/schema/),
with sources written out in full and the pages' addresses added. A withheld identity is exported as
its page shows it: the label, never a name, and none of the identifying fields.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..site import plan as urls
from ..content.dates import PartialDate, Term
from ..content.link import resolve_source
from ..content.model import IDENTIFYING_FIELDS, Event, Localized, Person, Source
from .memo import Kept, Pieces, stale, state, touched_slugs
from .photos import photo_set
from ..content.schema import content_schemas, dumps
from .offline import OFFLINE_ZIP

if TYPE_CHECKING:
    from .outputs import SiteBuild
    from ..site.views import Context

DATA_DIR = "data"
FILES = ("people.json", "people.csv", "events.json", "events.csv")
PERSON_EXTRA = (("events", "Slugs of the events that name the person, oldest first."),)
DOCS_LANG = "en"  # the model's field documentation is written in English


def _plain(value: Any, sources: dict[str, Source]) -> Any:
    """Return a model value as JSON data: dates and terms as text, source ids as full sources."""
    if isinstance(value, (PartialDate, Term)):
        return str(value)
    if isinstance(value, Localized):
        return dict(value)
    if isinstance(value, list):
        return [_plain(v, sources) for v in value]
    if dataclasses.is_dataclass(value):
        record = {}
        for field in dataclasses.fields(value):
            if field.name == "origin":
                continue
            item = getattr(value, field.name)
            if field.name == "sources":
                item = [_source(ref, sources) for ref in item]
            else:
                item = _plain(item, sources)
            if item not in (None, [], {}, False) or field.name == "identity_withheld":
                record[field.name] = item
        return record
    return value


def _source(ref: str | Source, sources: dict[str, Source]) -> dict[str, Any]:
    source = resolve_source(ref, sources)
    data = _plain(source, sources)
    return {"id": ref, **data} if isinstance(ref, str) else data


def _pages(kind: str, slug: str, languages: list[str]) -> dict[str, str]:
    return {lang: urls.page_path(kind, lang, (slug,)) + "index.html" for lang in languages}


def person_record(person: Person, site: SiteBuild) -> dict[str, Any]:
    """Return a person as published: every field the page shows, sources in full, page addresses."""
    record = _plain(person, site.linked.content.sources)
    if person.identity_withheld:  # validation already forbids these; never export them regardless
        for name in IDENTIFYING_FIELDS:
            record.pop(name, None)
    record.pop("photo", None)
    found = photo_set(person)
    if found is not None and person.photo is not None:
        record["photo"] = {"file": found.renditions[-1].path, "credit": person.photo.credit}
    record["pages"] = _pages("person", person.slug, site.languages)
    record["events"] = [e.slug for e in site.linked.events_by_person.get(person.slug, [])]
    return record


def event_record(event: Event, site: SiteBuild) -> dict[str, Any]:
    """Return an event as published, with the pages that show it."""
    record = _plain(event, site.linked.content.sources)
    record["pages"] = _pages("event", event.slug, site.languages)
    return record


def _export(record: dict[str, Any]) -> tuple[bytes, bytes]:
    """Return a record's JSON file, and the same JSON as an item of the list files."""
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=False)
    return (text + "\n").encode("utf-8"), (" " + text.replace("\n", "\n ")).encode("utf-8")


def _json_list(items: list[bytes]) -> bytes:
    """Return a JSON list of already serialised items, as json.dumps(list, indent=1) would write it."""
    return b"[\n" + b",\n".join(items) + b"\n]\n" if items else b"[]\n"


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _text(value: Localized | None, lang: str) -> str:
    return value.get(lang, "") if value else ""


def _csv_row(values: list[str]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(values)
    return out.getvalue().encode("utf-8")


def _person_row(p: Person, langs: list[str]) -> list[str]:
    shown = p.label if p.identity_withheld else p.name
    return [
        p.slug, p.status, "true" if p.identity_withheld else "false", *[_text(shown, l) for l in langs],
        "; ".join(p.also_known_as), p.gender or "", str(p.born or ""), "; ".join(p.citizenship),
        *[_text(p.occupation, l) for l in langs], str(p.detained or ""),
        "; ".join(c.article for c in p.charges if c.article),
        str(p.sentence.date or "") if p.sentence else "", str(p.sentence.term or "") if p.sentence else "",
        *[_text(p.place_of_detention.name, l) if p.place_of_detention else "" for l in langs],
        str(p.released or ""), p.release_type or "", str(p.died or ""),
        *[_text(p.summary, l) for l in langs], urls.person_path(langs[0], p.slug) + "index.html"]


def _event_row(e: Event, langs: list[str]) -> list[str]:
    return [e.slug, str(e.date), str(e.end or ""), e.type, *[_text(e.title, l) for l in langs],
            "; ".join(e.people), urls.event_path(langs[0], e.slug) + "index.html"]


def _people_header(langs: list[str]) -> list[str]:
    return ["slug", "status", "identity_withheld", *[f"name_{l}" for l in langs], "also_known_as",
            "gender", "born", "citizenship", *[f"occupation_{l}" for l in langs], "detained",
            "charge_articles", "sentence_date", "sentence_term", *[f"place_of_detention_{l}" for l in langs],
            "released", "release_type", "died", *[f"summary_{l}" for l in langs], f"page_{langs[0]}"]


def _events_header(langs: list[str]) -> list[str]:
    return ["slug", "date", "end", "type", *[f"title_{l}" for l in langs], "people", f"page_{langs[0]}"]


class _Kept:
    """Kept between live rebuilds (memo.py): each record's JSON and CSV row, and the files made of them."""

    def __init__(self) -> None:
        self.people: Pieces[Person, tuple[bytes, bytes]] = Pieces()
        self.events: Pieces[Event, tuple[bytes, bytes]] = Pieces()
        self.people_rows: Pieces[Person, bytes] = Pieces()
        self.event_rows: Pieces[Event, bytes] = Pieces()
        self.files = Kept()


def files(site: SiteBuild) -> Iterator[tuple[str, bytes]]:
    """Yield the open data files under data/: JSON and CSV of everyone and every event, a JSON
    file per person, and the content schemas. A live rebuild remakes only the touched records."""
    content, langs = site.linked.content, site.languages
    touched_people, touched_events = touched_slugs(site.touched, "people"), touched_slugs(site.touched, "events")
    kept: _Kept = state(site.kept, __name__, _Kept)
    people = kept.people.update(content.people, touched_people, lambda p: _export(person_record(p, site)))
    events = kept.events.update(content.events, touched_events, lambda e: _export(event_record(e, site)))
    people_rows = kept.people_rows.update(content.people, touched_people, lambda p: _csv_row(_person_row(p, langs)))
    event_rows = kept.event_rows.update(content.events, touched_events, lambda e: _csv_row(_event_row(e, langs)))
    slugs, event_slugs = sorted(content.people), sorted(content.events)
    people_stale, events_stale = stale(site.touched, "people"), stale(site.touched, "events")
    yield f"{DATA_DIR}/people.json", kept.files.get("people.json", people_stale,
                                                lambda: _json_list([people[s][1] for s in slugs]))
    yield f"{DATA_DIR}/events.json", kept.files.get("events.json", events_stale,
                                                lambda: _json_list([events[s][1] for s in event_slugs]))
    yield f"{DATA_DIR}/people.csv", kept.files.get("people.csv", people_stale, lambda: b"".join(
        [_csv_row(_people_header(langs)), *[people_rows[s] for s in slugs]]))
    yield f"{DATA_DIR}/events.csv", kept.files.get("events.csv", events_stale, lambda: b"".join(
        [_csv_row(_events_header(langs)), *[event_rows[s] for s in event_slugs]]))
    for slug in slugs:
        yield f"{DATA_DIR}/people/{slug}.json", people[slug][0]
    for name, data in _schema_files().items():
        yield f"{DATA_DIR}/schema/{name}", data


@lru_cache(maxsize=1)
def _schema_files() -> dict[str, bytes]:
    return {name: dumps(schema).encode("utf-8") for name, schema in content_schemas().items()}


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


def page_values(context: Context) -> dict[str, Any]:
    """Return what the open data page of one language shows."""
    files_ = [{"path": f"{DATA_DIR}/{name}", "what": context.t("data." + name.replace(".", "_"))} for name in FILES]
    return {"files": files_, "person_fields": field_docs(Person, PERSON_EXTRA), "event_fields": field_docs(Event),
            "docs_lang": DOCS_LANG,
            "schema_dir": f"{DATA_DIR}/schema/", "schemas": [f"{DATA_DIR}/schema/{n}" for n in content_schemas()],
            "feeds": [{"lang": l, "path": urls.feed_path(l)} for l in context.linked.content.site.languages],
            "offline": OFFLINE_ZIP}

