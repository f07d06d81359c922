"""The home page of a language: what the site is, how many are held, figures by year, latest events."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ...content.dates import PartialDate
from ...content.licences import licence_url
from ...content.model import HELD_STATUSES, STATUSES
from .. import chart, register
from ..context import Context
from ..kinds import PageKind
from ..parts import event_line
from ..urls import home_path, people_path


def view(context: Context) -> dict[str, Any]:
    people = list(context.people())
    by_status = Counter(p.status for p in people)
    starts = register.group_starts(context)
    today = context.today
    return {
        "total": len(by_status) and sum(by_status.values()),
        "held": sum(by_status[s] for s in HELD_STATUSES),
        "released": by_status["released"],
        "per_year": (rows := chart.per_year(people)),
        "chart": chart.svg(rows, context.t("home.chart_title"), context.t.number),
        "left_out": context.t.plural("home.left_out", left) if (left := chart.undated(people)) else None,
        "by_status": [{"status": s, "label": context.t(f"status_group.{s}"), "count": by_status[s],
                       "href": people_path(context.t.lang, starts.get(s, 1))}
                      for s in STATUSES if by_status[s]],
        "as_of": context.t("home.as_of", date=context.t.date(PartialDate(today.year, today.month, today.day))),
        "latest": [event_line(context, e) for e in context.latest_events()],
    }


def structured(context: Context, values: dict[str, Any], url: str | None, image: str | None) -> dict:
    site = context.site
    data: dict[str, Any] = {"@context": "https://schema.org", "inLanguage": context.t.lang}
    if url:
        data["url"] = url
    data.update({"@type": "WebSite", "name": str(context.loc(site.title))})
    if description := str(context.loc(site.description) or ""):
        data["description"] = description
    if site.publisher:
        publisher = {"@type": "Organization", "name": str(context.loc(site.publisher.name))}
        publisher.update({key: value for key, value in (("url", site.publisher.url),
                                                          ("email", site.publisher.email)) if value})
        data["publisher"] = publisher
    if site.license:
        data["license"] = licence_url(site.license.text)
    return data


KIND = PageKind("home", "home.html", home_path, view, structured=structured)
