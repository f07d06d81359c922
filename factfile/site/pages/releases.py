"""Releases: the releases expected in the next 90 days if sentences are served in full (only where
the last day is sure), and everyone released, newest first."""

from __future__ import annotations

from typing import Any

from ...content import history
from ...content.model import HELD_STATUSES
from .. import peoplelists
from ..context import Context
from ..kinds import PageKind
from ..urls import releases_path


def view(context: Context) -> dict[str, Any]:
    today = context.today
    people = list(context.people())
    lines = peoplelists.by_name(context, people)
    rank = {found["slug"]: i for i, found in enumerate(lines)}
    by_slug = {found["slug"]: found for found in lines}
    expected = []
    released = []
    for person in people:
        if person.status in HELD_STATUSES and (day := peoplelists.expected(context, person)) is not None:
            expected.append({**by_slug[person.slug], "date": peoplelists.day_item(context, day),
                             "days": (day - today).days, "sort": rank[person.slug]})
        elif person.status == "released":
            date = history.released(person)
            released.append((date.sort_key if date else (), rank[person.slug],
                             {**by_slug[person.slug], "when": context.when(date)}))
    # Newest first; those whose date is not known at the end, by name.
    dated = sorted((r for r in released if r[0]), key=lambda r: (r[0], -r[1]), reverse=True)
    undated = sorted((r for r in released if not r[0]), key=lambda r: r[1])
    return {
        "expected": (expected := peoplelists.soon(expected, peoplelists.RELEASES_WITHIN)),
        "expected_shown": sum(not item["hidden"] for item in expected),
        "within": peoplelists.RELEASES_WITHIN,
        "as_of": peoplelists.as_of(context),
        "released": [r[2] for r in dated + undated],
    }


KIND = PageKind("releases", "releases.html", releases_path, view)
