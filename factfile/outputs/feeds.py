"""Atom feeds of events (one per language), sitemap.xml and robots.txt.

Feeds exist in every build: without base_url their links are relative to the feed's own address,
which RFC 4287 allows (xml:base), so a mirror's feed points at the mirror. The sitemap and
robots.txt need absolute addresses and are written only when site.yaml sets base_url.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ..site import plan as urls
from .memo import Kept, stale, state
from ..site.plan import absolute, feed_path
from ..site.richtext import render_markdown

if TYPE_CHECKING:
    from .outputs import SiteBuild

FEED_ENTRIES = 50


def _stamp(date) -> str:
    """Return the RFC 3339 time of a partial date: its first day, at midnight UTC."""
    return date.earliest().isoformat() + "T00:00:00Z"


def atom(site: SiteBuild, lang: str) -> bytes:
    """Return the Atom feed of the newest events in one language."""
    context = site.contexts[lang]
    content = site.linked.content
    base = content.site.base_url
    events = heapq.nlargest(FEED_ENTRIES, content.events.values(), key=lambda e: (e.date.sort_key, e.slug))
    title = context.t("feed.title", site=str(context.loc(content.site.title)))
    feed_url = absolute(base, feed_path(lang))
    home = absolute(base, urls.home_path(lang)) or "./index.html"
    updated = _stamp(events[0].date) if events else "1970-01-01T00:00:00Z"
    feed_id = feed_url or f"urn:factfile:feed:{lang}"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
             f"<title>{escape(title)}</title>",
             f"<id>{escape(feed_id)}</id>",
             f"<updated>{updated}</updated>",
             f"<author><name>{escape(str(context.loc(content.site.title)))}</name></author>",
             f'<link rel="alternate" type="text/html" href={quoteattr(home)}/>']
    if feed_url:
        lines.append(f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>')
    if content.site.description:
        lines.append(f"<subtitle>{escape(str(context.loc(content.site.description)))}</subtitle>")
    for event in events:
        path = urls.event_path(lang, event.slug)
        href = absolute(base, path) or f"events/{event.slug}/index.html"
        entry_title = context.loc(event.title)
        lines += ["<entry>",
                  f"<title>{escape(str(entry_title))}</title>",
                  f"<id>{escape(absolute(base, path) or f'urn:factfile:event:{lang}:{event.slug}')}</id>",
                  f"<updated>{_stamp(event.date)}</updated>",
                  f"<published>{_stamp(event.date)}</published>",
                  f'<link rel="alternate" type="text/html" href={quoteattr(href)}/>',
                  f'<category term={quoteattr(event.type)} label={quoteattr(context.t("event_type." + event.type))}/>']
        if summary := context.loc(event.summary):
            lines.append(f'<content type="html">{escape(render_markdown(summary.text))}</content>')
        lines.append("</entry>")
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(site: SiteBuild) -> bytes:
    """Return sitemap.xml: every page with its language alternates (Google's xhtml:link form)."""
    base = site.linked.content.site.base_url
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in site.plan.pages:
        if page.kind == "root":
            continue
        lines.append(f"<url><loc>{escape(absolute(base, page.path))}</loc>")
        for lang in site.languages:
            href = absolute(base, urls.page_path(page.kind, lang, page.key))
            lines.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


class _Kept:
    """Feeds and the sitemap kept between live rebuilds (memo.py)."""

    def __init__(self) -> None:
        self.feeds = Kept()
        self.sitemap_plan: object = None
        self.sitemap = b""


def files(site: SiteBuild) -> Iterator[tuple[str, bytes]]:
    """Yield each language's feed, and the sitemap and robots.txt when the site has a base_url.

    A live rebuild makes the feeds again only when an event changed, and the sitemap only when
    pages came or went (the builder then plans the pages again)."""
    kept: _Kept = state(site.kept, __name__, _Kept)
    events_stale = stale(site.touched, "events")
    for lang in site.languages:
        yield feed_path(lang), kept.feeds.get(lang, events_stale, lambda: atom(site, lang))
    base = site.linked.content.site.base_url
    if base:
        if site.touched is None or kept.sitemap_plan is not site.plan:
            kept.sitemap, kept.sitemap_plan = sitemap(site), site.plan
        yield "sitemap.xml", kept.sitemap
        yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {absolute(base, 'sitemap.xml')}\n".encode()
