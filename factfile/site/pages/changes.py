"""Recent changes: the newest detentions, releases and transfers the register records, and the
newest corrections to its files (their git history, as site/changelog.py allows it to be shown)."""

from __future__ import annotations

from typing import Any

from ...content import history
from ...content.dates import PartialDate
from ..context import Context
from ..kinds import PageKind
from ..urls import changes_feed_path, changes_path

LATEST = 50  # dated entries of the register the page and the feed list


def register_entries(context: Context, count: int = LATEST) -> list[dict[str, Any]]:
    """Return the newest dated entries of everyone's custody, newest first: each start of custody,
    release and transfer on or before the build day (a date the build cannot yet be sure of is left
    for a later build), and the day each person's file was first committed (new in the register)."""
    today = context.today
    found: list[tuple[PartialDate, str, str, Any]] = []
    for person in context.people():
        for period in history.periods(person):
            found.append((period.start, "detained", person.slug, None))
        for date in history.releases(person):
            found.append((date, "released", person.slug, None))
        for custody in person.custody:
            for transfer in custody.places[1:]:
                if transfer.from_ is not None:
                    found.append((transfer.from_, "transferred", person.slug, transfer.place))
    for slug, day in context.people_added():  # when git first saw the file: new in the register
        found.append((PartialDate(day.year, day.month, day.day), "added", slug, None))
    found = [entry for entry in found if entry[0].earliest() <= today]
    found.sort(key=lambda e: (e[0].sort_key, e[1], e[2]), reverse=True)
    entries = []
    for date, kind, slug, place in found[:count]:
        person = context.person(slug)
        entries.append({"when": context.when(date), "date": date, "kind": kind, "slug": slug,
                        "title": context.t("changes.added" if kind == "added" else f"timeline.{kind}"),
                        "name": context.name(person),
                        "href": context.link("person", slug),
                        "note": context.loc(context.place(place).name) if place else None})
    return entries


def record_title(context: Context, kind: str, slug: str) -> Any:
    """Return how a record is named in a list of changes."""
    if kind == "person":
        return context.name(context.person(slug))
    if kind == "event":
        return context.loc(context.event(slug).title)
    if kind == "place":
        return context.loc(context.place(slug).name)
    return context.loc(context.page(slug).title)


def corrections(context: Context) -> list[dict[str, Any]]:
    """Return the newest commits to the content: date, subject (or the words saying none is shown)
    and links to the records each changed."""
    found = []
    for commit in context.recent_changes():
        day = commit.date
        found.append({"when": context.when(PartialDate(day.year, day.month, day.day)), "date": day,
                      "subject": commit.subject, "records": [
                          {"title": record_title(context, kind, slug), "href": context.link(kind, slug)}
                          for kind, slug in commit.records],
                      "more": context.t.plural("changes.more", commit.more) if commit.more else None})
    return found


def view(context: Context) -> dict[str, Any]:
    """Return what the page of recent changes shows in one language."""
    return {"entries": register_entries(context), "corrections": corrections(context),
            "feed": changes_feed_path(context.t.lang)}


KIND = PageKind("changes", "changes.html", changes_path, view)
