"""Time the live preview: from saving a file to the page on disk, and to the browser showing it."""

from __future__ import annotations

import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(content: Path, templates: Path, work: Path, repeat: int) -> dict:
    """Serve a copy of the content, edit one person `repeat` times, and time each save."""
    from playwright.sync_api import sync_playwright

    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(content, work / "content")
    port, log = _port(), work / "serve.log"
    server = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "serve", "--port", str(port),
                               "--content", "content", "--templates", str(templates), "--out", "site"],
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
        person = next(p for p in people[len(people) // 2:] if "bio:\n  en: |\n" in p.read_text(encoding="utf-8"))
        page_file = work / "site" / "en" / "people" / person.stem / "index.html"
        url = f"http://127.0.0.1:{port}/en/people/{person.stem}/index.html"
        original = person.read_text(encoding="utf-8")
        disk, shown = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_function("() => window.LiveReload && window.LiveReload.connector"
                                   " && window.LiveReload.connector.protocol >= 7", timeout=60000)
            time.sleep(0.5)
            for n in range(repeat):
                marker = f"Preview edit number {n}"
                text = original.replace("bio:\n  en: |\n", f"bio:\n  en: |\n    {marker}.\n\n", 1)
                started = time.perf_counter()
                person.write_text(text, encoding="utf-8")
                while marker.encode() not in _read(page_file):
                    if time.perf_counter() - started > 60:
                        raise RuntimeError("the page was not rebuilt within a minute")
                    time.sleep(0.001)
                disk.append(time.perf_counter() - started)
                page.wait_for_function(f"() => document.body && document.body.innerText.includes({marker!r})",
                                       timeout=60000, polling=5)
                shown.append(time.perf_counter() - started)
                time.sleep(0.6)
            browser.close()
        person.write_text(original, encoding="utf-8")
        return {"first_build": int(first.group(1)) / 1000 if first else None,
                "save_to_disk": statistics.median(disk), "save_to_browser": statistics.median(shown),
                "save_to_disk_all": disk, "save_to_browser_all": shown}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
