"""The search page: Pagefind's search box over the site's index."""

from __future__ import annotations

from ..kinds import SEARCH_POLICY, PageKind
from ..urls import search_path

KIND = PageKind("search", "search.html", search_path, lambda context: {}, policy=SEARCH_POLICY)
