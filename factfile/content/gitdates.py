"""When each content file last changed: the date of the last commit touching it, from git.

One `git log` call lists every commit with the files it touched, parsed once, so the cost stays one
process however many files there are. Outside a git checkout, or without git, there are no dates
and pages simply omit them. Dates come from commits, not file times, so a build stays deterministic.
"""

from __future__ import annotations

import datetime
import logging
import os
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger("factfile")

_COMMIT = "\x1e"  # marks a commit's line; a file name cannot start with it in practice


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
    git = shutil.which("git")
    checkout = find_checkout(content_dir) if content_dir.is_dir() else None
    if git is None or checkout is None:
        return {}
    top, prefix = checkout
    if (top / ".git" / "shallow").exists():
        # A shallow clone has cut history: every old file would show the date of the cut.
        log.warning("%s is a shallow git clone: 'last updated' dates are left out "
                    "(clone the full history; in GitHub Actions, checkout with fetch-depth: 0)", top)
        return {}
    # No pathspec: limiting history to a folder costs git about twice the time (measured on 10,000
    # files), and other paths are cheap to skip here. core.quotepath=off keeps non-ASCII names as
    # they are; --no-renames lists a renamed file under its new name only.
    command = [git, "-c", "core.quotepath=off", "log", "--format=" + _COMMIT + "%ct", "--name-only",
               "--no-renames", "-z"]
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(command, cwd=top, capture_output=True, env=env, check=False)
    except OSError as exc:
        log.debug("no last-changed dates: %s", exc)
        return {}
    if done.returncode != 0:  # no commits yet, or git refuses the folder (safe.directory)
        log.debug("no last-changed dates: %s", done.stderr.decode(errors="replace").strip())
        return {}
    dates = parse_log(done.stdout.decode("utf-8", errors="replace"))
    return {name[len(prefix):]: date for name, date in dates.items() if name.startswith(prefix)}


def parse_log(output: str) -> dict[str, datetime.date]:
    """Return the newest commit date of each file in `git log --format=<RS>%ct --name-only -z`."""
    dates: dict[str, datetime.date] = {}
    stamp = 0
    # With -z, names are NUL-terminated, and the format line of each commit is too.
    for item in output.split("\0"):
        item = item.strip("\n")
        if not item:
            continue
        if item.startswith(_COMMIT):
            header, _, first = item[1:].partition("\n")
            stamp = int(header)
            item = first
            if not item:
                continue
        date = datetime.datetime.fromtimestamp(stamp, datetime.UTC).date()
        # The newest date wins even if history is not in date order (merges, rebases).
        if item not in dates or dates[item] < date:
            dates[item] = date
    return dates
