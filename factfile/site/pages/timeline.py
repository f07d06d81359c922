"""The site-wide timeline: its latest entries, and every year's entries in pages of TIMELINE_CHUNK."""

from __future__ import annotations

from typing import Any

from .. import plan
from ..context import Context
from ..kinds import PageKind
from ..parts import timeline_line
from ..plan import Plan, TimelineEntry
from ..urls import timeline_path


def _groups(context: Context, entries: list[TimelineEntry]) -> list[dict]:
    groups: list[dict] = []
    for entry in entries:
        if not groups or groups[-1]["year"] != entry.date.year:
            groups.append({"year": entry.date.year, "entries": []})
        groups[-1]["entries"].append(timeline_line(context, entry))
    return groups


def _years(context: Context) -> list[dict]:
    return [{"year": y, "count": n, "href": timeline_path(context.t.lang, y)}
            for y, n in context.timeline_years().items()]


def latest(context: Context) -> dict[str, Any]:
    entries = context.timeline_latest()
    years = _years(context)
    return {"title": context.t("timeline"), "groups": _groups(context, entries), "year": None,
            "more": sum(y["count"] for y in years) > len(entries), "years": years, "chunks": []}


def year_page(context: Context, year: int, chunk: int = 1) -> dict[str, Any]:
    entries = context.timeline_chunk(year, chunk)
    chunks = -(-context.timeline_years()[year] // plan.TIMELINE_CHUNK)
    return {
        "title": context.t("timeline_year", year=year), "groups": _groups(context, entries), "year": year,
        "more": False, "years": _years(context),
        "chunks": [{"n": n, "href": timeline_path(context.t.lang, year, n), "current": n == chunk}
                   for n in range(1, chunks + 1)] if chunks > 1 else [],
    }


def _year_keys(site_plan: Plan) -> list[tuple]:
    return [(year, chunk) for year, chunks in site_plan.years.items() for chunk in range(1, len(chunks) + 1)]


LATEST = PageKind("timeline", "timeline.html", timeline_path, latest)
YEAR = PageKind("timeline-year", "timeline.html", timeline_path, year_page, keys=_year_keys)
