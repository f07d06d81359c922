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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .outputs import SiteBuild

OFFLINE_ZIP = "offline/site.zip"
ROOT_IN_ZIP = "site"  # unpacking makes one folder, not a spray of files
LEFT_OUT = ("pagefind/", "offline/", ".factfile-site")
KEPT = ("pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css")  # the search page links them
LEVEL = 6  # zlib's default: level 9 takes longer for the same size on HTML


def _zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    stamp = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch.isascii() and epoch.isdigit() else None
    if stamp is None or stamp.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)


def write_zip(staging: Path, site: SiteBuild | None = None) -> None:
    """Write the offline zip of the finished site into the staging folder."""
    target = staging / OFFLINE_ZIP
    target.parent.mkdir(parents=True, exist_ok=True)
    date = _zip_date()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=LEVEL) as archive:
        for name in _files(staging):
            info = zipfile.ZipInfo(f"{ROOT_IN_ZIP}/{name}", date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the permissions above are read the same everywhere
            with open(os.path.join(staging, name), "rb") as file:
                archive.writestr(info, file.read(), compresslevel=LEVEL)


def _files(root: Path) -> list[str]:
    """Return the relative names of the files to pack, sorted (os.walk: pathlib costs seconds here)."""
    names = []
    top = str(root)
    for folder, dirs, files in os.walk(top):
        relative = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for file in files:
            name = prefix + file
            if name in KEPT or not name.startswith(LEFT_OUT):
                if os.path.isfile(os.path.join(folder, file)):
                    names.append(name)
    return sorted(names)
