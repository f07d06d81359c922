"""The root page: index.html at the top of the site, leading to each language's home page."""

from __future__ import annotations

from ..kinds import PageKind
from ..urls import root_path

KIND = PageKind("root", "root.html", root_path, lambda context: {}, default_language_only=True)
