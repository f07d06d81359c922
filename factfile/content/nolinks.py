"""Refuse symbolic links in the folders a build reads: a link could publish any file of the machine.

`ln -s /proc/self/environ templates/static/env.txt` would otherwise copy the build's environment,
in CI the runner's secrets, into the site and its offline zip. Every link under the templates
folder and the content folder is an error at its own path; hidden files (editors' lock files such as
Emacs's `.#name`) are skipped, since nothing reads them. Links among the person and event files and
the content folders themselves are reported by the loader (load.py), so not twice here.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..problems import Problems, display_path

MESSAGE = "is a symbolic link; links are refused, since one could publish any file of the machine that builds the site"
HINT = "put a copy of the file here instead of a link"
_LOADER_REPORTS = ("site.yaml", "sources.yaml", "articles.yaml", "people", "events", "places")


def links_under(root: Path, skip: set[Path] | frozenset[Path] = frozenset()) -> list[Path]:
    """Return every symbolic link under a folder (not followed), sorted; hidden names are skipped.

    Cheap enough to run on every live rebuild: the folder entries say what is a link (no stat)."""
    found = []
    todo = [str(root)]
    while todo:
        try:
            entries = list(os.scandir(todo.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or Path(entry.path) in skip:
                continue
            if entry.is_symlink():
                found.append(Path(entry.path))
            elif entry.is_dir(follow_symlinks=False):
                todo.append(entry.path)
    return sorted(found)


def check_links(content: Path, templates: Path, problems: Problems) -> None:
    """Report every symbolic link under the content and templates folders as an error."""
    skip = {content / name for name in _LOADER_REPORTS}
    found = links_under(content, skip) if content.is_dir() and not content.is_symlink() else []
    if templates.is_dir():
        found += links_under(templates)
    for path in found:
        problems.add(display_path(path), (1, 1), "", MESSAGE, HINT)
