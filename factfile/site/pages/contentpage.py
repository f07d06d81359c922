"""The site's own pages, written as content (content/pages/<slug>.yaml): about, methodology, letters."""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..kinds import PageKind
from ..urls import LETTERS_PAGE, content_page_path


def view(context: Context, slug: str) -> dict[str, Any]:
    page = context.page(slug)
    return {"title": context.loc(page.title), "body": context.loc(page.body)}


# The content page "letters" is the how-to of the letters page (pages/letters.py), at its address.
KIND = PageKind("page", "page.html", content_page_path, view,
                keys=lambda plan: [(s,) for s in plan.content_pages if s != LETTERS_PAGE], searched=True)
