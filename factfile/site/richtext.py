"""Markdown from content, rendered to HTML and sanitised so no markup or script from it survives."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

# What Markdown produces for prose, and nothing that loads or runs anything (no img, no iframe).
ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
                "h2", "h3", "h4", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
# Links in content lead out of the site: a relative link would break on pages of other depths, and
# a "relative" link such as `\x1Ejavascript:` only hides a scheme.
_ABSOLUTE = re.compile(r"(?:https?://|mailto:)\S", re.IGNORECASE)
# As validate.INVALID_IN_URL: what a URL may not contain unescaped.
_INVALID_IN_URL = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`]|%(?![0-9A-Fa-f]{2})')
# An anchor whose href was removed keeps the rel nh3 adds, and rel without href is invalid HTML.
# Attribute values in nh3's output are always "-quoted, with " escaped, so this reads whole tags.
_ANCHOR = re.compile(r'<a((?: [a-z]+="[^"]*")*)>')

_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> str:
    """Return safe HTML for Markdown text: raw HTML, scripts and unsafe links are removed."""
    _MARKDOWN.reset()
    html = _MARKDOWN.convert(text)
    # Headings start at h2 under the page's h1; shift them down a level.
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    html = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=LINK_REL, strip_comments=True, attribute_filter=_keep_attribute)
    return _ANCHOR.sub(_drop_rel_without_href, html)


def _drop_rel_without_href(match: re.Match[str]) -> str:
    """Return an anchor tag unchanged, or without its rel when it has no href."""
    attributes = match.group(1)
    if ' href="' in attributes:
        return match.group(0)
    return "<a" + attributes.replace(f' rel="{LINK_REL}"', "") + ">"


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep an attribute nh3 allows, except a link that is not an absolute http(s) or mailto URL."""
    if attribute == "href" and (not _ABSOLUTE.match(value) or _INVALID_IN_URL.search(value)):
        return None
    return value
