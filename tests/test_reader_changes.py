"""Changes: each profile lists when its file changed and why, a page and a feed list recent changes,
and a commit's subject never names a withheld person nor runs as markup on any page."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest
from helpers import Project

from factfile.content.gitdates import Commit, clean_subject
from factfile.site.changelog import history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
REAL_NAME = "Secretia Realnamova"  # the withheld person's real name, known only to the names file
HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & "quotes"'


def git(root: Path, *args: str, date: str = "2024-01-02T10:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)


def touch(project: Project, relative: str, note: str) -> None:
    path = project.content / relative
    path.write_text(path.read_text(encoding="utf-8") + f"# {note}\n", encoding="utf-8")


@pytest.fixture
def committed(project: Project) -> Project:
    """The fixture as a git checkout whose history holds a subject naming the withheld person (on
    their own file) and a hostile subject (on Jane's)."""
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-qm", "Add the fixture")
    touch(project, "people/foreign-citizen.yaml", "a")
    git(project.root, "commit", "-qam", f"Add the detention of {REAL_NAME}", date="2024-02-03T10:00:00+00:00")
    touch(project, "people/jane-example.yaml", "b")
    git(project.root, "commit", "-qam", HOSTILE, date="2024-03-04T10:00:00+00:00")
    touch(project, "people/jane-example.yaml", "c")
    git(project.root, "commit", "-qam", "Correct Jane's date of birth", date="2024-04-05T10:00:00+00:00")
    touch(project, "people/ivan-sample.yaml", "d")
    touch(project, "people/foreign-citizen.yaml", "d")
    git(project.root, "commit", "-qam", f"Release Ivan and {REAL_NAME}", date="2024-05-06T10:00:00+00:00")
    return project


def every_text(project: Project) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace")
                     for path in sorted(project.out.rglob("*")) if path.is_file() and "pagefind" not in path.parts)


def changes(project: Project, page: str) -> list[str]:
    found = project.page(page).select(".file-changes li")
    return [li.get_text(" ", strip=True) for li in found]


def test_profile_lists_each_change_with_its_reason(committed: Project) -> None:
    assert committed.build().code == 0
    assert changes(committed, "en/people/jane-example/") == [
        "5 April 2024 — Correct Jane's date of birth", "4 March 2024 — " + HOSTILE,
        "2 January 2024"]  # the first commit also added the withheld person's file: no subject
    assert changes(committed, "ru/people/jane-example/")[0].startswith("5 апреля 2024")


def test_hostile_subject_is_shown_as_text(committed: Project) -> None:
    assert committed.build().code == 0
    page = committed.page("en/people/jane-example/")
    assert not page.select("main script, main img[onerror]")
    quoted = [q.get_text() for q in page.select(".file-changes q")]
    assert HOSTILE in quoted
    raw = (committed.out / "en/people/jane-example/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "&lt;script&gt;" in raw


def test_withheld_person_subjects_never_show(committed: Project) -> None:
    assert committed.build().code == 0
    assert REAL_NAME not in every_text(committed)
    # Their own page lists dates only; a commit that also touched them hides its subject on Ivan's.
    assert changes(committed, "en/people/foreign-citizen/") == ["6 May 2024", "3 February 2024", "2 January 2024"]
    assert changes(committed, "en/people/ivan-sample/")[0] == "6 May 2024"
    recent = committed.page("en/changes/").select_one("#corrections ~ ol").get_text(" ")
    assert "Foreign citizen" not in recent  # a withheld person is never listed among a commit's records


def test_names_file_catches_a_subject_naming_a_withheld_person_elsewhere(committed: Project) -> None:
    names = committed.root / "names.txt"
    names.write_text(REAL_NAME + "\n", encoding="utf-8")
    assert committed.build("--withheld-names", names).code == 0  # nothing shown names them
    touch(committed, "people/jane-example.yaml", "e")
    git(committed.root, "commit", "-qam", f"Jane met {REAL_NAME}", date="2024-06-07T10:00:00+00:00")
    result = committed.build("--withheld-names", names)
    assert result.code == 1 and REAL_NAME not in result.err


def test_changes_page_and_feed(committed: Project) -> None:
    assert committed.build().code == 0
    page = committed.page("en/changes/")
    entries = [li.get_text(" ", strip=True) for li in page.select("#register-changes ~ ol li")]
    assert entries[0].startswith("February 2024 Released: Ivan Sample")
    assert any("Detained: Jane Example" in e for e in entries)
    assert "2 January 2024 New in the register: Jane Example" in entries  # the day git first saw her file
    corrections = [li.get_text(" ", strip=True) for li in page.select("#corrections ~ ol li")]
    assert corrections[0].startswith("6 May 2024 — changed: Ivan Sample")
    assert corrections[1] == "5 April 2024 — Correct Jane's date of birth : Jane Example"
    feed = feedparser.parse((committed.out / "en/changes.xml").read_bytes())
    assert not feed.bozo
    titles = [entry.title for entry in feed.entries]
    assert "Correct Jane's date of birth: Jane Example" in titles
    assert "New in the register: Ivan Sample" in titles
    assert not any(REAL_NAME in title for title in titles)
    be = committed.page("be/changes/")
    assert be.h1.get_text() == "Апошнія змены"


def test_outside_a_checkout_there_is_no_history(project: Project) -> None:
    assert project.build().code == 0
    assert changes(project, "en/people/jane-example/") == []
    assert "not available" in project.page("en/changes/").select_one("#corrections ~ p + p, #corrections ~ p:last-of-type").get_text()


def test_subjects_of_gone_files_are_hidden() -> None:
    import datetime

    class Summary:
        withheld = False

    class Linked:
        people = {"jane": Summary()}
        events: dict = {}
        places: dict = {}
        pages: dict = {}

    day = datetime.date(2024, 1, 1)
    found = history([Commit(day, "Rename Real Name to a label", ("people/real-name.yaml", "people/jane.yaml")),
                     Commit(day, "Fix Jane", ("people/jane.yaml",))], Linked())  # type: ignore[arg-type]
    assert [c.subject for c in found.files["people/jane.yaml"]] == [None, "Fix Jane"]


def test_subject_is_one_clean_line() -> None:
    assert clean_subject("a\u202eb\x1b[31mc\td") == "a b [31mc d"
    assert len(clean_subject("x" * 500)) == 200


def test_a_new_commit_rebuilds_what_shows_history(committed: Project) -> None:
    assert committed.build().code == 0
    assert "nothing changed" in committed.build().err
    touch(committed, "people/jane-example.yaml", "f")
    assert committed.build().code == 0  # the edit, not yet committed
    git(committed.root, "commit", "-qam", "Add Jane's verdict", date="2024-07-08T10:00:00+00:00")
    result = committed.build()  # no file changed: only the commit
    assert result.code == 0 and "nothing changed" not in result.err
    assert changes(committed, "en/people/jane-example/")[0] == "8 July 2024 — Add Jane's verdict"
    corrections = committed.page("en/changes/").select("#corrections ~ ol li")
    assert corrections[0].get_text(" ", strip=True).startswith("8 July 2024 — Add Jane's verdict")
    assert "Add Jane's verdict" in (committed.out / "en/changes.xml").read_text(encoding="utf-8")
