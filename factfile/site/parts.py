"""Pieces several page kinds show: localized text, fact rows, numbered sources, lines of lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote

from markupsafe import Markup, escape

from ..content import history
from ..content.licences import licence_url
from ..content.model import PAGE_PLACEHOLDER, Event, Person, Source
from .richtext import render_markdown
from .urls import absolute

if TYPE_CHECKING:
    from .context import Context
    from .plan import TimelineEntry


class LText:
    """Text in a page's language, or in the default language marked with `lang` when untranslated;
    an untranslated block of text (a biography, a summary) also says so to the reader (`note`)."""

    __slots__ = ("text", "lang", "block", "note")

    def __init__(self, text: str, lang: str | None = None, block: bool = False, note: str | None = None) -> None:
        self.text, self.lang, self.block, self.note = text, lang, block, note

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        body = render_markdown(self.text) if self.block else escape(self.text)
        if not self.lang:
            return Markup(body)
        tag = "div" if self.block else "span"
        note = f'<p class="untranslated">{escape(self.note)}</p>' if self.note else ""
        return Markup(f'{note}<{tag} lang="{escape(self.lang)}">{body}</{tag}>')


@dataclass
class Item:
    """One value of a fact: text, an optional note after it, a date or a link."""

    text: LText | str
    note: LText | str | None = None
    datetime: str | None = None
    href: str | None = None  # an address outside the site
    page: str | None = None  # a page of the site (its folder path), linked relative to the page


def text_item(text: LText | str | None, note: LText | str | None = None, href: str | None = None) -> Item | None:
    """Return an item showing a text, or None (which its fact leaves out) when there is no text."""
    return None if text is None else Item(text, note, href=href)


@dataclass
class Fact:
    label: str
    items: list[Item]
    refs: list[int] = field(default_factory=list)


def fact(label: str, items: list[Item | None], refs: list[int] | None = None) -> Fact | None:
    """Return a fact row with its present items, or None when it has none."""
    present = [item for item in items if item is not None]
    return Fact(label, present, refs or []) if present else None


class SourceList:
    """Numbers the sources a page cites, each once, in the order they are first cited."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.numbers: dict[int | str, int] = {}
        self.items: list[dict] = []

    def cite(self, refs: Sequence[str | Source]) -> list[int]:
        """Return the numbers of the given source references, adding new ones to the list."""
        numbers = []
        for ref in refs:
            key = ref if isinstance(ref, str) else id(ref)
            if key not in self.numbers:
                self.numbers[key] = len(self.items) + 1
                self.items.append(self.describe(self.context.source(ref), self.numbers[key]))
            numbers.append(self.numbers[key])
        return numbers

    def describe(self, source: Source, number: int) -> dict:
        return {"n": number, "title": self.context.loc(source.title), "publisher": source.publisher,
                "url": source.url, "archived_url": source.archived_url,
                "published": self.context.when(source.published)}


def person_line(context: Context, person: Person) -> dict:
    """Return what lists of people show of a person."""
    return {"name": context.name(person), "href": context.link("person", person.slug),
            "status": person.status, "summary": context.loc(person.summary),
            "detained": context.when(history.detained(person))}


def event_line(context: Context, event: Event) -> dict:
    """Return what lists of events show of an event."""
    return {"title": context.loc(event.title), "href": context.link("event", event.slug),
            "when": context.when(event.date), "type_label": context.t(f"event_type.{event.type}")}


def timeline_line(context: Context, entry: TimelineEntry) -> dict:
    """Return a line of the site timeline: an event, or a dated fact of a person."""
    if entry.kind == "event":
        return {**event_line(context, context.event(entry.slug)), "subject": None}
    person = context.person(entry.slug)
    return {"title": context.t(f"timeline.{entry.kind}"), "href": context.link("person", person.slug),
            "when": context.when(entry.date), "subject": context.name(person), "type_label": None}


def footer(context: Context) -> dict:
    """Return what every page's foot says of the site: who publishes it, under which licences, and
    its content pages (about, methodology, ...)."""
    site = context.site
    publisher, licence = site.publisher, site.license
    return {
        "publisher": {"name": context.loc(publisher.name), "url": publisher.url, "email": publisher.email}
        if publisher else None,
        "license": {"text": licence.text, "text_url": licence_url(licence.text),
                    "data": licence.data, "data_url": licence_url(licence.data)} if licence else None,
        "pages": [{"title": context.loc(p.title), "href": context.link("page", p.slug)}
                  for p in context.content_pages()],
    }


def correction(context: Context, path: str) -> str | None:
    """Return where a reader reports an inaccuracy on the page at a folder path: site.yaml's
    corrections address with {page} filled in by the page's public address."""
    site = context.site
    template = site.corrections
    if not template:
        return None
    address = absolute(site.base_url, path) or path
    return template.replace(PAGE_PLACEHOLDER, quote(address, safe=""))
