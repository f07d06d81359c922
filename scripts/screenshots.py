"""Write a screenshot of every page kind, in every language, at a phone's and a desktop's width,
into docs/screenshots/ (make screenshots). The sample site is built into a temporary folder and
served under a sub-path, as a mirror would serve it, so the search page works too; Chromium is the
system's (/usr/bin/chromium), driven by Playwright. Images are reduced to a small palette with
Pillow so that the folder stays small in git.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
LANGUAGES = ("en", "be", "ru")
# Page kind: (path in a language, what to type into the page's search box, if anything).
PAGES = {
    "home": ("{lang}/index.html", None),
    "people": ("{lang}/people/index.html", None),
    "person": ("{lang}/people/ales-bialiatski/index.html", None),
    "event": ("{lang}/events/2025-02-12-three-prisoners-released/index.html", None),
    "timeline": ("{lang}/timeline/index.html", None),
    "timeline-year": ("{lang}/timeline/2025/index.html", None),
    "search": ("{lang}/search/index.html", "Losik"),
    "data": ("{lang}/data/index.html", None),
    "page": ("{lang}/about/index.html", None),
    "letters": ("{lang}/letters/index.html", None),
    "releases": ("{lang}/releases/index.html", None),
    "figures": ("{lang}/figures/index.html", None),
    "changes": ("{lang}/changes/index.html", None),
}
# The sample names no place of detention and no article: these kinds are shot on the tests' fictional
# register (tests/fixtures/content with tests/fixtures/register).
REGISTER_PAGES = {
    "place": ("{lang}/places/example-penal-colony/index.html", None),
    "article": ("{lang}/articles/342/index.html", None),
}
SITE_WIDE = {"root": "index.html", "notfound": "404.html"}
MAX_SCREENS = 2  # a full page, cut after this many screens


def serve(folder: Path) -> str:
    """Serve a folder at http://127.0.0.1:PORT/mirror/ and return that address."""
    (folder.parent / "mirror").symlink_to(folder, target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/mirror/"


def save(png: bytes, path: Path) -> int:
    """Save a screenshot with a 64-colour palette; return its size in bytes."""
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)
    return path.stat().st_size


def build(content: Path, out: Path) -> None:
    """Build a site as of 1 January 2026, so the screenshots do not change with the day."""
    subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--content", str(content),
                    "--templates", str(ROOT / "templates"), "--out", str(out)], check=True,
                   env={"SOURCE_DATE_EPOCH": "1767225600", "PATH": "/usr/bin:/bin"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(ROOT / "content", site)
        register = site / "register"  # served beside the sample, never part of it
        content = Path(tmp) / "register-content"
        shutil.copytree(ROOT / "tests" / "fixtures" / "content", content)
        shutil.copytree(ROOT / "tests" / "fixtures" / "register", content, dirs_exist_ok=True)
        build(content, register)
        base = serve(site)
        shots = [(f"{kind}-{lang}", path.format(lang=lang), query) for kind, (path, query) in PAGES.items()
                 for lang in LANGUAGES] + [(kind, path, None) for kind, path in SITE_WIDE.items()]
        shots += [(f"{kind}-{lang}", "register/" + path.format(lang=lang), query)
                  for kind, (path, query) in REGISTER_PAGES.items() for lang in LANGUAGES]
        total = 0
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for width, height in WIDTHS.values():
                page = browser.new_page(viewport={"width": width, "height": height})
                for name, path, query in shots:
                    page.goto(base + path + ("#q=" + query if query else ""))
                    page.wait_for_load_state("networkidle")
                    if query:
                        page.wait_for_selector("#search-pages li", timeout=10_000)
                    full = page.evaluate("document.documentElement.scrollHeight")
                    clip = {"x": 0, "y": 0, "width": width, "height": min(full, height * MAX_SCREENS)}
                    total += save(page.screenshot(clip=clip, full_page=True), args.out / f"{name}-{width}.png")
                page.close()
            browser.close()
    print(f"{len(shots) * len(WIDTHS)} screenshots, {total // 1024} KB, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
