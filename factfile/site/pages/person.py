"""A person's page: facts with their sources, time in custody, where to write, biography, own timeline."""

from __future__ import annotations

import datetime
from typing import Any

from ...content import history
from ...content.custody import describe
from ...content.dates import PartialDate
from ...content.model import Event, Person
from ...content.photos import photo_set
from .. import custodyparts
from ..context import Context
from ..finder import search_spellings
from ..kinds import PageKind
from ..parts import Fact, Item, SourceList, event_line, fact, text_item
from ..plan import TOLD_BY
from ..urls import person_path


def view(context: Context, slug: str) -> dict[str, Any]:
    person = context.person(slug)
    sources = SourceList(context)
    general = sources.cite(person.sources)
    return {
        "person": person,
        "name": context.name(person),
        "withheld": person.identity_withheld,
        "detained": history.detained(person),
        "status_label": context.t.variant(f"status.{person.status}", person.gender),
        "summary": context.loc(person.summary),
        "facts": facts(context, person, sources),
        "history": custodyparts.custody_history(context, person, sources),
        "cases": custodyparts.cases(context, person, sources),
        "bio": context.loc(person.bio),
        "timeline": own_timeline(context, person, context.events_of(slug)),
        "general_refs": general,
        "sources": sources.items,
        "custody": custody(context, person),
        "updated": context.when(_partial(context.last_changed(f"people/{slug}.yaml"))),
        "changes": file_changes(context, person),
        "photo": photo(context, person),
        "letters": custodyparts.letters(context, person, sources),
        "spellings": search_spellings(person),
    }


def file_changes(context: Context, person: Person) -> list[dict[str, Any]]:
    """Return when a person's file changed and why, newest first; a withheld person's by date only
    (a subject may name them: site/changelog.py already hides it, and this page never shows one)."""
    withheld = person.identity_withheld
    return [{"when": context.when(_partial(change.date)), "subject": None if withheld else change.subject}
            for change in context.file_history(f"people/{person.slug}.yaml")]


def photo(context: Context, person: Person) -> dict | None:
    """Return a person's photo as the page shows it; never for a withheld identity."""
    found = photo_set(person)
    if found is None or person.photo is None:
        return None
    first = found.renditions[0]
    return {"src": first.path, "width": first.width, "height": first.height,
            "srcset": [(r.path, f"{r.width}w") for r in found.renditions],
            "src_path": found.renditions[-1].path,
            "credit": context.t("photo.credit", credit=person.photo.credit)}


def custody(context: Context, person: Person) -> dict | None:
    """Return how long a person has been or was held, in words, with what the script needs to
    count it again in the reader's browser; None when the dates allow no useful figure. While held,
    it is the current period; afterwards, every period summed."""
    held = history.time_held(person, lambda: context.today)
    t = context.t
    text = describe(held, t) if held is not None else None
    if held is None or text is None:
        return None
    script = custodyparts.live_figure(held, t)
    today = context.built
    return {"text": text, "iso": held.iso(), "live": script is not None, "script": script,
            "label": t.variant("custody.held_for" if held.ongoing else "custody.was_held", person.gender),
            "as_of": t("custody.as_of", date=t.date(PartialDate(today.year, today.month, today.day)))
            if held.ongoing else None}


def own_timeline(context: Context, person: Person, events: list[Event]) -> list[dict]:
    """Merge a person's own dated facts with every event naming them, oldest first."""
    own = [("born", person.born), ("detained", person.detained),
           ("trial", person.trial.date if person.trial else None),
           ("sentenced", person.sentence.date if person.sentence else None),
           ("released", person.released), ("died", person.died)]
    told = {(e.date.iso(), kind) for e in events for kind, types in TOLD_BY.items() if e.type in types}
    lines = [(date.sort_key, 0, {"when": context.when(date), "title": context.t(f"timeline.{kind}"), "href": None})
             for kind, date in own if date and (date.iso(), kind) not in told]
    lines += [(date.sort_key, 0, {"when": context.when(date), "title": context.t(f"timeline.{kind}"), "href": None,
                                  "note": note}) for date, kind, note in custodyparts.own_dates(context, person)]
    lines += [(e.date.sort_key, 1, event_line(context, e)) for e in events]
    return [line for _, _, line in sorted(lines, key=lambda x: (x[0], x[1], x[2]["href"] or ""))]


def facts(context: Context, person: Person, sources: SourceList) -> list[Fact]:
    """Return the rows of a person's fact table, each citing its own sources where it has them."""
    t, loc, when = context.t, context.loc, context.when
    rows: list[Fact | None] = [
        fact(t("field.also_known_as"), [Item(n) for n in person.also_known_as]),
        fact(t("field.gender"), [Item(t(f"gender.{person.gender}"))] if person.gender else []),
        fact(t("field.born"), [when(person.born)]),
        fact(t("field.citizenship"), [Item(t.country(c)) for c in person.citizenship]),
        fact(t("field.occupation"), [text_item(loc(person.occupation))]),
        fact(t("field.affiliations"), [text_item(loc(a)) for a in person.affiliations]),
        fact(t("field.recognized"), [text_item(loc(r.by), t.date(r.date) if r.date else None, href=r.url)
                                     for r in person.recognized]),
        fact(t("field.detained"), [when(person.detained)]),
    ]
    for charge in person.charges:
        rows.append(fact(t("field.charges"), [custodyparts.charge_item(context, charge)], sources.cite(charge.sources)))
    if trial := person.trial:
        items = [when(trial.date), text_item(loc(trial.court)),
                 Item(t("judge"), loc(trial.judge)) if trial.judge else None]
        rows.append(fact(t("field.trial"), items, sources.cite(trial.sources)))
    if sentence := person.sentence:
        items = [Item(t.term(sentence.term)) if sentence.term else None,
                 text_item(loc(sentence.regime)), when(sentence.date)]
        rows.append(fact(t("field.sentence"), items, sources.cite(sentence.sources)))
    if place := person.place_of_detention:
        items = [text_item(loc(place.name)), text_item(loc(place.address))]
        rows.append(fact(t("field.place_of_detention"), items, sources.cite(place.sources)))
    rows.append(fact(t("field.expected_release"), [custodyparts.expected_release(context, person)]))
    rows.append(fact(t("field.released"), [when(person.released)]))
    if person.release_type:
        rows.append(fact(t("field.release_type"), [Item(t(f"release_type.{person.release_type}"))]))
    rows.append(fact(t("field.died"), [when(person.died)]))
    return [row for row in rows if row]


def _partial(day: datetime.date | None) -> PartialDate | None:
    return PartialDate(day.year, day.month, day.day) if day else None


def structured(context: Context, values: dict[str, Any], url: str | None, image: str | None) -> dict:
    """Return schema.org data for a person; a withheld identity gets nothing identifying."""
    from ..meta import plain

    person = values["person"]
    data: dict[str, Any] = {"@context": "https://schema.org"}
    if url:
        data["url"] = url
    data.update({"@type": "Person", "name": str(values["name"])})
    if description := plain(values.get("summary")):
        data["description"] = description
    if not person.identity_withheld:
        if person.also_known_as:
            data["alternateName"] = list(person.also_known_as)
        if person.born and person.born.precision == "day" and not person.born.qualifier:
            data["birthDate"] = person.born.iso()
        if person.occupation:
            data["hasOccupation"] = {"@type": "Occupation", "name": str(context.loc(person.occupation))}
        if person.affiliations:
            data["affiliation"] = [{"@type": "Organization", "name": str(context.loc(a))}
                                   for a in person.affiliations]
        if image:
            data["image"] = image
    if person.citizenship:
        data["nationality"] = [{"@type": "Country", "name": context.t.country(c)} for c in person.citizenship]
    return data


KIND = PageKind("person", "person.html", person_path, view, keys=lambda plan: [(s,) for s in plan.people],
                og_type="profile", structured=structured, searched=True)
