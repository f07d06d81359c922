"""Warnings about likely duplicate people and events, naming both files."""

from __future__ import annotations

from helpers import Project


def test_same_person_spelt_differently_is_a_warning_naming_both_files(project: Project) -> None:
    project.write("people/jane-prykad.yaml", """
        name: Яна Прыклад
        status: released
        released: 2024
        sources: [example-report]
    """)
    result = project.check()
    assert result.code == 0, result.err
    line = next(text for text in result.err.splitlines() if "same person" in text)
    # file:line:col of one, the other file in the message
    assert line.startswith("content/people/jane-prykad.yaml:1:7: warning: name:")
    assert "content/people/jane-example.yaml" in line
    assert "distinct_from: [jane-example]" in line
    strict = project.check("--strict")
    assert strict.code == 1 and "same person" in strict.err


def test_spellings_match_across_alphabets_and_also_known_as(project: Project) -> None:
    project.write("people/a.yaml", "name: Andrey Kuznechyk\nstatus: unknown\nsources: [example-report]\n")
    project.write("people/b.yaml", """
        name: Andrei Example
        also_known_as: [Андрэй Кузнечык]
        status: unknown
        sources: [example-report]
    """)
    result = project.check()
    assert "content/people/b.yaml:2:17: warning: also_known_as[0]:" in result.err
    assert "same person as content/people/a.yaml (name: 'Andrey Kuznechyk')" in result.err


def test_different_names_and_withheld_identities_do_not_warn(project: Project) -> None:
    project.write("people/a.yaml", "name: Andrey Kuznetsov\nstatus: unknown\nsources: [example-report]\n")
    project.write("people/b.yaml", "name: Andrey Kuznechyk\nstatus: unknown\nsources: [example-report]\n")
    result = project.check("--strict")
    assert result.code == 0, result.err


def test_distinct_from_silences_the_warning(project: Project) -> None:
    project.write("people/jane-2.yaml", """
        name: Jane Example
        distinct_from: [jane-example]
        status: unknown
        sources: [example-report]
    """)
    result = project.check("--strict")
    assert result.code == 0, result.err


def test_same_event_twice_is_a_warning(project: Project) -> None:
    project.write("events/jane-arrested.yaml", """
        date: 2021-05-12
        type: arrest
        title: Jane Example detained
        people: [jane-example]
        sources: [example-report]
    """)
    result = project.check()
    assert result.code == 0
    assert ("content/events/jane-arrested.yaml:1:7: warning: date: may be the same event as "
            "content/events/2021-05-12-arrest.yaml") in result.err


def test_events_differing_in_type_or_people_do_not_warn(project: Project) -> None:
    project.write("events/statement.yaml", """
        date: 2021-05-12
        type: statement
        title: A statement on the arrest
        people: [jane-example]
        sources: [example-report]
    """)
    project.write("events/other.yaml", """
        date: 2021-05-12
        type: arrest
        title: Two arrests
        people: [jane-example, ivan-sample]
        sources: [example-report]
    """)
    assert project.check("--strict").code == 0


def test_numbers_in_names_are_not_folded(project: Project) -> None:
    project.write("people/a.yaml", "name: Example Person 1100\nstatus: unknown\nsources: [example-report]\n")
    project.write("people/b.yaml", "name: Example Person 1000\nstatus: unknown\nsources: [example-report]\n")
    assert project.check("--strict").code == 0
