"""The people index: the register of everyone, grouped by status, in pages, with the finder's filters."""

from __future__ import annotations

from typing import Any

from .. import finder, register
from ..context import Context
from ..kinds import PageKind
from ..plan import Plan
from ..urls import people_path


def view(context: Context, page: int = 1) -> dict[str, Any]:
    slugs = register.order(context)
    first = (page - 1) * register.PER_PAGE
    shown = [context.person(slug) for slug in slugs[first:first + register.PER_PAGE]]
    groups: list[dict[str, Any]] = []
    for person in shown:
        if not groups or groups[-1]["status"] != person.status:
            groups.append({"status": person.status, "label": context.t(f"status_group.{person.status}"),
                           "people": []})
        groups[-1]["people"].append(register.row(context, person))
    counts: dict[str, int] = {}
    for slug in slugs:
        status = context.person(slug).status
        counts[status] = counts.get(status, 0) + 1
    starts = register.group_starts(context)
    total_pages = register.pages(len(slugs))
    lang = context.t.lang
    return {
        "groups": groups, "total": len(slugs), "page_number": page,
        "statuses": [{"status": s, "label": context.t(f"status_group.{s}"), "count": n,
                      "href": people_path(lang, starts[s]) if starts[s] != page else ""}
                     for s, n in counts.items()],
        "pager": [{"n": n, "href": people_path(lang, n), "current": n == page}
                  for n in range(1, total_pages + 1)] if total_pages > 1 else [],
        "filters": finder.filters([context.person(s) for s in slugs], context),
        "rows_script": finder.ROWS_SCRIPT,
    }


def _keys(site_plan: Plan) -> list[tuple]:
    return [(n,) for n in range(1, register.pages(len(site_plan.people)) + 1)]


KIND = PageKind("people", "people.html", people_path, view, keys=_keys)
