"""Atom feeds of events (one per language), sitemap.xml and robots.txt.

Feeds exist in every build: without base_url their links are relative to the feed's own address,
which RFC 4287 allows (xml:base), so a mirror's feed points at the mirror. The sitemap and
robots.txt need absolute addresses and are written only when site.yaml sets base_url.
"""

from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from .. import deps
from ..site.kinds import page_path
from ..site.plan import FEED_ENTRIES
from ..site.richtext import render_markdown
from ..site.urls import absolute, event_path, feed_path, home_path, public_url
from .kinds import OutputContext, OutputKind


def _stamp(date) -> str:
    """Return the RFC 3339 time of a partial date: its first day, at midnight UTC."""
    return date.earliest().isoformat() + "T00:00:00Z"


def atom(out: OutputContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """Yield the Atom feed of the newest events in one language."""
    context = out.contexts[lang]
    site = context.site
    base = site.base_url
    events = context.latest_events(FEED_ENTRIES)
    title = context.t("feed.title", site=str(context.loc(site.title)))
    feed_url = absolute(base, feed_path(lang))
    home = absolute(base, home_path(lang)) or "./index.html"
    updated = _stamp(events[0].date) if events else "1970-01-01T00:00:00Z"
    feed_id = feed_url or f"urn:factfile:feed:{lang}"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
             f"<title>{escape(title)}</title>",
             f"<id>{escape(feed_id)}</id>",
             f"<updated>{updated}</updated>",
             f"<author><name>{escape(str(context.loc(site.title)))}</name></author>",
             f'<link rel="alternate" type="text/html" href={quoteattr(home)}/>']
    if feed_url:
        lines.append(f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>')
    if site.description:
        lines.append(f"<subtitle>{escape(str(context.loc(site.description)))}</subtitle>")
    for event in events:
        path = event_path(lang, event.slug)
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
    yield feed_path(lang), ("\n".join(lines) + "\n").encode("utf-8")


def sitemap(out: OutputContext) -> Iterator[tuple[str, bytes]]:
    """Yield sitemap.xml (every page with its language alternates, Google's xhtml:link form) and
    robots.txt, when the site has a base_url."""
    base = out.default.site.base_url
    if not base:
        return
    deps.read("fact:pages")
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for page in out.plan.pages:
        if page.kind in ("root", "notfound"):
            continue
        lines.append(f"<url><loc>{escape(public_url(base, page.path))}</loc>")
        for lang in out.plan.languages:
            href = public_url(base, page_path(page.kind, lang, page.key))
            lines.append(f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} href={quoteattr(href)}/>')
        lines.append("</url>")
    lines.append("</urlset>")
    yield "sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8")
    yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {public_url(base, 'sitemap.xml')}\n".encode()


FEEDS = OutputKind("feed", lambda plan: [(lang,) for lang in plan.languages], atom)
SITEMAP = OutputKind("sitemap", lambda plan: [()], sitemap)
