"""Write to them: everyone held now whose current place has a known postal address, with that
address; birthdays in the next 30 days first, then everyone by month of birth; the how-to of the
content page "letters" when there is one. A withheld identity is never listed: there is no name to
put on an envelope."""

from __future__ import annotations

from typing import Any

from .. import custodyparts, peoplelists
from ..context import Context
from ..kinds import PageKind
from ..parts import SourceList
from ..urls import LETTERS_PAGE, letters_path


def view(context: Context) -> dict[str, Any]:
    t = context.t
    today = context.today
    # Who has an address, with sources numbered apart: the page numbers them in its own order.
    scratch = SourceList(context)
    writable = {person.slug: person for person in context.people()
                if custodyparts.letters(context, person, scratch) is not None}
    by_name = peoplelists.by_name(context, writable.values())
    rank = {found["slug"]: i for i, found in enumerate(by_name)}
    born = {slug: peoplelists.birthday(person) for slug, person in writable.items()}
    # By month and day of birth, then by name; those whose month is not known last (13).
    ordered = sorted(by_name, key=lambda found: (born[found["slug"]] or (13, None))[0] * 32
                     + ((born[found["slug"]] or (0, 0))[1] or 0))
    sources = SourceList(context)
    months: list[dict[str, Any]] = []
    upcoming = []
    for found in ordered:
        slug = found["slug"]
        month, day = born[slug] or (13, None)
        entry = {**found, "letters": custodyparts.letters(context, writable[slug], sources),
                 "birthday": t.day_month(month, day) if day else None,
                 "birth_month": f"{month:02d}-{day:02d}" if day else None}
        if not months or months[-1]["month"] != month:
            months.append({"month": month, "people": [], "label": t.month_name(month) if month <= 12
                           else t("letters_page.no_birthday")})
        months[-1]["people"].append(entry)
        if day:
            next_day = peoplelists.next_birthday(month, day, today)
            upcoming.append({**entry, "days": (next_day - today).days, "sort": rank[slug]})
    upcoming = peoplelists.soon(upcoming, peoplelists.BIRTHDAYS_WITHIN)
    return {
        "howto": howto(context),
        "upcoming": upcoming,
        "upcoming_shown": sum(not item["hidden"] for item in upcoming),
        "within": peoplelists.BIRTHDAYS_WITHIN,
        "as_of": peoplelists.as_of(context),
        "months": months,
        "total": len(writable),
        "sources": sources.items,
    }


def howto(context: Context) -> Any:
    """Return the body of the content page "letters", or None when the site has none."""
    for page in context.content_pages():
        if page.slug == LETTERS_PAGE:
            return context.loc(page.body)
    return None


KIND = PageKind("letters", "letters.html", letters_path, view)
