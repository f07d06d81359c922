"""Write the site atomically: into a fresh folder beside the output, then swap it into place.

A failed or interrupted build leaves the previous site as it was, and nothing outside the output
folder is ever deleted: an existing output folder is replaced only if a previous build made it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
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


def write_site(out: Path, files: Iterable[tuple[str, bytes]], static: Path | None = None,
               finish: Callable[[Path], None] | None = None) -> int:
    """Write every (relative path, bytes) into a new folder, then swap it for `out`. Return the count."""

    def fill(staging: Path) -> int:
        return write_files(staging, files)

    return write_tree(out, fill, static, finish)


def write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write (relative path, bytes) pairs under a folder; return the count."""
    count = 0
    made: set[Path] = set()
    for relative, data in files:
        target = root / relative
        folder = target.parent
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        target.write_bytes(data)
        count += 1
    return count


def write_tree(out: Path, fill: Callable[[Path], int], static: Path | None = None,
               finish: Callable[[Path], None] | None = None) -> int:
    """Let `fill` write the site into a new folder, then swap it for `out`; return fill's count."""
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=parent))
    # mkdtemp makes the folder private (0700); it becomes the published site, which a web server
    # running as another user must read, so give it the permissions a plain mkdir would.
    staging.chmod(0o777 & ~_umask())
    try:
        (staging / MARKER).write_bytes(b"built by factfile\n")
        if static is not None and static.is_dir():
            shutil.copytree(static, staging / "static", dirs_exist_ok=True)
        count = fill(staging)
        if finish is not None:
            finish(staging)
        _swap(staging, out)
    except BaseException:
        _remove_marked(staging)
        raise
    return count


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


def _remove_leftovers(out: Path) -> None:
    """Remove staging folders left by builds that were killed; only ones carrying our marker.

    A build killed between its two renames leaves no `out` but an old copy: put it back first.
    """
    if not out.exists():
        for old in sorted(out.parent.glob(f".{out.name}.old-*")):
            if (old / MARKER).is_file() and not old.is_symlink():
                os.replace(old, out)
                break
    for prefix in (f".{out.name}.new-", f".{out.name}.old-"):
        for path in out.parent.glob(prefix + "*"):
            if path.is_dir() and not path.is_symlink() and ((path / MARKER).is_file() or not any(path.iterdir())):
                _remove_marked(path)
