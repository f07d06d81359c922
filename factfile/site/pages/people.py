"""The people index: everyone, grouped by status, with the filters finder.js uses."""

from __future__ import annotations

from typing import Any

from ...content.model import STATUSES
from .. import finder
from ..context import Context
from ..kinds import PageKind
from ..parts import person_line
from ..urls import people_path


def view(context: Context) -> dict[str, Any]:
    people = list(context.people())
    groups = []
    for status in STATUSES:
        members = [p for p in people if p.status == status]
        if members:
            rows = sorted(({**person_line(context, p), "find": finder.row_values(p, context)} for p in members),
                          key=lambda r: (str(r["name"]).casefold(), r["href"]))
            groups.append({"status": status, "label": context.t(f"status_group.{status}"), "people": rows})
    return {"groups": groups, "total": len(people), "filters": finder.filters(people, context)}


KIND = PageKind("people", "people.html", people_path, view)
