"""The build engine: load → validate → link → plan → render → write, for every command.

`build`, `check`, `serve` and the benchmark all run `Engine.run`. A cold build is a run from an empty
state; any later run reads only the files whose stamp changed, works out which keys (records'
fields, site-wide facts) changed (changes.py), and renders only the pages and outputs that read one
of them (deps.py records what each read). The state lives in a cache folder between command-line
builds (state.py) and in memory for `check`.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .. import deps
from ..content.gitdates import Commit, read_history
from ..outputs.kinds import PIECE
from ..problems import Problems, StepFailed, display_path
from ..site.urls import OFFLINE_ZIP
from .changes import Changes, find_changes, stamps, unchanged
from .options import BuildOptions, BuildResult
from .outlock import OutputBusy, output_lock
from .output import Discard, Fresh, InPlace, Publication
from .output import Linked as LinkedCopy
from .progress import Phases
from .records import Info
from .scan import LINK, STATIC_DIR, Listing, code_version, digest, list_inputs
from .state import State
from .write import OutputError, check_output, marker_token, remove_leftovers

SCHEMA = "1"
# Keys every page reads (the site's settings; the footer's list of content pages): not stored per
# page; a change to one re-renders every page.
GLOBAL = ("site", "fact:content_pages", "page:")
SEARCH_DIR, OFFLINE_DIR = "pagefind", "offline"


class Engine:
    """Builds one site from `options`, keeping what it learnt between runs in `state`."""

    def __init__(self, options: BuildOptions, cache: Path | None = None, write: bool = True,
                 processes: int | None = None) -> None:
        self.options = options
        self.write = write
        self.processes = processes
        self.state = State(cache / "state.sqlite" if cache and write else None, SCHEMA + ":" + code_version())
        self.files: dict[str, tuple[Any, bytes, Info]] | None = None  # path -> (stamp, hash, info)
        self.leaks: Any = None  # namescan.Leaks of this run, when a withheld names file is given
        self.generation = 0  # of the state this engine last wrote; another process may write it too

    def close(self) -> None:
        self.state.close()

    # The run -----------------------------------------------------------------------------------

    def run(self, phases: Phases | None = None) -> BuildResult:
        """Bring the output up to date with the content; nothing is written when anything fails."""
        started = time.perf_counter()
        result = BuildResult(Problems())
        scan = None
        if self.options.withheld_names is not None:
            from . import namescan

            scan = namescan.load(self.options.withheld_names, result.problems)
            if scan is None:
                return result
        try:
            self._locked(phases or Phases(), result, scan)
        finally:
            if scan is not None:  # no message may print a withheld name, whatever its origin
                namescan.redact(result.problems, scan)
        result.seconds = time.perf_counter() - started
        return result

    def _locked(self, phases: Phases, result: BuildResult, scan: Any) -> None:
        """Run while holding the output folder's lock: one build at a time writes a folder."""
        options, problems = self.options, result.problems
        with ExitStack() as held:
            if self.write:
                try:
                    check_output(options.out, [options.content, options.templates])
                    held.enter_context(output_lock(options.out, wait=options.wait))
                    remove_leftovers(options.out)  # of builds that were killed; never a running one's
                except OutputBusy as exc:
                    problems.add(str(options.out), (0, 0), "", str(exc),
                                 "without --no-wait the build waits for the other one")
                    return
                except OutputError as exc:
                    problems.add(str(options.out), (0, 0), "", str(exc).removeprefix(f"{options.out}: "))
                    return
                except OSError as exc:
                    problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                                 "check that the folder is writable and the disk is not full")
                    return
            self._run(phases, result, scan)

    def _run(self, phases: Phases, result: BuildResult, scan: Any) -> None:
        options, state = self.options, self.state
        try:
            with phases.phase("loading"):
                listing = list_inputs(options.content, options.templates)
                now = stamps(options, listing, self.write)
                # A names file is searched for by every build: with one, nothing counts as unchanged.
                if self.write and scan is None and unchanged(state, now, listing, result):
                    return
                state.begin()
                if state.get("generation", 0) != self.generation:
                    self.files = None  # another build (a command-line one beside the preview) changed it
                found = find_changes(options, state, listing, now, self.files, self.processes, result.problems)
                result.coverage = found.coverage if found is not None else None
            if found is not None and not result.problems.failed(options.strict) \
                    and self._build(found, listing, now, result, phases, scan):
                self.files = found.known  # kept for the next run of this engine (the preview)
        finally:
            if state.db.in_transaction:  # failed: the state stays the last good build's
                state.rollback()
                self.files = None

    # Rendering and writing ---------------------------------------------------------------------

    def _build(self, changes: Changes, listing: Listing, now: dict[str, Any], result: BuildResult,
               phases: Phases, scan: Any) -> bool:
        """Render and write what changed; return whether the site was published."""
        from ..site import changelog
        from ..site import pages as page_kinds
        from ..site.context import Context, facts
        from ..site.plan import plan
        from ..site.render import Renderer, environment
        from .outputs import make_outputs
        from .renderjobs import render_pages

        options, state = self.options, self.state
        full, linked, changed = changes.full, changes.linked, changes.changed
        languages = linked.site.languages
        site_plan = plan(linked, languages, page_kinds.KINDS)
        result.pages, result.languages = len(site_plan.pages), list(languages)
        git_history = changelog.history(self._git_history(now["head"]), linked)
        contexts: dict[str, Context] = {
            lang: Context(linked, site_plan, changes.catalogues[lang], languages[0], now["day"], git_history)
            for lang in languages}
        # Facts: which site-wide values changed.
        values = facts(linked, site_plan, now["day"], git_history)
        values["fact:pages"] = tuple(page.path for page in site_plan.pages)
        values.update(("fact:photo:" + name, file_stamp) for name, file_stamp in listing.photos.items())
        fact_digests = {key: digest(repr(value).encode()) for key, value in values.items()}
        old_facts = {} if full else state.facts()
        changed.update((key, deps.ALL) for key in old_facts.keys() | fact_digests.keys()
                       if old_facts.get(key) != fact_digests.get(key))

        env = environment(options.templates)
        subjects = {page.subject for page in site_plan.pages}
        old_outputs = {} if full else state.outputs()
        old_subjects: set[str] = set() if full else (state.get("page_subjects") or set())
        dirty = subjects if full else self._dirty(changed, subjects, old_subjects, listing, env, site_plan)
        pages = [page for page in site_plan.pages if page.subject in dirty]
        result.rendered = len(pages)
        known = {path: digest_ for path, (digest_, _) in old_outputs.items()}
        if scan is not None:
            from .namescan import Leaks

            self.leaks = Leaks(scan, display_path(options.out), _record_files(site_plan.pages, linked))
        publication: Publication = Discard(options.out)
        try:
            publication = self._publication(full, self._search_needed(full, bool(pages)))
            with phases.phase("rendering", len(pages)):
                rendered = render_pages(pages, Renderer(env, contexts, languages), options.templates, publication,
                                        known, self.processes, done=phases.advance, scan=scan)
            if rendered.problem is not None:
                result.problems.extend([rendered.problem])
                raise _Abort
            publication.wrote(rendered.digests if publication.writes_all else rendered.changed)
            with phases.phase("writing data files"):
                everything = full or any(key.startswith(GLOBAL) for key in changed)
                made = make_outputs(contexts, site_plan, linked, state, publication, changed, everything, known,
                                    old_outputs, self.leaks)
                self._static(listing, full, publication, made)
            # Pages of subjects that are gone; what outputs no longer make is in made.removed.
            gone_subjects = old_subjects - subjects
            gone_files = [path for path, (_, subject) in old_outputs.items() if subject in gone_subjects]
            gone_files += made.removed
            for path in gone_files:
                if not path.startswith(PIECE):
                    publication.remove(path)
            self._finish(publication, full, full or bool(rendered.changed or made.changed or gone_files),
                         full or bool(rendered.changed), rendered.leaks, result, phases)
            publication.commit()
        except BaseException as exc:
            publication.abort()
            result.pages = 0
            if isinstance(exc, StepFailed):
                result.problems.add(str(options.out), (0, 0), "", f"the site was not published: {exc}")
            elif isinstance(exc, OSError):
                result.problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                                    "check that the folder is writable and the disk is not full")
            elif isinstance(exc, OutputError):
                result.problems.add(str(options.out), (0, 0), "", str(exc))
            elif isinstance(exc, sqlite3.Error):
                result.problems.add(str(options.out), (0, 0), "", f"cannot keep the build cache: {exc}",
                                    "pass another folder with --cache")
            elif not isinstance(exc, _Abort):
                raise
            return False
        result.files = len(rendered.changed) + len(made.changed)
        self._remember(changes, now, rendered, made, fact_digests, old_facts, gone_files, subjects,
                       old_subjects, result)
        return True

    def _dirty(self, changed: dict[str, int], subjects: set[str], old_subjects: set[str], listing: Listing,
               env: Any, site_plan: Any) -> set[str]:
        """Return the subjects to render: what read a changed key, what is new, what a changed
        template draws."""
        from ..site import pages as page_kinds
        from ..site.templatedeps import pages_using

        if any(key.startswith(GLOBAL) for key in changed):
            return set(subjects)
        dirty = self.state.readers_of(changed) | (subjects - old_subjects)
        last = (self.state.get("stamps") or {}).get("templates", {})
        edited = {name for name in listing.templates.keys() | last.keys()
                  if listing.templates.get(name) != last.get(name)}
        if edited:
            kinds = {kind.template: kind.name for kind in page_kinds.KINDS}
            using: set[str] = set()
            for name in edited:
                using |= pages_using(env, set(kinds), name)
            drawn = {kinds[template] for template in using}
            dirty |= {page.subject for page in site_plan.pages if page.kind in drawn}
        return dirty

    def _search_needed(self, full: bool, rendering: bool) -> bool:
        """Return whether this run makes the search index: when pages may change, or it is missing."""
        finished = self.state.get("finished") or {}
        return self.write and self.options.search and (full or rendering or not finished.get("search"))

    def _publication(self, full: bool, search: bool) -> Publication:
        if not self.write:
            return Discard(self.options.out)
        token = self.state.token
        if full or not self.options.out.is_dir():
            return Fresh(self.options.out, token)
        if search:  # the index reads the whole new site
            return LinkedCopy(self.options.out, skip=(SEARCH_DIR + "/",), token=token)
        return InPlace(self.options.out)

    def _finish(self, publication: Publication, full: bool, anything: bool, pages_changed: bool, leaks: list[str],
                result: BuildResult, phases: Phases) -> None:
        """Make (or remove) what reads the whole site: the search index and the offline zip; then,
        with a names file, search every file of the new site for the names."""
        from ..outputs import offline, search

        options = self.options
        finished = self.state.get("finished") or {}
        if self.write:
            if options.search and (pages_changed or not finished.get("search")):
                with phases.phase("indexing for search"):
                    search.write_index(publication.root, result.languages)
            elif not options.search:
                publication.remove_tree(SEARCH_DIR)  # it would describe the site before this change
            if options.offline and (anything or not finished.get("offline")):
                with phases.phase("packing the offline copy"):
                    old = offline.last_zip(options.out / OFFLINE_ZIP if finished.get("offline") and not full
                                           else None)
                    changed = set(publication.written)  # before the zip itself is noted as written
                    # The last zip lists the last site's files: no walk over a hundred thousand of them.
                    offline.write_zip(publication.files(old.names if old else None), publication.target(OFFLINE_ZIP),
                                      old, changed)
            elif not options.offline:
                publication.remove_tree(OFFLINE_DIR)  # it would go on naming a person since withheld
        if self.leaks is not None:  # the last look before the site goes live
            for path in leaks:
                self.leaks.add(path)
            with phases.phase("searching for withheld names"):
                self.leaks.check_files(publication.files())
            if self.leaks.found:
                result.problems.extend(self.leaks.problems(options.content))
                raise _Abort

    def _static(self, listing: Listing, full: bool, publication: Publication, made: Any) -> None:
        """Copy the templates' static files that changed (all of them in a full build)."""
        last = {} if full else (self.state.get("stamps") or {}).get("static", {})
        folder = self.options.templates / STATIC_DIR
        for name, file_stamp in listing.static.items():
            if file_stamp == LINK:
                continue  # refused with an error (nolinks.py); never read through
            if full or last.get(name) != file_stamp:
                made.add(f"{STATIC_DIR}/{name}", (folder / name).read_bytes(), "static", publication, force=True)
        made.removed.extend(f"{STATIC_DIR}/{name}" for name in last.keys() - listing.static.keys())

    def _git_history(self, head: str) -> list[Commit]:
        """Return the commits touching the content, read again only for a new commit: the commit
        checked out is part of every build's stamps (changes.stamps), so a commit, a checkout or a
        pull starts a build even when no file's stamp changed, and its history is one more input."""
        saved = self.state.get("git")
        if saved is not None and saved[0] == head:
            return saved[1]
        commits = read_history(self.options.content) if head else []
        self.state.put("git", (head, commits))
        return commits

    def _remember(self, changes: Changes, now: dict[str, Any], rendered: Any, made: Any,
                  fact_digests: dict[str, bytes], old_facts: dict[str, bytes], gone_files: list[str],
                  subjects: set[str], old_subjects: set[str], result: BuildResult) -> None:
        """Write what this build read and made into the state, and commit it."""
        state, options = self.state, self.options
        state.put_files((path, entry.stamp, entry.hash, entry.record, entry.info.dump())
                        for path, entry in changes.new_entries.items())
        state.put_stamps(changes.restamped)
        state.drop_files(changes.gone)
        state.put_deps({subject: {k: b for k, b in keys.items() if not k.startswith(GLOBAL)}
                        for subject, keys in (rendered.reads | made.reads).items()})
        state.drop_subjects(old_subjects - subjects)
        state.put_facts({k: d for k, d in fact_digests.items() if old_facts.get(k) != d},
                        old_facts.keys() - fact_digests.keys())
        rows = [(path, d, rendered.subjects[path]) for path, d in rendered.digests.items()]
        rows += [(path, d, subject) for path, (d, subject) in made.rows.items()]
        state.put_outputs(rows, gone_files)
        state.put("page_subjects", subjects)
        self.generation = state.get("generation", 0) + 1
        state.put("generation", self.generation)
        state.put("finished", {"search": options.search, "offline": options.offline})
        state.put("stamps", {**now, "marker": marker_token(options.out) if self.write else None})
        state.put("languages", result.languages)
        state.put("site", changes.linked.site)
        state.put("sources", changes.sources)
        state.put("articles", changes.articles)
        state.put("result", {"pages": result.pages, "languages": result.languages,
                             "warnings": [(p.file, p.line, p.column, p.field, p.message, p.hint, p.warning)
                                          for p in result.problems.warnings]})
        state.commit()


def _record_files(pages: list, linked: Any) -> dict[str, str]:
    """Return the content file of the record each page shows (and each person's), for leak reports."""
    found: dict[str, str] = {}
    for page in pages:
        summaries = linked.people if page.kind == "person" else linked.events if page.kind == "event" else {}
        summary = summaries.get(page.key[0]) if page.key else None
        if summary is not None:
            found[page.path] = summary.file
    found.update({f"person:{slug}": person.file for slug, person in linked.people.items()})
    return found


class _Abort(Exception):
    """Abandons a build after a page failed to render or a withheld name was found."""
