"""Markdown from content, rendered to HTML and sanitised so no markup or script from it survives."""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

# What Markdown produces for prose, and nothing that loads or runs anything (no img, no iframe).
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
                "h2", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> str:
    """Return safe HTML for Markdown text: raw HTML, scripts and unsafe links are removed."""
    _MARKDOWN.reset()
    html = _MARKDOWN.convert(text)
    # Headings start at h2 under the page's h1; shift them down a level.
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer", strip_comments=True)
