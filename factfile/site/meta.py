"""What a page says about itself to other programs: canonical link, Open Graph, Twitter card, JSON-LD.

Absolute addresses exist only when site.yaml sets base_url; without it, pages carry no address at
all, so a mirror under another host never points readers back to a blocked one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from . import plan as urls
from .plan import Page, absolute, feed_path

if TYPE_CHECKING:
    from .views import Context

OG_TYPES = {"person": "profile", "event": "article"}


def json_ld(data: dict[str, Any]) -> Markup:
    """Return JSON-LD safe inside <script>: '<' is escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_meta(page: Page, context: Context, values: dict[str, Any]) -> dict[str, Any]:
    """Return the head values of a page: title, description, addresses, card and structured data."""
    site = context.linked.content.site
    base = site.base_url
    path = urls.page_path(page.kind, page.lang, page.key)
    url = absolute(base, path)
    site_title = str(context.loc(site.title) or "")
    title = {"person": values.get("name"), "event": values.get("title")}.get(page.kind) or site_title
    description = values.get("summary") if page.kind in ("person", "event") else None
    description = _plain(description) or str(context.loc(site.description) or "")
    image = absolute(base, values["photo"]["src_path"]) if values.get("photo") else None
    meta: dict[str, Any] = {
        "canonical": url, "url": url, "title": str(title), "description": description,
        "og_type": OG_TYPES.get(page.kind, "website"), "site_name": site_title,
        "locale": str(context.t.locale), "image": image,
        "alternates_abs": [{"lang": lang, "href": absolute(base, urls.page_path(page.kind, lang, page.key))}
                           for lang in site.languages] if base else [],
        "feed": {"title": context.t("feed.title", site=site_title), "href": feed_path(page.lang)},
        "default_abs": absolute(base, urls.page_path(page.kind, site.languages[0], page.key)) if base else None,
    }
    data = _structured(page, context, values, url, image)
    meta["json_ld"] = json_ld(data) if data else None
    return meta


def _plain(text: object) -> str:
    """Return text as one plain line: markdown markers dropped, whitespace collapsed."""
    if not text:
        return ""
    plain = str(text)
    for marker in ("**", "__", "`"):
        plain = plain.replace(marker, "")
    return " ".join(plain.split())


def _structured(page: Page, context: Context, values: dict[str, Any], url: str | None,
                image: str | None) -> dict[str, Any] | None:
    """Return schema.org data for a person, an event or the site's home page."""
    base: dict[str, Any] = {"@context": "https://schema.org", "inLanguage": page.lang}
    if url:
        base["url"] = url
    if page.kind == "person":
        person = values["person"]
        data = {**base, "@type": "Person", "name": str(values["name"])}
        del data["inLanguage"]  # not a property of Person (https://schema.org/Person)
        if description := _plain(values.get("summary")):
            data["description"] = description
        if not person.identity_withheld:
            if person.also_known_as:
                data["alternateName"] = list(person.also_known_as)
            if person.born and person.born.precision == "day" and not person.born.qualifier:
                data["birthDate"] = person.born.iso()
            if person.occupation:
                data["hasOccupation"] = {"@type": "Occupation", "name": str(context.loc(person.occupation))}
            if person.affiliations:
                data["affiliation"] = [{"@type": "Organization", "name": str(context.loc(a))}
                                       for a in person.affiliations]
            if image:
                data["image"] = image
        if person.citizenship:
            data["nationality"] = [{"@type": "Country", "name": context.t.country(c)} for c in person.citizenship]
        return data
    if page.kind == "event":
        event = values["event"]
        data = {**base, "@type": "Event", "name": str(values["title"]), "startDate": event.date.iso()}
        if event.end:
            data["endDate"] = event.end.iso()
        if description := _plain(values.get("summary")):
            data["description"] = description
        if values.get("people"):
            data["about"] = [{"@type": "Person", "name": str(p["name"])} for p in values["people"]]
        return data
    if page.kind == "home":
        data = {**base, "@type": "WebSite", "name": str(context.loc(context.linked.content.site.title))}
        if description := str(context.loc(context.linked.content.site.description) or ""):
            data["description"] = description
        return data
    return None
