"""An event's page: what happened, when, the people it names, and its sources."""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..kinds import PageKind
from ..parts import SourceList, person_line
from ..urls import event_path


def view(context: Context, slug: str) -> dict[str, Any]:
    event = context.event(slug)
    sources = SourceList(context)
    refs = sources.cite(event.sources)
    people = [person_line(context, context.person(s)) for s in dict.fromkeys(event.people)]
    return {"event": event, "title": context.loc(event.title), "type_label": context.t(f"event_type.{event.type}"),
            "start": context.when(event.date), "end": context.when(event.end), "summary": context.loc(event.summary),
            "people": people, "event_refs": refs, "sources": sources.items}


def structured(context: Context, values: dict[str, Any], url: str | None, image: str | None) -> dict:
    from ..meta import plain

    event = values["event"]
    data: dict[str, Any] = {"@context": "https://schema.org", "inLanguage": context.t.lang}
    if url:
        data["url"] = url
    data.update({"@type": "Event", "name": str(values["title"]), "startDate": event.date.iso()})
    if event.end:
        data["endDate"] = event.end.iso()
    if description := plain(values.get("summary")):
        data["description"] = description
    if values.get("people"):
        data["about"] = [{"@type": "Person", "name": str(p["name"])} for p in values["people"]]
    return data


KIND = PageKind("event", "event.html", event_path, view, keys=lambda plan: [(s,) for s in plan.events],
                og_type="article", structured=structured, searched=True)
