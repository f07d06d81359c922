"""Write a content tree of 100,000 events and build it: `python large_site.py ROOT`, run under limits."""

from __future__ import annotations

import sys
from pathlib import Path

from factfile.cli import main

EVENTS = 100_000
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def write_content(root: Path, events: int = EVENTS) -> Path:
    """Write site.yaml, one source and `events` small event files; return the content folder."""
    content = root / "content"
    (content / "events").mkdir(parents=True)
    (content / "site.yaml").write_text("title: A hundred thousand events\nlanguages: [en]\n", encoding="utf-8")
    (content / "sources.yaml").write_text("r:\n  title: Register\n  publisher: Example\n", encoding="utf-8")
    for i in range(events):
        (content / "events" / f"event-{i:06d}.yaml").write_text(
            f"date: {2000 + i % 25}-{1 + i % 12:02d}-{1 + i % 28:02d}\ntitle: Event {i}\ntype: arrest\n"
            f"summary: Something *happened* ({i}).\nsources: [r]\n", encoding="utf-8")
    return content


if __name__ == "__main__":
    root = Path(sys.argv[1])
    content = write_content(root)
    sys.exit(main(["build", "--content", str(content), "--templates", str(TEMPLATES), "--out", str(root / "site"),
                   # Pagefind over 300,000 pages needs more than this test's 2 GB address space;
                   # the bound is on factfile's own build.
                   "--no-search"]))
