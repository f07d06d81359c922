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
from typing import TYPE_CHECKING, Any

from . import plan as urls
from .dates import PartialDate, Term
from .link import resolve_source
from .model import IDENTIFYING_FIELDS, Event, Localized, Person, Source
from .photos import photo_set
from .schema import content_schemas, dumps
from .offline import OFFLINE_ZIP

if TYPE_CHECKING:
    from .outputs import SiteBuild
    from .views import Context

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


# A live rebuild (incremental.Builder) keeps the objects of unchanged records, so a record's export
# is reused while the record and the sources table are the same objects and what else it shows
# (the events naming a person, the languages) is equal.
_EXPORTS: dict[tuple[str, str], tuple[object, object, tuple, str]] = {}


def _cached_json(kind: str, record: Person | Event, site: SiteBuild, shown: tuple, make) -> str:
    """Return a record's published JSON text, made again only when something it shows changed."""
    sources = site.linked.content.sources
    hit = _EXPORTS.get((kind, record.slug))
    if hit is not None and hit[0] is record and hit[1] is sources and hit[2] == shown:
        return hit[3]
    text = json.dumps(make(record, site), ensure_ascii=False, indent=1, sort_keys=False)
    _EXPORTS[(kind, record.slug)] = (record, sources, shown, text)
    return text


def _forget_gone(content) -> None:
    """Drop the kept exports of records that no longer exist."""
    for kind, slug in list(_EXPORTS):
        if slug not in (content.people if kind == "person" else content.events):
            del _EXPORTS[(kind, slug)]


def _json_list(texts: list[str]) -> bytes:
    """Return a JSON list of already serialised items, as json.dumps(list, indent=1) would write it."""
    if not texts:
        return b"[]\n"
    return ("[\n" + ",\n".join(" " + text.replace("\n", "\n ") for text in texts) + "\n]\n").encode("utf-8")


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def _text(value: Localized | None, lang: str) -> str:
    return value.get(lang, "") if value else ""


def people_csv(site: SiteBuild) -> bytes:
    """Return one row per person, names and texts in every language, lists joined by '; '."""
    langs = site.languages
    header = ["slug", "status", "identity_withheld", *[f"name_{l}" for l in langs], "also_known_as",
              "gender", "born", "citizenship", *[f"occupation_{l}" for l in langs], "detained",
              "charge_articles", "sentence_date", "sentence_term", *[f"place_of_detention_{l}" for l in langs],
              "released", "release_type", "died", *[f"summary_{l}" for l in langs], f"page_{langs[0]}"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for slug in sorted(site.linked.content.people):
        p = site.linked.content.people[slug]
        shown = p.label if p.identity_withheld else p.name
        writer.writerow([
            slug, p.status, "true" if p.identity_withheld else "false", *[_text(shown, l) for l in langs],
            "; ".join(p.also_known_as), p.gender or "", str(p.born or ""), "; ".join(p.citizenship),
            *[_text(p.occupation, l) for l in langs], str(p.detained or ""),
            "; ".join(c.article for c in p.charges if c.article),
            str(p.sentence.date or "") if p.sentence else "", str(p.sentence.term or "") if p.sentence else "",
            *[_text(p.place_of_detention.name, l) if p.place_of_detention else "" for l in langs],
            str(p.released or ""), p.release_type or "", str(p.died or ""),
            *[_text(p.summary, l) for l in langs], urls.person_path(langs[0], slug) + "index.html"])
    return out.getvalue().encode("utf-8")


def events_csv(site: SiteBuild) -> bytes:
    """Return one row per event, titles in every language."""
    langs = site.languages
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["slug", "date", "end", "type", *[f"title_{l}" for l in langs], "people", f"page_{langs[0]}"])
    for slug in sorted(site.linked.content.events):
        e = site.linked.content.events[slug]
        writer.writerow([slug, str(e.date), str(e.end or ""), e.type, *[_text(e.title, l) for l in langs],
                         "; ".join(e.people), urls.event_path(langs[0], slug) + "index.html"])
    return out.getvalue().encode("utf-8")


def files(site: SiteBuild) -> Iterator[tuple[str, bytes]]:
    """Yield the open data files under data/."""
    content = site.linked.content
    _forget_gone(content)
    langs = tuple(site.languages)
    slugs = sorted(content.people)
    people = [_cached_json("person", content.people[s], site,
                           (langs, tuple(e.slug for e in site.linked.events_by_person.get(s, []))), person_record)
              for s in slugs]
    events = [_cached_json("event", content.events[s], site, (langs,), event_record) for s in sorted(content.events)]
    yield f"{DATA_DIR}/people.json", _json_list(people)
    yield f"{DATA_DIR}/events.json", _json_list(events)
    yield f"{DATA_DIR}/people.csv", people_csv(site)
    yield f"{DATA_DIR}/events.csv", events_csv(site)
    for slug, text in zip(slugs, people):
        yield f"{DATA_DIR}/people/{slug}.json", (text + "\n").encode("utf-8")
    for name, schema in content_schemas().items():
        yield f"{DATA_DIR}/schema/{name}", dumps(schema).encode("utf-8")


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

