"""What a page says about itself to other programs: canonical link, Open Graph, Twitter card, JSON-LD.

Absolute addresses exist only when site.yaml sets base_url; without it, pages carry no address at
all, so a mirror under another host never points readers back to a blocked one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .kinds import REGISTRY, Page
from .urls import absolute, feed_path

if TYPE_CHECKING:
    from .context import Context


def json_ld(data: dict[str, Any]) -> Markup:
    """Return JSON-LD safe inside <script>: '<' is escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_meta(page: Page, context: Context, values: dict[str, Any]) -> dict[str, Any]:
    """Return the head values of a page: title, description, addresses, card and structured data."""
    kind = REGISTRY[page.kind]
    site = context.site
    base = site.base_url
    languages = context.plan.languages
    url = absolute(base, kind.path(page.lang, *page.key))
    site_title = str(context.loc(site.title) or "")
    title = {"person": values.get("name"), "event": values.get("title"),
             "page": values.get("title")}.get(page.kind) or site_title
    description = values.get("summary") if page.kind in ("person", "event") else None
    description = plain(description) or str(context.loc(site.description) or "")
    image = absolute(base, values["photo"]["src_path"]) if values.get("photo") else None
    meta: dict[str, Any] = {
        "canonical": url, "url": url, "title": str(title), "description": description,
        "og_type": kind.og_type, "site_name": site_title,
        "locale": str(context.t.locale), "image": image,
        "alternates_abs": [{"lang": lang, "href": absolute(base, kind.path(lang, *page.key))}
                           for lang in languages] if base else [],
        "feed": {"title": context.t("feed.title", site=site_title), "href": feed_path(page.lang)},
        "default_abs": absolute(base, kind.path(languages[0], *page.key)) if base else None,
    }
    data = kind.structured(context, values, url, image) if kind.structured else None
    meta["json_ld"] = json_ld(data) if data else None
    return meta


def plain(text: object) -> str:
    """Return text as one plain line: markdown markers dropped, whitespace collapsed."""
    if not text:
        return ""
    plain = str(text)
    for marker in ("**", "__", "`"):
        plain = plain.replace(marker, "")
    return " ".join(plain.split())
