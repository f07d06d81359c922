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
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from .. import deps
from ..content import history
from ..content.dates import PartialDate, Term
from ..content.model import IDENTIFYING_CASE_FIELDS, IDENTIFYING_FIELDS, Event, Localized, Person, Source, key_of
from ..content.photos import photo_set
from ..content.schema import content_schemas, dumps
from ..site.kinds import page_path
from ..site.pages.data import FILES, licence
from ..site.urls import DATA_DIR, DATA_README, data_path, event_path, person_path
from .kinds import OutputContext, OutputKind

SourceOf = Callable[[str | Source], Source]


def plain_data(value: Any, sources: SourceOf) -> Any:
    """Return a model value as JSON data: dates and terms as text, source ids as full sources."""
    if isinstance(value, (PartialDate, Term)):
        return str(value)
    if isinstance(value, Localized):
        return dict(value)
    if isinstance(value, list):
        return [plain_data(v, sources) for v in value]
    if dataclasses.is_dataclass(value):
        record = {}
        for field in dataclasses.fields(value):
            if field.name == "origin":
                continue
            item = getattr(value, field.name)
            if field.name == "sources":
                item = [_source(ref, sources) for ref in item]
            else:
                item = plain_data(item, sources)
            if item not in (None, [], {}, False) or field.name == "identity_withheld":
                record[key_of(field)] = item
        return record
    return value


def _source(ref: str | Source, sources: SourceOf) -> dict[str, Any]:
    data = plain_data(sources(ref), sources)
    return {"id": ref, **data} if isinstance(ref, str) else data


def _pages(kind: str, slug: str, languages: Sequence[str]) -> dict[str, str]:
    return {lang: page_path(kind, lang, (slug,)) + "index.html" for lang in languages}


def person_record(person: Person, out: OutputContext) -> dict[str, Any]:
    """Return a person as published: every field the page shows, sources in full, page addresses."""
    context = out.default
    record = plain_data(deps.whole(person), context.source)
    if person.identity_withheld:  # validation already forbids these; never export them regardless
        for name in IDENTIFYING_FIELDS:
            record.pop(name, None)
        for recognition in record.get("recognized", []):
            recognition.pop("url", None)
        for case in record.get("cases", []):
            for name in IDENTIFYING_CASE_FIELDS:
                case.pop(name, None)
    if "distinct_from" in record:  # nor a link saying whose name a withheld person's resembles
        people = out.linked.people
        record["distinct_from"] = [s for s in record["distinct_from"]
                                   if s in people and not context.person(s).identity_withheld]
        if not record["distinct_from"]:
            del record["distinct_from"]
    record.pop("photo", None)
    found = photo_set(person)
    if found is not None and person.photo is not None:
        record["photo"] = {"file": found.renditions[-1].path, "credit": person.photo.credit}
    record["pages"] = _pages("person", person.slug, out.plan.languages)
    record["events"] = [e.slug for e in context.events_of(person.slug)]
    return record


def event_record(event: Event, out: OutputContext) -> dict[str, Any]:
    """Return an event as published, with the pages that show it."""
    record = plain_data(deps.whole(event), out.default.source)
    record["pages"] = _pages("event", event.slug, out.plan.languages)
    return record


def _export(record: dict[str, Any]) -> tuple[bytes, bytes]:
    """Return a record's JSON file, and the same JSON as an item of the list files."""
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=False)
    return (text + "\n").encode("utf-8"), (" " + text.replace("\n", "\n ")).encode("utf-8")


def _json_list(items: list[bytes]) -> bytes:
    """Return a JSON list of already serialised items, as json.dumps(list, indent=1) would write it."""
    return b"[\n" + b",\n".join(items) + b"\n]\n" if items else b"[]\n"


def json_bytes(data: Any) -> bytes:
    """Return data as the open data's JSON files write it."""
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode("utf-8")


def text_in(value: Localized | None, lang: str) -> str:
    """Return a localized value's text in one language, or nothing."""
    return value.get(lang, "") if value else ""


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|...),
# so such a cell gets a leading apostrophe, as OWASP advises:
# https://owasp.org/www-community/attacks/CSV_Injection
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Return a CSV cell that no spreadsheet runs as a formula: "'" before a formula's first character."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def csv_row(values: list[str]) -> bytes:
    """Return one row of a CSV file, each cell safe from spreadsheets' formulas."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([safe_cell(v) for v in values])
    return out.getvalue().encode("utf-8")


def _person_row(p: Person, langs: Sequence[str], place_name: Callable[[str], Localized]) -> list[str]:
    """Return a person's row of people.csv: custody and cases in either form, as one row says them
    (the latest custody, the latest case, the last place)."""
    shown = p.label if p.identity_withheld else p.name
    cases = history.cases(p)
    sentence = cases[-1].sentence if cases else None
    found = history.periods(p)
    last_place = place_name(found[-1].places[-1]) if found and found[-1].places else (
        p.place_of_detention.name if p.place_of_detention else None)
    return [
        p.slug, p.status, "true" if p.identity_withheld else "false", *[text_in(shown, lang) for lang in langs],
        "; ".join(p.also_known_as), p.gender or "", str(p.born or ""), "; ".join(p.citizenship),
        *[text_in(p.occupation, lang) for lang in langs], str(history.detained(p) or ""),
        "; ".join(c.article for c in history.charges(p) if c.article),
        str(cases[-1].verdict or "") if cases else "", str(sentence.term or "") if sentence else "",
        *[text_in(last_place, lang) for lang in langs],
        str(history.released(p) or ""), p.release_type or "", str(p.died or ""),
        *[text_in(p.summary, lang) for lang in langs], person_path(langs[0], p.slug) + "index.html"]


def _event_row(e: Event, langs: Sequence[str]) -> list[str]:
    return [e.slug, str(e.date), str(e.end or ""), e.type, *[text_in(e.title, lang) for lang in langs],
            "; ".join(e.people), event_path(langs[0], e.slug) + "index.html"]


def people_header(langs: Sequence[str]) -> list[str]:
    return ["slug", "status", "identity_withheld", *[f"name_{lang}" for lang in langs], "also_known_as",
            "gender", "born", "citizenship", *[f"occupation_{lang}" for lang in langs], "detained",
            "charge_articles", "sentence_date", "sentence_term", *[f"place_of_detention_{lang}" for lang in langs],
            "released", "release_type", "died", *[f"summary_{lang}" for lang in langs], f"page_{langs[0]}"]


def events_header(langs: Sequence[str]) -> list[str]:
    return ["slug", "date", "end", "type", *[f"title_{lang}" for lang in langs], "people", f"page_{langs[0]}"]


def person_files(out: OutputContext, slug: str) -> Iterator[tuple[str, bytes]]:
    """Yield a person's JSON file and their pieces of people.json and people.csv."""
    person = out.default.person(slug)
    own, item = _export(person_record(person, out))
    yield f"{DATA_DIR}/people/{slug}.json", own
    yield f"@people.json/{slug}", item
    yield f"@people.csv/{slug}", csv_row(_person_row(deps.whole(person), out.plan.languages,
                                                      lambda place: out.default.place(place).name))


def event_files(out: OutputContext, slug: str) -> Iterator[tuple[str, bytes]]:
    """Yield an event's pieces of events.json and events.csv."""
    event = out.default.event(slug)
    yield f"@events.json/{slug}", _export(event_record(event, out))[1]
    yield f"@events.csv/{slug}", csv_row(_event_row(deps.whole(event), out.plan.languages))


def list_files(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield everyone and every event as JSON and CSV, assembled from the records' pieces."""
    langs = out.plan.languages
    yield f"{DATA_DIR}/people.json", _json_list(out.pieces("@people.json/"))
    yield f"{DATA_DIR}/events.json", _json_list(out.pieces("@events.json/"))
    yield f"{DATA_DIR}/people.csv", b"".join([csv_row(people_header(langs)), *out.pieces("@people.csv/")])
    yield f"{DATA_DIR}/events.csv", b"".join([csv_row(events_header(langs)), *out.pieces("@events.csv/")])


def schema_files(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield the JSON Schema of each content file."""
    for name, data in _schema_files().items():
        yield f"{DATA_DIR}/schema/{name}", data


def readme(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield data/README.txt, in the default language: what the files are, who publishes them and
    under which licence, so a copy of the folder still says it."""
    context = out.default
    t, site = context.t, context.site
    lines = [t("data.readme_title", site=str(context.loc(site.title))), ""]
    if site.publisher:
        contact = ", ".join(filter(None, [site.publisher.url, site.publisher.email]))
        lines.append(f"{t('footer.publisher')} {context.loc(site.publisher.name)}"
                     + (f" ({contact})" if contact else ""))
    found = licence(context)
    lines.append(t("data.license", license=f"{found['id']} ({found['url']})") if found else t("data.no_license"))
    lines += ["", t("data.files") + ":"]
    lines += [f"- {name}: {t('data.' + name.replace('.', '_'))}" for name in FILES]
    lines += ["- people/<slug>.json", "- schema/*.schema.json", "",
              t("data.readme_docs", page=data_path(context.t.lang) + "index.html"), ""]
    yield DATA_README, "\n".join(lines).encode("utf-8")


@lru_cache(maxsize=1)
def _schema_files() -> dict[str, bytes]:
    return {name: dumps(schema).encode("utf-8") for name, schema in content_schemas().items()}


PEOPLE = OutputKind("data-person", lambda plan: [(s,) for s in plan.people], person_files)
EVENTS = OutputKind("data-event", lambda plan: [(s,) for s in plan.events], event_files)
LISTS = OutputKind("data-lists", lambda plan: [()], list_files)  # after the two above: it reads their pieces
SCHEMAS = OutputKind("data-schema", lambda plan: [()], schema_files)
README = OutputKind("data-readme", lambda plan: [()], readme)
