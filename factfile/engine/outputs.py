"""Make the outputs besides pages (outputs/registry.py) whose inputs changed, in registry order.

Each output subject is made with its reads recorded, as pages are. Pieces (paths starting with "@")
go to the state, not the site; a changed or removed piece marks its group changed, so an output
listed later that assembles the group (people.json) is made again in the same run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import deps
from ..outputs.kinds import PIECE, OutputContext, piece_group
from .scan import digest
from .state import State

if TYPE_CHECKING:
    from ..content.link import Linked
    from ..site.context import Context
    from ..site.plan import Plan
    from .output import Publication


@dataclass
class Made:
    """What making outputs gave: files, their digests and subjects, what each subject read."""

    digests: dict[str, bytes] = field(default_factory=dict)  # every file made this run
    rows: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> (digest, subject)
    changed: list[str] = field(default_factory=list)  # written because their bytes changed
    reads: dict[str, dict[str, int]] = field(default_factory=dict)
    remade: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)  # every output subject there is now
    removed: list[str] = field(default_factory=list)

    leaks: Any = None  # namescan.Leaks: every file made is searched for withheld names

    def add(self, path: str, data: bytes, subject: str, publication: Publication, known: dict[str, bytes] | None = None,
            force: bool = False) -> bool:
        """Record a file made for a subject, writing it when its bytes changed; return whether they did."""
        if self.leaks is not None:
            self.leaks.check(path, data)
        file_digest = digest(data)
        self.digests[path] = file_digest
        self.rows[path] = (file_digest, subject)
        if force or known is None or known.get(path) != file_digest:
            publication.write(path, data)
            self.changed.append(path)
            return True
        if publication.writes_all:
            publication.write(path, data)
        return False



def make_outputs(contexts: dict[str, Context], site_plan: Plan, linked: Linked, state: State,
                 publication: Publication, changed: dict[str, int], full: bool, known: dict[str, bytes],
                 old_outputs: dict[str, tuple[bytes, str]], leaks: Any = None) -> Made:
    """Make every output whose subject is new or read a changed key; `changed` grows with pieces."""
    from ..outputs.registry import OUTPUTS

    made = Made(leaks=leaks)
    by_subject: dict[str, list[str]] = {}
    for path, (_, subject) in old_outputs.items():
        by_subject.setdefault(subject, []).append(path)
    last_subjects: set[str] = state.get("output_subjects") or set()
    context = OutputContext(contexts, site_plan, linked, state.pieces)
    for kind in OUTPUTS:
        keys = {kind.subject(key): key for key in kind.keys(site_plan)}
        made.subjects |= keys.keys()
        if full:
            dirty = set(keys)
        else:
            readers = state.readers_of(changed) if changed else set()
            dirty = {s for s in keys if s in readers or s not in last_subjects}
            # Subjects of this kind that are gone: their files and pieces go too.
            prefix = kind.subject(())
            for subject in last_subjects:
                if (subject == prefix or subject.startswith(prefix + ":")) and subject not in keys:
                    for path in by_subject.get(subject, []):
                        _drop(path, state, made, changed)
                    state.drop_subjects([subject])
        for subject in sorted(dirty, key=lambda s: keys[s]):
            with deps.recording() as recorder:
                files = list(kind.make(context, *keys[subject]))
            made.reads[subject] = recorder.reads
            made.remade.add(subject)
            produced = set()
            for path, data in files:
                produced.add(path)
                if path.startswith(PIECE):
                    _piece(path, data, subject, state, made, changed, known, full)
                else:
                    made.add(path, data, subject, publication, known)
            for path in by_subject.get(subject, []):
                if path not in produced:
                    _drop(path, state, made, changed)
    state.put("output_subjects", made.subjects)
    return made


def _piece(path: str, data: bytes, subject: str, state: State, made: Made, changed: dict[str, int],
           known: dict[str, bytes], full: bool) -> None:
    """Keep a piece in the state; mark its group changed when its bytes did."""
    piece_digest = digest(data)
    made.rows[path] = (piece_digest, subject)
    if full or known.get(path) != piece_digest:
        state.put_pieces([(path, data)], ())
        changed["pieces:" + piece_group(path)] = deps.ALL


def _drop(path: str, state: State, made: Made, changed: dict[str, int]) -> None:
    """Remove a file or piece its subject no longer makes."""
    if path.startswith(PIECE):
        state.put_pieces((), [path])
        changed["pieces:" + piece_group(path)] = deps.ALL
    made.removed.append(path)
