"""When each content file changed and why: the commits touching it, from git.

One `git log` call lists every commit with its date, its subject and the files it touched, parsed
once, so the cost stays one process however many files there are. Outside a git checkout, or
without git, there is no history and pages simply omit it. Dates come from commits, not file times,
so a build stays deterministic.

A subject is what a contributor wrote: it may name a person whose identity is withheld, or carry
markup. This module only reads it; site/changelog.py decides where one may be shown.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("factfile")

_COMMIT = "\x1e"  # marks a commit's line; a file name cannot start with it in practice
_SUBJECT = "\x1f"  # between a commit's date and its subject
SUBJECT_LENGTH = 200  # a subject is cut to this many characters


@dataclass(frozen=True, slots=True)
class Commit:
    """A commit touching content: its committer date (UTC), its subject, the content files it
    touched (relative to the content folder)."""

    date: datetime.date
    subject: str
    files: tuple[str, ...]


def find_checkout(folder: Path) -> tuple[Path, str] | None:
    """Return the top of the git checkout holding a folder and the folder's path inside it."""
    folder = folder.resolve()
    for top in (folder, *folder.parents):
        if (top / ".git").exists():  # a folder, or a file in worktrees and submodules
            prefix = folder.relative_to(top).as_posix()
            return top, "" if prefix == "." else prefix + "/"
    return None


def last_changed(content_dir: Path) -> dict[str, datetime.date]:
    """Return the date of the last commit touching each file, by path relative to `content_dir`.

    Committer dates in UTC are used: they record when a change reached the branch the site is built
    from. Files never committed (new in a working tree) have no date.
    """
    return newest_dates(read_history(content_dir))


def newest_dates(commits: list[Commit]) -> dict[str, datetime.date]:
    """Return the newest commit date of each file."""
    dates: dict[str, datetime.date] = {}
    for commit in commits:
        for name in commit.files:
            # The newest date wins even if history is not in date order (merges, rebases).
            if name not in dates or dates[name] < commit.date:
                dates[name] = commit.date
    return dates


def read_history(content_dir: Path) -> list[Commit]:
    """Return every commit touching a file under `content_dir`, newest first as git lists them,
    with paths relative to `content_dir`; nothing outside a checkout or without git."""
    git = shutil.which("git")
    checkout = find_checkout(content_dir) if content_dir.is_dir() else None
    if git is None or checkout is None:
        return []
    top, prefix = checkout
    if (top / ".git" / "shallow").exists():
        # A shallow clone has cut history: every old file would show the date of the cut.
        log.warning("%s is a shallow git clone: 'last updated' dates are left out "
                    "(clone the full history; in GitHub Actions, checkout with fetch-depth: 0)", top)
        return []
    # No pathspec: limiting history to a folder costs git about twice the time (measured on 10,000
    # files), and other paths are cheap to skip here. core.quotepath=off keeps non-ASCII names as
    # they are; --no-renames lists a renamed file under its new name only.
    command = [git, "-c", "core.quotepath=off", "log", "--format=" + _COMMIT + "%ct" + _SUBJECT + "%s", "--name-only",
               "--no-renames", "-z"]
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(command, cwd=top, capture_output=True, env=env, check=False)
    except OSError as exc:
        log.debug("no history: %s", exc)
        return []
    if done.returncode != 0:  # no commits yet, or git refuses the folder (safe.directory)
        log.debug("no history: %s", done.stderr.decode(errors="replace").strip())
        return []
    found = []
    for commit in parse_history(done.stdout.decode("utf-8", errors="replace")):
        files = tuple(name[len(prefix):] for name in commit.files if name.startswith(prefix))
        if files:
            found.append(Commit(commit.date, commit.subject, files))
    return found


def parse_log(output: str) -> dict[str, datetime.date]:
    """Return the newest commit date of each file in `git log --format=<RS>%ct --name-only -z`."""
    return newest_dates(parse_history(output))


def parse_history(output: str) -> list[Commit]:
    """Return the commits of `git log --format=<RS>%ct<US>%s --name-only -z`, in its order."""
    found: list[Commit] = []
    stamp, subject = -1, ""  # -1: before the first commit
    files: list[str] = []
    # With -z, names are NUL-terminated, and the format line of each commit is too.
    for item in output.split("\0"):
        item = item.strip("\n")
        if not item:
            continue
        if item.startswith(_COMMIT):
            if stamp >= 0:
                found.append(_commit(stamp, subject, files))
            header, _, first = item[1:].partition("\n")
            when, _, subject = header.partition(_SUBJECT)
            stamp, files = int(when), []
            item = first
            if not item:
                continue
        files.append(item)
    if stamp >= 0:
        found.append(_commit(stamp, subject, files))
    return found


def _commit(stamp: int, subject: str, files: list[str]) -> Commit:
    return Commit(datetime.datetime.fromtimestamp(stamp, datetime.UTC).date(), clean_subject(subject), tuple(files))


def clean_subject(subject: str) -> str:
    """Return a subject as one line of plain text: control and format characters (a bidi override,
    an escape sequence) dropped, runs of spaces made one, cut to SUBJECT_LENGTH characters."""
    kept = "".join(c if unicodedata.category(c)[0] not in "CZ" or c == " " else " " for c in subject)
    text = " ".join(kept.split())
    return text if len(text) <= SUBJECT_LENGTH else text[:SUBJECT_LENGTH - 1].rstrip() + "…"
