"""Figures for the home page: detentions and releases per year, and their chart as inline SVG.

The chart is drawn at build time so it costs no script and no request; its colours come from the
stylesheet (classes, not fills) so it follows the light and dark themes and prints in black.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..content import history
from ..content.model import Person

# Drawn narrow so its text stays readable when a phone shrinks it: at 390 px the chart is about
# 358 px wide, and FONT units are then 12.8 CSS px (tests/test_reader_phone.py measures it).
WIDTH, HEIGHT = 420, 220
TOP, BOTTOM, LEFT, RIGHT = 26, 30, 6, 6
FONT = 15
MAX_LABELLED_YEARS = 8  # above this, only some years are named under the axis
MAX_VALUED_YEARS = 5  # above this, bars carry no figure (the table beside the chart has them)


@dataclass(frozen=True, slots=True)
class YearRow:
    """Detentions and releases counted in one year."""

    year: int
    detained: int
    released: int


def per_year(people: Iterable[Person]) -> list[YearRow]:
    """Return detentions and releases per year, oldest first, with empty years between filled in."""
    detained: Counter[int] = Counter()
    released: Counter[int] = Counter()
    for person in people:  # each period of custody (one in the short form) and each release
        for period in history.periods(person):
            detained[period.start.year] += 1
        for date in history.releases(person):
            released[date.year] += 1
    years = detained.keys() | released.keys()
    if not years:
        return []
    return [YearRow(y, detained[y], released[y]) for y in range(min(years), max(years) + 1)]


def undated(people: Iterable[Person]) -> int:
    """Return how many people the chart leaves out: those whose date of detention is not known."""
    return sum(1 for person in people if history.detained(person) is None)


def svg(rows: list[YearRow], title: str, number: Callable[[int], str] = str) -> Markup:
    """Return a bar chart of the rows: two bars per year, detentions then releases."""
    if not rows:
        return Markup("")
    peak = max(max(r.detained, r.released) for r in rows) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(rows)
    bar = max(slot * 0.36, 1.0)
    step = 1 if len(rows) <= MAX_LABELLED_YEARS else -(-len(rows) // MAX_LABELLED_YEARS)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
             f'font-size="{FONT}" role="img" aria-label="{escape(title)}" focusable="false">',
             f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>']
    for i, row in enumerate(rows):
        x = LEFT + i * slot + (slot - 2 * bar) / 2
        for j, (value, cls) in enumerate(((row.detained, "bar-detained"), (row.released, "bar-released"))):
            h = plot_h * value / peak
            bx = x + j * bar
            if value:
                parts.append(f'<rect class="{cls}" x="{bx:.1f}" y="{TOP + plot_h - h:.1f}" '
                             f'width="{bar:.1f}" height="{h:.1f}"/>')
                if len(rows) <= MAX_VALUED_YEARS:
                    parts.append(f'<text class="value" x="{bx + bar / 2:.1f}" y="{TOP + plot_h - h - 6:.1f}" '
                                 f'text-anchor="middle">{escape(number(value))}</text>')
        if i % step == 0:
            parts.append(f'<text class="year" x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - 10}" '
                         f'text-anchor="middle">{row.year}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
