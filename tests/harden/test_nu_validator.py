"""Every page of the sample site, a generated 200-person site, the hostile-content site and a site
with the long form of custody and cases passes the Nu HTML Checker."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from harden_tools import html_files
from hostile import HostileSite

pytestmark = [pytest.mark.slow, pytest.mark.external]

# A page the checker must reject: proves in the same run that it read the files and reports errors.
CANARY = "<!doctype html><html lang=en><title>x</title><p><div>unclosed</p>"


def test_every_page_passes_the_nu_html_checker(vnu: list[str], sample_site: Path, generated_site: Path,
                                              hostile_site: HostileSite, register_site: Path, tmp_path: Path) -> None:
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    pages = html_files(sample_site) + html_files(generated_site) + html_files(hostile_site.site) + \
        html_files(register_site)
    assert len(pages) > 2000
    # One JVM for every page: starting Java per page would take minutes.
    run = subprocess.run([*vnu, "--format", "json", "--exit-zero-always", str(canary), *map(str, pages)],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr)["messages"]
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    canary_errors = [m for m in errors if m.get("url", "").endswith("/canary.html")]
    assert canary_errors, "the checker did not report the broken canary page: is it checking anything?"
    page_errors = [f"{m.get('url', '?')}:{m.get('lastLine', '?')}: {m['message']}"
                   for m in errors if m not in canary_errors]
    summary = Counter(m.split(": ", 1)[1] for m in page_errors).most_common(10)
    assert not page_errors, f"{len(page_errors)} errors in {len(pages)} pages; most common: {summary}\n" + \
        "\n".join(page_errors[:20])
    print(f"Nu HTML Checker: {len(pages)} pages, 0 errors")
