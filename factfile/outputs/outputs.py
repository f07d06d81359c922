"""Files besides the HTML pages, and steps that run on the finished folder before it goes live.

A feature that adds files (feeds, sitemap, open data) is one module with a function
`files(site: SiteBuild) -> Iterable[(path, bytes)]`, listed in EXTRA_OUTPUTS. It yields every file
each time; files it yields that are the same objects as last time are not compared or written. A step that needs the
written site (a search index, an offline zip) is a function `step(staging: Path, site: SiteBuild)`
listed in FINISHING_STEPS; it runs inside the staging folder, so a failure leaves the old site live.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.link import Linked
from .memo import Touched
from ..site.plan import Plan
from ..site.views import Context


@dataclass
class SiteBuild:
    """What extra outputs may read: the linked content, the page plan and each language's context.

    A live rebuild sets `touched` to the records it re-read since the outputs last ran (None: any
    may have changed), and outputs keep what they made in `kept` to remake only those (memo.py)."""

    linked: Linked
    plan: Plan
    contexts: dict[str, Context]
    languages: list[str]
    touched: Touched | None = None
    kept: dict[str, Any] = field(default_factory=dict)


ExtraOutput = Callable[[SiteBuild], Iterable[tuple[str, bytes]]]
FinishingStep = Callable[[Path, SiteBuild], None]

EXTRA_OUTPUTS: list[ExtraOutput] = []
FINISHING_STEPS: list[FinishingStep] = []


def _register_reader_outputs() -> None:
    """List the reader features' outputs (feeds, open data, photos, search, offline copy)."""
    from . import feeds, offline, opendata, photos, search  # here: they read SiteBuild, defined above

    EXTRA_OUTPUTS.extend([photos.files, feeds.files, opendata.files])
    FINISHING_STEPS.extend([search.write_index, offline.write_zip])  # the zip packs what came before


_register_reader_outputs()
