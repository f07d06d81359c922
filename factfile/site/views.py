"""Prepare what each page shows, in its language: templates only read these values.

Choosing a language with fallback, formatting dates, sorting, counting and numbering sources all
happen here, so templates hold presentation only.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from . import chart, finder
from . import plan as urls
from ..content.custody import custody, format_duration
from ..outputs.photos import photo_set
from ..content.dates import PartialDate, build_date
from .i18n import Catalogue
from .meta import page_meta
from ..content.link import Linked, resolve_source
from ..content.model import HELD_STATUSES, STATUSES, Event, Localized, LocalizedMarkdown, Person, Source
from .plan import Page, Plan, TimelineEntry
from .richtext import render_markdown

LATEST_EVENTS = 10


class LText:
    """Text in a page's language, or in the default language marked with `lang` when untranslated."""

    __slots__ = ("text", "lang", "block")

    def __init__(self, text: str, lang: str | None = None, block: bool = False) -> None:
        self.text, self.lang, self.block = text, lang, block

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        body = render_markdown(self.text) if self.block else escape(self.text)
        if not self.lang:
            return Markup(body)
        tag = "div" if self.block else "span"
        return Markup(f'<{tag} lang="{escape(self.lang)}">{body}</{tag}>')


@dataclass
class Item:
    """One value of a fact: text, an optional note after it, a date or a link."""

    text: LText | str
    note: LText | str | None = None
    datetime: str | None = None
    href: str | None = None


@dataclass
class Fact:
    label: str
    items: list[Item]
    refs: list[int] = field(default_factory=list)


@dataclass
class Context:
    """Localizes one language's values for every page of that language."""

    linked: Linked
    plan: Plan
    t: Catalogue
    default_lang: str
    today: datetime.date = field(default_factory=build_date)
    changed: dict[str, datetime.date] = field(default_factory=dict)  # gitdates.last_changed()
    _dates: dict[PartialDate, Item] = field(default_factory=dict, init=False, repr=False, compare=False)

    def loc(self, value: Localized | None) -> LText | None:
        """Return the text in this language, falling back to the default language."""
        if not value:
            return None
        block = isinstance(value, LocalizedMarkdown)
        if self.t.lang in value:
            return LText(value[self.t.lang], None, block)
        lang = self.default_lang if self.default_lang in value else next(iter(value))
        return LText(value[lang], lang, block)

    def when(self, date: PartialDate | None) -> Item | None:
        if date is None:
            return None
        item = self._dates.get(date)
        if item is None:  # the same dates recur on thousands of pages; format each once
            item = self._dates[date] = Item(self.t.date(date), datetime=date.iso())
        return item

    def name(self, person: Person) -> LText:
        """Return the name to show: the name, or the label of a withheld identity."""
        return self.loc(person.label if person.identity_withheld else person.name) or LText(person.slug)

    def link(self, kind: str, *key: str) -> str:
        return urls.page_path(kind, self.t.lang, tuple(key))

    # Pages -------------------------------------------------------------------------------------

    def home(self) -> dict:
        people = self.linked.content.people.values()
        by_status = Counter(p.status for p in people)
        events = sorted(self.linked.content.events.values(), key=lambda e: (e.date.sort_key, e.slug), reverse=True)
        return {
            "total": len(by_status) and sum(by_status.values()),
            "held": sum(by_status[s] for s in HELD_STATUSES),
            "released": by_status["released"],
            "per_year": (rows := chart.per_year(people)),
            "chart": chart.svg(rows, self.t("home.chart_title"), self.t.number),
            "by_status": [{"status": s, "label": self.t(f"status_group.{s}"), "count": by_status[s]}
                          for s in STATUSES if by_status[s]],
            "latest": [self.event_line(e) for e in events[:LATEST_EVENTS]],
        }

    def people(self) -> dict:
        groups = []
        for status in STATUSES:
            members = [p for p in self.linked.content.people.values() if p.status == status]
            if members:
                rows = sorted(({**self.person_line(p), "find": finder.row_values(p, self)} for p in members),
                              key=lambda r: (str(r["name"]).casefold(), r["href"]))
                groups.append({"status": status, "label": self.t(f"status_group.{status}"), "people": rows})
        return {"groups": groups, "total": len(self.linked.content.people),
                "filters": finder.filters(list(self.linked.content.people.values()), self)}

    def person(self, slug: str) -> dict:
        person = self.linked.content.people[slug]
        sources = SourceList(self)
        general = sources.cite(person.sources)
        events = self.linked.events_by_person.get(slug, [])
        return {
            "person": person,
            "name": self.name(person),
            "withheld": person.identity_withheld,
            "status_label": self.t.variant(f"status.{person.status}", person.gender),
            "summary": self.loc(person.summary),
            "facts": self.facts(person, sources),
            "bio": self.loc(person.bio),
            "timeline": self.person_timeline(person, events),
            "general_refs": general,
            "sources": sources.items,
            "custody": self.custody(person),
            "updated": self.when(_partial(self.changed.get(f"people/{slug}.yaml"))),
            "photo": self.photo(person),
            "letters": self.letters(person),
        }

    def event(self, slug: str) -> dict:
        event = self.linked.content.events[slug]
        sources = SourceList(self)
        refs = sources.cite(event.sources)
        people = [self.person_line(self.linked.content.people[s]) for s in dict.fromkeys(event.people)]
        return {"event": event, "title": self.loc(event.title), "type_label": self.t(f"event_type.{event.type}"),
                "start": self.when(event.date), "end": self.when(event.end), "summary": self.loc(event.summary),
                "people": people, "event_refs": refs, "sources": sources.items}

    def timeline(self, year: int | None = None, chunk: int = 1) -> dict:
        if year is None:
            entries, title = self.plan.latest, self.t("timeline")
        else:
            entries, title = self.plan.years[year][chunk - 1], self.t("timeline_year", year=year)
        groups: list[dict] = []
        for entry in entries:
            if not groups or groups[-1]["year"] != entry.date.year:
                groups.append({"year": entry.date.year, "entries": []})
            groups[-1]["entries"].append(self.timeline_line(entry))
        chunks = len(self.plan.years[year]) if year else 1
        return {
            "title": title, "groups": groups, "year": year,
            "more": year is None and len(self.plan.timeline) > len(self.plan.latest),
            "years": [{"year": y, "count": sum(map(len, c)), "href": urls.timeline_path(self.t.lang, y)}
                      for y, c in self.plan.years.items()],
            "chunks": [{"n": n, "href": urls.timeline_path(self.t.lang, year, n), "current": n == chunk}
                       for n in range(1, chunks + 1)] if chunks > 1 else [],
        }

    # Parts -------------------------------------------------------------------------------------

    def photo(self, person: Person) -> dict | None:
        """Return a person's photo as the page shows it; never for a withheld identity."""
        found = photo_set(person)
        if found is None or person.photo is None:
            return None
        first = found.renditions[0]
        return {"src": first.path, "width": first.width, "height": first.height,
                "srcset": [(r.path, f"{r.width}w") for r in found.renditions],
                "src_path": found.renditions[-1].path,
                "credit": self.t("photo.credit", credit=person.photo.credit)}

    def letters(self, person: Person) -> dict | None:
        """Return where to write to a person still held, when the postal address is known."""
        place = person.place_of_detention
        if place is None or place.address is None or person.status not in HELD_STATUSES:
            return None
        return {"name": self.loc(place.name), "address": self.loc(place.address)}

    def custody(self, person: Person) -> dict | None:
        """Return how long a person has been or was held, in words, with what the script needs."""
        held = custody(person, self.today)
        if held is None:
            return None
        text = format_duration(held.years, held.months, held.days, self.t.locale)
        if held.approximate:
            text = self.t("custody.approximate", duration=text)
        return {"text": text, "iso": held.iso(), "since": held.since, "ongoing": held.ongoing,
                "live": held.ongoing and not held.approximate, "precision": held.precision,
                "label": self.t.variant("custody.held_for" if held.ongoing else "custody.was_held", person.gender),
                "as_of": self.t("custody.as_of", date=self.t.date(PartialDate(
                    self.today.year, self.today.month, self.today.day))) if held.ongoing else None}

    def person_line(self, person: Person) -> dict:
        return {"name": self.name(person), "href": self.link("person", person.slug),
                "status": person.status, "summary": self.loc(person.summary),
                "detained": self.when(person.detained)}

    def event_line(self, event: Event) -> dict:
        return {"title": self.loc(event.title), "href": self.link("event", event.slug),
                "when": self.when(event.date), "type_label": self.t(f"event_type.{event.type}")}

    def timeline_line(self, entry: TimelineEntry) -> dict:
        if entry.kind == "event":
            line = self.event_line(self.linked.content.events[entry.slug])
            return {**line, "subject": None}
        person = self.linked.content.people[entry.slug]
        return {"title": self.t(f"timeline.{entry.kind}"), "href": self.link("person", person.slug),
                "when": self.when(entry.date), "subject": self.name(person), "type_label": None}

    def person_timeline(self, person: Person, events: list[Event]) -> list[dict]:
        """Merge a person's own dated facts with every event naming them, oldest first."""
        own = [("born", person.born), ("detained", person.detained),
               ("trial", person.trial.date if person.trial else None),
               ("sentenced", person.sentence.date if person.sentence else None),
               ("released", person.released), ("died", person.died)]
        lines = [(date.sort_key, 0, {"when": self.when(date), "title": self.t(f"timeline.{kind}"), "href": None})
                 for kind, date in own if date]
        lines += [(e.date.sort_key, 1, self.event_line(e)) for e in events]
        return [line for _, _, line in sorted(lines, key=lambda x: (x[0], x[1], x[2]["href"] or ""))]

    def facts(self, person: Person, sources: SourceList) -> list[Fact]:
        """Return the rows of a person's fact table, each citing its own sources where it has them."""
        t, loc, when = self.t, self.loc, self.when
        rows: list[Fact | None] = [
            _fact(t("field.also_known_as"), [Item(n) for n in person.also_known_as]),
            _fact(t("field.gender"), [Item(t(f"gender.{person.gender}"))] if person.gender else []),
            _fact(t("field.born"), [when(person.born)]),
            _fact(t("field.citizenship"), [Item(t.country(c)) for c in person.citizenship]),
            _fact(t("field.occupation"), [Item(loc(person.occupation))] if person.occupation else []),
            _fact(t("field.affiliations"), [Item(loc(a)) for a in person.affiliations]),
            _fact(t("field.recognized"), [Item(loc(r.by), t.date(r.date) if r.date else None, href=r.url)
                                         for r in person.recognized]),
            _fact(t("field.detained"), [when(person.detained)]),
        ]
        for charge in person.charges:
            text = t("charge_article", article=charge.article) if charge.article else loc(charge.text)
            note = loc(charge.text) if charge.article else None
            rows.append(_fact(t("field.charges"), [Item(text, note)], sources.cite(charge.sources)))
        if trial := person.trial:
            items = [when(trial.date), Item(loc(trial.court)) if trial.court else None,
                     Item(t("judge"), loc(trial.judge)) if trial.judge else None]
            rows.append(_fact(t("field.trial"), items, sources.cite(trial.sources)))
        if sentence := person.sentence:
            items = [Item(t.term(sentence.term)) if sentence.term else None,
                     Item(loc(sentence.regime)) if sentence.regime else None, when(sentence.date)]
            rows.append(_fact(t("field.sentence"), items, sources.cite(sentence.sources)))
        if place := person.place_of_detention:
            items = [Item(loc(place.name)), Item(loc(place.address)) if place.address else None]
            rows.append(_fact(t("field.place_of_detention"), items, sources.cite(place.sources)))
        rows.append(_fact(t("field.released"), [when(person.released)]))
        if person.release_type:
            rows.append(_fact(t("field.release_type"), [Item(t(f"release_type.{person.release_type}"))]))
        rows.append(_fact(t("field.died"), [when(person.died)]))
        return [row for row in rows if row]


def _partial(day: datetime.date | None) -> PartialDate | None:
    return PartialDate(day.year, day.month, day.day) if day else None


def _fact(label: str, items: list[Item | None], refs: list[int] | None = None) -> Fact | None:
    present = [item for item in items if item is not None]
    return Fact(label, present, refs or []) if present else None


class SourceList:
    """Numbers the sources a page cites, each once, in the order they are first cited."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.numbers: dict[int | str, int] = {}
        self.items: list[dict] = []

    def cite(self, refs: list[str | Source]) -> list[int]:
        """Return the numbers of the given source references, adding new ones to the list."""
        numbers = []
        for ref in refs:
            key = ref if isinstance(ref, str) else id(ref)
            if key not in self.numbers:
                source = resolve_source(ref, self.context.linked.content.sources)
                self.numbers[key] = len(self.items) + 1
                self.items.append(self.describe(source, self.numbers[key]))
            numbers.append(self.numbers[key])
        return numbers

    def describe(self, source: Source, number: int) -> dict:
        return {"n": number, "title": self.context.loc(source.title), "publisher": source.publisher,
                "url": source.url, "archived_url": source.archived_url,
                "published": self.context.when(source.published)}


def page_context(page: Page, context: Context) -> dict:
    """Return the values a page's template reads, besides the ones every page shares."""
    values = _page_values(page, context)
    values["meta"] = page_meta(page, context, values)
    values["reader"] = {"search": urls.search_path(page.lang), "data": urls.data_path(page.lang),
                        "feed": urls.feed_path(page.lang)}
    return values


def _page_values(page: Page, context: Context) -> dict:
    if page.kind == "home":
        return context.home()
    if page.kind == "people":
        return context.people()
    if page.kind == "person":
        return context.person(*page.key)
    if page.kind == "event":
        return context.event(*page.key)
    if page.kind == "timeline":
        return context.timeline()
    if page.kind == "timeline-year":
        return context.timeline(*page.key)
    if page.kind == "data":
        from ..outputs.opendata import page_values  # here: opendata reads the content model views builds on
        return page_values(context)
    return {}
