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
    # Who has an address, first with sources numbered apart, so the page numbers them in the
    # order it lists people.
    scratch = SourceList(context)
    writable = [person for person in context.people()
                if custodyparts.letters(context, person, scratch) is not None]
    keyed = []
    for person in writable:
        born = peoplelists.birthday(person)
        keyed.append(((born or (13, None))[0], (born or (0, 0))[1] or 0, person))
    lines = peoplelists.by_name(context, writable)
    rank = {found["slug"]: i for i, found in enumerate(lines)}
    keyed.sort(key=lambda k: (k[0], k[1], rank[k[2].slug]))
    sources = SourceList(context)
    months: list[dict[str, Any]] = []
    upcoming = []
    for month, day, person in keyed:
        born = peoplelists.birthday(person)
        entry = {**lines[rank[person.slug]], "letters": custodyparts.letters(context, person, sources),
                 "birthday": t.day_month(month, day) if born and day else None,
                 "birth_month": f"{month:02d}-{day:02d}" if born and day else None}
        if not months or months[-1]["month"] != month:
            months.append({"month": month, "people": [], "label": t.month_name(month) if month <= 12
                           else t("letters_page.no_birthday")})
        months[-1]["people"].append(entry)
        if born and day:
            next_day = peoplelists.next_birthday(month, day, today)
            upcoming.append({**entry, "days": (next_day - today).days, "sort": rank[person.slug]})
    return {
        "howto": howto(context),
        "upcoming": (upcoming := peoplelists.soon(upcoming, peoplelists.BIRTHDAYS_WITHIN)),
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
