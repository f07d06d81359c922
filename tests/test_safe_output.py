"""Exports and logs cannot attack their readers: no formula runs from a CSV cell, no content forges
a line, an escape sequence or a GitHub annotation in what the build prints."""

from __future__ import annotations

import csv
import io
import json
import logging

import pytest
from helpers import Project

from factfile.problems import PrintableFormatter, Problem

FORMULAS = {
    "=HYPERLINK(\"https://evil.example/\",\"click\")": "title",
    "+cmd|' /C calc'!A0": "title",
    "-2+3+cmd|' /C calc'!A0": "title",
    "@SUM(1+1)*cmd|' /C calc'!A0": "title",
    "\t=1+1": "title",
    "\r=1+1": "title",
}


def _event(project: Project, slug: str, title: str) -> None:
    project.write(f"events/{slug}.yaml", f"""
        date: 2024-01-01
        title: {json.dumps(title)}
        people: [jane-example]
        sources: [example-report]
        """)


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(project: Project) -> None:
    for i, title in enumerate(FORMULAS):
        _event(project, f"2024-01-01-formula-{i}", title)
    project.write("people/formula-person.yaml", """
        name: "=1+2"
        status: unknown
        summary: "@risky summary"
        sources: [example-report]
        """)
    result = project.build("--no-search")
    assert result.code == 0, result.err
    events = list(csv.DictReader(io.StringIO((project.out / "data/events.csv").read_bytes().decode(), newline="")))
    titles = {row["slug"]: row["title_en"] for row in events}
    for i, title in enumerate(FORMULAS):
        assert titles[f"2024-01-01-formula-{i}"] == "'" + title
    people = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        (project.out / "data/people.csv").read_bytes().decode(), newline=""))}
    assert people["formula-person"]["name_en"] == "'=1+2"
    assert people["formula-person"]["summary_en"] == "'@risky summary"
    # Plain text is left alone, even with those characters inside it.
    assert people["jane-example"]["name_en"] == "Jane Example"
    assert titles["2021-05-12-arrest"] == "Jane Example is arrested"
    # JSON is not read by spreadsheets: it keeps the text as written.
    data = json.loads((project.out / "data/people/formula-person.json").read_text(encoding="utf-8"))
    assert data["name"]["en"] == "=1+2"


def test_the_open_data_page_explains_the_apostrophe_in_every_language(built_fixture: Project) -> None:
    for lang, word in (("en", "apostrophe"), ("be", "апостраф"), ("ru", "апостроф")):
        text = built_fixture.page(f"{lang}/data/").get_text(" ")
        assert word in text and "=, +, -, @" in text, lang


def test_a_key_with_a_newline_cannot_forge_an_annotation(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project.write("people/jane-example.yaml", (project.content / "people/jane-example.yaml").read_text(
        encoding="utf-8") + '"x\\n::warning file=README.md,line=1::forged\\r\\n::error::also forged": 1\n')
    result = project.check()
    assert result.code == 1
    lines = result.err.splitlines()
    assert not [line for line in lines if "forged" in line and line.lstrip().startswith("::")
                and "file=content/people/jane-example.yaml" not in line]
    annotation = next(line for line in lines if line.startswith("::error file="))
    assert annotation.startswith("::error file=content/people/jane-example.yaml,line=")
    assert "\n" not in annotation and "\r" not in annotation
    printed = next(line for line in lines if line.startswith("content/people/jane-example.yaml:"))
    assert "x\\n::warning file=README.md" in printed  # shown, escaped, on its own line


def test_escape_sequences_and_controls_are_printed_escaped(project: Project) -> None:
    # A key with ESC sequences (clear screen, red), a bell and a right-to-left override.
    project.write("people/jane-example.yaml", (project.content / "people/jane-example.yaml").read_text(
        encoding="utf-8") + '"\\e[2J\\e[31mred\\a\\u202eevil": 1\n')
    project.write("people/\x1b[31mbad\nname.yaml", "status: unknown\n")
    result = project.check()
    assert result.code == 1
    for control in ("\x1b", "\x07", "\u202e", "\r"):
        assert control not in result.err
    assert "\\x1b[2J\\x1b[31mred\\x07\\u202eevil" in result.err
    assert "\\x1b[31mbad\\nname.yaml" in result.err
    assert all(line.startswith(("content/", "build failed", "languages: ")) for line in result.err.splitlines())


def test_annotations_escape_data_and_properties_as_github_requires() -> None:
    problem = Problem("content/a,b:c.yaml", 3, 4, "field", "50% done\r\nnext", "a, b: c")
    assert problem.github_annotation() == (
        "::error file=content/a%2Cb%3Ac.yaml,line=3,col=4::field: 50%25 done\\r\\nnext (a, b: c)")
    warning = Problem("x.yaml", 1, 1, "", "100%", warning=True)
    assert warning.github_annotation() == "::warning file=x.yaml,line=1,col=1::100%25"


def test_log_messages_are_printed_escaped() -> None:
    record = logging.LogRecord("factfile", logging.WARNING, __file__, 1, "%s: photo missing", ("a\x1b[2Jb\nc",), None)
    assert PrintableFormatter("%(message)s").format(record) == "a\\x1b[2Jb\\nc: photo missing"


def test_places_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe(project: Project) -> None:
    project.add_register()
    project.edit("places/example-penal-colony.yaml", "  en: Example Penal Colony No. 99",
                 '  en: "=HYPERLINK(\\"https://evil.example/\\",\\"click\\")"')
    project.edit("places/example-penal-colony.yaml", '  en: "Example Penal Colony No. 99, 99 Colony road',
                 '  en: "@SUM(1+1), 99 Colony road')
    result = project.build("--no-search")
    assert result.code == 0, result.err
    places = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        (project.out / "data/places.csv").read_bytes().decode(), newline=""))}
    colony = places["example-penal-colony"]
    assert colony["name_en"] == "'=HYPERLINK(\"https://evil.example/\",\"click\")"
    assert colony["address_en"].startswith("'@SUM(1+1)")
    assert places["example-detention-centre"]["name_en"] == "Example Temporary Detention Centre"
    # people.csv names the place a person in the long form is held in now: escaped there too.
    people = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        (project.out / "data/people.csv").read_bytes().decode(), newline=""))}
    assert people["maryia-rearrested"]["place_of_detention_en"] == "'=HYPERLINK(\"https://evil.example/\",\"click\")"
