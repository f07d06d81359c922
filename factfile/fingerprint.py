"""Skip a build when nothing it reads has changed since the last successful one, as make does.

The fingerprint covers every file under the content and template folders and the package's own
code (path, size, modification time, inode) and the build options. It is kept beside the output
in `.<out>.cache/`, with the warnings of that build so they are reported again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .problems import Problem
from .write import MARKER

PACKAGE = Path(__file__).resolve().parent


def cache_dir(out: Path) -> Path:
    """Return the folder beside the output where build state is kept (git-ignored as .site.*)."""
    return out.parent / f".{out.name}.cache"


def _walk(digest: "hashlib._Hash", root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\n".encode("utf-8", "surrogateescape"))


def fingerprint(content: Path, templates: Path, out: Path, strict: bool) -> str:
    """Return a digest of everything a build reads."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{sys.version}\0{content.resolve()}\0{templates.resolve()}\0{out.resolve()}\0{strict}\n".encode())
    for root in (PACKAGE, content, templates):
        _walk(digest, root)
    return digest.hexdigest()


def unchanged(out: Path, current: str) -> dict | None:
    """Return what the last build recorded if it had this fingerprint and its output is still there."""
    try:
        saved = json.loads((cache_dir(out) / "fingerprint.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("fingerprint") != current or not (out / MARKER).is_file():
        return None
    saved["warnings"] = [Problem(*item) for item in saved.get("warnings", [])]
    return saved


def remember(out: Path, current: str, pages: int, languages: list[str], warnings: list[Problem]) -> None:
    """Record a successful build's fingerprint; failing to is harmless (the next build is full)."""
    record = {"fingerprint": current, "pages": pages, "languages": languages,
              "warnings": [[p.file, p.line, p.column, p.field, p.message, p.hint, p.warning] for p in warnings]}
    try:
        cache_dir(out).mkdir(exist_ok=True)
        (cache_dir(out) / "fingerprint.json").write_text(json.dumps(record), encoding="utf-8")
    except OSError:
        pass


def forget(out: Path) -> None:
    """Drop the recorded fingerprint, before a build that may fail or change the output."""
    try:
        (cache_dir(out) / "fingerprint.json").unlink()
    except OSError:
        pass
