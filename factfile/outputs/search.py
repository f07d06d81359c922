"""Full-text search over every page with Pagefind, run on the finished site before it goes live.

Pagefind (https://pagefind.app) is installed from PyPI with its binary (the pagefind_bin wheel), so
no download happens at build time. It writes a static index under pagefind/, split by each page's
<html lang>, that the search page loads from the site itself. Pages mark what to index with
data-pagefind-body and the person's status and year detained as filters (templates/person.html).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .outputs import SiteBuild

from ..problems import StepFailed

log = logging.getLogger("factfile")

INDEX_DIR = "pagefind"


class SearchIndexError(StepFailed):
    """Pagefind failed; the build stops so the old site stays live with a working index."""


def command(staging: Path) -> list[str]:
    """Return the Pagefind command line for a site folder."""
    # --keep-index-url: results link to .../index.html, which works on mirrors without folder indexes.
    return [sys.executable, "-m", "pagefind", "--site", str(staging), "--output-subdir", INDEX_DIR,
            "--keep-index-url", "--silent"]


def _die_with_parent() -> None:
    """Have the kernel kill Pagefind if the build dies, so it never writes into a folder that the
    next build has already cleaned up (prctl PR_SET_PDEATHSIG)."""
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def write_index(staging: Path, site: SiteBuild | None = None) -> None:
    """Index the finished site in the staging folder."""
    try:
        done = subprocess.run(command(staging), capture_output=True, text=True, timeout=1800, check=False,
                              preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"pagefind could not run: {exc}") from exc
    if done.returncode != 0 or not (staging / INDEX_DIR / "pagefind.js").is_file():
        raise SearchIndexError(f"pagefind failed ({done.returncode}): {(done.stderr or done.stdout).strip()[:2000]}")
