"""Change files inside a live output folder: each write atomic, removals tidy, static assets synced."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .renderjobs import TMP_PREFIX
from .write import copy_static

# Made by whole builds only (`make site`); a live folder changed in place no longer matches them.
WHOLE_BUILD_ONLY = ("offline", "pagefind")


def write_atomic(target: Path, data: bytes) -> None:
    """Write a file so readers see the old bytes or the new, never half of them."""
    target.parent.mkdir(parents=True, exist_ok=True)
    pending = target.with_name(TMP_PREFIX + target.name)
    pending.write_bytes(data)
    os.replace(pending, target)


def remove(out: Path, relative: str) -> None:
    """Remove a file of the output and the folders it leaves empty."""
    target = out / relative
    try:
        target.unlink()
    except FileNotFoundError:
        pass
    folder = target.parent
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty
            break
        folder = folder.parent


def sync_static(source: Path, target: Path) -> None:
    """Make the output's static folder a copy of the templates' one (links left out)."""
    if target.exists():
        shutil.rmtree(target)
    copy_static(source, target)


def remove_stale(out: Path) -> int:
    """Remove the offline zip and the search index, which describe the site before it was changed in
    place: the zip would go on naming a person since withheld. Return how many folders went."""
    removed = 0
    for name in WHOLE_BUILD_ONLY:
        folder = out / name
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)
            removed += 1
        elif folder.is_symlink():
            folder.unlink()
            removed += 1
    return removed
