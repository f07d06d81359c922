"""Checks of a person's custody and cases: one form of each, periods and transfers in order, every
verdict inside a period, the status agreeing with the periods, withheld identities kept withheld."""

from __future__ import annotations

from collections.abc import Callable

from .dates import PartialDate, certainly_before
from .history import holding_period, periods
from .model import HELD_KINDS, HELD_STATUSES, IDENTIFYING_CASE_FIELDS, SHORT_CASE, SHORT_CUSTODY, Person

Error = Callable[[str, str, str], None]


def check_history(person: Person, error: Error) -> None:
    """Report every contradiction in a person's custody and cases, each at its field."""
    private = person.identity_withheld

    def order(later_path: str, later: PartialDate, what: str, earlier: PartialDate, hint: str = "check both dates"
              ) -> None:
        error(later_path, f"comes {what}" if private else f"{later} comes {what} ({earlier})", hint)

    _one_form(person, error)
    for i, period in enumerate(person.custody):
        path = f"custody[{i}]"
        if period.to is not None and certainly_before(period.to, period.from_):
            order(f"{path}.to", period.to, "before the period's from", period.from_)
        if i:
            before = person.custody[i - 1]
            if before.to is None:
                error(f"custody[{i - 1}]", "has no end (to), but a later period follows",
                      "add to: the date it ended; only the last period may be open")
            elif certainly_before(period.from_, before.from_):
                order(f"{path}.from", period.from_, f"before the start of custody[{i - 1}]", before.from_,
                      "periods are listed oldest first")
            elif certainly_before(period.from_, before.to):
                order(f"{path}.from", period.from_, f"before the end of custody[{i - 1}]: periods overlap",
                      before.to, "a period begins after the one before it ends")
        for j, transfer in enumerate(period.places):
            where = f"{path}.places[{j}].from"
            if transfer.from_ is None:
                continue
            if certainly_before(transfer.from_, period.from_):
                order(where, transfer.from_, "before the period's from", period.from_,
                      "a transfer falls inside its period")
            elif period.to is not None and certainly_before(period.to, transfer.from_):
                order(where, transfer.from_, "after the period's to", period.to, "a transfer falls inside its period")
            earlier = next((t.from_ for t in reversed(period.places[:j]) if t.from_ is not None), None)
            if earlier is not None and certainly_before(transfer.from_, earlier):
                order(where, transfer.from_, "before the transfer listed before it", earlier,
                      "list the places in the order the person was moved")
        if person.born is not None and certainly_before(period.from_, person.born):
            order(f"{path}.from", period.from_, "before born", person.born)
        if person.died is not None:
            if certainly_before(person.died, period.from_):
                order(f"{path}.from", period.from_, "after died", person.died)
            elif period.to is not None and certainly_before(person.died, period.to):
                order(f"{path}.to", period.to, "after died", person.died, "a period ends at the latest on death")
    _check_cases(person, error, order)
    if person.custody:
        _check_status(person, error)


def _one_form(person: Person, error: Error) -> None:
    """Report short-form fields in a file that writes the same thing in the long form."""
    if person.custody:
        for name in SHORT_CUSTODY:
            if getattr(person, name):
                error(name, "is the short form of custody, and this file also has custody",
                      "write it in custody instead (from, to, places): one form of each")
    if person.cases:
        for name in SHORT_CASE:
            if getattr(person, name):
                error(name, "is the short form of a case, and this file also has cases",
                      "write it in cases instead (charges, court, judge, verdict, sentence): one form of each")


def _check_cases(person: Person, error: Error, order: Callable[..., None]) -> None:
    found = periods(person)
    for k, case in enumerate(person.cases):
        path = f"cases[{k}]"
        if person.identity_withheld:
            for name in IDENTIFYING_CASE_FIELDS:
                if getattr(case, name):
                    error(f"{path}.{name}", "must not be set when identity_withheld is true",
                          "remove it: a court and a judge point to one case, and so to the person")
        if case.appeal is not None and case.appeal.date is not None and case.verdict is not None \
                and certainly_before(case.appeal.date, case.verdict):
            order(f"{path}.appeal.date", case.appeal.date, "before the verdict", case.verdict)
        if case.verdict is None:
            continue
        if person.born is not None and certainly_before(case.verdict, person.born):
            order(f"{path}.verdict", case.verdict, "before born", person.born)
        if not found:
            continue
        period = holding_period(found, case.verdict)
        if period is None:
            error(f"{path}.verdict", "falls in no period of custody" if person.identity_withheld
                  else f"{case.verdict} falls in no period of custody",
                  "check the date, or add the period the person was held in when sentenced")
            continue
        start = case.sentence.start if case.sentence else None
        if start is not None and period.end is not None and certainly_before(period.end, start):
            held = f"custody[{period.index}]" if period.index is not None else "released"
            order(f"{path}.sentence.start", start, f"after the period that holds the verdict ends ({held})",
                  period.end, "a term counts from a day of the custody it is served in")


def _check_status(person: Person, error: Error) -> None:
    """Report a status the long form's periods contradict: an open period means held."""
    last = person.custody[-1]
    status = person.status
    if last.to is None:
        if status not in HELD_STATUSES:
            error("status", f"is {status!r}, but the last period of custody has no end (to)",
                  "add to: the date custody ended, or set the status the person is in now")
        elif last.kind is not None and status not in HELD_KINDS[last.kind]:
            error("status", f"is {status!r}, but the open period is {last.kind}",
                  f"set status: {' or '.join(HELD_KINDS[last.kind])}, or correct the period's kind")
        if person.release_type:
            error("release_type", "is set, but the last period of custody has no end (to)",
                  "add to: the date of release, or remove release_type")
    elif status in HELD_STATUSES:
        error("status", f"is {status!r}, but every period of custody has ended",
              "add the period the person is held in now (from, without to), or set status: released")
