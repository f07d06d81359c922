"""What the build reads from disk, and which of it changed since the last build, without reading it.

Every content, template, static and photo file is listed with its stamp (modification time, size,
inode). Only files whose stamp changed are read again; a file touched but not changed (a
`git checkout`, an editor saving the same bytes) is recognised by its hash and not parsed again.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..content.kinds import RECORD_KINDS, RecordKind
from ..content.load import ContentFile, list_records
from ..problems import Problems

Stamp = tuple[int, int, int]
LINK = (-1, -1, -1)  # the stamp of a symbolic link, which is never followed
PACKAGE = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = "i18n"
STATIC_DIR = "static"
PHOTO_DIR = "photos"


def stamp(path: os.PathLike | str) -> Stamp | None:
    """Return what tells a changed file from an unchanged one (mtime, size, inode); None if missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def digest(data: bytes) -> bytes:
    """Return a short fingerprint of bytes (a file's, a page's, a fact's)."""
    return hashlib.blake2b(data, digest_size=16).digest()


@dataclass(frozen=True, slots=True)
class RecordFile:
    """A person or event file: its kind, slug, where it is, and its name in the state."""

    kind: RecordKind
    slug: str
    file: ContentFile
    stamp: Stamp | None
    key: str  # its path under the content folder ("people/ales-bialiatski.yaml"), however it was reached


@dataclass
class Listing:
    """Every file the build reads, with stamps; what `list_problems` found wrong with file names."""

    records: dict[str, RecordFile] = field(default_factory=dict)  # by path under the content folder
    templates: dict[str, Stamp | None] = field(default_factory=dict)  # by name under templates/
    static: dict[str, Stamp | None] = field(default_factory=dict)  # by name under templates/static/
    photos: dict[str, Stamp | None] = field(default_factory=dict)  # by name under content/photos/
    problems: Problems = field(default_factory=Problems)


def _files(root: Path, skip: tuple[str, ...] = ()) -> dict[str, Stamp | None]:
    """Return the stamps of the regular files under a folder, by '/'-separated relative name."""
    found: dict[str, Stamp | None] = {}
    if not root.is_dir():
        return found
    top = str(root)
    for folder, dirs, names in os.walk(top):
        relative = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = sorted(d for d in dirs if (prefix + d) not in skip and not d.startswith("."))
        for name in names:
            path = os.path.join(folder, name)
            if not name.startswith("."):  # a link is listed, not followed: it is refused (nolinks.py)
                found[prefix + name] = LINK if os.path.islink(path) else stamp(path)
    return found


def list_inputs(content: Path, templates: Path) -> Listing:
    """List every file a build of `content` with `templates` reads."""
    listing = Listing()
    for kind in RECORD_KINDS:
        for slug, file in list_records(content / kind.folder, listing.problems):
            key = f"{kind.folder}/{file.path.name}"
            listing.records[key] = RecordFile(kind, slug, file, stamp(file.path), key)
    listing.templates = _files(templates, (STATIC_DIR, CATALOGUE_DIR))
    listing.static = _files(templates / STATIC_DIR)
    listing.photos = _files(content / PHOTO_DIR)
    return listing


def code_version() -> str:
    """Return what identifies this factfile's code: Python's version and every module's stamp."""
    parts = [sys.version]
    for name, file_stamp in sorted(_files(PACKAGE).items()):
        if name.endswith(".py"):
            parts.append(f"{name}:{file_stamp}")
    return digest("\n".join(parts).encode()).hex()


def git_head(content: Path) -> str:
    """Return the commit checked out around the content, or '' outside git."""
    try:
        done = subprocess.run(["git", "-C", str(content), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
