"""Every validation rule, with bad input: each mistake is named with file, line, column and field."""

from __future__ import annotations

import pytest
from helpers import Project

PERSON = "people/test-person.yaml"
EVENT = "events/test-event.yaml"

# (file, YAML text, expected message line prefix and fragment)
CASES = {
    "yaml syntax error": (PERSON, """
        name: [Unclosed
        status: released
        """, "content/people/test-person.yaml:2:7: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence) (it starts on line 1)"),
    "tab indentation": (PERSON, "name: X\nsources:\n\t- example-report\n",
                        "content/people/test-person.yaml:3:1: YAML syntax error: a tab character is not allowed here (indent with spaces, not tabs)"),
    "duplicate key": (PERSON, """
        name: A
        status: imprisoned
        name: B
        sources: [example-report]
        """, "content/people/test-person.yaml:3:1: duplicate key 'name' (it is already set on line 1; keep one)"),
    "unknown field with suggestion": (PERSON, """
        name: A
        status: imprisoned
        ocupation: Teacher
        sources: [example-report]
        """, "content/people/test-person.yaml:3:1: ocupation: unknown field (did you mean 'occupation'?)"),
    "status no read as false": (PERSON, """
        name: A
        status: no
        sources: [example-report]
        """, "content/people/test-person.yaml:2:9: status: 'no' is not allowed here (YAML reads a bare no as false;"),
    "impossible month": (PERSON, """
        name: A
        status: imprisoned
        born: 1990-13-01
        sources: [example-report]
        """, "content/people/test-person.yaml:3:7: born: '1990-13-01': month 13 does not exist"),
    "impossible day": (PERSON, """
        name: A
        status: imprisoned
        detained: 2025-02-30
        sources: [example-report]
        """, "content/people/test-person.yaml:3:11: detained: '2025-02-30': day 30 does not exist (February 2025 has 28 days)"),
    "malformed date with hint": (PERSON, """
        name: A
        status: imprisoned
        detained: 12.02.2025
        sources: [example-report]
        """, "detained: '12.02.2025' is not a date (try 2025-02-12)"),
    "octal number": (PERSON, """
        name: A
        status: imprisoned
        charges:
          - article: 012345
        sources: [example-report]
        """, "content/people/test-person.yaml:4:14: charges[0].article: expected text, got the number 012345 (YAML reads a bare 012345 as a number; put it in quotes: '012345')"),
    "boolean where text": (PERSON, """
        name: yes
        status: imprisoned
        sources: [example-report]
        """, "content/people/test-person.yaml:1:7: name: expected text, got yes (read by YAML as true)"),
    "country code norway": (PERSON, """
        name: A
        status: imprisoned
        citizenship: [NO]
        sources: [example-report]
        """, "citizenship[0]: 'NO' is not a country code (YAML reads a bare NO as false"),
    "list expected": (PERSON, """
        name: A
        status: imprisoned
        also_known_as: B
        sources: [example-report]
        """, "also_known_as: expected a list, got the text 'B'"),
    "bad term": (PERSON, """
        name: A
        status: imprisoned
        sentence:
          term: ten years
        sources: [example-report]
        """, "content/people/test-person.yaml:4:9: sentence.term: 'ten years' is not an ISO 8601 duration"),
    "dates out of order": (PERSON, """
        name: A
        status: released
        detained: 2024-05-01
        released: 2023-01-01
        sources: [example-report]
        """, "content/people/test-person.yaml:4:11: released: 2023-01-01 comes before detained (2024-05-01)"),
    "born after detained": (PERSON, """
        name: A
        status: imprisoned
        born: 2000
        detained: 1999
        sources: [example-report]
        """, "detained: 1999 comes before born (2000)"),
    "released without date": (PERSON, """
        name: A
        status: released
        sources: [example-report]
        """, "content/people/test-person.yaml:2:9: status: is 'released' but no 'released' date is given"),
    "imprisoned with release date": (PERSON, """
        name: A
        status: imprisoned
        released: 2024
        sources: [example-report]
        """, "released: is set but status is 'imprisoned'"),
    "withheld identity with name": (PERSON, """
        identity_withheld: true
        label: Someone
        name: Real Name
        status: imprisoned
        sources: [example-report]
        """, "content/people/test-person.yaml:3:7: name: must not be set when identity_withheld is true"),
    "withheld identity with birth date": (PERSON, """
        identity_withheld: true
        label: Someone
        born: 1980
        status: imprisoned
        sources: [example-report]
        """, "born: must not be set when identity_withheld is true"),
    "withheld identity without label": (PERSON, """
        identity_withheld: true
        status: imprisoned
        sources: [example-report]
        """, "label: a withheld identity needs a label"),
    "name missing": (PERSON, """
        status: imprisoned
        sources: [example-report]
        """, "name: is required but missing"),
    "unknown source": (PERSON, """
        name: A
        status: imprisoned
        sources: [example-reprot]
        """, "content/people/test-person.yaml:3:11: sources[0]: unknown source 'example-reprot' (did you mean 'example-report'?)"),
    "no sources key": (PERSON, """
        name: A
        status: imprisoned
        """, "sources: is required but missing"),
    "empty sources": (PERSON, """
        name: A
        status: imprisoned
        sources: []
        """, "sources: needs at least one source"),
    "javascript url": (PERSON, """
        name: A
        status: imprisoned
        sources: [{title: T, publisher: P, url: "javascript:alert(1)"}]
        """, "sources[0].url: 'javascript:alert(1)' is not an http(s) URL"),
    "bidi control in url": (PERSON, """
        name: A
        status: imprisoned
        sources: [{title: T, publisher: P, url: "https://example.org/\\u202egnp.exe"}]
        """, "sources[0].url: 'https://example.org/\\u202egnp.exe' is not a valid URL: it contains '\\u202e' (remove it)"),
    "unknown language": (PERSON, """
        name:
          en: A
          de: B
        status: imprisoned
        sources: [example-report]
        """, "content/people/test-person.yaml:3:3: name.de: 'de' is not a language of this site"),
    "python tag refused": (PERSON, """
        name: !!python/object/apply:os.system ["touch /tmp/factfile-pwned"]
        status: imprisoned
        sources: [example-report]
        """, "the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
    "custom tag refused": (PERSON, """
        name: !secret A
        status: imprisoned
        sources: [example-report]
        """, "the YAML tag '!secret' is not allowed"),
    "alias refused": (PERSON, """
        name: &n A
        also_known_as: [*n]
        status: imprisoned
        sources: [example-report]
        """, "anchors and aliases (& and *) are not supported"),
    "event unknown person": (EVENT, """
        date: 2024-01-01
        title: T
        people: [jane-exampel]
        sources: [example-report]
        """, "content/events/test-event.yaml:3:10: people[0]: unknown person 'jane-exampel' (did you mean 'jane-example'?)"),
    "event without source": (EVENT, """
        date: 2024-01-01
        title: T
        sources: []
        """, "content/events/test-event.yaml:3:10: sources: needs at least one source"),
    "event date missing": (EVENT, """
        title: T
        sources: [example-report]
        """, "content/events/test-event.yaml:1:1: date: is required but missing"),
    "event end before date": (EVENT, """
        date: 2024-05
        end: 2024-04
        title: T
        sources: [example-report]
        """, "end: 2024-04 comes before date (2024-05)"),
    "event bad type": (EVENT, """
        date: 2024-05
        type: arest
        title: T
        sources: [example-report]
        """, "type: 'arest' is not allowed here (did you mean 'arrest'?)"),
    "not a mapping": (EVENT, "- just\n- a list\n", "content/events/test-event.yaml:1:1: (file): expected a mapping of fields, got a list"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_mistake_is_reported_with_position(project: Project, case: str) -> None:
    file, text, expected = CASES[case]
    project.write(file, text)
    result = project.check()
    assert result.code == 1, result.err
    assert expected in result.err, result.err
    assert "Traceback" not in result.err
    assert result.err.rstrip().splitlines()[-1].startswith("build failed: ")


def test_python_tag_is_never_run(project: Project, tmp_path) -> None:
    marker = tmp_path / "pwned"
    project.write(PERSON, f"""
        name: !!python/object/apply:os.system ["touch {marker}"]
        status: imprisoned
        sources: [example-report]
        """)
    assert project.build().code == 1
    assert not marker.exists()


def test_not_utf8(project: Project) -> None:
    project.write(PERSON, "name: Ale\xe6\nstatus: imprisoned\n".encode("latin-1"))
    result = project.check()
    assert result.code == 1
    assert "content/people/test-person.yaml:1:10: is not UTF-8 text (byte 0xe6) (save the file as UTF-8)" in result.err


def test_bad_slug(project: Project) -> None:
    project.write("people/Jane_Doe.yaml", "name: J\nstatus: unknown\nsources: [example-report]\n")
    project.write("people/con.yaml", "name: J\nstatus: unknown\nsources: [example-report]\n")
    result = project.check()
    assert "content/people/Jane_Doe.yaml:1:1: 'Jane_Doe' is not a valid file name (slug)" in result.err
    assert "content/people/con.yaml:1:1: 'con' is not a valid file name (slug) (it is a reserved device name on Windows)" in result.err


def test_every_mistake_in_one_run(project: Project) -> None:
    project.write("people/a.yaml", "name: A\nstatus: no\nsources: [example-report]\n")
    project.write("people/b.yaml", "name: B\nstatus: imprisoned\nborn: 2025-02-30\nsources: [nope]\n")
    project.write(EVENT, "date: 2024\ntitle: T\npeople: [ghost]\nsources: [example-report]\n")
    result = project.check()
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if line.startswith("content/")]
    assert len(lines) == 4, result.err
    assert [line.split(":")[0] for line in lines] == sorted(line.split(":")[0] for line in lines)
    assert "build failed: 4 errors, 0 warnings in 3 files; no output" in result.err


def test_site_yaml_mistakes(project: Project) -> None:
    project.write("site.yaml", "title: T\nlanguages: [en, xx-invalid]\nbase_url: ftp://example.org\n")
    result = project.check()
    assert "content/site.yaml:2:17: languages[1]: 'xx-invalid' is not a known language code" in result.err
    assert "content/site.yaml:3:11: base_url: 'ftp://example.org' is not an http(s) URL" in result.err


def test_missing_site_yaml(project: Project) -> None:
    project.remove("site.yaml")
    result = project.check()
    assert result.code == 1
    assert "content/site.yaml:1:1: is missing" in result.err


def test_unused_source_is_a_warning_and_fails_under_strict(project: Project) -> None:
    project.write("sources.yaml", (project.content / "sources.yaml").read_text() +
                  "unused-source:\n  title: U\n  publisher: P\n  url: https://news.example.org/u\n")
    relaxed = project.check()
    assert relaxed.code == 0
    assert "content/sources.yaml:13:1: warning: unused-source: is not cited by any person or event" in relaxed.err
    strict = project.check("--strict")
    assert strict.code == 1
    assert "(warnings fail under --strict)" in strict.err


def test_github_annotations(project: Project, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project.write(PERSON, "name: A\nstatus: no\nsources: [example-report]\n")
    result = project.check()
    assert "::error file=content/people/test-person.yaml,line=2,col=9::status: 'no' is not allowed here" in result.err


def test_usage_error_exits_2(project: Project) -> None:
    from helpers import run_cli
    result = run_cli("build", "--no-such-option")
    assert result.code == 2
    assert "usage:" in result.err
