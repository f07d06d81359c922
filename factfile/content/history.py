"""A person's custody and cases in one shape, whichever form the file writes them in, and what
follows from them: when custody began and ended, where the person is held, the articles they were
charged under, when the sentence ends.

A file writes custody either in the short form (detained, released, place_of_detention: one period)
or the long form (custody: periods with their places), and cases either as charges, trial and
sentence (one case) or as cases. Everything here reads either; pages, summaries and exports ask it
instead of reading those fields themselves. Every function reads the person only through its fields,
so a page that calls one records what it read (deps.py).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from .custody import Custody, Span, measure, span
from .dates import PartialDate, Term, certainly_before
from .model import HELD_STATUSES, Case, CaseSentence, Charge, Person


@dataclass(frozen=True, slots=True)
class Period:
    """A period of custody: from when, to when (None while held, or when not known), of which kind,
    and the slugs of the places it was spent in, in order."""

    start: PartialDate
    end: PartialDate | None
    held: bool  # the person is held in it now: it runs to today
    kind: str | None
    places: tuple[str, ...]
    index: int | None  # its place in `custody`; None for the short form


def long_custody(person: Person) -> bool:
    """Return whether the file writes custody in the long form."""
    return bool(person.custody)


def long_cases(person: Person) -> bool:
    """Return whether the file writes cases in the long form."""
    return bool(person.cases)


def periods(person: Person) -> list[Period]:
    """Return a person's periods of custody, oldest first (the short form gives one, or none)."""
    held_status = person.status in HELD_STATUSES
    if person.custody:
        last = len(person.custody) - 1
        return [Period(p.from_, p.to, held_status and p.to is None and i == last, p.kind,
                       tuple(t.place for t in p.places), i) for i, p in enumerate(person.custody)]
    if person.detained is None:
        return []
    held = held_status and person.released is None
    end = None if held else (person.released or person.died)
    return [Period(person.detained, end, held, None, (), None)]


def cases(person: Person) -> list[Case]:
    """Return a person's cases; the short form (charges, trial, sentence) as one case."""
    if person.cases:
        return list(person.cases)
    if not (person.charges or person.trial or person.sentence):
        return []
    trial, sentence = person.trial, person.sentence
    return [Case(list(person.charges), trial.court if trial else None, trial.judge if trial else None,
                 sentence.date if sentence else None,
                 CaseSentence(sentence.term, sentence.regime) if sentence else None)]


def charges(person: Person) -> list[Charge]:
    """Return every charge of every case."""
    return [charge for case in cases(person) for charge in case.charges]


def articles(person: Person) -> list[str]:
    """Return the articles a person was charged under, each once, in the order written."""
    return list(dict.fromkeys(c.article for c in charges(person) if c.article))


def places(person: Person) -> list[str]:
    """Return the slugs of every place a person was held in, each once, in the order written."""
    return list(dict.fromkeys(slug for period in periods(person) for slug in period.places))


def current_place(person: Person) -> str | None:
    """Return the slug of the place a person is held in now: the last transfer of an open period."""
    found = periods(person)
    if found and found[-1].held and found[-1].places:
        return found[-1].places[-1]
    return None


def detained(person: Person) -> PartialDate | None:
    """Return when the latest custody began: `detained`, or the start of the last period."""
    found = periods(person)
    return found[-1].start if found else None


def releases(person: Person) -> list[PartialDate]:
    """Return every release: the end of each period, except one that ended with the person's death."""
    if not person.custody:
        return [person.released] if person.released else []
    ends = [p.to for p in person.custody if p.to is not None]
    if ends and person.died is not None and person.custody[-1].to == person.died:
        ends.pop()  # died in custody: not a release
    return ends


def released(person: Person) -> PartialDate | None:
    """Return the date of the release that ended the latest custody, if it ended with one."""
    if not person.custody:
        return person.released
    found = releases(person)
    return found[-1] if found and person.custody[-1].to == found[-1] else None


def holding_period(found: list[Period], date: PartialDate) -> Period | None:
    """Return the period a date may fall in (the latest such), or None when it falls in none."""
    for period in reversed(found):
        if certainly_before(date, period.start):
            continue
        if period.end is not None and certainly_before(period.end, date):
            continue
        if period.end is None and not period.held and period.index is None:
            continue  # the short form's period whose end is not known holds nothing for sure
        return period
    return None


def spans(person: Person, today: datetime.date | Callable[[], datetime.date]) -> list[Span] | None:
    """Return the span of each period, or None when a period's end is not known (nor held)."""
    found = []
    for period in periods(person):
        if period.end is None and not period.held:
            return None
        part = span(period.start, period.end, today)
        if part is None:
            return None
        found.append(part)
    return found


def time_held(person: Person, today: datetime.date | Callable[[], datetime.date]) -> Custody | None:
    """Return what a profile says of time in custody: while held, the current period, to today;
    afterwards, every period summed. None when the dates allow nothing."""
    found = periods(person)
    if not found:
        return None
    if found[-1].held:
        part = span(found[-1].start, None, today)
        return measure([part], ongoing=True) if part else None
    parts = spans(person, today)
    return measure(parts) if parts else None


def total_held(person: Person, today: datetime.date | Callable[[], datetime.date]) -> Custody | None:
    """Return the time in custody summed over every period, to today while held."""
    parts = spans(person, today)
    found = periods(person)
    return measure(parts, ongoing=bool(found) and found[-1].held) if parts else None


def period_held(period: Period, today: datetime.date | Callable[[], datetime.date]) -> Custody | None:
    """Return the length of one period, to today while held; None when its end is not known."""
    if period.end is None and not period.held:
        return None
    part = span(period.start, period.end, today)
    return measure([part], ongoing=period.held) if part else None


def add_term(start: datetime.date, term: Term) -> datetime.date:
    """Return the last day of a term counted from `start`: six years from 12 May 2021 end on
    11 May 2027 (a month ending on a day the month lacks ends on its last day)."""
    months = start.month - 1 + term.months + 12 * term.years
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day) + datetime.timedelta(days=term.days - 1)


def sentence_start(person: Person, case: Case, found: list[Period] | None = None) -> PartialDate | None:
    """Return the day a case's term counts from: its sentence's `start`, or the start of the period
    that holds its verdict (of the only period, when the case has no verdict date)."""
    if case.sentence is not None and case.sentence.start is not None:
        return case.sentence.start
    found = periods(person) if found is None else found
    if case.verdict is not None:
        period = holding_period(found, case.verdict)
        return period.start if period else None
    return found[0].start if len(found) == 1 else None


def expected_release(person: Person) -> datetime.date | None:
    """Return the last day of the sentence a person is serving now, when it is sure to the day: the
    latest case sentenced in the current period, with a term and a start known to the day, not
    overturned or sent back on appeal. None for anything less certain."""
    found = periods(person)
    if not found or not found[-1].held:
        return None
    current = found[-1]
    serving = [case for case in cases(person) if case.sentence is not None and case.sentence.term is not None
               and (case.verdict is None and len(found) == 1
                    or case.verdict is not None and holding_period(found, case.verdict) == current)]
    if not serving:
        return None
    case = serving[-1]
    if case.appeal is not None and case.appeal.outcome in ("overturned", "retrial"):
        return None
    start = sentence_start(person, case, found)
    if start is None or start.precision != "day" or start.qualifier:
        return None
    assert case.sentence is not None and case.sentence.term is not None
    return add_term(start.earliest(), case.sentence.term)
