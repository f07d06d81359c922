"""The build: load → validate → link → plan pages → render → write, with every problem collected."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING


from .coverage import check_languages
from .duplicates import check_duplicates
from .dates import build_date
from .gitdates import last_changed
from .i18n import load_catalogues
from .link import Linked, link
from . import fingerprint
from .filecache import read_parallel
from .load import load_content
from .nolinks import check_links
from . import photos
from .outputs import EXTRA_OUTPUTS, FINISHING_STEPS, SiteBuild
from .plan import Plan, plan
from .problems import Problems, StepFailed
from .progress import Phases
from .render import STATIC_DIR, Renderer, environment
from .views import Context
from .renderjobs import render_pages
from .outlock import OutputBusy, output_lock
from .write import OutputError, check_output, write_files, write_tree
from .options import BuildOptions, BuildResult
from .problems import display_path

if TYPE_CHECKING:
    from .namescan import Leaks, NameScan

log = logging.getLogger("factfile")


def make_contexts(linked: Linked, site_plan: Plan, catalogues: dict, languages: list[str],
                  content_dir: Path) -> dict[str, Context]:
    """Return each language's context, with the date each content file last changed in git."""
    changed = last_changed(content_dir)
    today = build_date()  # once for the build: every language counts custody to the same day
    return {lang: Context(linked, site_plan, catalogues[lang], languages[0], today=today, changed=changed)
            for lang in languages}


def prepare(options: BuildOptions, problems: Problems, result: BuildResult | None = None
            ) -> tuple[SiteBuild, Renderer] | None:
    """Load, validate and link the content and plan its pages; None when any error was found.
    The languages each record is written in go into `result.coverage`."""
    content = load_content(options.content, problems, read_parallel)
    if content is None:
        return None
    linked = link(content, problems)
    check_duplicates(content, problems)
    check_links(options.content, options.templates, problems)
    photos.check(content.people.values(), problems)
    coverage = check_languages(content, problems)
    if result is not None:
        result.coverage = coverage
    catalogues = load_catalogues(options.templates, content.site.languages, problems)
    if problems.errors or len(catalogues) != len(content.site.languages):
        return None
    site_plan = plan(linked, content.site.languages)
    default = content.site.languages[0]
    contexts = make_contexts(linked, site_plan, catalogues, content.site.languages, options.content)
    renderer = Renderer(environment(options.templates), contexts, content.site.languages)
    return SiteBuild(linked, site_plan, contexts, content.site.languages), renderer


def _leaks(options: BuildOptions, site: SiteBuild, scan: NameScan | None) -> Leaks | None:
    """Return what collects the outputs holding a withheld name, knowing each record page's file."""
    if scan is None:
        return None
    from .namescan import Leaks

    content = site.linked.content
    records: dict[str, str] = {}
    for page in site.plan.pages:
        record = (content.people if page.kind == "person" else content.events if page.kind == "event"
                  else {}).get(page.key[0] if page.key else "")
        if record is not None:
            records[page.path] = record.origin.file
    records.update({f"person:{slug}": person.origin.file for slug, person in content.people.items()})
    return Leaks(scan, display_path(options.out), records)


class _Abort(Exception):
    """Raised inside the writer to abandon the staging folder after a render problem."""


def finishing_steps(options: BuildOptions) -> list:
    """Return the finishing steps this build runs: the search index only when it is wanted."""
    from . import search
    return [step for step in FINISHING_STEPS if options.search or step is not search.write_index]


def build(options: BuildOptions, write: bool = True, phases: Phases | None = None,
          current: str | None = None) -> BuildResult:
    """Run the whole build; the output is replaced only when every page rendered without error.

    `phases` times each phase (and draws progress on a terminal). `current` is the fingerprint of
    this build when the caller already found it differs from the last build's (see cli)."""
    started = time.perf_counter()
    phases = phases or Phases()
    if not write:
        return _scanned(options, False, phases, None, started)
    result = BuildResult(Problems())
    try:
        check_output(options.out, [options.content, options.templates])
    except Exception as exc:  # OutputError, or a folder we cannot list
        result.problems.add(str(options.out), (0, 0), "", str(exc).removeprefix(f"{options.out}: "))
        return result
    with ExitStack() as held:
        try:
            # One build at a time writes an output folder: a second one waits here (or fails at once).
            held.enter_context(output_lock(options.out, wait=options.wait))
        except OutputBusy as exc:
            result.problems.add(str(options.out), (0, 0), "", str(exc),
                                "without --no-wait the build waits for the other one")
            return result
        except OSError as exc:
            result.problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                                "check that the folder is writable and the disk is not full")
            return result
        return _scanned(options, True, phases, current, started)


def _scanned(options: BuildOptions, write: bool, phases: Phases, current: str | None, started: float) -> BuildResult:
    """Build with the withheld names loaded, if a names file is given; no message may print one."""
    problems = Problems()
    result = BuildResult(problems)
    scan = None
    if options.withheld_names is not None:
        from . import namescan

        scan = namescan.load(options.withheld_names, problems)
        if scan is None:
            return result
    try:
        return _build(options, write, phases, current, result, scan, started)
    finally:
        if scan is not None:  # no message may print a withheld name, whatever its origin
            namescan.redact(problems, scan)


def _build(options: BuildOptions, write: bool, phases: Phases, current: str | None, result: BuildResult,
           scan: NameScan | None, started: float) -> BuildResult:
    problems = result.problems
    if write:
        # Fingerprinted before the lock was taken: the build waited for may have made this very site.
        # A names file is searched for by every build: with one, nothing counts as unchanged.
        last = fingerprint.last_result(options.out, current) if current is not None and scan is None else None
        if current is None and scan is None:
            current, last = fingerprint.last_build(options)
        if last is not None:  # nothing the build reads changed: the site on disk is this build's
            last.seconds = time.perf_counter() - started
            return last
        fingerprint.forget(options.out)
    with phases.phase("loading"):
        prepared = prepare(options, problems, result)
    if prepared is None or problems.failed(options.strict):
        result.seconds = time.perf_counter() - started
        return result
    site, renderer = prepared
    result.linked, result.plan = site.linked, site.plan
    result.languages = renderer.languages
    result.pages = len(result.plan.pages)
    leaks = _leaks(options, site, scan)
    if write:
        def fill(staging: Path) -> int:
            with phases.phase("rendering", len(site.plan.pages)):
                rendered = render_pages(site.plan.pages, renderer, options.templates, root=staging,
                                        done=phases.advance, scan=scan)
            if rendered.problem is not None:
                problems.extend([rendered.problem])
                raise _Abort
            if leaks is not None:
                leaks.digests.update(rendered.digests)
                for path in rendered.leaks:
                    leaks.add(path)
            with phases.phase("writing data files"):
                written = write_files(staging, scanned(leaks, extra_files(site)))
            site.kept.clear()  # what outputs keep serves live rebuilds; a one-shot build is done with it
            return len(rendered.digests) + written

        def finish(staging: Path) -> None:
            for step in finishing_steps(options):
                with phases.phase(STEP_NAMES.get(step.__module__.rpartition(".")[2], "finishing")):
                    step(staging, site)
            if leaks is not None:  # the last look before the site goes live
                with phases.phase("searching for withheld names"):
                    leaks.check_folder(staging)
                if leaks.found:
                    problems.extend(leaks.problems(options.content))
                    raise _Abort

        try:
            result.files = write_tree(options.out, fill, options.templates / STATIC_DIR, finish)
            fingerprint.remember(options.out, current, result.pages, result.languages, problems.warnings)
        except _Abort:
            result.pages = 0
        except StepFailed as exc:
            problems.add(str(options.out), (0, 0), "", f"the site was not published: {exc}")
            result.pages = 0
        except OutputError as exc:
            problems.add(str(options.out), (0, 0), "", str(exc))
            result.pages = 0
        except OSError as exc:
            problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                         "check that the folder is writable and the disk is not full")
            result.pages = 0
    else:
        with phases.phase("rendering", len(site.plan.pages)):
            checked = render_pages(site.plan.pages, renderer, options.templates, done=phases.advance, scan=scan)
        if checked.problem is not None:
            problems.extend([checked.problem])
        elif leaks is not None:  # check searches what it renders, data files and feeds, in memory
            for path in checked.leaks:
                leaks.add(path)
            with phases.phase("searching for withheld names"):
                for _ in scanned(leaks, extra_files(site)):
                    pass
            problems.extend(leaks.problems(options.content))
    result.seconds = time.perf_counter() - started
    return result


# What the progress line and --timings call each finishing step, by its module.
STEP_NAMES = {"search": "indexing for search", "offline": "packing the offline copy"}


def scanned(leaks: Leaks | None, files: Iterator[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Yield files unchanged, searching each for withheld names on the way when there are names."""
    for path, data in files:
        if leaks is not None:
            leaks.check(path, data)
        yield path, data


def extra_files(site: SiteBuild) -> Iterator[tuple[str, bytes]]:
    """Yield the files of every extra output (feeds, sitemap, data), in a stable order."""
    for extra in EXTRA_OUTPUTS:
        yield from extra(site)
