"""What a build is asked to do and what it did: plain data, importable without the renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..problems import Problems

if TYPE_CHECKING:
    from ..content.link import Linked
    from ..site.plan import Plan


@dataclass
class BuildOptions:
    content: Path = Path("content")
    templates: Path = Path("templates")
    out: Path = Path("site")
    strict: bool = False
    search: bool = True  # build the Pagefind index (slow and memory-hungry on very large sites)


@dataclass
class BuildResult:
    """What a build did: its problems, the pages it wrote and how long it took."""

    problems: Problems
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    linked: Linked | None = None
    plan: Plan | None = None
    languages: list[str] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last build: nothing was written

    def ok(self, strict: bool) -> bool:
        return not self.problems.failed(strict)
