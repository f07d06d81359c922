"""Open data of places of detention and articles: data/places.json and .csv, data/articles.json.

A place is exported in the shape of its content file (sources written out in full), with who is held
there now and who was before; an article with its code, its title and everyone charged under it.
Both lists are derived from people's custody and cases (content/link.py), so a person's transfer
remakes these files through the facts they read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .. import deps
from ..content.model import Place
from ..site.urls import DATA_DIR
from .kinds import OutputContext, OutputKind
from .opendata import csv_row, json_bytes, plain_data, text_in


def place_record(place: Place, out: OutputContext) -> dict[str, Any]:
    """Return a place as published, with the people held there now and before."""
    context = out.default
    record: dict[str, Any] = plain_data(deps.whole(place), context.source)
    now, before = context.held_at(place.slug)
    record["held_now"] = [person.slug for person in now]
    record["held_before"] = [person.slug for person in before]
    return record


def places_header(langs: Sequence[str]) -> list[str]:
    return ["slug", *[f"name_{lang}" for lang in langs], "kind", *[f"city_{lang}" for lang in langs],
            *[f"address_{lang}" for lang in langs], "address_checked", "held_now", "held_before"]


def place_files(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield every place as JSON and CSV."""
    langs = out.plan.languages
    records = [place_record(place, out) for place in out.default.places()]
    yield f"{DATA_DIR}/places.json", json_bytes(records)
    rows = [csv_row(places_header(langs))]
    for place, record in zip(out.default.places(), records):
        rows.append(csv_row([place.slug, *[text_in(place.name, lang) for lang in langs], place.kind or "",
                             *[text_in(place.city, lang) for lang in langs],
                             *[text_in(place.address, lang) for lang in langs], str(place.address_checked or ""),
                             "; ".join(record["held_now"]), "; ".join(record["held_before"])]))
    yield f"{DATA_DIR}/places.csv", b"".join(rows)


def article_files(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield every article of content/articles.yaml with everyone charged under it, as JSON."""
    context = out.default
    records = [{"id": article_id, **plain_data(article, context.source),
                "people": [person.slug for person in context.charged_under(article_id)]}
               for article_id, article in context.articles()]
    yield f"{DATA_DIR}/articles.json", json_bytes(records)


PLACES = OutputKind("data-places", lambda plan: [()], place_files)
ARTICLES = OutputKind("data-articles", lambda plan: [()], article_files)
