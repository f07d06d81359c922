"""What a build is asked to do and what it did: plain data, importable without the renderer."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problems

if TYPE_CHECKING:
    from ..content.coverage import Coverage


NAMES_ENV = "FACTFILE_WITHHELD_NAMES"


def names_path(given: Path | None) -> Path | None:
    """Return the withheld names file asked for: the option, else FACTFILE_WITHHELD_NAMES, else None."""
    if given is not None:
        return given
    env = os.environ.get(NAMES_ENV, "").strip()
    return Path(env) if env else None


@dataclass
class BuildOptions:
    content: Path = Path("content")
    templates: Path = Path("templates")
    out: Path = Path("site")
    strict: bool = False
    search: bool = True  # build the Pagefind index (slow and memory-hungry on very large sites)
    offline: bool = True  # pack the offline zip (the preview leaves it out, and removes a stale one)
    withheld_names: Path | None = None  # names never to publish, one per line (namescan), kept out of git
    wait: bool = True  # when another build is writing the output folder, wait for it (else fail at once)


def default_cache(out: Path) -> Path:
    """Return where a build keeps its state by default: a hidden folder beside the output, so it is
    never published with it (and .gitignore's `.site.*` keeps it out of git)."""
    return out.parent / f".{out.name}.cache"


@dataclass
class BuildResult:
    """What a build did: its problems, the pages it wrote and how long it took."""

    problems: Problems
    pages: int = 0  # pages the site has
    rendered: int = 0  # pages rendered this time
    files: int = 0  # files written because their bytes changed
    seconds: float = 0.0
    languages: list[str] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last build: nothing was written
    coverage: Coverage | None = None  # which records each language shows in another language

    def ok(self, strict: bool) -> bool:
        return not self.problems.failed(strict)
