"""Render many pages at once across cores, turning template failures into problems.

A job either writes each page under a folder (a full build's staging folder) or hands back the
bytes of pages whose digest differs from the one already on disk (an incremental rebuild).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2

from .i18n import MissingText
from .parallel import map_chunks
from .plan import Page
from .problems import Problem
from .render import Renderer, template_location


def digest(data: bytes) -> bytes:
    """Return a short fingerprint of a file's bytes, to skip writing what did not change."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass
class Rendered:
    """What rendering a list of pages gave: digests of all, bytes of changed ones, the first problem."""

    digests: dict[str, bytes] = field(default_factory=dict)
    changed: dict[str, bytes] = field(default_factory=dict)
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
                  pages: Sequence[Page]) -> list[tuple[str, bytes, bytes | None, Problem | None]]:
    """Render pages in order; stop at the first failure, which is returned as the last item."""
    results: list[tuple[str, bytes, bytes | None, Problem | None]] = []
    made: set[str] = set()
    for page in pages:
        try:
            data = renderer.render(page)
        except TEMPLATE_FAILURES as exc:
            results.append((page.path, b"", None, page_problem(exc, page, templates)))
            break
        fingerprint = digest(data)
        if root is not None:
            folder = os.path.dirname(page.path)
            if folder not in made:
                os.makedirs(root / folder, exist_ok=True)
                made.add(folder)
            with open(root / page.path, "wb") as file:
                file.write(data)
            results.append((page.path, fingerprint, None, None))
        else:
            unchanged = known is None or known.get(page.path) == fingerprint
            results.append((page.path, fingerprint, None if unchanged else data, None))
    return results


def render_pages(pages: Sequence[Page], renderer: Renderer, templates: Path, root: Path | None = None,
                 known: dict[str, bytes] | None = None, processes: int | None = None) -> Rendered:
    """Render pages across cores: written under `root`, or returned when their bytes differ from
    `known` digests (no `known`: only checked)."""
    job = partial(_render_slice, renderer, templates, root, known)
    result = Rendered()
    for path, fingerprint, data, problem in map_chunks(job, pages, processes):
        if problem is not None:
            # The first failure in page order, as a one-process build would report it.
            result.problem = result.problem or problem
            continue
        result.digests[path] = fingerprint
        if data is not None:
            result.changed[path] = data
    return result
