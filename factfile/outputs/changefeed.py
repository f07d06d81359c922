"""The Atom feed of recent changes, one per language: the newest detentions, releases and transfers
of the register, and the newest corrections to its files, as the page of recent changes lists them
(site/pages/changes.py), so what the feed says is what the page says."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from ..site.pages.changes import corrections, register_entries
from ..site.urls import absolute, changes_feed_path, changes_path, person_path
from .kinds import OutputContext, OutputKind

ENTRIES = 50


def _stamp(day) -> str:  # noqa: ANN001  a date or a partial date's first day
    return day.isoformat() + "T00:00:00Z"


def atom(out: OutputContext, lang: str) -> Iterator[tuple[str, bytes]]:
    """Yield the Atom feed of recent changes in one language."""
    context = out.contexts[lang]
    t, site = context.t, context.site
    base = site.base_url
    feed_url = absolute(base, changes_feed_path(lang))
    page = absolute(base, changes_path(lang)) or "changes/index.html"
    items: list[tuple[str, str, str, str, str]] = []  # (updated, id, title, link, kind)
    for entry in register_entries(context, ENTRIES):
        path = person_path(lang, entry["slug"])
        title = f"{entry['title']}: {entry['name']}" + (f" — {entry['note']}" if entry["note"] else "")
        ident = f"urn:factfile:change:{lang}:{entry['kind']}:{entry['slug']}:{entry['date']}"
        items.append((_stamp(entry["date"].earliest()), ident, title,
                      absolute(base, path) or f"people/{entry['slug']}/index.html", entry["kind"]))
    for change in corrections(context):
        names = ", ".join(str(record["title"]) for record in change["records"])
        title = f"{change['subject'] or t('changes.no_subject')}: {names}"
        key = hashlib.sha256(f"{change['date']}\0{change['subject']}\0{names}".encode()).hexdigest()[:16]
        items.append((_stamp(change["date"]), f"urn:factfile:correction:{lang}:{key}", title, page, "correction"))
    items.sort(key=lambda item: item[0], reverse=True)
    items = items[:ENTRIES]
    updated = items[0][0] if items else "1970-01-01T00:00:00Z"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
             f"<title>{escape(t('changes.feed_title'))} · {escape(str(context.loc(site.title)))}</title>",
             f"<id>{escape(feed_url or f'urn:factfile:changes:{lang}')}</id>",
             f"<updated>{updated}</updated>",
             f"<author><name>{escape(str(context.loc(site.title)))}</name></author>",
             f'<link rel="alternate" type="text/html" href={quoteattr(page)}/>']
    if feed_url:
        lines.append(f'<link rel="self" type="application/atom+xml" href={quoteattr(feed_url)}/>')
    for stamp, ident, title, href, kind in items:
        lines += ["<entry>", f"<title>{escape(title)}</title>", f"<id>{escape(ident)}</id>",
                  f"<updated>{stamp}</updated>", f'<link rel="alternate" type="text/html" href={quoteattr(href)}/>',
                  f"<category term={quoteattr(kind)}/>", "</entry>"]
    lines.append("</feed>")
    yield changes_feed_path(lang), ("\n".join(lines) + "\n").encode("utf-8")


CHANGES = OutputKind("changes-feed", lambda plan: [(lang,) for lang in plan.languages], atom)
