"""Partial dates (EDTF level 1: YYYY, YYYY-MM, YYYY-MM-DD with ~ or ?) and ISO 8601 terms."""

from __future__ import annotations

import calendar
import datetime
import os
import re
from typing import NamedTuple

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?]?)", re.ASCII)
_TERM = re.compile(r"P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", re.ASCII)


class DateError(ValueError):
    """A date or term that cannot be read; carries a hint for the contributor."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class PartialDate(NamedTuple):
    """A date known to the year, month or day, possibly approximate (~) or uncertain (?).

    A named tuple rather than a dataclass: a large site holds hundreds of thousands of them, and
    tuples are made, compared and (un)pickled several times faster."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = ""

    @property
    def precision(self) -> str:
        """Return 'day', 'month' or 'year'."""
        return "day" if self.day else "month" if self.month else "year"

    @property
    def approximate(self) -> bool:
        return self.qualifier == "~"

    @property
    def uncertain(self) -> bool:
        return self.qualifier == "?"

    @property
    def counted_precision(self) -> str:
        """Return the precision lengths of time are counted at: a day marked ~ or ? is not sure to
        the day, so it counts as its month; a year or a month keeps its own precision."""
        return "month" if self.day and self.qualifier else self.precision

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Sort a partial date before the precise dates it contains."""
        return (self.year, self.month or 0, self.day or 0)

    def earliest(self) -> datetime.date:
        """Return the first day the date may mean: 2021 and 2021~ may mean any day of 2021, 2021-05
        any day of May 2021, and an approximate or uncertain day (2021-05-12~) any day of its month.
        docs/content.md explains this reading to contributors."""
        day = self.day if self.counted_precision == "day" else None
        return datetime.date(self.year, self.month or 1, day or 1)

    def latest(self) -> datetime.date:
        """Return the last day the date may mean (see earliest)."""
        month = self.month or 12
        day = self.day if self.counted_precision == "day" else None
        return datetime.date(self.year, month, day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """Return the date without its qualifier, as in a `datetime` attribute."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        return self.iso() + self.qualifier


def certainly_before(a: PartialDate, b: PartialDate) -> bool:
    """Return whether every day `a` may mean comes before every day `b` may mean."""
    return a.latest() < b.earliest()


def parse_date(raw: str) -> PartialDate:
    """Read an EDTF level-1 partial date, raising DateError with a hint when it is not one."""
    text = raw.strip()
    match = _DATE.fullmatch(text)
    if not match:
        hint = "write YYYY, YYYY-MM or YYYY-MM-DD, with ~ for approximate or ? for uncertain"
        dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
        if dotted:
            day, month, year = dotted.groups()
            hint = f"try {year}-{int(month):02d}-{int(day):02d}"
        return _fail(f"{raw!r} is not a date", hint)
    year, month, day, qualifier = match.groups()
    y, m, d = int(year), int(month) if month else None, int(day) if day else None
    if y < 1000:
        _fail(f"{raw!r}: year {y} is out of range")
    if m is not None and not 1 <= m <= 12:
        _fail(f"{raw!r}: month {m} does not exist", "months run from 01 to 12")
    if d is not None and m is not None:
        last = calendar.monthrange(y, m)[1]
        if not 1 <= d <= last:
            _fail(f"{raw!r}: day {d} does not exist", f"{calendar.month_name[m]} {y} has {last} days")
    return PartialDate(y, m, d, qualifier)


def _fail(message: str, hint: str = "") -> PartialDate:
    raise DateError(message, hint)


class Term(NamedTuple):
    """A length of time such as a prison sentence, read from an ISO 8601 duration."""

    years: int = 0
    months: int = 0
    days: int = 0

    def iso(self) -> str:
        """Return the term as an ISO 8601 duration."""
        parts = [(self.years, "Y"), (self.months, "M"), (self.days, "D")]
        return "P" + "".join(f"{n}{unit}" for n, unit in parts if n) if any(n for n, _ in parts) else "P0D"

    def __str__(self) -> str:
        return self.iso()


def parse_term(raw: str) -> Term:
    """Read an ISO 8601 duration of years, months, weeks and days (P6Y, P2Y6M, P18M)."""
    match = _TERM.fullmatch(raw.strip().upper())
    if not match:
        hint = "for example P6Y for six years, P2Y6M for two and a half years"
        in_words = re.fullmatch(r"(\d+)\s*(years?|y|лет|года?|гадоў|гады?)", raw.strip(), re.IGNORECASE)
        if in_words:
            hint = f"try P{in_words.group(1)}Y"
        raise DateError(f"{raw!r} is not an ISO 8601 duration", hint)
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    return Term(years + months // 12, months % 12, days + 7 * weeks)


def build_date() -> datetime.date:
    """Return the date the site describes: SOURCE_DATE_EPOCH's day (UTC) when set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()
