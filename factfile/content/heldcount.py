"""How many people were held on each day: the lowest and the highest count their dates allow.

A person counts on a day when one of their periods of custody (content/history.py, either form)
holds that day: from the day custody began, up to the day before it ended (the day of release is a
day out of custody), or to today while they are held. A partial or approximate date may mean any of
several days (PartialDate.earliest and latest), so each day has two counts: `low`, the people held
for sure (every day the dates allow says so), and `high`, the people who may have been held (some day
the dates allow says so). An uncertain start is never counted as exact: between its earliest and its
latest day the person is in `high` only.

A period whose end is not known (released, but no date of release) says nothing sure about any day,
and a person without a date of detention cannot be placed: both are left out and counted, so the
page can say how many.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from . import history
from .model import HELD_STATUSES, Person

Interval = tuple[int, int]  # [first day, day after the last), as day ordinals


@dataclass(frozen=True, slots=True)
class HeldCounts:
    """The counts of every day from `first` to `last`: `low[i]` and `high[i]` are day `first + i`'s."""

    first: datetime.date
    last: datetime.date
    low: tuple[int, ...]
    high: tuple[int, ...]
    left_out: int  # people with a period the counts cannot place (no date of detention or of release)

    def on(self, day: datetime.date) -> tuple[int, int]:
        """Return the lowest and the highest count of one day (0 outside the counted days)."""
        i = (day - self.first).days
        if not 0 <= i < len(self.low):
            return 0, 0
        return self.low[i], self.high[i]

    @property
    def days(self) -> int:
        return len(self.low)


def _union(intervals: list[Interval]) -> list[Interval]:
    """Return intervals merged where they overlap or touch, so a person counts once a day."""
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def person_intervals(person: Person, today: datetime.date) -> tuple[list[Interval], list[Interval], bool]:
    """Return the days a person was surely held, the days they may have been held, and whether a
    period of theirs could not be placed."""
    sure: list[Interval] = []
    maybe: list[Interval] = []
    unplaced = False
    end_of_today = today.toordinal() + 1
    found = history.periods(person)
    for period in found:
        first_start, last_start = period.start.earliest().toordinal(), period.start.latest().toordinal()
        if period.held:
            first_end = last_end = end_of_today
        elif period.end is not None:
            first_end, last_end = period.end.earliest().toordinal(), period.end.latest().toordinal()
        else:
            unplaced = True
            continue
        first_end, last_end = min(first_end, end_of_today), min(last_end, end_of_today)
        sure.append((last_start, first_end))
        maybe.append((first_start, last_end))
    if person.status in HELD_STATUSES and not found:
        unplaced = True  # held, but since when is not known
    return _union(sure), _union(maybe), unplaced


def count_held(people: Iterable[Person], today: datetime.date) -> HeldCounts | None:
    """Return the low and high count of people held on each day from the earliest day anyone may
    have been detained to today; None when nobody can be placed."""
    sure_all: list[Interval] = []
    maybe_all: list[Interval] = []
    left_out = 0
    for person in people:
        sure, maybe, unplaced = person_intervals(person, today)
        sure_all += sure
        maybe_all += maybe
        left_out += unplaced
    if not maybe_all:
        return None
    first = min(start for start, _ in maybe_all)
    last = today.toordinal()
    if first > last:
        return None
    size = last - first + 1
    return HeldCounts(datetime.date.fromordinal(first), today, _counts(sure_all, first, size),
                      _counts(maybe_all, first, size), left_out)


def _counts(intervals: list[Interval], first: int, size: int) -> tuple[int, ...]:
    """Return how many intervals hold each day, by a running sum of their starts and ends."""
    steps = [0] * (size + 1)
    for start, end in intervals:
        start, end = max(start, first), min(end, first + size)
        if end > start:
            steps[start - first] += 1
            steps[end - first] -= 1
    counts = []
    running = 0
    for step in steps[:size]:
        running += step
        counts.append(running)
    return tuple(counts)
