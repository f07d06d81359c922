"""Render many pages at once across cores, turning template failures into problems.

A job either writes each page under a folder (a full build's staging folder) or hands back the
bytes of pages whose digest differs from the one already on disk (an incremental rebuild).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2

from ..site.i18n import MissingText
from .parallel import map_chunks
from ..site.plan import Page
from ..problems import Problem
from ..site.render import Renderer, template_location


def digest(data: bytes) -> bytes:
    """Return a short fingerprint of a file's bytes, to skip writing what did not change."""
    return hashlib.blake2b(data, digest_size=16).digest()


TMP_PREFIX = ".factfile-new-"


def pending_name(path: str) -> str:
    """Return where a changed page waits, beside its final place, until the whole rebuild succeeded."""
    folder, name = os.path.split(path)
    return os.path.join(folder, TMP_PREFIX + name)


@dataclass
class Rendered:
    """What rendering a list of pages gave: digests of all, which changed, the first problem."""

    digests: dict[str, bytes] = field(default_factory=dict)
    changed: list[str] = field(default_factory=list)
    problem: Problem | None = None


def page_problem(exc: BaseException, page: Page, templates: Path) -> Problem:
    """Return the problem a template failure means, located at the template's file and line."""
    file, line = template_location(exc, templates)
    if isinstance(exc, MissingText):
        return Problem(file or str(templates), line, 0, "", str(exc))
    return Problem(file or str(templates / page.template), line, 0, "",
                   f"template error while rendering {page.path}: {type(exc).__name__}: {exc}")


TEMPLATE_FAILURES = (MissingText, jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError)


def _render_slice(renderer: Renderer, templates: Path, root: Path | None, known: dict[str, bytes] | None,
                  pages: Sequence[Page]) -> list[tuple[str, bytes, bool, Problem | None]]:
    """Render pages in order; stop at the first failure, which is returned as the last item."""
    results: list[tuple[str, bytes, bool, Problem | None]] = []
    made: set[str] = set()
    for page in pages:
        try:
            data = renderer.render(page)
        except TEMPLATE_FAILURES as exc:
            results.append((page.path, b"", False, page_problem(exc, page, templates)))
            break
        fingerprint = digest(data)
        changed = known is None or known.get(page.path) != fingerprint
        if root is not None and changed:
            target = page.path if known is None else pending_name(page.path)
            folder = os.path.dirname(page.path)
            if folder not in made:
                os.makedirs(root / folder, exist_ok=True)
                made.add(folder)
            with open(root / target, "wb") as file:
                file.write(data)
        results.append((page.path, fingerprint, changed, None))
    return results


def render_pages(pages: Sequence[Page], renderer: Renderer, templates: Path, root: Path | None = None,
                 known: dict[str, bytes] | None = None, processes: int | None = None,
                 done: Callable[[int], None] | None = None) -> Rendered:
    """Render pages across cores. With `root` and no `known`, write each under root (a staging
    folder); with `known` digests, write only changed pages, under their pending names."""
    # A subject's pages in every language go to the same worker, which converts its Markdown once.
    pages = sorted(pages, key=lambda page: (page.kind, page.key, page.lang))
    job = partial(_render_slice, renderer, templates, root, known)
    result = Rendered()
    for path, fingerprint, changed, problem in map_chunks(job, pages, processes, done=done):
        if problem is not None:
            # The first failure in page order, as a one-process build would report it.
            result.problem = result.problem or problem
            continue
        result.digests[path] = fingerprint
        if changed:
            result.changed.append(path)
    return result
