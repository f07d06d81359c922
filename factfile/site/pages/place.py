"""A place of detention: its name, kind and city, its postal address ready for an envelope, what it
allows in letters, and who is held there now and who was."""

from __future__ import annotations

from typing import Any

from .. import peoplelists
from ..context import Context
from ..kinds import PageKind
from ..parts import SourceList
from ..urls import letters_path, place_path


def view(context: Context, slug: str) -> dict[str, Any]:
    place = context.place(slug)
    t, loc = context.t, context.loc
    sources = SourceList(context)
    refs = sources.cite(place.sources)
    now, before = context.held_at(slug)
    return {
        "name": loc(place.name),
        "kind_label": t(f"place_kind.{place.kind}") if place.kind else None,
        "city": loc(place.city) if place.city else None,
        "address": loc(place.address) if place.address else None,
        "checked": context.when(place.address_checked),
        "letters_rules": loc(place.letters) if place.letters else None,
        "place_refs": refs,
        "held_now": peoplelists.by_name(context, now),
        "held_before": peoplelists.by_name(context, before),
        "letters_page": letters_path(t.lang),
        "sources": sources.items,
    }


KIND = PageKind("place", "place.html", place_path, view, keys=lambda plan: [(s,) for s in plan.places],
                searched=True)
