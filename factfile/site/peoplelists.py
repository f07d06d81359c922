"""What the pages readers act on show of people: lines of names with links, birthdays, expected
releases and releases, each computed for the build date and marked up so static/soon.js can count
them again for the reader's day (the pages of places, articles, letters and releases)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..content import history
from ..content.dates import PartialDate
from ..content.model import HELD_STATUSES, Person
from .collation import sorted_by_name

if TYPE_CHECKING:
    from .context import Context

BIRTHDAYS_WITHIN = 30  # days: the letters page's first list
RELEASES_WITHIN = 90  # days: the releases page's first list


def line(context: Context, person: Person) -> dict[str, Any]:
    """Return what a list shows of a person: the name (a withheld identity's label), its link, status."""
    return {"slug": person.slug, "name": context.name(person), "href": context.link("person", person.slug),
            "status": person.status, "status_label": context.t.variant(f"status.{person.status}", person.gender)}


def by_name(context: Context, people: Iterable[Person]) -> list[dict[str, Any]]:
    """Return the lines of people sorted by name in the page's alphabet."""
    lines = [line(context, person) for person in people]
    return sorted_by_name(lines, lambda found: found["name"], context.t.lang)


def held_first(context: Context, people: Iterable[Person]) -> list[dict[str, Any]]:
    """Return the lines of people, those held now first, each part sorted by name."""
    people = list(people)
    return (by_name(context, [p for p in people if p.status in HELD_STATUSES])
            + by_name(context, [p for p in people if p.status not in HELD_STATUSES]))


def birthday(person: Person) -> tuple[int, int | None] | None:
    """Return the month and day (None when only the month is sure) a person was born on; None when
    not even the month is sure, and always for a withheld identity."""
    born = person.born
    if person.identity_withheld or born is None or born.qualifier or born.precision == "year":
        return None
    assert born.month is not None
    return born.month, born.day if born.precision == "day" else None


def next_birthday(month: int, day: int, today: datetime.date) -> datetime.date:
    """Return the next day from today (today included) that is a birthday; 29 February is kept on
    28 February in other years."""
    for year in (today.year, today.year + 1):
        found = datetime.date(year, month, min(day, 29 if _leap(year) else 28) if month == 2 else day)
        if found >= today:
            return found
    raise AssertionError("a birthday comes within a year")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def expected(context: Context, person: Person) -> datetime.date | None:
    """Return the last day of a person's sentence when it is sure to the day and not yet past."""
    day = history.expected_release(person)
    return day if day is not None and day >= context.today else None


def soon(items: list[dict[str, Any]], within: int) -> list[dict[str, Any]]:
    """Return items (each with `days` to its date from the build date) sorted by it, each marked
    `hidden` past `within` days: the script shows them when the reader's day brings them near."""
    items = sorted(items, key=lambda item: (item["days"], item["sort"]))
    for item in items:
        item["hidden"] = item["days"] > within
    return items


def day_item(context: Context, day: datetime.date) -> dict[str, str]:
    """Return a date to show, with its ISO form for <time> and the script."""
    return {"text": context.t.date(PartialDate(day.year, day.month, day.day)), "iso": day.isoformat()}


def as_of(context: Context) -> str:
    """Return 'as of 30 November 2026': the day lists counting from today were counted from."""
    today = context.today
    return context.t("home.as_of", date=context.t.date(PartialDate(today.year, today.month, today.day)))
