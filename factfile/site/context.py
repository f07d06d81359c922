"""What views read, in one language: records through their recorded wrappers, and site-wide facts.

Views never reach records or indexes directly: every read goes through a `Context` method that
records it (factfile/deps.py), so the engine knows what each page shows and re-renders it only when
that changes. `facts` computes every site-wide fact a page can read, under the key it is recorded
by; the engine compares them with the last build's to find which changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .. import deps
from ..content.dates import PartialDate
from ..content.heldcount import HeldCounts, count_held
from ..content.link import HeldAt, Linked
from ..content.model import Article, ContentPage, Event, Localized, LocalizedMarkdown, Person, Place, Site, Source
from .changelog import Change, History, RecentCommit
from .i18n import Catalogue
from .kinds import page_path
from .parts import Item, LText
from .plan import FEED_ENTRIES, LATEST_EVENTS, Plan, TimelineEntry

T = TypeVar("T")
LATEST_COUNTS = (LATEST_EVENTS, FEED_ENTRIES)  # the lists of newest events pages and feeds show


@dataclass
class Context:
    """Localizes one language's values for every page of that language."""

    linked: Linked
    plan: Plan
    t: Catalogue
    default_lang: str
    built: datetime.date  # the day time in custody is counted to (dates.build_date)
    history: History = field(default_factory=History)  # what git says of the content (changelog.py)
    _dates: dict[PartialDate, Item] = field(default_factory=dict, init=False, repr=False, compare=False)
    _kept: dict[str, tuple[Any, dict[str, int]]] = field(default_factory=dict, init=False, repr=False,
                                                         compare=False)

    def remember(self, name: str, compute: Callable[[], T]) -> T:
        """Return a value computed once per build and language (the register's order), replaying
        what computing it read for every page that uses it (deps.memo, kept with this context)."""
        return deps.kept(self._kept, name, compute)

    # Language ----------------------------------------------------------------------------------

    def loc(self, value: Localized | None) -> LText | None:
        """Return the text in this language, falling back to the default language."""
        if not value:
            return None
        block = isinstance(value, LocalizedMarkdown)
        if self.t.lang in value:
            return LText(value[self.t.lang], None, block)
        lang = self.default_lang if self.default_lang in value else next(iter(value))
        note = self.t("untranslated", language=self.t.language_name(lang)) if block else None
        return LText(value[lang], lang, block, note)

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

    def link(self, kind: str, *key: Any) -> str:
        return page_path(kind, self.t.lang, tuple(key))

    # Records -----------------------------------------------------------------------------------

    @property
    def site(self) -> Site:
        return deps.tracked(self.linked.site, "site")

    def person(self, slug: str) -> Person:
        return deps.tracked(self.linked.records.person(slug), "person:" + slug)

    def event(self, slug: str) -> Event:
        return deps.tracked(self.linked.records.event(slug), "event:" + slug)

    def page(self, slug: str) -> ContentPage:
        return deps.tracked(self.linked.records.page(slug), "page:" + slug)

    def place(self, slug: str) -> Place:
        return deps.tracked(self.linked.records.place(slug), "place:" + slug)

    def places(self) -> Iterator[Place]:
        """Yield every place of detention, in slug order."""
        deps.read("fact:places")
        for slug in self.plan.places:
            yield self.place(slug)

    def article(self, article_id: str) -> Article | None:
        """Return an article as content/articles.yaml lists it; None when it does not."""
        deps.read("article:" + article_id)  # recorded even when missing: listing it changes the page
        return self.linked.articles.get(article_id)

    def articles(self) -> list[tuple[str, Article]]:
        """Return every article content/articles.yaml lists, by id, in id order."""
        deps.read("fact:articles")
        return [(article_id, article) for article_id in self.plan.articles
                if (article := self.article(article_id)) is not None]

    def held_at(self, slug: str) -> tuple[list[Person], list[Person]]:
        """Return who is held at a place now, and who was held there before, each in slug order."""
        deps.read("fact:held_at:" + slug)
        found = self.linked.held_at.get(slug, HeldAt((), ()))
        return [self.person(s) for s in found.now], [self.person(s) for s in found.before]

    def charged_under(self, article_id: str) -> list[Person]:
        """Return everyone charged under an article, in slug order."""
        deps.read("fact:charged_under:" + article_id)
        return [self.person(s) for s in self.linked.charged_under.get(article_id, ())]

    def content_pages(self) -> list[ContentPage]:
        """Return the site's own pages (about, methodology...), in slug order."""
        deps.read("fact:content_pages")
        return [self.page(slug) for slug in self.plan.content_pages]

    def people(self) -> Iterator[Person]:
        """Yield everyone, in slug order."""
        deps.read("fact:people")
        for slug in self.plan.people:
            yield self.person(slug)

    def events_of(self, slug: str) -> list[Event]:
        """Return the events naming a person, oldest first."""
        deps.read("fact:events_of:" + slug)
        return [self.event(s) for s in self.linked.events_of.get(slug, ())]

    def latest_events(self, count: int = LATEST_EVENTS) -> list[Event]:
        """Return the newest events, newest first (as many as the home page or a feed lists)."""
        deps.read(f"fact:latest_events:{count}")
        return [self.event(s) for s in latest_events(self.plan, count)]

    def source(self, ref: str | Source) -> Source:
        """Return the source a reference means: an id in sources.yaml or a source written in place."""
        if isinstance(ref, str):
            deps.read("source:" + ref)
            return self.linked.sources[ref]
        return ref

    # Facts -------------------------------------------------------------------------------------

    @property
    def today(self) -> datetime.date:
        deps.read("fact:today")
        return self.built

    def last_changed(self, path: str) -> datetime.date | None:
        """Return the date of the newest commit touching a content file, None when not committed."""
        found = self.file_history(path)
        return found[0].date if found else None

    def file_history(self, path: str) -> tuple[Change, ...]:
        """Return the changes of a content file ('people/x.yaml'), newest first."""
        deps.read("fact:history:" + path)
        return self.history.files.get(path, ())

    def people_added(self) -> tuple[tuple[str, datetime.date], ...]:
        """Return (slug, day its file was first committed) of each person whose file git knows."""
        deps.read("fact:people_added")
        return self.history.added

    def recent_changes(self) -> tuple[RecentCommit, ...]:
        """Return the newest commits touching the content, newest first."""
        deps.read("fact:recent_changes")
        return self.history.recent

    def held_counts(self) -> HeldCounts | None:
        """Return how many people were held on each day, from everyone's custody to today (once per
        build and language, replaying what it read for each page that shows it)."""
        return self.remember("held_counts", lambda: count_held(self.people(), self.today))

    def timeline_latest(self) -> list[TimelineEntry]:
        deps.read("fact:timeline")
        return self.plan.latest

    def timeline_chunk(self, year: int, chunk: int) -> list[TimelineEntry]:
        deps.read(f"fact:timeline:{year}/{chunk}")
        return self.plan.years[year][chunk - 1]

    def timeline_years(self) -> dict[int, int]:
        """Return how many entries each year has, newest year first."""
        deps.read("fact:timeline:years")
        return {year: sum(map(len, chunks)) for year, chunks in self.plan.years.items()}


def latest_events(site_plan: Plan, count: int) -> list[str]:
    """Return the slugs of the newest events, newest first."""
    found: list[str] = []
    for entry in site_plan.timeline:
        if entry.kind == "event":
            found.append(entry.slug)
            if len(found) == count:
                break
    return found


def facts(linked: Linked, site_plan: Plan, built: datetime.date, history: History) -> dict[str, object]:
    """Return every site-wide fact a page may read, by the key Context records it under."""
    found: dict[str, object] = {
        "fact:people": tuple(site_plan.people),
        "fact:content_pages": tuple(site_plan.content_pages),
        **{f"fact:latest_events:{n}": tuple(latest_events(site_plan, n)) for n in LATEST_COUNTS},
        "fact:today": built,
        "fact:timeline": tuple(site_plan.latest),
        "fact:timeline:years": tuple((y, sum(map(len, c))) for y, c in site_plan.years.items()),
    }
    for slug in site_plan.people:
        found["fact:events_of:" + slug] = linked.events_of.get(slug, ())
    found["fact:places"] = tuple(site_plan.places)
    found["fact:articles"] = tuple(site_plan.articles)
    for slug in site_plan.places:
        found["fact:held_at:" + slug] = linked.held_at.get(slug, HeldAt((), ()))
    for article_id in linked.charged_under.keys() | set(site_plan.articles):
        found["fact:charged_under:" + article_id] = linked.charged_under.get(article_id, ())
    for year, chunks in site_plan.years.items():
        for n, entries in enumerate(chunks, 1):
            found[f"fact:timeline:{year}/{n}"] = tuple(entries)
    for path, changes in history.files.items():
        found["fact:history:" + path] = changes
    found["fact:recent_changes"] = history.recent
    found["fact:people_added"] = history.added
    return found
