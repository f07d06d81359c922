"""The register: everyone in the order the people index lists them, and what each row shows.

The order is by status (held first, as STATUSES lists them), then by name in the language's
alphabet (collation.py). The index shows it in pages of PER_PAGE rows (urls.people_path); the
finder's data (outputs/finder.py) lists the same rows in the same order, so filtering across every
page shows matches in the order the pages do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..content import history
from ..content.model import HELD_STATUSES, STATUSES, Person
from ..content.photos import photo_set
from . import finder
from .collation import sort_key

if TYPE_CHECKING:
    from .context import Context

PER_PAGE = 200  # rows on one page of the people index


def pages(count: int) -> int:
    """Return how many pages of the index list `count` people (at least one)."""
    return max(1, -(-count // PER_PAGE))


def order(context: Context) -> list[str]:
    """Return every person's slug in the register's order (read once per language and build)."""

    def compute() -> list[str]:
        lang = context.t.lang
        rank = {status: i for i, status in enumerate(STATUSES)}
        keyed = []
        for person in context.people():
            name = str(context.name(person))
            keyed.append(((rank[person.status], sort_key(name, lang), name, person.slug), person.slug))
        return [slug for _, slug in sorted(keyed)]

    return context.remember("register", compute)


def page_of(context: Context, index: int) -> int:
    """Return the page (from 1) of the index that shows the row at `index` (from 0)."""
    return index // PER_PAGE + 1


def group_starts(context: Context) -> dict[str, int]:
    """Return the page each status group begins on."""
    starts: dict[str, int] = {}
    for i, slug in enumerate(order(context)):
        starts.setdefault(context.person(slug).status, page_of(context, i))
    return starts


def thumbnail(person: Person) -> dict | None:
    """Return the smallest rendition of a person's photo; never one for a withheld identity."""
    found = photo_set(person)
    if found is None or person.identity_withheld:
        return None
    first = found.renditions[0]
    return {"src": first.path, "width": first.width, "height": first.height}


def row(context: Context, person: Person) -> dict[str, Any]:
    """Return what the register shows of a person, and the values the finder filters by."""
    t = context.t
    articles = history.articles(person)
    now: list[str] = []
    terms = [case.sentence.term for case in history.cases(person) if case.sentence and case.sentence.term]
    if terms:  # the latest sentence
        now.append(t.term(terms[-1]))
    if person.status in HELD_STATUSES:
        if person.custody:
            slug = history.current_place(person)
            if slug is not None:
                now.append(str(context.loc(context.place(slug).name)))
        elif person.place_of_detention:
            now.append(str(context.loc(person.place_of_detention.name)))
    released = context.when(history.released(person)) if person.status == "released" else None
    return {
        "slug": person.slug, "name": context.name(person), "href": context.link("person", person.slug),
        "status": person.status, "status_label": t.variant(f"status.{person.status}", person.gender),
        "detained": context.when(history.detained(person)), "articles": articles, "now": " · ".join(now),
        "released": released, "photo": thumbnail(person), "find": finder.row_values(person, context),
    }
