"""The build engine: load → validate → link → plan → render → write, for every command.

`build`, `check`, `serve` and the benchmark all run `Engine.run`. A cold build is a run from an empty
state; any later run reads only the files whose stamp changed, works out which keys (records'
fields, site-wide facts) changed, and renders only the pages and outputs that read one of them
(deps.py records what each read). The state lives in a cache folder between command-line builds
(state.py) and in memory for `check`.
"""

from __future__ import annotations

import datetime
import sqlite3
import time
from pathlib import Path
from typing import Any

from .. import deps
from ..content.gitdates import last_changed
from ..outputs.kinds import PIECE
from ..problems import Problems, StepFailed
from ..site.urls import OFFLINE_ZIP
from .changes import Changes, find_changes, stamps, unchanged
from .options import BuildOptions, BuildResult
from .output import Discard, Fresh, InPlace, Linked as LinkedCopy, Publication
from .progress import Phases
from .records import Info
from .scan import STATIC_DIR, Listing, code_version, digest, list_inputs, stamp
from .state import State
from .write import MARKER, OutputError, check_output

SCHEMA = "1"
GLOBAL = ("site",)  # read by every page: a change re-renders everything, so not stored per page
SEARCH_DIR, OFFLINE_DIR = "pagefind/", "offline/"


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
            now = stamps(options, listing, self.write)
            if self.write and unchanged(state, now, listing, result):
                result.seconds = time.perf_counter() - started
                return result
        state.begin()
        try:
            with phases.phase("loading"):
                found = find_changes(options, state, listing, now, self.files, self.processes, problems)
            if found is not None and not problems.failed(options.strict) and self._build(found, listing, now,
                                                                                         result, phases):
                self.files = found.known  # kept for the next run of this engine (the preview)
        finally:
            if state.db.in_transaction:  # failed: the state stays the last good build's
                state.rollback()
                self.files = None
        result.seconds = time.perf_counter() - started
        return result

    # Rendering and writing ---------------------------------------------------------------------

    def _build(self, changes: Changes, listing: Listing, stamps: dict[str, Any], result: BuildResult,
               phases: Phases) -> bool:
        """Render and write what changed; return whether the site was published."""
        from ..outputs import offline, search
        from ..site import pages as page_kinds
        from ..site.context import Context, facts
        from ..site.plan import plan
        from ..site.render import Renderer, environment
        from ..site.templatedeps import pages_using
        from .renderjobs import render_pages
        from .outputs import make_outputs

        options, state = self.options, self.state
        full, linked, changed = changes.full, changes.linked, changes.changed
        languages = linked.site.languages
        site_plan = plan(linked, languages, page_kinds.KINDS)
        result.pages, result.languages = len(site_plan.pages), list(languages)
        changed_dates = self._git_dates(stamps["head"])
        built = stamps["day"]
        contexts = {lang: Context(linked, site_plan, changes.catalogues[lang], languages[0], built, changed_dates)
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
        except BaseException as exc:
            publication.abort()
            result.pages = 0
            if isinstance(exc, StepFailed):
                result.problems.add(str(options.out), (0, 0), "", f"the site was not published: {exc}")
            elif isinstance(exc, OSError):
                result.problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                                    "check that the folder is writable and the disk is not full")
            elif isinstance(exc, sqlite3.Error):
                result.problems.add(str(options.out), (0, 0), "", f"cannot keep the build cache: {exc}",
                                    "pass another folder with --cache")
            elif not isinstance(exc, _Abort):
                raise
            return False
        result.files = len(rendered.changed) + len(made.changed)
        self._remember(changes, stamps, rendered, made, fact_digests, old_facts, gone_files, subjects,
                       old_subjects, result)
        return True

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

    def _remember(self, changes: Changes, stamps: dict[str, Any], rendered: Any, made: Any,
                  fact_digests: dict[str, bytes], old_facts: dict[str, bytes], gone_files: list[str],
                  subjects: set[str], old_subjects: set[str], result: BuildResult) -> None:
        """Write what this build read and made into the state, and commit it."""
        state = self.state
        state.put_files((path, entry.stamp, entry.hash, entry.record, entry.info.dump())
                        for path, entry in changes.new_entries.items())
        state.put_stamps(changes.restamped)
        state.drop_files(changes.gone)
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
        state.put("site", changes.linked.site)
        state.put("sources", changes.sources)
        state.put("result", {"pages": result.pages, "languages": result.languages,
                             "warnings": [(p.file, p.line, p.column, p.field, p.message, p.hint, p.warning)
                                          for p in result.problems.warnings]})
        state.commit()


class _Abort(Exception):
    """Abandons a build after a page failed to render."""
