"""Withheld identities stay withheld: the file name holds only words of the label, nothing that
identifies the person is accepted, messages never repeat the file, and with the names file every
output is searched for the real names, which fail the build without being printed."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml
from helpers import ROOT, Project, run_cli

from factfile.engine.namescan import NameScan

NAME = "Zenobia Quaxley"
LABEL = "U.S. citizen, name not published"


def withheld(project: Project, slug: str = "us-citizen-2025-02-12", extra: str = "") -> Path:
    """Write a valid withheld person, with `extra` lines appended."""
    return project.write(f"people/{slug}.yaml", textwrap.dedent(f"""
        identity_withheld: true
        label: {LABEL}
        status: released
        citizenship: [US]
        released: 2025-02-12
        sources: [example-report]
        """) + textwrap.dedent(extra))


def names_file(tmp_path: Path, *names: str) -> Path:
    path = tmp_path / "private" / "withheld-names.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_text("# one name per line\n\n" + "\n".join(names or (NAME,)) + "\n", encoding="utf-8")
    return path


def no_name(text: str, *names: str) -> None:
    """Assert that printed text holds no name, in any spelling the scan knows."""
    assert not NameScan(names or (NAME,)).holds(text), text
    for name in names or (NAME,):
        for word in name.lower().split():
            assert word not in text.lower(), (word, text)


# The file name ---------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ["us-citizen-2025-02-12", "us-citizen-name-not-published", "citizen-2",
                                  "u-s-citizen"])
def test_a_file_name_of_label_words_and_numbers_passes(project: Project, slug: str) -> None:
    withheld(project, slug)
    result = project.check("--strict")
    assert result.code == 0, result.err


@pytest.mark.parametrize("slug", ["zenobia-quaxley", "us-citizen-zq", "citizen-of-minsk-2025"])
def test_a_file_name_with_other_words_is_an_error_with_a_hint_to_rename(project: Project, slug: str) -> None:
    path = withheld(project, slug)
    result = project.check()
    assert result.code == 1
    assert (f"content/people/{slug}.yaml:1:20: identity_withheld: the file name of a person whose identity is "
            "withheld may hold only words of the label and numbers") in result.err
    assert "rename the file, e.g. to us-citizen-name-not-published.yaml" in result.err
    assert path.exists()


def test_the_default_language_label_gives_the_words(project: Project) -> None:
    project.write("people/citizen-2025.yaml", """
        identity_withheld: true
        label:
          en: Foreign citizen
          ru: Гражданин США
        status: unknown
        sources: [example-report]
        """)
    assert project.check().code == 0
    (project.content / "people/citizen-2025.yaml").rename(project.content / "people/grazhdanin-ssha.yaml")
    assert "may hold only words of the label" in project.check().err


def test_the_sample_withheld_person_follows_the_rule() -> None:
    people = ROOT / "content" / "people"
    withheld_files = [p for p in people.glob("*.yaml")
                      if yaml.safe_load(p.read_text(encoding="utf-8")).get("identity_withheld")]
    assert [p.name for p in withheld_files] == ["us-citizen-2025-02-12.yaml"]
    result = run_cli("check", "--content", ROOT / "content", "--templates", ROOT / "templates", "--strict")
    assert result.code == 0, result.err


# new person --withheld -------------------------------------------------------------------------

def test_new_withheld_person_has_a_label_file_name_and_no_name(project: Project) -> None:
    result = run_cli("new", "person", "--withheld", LABEL, "--content", project.content, cwd=project.root)
    assert result.code == 0, result.err
    path = project.content / "people/us-citizen-name-not-published.yaml"
    assert result.out.strip() == "content/people/us-citizen-name-not-published.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["identity_withheld"] is True and data["label"] == LABEL
    for field in ("name", "also_known_as", "born", "photo", "bio", "trial", "distinct_from"):
        assert not re.search(f"^(# )?{field}:", text, re.MULTILINE), field
    assert "url:" not in text  # not even a recognition's statement
    path.write_text(text.replace("status:  #", "status: released  #").replace("sources:  #", "sources: [example-report]  #")
                    .replace("# released: 2021-05-12", "released: 2025-02-12"), encoding="utf-8")
    result = project.check("--strict")
    assert result.code == 0, result.err


def test_new_withheld_person_refuses_a_file_name_outside_the_label(project: Project) -> None:
    result = run_cli("new", "person", "--withheld", LABEL, "--slug", "zenobia-quaxley", "--content",
                     project.content, cwd=project.root)
    assert result.code == 2 and "may hold only words of the label" in result.err
    assert not (project.content / "people/zenobia-quaxley.yaml").exists()
    ok = run_cli("new", "person", "--withheld", LABEL, "--slug", "us-citizen-2025-02-12", "--content",
                 project.content, cwd=project.root)
    assert ok.code == 0 and (project.content / "people/us-citizen-2025-02-12.yaml").exists()


# What a withheld record may not hold -----------------------------------------------------------

@pytest.mark.parametrize("extra, field", [
    ("recognized:\n  - by: Example Rights Centre\n    url: https://rights.example.org/zenobia-quaxley\n",
     "recognized[0].url"),
    ("trial:\n  judge: Zenobia Quaxley\n", "trial"),
    ("trial:\n  court: Example District Court\n  date: 2021-11-20\n", "trial"),
    ("distinct_from: [jane-example]\n", "distinct_from"),
])
def test_identifying_facts_are_refused_on_withheld_records(project: Project, extra: str, field: str) -> None:
    withheld(project, extra=extra)
    result = project.check()
    assert result.code == 1
    assert f": {field}: must not be set when identity_withheld is true" in result.err
    no_name(result.err)


def test_a_recognition_without_its_address_is_kept(project: Project) -> None:
    withheld(project, extra="recognized:\n  - by: Example Rights Centre\n    date: 2024-06\n")
    assert project.check("--strict").code == 0


def test_distinct_from_must_name_existing_people_and_no_withheld_person(project: Project) -> None:
    withheld(project)
    jane = project.content / "people/jane-example.yaml"
    original = jane.read_text(encoding="utf-8")
    jane.write_text(original + "distinct_from: [jane-exampel, us-citizen-2025-02-12]\n", encoding="utf-8")
    result = project.check()
    assert result.code == 1
    assert "content/people/jane-example.yaml:" in result.err
    assert "distinct_from[0]: unknown person 'jane-exampel'" in result.err
    assert "distinct_from[1]: names a person whose identity is withheld" in result.err
    jane.write_text(original + "distinct_from: [ivan-sample]\n", encoding="utf-8")
    assert project.check("--strict").code == 0


def test_distinct_from_is_checked_on_every_save_of_the_preview(project: Project) -> None:
    from helpers import live_engine

    withheld(project)
    engine = live_engine(project)
    jane = project.content / "people/jane-example.yaml"
    jane.write_text(jane.read_text(encoding="utf-8") + "distinct_from: [us-citizen-2025-02-12, nobody]\n",
                    encoding="utf-8")
    problems = [str(p) for p in engine.run().problems.items]
    assert any("distinct_from[0]: names a person whose identity is withheld" in p for p in problems)
    assert any("distinct_from[1]: unknown person 'nobody'" in p for p in problems)


def test_messages_about_a_withheld_record_never_quote_it(project: Project) -> None:
    project.write("people/us-citizen-2025-02-12.yaml", """
        identity_withheld: true
        label:
          en: U.S. citizen, name not published
          zq: Zenobia Quaxley
        status: Zenobia Quaxley
        zenobia_quaxley: 1
        detained: Zenobia Quaxley
        died: 12.02.2025
        released: 2025-02-30
        sentence:
          term: Zenobia Quaxley years
        charges:
          - text: [Zenobia, Quaxley]
            article: {Zenobia: Quaxley}
        citizenship: [Zenobia Quaxley]
        release_type: Zenobia Quaxley
        summary: 1234
        place_of_detention:
          name: Colony
          address: 2025-02-12
        recognized:
          - by: Example
            url: not a url zenobia-quaxley
        sources: [zenobia-quaxley]
        """)
    result = project.check()
    assert result.code == 1
    assert result.err.count("content/people/us-citizen-2025-02-12.yaml:") >= 10, result.err
    no_name(result.err)
    for value in ("12.02.2025", "2025-02-30", "day 30", "February", "1234", "zq"):
        assert value not in result.err.replace("us-citizen-2025-02-12", ""), value


def test_yaml_errors_in_a_withheld_file_quote_nothing(project: Project) -> None:
    withheld(project, extra="zenobia: 1\nzenobia: 2\n")
    result = project.check()
    assert result.code == 1 and "duplicate key" in result.err
    no_name(result.err)


# The withheld names file -----------------------------------------------------------------------

def leak_build(project: Project, tmp_path: Path, *extra: str, names: tuple[str, ...] = ()):
    return project.build("--withheld-names", names_file(tmp_path, *names), *extra)


def set_base_url(project: Project) -> None:
    site = project.content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "base_url: https://example.org/factfile/\n", encoding="utf-8")


# Each case: what to write, and an output file the messages must name.
LEAKS = {
    "summary": (lambda p: withheld(p, extra=f"summary: Released with {NAME}'s help\n"),
                "site/en/people/us-citizen-2025-02-12/index.html"),
    "source title": (lambda p: withheld(p, extra="").write_text(
        (p.content / "people/us-citizen-2025-02-12.yaml").read_text(encoding="utf-8").replace(
            "sources: [example-report]", f"sources: [{{title: {NAME} freed, publisher: Example News}}]"),
        encoding="utf-8"), "site/data/people/us-citizen-2025-02-12.json"),
    "source url": (lambda p: withheld(p).write_text(
        (p.content / "people/us-citizen-2025-02-12.yaml").read_text(encoding="utf-8").replace(
            "sources: [example-report]",
            "sources: [{title: Report, publisher: Example, url: 'https://news.example.org/zenobia-quaxley-freed'}]"),
        encoding="utf-8"), "site/be/people/us-citizen-2025-02-12/index.html"),
    "charges text": (lambda p: withheld(p, extra=f"charges:\n  - text: Charges against {NAME.upper()}\n"),
                     "site/ru/people/us-citizen-2025-02-12/index.html"),
    "another event's title": (lambda p: p.write("events/2025-02-12-arrest.yaml", f"""
        date: 2025-02-12
        title: Arrest of {NAME}
        sources: [example-report]
        """), "site/en/events/2025-02-12-arrest/index.html"),
    "another person's bio": (lambda p: p.write("people/jane-example.yaml", (
        p.content / "people/jane-example.yaml").read_text(encoding="utf-8").replace(
        "Jane is **fictional**.", "Jane shared a cell with **Zenobia**\n    Quaxley.")),
        "site/en/people/jane-example/index.html"),
    "a case's charge in the long form": (lambda p: withheld(p, extra=f"cases:\n  - charges:\n      - text: Against {NAME}\n"),
                                         "site/be/people/us-citizen-2025-02-12/index.html"),
    "a place's source": (lambda p: p.write("places/colony-7.yaml", f"""
        name: Colony No. 7
        sources: [{{title: {NAME} moved to Colony No. 7, publisher: Example News}}]
        """), "site/data/places.json"),
    "a Cyrillic spelling in an event's summary": (lambda p: p.write("events/2025-02-12-arrest.yaml", """
        date: 2025-02-12
        title: An arrest
        summary: Затрымана Зенобія Квакслей.
        sources: [example-report]
        """), "site/be/events/2025-02-12-arrest/index.html"),
}


@pytest.mark.parametrize("case", sorted(LEAKS))
def test_each_leak_fails_the_build_without_printing_the_name(project: Project, tmp_path: Path, case: str) -> None:
    write, output = LEAKS[case]
    write(project)
    assert project.build("--no-search").code == 0  # without the names file nothing can tell
    (project.out / "old-site-marker").write_text("old")
    result = leak_build(project, tmp_path, "--no-search")
    assert result.code == 1, result.err
    assert "nothing was written" in result.err
    assert (project.out / "old-site-marker").exists()  # the previous site is still there, untouched
    lines = result.err.splitlines()
    assert any(line.startswith(f"{output}:0:0: contains a name from the withheld names file") for line in lines), \
        result.err
    assert any(": holds a name from the withheld names file" in line and line.startswith("content/")
               for line in lines)
    no_name(result.err)


def test_every_kind_of_output_is_searched(project: Project, tmp_path: Path) -> None:
    set_base_url(project)
    project.write("events/2025-02-12-arrest.yaml", f"""
        date: 2025-02-12
        title: Arrest of {NAME}
        people: [jane-example]
        sources: [example-report]
        """)
    result = leak_build(project, tmp_path)
    assert result.code == 1
    err = result.err
    for output in ("site/en/events/2025-02-12-arrest/index.html",
                   "site/en/people/jane-example/index.html",  # the timeline of the person it names
                   "site/en/index.html", "site/be/timeline/2025/index.html",
                   "site/en/feed.xml", "site/ru/feed.xml",
                   "site/data/events.json", "site/data/events.csv"):
        assert f"{output}:0:0: contains a name" in err, output
    assert "content/events/2025-02-12-arrest.yaml:2:1: holds a name from the withheld names file" in err
    fragments = [line for line in err.splitlines() if line.startswith("site/pagefind/fragment/")]
    assert fragments and any("(on the page of content/events/2025-02-12-arrest.yaml)" in f for f in fragments)
    assert "site/offline/site.zip:0:0: contains a name from the withheld names file (in " in err
    no_name(err)


def test_a_name_in_a_slug_reaches_the_sitemap_and_is_not_printed(project: Project, tmp_path: Path) -> None:
    set_base_url(project)
    project.write("people/zenobia-quaxley.yaml", """
        name: Z. Q.
        status: unknown
        sources: [example-report]
        """)
    result = leak_build(project, tmp_path)
    assert result.code == 1
    assert "site/sitemap.xml:0:0: contains a name" in result.err
    assert "site/en/people/[withheld]/index.html:0:0: contains a name" in result.err
    assert "content/people/[withheld]:" in result.err
    no_name(result.err)


def test_a_withheld_file_named_after_the_person_is_not_printed(project: Project, tmp_path: Path) -> None:
    withheld(project, "zenobia-quaxley")
    result = project.check("--withheld-names", names_file(tmp_path))
    assert result.code == 1
    assert "content/people/[withheld]:1:20: identity_withheld: the message is not shown" in result.err
    no_name(result.err)


def test_a_message_quoting_a_name_from_any_record_is_not_printed(project: Project, tmp_path: Path) -> None:
    project.write("events/2025-02-12-arrest.yaml", """
        date: 2025-02-12
        title: An arrest
        people: [zenobia-quaxley]
        sources: [example-report]
        """)
    plain = project.check()
    assert "zenobia-quaxley" in plain.err  # an ordinary message, for an ordinary record
    result = project.check("--withheld-names", names_file(tmp_path))
    assert result.code == 1
    assert "content/events/2025-02-12-arrest.yaml:3:" in result.err
    no_name(result.err)


def test_check_searches_pages_data_and_feeds_in_memory(project: Project, tmp_path: Path) -> None:
    project.write("events/2025-02-12-arrest.yaml", f"""
        date: 2025-02-12
        title: Arrest of {NAME}
        sources: [example-report]
        """)
    result = project.check("--withheld-names", names_file(tmp_path))
    assert result.code == 1 and "no output" in result.err
    for output in ("site/en/events/2025-02-12-arrest/index.html", "site/data/events.csv", "site/ru/feed.xml"):
        assert f"{output}:0:0: contains a name" in result.err, output
    assert not project.out.exists()
    no_name(result.err)


def test_the_environment_variable_names_the_file(project: Project, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project.write("events/2025-02-12-arrest.yaml", f"""
        date: 2025-02-12
        title: Arrest of {NAME}
        sources: [example-report]
        """)
    monkeypatch.setenv("FACTFILE_WITHHELD_NAMES", str(names_file(tmp_path)))
    result = project.build("--no-search")
    assert result.code == 1 and "contains a name from the withheld names file" in result.err
    no_name(result.err)
    monkeypatch.setenv("FACTFILE_WITHHELD_NAMES", str(tmp_path / "missing.txt"))
    missing = project.check()
    assert missing.code == 1 and "the withheld names file cannot be read" in missing.err


@pytest.mark.parametrize("names, text", [
    (("Андрэй Кузнечык",), "Andrei Kuzniečyk was released"),  # Belarusian name, Latin text
    (("Andrey Kuznechyk",), "Андрэй Кузнечык вызвалены"),  # Latin name, Belarusian text
    (("Andrey Kuznechyk",), "Андрей Кузнечик освобождён"),  # Latin name, Russian text
    (("Zenobia Quaxley",), "ZENÓBIA QUÁXLEY"),
    (("Zenobia Quaxley",), "Зенобія Quaxley"),
])
def test_spellings_in_other_alphabets_are_caught(project: Project, tmp_path: Path, names: tuple[str, ...],
                                                 text: str) -> None:
    project.write("events/2025-02-12-arrest.yaml", f"""
        date: 2025-02-12
        title: {text}
        sources: [example-report]
        """)
    result = leak_build(project, tmp_path, "--no-search", names=names)
    assert result.code == 1 and "contains a name" in result.err
    no_name(result.err, *names)


@pytest.mark.parametrize("text", ["Zenobia Quaxleyson was released", "Zenobiana Quaxley", "Zenobia met Quaxley",
                                  "ZenobiaQuaxley"])
def test_a_name_inside_longer_words_is_not_a_hit(project: Project, tmp_path: Path, text: str) -> None:
    project.write("events/2025-02-12-arrest.yaml", f"""
        date: 2025-02-12
        title: {text}
        sources: [example-report]
        """)
    result = leak_build(project, tmp_path, "--no-search")
    assert result.code == 0, result.err


def test_a_clean_site_passes_and_is_searched_every_time(project: Project, tmp_path: Path) -> None:
    withheld(project, extra="summary: Released on 12 February 2025.\n")
    names = names_file(tmp_path, NAME, "Андрэй Невядомы")
    first = project.build("--withheld-names", names)
    assert first.code == 0, first.err
    assert (project.out / "en/people/us-citizen-2025-02-12/index.html").exists()
    again = project.build("--withheld-names", names)
    assert again.code == 0 and "nothing changed" not in again.err
    assert project.check("--withheld-names", names).code == 0


def test_the_names_file_is_ignored_by_git() -> None:
    patterns = (ROOT / ".gitignore").read_text(encoding="utf-8")
    assert "*withheld-names*" in patterns
