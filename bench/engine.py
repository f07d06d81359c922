"""Time the engine kept in memory, as the preview keeps it: first build, no-op, edits. Prints JSON.

Run by bench/run.py in its own process, so its peak memory is measured alone.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

from bench.generate import BIO, add_to_bio
from factfile.engine.build import Engine
from factfile.engine.options import BuildOptions


def _timed(engine: Engine, paths: list[Path]) -> tuple[float, int, int]:
    started = time.perf_counter()
    result = engine.run()
    seconds = time.perf_counter() - started
    assert result.ok(False), [str(p) for p in result.problems.errors[:5]]
    return seconds, result.rendered, result.files


def main(content: Path, templates: Path, out: Path, repeat: int) -> dict:
    """Build once, then time no-op, profile-edit, summary-edit and template-edit rebuilds."""
    work = out.parent / (out.name + "-templates")
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(templates, work)
    cache = out.parent / (out.name + "-cache")
    for folder in (out, cache):
        if folder.exists():
            shutil.rmtree(folder)
    # As in the preview (serve): no search index, which a one-shot build's own row measures.
    builder = Engine(BuildOptions(content, work, out, search=False), cache)
    started = time.perf_counter()
    first = builder.run()
    results: dict = {"first_build": time.perf_counter() - started, "pages": first.pages}
    assert first.ok(False), [str(p) for p in first.problems.errors[:5]]
    people = sorted((content / "people").iterdir())
    results["noop"] = statistics.median(_timed(builder, [])[0] for _ in range(repeat))
    bio, summary = [], []
    for n in range(repeat):
        path = people[(n * 7919) % len(people)]
        text = path.read_text(encoding="utf-8")
        # A writer's typical save: a sentence added to the biography (or to the summary if none).
        edited = add_to_bio(text, f"Edited in benchmark run {n}.") if BIO in text \
            else text.replace("summary: \"", f"summary: \"Edited {n}. ", 1)
        path.write_text(edited, encoding="utf-8")
        bio.append(_timed(builder, [path]))
        path.write_text(edited.replace("summary: \"", f"summary: \"Also {n}. ", 1), encoding="utf-8")
        summary.append(_timed(builder, [path]))
        path.write_text(text, encoding="utf-8")
        builder.run()
    results["profile_edit"] = statistics.median(s for s, _, _ in bio)
    results["profile_edit_pages"] = bio[0][1]
    results["summary_edit"] = statistics.median(s for s, _, _ in summary)
    results["summary_edit_pages"] = summary[0][1]
    template = work / "person.html"
    original = template.read_text(encoding="utf-8")
    timings = []
    # Each template edit re-renders a quarter of the site: once is enough on big sites.
    for n in range(1 if first.pages > 50_000 else max(1, min(repeat, 3))):
        template.write_text(original.replace('<article class="profile">', f'<article class="profile v{n}">'),
                            encoding="utf-8")
        timings.append(_timed(builder, [template]))
    template.write_text(original, encoding="utf-8")
    results["template_edit"] = statistics.median(s for s, _, _ in timings)
    results["template_edit_pages"] = timings[0][1]
    shutil.rmtree(work)
    shutil.rmtree(cache)
    return results


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))))
