"""What a profile shows of custody and cases: the periods with their places and lengths, each case,
the expected release and where to write, all computed before rendering (content/history.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..content import history
from ..content.custody import Custody, describe
from ..content.dates import PartialDate
from ..content.model import HELD_STATUSES, Case, Charge, Person
from .parts import Fact, Item, SourceList, fact, text_item

if TYPE_CHECKING:
    from .context import Context
    from .i18n import Catalogue


def charge_item(context: Context, charge: Charge) -> Item:
    """Return a charge as a fact shows it: 'Article 342', then what it says, or else the article's
    title as content/articles.yaml lists it."""
    t, loc = context.t, context.loc
    if not charge.article:
        return Item(loc(charge.text) or "")
    note = loc(charge.text) if charge.text else None
    article = context.article(charge.article)
    if note is None and article is not None:
        note = loc(article.title)
    # An article articles.yaml lists has a page of everyone charged under it.
    page = context.link("article", charge.article) if article is not None else None
    return Item(t("charge_article", article=charge.article), note, page=page)


def live_figure(held: Custody, t: Catalogue) -> dict[str, str] | None:
    """Return what custody.js needs to count a figure still growing again for the reader's day, in
    the same words (data-* attributes); None for a figure of the past."""
    if not held.ongoing:
        return None
    script = {"start-first": held.first_start.isoformat(), "start-last": held.last_start.isoformat(),
              "precision": held.precision, "range": t("custody.range"),
              "range-count": t("custody.range_count"), "at-least": t("custody.at_least"),
              "units": json.dumps(t.unit_forms(), ensure_ascii=False, separators=(",", ":")),
              "plural": t.plural_codes(),
              "lists": json.dumps(t.list_patterns(), ensure_ascii=False, separators=(",", ":"))}
    if held.approximate:
        script["approximate"] = t("custody.approximate")
    if any(any(pair) for pair in held.before):  # the periods before the one still running
        script["before"] = ";".join(f"{months},{days}" for months, days in held.before)
    return script


def _length(context: Context, held: Custody | None) -> dict | None:
    text = describe(held, context.t) if held is not None else None
    if held is None or text is None:
        return None
    return {"text": text, "iso": held.iso(), "script": live_figure(held, context.t)}


def custody_history(context: Context, person: Person, sources: SourceList) -> dict | None:
    """Return the periods of custody of a file in the long form, oldest first, with their places,
    transfers and lengths, and the total over every period; None for the short form."""
    if not person.custody:
        return None
    t, loc, when = context.t, context.loc, context.when
    found = history.periods(person)
    shown = []
    for period, written in zip(found, person.custody):
        places = []
        for i, transfer in enumerate(written.places):
            place = context.place(transfer.place)
            places.append({"name": loc(place.name), "city": loc(place.city) if place.city else None,
                           "href": context.link("place", transfer.place),
                           "from": when(transfer.from_), "refs": sources.cite(transfer.sources),
                           "current": period.held and i == len(written.places) - 1})
        shown.append({"kind": t(f"custody_kind.{period.kind}" if period.kind else "custody_kind.none"),
                      "start": when(period.start), "end": when(period.end), "held": period.held,
                      "length": _length(context, history.period_held(period, lambda: context.today)),
                      "places": places, "refs": sources.cite(written.sources)})
    total = _length(context, history.total_held(person, lambda: context.today)) if len(found) > 1 else None
    today = context.built
    as_of = t("custody.as_of", date=t.date(PartialDate(today.year, today.month, today.day))) \
        if total and total["script"] else None
    return {"periods": shown, "total": total, "as_of": as_of,
            "total_label": t.variant("custody.total_held" if found[-1].held else "custody.total_was", person.gender)}


def case_rows(context: Context, case: Case, sources: SourceList) -> list[Fact]:
    """Return the rows of one case: charges, court, judge, verdict, sentence and appeal."""
    t, loc, when = context.t, context.loc, context.when
    rows: list[Fact | None] = [fact(t("field.charges"), [charge_item(context, c)], sources.cite(c.sources))
                               for c in case.charges]
    rows += [fact(t("field.court"), [text_item(loc(case.court))]),
             fact(t("judge"), [text_item(loc(case.judge))]),
             fact(t("field.verdict"), [when(case.verdict)])]
    if sentence := case.sentence:
        rows.append(fact(t("field.sentence"), [
            Item(t.term(sentence.term)) if sentence.term else None,
            text_item(loc(sentence.regime)),
            Item(t("sentence.counted_from", date=t.date(sentence.start))) if sentence.start else None]))
    if appeal := case.appeal:
        rows.append(fact(t("field.appeal"), [when(appeal.date), Item(t(f"appeal_outcome.{appeal.outcome}"))
                                             if appeal.outcome else None]))
    return [row for row in rows if row]


def cases(context: Context, person: Person, sources: SourceList) -> list[dict] | None:
    """Return each case of a file in the long form, numbered when there are several; None for the
    short form, whose charges, trial and sentence are rows of the facts."""
    if not person.cases:
        return None
    many = len(person.cases) > 1
    return [{"title": context.t("case.n", n=n) if many else context.t("case.one"),
             "rows": case_rows(context, case, sources), "refs": sources.cite(case.sources)}
            for n, case in enumerate(person.cases, 1)]


def expected_release(context: Context, person: Person) -> Item | None:
    """Return the last day of the sentence a person serves now, labelled as expected if it is served
    in full; only when sure to the day, and not once the day has passed."""
    day = history.expected_release(person)
    if day is None or day < context.today:
        return None
    date = PartialDate(day.year, day.month, day.day)
    return Item(context.t.date(date), context.t("expected_release.note"), datetime=date.iso())


def letters(context: Context, person: Person, sources: SourceList) -> dict | None:
    """Return where to write to a person still held, when the postal address is known: the current
    place's address (long form) or place_of_detention's, citing the sources that give it."""
    if person.status not in HELD_STATUSES or person.identity_withheld:  # no name to put on an envelope
        return None
    if person.custody:
        slug = history.current_place(person)
        if slug is None:
            return None
        place = context.place(slug)
        if place.address is None:
            return None
        # The address is the place file's fact, not the profile's: cite the place's own sources.
        return {"name": context.loc(place.name), "address": context.loc(place.address),
                "refs": sources.cite(place.sources), "href": context.link("place", slug)}
    short = person.place_of_detention
    if short is None or short.address is None:
        return None
    return {"name": context.loc(short.name), "address": context.loc(short.address),
            "refs": sources.cite(short.sources), "href": None}


def own_dates(context: Context, person: Person) -> list[tuple[PartialDate, str, Any]]:
    """Return the dated lines the long form adds to a person's own timeline: each period's start and
    end, each transfer, each verdict and appeal (the short form's dates are listed by the page)."""
    lines: list[tuple[PartialDate, str, Any]] = []
    if person.custody:
        released = set(map(str, history.releases(person)))
        for period in person.custody:
            lines.append((period.from_, "detained", None))
            for transfer in period.places[1:]:
                if transfer.from_:
                    lines.append((transfer.from_, "transferred", context.loc(context.place(transfer.place).name)))
            if period.to is not None and str(period.to) in released:
                lines.append((period.to, "released", None))
    for case in person.cases:
        if case.verdict:
            lines.append((case.verdict, "sentenced", None))
        if case.appeal and case.appeal.date:
            lines.append((case.appeal.date, "appeal", None))
    return lines
