"""The benchmark's content generator is deterministic and valid, and a tiny benchmark run works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, TEMPLATES, run_cli

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


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    run = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "20x50", "--repeat", "1", "--no-hugo",
                          "--no-preview", "--results", str(results), "--work", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    report = results.read_text(encoding="utf-8")
    assert "| cold build, no search index (median) |" in report and "| one-profile edit, engine" in report
    duration = r"\d+(\.\d+)? m?s"  # milliseconds, or seconds on a busy machine
    assert re.search(rf"\| … of which \| loading {duration}; rendering {duration}; writing data files", report)
    assert re.search(r"\| … its search phase \| \d", report)
    assert re.search(r"\| pages \(3 languages\) \| \d", report)
    assert "commit" in report
