"""Change files inside a live output folder: each write atomic, removals tidy, static assets synced."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .renderjobs import TMP_PREFIX


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
    """Make the output's static folder a copy of the templates' one."""
    if target.exists():
        shutil.rmtree(target)
    if source.is_dir():
        shutil.copytree(source, target)
