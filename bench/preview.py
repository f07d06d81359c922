"""Time the live preview: from saving a file to the page on disk, and to the browser showing it.

It serves copies of the content and the templates, so the edits never touch the originals.
"""

from __future__ import annotations

import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .generate import BIO, add_to_bio

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TEMPLATE_MARK = "{% block main %}"  # an edit of person.html adds a line of text after it
CONNECTED = "() => window.LiveReload && window.LiveReload.connector && window.LiveReload.connector.protocol >= 7"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(content: Path, templates: Path, work: Path, repeat: int, template_repeat: int = 1) -> dict:
    """Serve copies of the content and templates; time `repeat` saves of one person's biography, then
    `template_repeat` saves of person.html (which re-renders every profile)."""
    from playwright.sync_api import sync_playwright

    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(content, work / "content")
    shutil.copytree(templates, work / "templates")
    port, log = _port(), work / "serve.log"
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                               "--content", "content", "--templates", "templates", "--out", "site"],
                              cwd=work, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    try:
        deadline = time.monotonic() + 1800
        while "serving" not in log.read_text() and time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError(log.read_text())
            time.sleep(0.2)
        first = re.search(r"first build: .* in (\d+) ms", log.read_text())
        people = sorted((work / "content" / "people").iterdir())
        # A writer's typical save: a sentence added to a biography.
        person = next(p for p in people[len(people) // 2:] if BIO in p.read_text(encoding="utf-8"))
        page_file = work / "site" / "en" / "people" / person.stem / "index.html"
        url = f"http://127.0.0.1:{port}/en/people/{person.stem}/index.html"
        template = work / "templates" / "person.html"
        original, original_template = person.read_text(encoding="utf-8"), template.read_text(encoding="utf-8")
        assert TEMPLATE_MARK in original_template, f"person.html has no {TEMPLATE_MARK}"
        saves, template_saves = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function(CONNECTED, timeout=60000)
            time.sleep(0.5)
            for n in range(repeat):
                marker = f"Preview edit number {n}"
                text = add_to_bio(original, f"{marker}.")
                saves.append(_save(page, person, text, page_file, marker, 60))
            _save(page, person, original, page_file, marker, 60, present=False)  # put back, not timed
            for n in range(template_repeat):
                marker = f"Template edit number {n}"
                text = original_template.replace(TEMPLATE_MARK, f"{TEMPLATE_MARK}<p>{marker}</p>", 1)
                template_saves.append(_save(page, template, text, page_file, marker, 3600))
            _save(page, template, original_template, page_file, marker, 3600, present=False)
            browser.close()
        return {"first_build": int(first.group(1)) / 1000 if first else None,
                "save_to_disk": statistics.median(d for d, _ in saves),
                "save_to_browser": statistics.median(b for _, b in saves),
                "template_to_disk": statistics.median(d for d, _ in template_saves),
                "template_to_browser": statistics.median(b for _, b in template_saves),
                "saves_all": saves, "template_saves_all": template_saves}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _save(page: Any, path: Path, text: str, page_file: Path, marker: str, timeout: float,
          present: bool = True) -> tuple[float, float]:
    """Save `text` to `path`; return the seconds until `marker` is in the page on disk (or gone from
    it, when `present` is false: putting a file back), then until the browser shows that."""
    started = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    while (marker.encode() in _read(page_file)) != present:
        elapsed = time.perf_counter() - started
        if elapsed > timeout:
            raise RuntimeError(f"{page_file.name} did not change within {timeout:.0f} s of saving {path.name}")
        time.sleep(min(0.02, max(0.001, elapsed / 100)))  # within 1% of the time, sparing the cores
    disk = time.perf_counter() - started
    shown = "" if present else "!"
    page.wait_for_function(f"() => document.body && {shown}document.body.innerText.includes({marker!r})",
                           timeout=timeout * 1000, polling=5)
    browser = time.perf_counter() - started
    # The reloaded page connects again before the next save, or it would miss that save's reload.
    page.wait_for_function(CONNECTED, timeout=60000)
    time.sleep(0.5)
    return disk, browser


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
