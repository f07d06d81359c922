"""The build: load → validate → link → plan pages → render → write, with every problem collected."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path


from ..content.duplicates import check_duplicates
from ..content.dates import build_date
from ..content.gitdates import last_changed
from ..site.i18n import load_catalogues
from ..content.link import Linked, link
from . import fingerprint
from .filecache import read_parallel
from ..content.load import load_content
from ..outputs.outputs import EXTRA_OUTPUTS, FINISHING_STEPS, SiteBuild
from ..site.plan import Plan, plan
from ..problems import Problems, StepFailed
from .progress import Phases
from ..site.render import STATIC_DIR, Renderer, environment
from ..site.views import Context
from .renderjobs import render_pages
from .write import check_output, write_files, write_tree
from .options import BuildOptions, BuildResult

log = logging.getLogger("factfile")


def make_contexts(linked: Linked, site_plan: Plan, catalogues: dict, languages: list[str],
                  content_dir: Path) -> dict[str, Context]:
    """Return each language's context, with the date each content file last changed in git."""
    changed = last_changed(content_dir)
    today = build_date()  # once for the build: every language counts custody to the same day
    return {lang: Context(linked, site_plan, catalogues[lang], languages[0], today=today, changed=changed)
            for lang in languages}


def prepare(options: BuildOptions, problems: Problems) -> tuple[SiteBuild, Renderer] | None:
    """Load, validate and link the content and plan its pages; None when any error was found."""
    content = load_content(options.content, problems, read_parallel)
    if content is None:
        return None
    linked = link(content, problems)
    check_duplicates(content, problems)
    catalogues = load_catalogues(options.templates, content.site.languages, problems)
    if problems.errors or len(catalogues) != len(content.site.languages):
        return None
    site_plan = plan(linked, content.site.languages)
    default = content.site.languages[0]
    contexts = make_contexts(linked, site_plan, catalogues, content.site.languages, options.content)
    renderer = Renderer(environment(options.templates), contexts, content.site.languages)
    return SiteBuild(linked, site_plan, contexts, content.site.languages), renderer


class _Abort(Exception):
    """Raised inside the writer to abandon the staging folder after a render problem."""


def finishing_steps(options: BuildOptions) -> list:
    """Return the finishing steps this build runs: the search index only when it is wanted."""
    from ..outputs import search
    return [step for step in FINISHING_STEPS if options.search or step is not search.write_index]


def build(options: BuildOptions, write: bool = True, phases: Phases | None = None,
          current: str | None = None) -> BuildResult:
    """Run the whole build; the output is replaced only when every page rendered without error.

    `phases` times each phase (and draws progress on a terminal). `current` is the fingerprint of
    this build when the caller already found it differs from the last build's (see cli)."""
    started = time.perf_counter()
    phases = phases or Phases()
    problems = Problems()
    result = BuildResult(problems)
    if write:
        try:
            check_output(options.out, [options.content, options.templates])
        except Exception as exc:  # OutputError, or a folder we cannot list
            problems.add(str(options.out), (0, 0), "", str(exc).removeprefix(f"{options.out}: "))
            return result
        if current is None:
            current, last = fingerprint.last_build(options)
            if last is not None:  # nothing the build reads changed: the site on disk is this build's
                last.seconds = time.perf_counter() - started
                return last
        fingerprint.forget(options.out)
    with phases.phase("loading"):
        prepared = prepare(options, problems)
    if prepared is None or problems.failed(options.strict):
        result.seconds = time.perf_counter() - started
        return result
    site, renderer = prepared
    result.linked, result.plan = site.linked, site.plan
    result.languages = renderer.languages
    result.pages = len(result.plan.pages)
    if write:
        def fill(staging: Path) -> int:
            with phases.phase("rendering", len(site.plan.pages)):
                rendered = render_pages(site.plan.pages, renderer, options.templates, root=staging,
                                        done=phases.advance)
            if rendered.problem is not None:
                problems.extend([rendered.problem])
                raise _Abort
            with phases.phase("writing data files"):
                written = write_files(staging, extra_files(site))
            site.kept.clear()  # what outputs keep serves live rebuilds; a one-shot build is done with it
            return len(rendered.digests) + written

        def finish(staging: Path) -> None:
            for step in finishing_steps(options):
                with phases.phase(STEP_NAMES.get(step.__module__.rpartition(".")[2], "finishing")):
                    step(staging, site)

        try:
            result.files = write_tree(options.out, fill, options.templates / STATIC_DIR, finish)
            fingerprint.remember(options.out, current, result.pages, result.languages, problems.warnings)
        except _Abort:
            result.pages = 0
        except StepFailed as exc:
            problems.add(str(options.out), (0, 0), "", f"the site was not published: {exc}")
            result.pages = 0
        except OSError as exc:
            problems.add(str(options.out), (0, 0), "", f"cannot write the site: {exc.strerror or exc}",
                         "check that the folder is writable and the disk is not full")
            result.pages = 0
    else:
        with phases.phase("rendering", len(site.plan.pages)):
            checked = render_pages(site.plan.pages, renderer, options.templates, done=phases.advance)
        if checked.problem is not None:
            problems.extend([checked.problem])
    result.seconds = time.perf_counter() - started
    return result


# What the progress line and --timings call each finishing step, by its module.
STEP_NAMES = {"search": "indexing for search", "offline": "packing the offline copy"}


def extra_files(site: SiteBuild) -> Iterator[tuple[str, bytes]]:
    """Yield the files of every extra output (feeds, sitemap, data), in a stable order."""
    for extra in EXTRA_OUTPUTS:
        yield from extra(site)
