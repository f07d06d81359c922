"""The incremental builder gives the same bytes as a cold build, after edits, additions and deletions."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from bench.generate import generate
from factfile.engine.incremental import Builder
from factfile.engine.options import BuildOptions

from helpers import TEMPLATES, Project, run_cli


# The live builder skips the search index and the offline zip (whole builds make them), and only
# one-shot builds keep a state file.
NOT_LIVE = ("pagefind/", "offline/", ".factfile-cache.json")


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder by relative path, except those the live builder skips."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(NOT_LIVE)}


def cold(content: Path, out: Path) -> dict[str, bytes]:
    """Build from scratch with the CLI into a fresh folder and return the files."""
    if out.exists():
        shutil.rmtree(out)
    result = run_cli("build", "--content", content, "--templates", TEMPLATES, "--out", out)
    assert result.code == 0, result.err
    return tree(out)


def assert_same(live: Path, content: Path, reference: Path) -> None:
    expected = cold(content, reference)
    actual = tree(live)
    assert sorted(actual) == sorted(expected)
    different = [path for path in expected if actual[path] != expected[path]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


def builder(project: Project, templates: Path = TEMPLATES) -> Builder:
    engine = Builder(BuildOptions(project.content, templates, project.out), processes=1)
    outcome = engine.build()
    assert outcome.ok(), [str(p) for p in outcome.problems.errors]
    return engine


def test_edits_additions_and_deletions_match_a_cold_build(project: Project, tmp_path: Path) -> None:
    engine = builder(project)
    reference = tmp_path / "reference"
    steps = [
        ("people/jane-example.yaml", lambda t: t.replace("Jane Example\n", "Jane Renamed\n")
         .replace("status: imprisoned", "status: restricted")),
        ("people/ivan-sample.yaml", lambda t: t.replace("detained: 2020~", "detained: 2019-03-01")),
        ("events/2021-05-12-arrest.yaml", lambda t: t.replace("date: 2021-05-12", "date: 2022-01-02")),
        ("events/2024-02-release.yaml", lambda t: t.replace("title: Ivan", "title: Still Ivan")),
    ]
    for relative, edit in steps:
        path = project.content / relative
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        outcome = engine.rebuild([path])
        assert outcome.ok(), [str(p) for p in outcome.problems.errors]
        assert not outcome.full
        assert_same(project.out, project.content, reference)
    new = project.write("people/new-person.yaml", """
        name: New Person
        status: detained
        detained: 2023-07-01
        sources: [example-report]
    """)
    event = project.write("events/2023-07-01-arrest.yaml", """
        date: 2023-07-01
        title: New Person is detained
        people: [new-person, ivan-sample]
        sources: [example-report]
    """)
    assert engine.rebuild([new, event]).ok()
    assert (project.out / "en/people/new-person/index.html").is_file()
    assert_same(project.out, project.content, reference)
    (project.content / "events/2021-05-12-arrest.yaml").unlink()
    assert engine.rebuild([project.content / "events/2021-05-12-arrest.yaml"]).ok()
    assert not (project.out / "en/events/2021-05-12-arrest").exists()
    assert_same(project.out, project.content, reference)


def test_deleting_a_named_person_is_an_error_until_fixed(project: Project, tmp_path: Path) -> None:
    engine = builder(project)
    before = tree(project.out)
    person = project.content / "people/ivan-sample.yaml"
    saved = person.read_text(encoding="utf-8")
    person.unlink()
    outcome = engine.rebuild([person])
    messages = [str(p)[str(p).index("content/"):] for p in outcome.problems.errors]  # paths from cwd
    assert any("people[0]: unknown person 'ivan-sample'" in m for m in messages), messages
    assert tree(project.out) == before, "a failed rebuild must not touch the site"
    check = project.check()
    assert check.code == 1
    assert sorted(messages) == sorted(line for line in check.err.splitlines() if ": " in line
                                      and not line.startswith("build failed")
                                      and " warning:" not in line)
    # Removing the person from the event too makes the site valid again, without the person.
    event = project.content / "events/2024-02-release.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("ivan-sample, ", ""), encoding="utf-8")
    assert engine.rebuild([event]).ok()
    assert not (project.out / "en/people/ivan-sample").exists()
    assert_same(project.out, project.content, tmp_path / "reference")
    person.write_text(saved, encoding="utf-8")
    assert engine.rebuild([person]).ok()
    assert (project.out / "en/people/ivan-sample/index.html").is_file()
    assert_same(project.out, project.content, tmp_path / "reference")


def test_invalid_file_is_reported_then_recovers(project: Project, tmp_path: Path) -> None:
    engine = builder(project)
    path = project.content / "people/jane-example.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("born: 1980-04-02", "born: 1980-02-30"), encoding="utf-8")
    outcome = engine.rebuild([path])
    # As in a cold build, the event naming her now names an unknown person too.
    assert sorted(p.field for p in outcome.problems.errors) == ["born", "people[0]"]
    path.write_text(good.replace("Teacher", "Head teacher"), encoding="utf-8")
    assert engine.rebuild([path]).ok()
    assert "Head teacher" in (project.out / "en/people/jane-example/index.html").read_text(encoding="utf-8")
    assert_same(project.out, project.content, tmp_path / "reference")


def test_template_edit_rerenders_the_pages_using_it(project: Project, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    engine = builder(project, templates)
    person = templates / "person.html"
    person.write_text(person.read_text(encoding="utf-8").replace("<article class=\"profile\">",
                                                               "<article class=\"profile edited\">"))
    outcome = engine.rebuild([person])
    assert outcome.ok()
    assert outcome.rendered == 9  # three people in three languages, nothing else
    assert "profile edited" in (project.out / "be/people/ivan-sample/index.html").read_text(encoding="utf-8")
    macros = templates / "macros.html"
    macros.write_text(macros.read_text(encoding="utf-8").replace('class="sources"', 'class="sources x"'))
    outcome = engine.rebuild([macros])
    assert outcome.rendered > 9
    result = run_cli("build", "--content", project.content, "--templates", templates, "--out", tmp_path / "ref")
    assert result.code == 0
    assert tree(project.out) == tree(tmp_path / "ref")


@pytest.mark.parametrize("seed", [1, 2])
def test_random_edits_on_generated_content_match_cold_builds(tmp_path: Path, seed: int) -> None:
    content = generate(tmp_path / "content", people=40, events=90, seed=seed)
    project = Project.__new__(Project)
    project.root, project.content, project.out = tmp_path, content, tmp_path / "site"
    engine = builder(project)
    rng = random.Random(seed)
    people = sorted((content / "people").iterdir())
    events = sorted((content / "events").iterdir())
    edits = [
        lambda t: t.replace("status: imprisoned", "status: detained"),
        lambda t: t.replace("detained: 20", "detained: 19", 1),
        lambda t: t.replace("summary: \"", "summary: \"Edited: "),
        lambda t: t.replace("date: 20", "date: 2014-01-0", 1) if "date: \"" not in t.split("\n")[0] else t,
        lambda t: t.replace("  en: \"", "  en: \"Renamed ", 1),
    ]
    for step in range(6):
        path = rng.choice(people + events)
        text = path.read_text(encoding="utf-8")
        path.write_text(rng.choice(edits)(text), encoding="utf-8")
        outcome = engine.rebuild([path])
        cold_check = run_cli("check", "--content", content, "--templates", TEMPLATES)
        assert outcome.ok() == (cold_check.code == 0), (outcome.problems.items, cold_check.err)
        if outcome.ok():
            assert_same(project.out, content, tmp_path / f"reference-{step}")


def test_a_save_remakes_the_open_data_of_the_touched_records_only(project: Project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from factfile.outputs import opendata

    engine = builder(project)
    made: list[str] = []
    original = opendata.person_record
    monkeypatch.setattr(opendata, "person_record", lambda person, site: made.append(person.slug) or
                        original(person, site))
    path = project.content / "people/jane-example.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Teacher", "Head teacher"), encoding="utf-8")
    assert engine.rebuild([path]).ok()
    assert made == ["jane-example"]
    # An event names people: their exports list its date order, so they are remade with it.
    made.clear()
    event = project.content / "events/2024-02-release.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("title: Ivan", "title: Still Ivan"), encoding="utf-8")
    assert engine.rebuild([event]).ok()
    assert sorted(made) == ["ivan-sample", "withheld-example"]
    assert_same(project.out, project.content, tmp_path / "reference")
    # A file the builder cannot place (site.yaml) reloads everything, and so remakes everyone.
    made.clear()
    assert engine.rebuild([project.content / "site.yaml"]).ok()
    assert sorted(made) == sorted(p.stem for p in (project.content / "people").glob("*.yaml"))


def test_photos_follow_live_edits(project: Project, tmp_path: Path) -> None:
    from test_reader_profile import _jpeg_with_gps

    engine = builder(project)
    project.write("photos/jane.jpg", _jpeg_with_gps())
    assert engine.rebuild([project.content / "photos/jane.jpg"]).ok()
    path = project.content / "people/jane-example.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "photo: {file: jane.jpg, credit: Example Photographer}\n",
                    encoding="utf-8")
    assert engine.rebuild([path]).ok()
    first = sorted(p.name for p in (project.out / "photos").iterdir())
    assert first and all(name.startswith("jane-example-") for name in first)
    assert_same(project.out, project.content, tmp_path / "reference")
    # Another photo file: its renditions get new names and the old ones go.
    project.write("photos/jane.jpg", _jpeg_with_gps(900, 700))
    assert engine.rebuild([project.content / "photos/jane.jpg"]).ok()
    assert not set(first) & {p.name for p in (project.out / "photos").iterdir()}
    assert_same(project.out, project.content, tmp_path / "reference")
    path.write_text(path.read_text(encoding="utf-8").replace("photo: {file: jane.jpg, credit: Example Photographer}\n",
                                                             ""), encoding="utf-8")
    assert engine.rebuild([path]).ok()
    assert not (project.out / "photos").exists() or not any((project.out / "photos").iterdir())
    assert_same(project.out, project.content, tmp_path / "reference")


def test_deferred_data_files_follow_once_written(project: Project, tmp_path: Path) -> None:
    """The preview's builder writes the pages first and the data files when asked, then matches a cold build."""
    engine = Builder(BuildOptions(project.content, TEMPLATES, project.out), processes=1, defer_extras=True)
    assert engine.build().ok()
    path = project.content / "people/jane-example.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Teacher", "Head teacher"), encoding="utf-8")
    assert engine.rebuild([path]).ok() and engine.extras_pending
    assert "Head teacher" in (project.out / "en/people/jane-example/index.html").read_text(encoding="utf-8")
    assert "Head teacher" not in (project.out / "data/people/jane-example.json").read_text(encoding="utf-8")
    # Two saves before the data files are written: both records are remade.
    other = project.content / "people/ivan-sample.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("detained: 2020~", "detained: 2019-03-01"),
                     encoding="utf-8")
    assert engine.rebuild([other]).ok()
    assert engine.write_extras()[0] >= 3 and not engine.extras_pending
    assert engine.write_extras() == (0, 0)
    assert_same(project.out, project.content, tmp_path / "reference")
