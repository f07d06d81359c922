"""What an output is: files besides the pages (open data, feeds, photos), made with recorded reads.

An output kind has subjects (one per person, one per language, or one for the site) and a function
that makes each subject's files. It reads records and facts through the same Context as pages
(site/context.py), so the engine remakes a subject only when what it read changed. A path starting
with "@" is a piece: kept in the engine's state instead of published, for an output listed later to
assemble (each person's item of people.json). Kinds are listed in outputs/registry.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import deps

if TYPE_CHECKING:
    from ..content.link import Linked
    from ..site.context import Context
    from ..site.plan import Plan

PIECE = "@"


@dataclass
class OutputContext:
    """What outputs read: each language's context, the plan, and the pieces kept so far."""

    contexts: dict[str, Context]
    plan: Plan
    linked: Linked
    kept: Callable[[str], Iterator[tuple[str, bytes]]]  # pieces under a group, in path order

    @property
    def default(self) -> Context:
        return self.contexts[self.plan.languages[0]]

    def pieces(self, group: str) -> list[bytes]:
        """Return the pieces of a group ("@people.json/"), in path order, recording the read."""
        deps.read("pieces:" + group)
        return [data for _, data in self.kept(group)]


def piece_group(path: str) -> str:
    """Return the group a piece belongs to: its path up to the last slash."""
    return path.rpartition("/")[0] + "/"


@dataclass(frozen=True)
class OutputKind:
    """A kind of output: its subjects and how to make the files of one."""

    name: str
    keys: Callable[[Plan], Iterable[tuple]]
    make: Callable[..., Iterable[tuple[str, bytes]]]  # (OutputContext, *key) -> (path, bytes)

    def subject(self, key: tuple) -> str:
        return "out:" + self.name + (":" + "/".join(map(str, key)) if key else "")
