"""An offline copy: the whole site as one zip inside it, to unpack and open from disk (file://).

Every link of the site is relative and names index.html, so the unpacked copy works without a
server. Entries are sorted and dated from SOURCE_DATE_EPOCH (or 1980-01-01, zip's earliest date) so
the same site gives the same zip. The full-text search index is left out (only its search box files stay,
so no link breaks): browsers do not let a page opened from disk load it, and the people page's
name filter works offline without it.
"""

from __future__ import annotations

import datetime
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

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


def write_zip(files: Iterable[tuple[str, Path]], target: Path) -> None:
    """Write the offline zip of a site, given as (name, where its bytes are), to a file."""
    date = _zip_date()
    names = [(name, path) for name, path in files if name in KEPT or not name.startswith(LEFT_OUT)]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
        for name, path in sorted(names):
            info = zipfile.ZipInfo(f"{ROOT_IN_ZIP}/{name}", date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            with open(path, "rb") as file:
                archive.writestr(info, file.read(), compresslevel=LEVEL)
