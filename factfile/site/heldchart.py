"""The number of people held over time: its chart as inline SVG, and the rows of its table.

Drawn at build time, like the home page's chart (chart.py): no script, no request, colours from the
stylesheet. The counts of every day (content/heldcount.py) are drawn in at most BUCKETS columns,
each showing the lowest `low` and the highest `high` of its days, so a register of ten thousand
people over six years still draws in a few kilobytes, and a band never narrows what a day allows.
The area up to `low` is the people held for sure; the band from `low` to `high` the people whose
dates leave it open.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..content.heldcount import HeldCounts

# As the home chart: narrow enough that its text stays readable when a phone shrinks it.
WIDTH, HEIGHT = 420, 240
TOP, BOTTOM, LEFT, RIGHT = 14, 30, 6, 56
FONT = 15
BUCKETS = 200  # columns drawn at most, whatever the number of days
MAX_YEAR_LABELS = 7
MONTHLY_LIMIT = 120  # above this many months, the table has one row a year


@dataclass(frozen=True, slots=True)
class Row:
    """A day of the table: its date and its lowest and highest count."""

    day: datetime.date
    low: int
    high: int


def table_rows(counts: HeldCounts) -> tuple[list[Row], bool]:
    """Return the rows of the table: the first day of each month (of each year over long spans)
    after the first counted day, and today; newest first. Also whether the rows are yearly."""
    months = (counts.last.year - counts.first.year) * 12 + counts.last.month - counts.first.month
    yearly = months > MONTHLY_LIMIT
    days = []
    year, month = counts.first.year, counts.first.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = datetime.date(year, month, 1)
        if day > counts.last:
            break
        if not yearly or month == 1:
            days.append(day)
    if not days or days[-1] != counts.last:
        days.append(counts.last)
    return [Row(day, *counts.on(day)) for day in reversed(days)], yearly


def _nice_ceiling(value: int) -> int:
    """Return the smallest of 1, 2, 5 × 10ⁿ at least `value`, for the top of the axis."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _columns(counts: HeldCounts) -> list[tuple[int, int, int]]:
    """Return (first day index, lowest low, highest high) of each drawn column."""
    size = counts.days
    buckets = min(size, BUCKETS)
    found = []
    for b in range(buckets):
        start, end = b * size // buckets, (b + 1) * size // buckets
        found.append((start, min(counts.low[start:end]), max(counts.high[start:end])))
    return found


def svg(counts: HeldCounts, title: str, number: Callable[[int], str] = str) -> Markup:
    """Return the chart: the area of people held for sure, and above it the band of those who may
    have been, over every day from the first to today."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = _nice_ceiling(max(max(counts.high), 1))
    columns = _columns(counts)
    step = plot_w / len(columns)
    base = TOP + plot_h

    def y(value: int) -> str:
        return f"{base - plot_h * value / top:.1f}"

    def outline(values: list[int]) -> list[str]:  # a step line: flat over each column
        points = []
        for i, value in enumerate(values):
            points += [f"{LEFT + i * step:.1f},{y(value)}", f"{LEFT + (i + 1) * step:.1f},{y(value)}"]
        return points

    lows = outline([low for _, low, _ in columns])
    highs = outline([high for _, _, high in columns])
    parts = [f'<svg class="chart held-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'font-size="{FONT}" role="img" aria-label="{escape(title)}" focusable="false">']
    for value in (0, top // 2, top) if top > 1 else (0, top):
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{y(value)}" x2="{WIDTH - RIGHT}" y2="{y(value)}"/>'
                     f'<text class="value" x="{WIDTH - RIGHT + 4}" y="{float(y(value)) + 5:.1f}">'
                     f'{escape(number(value))}</text>')
    if any(high != low for _, low, high in columns):
        parts.append(f'<polygon class="held-maybe" points="{" ".join(highs + lows[::-1])}"/>')
    parts.append(f'<polygon class="held-sure" points="{LEFT},{base} {" ".join(lows)} '
                 f'{LEFT + len(columns) * step:.1f},{base}"/>')
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>')
    years = list(range(counts.first.year + 1, counts.last.year + 1))
    every = max(1, -(-len(years) // MAX_YEAR_LABELS))
    for year in years[::-1][::every]:
        offset = (datetime.date(year, 1, 1) - counts.first).days / counts.days * plot_w
        parts.append(f'<line class="tick" x1="{LEFT + offset:.1f}" y1="{base}" x2="{LEFT + offset:.1f}" '
                     f'y2="{base + 5}"/><text class="year" x="{LEFT + offset:.1f}" y="{HEIGHT - 8}" '
                     f'text-anchor="middle">{year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
