"""'Last updated' on profiles, from the date of the last commit touching each file."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import Project

from factfile.content.gitdates import last_changed, parse_log

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(root: Path, *args: str, date: str = "2024-01-02T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)


@pytest.fixture
def committed(project: Project) -> Project:
    """The fixture project as a git checkout: everything committed, then one file changed later."""
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "Add fixture")
    path = project.content / "people" / "jane-example.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# corrected\n", encoding="utf-8")
    git(project.root, "commit", "-qam", "Correct Jane", date="2024-03-04T23:30:00-02:00")  # 5 March in UTC
    return project


def updated(project: Project, page: str) -> tuple[str, str] | None:
    found = project.page(page).select_one("p.updated")
    return (found.get_text(" ", strip=True), found.time["datetime"]) if found else None


def test_profile_shows_the_date_of_the_last_commit(committed: Project) -> None:
    assert committed.build().code == 0
    assert updated(committed, "en/people/jane-example/") == ("Last updated: 5 March 2024", "2024-03-05")
    assert updated(committed, "en/people/ivan-sample/")[1] == "2024-01-02"
    assert updated(committed, "be/people/ivan-sample/")[0].startswith("Апошняе абнаўленне: 2 студзеня 2024")
    assert updated(committed, "ru/people/ivan-sample/")[0].startswith("Последнее обновление: 2 января 2024")


def test_uncommitted_file_has_no_date(committed: Project) -> None:
    committed.write("people/new-person.yaml", "name: New Person\nstatus: unknown\nsources: [example-report]\n")
    assert committed.build().code == 0
    assert updated(committed, "en/people/new-person/") is None


def test_build_is_deterministic_with_dates(committed: Project) -> None:
    committed.build()
    first = (committed.out / "en/people/jane-example/index.html").read_bytes()
    committed.build()
    assert (committed.out / "en/people/jane-example/index.html").read_bytes() == first


def test_outside_a_checkout_the_date_is_omitted(project: Project) -> None:
    assert last_changed(project.content) == {}
    assert project.build().code == 0
    assert updated(project, "en/people/jane-example/") is None


def test_without_git_the_build_still_works(committed: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(committed.root / "no-programs-here"))
    assert last_changed(committed.content) == {}
    result = committed.build()
    assert result.code == 0, result.err
    assert updated(committed, "en/people/jane-example/") is None


def test_content_folder_below_the_checkout_top(committed: Project) -> None:
    dates = last_changed(committed.content / "people")
    assert dates["jane-example.yaml"] == datetime.date(2024, 3, 5)
    assert "people/jane-example.yaml" not in dates


def test_parse_log_keeps_the_newest_date_and_odd_names() -> None:
    day = 86_400
    output = (f"\x1e{3 * day}\0\npeople/a.yaml\0people/ä b.yaml\0"
              f"\x1e{5 * day}\0\npeople/a.yaml\0"  # an older commit listed later by a merge
              f"\x1e{1 * day}\0\0"  # a commit touching nothing
              f"\x1e{2 * day}\0\nevents/e.yaml\0")
    assert parse_log(output) == {"people/a.yaml": datetime.date(1970, 1, 6),
                                 "people/ä b.yaml": datetime.date(1970, 1, 4),
                                 "events/e.yaml": datetime.date(1970, 1, 3)}


def test_one_git_call_for_many_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    people = tmp_path / "content" / "people"
    people.mkdir(parents=True)
    git(tmp_path, "init", "-q")
    for batch in range(20):
        for i in range(100):
            (people / f"p{batch * 100 + i}.yaml").write_text(f"name: P{i}\n", encoding="utf-8")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-qm", f"batch {batch}", date=f"2024-01-{batch + 1:02d}T12:00:00+00:00")
    calls = []
    real_run = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a) or real_run(*a, **k))
    dates = last_changed(tmp_path / "content")
    assert len(dates) == 2000
    assert dates["people/p1999.yaml"] == datetime.date(2024, 1, 20)
    assert len(calls) == 1  # one git process, however many files


def test_shallow_clone_leaves_dates_out_with_a_warning(committed: Project, tmp_path_factory,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(committed.root, "clone", "-q", "--depth", "1", f"file://{committed.root}", str(clone))
    shallow = Project.__new__(Project)
    shallow.root, shallow.content, shallow.out = clone, clone / "content", clone / "site"
    result = shallow.build()
    assert result.code == 0, result.err
    assert "shallow git clone" in caplog.text and "fetch-depth: 0" in caplog.text
    assert updated(shallow, "en/people/ivan-sample/") is None
