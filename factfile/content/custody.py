"""Time in custody: how long a person has been (or was) held, in words.

It is counted to the build date (dates.build_date): SOURCE_DATE_EPOCH's day when that is set
(https://reproducible-builds.org/specs/source-date-epoch/), so two builds of the same content give
the same bytes; otherwise today.
templates/static/custody.js recomputes the same figure in the reader's browser, so a page built
months ago still shows the current time in custody; the two must count the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import datetime
from dataclasses import dataclass

from babel import Locale
from babel.lists import format_list
from babel.units import format_unit

from .dates import PartialDate
from .model import HELD_STATUSES, Person


@dataclass(frozen=True, slots=True)
class Custody:
    """A length of time in custody, to the precision its dates allow."""

    years: int
    months: int
    days: int
    precision: str  # day, month or year: the coarsest of the two dates
    since: str  # ISO date custody began, for the script that keeps the figure current
    ongoing: bool  # still held: the script may update it
    approximate: bool  # a date it rests on is approximate or uncertain
    total_days: int = 0

    def iso(self) -> str:
        """Return the length for a <time datetime> attribute: HTML durations count days, since
        years and months vary in length (https://html.spec.whatwg.org/#valid-duration-string)."""
        return f"P{self.total_days}D"


def months_between(start: datetime.date, end: datetime.date) -> tuple[int, int]:
    """Return whole months from start to end, and the days left over (custody.js counts the same)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    # A month is complete on the same day of the month, or on the month's last day when it is
    # shorter: one month after 31 January is the end of February.
    if end.day < min(start.day, _month_length(end.year, end.month)):
        months -= 1
    anchor_year, anchor_month = divmod(start.month - 1 + months, 12)
    anchor_month += 1
    anchor_year += start.year
    day = min(start.day, _month_length(anchor_year, anchor_month))
    days = (end - datetime.date(anchor_year, anchor_month, day)).days
    return months, days


def _month_length(year: int, month: int) -> int:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def custody(person: Person, today: datetime.date | Callable[[], datetime.date]) -> Custody | None:
    """Return how long a person has been held (to today) or was held (to release); None if unknown.

    `today` may be a function, called only when the person is still held: a page showing a past
    custody then does not depend on the build date."""
    if person.detained is None:
        return None
    ongoing = person.status in HELD_STATUSES and person.released is None
    end_date: PartialDate | None = None if ongoing else (person.released or person.died)
    if end_date is None and not ongoing:
        return None
    start = person.detained.earliest()
    if end_date is None:
        end = today() if callable(today) else today
    else:
        end = end_date.earliest()
    if end < start:
        return None
    precision = _coarsest(person.detained, end_date)
    months, days = months_between(start, end)
    if precision != "day":
        days = 0
    if precision == "year":
        months = months - months % 12
    approximate = any(d is not None and d.qualifier for d in (person.detained, end_date))
    return Custody(months // 12, months % 12, days, precision, person.detained.iso(), ongoing, approximate,
                   (end - start).days)


def _coarsest(a: PartialDate, b: PartialDate | None) -> str:
    order = ["day", "month", "year"]
    found = [a.precision] + ([b.precision] if b else [])
    return max(found, key=order.index)


@lru_cache(maxsize=4096)  # the same lengths recur across thousands of profiles
def format_duration(years: int, months: int, days: int, locale: Locale) -> str:
    """Return a length of time as a reader writes it: '3 years 2 months', '3 гады 2 месяцы'."""
    parts = [_unit(n, unit, locale) for n, unit in ((years, "year"), (months, "month"), (days, "day")) if n]
    if not parts:
        return _unit(0, "day", locale)
    try:
        joined = format_list(parts, style="unit-narrow", locale=locale)
    except (KeyError, ValueError):  # some locales lack list patterns in Babel's data
        return " ".join(parts)
    # Babel 2.17's Arabic two-item pattern repeats its second item: keep only lists that hold
    # each part once.
    return joined if all(joined.count(part) == 1 for part in parts) else " ".join(parts)


def _unit(count: int, unit: str, locale: Locale) -> str:
    for name in (f"duration-{unit}", unit):
        text = format_unit(count, name, length="long", locale=locale)
        # Babel returns the unit's id when a locale has no name for it (e.g. months in Arabic).
        if name not in text:
            return text
    return f"{count} {unit}s"
