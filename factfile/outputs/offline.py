"""An offline copy: the whole site as one zip inside it, to unpack and open from disk (file://).

Every link of the site is relative and names index.html, so the unpacked copy works without a
server. Entries are sorted and dated from SOURCE_DATE_EPOCH (or 1980-01-01, zip's earliest date) so
the same site gives the same zip. The full-text search index is left out (only its search box files stay,
so no link breaks): browsers do not let a page opened from disk load it, and the people page's
name filter works offline without it. So is 404.html, which only a web server shows.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import zipfile
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ROOT_IN_ZIP = "site"  # unpacking makes one folder, not a spray of files
# The page not found is left out too: only a web server shows it, and its links start at the server's root.
LEFT_OUT = ("pagefind/", "offline/", ".factfile-site", "404.html")
KEPT = ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css")  # the search page links them
LEVEL = 6  # zlib's default: level 9 takes longer for the same size on HTML


def _zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch.isascii() and epoch.isdigit() else None
    if stamp is None or stamp.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)


def write_zip(files: Iterable[tuple[str, str | Path]], target: Path, old: LastZip | None = None,
              changed: Container[str] = ()) -> None:
    """Write the offline zip of a site, given as (name, where its bytes are), to a file.

    With the zip of the last build (`old`), the entries of files not in `changed` are copied from it
    as they are, compressed already, a run of neighbours at a time: a rebuild after one edit
    compresses one page and copies the rest at the speed of the disk."""
    date = _zip_date()
    names = sorted((name, path) for name, path in files if name in KEPT or not name.startswith(LEFT_OUT))
    entries, ends = (old.entries, old.ends) if old is not None else ({}, {})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive, \
            contextlib.ExitStack() as stack:
        source = stack.enter_context(open(old.path, "rb")) if old is not None and entries else None
        run: list[zipfile.ZipInfo] = []  # old entries next to each other, to copy in one go
        for name, path in names:
            arcname = f"{ROOT_IN_ZIP}/{name}"
            entry = entries.get(arcname)
            if source is not None and entry is not None and name not in changed and entry.date_time == date:
                if run and ends[run[-1].filename] != entry.header_offset:
                    _copy(archive, source, run, ends)
                    run = []
                run.append(entry)
                continue
            if run:
                assert source is not None
                _copy(archive, source, run, ends)
                run = []
            info = zipfile.ZipInfo(arcname, date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            with open(path, "rb") as file:
                archive.writestr(info, file.read(), compresslevel=LEVEL)
        if run:
            assert source is not None
            _copy(archive, source, run, ends)


@dataclass
class LastZip:
    """The last build's zip, read once: its usable entries by name, where each ends in the file,
    and the site's files it lists (the files of that site but those left out)."""

    path: Path
    entries: dict[str, zipfile.ZipInfo]
    ends: dict[str, int]
    names: list[str]


def last_zip(old: Path | None) -> LastZip | None:
    """Read the directory of the last build's zip; None when it is missing or unreadable."""
    if old is None:
        return None
    try:
        with zipfile.ZipFile(old) as archive:
            infos = archive.infolist()
            directory = archive.start_dir
    except (OSError, zipfile.BadZipFile):
        return None
    ends = {info.filename: following.header_offset for info, following in zip(infos, infos[1:])}
    if infos:
        ends[infos[-1].filename] = directory
    usable = {info.filename: info for info in infos
              if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x09}
    prefix = ROOT_IN_ZIP + "/"
    return LastZip(old, usable, ends, [info.filename[len(prefix):] for info in infos
                                       if info.filename.startswith(prefix)])


def _copy(archive: zipfile.ZipFile, source: BinaryIO, run: list[zipfile.ZipInfo], ends: dict[str, int]) -> None:
    """Copy entries that lie next to each other in another zip, local headers and compressed bytes
    as they are, and list them in `archive`'s directory at their new places. (zipfile has no public
    way to add compressed bytes; this writes what `writestr` would, and `close` writes the
    directory.)"""
    fp = archive.fp
    assert fp is not None
    start, end = run[0].header_offset, ends[run[-1].filename]
    here = fp.tell()
    source.seek(start)
    left = end - start
    while left:
        chunk = source.read(min(left, 1 << 20))
        if not chunk:
            raise zipfile.BadZipFile("the last offline zip ends early")
        fp.write(chunk)
        left -= len(chunk)
    for info in run:  # the last zip's entries, read for this one zip: moved, not copied
        info.header_offset = here + info.header_offset - start
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
    archive.start_dir = fp.tell()
    archive._didModify = True  # type: ignore[attr-defined]  # so that close() writes the directory
