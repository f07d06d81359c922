"""One build at a time per output folder: an exclusive lock on a file beside it, held for the whole build.

The lock file `.<out>.lock` sits next to the output folder, never inside what is published, and
holds the process id of the build that has it, so a second build can say whom it waits for. The
lock is the kernel's (flock): it goes away with the process that held it, however that process
ended, so a killed build never leaves the folder locked. Where flock is missing (Windows), builds
run unlocked, as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # Windows has no fcntl: builds there take no lock


class OutputBusy(Exception):
    """Another build is writing the output folder and this one was asked not to wait."""


def lock_path(out: Path) -> Path:
    """Return the lock file of an output folder: beside it, hidden, not part of the site."""
    return out.parent / f".{out.name}.lock"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _owner(fd: int) -> str:
    try:
        text = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


@contextmanager
def output_lock(out: Path, wait: bool = True, say: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder's lock for the duration of the block.

    When another build holds it, wait for it (after saying so through `say`, by default on stderr),
    or with wait=False raise OutputBusy at once.
    """
    if fcntl is None:  # pragma: no cover
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(out), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _owner(fd)
            who = f"another build (process {owner})" if owner else "another build"
            if not wait:
                raise OutputBusy(f"{who} is writing this folder; try again when it has finished") from None
            (say or _say)(f"{out}/: {who} is writing this folder; waiting for it to finish...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:  # a full disk: the pid only serves the message of a build that waits
            pass
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the lock
