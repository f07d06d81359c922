"""An offline copy: the whole site as one zip inside it, to unpack and open from disk (file://).

Every link of the site is relative and names index.html, so the unpacked copy works without a
server. Entries are sorted and dated from SOURCE_DATE_EPOCH (or 1980-01-01, zip's earliest date) so
the same site gives the same zip. The full-text search index is left out (only its search box files stay,
so no link breaks): browsers do not let a page opened from disk load it, and the people page's
name filter works offline without it.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import struct
import zipfile
from collections.abc import Container, Iterable
from pathlib import Path
from typing import BinaryIO

ROOT_IN_ZIP = "site"  # unpacking makes one folder, not a spray of files
LEFT_OUT = ("pagefind/", "offline/", ".factfile-site")
KEPT = ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css")  # the search page links them
LEVEL = 6  # zlib's default: level 9 takes longer for the same size on HTML


def _zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch.isascii() and epoch.isdigit() else None
    if stamp is None or stamp.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)


def write_zip(files: Iterable[tuple[str, Path]], target: Path, old: Path | None = None,
              changed: Container[str] = ()) -> None:
    """Write the offline zip of a site, given as (name, where its bytes are), to a file.

    With the zip of the last build (`old`), the entries of files not in `changed` are copied from it
    as they are, compressed already: a rebuild after one edit compresses one page, not the site."""
    date = _zip_date()
    names = [(name, path) for name, path in files if name in KEPT or not name.startswith(LEFT_OUT)]
    reused = _entries(old)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive, \
            contextlib.ExitStack() as stack:
        source = stack.enter_context(open(old, "rb")) if old is not None and reused else None
        for name, path in sorted(names):
            arcname = f"{ROOT_IN_ZIP}/{name}"
            entry = reused.get(arcname)
            if source is not None and entry is not None and name not in changed and entry.date_time == date:
                _copy(archive, source, entry)
                continue
            info = zipfile.ZipInfo(arcname, date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            with open(path, "rb") as file:
                archive.writestr(info, file.read(), compresslevel=LEVEL)


def _entries(old: Path | None) -> dict[str, zipfile.ZipInfo]:
    """Return the entries of the last build's zip by name; none when it is missing or unreadable."""
    if old is None:
        return {}
    try:
        with zipfile.ZipFile(old) as archive:
            return {info.filename: info for info in archive.infolist()
                    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1}
    except (OSError, zipfile.BadZipFile):
        return {}


def _copy(archive: zipfile.ZipFile, source: BinaryIO, entry: zipfile.ZipInfo) -> None:
    """Copy one entry of another zip into `archive` as it is: its local header again, then its
    compressed bytes. (zipfile has no public way to add compressed bytes; this writes what
    `ZipFile.writestr` would, and lets `close` write the central directory.)"""
    source.seek(entry.header_offset)
    header = source.read(_LOCAL_HEADER.size)
    fields = _LOCAL_HEADER.unpack(header)
    source.seek(entry.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1])
    data = source.read(entry.compress_size)
    info = zipfile.ZipInfo(entry.filename, entry.date_time)
    info.compress_type, info.external_attr, info.create_system = entry.compress_type, entry.external_attr, 3
    info.CRC, info.compress_size, info.file_size = entry.CRC, entry.compress_size, entry.file_size
    info.flag_bits = entry.flag_bits & ~0x08  # sizes are in the header: no data descriptor follows
    fp = archive.fp
    assert fp is not None
    info.header_offset = fp.tell()
    fp.write(info.FileHeader())
    fp.write(data)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir = fp.tell()
    archive._didModify = True  # type: ignore[attr-defined]  # so that close() writes the directory


# The local file header of an entry (APPNOTE 4.3.7): its last two fields give the lengths of the
# name and the extra field that come before the data.
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
