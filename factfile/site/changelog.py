"""What pages may show of the git history of the content: when each file changed, and why.

A commit's subject is text a contributor wrote, outside every check the content goes through: it may
name a person whose identity is withheld ("Add <real name>") or carry markup. So a subject is shown
only for a commit whose every file is a current record of the site that is not a withheld person's:
a commit touching a withheld person's file, a deleted file or a renamed one (whose old name may be the
real name a label replaced), or anything else, is shown by its date alone. Templates escape what they
show, and a withheld names file (engine/namescan.py) searches every page, these subjects included.

The history is read once per build, for a new commit only (engine/build.py keeps it by HEAD), and
pages read it through facts: `fact:history:<file>` per content file and `fact:recent_changes` for
the newest commits, so a new commit re-renders exactly the profiles whose history changed and the
page of recent changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..content.gitdates import Commit
    from ..content.link import Linked

PER_FILE = 10  # changes a profile lists, newest first
RECENT = 30  # commits the page of recent changes lists
RECORDS = 10  # records named for one commit; an import of thousands says how many more
TOP_FILES = ("site.yaml", "sources.yaml", "articles.yaml")


@dataclass(frozen=True, slots=True)
class Change:
    """A change to a file as pages show it: its date, and its subject when one may be shown."""

    date: datetime.date
    subject: str | None


@dataclass(frozen=True, slots=True)
class RecentCommit:
    """A recent commit: its date, its subject when one may be shown, and the records it changed, as
    (kind, slug) of people who are not withheld, events, places and pages."""

    date: datetime.date
    subject: str | None
    records: tuple[tuple[str, str], ...]  # at most RECORDS
    more: int = 0  # records changed beyond those


@dataclass(frozen=True)
class History:
    """The history pages read: each file's changes, newest first, and the newest commits."""

    files: dict[str, tuple[Change, ...]] = field(default_factory=dict)
    recent: tuple[RecentCommit, ...] = ()
    added: tuple[tuple[str, datetime.date], ...] = ()  # (slug, day of the first commit) of each person


def record_of(path: str) -> tuple[str, str] | None:
    """Return (kind, slug) of a record file ('people/x.yaml' → ('person', 'x')), None for others."""
    folder, _, name = path.partition("/")
    kinds = {"people": "person", "events": "event", "places": "place", "pages": "page"}
    if folder in kinds and name.endswith(".yaml") and "/" not in name:
        return kinds[folder], name.removesuffix(".yaml")
    return None


def _current(linked: Linked) -> tuple[set[str], set[str]]:
    """Return the record files whose commits may be described, and the withheld people's files."""
    withheld = {f"people/{slug}.yaml" for slug, summary in linked.people.items() if summary.withheld}
    shown = {f"people/{slug}.yaml" for slug in linked.people} - withheld
    shown |= {f"events/{slug}.yaml" for slug in linked.events}
    shown |= {f"places/{slug}.yaml" for slug in linked.places}
    shown |= {f"pages/{slug}.yaml" for slug in linked.pages}
    return shown | set(TOP_FILES), withheld


def history(commits: Iterable[Commit], linked: Linked) -> History:
    """Return what pages may show of the commits (newest first, as git lists them)."""
    shown, withheld = _current(linked)
    files: dict[str, list[Change]] = {}
    recent: list[RecentCommit] = []
    added: dict[str, datetime.date] = {}
    for commit in commits:
        subject = commit.subject if commit.subject and all(f in shown for f in commit.files) else None
        for name in commit.files:
            added[name] = commit.date  # newest first: the oldest commit is seen last
            changes = files.setdefault(name, [])
            if len(changes) < PER_FILE:
                changes.append(Change(commit.date, subject))
        if len(recent) < RECENT:
            records = tuple(found for f in commit.files if f not in withheld and (found := record_of(f)) is not None
                            and (f in shown))
            if records:
                recent.append(RecentCommit(commit.date, subject, records[:RECORDS], len(records[RECORDS:])))
    people = tuple(sorted((slug, added[f"people/{slug}.yaml"]) for slug in linked.people
                          if f"people/{slug}.yaml" in added))
    return History({name: tuple(changes) for name, changes in files.items()}, tuple(recent), people)
