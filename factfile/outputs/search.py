"""Full-text search over the record pages with Pagefind, run on the finished site before it goes live.

Pagefind (https://pagefind.app) is installed from PyPI with its binary (the pagefind_bin wheel), so
no download happens at build time. It writes a static index under pagefind/ that the search page
loads from the site itself. Only the pages of a record (person, event, place, legal article) and
the written pages carry data-pagefind-body (`PageKind.searched`), so lists and timelines stay out
of the index; a person's spellings are weighted text and their status and year detained are
filters (templates/person.html).

Pagefind runs once per language, each run reading only that language's pages, so it holds a third
of the site in memory at a time; the index of each language is its own part of the bundle anyway.
Pagefind 1.5 writes the values of each filter in the order of a randomly seeded hash map, so the
filter files would differ from one run to the next: `settle` sorts them and names them by their
content, so the same pages always give the same bytes (a mirror then copies only what changed).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

import cbor2

from ..problems import StepFailed

log = logging.getLogger("factfile")

INDEX_DIR = "pagefind"
ENTRY = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"  # what Pagefind puts before the CBOR in each of its gzipped files
META_FIELDS = 6  # version, pages, index chunks, filters, sorts, meta fields (Pagefind 1.5's MetaIndex)


class SearchIndexError(StepFailed):
    """Pagefind failed; the build stops so the old site stays live with a working index."""


def command(staging: Path, lang: str) -> list[str]:
    """Return the Pagefind command line that indexes one language of a site folder."""
    # --keep-index-url: results link to .../index.html, which works on mirrors without folder indexes.
    return [sys.executable, "-m", "pagefind", "--site", str(staging), "--glob", f"{lang}/**/*.html",
            "--output-subdir", INDEX_DIR, "--keep-index-url", "--silent"]


def _die_with_parent() -> None:
    """Have the kernel kill Pagefind if the build dies, so it never writes into a folder that the
    next build has already cleaned up (prctl PR_SET_PDEATHSIG)."""
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def write_index(staging: Path, languages: list[str]) -> None:
    """Index the finished site in the staging folder, one language at a time."""
    index = staging / INDEX_DIR
    entries: dict[str, Any] = {}
    entry: dict[str, Any] = {}
    for lang in languages:
        try:
            done = subprocess.run(command(staging, lang), capture_output=True, text=True, timeout=3600,
                                  check=False, preexec_fn=_die_with_parent if sys.platform == "linux" else None)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SearchIndexError(f"pagefind could not run: {exc}") from exc
        if done.returncode != 0 or not (index / "pagefind.js").is_file():
            raise SearchIndexError(f"pagefind failed ({done.returncode}): "
                                   f"{(done.stderr or done.stdout).strip()[:2000]}")
        entry = json.loads((index / ENTRY).read_text(encoding="utf-8"))
        entries.update(entry.get("languages", {}))  # each run's entry names its own language only
    entry["languages"] = {lang: entries[lang] for lang in sorted(entries)}
    settle(index, entry)


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"pagefind wrote {path.name} in a form this build does not know")
    return cbor2.loads(data[len(SIGNATURE):])


def _name(data: bytes, prefix: str, length: int, taken: set[str]) -> str:
    """Name a file by the hash of its content, as Pagefind does, and one no other file has."""
    # Pagefind's own naming (utils.rs full_hash): each byte of the SHA-1 in hex, without padding.
    digest = "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())
    while prefix + digest[:length] in taken and length < len(digest):
        length += 1
    taken.add(prefix + digest[:length])
    return prefix + digest[:length]


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))


def settle(index: Path, entry: dict[str, Any]) -> None:
    """Sort each language's filters and filter values, rename their files by content, and write
    the entry file that names each language's metadata."""
    for lang, about in entry["languages"].items():
        meta_file = index / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_file)
        if not isinstance(meta, list) or len(meta) != META_FIELDS:
            raise SearchIndexError(f"pagefind wrote {meta_file.name} in a form this build does not know")
        paths = {name: index / "filter" / f"{old}.pf_filter" for name, old in meta[3]}
        read = {name: _read(path) for name, path in paths.items()}  # all read before any is replaced
        for path in paths.values():
            path.unlink()
        filters: list[list[str]] = []
        taken: set[str] = set()
        for name, (title, values) in sorted(read.items()):
            data = cbor2.dumps([title, sorted([value, sorted(pages)] for value, pages in values)])
            filters.append([name, _name(data, f"{lang}_", 7, taken)])
            _write(index / "filter" / f"{filters[-1][1]}.pf_filter", data)
        meta[3], meta[4] = filters, sorted(meta[4])
        meta_file.unlink()
        data = cbor2.dumps(meta)
        about["hash"] = _name(data, f"{lang}_", len(lang) + 8, set())
        _write(index / f"pagefind.{about['hash']}.pf_meta", data)
    (index / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
