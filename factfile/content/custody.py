"""Time in custody: how long a person has been (or was) held, in words.

It is counted to the build date (dates.build_date): SOURCE_DATE_EPOCH's day when that is set
(https://reproducible-builds.org/specs/source-date-epoch/), so two builds of the same content give
the same bytes; otherwise today.
templates/static/custody.js recomputes the same figure in the reader's browser, so a page built
months ago still shows the current time in custody; the two must count the same way.

A partial or approximate date may mean any of several days (PartialDate.earliest and latest), so a
length counted from it is a range: the figure never claims more than its dates allow.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from .dates import PartialDate
from .model import HELD_STATUSES, Person

PRECISIONS = ("day", "month", "year")  # finest first


@dataclass(frozen=True, slots=True)
class Length:
    """A length of time in whole years, months and days, as a reader counts it."""

    years: int = 0
    months: int = 0
    days: int = 0

    def __bool__(self) -> bool:
        return bool(self.years or self.months or self.days)

    def units(self) -> list[str]:
        """Return the units that are not zero: ['year'], ['year', 'month'], ..."""
        return [name for name, n in (("year", self.years), ("month", self.months), ("day", self.days)) if n]


@dataclass(frozen=True, slots=True)
class Custody:
    """How long a person has been or was held: the shortest and the longest length their dates
    allow, each counted in the precision of the coarser date."""

    shortest: Length
    longest: Length
    precision: str  # day, month or year: what the coarser of the two dates is known to
    first_start: datetime.date  # the earliest and latest day custody may have begun,
    last_start: datetime.date  # for the script that keeps the figure current
    ongoing: bool  # still held: the script may update it
    approximate: bool  # a date it rests on is approximate or uncertain
    at_least: Length | None = None  # when the shortest rounds to nothing: the shortest, counted finer
    exact_days: int | None = None  # both dates known to the day: the length in days
    # A total over several periods: the whole months and days of the periods before the last, for
    # the shortest and the longest, which the script adds to the last period it counts again.
    before: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))

    def iso(self) -> str | None:
        """Return an exact length for a <time datetime> attribute, None for a range: HTML durations
        count days, since years and months vary in length
        (https://html.spec.whatwg.org/#valid-duration-string)."""
        return None if self.exact_days is None else f"P{self.exact_days}D"


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


def length(start: datetime.date, end: datetime.date, precision: str) -> Length:
    """Return the whole years, months and days from start to end, cut to a precision (never rounded
    up: '3 years' means three full years); nothing when end comes first."""
    if end < start:
        return Length()
    return _cut(*months_between(start, end), precision)


def _cut(months: int, days: int, precision: str) -> Length:
    if precision == "year":
        return Length(months // 12)
    return Length(months // 12, months % 12, days if precision == "day" else 0)


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of custody as its dates allow it: the earliest and latest day it may have begun
    and ended, what the coarser of its two dates is known to, and whether one is approximate."""

    first_start: datetime.date
    last_start: datetime.date
    first_end: datetime.date
    last_end: datetime.date
    precision: str
    approximate: bool


def span(start: PartialDate, end: PartialDate | None, today: datetime.date | Callable[[], datetime.date]
         ) -> Span | None:
    """Return the span from a start to an end date, or to `today` when it has no end (still held);
    None when it ends before it may have begun. `today` may be a function, called only when needed."""
    if end is None:
        day = today() if callable(today) else today
        first_end = last_end = day
    else:
        first_end, last_end = end.earliest(), end.latest()
    if last_end < start.earliest():
        return None
    return Span(start.earliest(), start.latest(), first_end, last_end, _coarsest(start, end),
                any(d is not None and d.qualifier for d in (start, end)))


def custody(person: Person, today: datetime.date | Callable[[], datetime.date]) -> Custody | None:
    """Return how long a person has been held (to today) or was held (to release), from the short
    form of custody (detained, released); None if unknown.

    `today` may be a function, called only when the person is still held: a page showing a past
    custody then does not depend on the build date."""
    if person.detained is None:
        return None
    ongoing = person.status in HELD_STATUSES and person.released is None
    end_date: PartialDate | None = None if ongoing else (person.released or person.died)
    if end_date is None and not ongoing:
        return None
    found = span(person.detained, end_date, today)
    return measure([found], ongoing) if found else None


def measure(spans: list[Span], ongoing: bool = False) -> Custody | None:
    """Return the time held over one or more spans, summed: the shortest and the longest total their
    dates allow, counted in the precision of the coarsest date; None when there is no span.

    Each span is counted in whole months and days, as one span is; the days left over from several
    spans make a whole month only per 31 of them, so a total never claims more than its dates allow.
    `ongoing` says the last span runs to today (the script may count it again)."""
    if not spans:
        return None
    precision = max((s.precision for s in spans), key=PRECISIONS.index)
    shortest = _total(spans, lambda s: (s.last_start, s.first_end), precision)
    at_least = None
    if not shortest:  # e.g. detained in 2024, counted in March 2025: not a year, but two months
        for finer in PRECISIONS[:PRECISIONS.index(precision)][::-1]:
            at_least = _total(spans, lambda s: (s.last_start, s.first_end), finer) or None
            if at_least:
                break
    exact = all(s.first_start == s.last_start and s.first_end == s.last_end for s in spans)
    exact_days = sum((s.first_end - s.first_start).days for s in spans) if exact else None
    last = spans[-1]  # the script counts the last span again, adding those before it
    before = (_sum(spans[:-1], lambda s: (s.last_start, s.first_end)),
              _sum(spans[:-1], lambda s: (s.first_start, s.last_end)))
    return Custody(shortest, _total(spans, lambda s: (s.first_start, s.last_end), precision), precision,
                   last.first_start, last.last_start, ongoing, any(s.approximate for s in spans), at_least,
                   exact_days, before)


def _sum(spans: list[Span], ends: Callable[[Span], tuple[datetime.date, datetime.date]]) -> tuple[int, int]:
    """Return the whole months and the days left over of each span, summed (a span ending before
    it may have begun counts nothing)."""
    months = days = 0
    for part in spans:
        start, end = ends(part)
        if end >= start:
            m, d = months_between(start, end)
            months, days = months + m, days + d
    return months, days


def _total(spans: list[Span], ends: Callable[[Span], tuple[datetime.date, datetime.date]], precision: str
           ) -> Length:
    months, days = _sum(spans, ends)
    return _cut(months + days // 31, days % 31, precision)


def _coarsest(a: PartialDate, b: PartialDate | None) -> str:
    found = [a.counted_precision] + ([b.counted_precision] if b else [])
    return max(found, key=PRECISIONS.index)


class Words(Protocol):
    """The interface text a figure needs: a language's catalogue (i18n.Catalogue)."""

    locale: Locale

    def __call__(self, key: str, **values: object) -> str: ...

    def unit(self, count: int, unit: str) -> str: ...

    def duration(self, years: int, months: int, days: int) -> str: ...


def describe(held: Custody, t: Words) -> str | None:
    """Return a length of time in custody in words, or None when its dates allow nothing useful.

    The shortest and longest lengths the dates allow are shown as a range ("3 to 4 years"), or once
    when they read the same; when even the shortest rounds to nothing, "at least" the part that is
    sure, counted finer ("at least 2 months"); otherwise nothing. custody.js says the same.
    """
    low, high = held.shortest, held.longest
    if low == high and (low or held.precision == "day"):
        text = t.duration(low.years, low.months, low.days)
        return t("custody.approximate", duration=text) if held.approximate else text
    if not low or _in_unit(high, held.precision) > 2 * _in_unit(low, held.precision):
        sure = low if low else held.at_least
        return t("custody.at_least", duration=t.duration(sure.years, sure.months, sure.days)) if sure else None
    units = low.units()
    if units == high.units() and len(units) == 1:  # "3 to 4 years": one unit, its plural form the last number's
        unit = units[0]
        lo, hi = getattr(low, unit + "s"), getattr(high, unit + "s")
        text = t.unit(hi, unit)
        number = format_decimal(hi, locale=t.locale)
        both = t("custody.range_count", low=format_decimal(lo, locale=t.locale), high=number)
        return text.replace(number, both, 1)
    return t("custody.range", low=t.duration(low.years, low.months, low.days),
             high=t.duration(high.years, high.months, high.days))


def _in_unit(value: Length, precision: str) -> int:
    months = value.years * 12 + value.months
    return value.years if precision == "year" else months if precision == "month" else months * 31 + value.days


def format_duration(years: int, months: int, days: int, locale: Locale,
                    unit: Callable[[int, str], str] | None = None) -> str:
    """Return a length of time as a reader writes it: '3 years 2 months', '3 гады 2 месяцы'; each
    part by `unit(count, name)` (a catalogue's own words), else by CLDR's unit names."""
    word = unit or (lambda n, name: unit_name(n, name, locale))
    parts = [word(n, name) for n, name in ((years, "year"), (months, "month"), (days, "day")) if n]
    if not parts:
        return word(0, "day")
    return join_units(tuple(parts), locale)


@lru_cache(maxsize=4096)  # the same lengths recur across thousands of profiles
def join_units(parts: tuple[str, ...], locale: Locale) -> str:
    """Return the parts of a length joined as the language joins units ('1 год 2 месяцы')."""
    try:
        joined = format_list(parts, style="unit-narrow", locale=locale)
    except (KeyError, ValueError):  # some locales lack list patterns in Babel's data
        return " ".join(parts)
    # Babel 2.17's Arabic two-item pattern repeats its second item: keep only lists that hold
    # each part once.
    return joined if all(joined.count(part) == 1 for part in parts) else " ".join(parts)


@lru_cache(maxsize=4096)
def unit_name(count: int, unit: str, locale: Locale) -> str:
    """Return a count of a unit in CLDR's words for a language ('2 гады', '5 лет')."""
    for name in (f"duration-{unit}", unit):
        text = format_unit(count, name, length="long", locale=locale)
        # Babel returns the unit's id when a locale has no name for it (e.g. months in Arabic).
        if name not in text:
            return text
    return f"{count} {unit}s"
