"""Skip a build when nothing it reads has changed since the last successful one, as make does.

The fingerprint covers every file under the content and template folders and the package's own
code (path, size, modification time, inode), the build options, the build date (time in custody
is counted to it) and the git commit (profiles show when their file last changed). It is kept in
the output folder as `.factfile-cache.json`, with the warnings of that build so they are reported
again; nothing is written beside the output.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from ..content.dates import build_date
from .options import BuildOptions, BuildResult
from ..problems import Problem, Problems
from .write import MARKER

PACKAGE = Path(__file__).resolve().parent


STATE = ".factfile-cache.json"


def _state(out: Path) -> Path:
    return out / STATE


def _git_head(content: Path) -> str:
    """Return the commit checked out around the content, or '' outside git."""
    try:
        done = subprocess.run(["git", "-C", str(content), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


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


def fingerprint(content: Path, templates: Path, out: Path, options: object) -> str:
    """Return a digest of everything a build reads; `options` is any printable summary of them."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{sys.version}\0{content.resolve()}\0{templates.resolve()}\0{out.resolve()}\0{options}\0"
                  f"{build_date()}\0{_git_head(content)}\n".encode())
    for root in (PACKAGE, content, templates):
        _walk(digest, root)
    return digest.hexdigest()


def last_build(options: BuildOptions) -> tuple[str, BuildResult | None]:
    """Return this build's fingerprint, and the last build's result if it had the same one and its
    output is still there (then there is nothing to do)."""
    current = fingerprint(options.content, options.templates, options.out, (options.strict, options.search))
    saved = unchanged(options.out, current)
    if saved is None:
        return current, None
    result = BuildResult(Problems(), pages=saved["pages"], languages=saved["languages"], unchanged=True)
    result.problems.extend(saved["warnings"])
    return current, result


def unchanged(out: Path, current: str) -> dict | None:
    """Return what the last build recorded if it had this fingerprint and its output is still there."""
    try:
        saved = json.loads(_state(out).read_text(encoding="utf-8"))
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
        _state(out).write_text(json.dumps(record), encoding="utf-8")
    except OSError:
        pass


def forget(out: Path) -> None:
    """Drop the recorded fingerprint, before a build that may fail or change the output."""
    try:
        _state(out).unlink()
    except OSError:
        pass
