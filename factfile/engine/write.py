"""Write the site atomically: into a fresh folder beside the output, then swap it into place.

A failed or interrupted build leaves the previous site as it was, and nothing outside the output
folder is ever deleted: an existing output folder is replaced only if a previous build made it.
Callers hold the output's lock (outlock.py) around a whole build; each staging folder is also named
with the process id of its build, so a leftover is removed only once that process is gone. Right
before the swap the staging folder is checked to be whole: its marker is the file this build wrote
and no file it wrote is missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

MARKER = ".factfile-site"


class OutputError(Exception):
    """The output folder cannot be written or is not ours to replace."""


def _is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file() or not any(folder.iterdir())


def check_output(out: Path, protected: Iterable[Path]) -> None:
    """Refuse an output folder that would overwrite content, templates or a folder we did not make."""
    resolved = out.resolve()
    for path in protected:
        path = path.resolve()
        if resolved == path or resolved in path.parents:
            raise OutputError(f"{out}: the output folder may not be or contain {path}")
    if resolved == Path(resolved.anchor) or resolved == Path.home().resolve():
        raise OutputError(f"{out}: refusing to use this folder as output")
    if out.is_symlink():
        raise OutputError(f"{out}: the output folder is a symbolic link; pass its target instead")
    if out.exists() and (not out.is_dir() or not _is_ours(out)):
        raise OutputError(f"{out}: exists and was not made by factfile (no {MARKER} file); "
                          "choose another --out or empty it")


def marker_text(token: str) -> bytes:
    """Return the marker's bytes: it says the folder is factfile's, and which build state made it."""
    return f"built by factfile\n{token}\n".encode()


def marker_token(out: Path) -> str | None:
    """Return the token of the build state that made an output folder, None if it has none."""
    try:
        lines = (out / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[1] if len(lines) > 1 else ""


def new_staging(out: Path, token: str = "") -> tuple[Path, tuple[int, int]]:
    """Make a staging folder beside the output, named after this process, with its marker; return
    it and the marker's identity (device, inode)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent))
    try:
        # mkdtemp makes the folder private (0700); it becomes the published site, which a web
        # server running as another user must read, so give it the permissions a plain mkdir would.
        staging.chmod(0o777 & ~_umask())
        (staging / MARKER).write_bytes(marker_text(token))
        marker = (staging / MARKER).stat()
    except BaseException:
        _remove_marked(staging)
        raise
    return staging, (marker.st_dev, marker.st_ino)


def check_whole(staging: Path, token: tuple[int, int], expected: Iterable[str]) -> None:
    """Refuse to publish a staging folder that something else changed while it was written: its
    marker must be the very file this build wrote (same inode) and no file it wrote may be missing."""
    try:
        marker = (staging / MARKER).stat()
        ours = (marker.st_dev, marker.st_ino) == token
    except OSError:
        ours = False
    names = list(expected)
    missing = sum(1 for name in names if not os.path.lexists(staging / name)) if ours else len(names)
    if not ours or missing:
        raise OutputError(f"the new site was changed by another process while it was written "
                          f"({len(names) - missing} of {len(names)} files left); nothing was published")


def _swap(staging: Path, out: Path) -> None:
    """Put `staging` in the place of `out`; the old site is moved aside first, then removed."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.rmdir(old)
        os.replace(out, old)
    try:
        os.replace(staging, out)
    except BaseException:
        if old is not None:
            os.replace(old, out)
        raise
    if old is not None:
        _remove_marked(old)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_marked(folder: Path) -> None:
    """Delete a folder of ours, its marker last: a kill midway leaves it still recognisably ours."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    (folder / MARKER).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:  # something could not be deleted; the next build tries again
        pass


def _alive(folder: Path) -> bool:
    """Return whether the build that made a staging folder (its pid is in the name) still runs."""
    parts = folder.name.rsplit(".new-", 1)[-1].split("-")
    if len(parts) < 2 or not parts[0].isdigit():
        return False  # made before staging folders were named after their build
    pid = int(parts[0])
    if pid == os.getpid():
        return False  # this process builds one site at a time: it is a leftover of ours
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user
    return True


def remove_leftovers(out: Path) -> None:
    """Remove staging folders left by builds that were killed; only ones carrying our marker, and
    never one whose build still runs.

    A build killed between its two renames leaves no `out` but an old copy: put it back first.
    """
    if not out.exists():
        for old in sorted(out.parent.glob(f".{out.name}.old-*")):
            if (old / MARKER).is_file() and not old.is_symlink():
                os.replace(old, out)
                break
    for prefix in (f".{out.name}.new-", f".{out.name}.old-"):
        for path in out.parent.glob(prefix + "*"):
            if prefix.endswith(".new-") and _alive(path):
                continue
            if path.is_dir() and not path.is_symlink() and ((path / MARKER).is_file() or not any(path.iterdir())):
                _remove_marked(path)
