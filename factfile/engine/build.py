"""The build engine: load → validate → link → plan → render → write, for every command.

`build`, `check`, `serve` and the benchmark all run `Engine.run`. A cold build is a run from an empty
state; any later run reads only the files whose stamp changed, works out which keys (records'
fields, site-wide facts) changed, and renders only the pages and outputs that read one of them
(deps.py records what each read). The state lives in a cache folder between command-line builds
(state.py) and in memory for `check`.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import deps
from ..content.dates import build_date
from ..content.gitdates import last_changed
from ..content.kinds import BY_FOLDER, PEOPLE
from ..content.link import Linked, link
from ..content.load import load_site, load_sources
from ..content.model import Site
from ..problems import Problem, Problems, StepFailed
from .options import BuildOptions, BuildResult
from ..outputs.kinds import PIECE
from ..site.urls import OFFLINE_ZIP
from .output import Discard, Fresh, InPlace, Linked as LinkedCopy, Publication
from .progress import Phases
from .records import Entry, Info, Store, read_changed
from .scan import CATALOGUE_DIR, STATIC_DIR, Listing, code_version, digest, git_head, list_inputs, stamp
from .state import State
from .write import MARKER, OutputError, check_output

SCHEMA = "1"
GLOBAL = ("site",)  # read by every page: a change re-renders everything, so not stored per page
SEARCH_DIR, OFFLINE_DIR = "pagefind/", "offline/"


@dataclass
class Inputs:
    """The small files every run reads whole, and the stamps that tell whether anything changed."""

    site: Site | None = None
    sources: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, Any] = field(default_factory=dict)


class Engine:
    """Builds one site from `options`, keeping what it learnt between runs in `state`."""

    def __init__(self, options: BuildOptions, cache: Path | None = None, write: bool = True,
                 processes: int | None = None) -> None:
        self.options = options
        self.write = write
        self.processes = processes
        self.state = State(cache / "state.sqlite" if cache and write else None, SCHEMA + ":" + code_version())
        self.files: dict[str, tuple[Any, bytes, Info]] | None = None  # path -> (stamp, hash, info)

    def close(self) -> None:
        self.state.close()

    # The run -----------------------------------------------------------------------------------

    def run(self, phases: Phases | None = None) -> BuildResult:
        """Bring the output up to date with the content; nothing is written when anything fails."""
        started = time.perf_counter()
        phases = phases or Phases()
        problems = Problems()
        result = BuildResult(problems)
        options, state = self.options, self.state
        if self.write:
            try:
                check_output(options.out, [options.content, options.templates])
            except (OutputError, OSError) as exc:
                problems.add(str(options.out), (0, 0), "", str(exc).removeprefix(f"{options.out}: "))
                return result
        with phases.phase("loading"):
            listing = list_inputs(options.content, options.templates)
            stamps = self._stamps(listing)
            if self._unchanged(stamps, result):
                result.seconds = time.perf_counter() - started
                return result
            state.begin()
            try:
                prepared = self._load(listing, stamps, problems)
            except BaseException:
                state.rollback()
                raise
        if prepared is None or problems.failed(options.strict):
            state.rollback()
            self.files = None  # forget what this run read: the state is the last good build's
            result.seconds = time.perf_counter() - started
            return result
        try:
            self._build(prepared, listing, stamps, result, phases)
        except BaseException:
            state.rollback()
            self.files = None
            raise
        result.seconds = time.perf_counter() - started
        return result

    # Has anything changed? ---------------------------------------------------------------------

    def _stamps(self, listing: Listing) -> dict[str, Any]:
        """Return every stamp and setting whose change means the site must be looked at again."""
        options = self.options
        content, templates = options.content, options.templates
        return {
            "options": (str(content.resolve()), str(templates.resolve()), str(options.out.resolve()),
                        options.search),
            "site": stamp(content / "site.yaml"), "sources": stamp(content / "sources.yaml"),
            "catalogues": {path.name: stamp(path) for path in sorted((templates / CATALOGUE_DIR).glob("*.yaml"))},
            "records": {path: item.stamp for path, item in listing.records.items()},
            "templates": listing.templates, "static": listing.static, "photos": listing.photos,
            "day": build_date(), "head": git_head(content),
            "marker": stamp(options.out / MARKER) if self.write else None,
        }

    def _unchanged(self, stamps: dict[str, Any], result: BuildResult) -> bool:
        """Answer from the state when nothing the build reads changed: the output is this build's."""
        if not self.write or self.state.fresh or stamps["marker"] is None:
            return False
        last = self.state.get("stamps")
        done = self.state.get("result")
        if last != stamps or done is None:
            return False
        result.pages, result.languages = done["pages"], done["languages"]
        result.problems.extend(Problem(*p) for p in done["warnings"])
        result.unchanged = True
        return True

    # Loading -----------------------------------------------------------------------------------

    def _load(self, listing: Listing, stamps: dict[str, Any], problems: Problems) -> dict[str, Any] | None:
        """Read what changed, check everything against everything and find the keys that changed."""
        options, state = self.options, self.state
        problems.extend(listing.problems.items)
        site = load_site(options.content, problems)
        if site is None:
            return None
        languages = site.languages
        sources, source_origin = load_sources(options.content, languages, problems)
        last = state.get("stamps") or {}
        # Settings, languages and interface text show on every page: a change means a full build.
        full = (state.fresh or last.get("options") != stamps["options"] or state.get("languages") != languages
                or last.get("marker") != stamps["marker"] or state.get("site") != site
                or last.get("catalogues") != stamps["catalogues"])
        if full and not state.fresh:
            state.reset()
            self.files = None
        known = self.files if self.files is not None else \
            {path: (s, h, Info.load(info)) for path, (s, h, info) in state.files().items()}
        store = Store(state)
        changed: dict[str, int] = {}

        todo = [item for path, item in listing.records.items() if path not in known or known[path][0] != item.stamp]
        gone = [path for path in known if path not in listing.records]
        read = read_changed(todo, {str(i.file.path): known[str(i.file.path)][1] for i in todo
                                   if str(i.file.path) in known}, languages, self.processes)
        new_entries: dict[str, Entry] = {}
        restamped: list[tuple[str, Any]] = []
        for path, entry, file_stamp in read:
            if entry is None:
                restamped.append((path, file_stamp))
                known[path] = (file_stamp, known[path][1], known[path][2])
            else:
                new_entries[path] = entry
        # Which fields of which records changed: compare with the records as last built.
        for path, entry in new_entries.items():
            item = listing.records[path]
            key = item.kind.key(item.slug)
            old = state.record(path) if path in known and not full else None
            bits = deps.changed_bits(old, entry.record) if not full else deps.ALL
            if bits:
                changed[key] = changed.get(key, 0) | bits
            known[path] = (entry.stamp, entry.hash, entry.info)
            if entry.record is not None:
                store.put(key, entry.record)
        for path in gone:
            info = known.pop(path)[2]
            if info.summary is not None:
                folder = Path(path).parent.name
                changed[BY_FOLDER[folder].key(info.summary.slug)] = deps.ALL
        # Sources: each one a key of its own.
        old_sources = state.get("sources") or {}
        valid_sources = {key: source for key, source in sources.items() if source is not None}
        for source_id in old_sources.keys() | valid_sources.keys():
            if old_sources.get(source_id) != valid_sources.get(source_id):
                changed["source:" + source_id] = deps.ALL

        # Everything checked against everything, from summaries.
        people, events, references = {}, {}, []
        person_files: set[str] = set()
        for path, (file_stamp, file_hash, info) in known.items():
            item = listing.records[path]
            problems.extend(info.problems)
            references.extend(info.references)
            if item.kind is PEOPLE:
                person_files.add(item.slug)
            if info.summary is not None:
                (people if item.kind is PEOPLE else events)[item.slug] = info.summary
                store.paths[item.kind.key(item.slug)] = path
        people = dict(sorted(people.items()))
        events = dict(sorted(events.items()))
        linked = link(site, valid_sources, source_origin, set(sources), people, events, person_files,
                      references, store, problems)
        from ..site.i18n import load_catalogues

        catalogues = load_catalogues(options.templates, languages, problems)
        if len(catalogues) != len(languages):
            return None
        self.files = known
        return {"full": full, "linked": linked, "catalogues": catalogues, "changed": changed,
                "new_entries": new_entries, "restamped": restamped, "gone": gone, "sources": valid_sources}

    # Rendering and writing ---------------------------------------------------------------------

    def _build(self, prepared: dict[str, Any], listing: Listing, stamps: dict[str, Any], result: BuildResult,
               phases: Phases) -> None:
        from ..outputs import offline, search
        from ..site import pages as page_kinds
        from ..site.context import Context, facts
        from ..site.plan import plan
        from ..site.render import Renderer, environment
        from ..site.templatedeps import pages_using
        from .renderjobs import render_pages
        from .outputs import make_outputs

        options, state = self.options, self.state
        full: bool = prepared["full"]
        linked: Linked = prepared["linked"]
        changed: dict[str, int] = prepared["changed"]
        languages = linked.site.languages
        site_plan = plan(linked, languages, page_kinds.KINDS)
        result.pages, result.languages = len(site_plan.pages), list(languages)
        changed_dates = self._git_dates(stamps["head"])
        built = stamps["day"]
        contexts = {lang: Context(linked, site_plan, prepared["catalogues"][lang], languages[0], built, changed_dates)
                    for lang in languages}

        # Facts: which site-wide values changed.
        values = facts(linked, site_plan, built, changed_dates)
        values["fact:pages"] = tuple(page.path for page in site_plan.pages)
        for name, file_stamp in listing.photos.items():
            values["fact:photo:" + name] = file_stamp
        fact_digests = {key: digest(repr(value).encode()) for key, value in values.items()}
        old_facts = {} if full else state.facts()
        for key in old_facts.keys() | fact_digests.keys():
            if old_facts.get(key) != fact_digests.get(key):
                changed[key] = deps.ALL

        # Which subjects to render: what read a changed key, what is new, what a changed template draws.
        env = environment(options.templates)
        subjects = {page.subject for page in site_plan.pages}
        old_outputs = {} if full else state.outputs()
        old_subjects: set[str] = set() if full else (state.get("page_subjects") or set())
        if full:
            dirty = set(subjects)
        else:
            dirty = state.readers_of(changed) | (subjects - old_subjects)
            last_templates = (state.get("stamps") or {}).get("templates", {})
            edited = {name for name in listing.templates.keys() | last_templates.keys()
                      if listing.templates.get(name) != last_templates.get(name)}
            if edited:
                kinds = {kind.template: kind.name for kind in page_kinds.KINDS}
                using: set[str] = set()
                for name in edited:
                    using |= pages_using(env, set(kinds), name)
                drawn = {kinds[template] for template in using}
                dirty |= {page.subject for page in site_plan.pages if page.kind in drawn}
        pages = [page for page in site_plan.pages if page.subject in dirty]
        result.rendered = len(pages)

        known_digests = {path: digest_ for path, (digest_, _) in old_outputs.items()}
        publication: Publication = Discard(options.out)
        try:
            publication = self._publication(full, bool(pages))
            renderer = Renderer(env, contexts, languages)
            with phases.phase("rendering", len(pages)):
                rendered = render_pages(pages, renderer, options.templates, publication, known_digests,
                                        self.processes, done=phases.advance)
            if rendered.problem is not None:
                result.problems.extend([rendered.problem])
                raise _Abort
            with phases.phase("writing data files"):
                made = make_outputs(contexts, site_plan, linked, state, publication, changed, full, known_digests,
                                    old_outputs)
                self._static(listing, stamps, full, publication, made)
            # Pages of subjects that are gone; what outputs no longer make is in made.removed.
            gone_subjects = old_subjects - subjects
            gone_files = [path for path, (_, subject) in old_outputs.items() if subject in gone_subjects]
            gone_files += made.removed
            for path in gone_files:
                if not path.startswith(PIECE):
                    publication.remove(path)
            anything = bool(rendered.changed or made.changed or gone_files) or full
            if self.write and anything:
                if options.search and (full or rendered.changed):
                    with phases.phase("indexing for search"):
                        search.write_index(publication.root)
                with phases.phase("packing the offline copy"):
                    offline.write_zip(publication.files(), publication.target(OFFLINE_ZIP))
            publication.commit()
        except _Abort:
            publication.abort()
            state.rollback()
            self.files = None
            result.pages = 0
            return
        except StepFailed as exc:
            publication.abort()
            state.rollback()
            self.files = None
            result.problems.add(str(options.out), (0, 0), "", f"the site was not published: {exc}")
            result.pages = 0
            return
        except OSError as exc:
            publication.abort()
            state.rollback()
            self.files = None
            result.problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                                "check that the folder is writable and the disk is not full")
            result.pages = 0
            return
        except sqlite3.Error as exc:
            publication.abort()
            state.rollback()
            self.files = None
            result.problems.add(str(options.out), (0, 0), "", f"cannot keep the build cache: {exc}",
                                "pass another folder with --cache")
            result.pages = 0
            return
        except BaseException:
            publication.abort()
            raise
        result.files = len(rendered.changed) + len(made.changed)
        self._remember(prepared, stamps, rendered, made, fact_digests, old_facts, gone_files, subjects,
                       old_subjects, result)

    def _publication(self, full: bool, rendering: bool) -> Publication:
        if not self.write:
            return Discard(self.options.out)
        if full or not self.options.out.is_dir():
            return Fresh(self.options.out)
        if self.options.search and rendering:  # the index reads the whole new site
            return LinkedCopy(self.options.out, skip=(SEARCH_DIR,))
        return InPlace(self.options.out)

    def _static(self, listing: Listing, stamps: dict[str, Any], full: bool, publication: Publication,
                made: Any) -> None:
        """Copy the templates' static files that changed (all of them in a full build)."""
        last = {} if full else (self.state.get("stamps") or {}).get("static", {})
        folder = self.options.templates / STATIC_DIR
        for name, file_stamp in listing.static.items():
            path = f"{STATIC_DIR}/{name}"
            if full or last.get(name) != file_stamp:
                data = (folder / name).read_bytes()
                made.add(path, data, "static", publication, force=True)
            else:
                made.keep(path)
        for name in last.keys() - listing.static.keys():
            made.removed.append(f"{STATIC_DIR}/{name}")

    def _git_dates(self, head: str) -> dict[str, datetime.date]:
        """Return when each content file last changed in git, computed again only for a new commit."""
        saved = self.state.get("git")
        if saved is not None and saved[0] == head:
            return saved[1]
        dates = last_changed(self.options.content) if head else {}
        self.state.put("git", (head, dates))
        return dates

    def _remember(self, prepared: dict[str, Any], stamps: dict[str, Any], rendered: Any, made: Any,
                  fact_digests: dict[str, bytes], old_facts: dict[str, bytes], gone_files: list[str],
                  subjects: set[str], old_subjects: set[str], result: BuildResult) -> None:
        """Write what this build read and made into the state, and commit it."""
        state = self.state
        state.put_files((path, entry.stamp, entry.hash, entry.record, entry.info.dump())
                        for path, entry in prepared["new_entries"].items())
        state.put_stamps(prepared["restamped"])
        state.drop_files(prepared["gone"])
        reads = {subject: {k: b for k, b in keys.items() if k not in GLOBAL}
                 for subject, keys in (rendered.reads | made.reads).items()}
        state.put_deps(reads)
        state.drop_subjects(old_subjects - subjects)
        state.put_facts({k: d for k, d in fact_digests.items() if old_facts.get(k) != d},
                        old_facts.keys() - fact_digests.keys())
        rows = [(path, d, rendered.subjects[path]) for path, d in rendered.digests.items()]
        rows += [(path, d, subject) for path, (d, subject) in made.rows.items()]
        state.put_outputs(rows, gone_files)
        state.put("page_subjects", subjects)
        state.put("stamps", {**stamps, "marker": stamp(self.options.out / MARKER) if self.write else None})
        state.put("languages", result.languages)
        state.put("site", prepared["linked"].site)
        state.put("sources", prepared["sources"])
        state.put("result", {"pages": result.pages, "languages": result.languages,
                             "warnings": [(p.file, p.line, p.column, p.field, p.message, p.hint, p.warning)
                                          for p in result.problems.warnings]})
        state.commit()


class _Abort(Exception):
    """Abandons a build after a page failed to render."""
