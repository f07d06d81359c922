"""The search page: the name finder's matches and Pagefind's full-text results, with the site's own
words (templates/static/search.js over Pagefind's JavaScript API, not its ready-made interface)."""

from __future__ import annotations

from typing import Any

from ..context import Context
from ..i18n import PLURAL_CODES
from ..kinds import SEARCH_POLICY, PageKind
from ..urls import search_path


def view(context: Context) -> dict[str, Any]:
    t = context.t
    forms = t.messages.get("search.results")
    if not isinstance(forms, dict):
        t.plural("search.results", 1)  # raises MissingText naming the key
        raise AssertionError("unreachable")
    return {"counting": {"plural": t.plural_codes(),
                         "results": {PLURAL_CODES[k]: v for k, v in forms.items() if k in PLURAL_CODES}}}


KIND = PageKind("search", "search.html", search_path, view, policy=SEARCH_POLICY)
