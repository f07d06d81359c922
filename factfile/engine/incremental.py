"""Rebuild only what changed: the engine behind `serve` and the benchmark's edit rebuilds.

A `Builder` keeps the loaded content, its indexes and the digest of every page on disk between
builds. `rebuild(changed_paths)` re-reads only the changed files, re-checks their references and
re-renders only the pages that read what changed (see `affected`); pages whose bytes are the same
are not written. Site settings, sources, interface text and static files are rare edits: they
re-render every page, still writing only the files that changed. While content has errors nothing
is written, and the pages those changes touch are remembered until a build succeeds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import affected, fingerprint
from .filecache import RecordCache
from ..site.i18n import load_catalogues
from ..content.link import Linked
from ..content.linkindex import LinkIndex
from .liveout import remove, sync_static, write_atomic
from ..content.load import ContentFile, RecordReader, load_content
from ..outputs.memo import Touched
from ..content.model import Content, Event, Person, Reference
from ..outputs.outputs import SiteBuild
from .options import BuildOptions
from .pipeline import extra_files, finishing_steps, make_contexts
from ..site.plan import TIMELINE_CHUNK, TIMELINE_LATEST, Page, chunked, flat_years, plan
from ..problems import Problem, Problems, display_path
from ..site.render import STATIC_DIR, Renderer, environment
from .renderjobs import pending_name, render_pages
from .write import MARKER, check_output, write_tree
from ..site.templatedeps import pages_using


@dataclass
class Outcome:
    """What one build or rebuild did."""

    problems: Problems
    pages: int = 0  # pages the site has
    rendered: int = 0  # pages rendered this time
    written: int = 0  # files written because their bytes changed
    removed: int = 0  # files removed
    seconds: float = 0.0
    full: bool = False
    changed: list[str] = field(default_factory=list)

    def ok(self, strict: bool = False) -> bool:
        return not self.problems.failed(strict)


class Builder:
    """Builds a site once, then rebuilds it from lists of changed paths."""

    def __init__(self, options: BuildOptions, processes: int | None = None, defer_extras: bool = False) -> None:
        self.options = options
        self.processes = processes
        # With defer_extras, rebuild() writes the pages only and leaves the data files and feeds to
        # write_extras(), which the preview runs after the browsers were told to reload.
        self.defer_extras = defer_extras
        self.extras_pending = False
        self.cache = RecordCache()
        self.content: Content | None = None
        self.site: SiteBuild | None = None
        self.renderer: Renderer | None = None
        self.timeline: affected.Timeline | None = None
        self.pages: dict[str, Page] = {}
        self.digests: dict[str, bytes] = {}  # the digest of every page on disk
        self.extra_data: dict[str, bytes] = {}  # the bytes of every extra file on disk (data, feeds)
        self.base_problems: list[Problem] = []  # site, sources, file names, interface text
        self.links = LinkIndex(Content(None, {}, {}, {}))  # type: ignore[arg-type]
        self.dirty: set[str] = set()
        self.dirty_all = True
        self.touched: Touched | None = None  # records re-read since extra outputs last ran; None: all
        self._pages_changed = True

    # Full builds -------------------------------------------------------------------------------

    def build(self) -> Outcome:
        """Load everything (reusing unchanged files) and bring the output up to date."""
        started = time.perf_counter()
        outcome = Outcome(Problems(), full=True)
        try:
            check_output(self.options.out, [self.options.content, self.options.templates])
        except Exception as exc:  # OutputError, or a folder we cannot list
            outcome.problems.add(str(self.options.out), (0, 0), "", str(exc).removeprefix(f"{self.options.out}: "))
            return outcome
        self._load_all()
        self.dirty_all = True
        return self._finish(outcome, started)

    def _load_all(self) -> None:
        problems = Problems()
        record_problems: list[Problem] = []

        def reader(files: list[tuple[str, ContentFile]], cls: type, languages: list[str], into: Problems,
                   references: list[Reference]):
            start = len(into.items)
            records = self.cache(files, cls, languages, into, references)
            record_problems.extend(into.items[start:])  # kept per file by the cache, not here
            return records

        read: RecordReader = reader
        content = load_content(self.options.content, problems, read)
        self.content = content
        self.touched = None
        ids = {id(p) for p in record_problems}
        self.base_problems = [p for p in problems.items if id(p) not in ids]
        self.site = self.renderer = self.timeline = None
        if content is None:
            return
        self.links = LinkIndex(content)
        languages = content.site.languages
        catalogues = load_catalogues(self.options.templates, languages, problems)
        self.base_problems += [p for p in problems.items if id(p) not in ids and p not in self.base_problems]
        if len(catalogues) != len(languages):
            return
        linked = Linked(content, self.links.events_by_person)
        site_plan = plan(linked, languages)
        contexts = make_contexts(linked, site_plan, catalogues, languages, self.options.content)
        self.site = SiteBuild(linked, site_plan, contexts, languages)
        self.renderer = Renderer(environment(self.options.templates), contexts, languages)
        self.timeline = affected.Timeline(site_plan.timeline)
        self.pages = {page.path: page for page in site_plan.pages}
        self._pages_changed = True

    # Rebuilds ----------------------------------------------------------------------------------

    def rebuild(self, changed: Iterable[Path | str]) -> Outcome:
        """Bring the output up to date after the given files were added, edited or deleted."""
        started = time.perf_counter()
        paths = sorted({Path(p) for p in changed})
        records, templates, static, full, ignored = affected.classify(
            paths, self.options.content, self.options.templates, self.base_problems)
        outcome = Outcome(Problems(), changed=[display_path(p) for p in paths if p not in ignored])
        if full or self.site is None or self.renderer is None or self.content is None:
            for path in paths:
                self.cache.forget(path)
            self._load_all()
            self.dirty_all = True
            outcome.full = True
            return self._finish(outcome, started, static=True)
        self._plan_changed = False
        self._years: set[int] = set()
        self._timeline_entries: list = []  # (year, entry) pairs whose timeline page must be redrawn
        self._old_plan = self.site.plan
        self._old_years = flat_years(self.site.plan)
        self._old_newest = self.site.plan.timeline
        for folder, slug, path in records:
            self._reread(folder, slug, path)
        self._update_timeline()
        if templates:
            env = environment(self.options.templates)
            page_templates = {page.template for page in self.pages.values()}
            using: set[str] = set()
            for name in templates:
                using |= pages_using(env, page_templates, name)
            self.renderer.env = env
            self.dirty |= {path for path, page in self.pages.items() if page.template in using}
        return self._finish(outcome, started, static=static)

    def _reread(self, folder: str, slug: str, path: Path) -> None:
        assert self.content is not None and self.site is not None
        cls = Person if folder == "people" else Event
        if path.is_file() or path.is_symlink():
            prefix = display_path(path.parent)
            display = path.name if prefix == "." else os.path.join(prefix, path.name)
            new = self.cache.read_one(slug, ContentFile(path, display), cls, self.site.languages).record
        else:
            self.cache.forget(path)
            new = None
        if cls is Person:
            self._apply_person(slug, self.content.people.get(slug), new)
        else:
            self._apply_event(slug, self.content.events.get(slug), new)

    def _apply_person(self, slug: str, old: Person | None, new: Person | None) -> None:
        content, langs = self.content, self.site.languages
        if self.touched is not None:
            self.touched.people.add(slug)
        if old is not None:
            self.links.remove_person(old)
        affected.put(content.people, slug, new)
        if new is not None:
            self.links.add_person(new)
        naming = sorted(self.links.named_by.get(slug, ()))
        if (old is None) != (new is None):
            self._plan_changed = True
            for event_slug in naming:  # their "unknown person" errors come or go
                event = content.events[event_slug]
                self.links.replace_event(event, event)
        self.dirty.update(affected.person_pages(langs, slug))
        if affected.person_line(old) != affected.person_line(new):
            self.dirty.update(affected.list_pages(langs, "people"))
            for event_slug in naming:
                self.dirty.update(affected.event_pages(langs, event_slug))
        # Home counts statuses and charts the years of detention and release.
        if old is None or new is None or (old.status, old.detained, old.released) != \
                (new.status, new.detained, new.released):
            self.dirty.update(affected.list_pages(langs, "home"))
        self._retime(affected.entries(old), affected.entries(new),
                     affected.person_name(old) != affected.person_name(new))

    def _apply_event(self, slug: str, old: Event | None, new: Event | None) -> None:
        content, langs = self.content, self.site.languages
        self.links.replace_event(old, new)
        affected.put(content.events, slug, new)
        if self.touched is not None:  # a person's export lists the events naming them
            self.touched.events.add(slug)
            self.touched.people |= set(old.people if old else ()) | set(new.people if new else ())
        if (old is None) != (new is None):
            self._plan_changed = True
        self.dirty.update(affected.event_pages(langs, slug))
        line_changed = affected.event_line(old) != affected.event_line(new)
        before, after = set(old.people if old else ()), set(new.people if new else ())
        if line_changed or before != after:
            for person in sorted(before | after):
                if person in content.people:
                    self.dirty.update(affected.person_pages(langs, person))
        old_entries, new_entries = affected.entries(old), affected.entries(new)
        if line_changed:
            latest = affected.latest_events(self._old_newest)
            self._retime(old_entries, new_entries, True)
            if slug in latest or slug in affected.latest_events(self.timeline.newest_first()):
                self.dirty.update(affected.list_pages(langs, "home"))
        else:
            self._retime(old_entries, new_entries, False)

    def _retime(self, old: list, new: list, shown_changed: bool) -> None:
        """Move a record's timeline entries; remember which timeline pages show them."""
        assert self.timeline is not None
        if old != new:
            self.timeline.replace(old, new)
            self._years |= {entry.date.year for entry in old + new}
        if old != new or shown_changed:
            self._timeline_entries += old + new

    def _update_timeline(self) -> None:
        """Bring the plan's timeline, its years and the page list up to date."""
        site, langs = self.site, self.site.languages
        site_plan = site.plan
        if self._years:
            site_plan.timeline = self.timeline.newest_first()
            site_plan.latest = site_plan.timeline[:TIMELINE_LATEST]
            for year in self._years:
                entries = self.timeline.year(year)
                if entries:
                    site_plan.years[year] = chunked(entries)
                else:
                    site_plan.years.pop(year, None)
            site_plan.years = dict(sorted(site_plan.years.items(), reverse=True))
        new_years = flat_years(site_plan)
        counts_changed = {y: len(e) for y, e in new_years.items()} != \
            {y: len(e) for y, e in self._old_years.items()}
        if self._plan_changed or counts_changed:
            self._replan()
        if counts_changed:
            for lang in langs:
                self.dirty.update(affected.timeline_pages(lang, self._old_years))
                self.dirty.update(affected.timeline_pages(lang, new_years))
        elif self._timeline_entries:
            for lang in langs:
                self.dirty.add(affected.urls.timeline_path(lang) + "index.html")
                for year, chunk in self._chunks_showing():
                    self.dirty.add(affected.urls.timeline_path(lang, year, chunk) + "index.html")

    def _chunks_showing(self) -> set[tuple[int, int]]:
        """Return the (year, chunk) pages that show or showed a touched entry, or lie between."""
        found: dict[int, list[int]] = {}
        new_years = flat_years(self.site.plan)
        for entry in self._timeline_entries:
            year = entry.date.year
            for entries in (self._old_years.get(year, []), new_years.get(year, [])):
                if entry in entries:
                    found.setdefault(year, []).append(entries.index(entry))
        chunks = set()
        for year, positions in found.items():
            first, last = min(positions), max(positions)
            chunks |= {(year, n + 1) for n in range(first // TIMELINE_CHUNK, last // TIMELINE_CHUNK + 1)}
        return chunks

    def _replan(self) -> None:
        """Plan the pages again after records were added or removed."""
        site = self.site
        site_plan = plan(site.linked, site.languages)
        for context in site.contexts.values():
            context.plan = site_plan
        site.plan = site_plan
        self.timeline = affected.Timeline(site_plan.timeline)
        old_pages = self.pages
        self.pages = {page.path: page for page in site_plan.pages}
        self.dirty |= self.pages.keys() - old_pages.keys()
        self._pages_changed = True

    # Writing -----------------------------------------------------------------------------------

    def _finish(self, outcome: Outcome, started: float, static: bool = False) -> Outcome:
        """Render what is dirty and write what changed, unless there are problems."""
        outcome.problems = self.problems()
        site, renderer = self.site, self.renderer
        if site is None or renderer is None or outcome.problems.failed(self.options.strict):
            outcome.seconds = time.perf_counter() - started
            return outcome
        outcome.pages = len(self.pages)
        out = self.options.out
        if self.dirty_all:
            pages = site.plan.pages
        else:
            pages = [self.pages[path] for path in sorted(self.dirty) if path in self.pages]
        outcome.rendered = len(pages)
        fingerprint.forget(out)  # the next one-shot build must not trust a fingerprint from before
        fresh = not self.digests or not (out / MARKER).is_file()
        if fresh:
            self._write_fresh(outcome, pages)
        else:
            self._write_in_place(outcome, pages, static)
        if not outcome.problems.failed(self.options.strict):
            self.dirty.clear()
            self.dirty_all = False
            if fresh:
                self.touched, self.extras_pending = Touched(), False
        outcome.seconds = time.perf_counter() - started
        return outcome

    def _write_fresh(self, outcome: Outcome, pages: list[Page]) -> None:
        """Write the whole site into a staging folder and swap it in, as a one-shot build does."""
        site, renderer, options = self.site, self.renderer, self.options
        digests: dict[str, bytes] = {}
        extra_data: dict[str, bytes] = {}

        def fill(staging: Path) -> int:
            rendered = render_pages(site.plan.pages, renderer, options.templates, root=staging,
                                    processes=self.processes)
            if rendered.problem is not None:
                outcome.problems.extend([rendered.problem])
                raise _Abort
            digests.update(rendered.digests)
            count = len(rendered.digests)
            site.touched = self.touched
            for path, data in extra_files(site):
                write_atomic(staging / path, data)
                extra_data[path] = data
                count += 1
            return count

        def finish(staging: Path) -> None:
            for step in finishing_steps(options):
                step(staging, site)

        try:
            outcome.written = write_tree(options.out, fill, options.templates / STATIC_DIR, finish)
        except _Abort:
            return
        except OSError as exc:
            outcome.problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}")
            return
        outcome.rendered = len(site.plan.pages)
        self.digests, self.extra_data = digests, extra_data

    def _write_in_place(self, outcome: Outcome, pages: list[Page], static: bool) -> None:
        """Write changed pages into the live folder, each atomically, once all rendered."""
        site, out = self.site, self.options.out
        rendered = render_pages(pages, self.renderer, self.options.templates, root=out, known=self.digests,
                                processes=self.processes)
        if rendered.problem is not None:
            for path in rendered.changed:
                remove(out, pending_name(path))
            outcome.problems.extend([rendered.problem])
            return
        for path in rendered.changed:
            os.replace(out / pending_name(path), out / path)
        self.digests.update(rendered.digests)
        outcome.written = len(rendered.changed)
        if self._pages_changed:
            for path in [p for p in self.digests if p not in self.pages]:
                remove(out, path)
                del self.digests[path]
                outcome.removed += 1
            self._pages_changed = False
        if static:
            sync_static(self.options.templates / STATIC_DIR, out / STATIC_DIR)
        self.extras_pending = True
        if not self.defer_extras:
            written, removed = self.write_extras()
            outcome.written += written
            outcome.removed += removed
        # The search index and the offline zip are made by whole builds (`make site`); redoing them
        # on every save would cost seconds on a large site, and the preview does not need them.

    def write_extras(self) -> tuple[int, int]:
        """Bring the data files and feeds on disk up to date with the last successful rebuild;
        return how many files were written and removed."""
        site, out = self.site, self.options.out
        if not self.extras_pending or site is None:
            return 0, 0
        written = removed = 0
        # Extra outputs hand back the same bytes objects for what did not change (memo.py), so most
        # files are skipped by identity; the others are compared whole, which is cheaper than hashing.
        extra_data: dict[str, bytes] = {}
        site.touched = self.touched
        for path, data in extra_files(site):
            old = self.extra_data.get(path)
            extra_data[path] = data
            if old is not data and old != data:
                write_atomic(out / path, data)
                written += 1
        for path in self.extra_data.keys() - extra_data.keys():
            if path not in self.digests:  # not a page now
                remove(out, path)
                removed += 1
        self.extra_data = extra_data
        self.touched, self.extras_pending = Touched(), False
        return written, removed

    # Problems ----------------------------------------------------------------------------------

    def problems(self) -> Problems:
        """Return every problem the content and templates have now."""
        problems = Problems(list(self.base_problems))
        if self.content is None:
            return problems
        for path in sorted(self.cache.with_problems):
            problems.extend(self.cache.entries[path].problems)
        self.links.report(problems)
        return problems


class _Abort(Exception):
    """Abandons a staging folder after a page failed to render."""

