"""Render many pages at once across cores, turning template failures into problems.

Each page's bytes go to a `Sink` (write.py: a staging folder, pending files beside the live ones, or
nowhere for `check`) when they differ from what is on disk; what each page read comes back to be
kept as its dependencies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import jinja2

from ..problems import Problem
from ..site.i18n import MissingText
from ..site.kinds import Page
from ..site.render import Renderer, template_location
from .parallel import map_chunks
from .scan import digest

if TYPE_CHECKING:
    from .namescan import NameScan


class Sink(Protocol):
    """Where rendered files go."""

    writes_all: bool  # True: every file, changed or not (a fresh staging folder)

    def put(self, path: str, data: bytes) -> None: ...


@dataclass
class Rendered:
    """What rendering a list of pages gave: digests of all, which changed, what each subject read,
    and the first problem."""

    digests: dict[str, bytes] = field(default_factory=dict)
    subjects: dict[str, str] = field(default_factory=dict)  # path -> subject
    changed: list[str] = field(default_factory=list)
    reads: dict[str, dict[str, int]] = field(default_factory=dict)  # subject -> key -> bits
    problem: Problem | None = None
    leaks: list[str] = field(default_factory=list)  # pages holding a withheld name (namescan)


def page_problem(exc: BaseException, page: Page, templates: Path) -> Problem:
    """Return the problem a template failure means, located at the template's file and line."""
    file, line = template_location(exc, templates)
    if isinstance(exc, MissingText):
        return Problem(file or str(templates), line, 0, "", str(exc))
    return Problem(file or str(templates), line, 0, "",
                   f"template error while rendering {page.path}: {type(exc).__name__}: {exc}")


TEMPLATE_FAILURES = (MissingText, jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError)
Result = tuple[str, str, bytes, bool, dict[str, int], Problem | None, bool]


def _render_slice(renderer: Renderer, templates: Path, sink: Sink, known: dict[str, bytes],
                  scan: NameScan | None, pages: Sequence[Page]) -> list[Result]:
    """Render pages in order; stop at the first failure, which is returned as the last item.

    With `scan`, each page is searched for withheld names here, in the worker, as it is made."""
    results: list[Result] = []
    for page in pages:
        try:
            data, reads = renderer.render(page)
        except TEMPLATE_FAILURES as exc:
            results.append((page.path, page.subject, b"", False, {}, page_problem(exc, page, templates), False))
            break
        leak = scan is not None and scan.file_holds(page.path, data)
        fingerprint = digest(data)
        changed = known.get(page.path) != fingerprint
        if changed or sink.writes_all:
            sink.put(page.path, data)
        results.append((page.path, page.subject, fingerprint, changed, reads, None, leak))
    return results


def render_pages(pages: Sequence[Page], renderer: Renderer, templates: Path, sink: Sink,
                 known: dict[str, bytes], processes: int | None = None,
                 done: Callable[[int], None] | None = None, scan: NameScan | None = None) -> Rendered:
    """Render pages across cores into a sink; `known` holds the digests of the pages on disk. With
    `scan`, the pages that hold a withheld name are listed in `leaks`."""
    # A subject's pages in every language go to the same worker, which converts its Markdown once.
    pages = sorted(pages, key=lambda page: (page.kind, page.key, page.lang))
    job = partial(_render_slice, renderer, templates, sink, known, scan)
    result = Rendered()
    for path, subject, fingerprint, changed, reads, problem, leak in map_chunks(job, pages, processes, done=done):
        if problem is not None:
            # The first failure in page order, as a one-process build would report it.
            result.problem = result.problem or problem
            continue
        result.digests[path] = fingerprint
        result.subjects[path] = subject
        if leak:
            result.leaks.append(path)
        if changed:
            result.changed.append(path)
        merged = result.reads.setdefault(subject, {})
        for key, bits in reads.items():
            merged[key] = merged.get(key, 0) | bits
    return result
