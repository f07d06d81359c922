"""Over time: how many people were held on each day since the earliest detention, as a chart and a
table, each count a range where the dates leave it open (content/heldcount.py)."""

from __future__ import annotations

from typing import Any

from ...content.dates import PartialDate
from ...content.model import HELD_STATUSES
from .. import heldchart
from ..context import Context
from ..kinds import PageKind
from ..urls import figures_path


def count_text(context: Context, low: int, high: int) -> str:
    """Return a count as the page writes it: one number, or the range its dates allow."""
    t = context.t
    return t.number(low) if low == high else t("overtime.range", low=t.number(low), high=t.number(high))


def view(context: Context) -> dict[str, Any]:
    """Return what the page over time shows in one language."""
    t = context.t
    counts = context.held_counts()
    # The lead is the home page's figure, by status: it counts people held now whose dates are not
    # known too, which the chart and the table cannot place (the page says how many).
    held = sum(1 for person in context.people() if person.status in HELD_STATUSES)
    if counts is None:
        return {"counts": None, "now": None, "chart": "", "rows": [], "yearly": False, "uncertain": False,
                "left_out": None, "since": None}
    rows, yearly = heldchart.table_rows(counts)
    day = counts.last
    return {
        "counts": counts,
        "now": {"text": t.number(held),
                "as_of": t("home.as_of", date=t.date(PartialDate(day.year, day.month, day.day)))},
        "chart": heldchart.svg(counts, t("overtime.chart_label"), t.number),
        "rows": [{"when": context.when(PartialDate(r.day.year, r.day.month, r.day.day)),
                  "text": count_text(context, r.low, r.high), "range": r.low != r.high} for r in rows],
        "yearly": yearly,
        "uncertain": any(lo != hi for lo, hi in zip(counts.low, counts.high)),
        "left_out": t.plural("overtime.left_out", counts.left_out) if counts.left_out else None,
        "since": context.when(PartialDate(counts.first.year, counts.first.month, counts.first.day)),
    }


KIND = PageKind("figures", "figures.html", figures_path, view)
