"""One engine: a rebuild after any edit gives the same bytes and warnings as a cold build, and
renders only the pages that read what changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import TEMPLATES, Project, run_cli

from factfile.engine.build import Engine
from factfile.engine.options import BuildOptions


def tree(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder by relative path; the marker only as present (its second
    line names the build state that made the folder, which differs between caches)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.name != ".factfile-site" else b"marker"
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cold(content: Path, out: Path, *args: str) -> tuple[dict[str, bytes], list[str]]:
    """Build from scratch with the CLI into a fresh folder; return the files and the warnings."""
    if out.exists():
        shutil.rmtree(out)
    shutil.rmtree(out.parent / f".{out.name}.cache", ignore_errors=True)
    result = run_cli("build", "--content", content, "--templates", TEMPLATES, "--out", out, "--no-search", *args)
    assert result.code == 0, result.err
    return tree(out), warnings(result.err)


def warnings(err: str) -> list[str]:
    return sorted(line[line.index("content/"):] if "content/" in line else line
                  for line in err.splitlines() if " warning:" in line)


def assert_same(live: Path, content: Path, reference: Path, live_warnings: list[str] | None = None) -> None:
    expected, expected_warnings = cold(content, reference)
    actual = tree(live)
    assert sorted(actual) == sorted(expected)
    different = [path for path in expected if actual[path] != expected[path]]
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"
    if live_warnings is not None:
        assert live_warnings == expected_warnings


class Live:
    """An engine kept between runs, as the preview keeps it."""

    def __init__(self, project: Project, templates: Path = TEMPLATES) -> None:
        self.engine = Engine(BuildOptions(project.content, templates, project.out, search=False),
                             project.root / "cache", processes=1)
        result = self.engine.run()
        assert result.ok(False), [str(p) for p in result.problems.errors]

    def run(self):
        return self.engine.run()


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_edits_additions_and_deletions_match_a_cold_build(project: Project, tmp_path: Path) -> None:
    live = Live(project)
    reference = tmp_path / "reference" / "site"
    steps = [
        ("people/jane-example.yaml", "Jane Example\n", "Jane Renamed\n"),
        ("people/ivan-sample.yaml", "detained: 2020~", "detained: 2019-03-01"),
        ("events/2021-05-12-arrest.yaml", "date: 2021-05-12", "date: 2022-01-02"),
        ("events/2024-02-release.yaml", "title: Ivan", "title: Still Ivan"),
    ]
    for relative, old, new in steps:
        edit(project.content / relative, old, new)
        result = live.run()
        assert result.ok(False), [str(p) for p in result.problems.errors]
        assert 0 < result.rendered < result.pages
        assert_same(project.out, project.content, reference)
    project.write("people/new-person.yaml", """
        name: New Person
        status: detained
        detained: 2023-07-01
        sources: [example-report]
    """)
    project.write("events/2023-07-01-arrest.yaml", """
        date: 2023-07-01
        title: New Person is detained
        people: [new-person, ivan-sample]
        sources: [example-report]
    """)
    assert live.run().ok(False)
    assert (project.out / "en/people/new-person/index.html").is_file()
    assert_same(project.out, project.content, reference)
    (project.content / "events/2021-05-12-arrest.yaml").unlink()
    assert live.run().ok(False)
    assert not (project.out / "en/events/2021-05-12-arrest").exists()
    assert_same(project.out, project.content, reference)


def test_a_bio_edit_renders_the_profile_only(project: Project) -> None:
    live = Live(project)
    edit(project.content / "people/jane-example.yaml", "Teacher", "Head teacher")
    result = live.run()
    assert result.ok(False)
    # The occupation shows on the profile in three languages and is a filter of the people index.
    assert result.rendered == 6
    edit(project.content / "people/jane-example.yaml", "Jane is **fictional**.", "Jane is **fictional**, really.")
    assert live.run().rendered == 3  # the profile in three languages, nothing else


def test_deleting_a_named_person_is_an_error_until_fixed(project: Project, tmp_path: Path) -> None:
    live = Live(project)
    before = tree(project.out)
    person = project.content / "people/ivan-sample.yaml"
    saved = person.read_text(encoding="utf-8")
    person.unlink()
    result = live.run()
    messages = [str(p)[str(p).index("content/"):] for p in result.problems.errors]
    assert any("people[0]: unknown person 'ivan-sample'" in m for m in messages), messages
    assert tree(project.out) == before, "a failed rebuild must not touch the site"
    check = project.check()
    assert check.code == 1
    assert sorted(messages) == sorted(line for line in check.err.splitlines() if re.match(r".*:\d+:\d+: ", line)
                                      and " warning:" not in line)
    # Removing the person from the event too makes the site valid again, without the person.
    edit(project.content / "events/2024-02-release.yaml", "ivan-sample, ", "")
    assert live.run().ok(False)
    assert not (project.out / "en/people/ivan-sample").exists()
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    person.write_text(saved, encoding="utf-8")
    assert live.run().ok(False)
    assert (project.out / "en/people/ivan-sample/index.html").is_file()
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_invalid_file_is_reported_then_recovers(project: Project, tmp_path: Path) -> None:
    live = Live(project)
    path = project.content / "people/jane-example.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("born: 1980-04-02", "born: 1980-02-30"), encoding="utf-8")
    result = live.run()
    assert [p.field for p in result.problems.errors] == ["born"]
    assert [str(p).partition("content/")[2] for p in result.problems.errors] == [
        line.partition("content/")[2] for line in project.check().err.splitlines() if ": born:" in line]
    path.write_text(good.replace("Teacher", "Head teacher"), encoding="utf-8")
    assert live.run().ok(False)
    assert "Head teacher" in (project.out / "en/people/jane-example/index.html").read_text(encoding="utf-8")
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_template_edit_rerenders_the_pages_using_it(project: Project, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    live = Live(project, templates)
    edit(templates / "person.html", '<article class="profile">', '<article class="profile edited">')
    result = live.run()
    assert result.ok(False)
    assert result.rendered == 9  # three people in three languages, nothing else
    assert "profile edited" in (project.out / "be/people/ivan-sample/index.html").read_text(encoding="utf-8")
    edit(templates / "macros.html", 'class="sources"', 'class="sources x"')
    assert live.run().rendered > 9
    result = run_cli("build", "--content", project.content, "--templates", templates, "--out", tmp_path / "ref",
                     "--no-search")
    assert result.code == 0
    assert tree(project.out) == tree(tmp_path / "ref")


def test_a_source_edit_renders_the_pages_citing_it(project: Project, tmp_path: Path) -> None:
    live = Live(project)
    sources = project.content / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "other-report:\n  title: Another report\n"
                       "  publisher: Example\n", encoding="utf-8")
    result = live.run()
    assert result.ok(False) and result.rendered == 0  # an uncited source shows nowhere (a warning)
    assert any("other-report: is not cited" in str(p) for p in result.problems.warnings)
    edit(sources, "title: Another report", "title: Another report, renamed")
    assert live.run().rendered == 0
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_the_command_line_keeps_its_state_between_builds(project: Project, tmp_path: Path) -> None:
    assert project.build("--no-search").code == 0
    edit(project.content / "people/jane-example.yaml", "Teacher", "Head teacher")
    second = project.build("--no-search")
    assert second.code == 0 and "(6 rendered" in second.err, second.err
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    assert not (project.out / ".factfile-cache.json").exists()
    assert not any(p.name.endswith(".cache") for p in project.out.iterdir())


@pytest.mark.parametrize("damage", ["missing", "corrupt", "truncated", "other-version"])
def test_a_damaged_cache_means_a_full_build(project: Project, tmp_path: Path, damage: str) -> None:
    assert project.build("--no-search").code == 0
    state = project.root / ".site.cache" / "state.sqlite"
    assert state.is_file()
    edit(project.content / "people/jane-example.yaml", "Teacher", "Head teacher")
    if damage == "missing":
        shutil.rmtree(state.parent)
    elif damage == "corrupt":
        data = bytearray(state.read_bytes())
        data[100:4000] = b"\xff" * 3900
        state.write_bytes(bytes(data))
    elif damage == "truncated":
        state.write_bytes(state.read_bytes()[:5000])
    else:
        import sqlite3

        db = sqlite3.connect(state)
        db.execute("UPDATE meta SET value = ? WHERE key = 'version'", (b"\x00",))
        db.commit()
        db.close()
    result = project.build("--no-search")
    assert result.code == 0, result.err
    assert "rendered" not in result.err  # a full build
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_an_output_changed_by_another_build_means_a_full_build(project: Project, tmp_path: Path) -> None:
    assert project.build("--no-search").code == 0
    other = run_cli("build", "--content", project.content, "--templates", TEMPLATES, "--out", project.out,
                    "--no-search", "--cache", tmp_path / "other-cache")
    assert other.code == 0
    edit(project.content / "people/jane-example.yaml", "Teacher", "Head teacher")
    assert project.build("--no-search").code == 0
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_a_failed_build_leaves_output_and_cache_as_they_were(project: Project) -> None:
    assert project.build("--no-search").code == 0
    before = tree(project.out)
    edit(project.content / "people/jane-example.yaml", "status: imprisoned", "status: jailed")
    assert project.build("--no-search").code == 1
    assert tree(project.out) == before
    edit(project.content / "people/jane-example.yaml", "status: jailed", "status: imprisoned")
    again = project.build("--no-search")
    assert again.code == 0 and "nothing changed" not in again.err


def test_a_save_remakes_the_open_data_of_the_touched_records_only(project: Project, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from factfile.outputs import opendata

    live = Live(project)
    made: list[str] = []
    original = opendata.person_record
    monkeypatch.setattr(opendata, "person_record", lambda person, out: made.append(person.slug) or
                        original(person, out))
    edit(project.content / "people/jane-example.yaml", "Teacher", "Head teacher")
    assert live.run().ok(False)
    assert made == ["jane-example"]
    # An event's title is not in anyone's export; who it names is.
    made.clear()
    edit(project.content / "events/2024-02-release.yaml", "title: Ivan", "title: Still Ivan")
    assert live.run().ok(False)
    assert made == []
    edit(project.content / "events/2024-02-release.yaml", "people: [ivan-sample, foreign-citizen]",
         "people: [ivan-sample]")
    assert live.run().ok(False)
    assert made == ["foreign-citizen"]
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    # site.yaml shows on every page: everything is made again.
    made.clear()
    site = project.content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "base_url: https://example.org/\n", encoding="utf-8")
    assert live.run().ok(False)
    assert sorted(made) == sorted(p.stem for p in (project.content / "people").glob("*.yaml"))
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_photos_follow_edits(project: Project, tmp_path: Path) -> None:
    from test_reader_profile import _jpeg_with_gps

    live = Live(project)
    project.write("photos/jane.jpg", _jpeg_with_gps())
    assert live.run().ok(False)
    path = project.content / "people/jane-example.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "photo: {file: jane.jpg, credit: Example Photographer}\n",
                    encoding="utf-8")
    assert live.run().ok(False)
    first = sorted(p.name for p in (project.out / "photos").iterdir())
    assert first and all(name.startswith("jane-example-") for name in first)
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    # Another photo file: its renditions get new names and the old ones go.
    project.write("photos/jane.jpg", _jpeg_with_gps(900, 700))
    assert live.run().ok(False)
    assert not set(first) & {p.name for p in (project.out / "photos").iterdir()}
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    edit(path, "photo: {file: jane.jpg, credit: Example Photographer}\n", "")
    assert live.run().ok(False)
    assert not (project.out / "photos").exists() or not any((project.out / "photos").iterdir())
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_an_output_and_cache_restored_from_elsewhere_are_built_on(project: Project, tmp_path: Path) -> None:
    """CI restores the output folder and its cache from an archive: new files, same contents. The
    marker names the state that made the folder, so the next build still renders only what changed."""
    assert project.build("--no-search").code == 0
    for name in ("site", ".site.cache"):
        shutil.copytree(project.root / name, tmp_path / "archive" / name)
        shutil.rmtree(project.root / name)
        shutil.copytree(tmp_path / "archive" / name, project.root / name)
    edit(project.content / "people/jane-example.yaml", "Teacher", "Head teacher")
    result = project.build("--no-search")
    assert result.code == 0 and "(6 rendered" in result.err, result.err
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_the_offline_zip_is_remade_from_the_last_one(project: Project, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries of unchanged files are copied from the last zip, compressed already; the zip is the
    same bytes as a cold build's. The last zip lists the site's files: the site is not walked."""
    import zipfile

    from factfile.engine import output

    assert project.build("--no-search").code == 0
    before = tree(project.out)
    monkeypatch.setattr(output, "_walk", lambda root: pytest.fail(f"walked {root}"))
    compressed: list[str] = []
    original = zipfile.ZipFile.writestr
    monkeypatch.setattr(zipfile.ZipFile, "writestr",
                        lambda self, info, data, *a, **k: compressed.append(info.filename) or original(self, info, data, *a, **k))
    edit(project.content / "people/jane-example.yaml", "Jane is **fictional**.", "Jane is **fictional**, really.")
    assert project.build("--no-search").code == 0
    after = tree(project.out)
    changed = sorted(f"site/{path}" for path in after if before.get(path) != after[path]
                     and not path.startswith(("offline/", ".factfile")))
    assert "site/en/people/jane-example/index.html" in changed and len(changed) < 10
    assert sorted(compressed) == changed
    monkeypatch.undo()
    assert_same(project.out, project.content, tmp_path / "reference" / "site")


def test_pages_rendered_by_worker_processes_are_published(project: Project, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers write pages in other processes; the engine must still rename, zip and remember them."""
    from factfile.engine import parallel

    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    monkeypatch.setattr(parallel, "CHUNK", 4)
    engine = Engine(BuildOptions(project.content, TEMPLATES, project.out, search=False), project.root / "cache",
                    processes=2)
    assert engine.run().ok(False)
    templates_edit = project.content / "people/jane-example.yaml"
    edit(templates_edit, "Jane Example\n", "Jane Renamed\n")  # the index, events, timeline: many pages
    result = engine.run()
    assert result.ok(False) and result.rendered > 8
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    engine.close()
