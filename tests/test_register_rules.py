"""The register's content model is checked: custody periods, transfers, places, cases, articles, the
status against the periods and withheld identities, each mistake reported at its line and field."""

from __future__ import annotations

import re

import pytest
from helpers import REARRESTED, Project, run_cli

PERSON = REARRESTED
CASE_TWO = '''      - article: "342"
        text: Taking part in a protest'''


def at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Return the line and column (1-based) where `needle` starts in `text`, moved by `offset`."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def problems(run_err: str) -> list[str]:
    return [line for line in run_err.splitlines() if re.match(r".*:\d+:\d+: ", line)]


def test_the_rearrested_person_builds_without_a_problem(project: Project) -> None:
    project.add_register()
    result = project.build("--no-search")
    assert result.code == 0, result.err
    assert not problems(result.err), result.err


# (what is edited: old, new), (the field, a fragment of the message, where: a needle, its offset)
BAD = {
    "short and long custody": (("status: imprisoned", "status: imprisoned\ndetained: 2021-05-12"),
                               ("detained", "is the short form of custody", "detained: 2021-05-12", 10)),
    "released beside custody": (("status: imprisoned", "status: imprisoned\nplace_of_detention: {name: Colony}"),
                                ("place_of_detention", "is the short form of custody", "{name: Colony}", 0)),
    "short and long cases": (("status: imprisoned", 'status: imprisoned\ncharges: [{article: "342"}]'),
                             ("charges", "is the short form of a case", '[{article: "342"}]', 0)),
    "period ending before it begins": (("    to: 2020-08-25", "    to: 2020-08-01"),
                                       ("custody[0].to", "comes before the period's from", "2020-08-01", 0)),
    "periods out of order": (("  - from: 2021-05-12", "  - from: 2019-05-12"),
                             ("custody[1].from", "before the start of custody[0]", "2019-05-12", 0)),
    "periods overlapping": (("  - from: 2021-05-12", "  - from: 2020-08-20"),
                            ("custody[1].from", "periods overlap", "2020-08-20", 0)),
    "an open period before another": (("    to: 2020-08-25\n", ""),
                                      ("custody[0]", "has no end (to), but a later period follows",
                                       "from: 2020-08-10", 0)),
    "transfer before its period": (("        from: 2021-05-15", "        from: 2021-05-01"),
                                   ("custody[1].places[1].from", "before the period's from", "2021-05-01", 0)),
    "transfer after its period": (("      - place: example-detention-centre\n  - from",
                                   "      - place: example-remand-prison\n        from: 2020-09-01\n  - from"),
                                  ("custody[0].places[0].from", "after the period's to", "2020-09-01", 0)),
    "transfers out of order": (("        from: 2022-02-01", "        from: 2021-05-14"),
                               ("custody[1].places[2].from", "before the transfer listed before it", "2021-05-14", 0)),
    "unknown place": (("      - place: example-remand-prison", "      - place: example-remand-prisn"),
                      ("custody[1].places[1].place", "unknown place 'example-remand-prisn'",
                       "example-remand-prisn", 0)),
    "verdict outside every period": (("    verdict: 2021-11-20", "    verdict: 2021-01-20"),
                                     ("cases[1].verdict", "falls in no period of custody", "2021-01-20", 0)),
    "sentence start after its period": (("      term: P15D", "      term: P15D\n      start: 2020-09-01"),
                                        ("cases[0].sentence.start", "after the period that holds the verdict ends",
                                         "2020-09-01", 0)),
    "appeal before the verdict": (("      date: 2022-01-20", "      date: 2021-10-20"),
                                  ("cases[1].appeal.date", "before the verdict", "2021-10-20", 0)),
    "period before birth": (("born: 1990-04-02", "born: 2020-09-01"),
                            ("custody[0].from", "before born", "2020-08-10", 0)),
    "released while a period is open": (("status: imprisoned", "status: released"),
                                        ("status", "the last period of custody has no end", "released\n", 0)),
    "held when every period ended": (("  - from: 2021-05-12\n    kind: criminal",
                                      "  - from: 2021-05-12\n    to: 2024-01-10\n    kind: criminal"),
                                     ("status", "every period of custody has ended", "imprisoned", 0)),
    "restricted in a criminal period": (("status: imprisoned", "status: restricted"),
                                        ("status", "but the open period is criminal", "restricted\n", 0)),
    "release type while held": (("status: imprisoned", "status: imprisoned\nrelease_type: pardon"),
                                ("release_type", "the last period of custody has no end", "pardon", 0)),
    "unknown kind of custody": (("    kind: administrative", "    kind: admin"),
                                ("custody[0].kind", "'admin' is not allowed here", "admin\n", 0)),
    "unknown appeal outcome": (("      outcome: upheld", "      outcome: confirmed"),
                               ("cases[1].appeal.outcome", "'confirmed' is not allowed here", "confirmed", 0)),
    "transfer without a place": (("      - place: example-penal-colony\n", "      - sentence: x\n"),
                                 ("custody[1].places[2].sentence", "unknown field", "sentence: x", 0)),
    "period without from": (("  - from: 2021-05-12\n    kind: criminal", "  - kind: criminal"),
                            ("custody[1].from", "is required but missing", "kind: criminal", 0)),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_mistake_is_reported_at_its_field(project: Project, case: str) -> None:
    project.add_register()
    (old, new), (field, message, needle, offset) = BAD[case]
    text = project.edit(PERSON, old, new)
    result = project.check()
    assert result.code == 1, result.err
    line, column = at(text, needle, offset)
    expected = f"content/{PERSON}:{line}:{column}: {field}: "
    found = [p for p in problems(result.err) if expected in p]
    assert found and message in found[0], (expected, message, problems(result.err))


def test_every_mistake_is_reported_in_one_run(project: Project) -> None:
    project.add_register()
    project.edit(PERSON, "    to: 2020-08-25", "    to: 2020-08-01")
    project.edit(PERSON, "    verdict: 2021-11-20", "    verdict: 2021-01-20")
    project.edit(PERSON, "      - place: example-remand-prison", "      - place: nowhere")
    result = project.check()
    fields = {p.split(": ")[1] for p in problems(result.err)}
    assert {"custody[0].to", "cases[1].verdict", "custody[1].places[1].place"} <= fields, result.err


def test_an_article_not_listed_is_a_warning_only_with_an_articles_file(project: Project) -> None:
    project.add_register()
    text = project.edit(PERSON, 'article: "342"', 'article: "343"')
    result = project.check()
    assert result.code == 0, result.err
    line, column = at(text, '"343"')
    warning = f"content/{PERSON}:{line}:{column}: warning: cases[1].charges[0].article: article '343' is not listed"
    assert any(p.startswith(warning) for p in problems(result.err)), result.err
    assert "did you mean '342'" in result.err
    assert project.check("--strict").code == 1
    project.remove("articles.yaml")  # a site that lists no articles is not asked to
    assert not [p for p in problems(project.check().err) if "articles.yaml" in p]


@pytest.mark.parametrize("text, field, message", [
    ('"342 part 1":\n  code: criminal\n  title: T\n', "342 part 1", "is not an article id"),
    ('"342":\n  title: T\n', "342.code", "is required but missing"),
    ('"342":\n  code: penal\n  title: T\n', "342.code", "'penal' is not allowed here"),
    ('- "342"\n', "", "expected a mapping of article ids to articles"),
])
def test_articles_file_mistakes(project: Project, text: str, field: str, message: str) -> None:
    project.write("articles.yaml", text)
    result = project.check()
    assert result.code == 1
    found = [p for p in problems(result.err) if p.startswith("content/articles.yaml:")]
    assert any((f": {field}: " in p if field else True) and message in p for p in found), result.err


@pytest.mark.parametrize("text, field, message", [
    ("name: A\n", "sources", "is required but missing"),
    ("name: A\nkind: colony\nsources: [example-report]\n", "kind", "'colony' is not allowed here"),
    ("kind: prison\nsources: [example-report]\n", "name", "is required but missing"),
    ("name: A\naddress_checked: 2024-13\nsources: [example-report]\n", "address_checked", "month 13 does not exist"),
    ("name: A\nsources: [no-such-source]\n", "sources[0]", "unknown source"),
])
def test_place_file_mistakes(project: Project, text: str, field: str, message: str) -> None:
    project.write("places/a-place.yaml", text)
    result = project.check()
    assert result.code == 1
    assert any(p.startswith("content/places/a-place.yaml:") and f": {field}: " in p and message in p
               for p in problems(result.err)), result.err


WITHHELD = "people/foreign-citizen.yaml"


def withheld_text(project: Project, status: str = "detained") -> str:
    """Return the withheld person's file without its short form of custody, with a status."""
    text = (project.content / WITHHELD).read_text(encoding="utf-8")
    return re.sub(r"^detained: .*\n", "", text, flags=re.M).replace("status: detained", f"status: {status}")


def test_a_withheld_persons_case_may_not_name_its_court_or_judge(project: Project) -> None:
    project.add_register()
    text = withheld_text(project, "released")
    text += ("custody:\n  - from: 2023-01-10\n    to: 2024-02-12\n    places:\n      - place: example-penal-colony\n"
             "cases:\n  - charges: [{article: '342'}]\n    court: Zenobia's District Court\n"
             "    judge: Judge Quaxley\n    verdict: 2023-06-01\n")
    path = project.write(WITHHELD, text)
    result = project.check()
    assert result.code == 1, result.err
    found = problems(result.err)
    for field, needle in (("cases[0].court", "Zenobia's"), ("cases[0].judge", "Judge Quaxley")):
        line, column = at(path.read_text(encoding="utf-8"), needle)
        assert any(p.startswith(f"content/{WITHHELD}:{line}:{column}: {field}: must not be set when "
                                "identity_withheld is true") for p in found), result.err
    assert "Zenobia" not in result.err and "Quaxley" not in result.err


def test_a_withheld_persons_messages_quote_nothing_of_custody(project: Project) -> None:
    project.add_register()
    project.write(WITHHELD, withheld_text(project, "imprisoned") + "custody:\n  - from: 2023-01-10\n    to: 2022-11-11\n  - from: 2023-03-03\n"
                    "    places:\n      - place: colony-of-zenobia\n")
    result = project.check()
    assert result.code == 1
    assert "2022-11-11" not in result.err and "colony-of-zenobia" not in result.err, result.err
    assert "custody[0].to: comes before the period's from" in result.err
    assert "custody[1].places[0].place: unknown place" in result.err


def test_a_withheld_person_may_be_held_at_a_place_and_gets_no_letter_block(project: Project) -> None:
    project.add_register()
    project.write(WITHHELD, withheld_text(project, "imprisoned") + "custody:\n  - from: 2023-01-10\n    places:\n      - place: example-penal-colony\n")
    result = project.build("--no-search")
    assert result.code == 0, result.err
    page = project.page("en/people/foreign-citizen/")
    assert page.select_one("section.letters") is None
    assert "Example Penal Colony No. 99" in page.select_one("section.custody-history").get_text()


def test_a_new_withheld_persons_file_suggests_no_court_or_judge(project: Project) -> None:
    result = run_cli("new", "person", "--withheld", "Citizen, name not published", "--content", project.content,
                     cwd=project.root)
    assert result.code == 0, result.err
    text = (project.content / "people/citizen-name-not-published.yaml").read_text(encoding="utf-8")
    assert "# cases:" in text and "# custody:" in text and "place: place-file-name" in text
    assert "court:" not in text and "judge:" not in text
    normal = run_cli("new", "person", "Olga Example", "--content", project.content, cwd=project.root)
    assert normal.code == 0
    assert "#     court: ..." in (project.content / "people/olga-example.yaml").read_text(encoding="utf-8")


def test_new_place_writes_a_file_that_passes_once_its_source_is_filled_in(project: Project) -> None:
    result = run_cli("new", "place", "Penal Colony No. 4", "--content", project.content, cwd=project.root)
    assert result.code == 0 and result.out.strip() == "content/places/penal-colony-no-4.yaml", result.err
    path = project.content / "places/penal-colony-no-4.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/place.schema.json\n")
    assert "name: Penal Colony No. 4" in text and "# address_checked: 2021-05-12" in text
    assert project.check().code == 1  # its source is still missing
    path.write_text(text.replace("sources:  # for example: [source-id]", "sources: [example-report]"),
                    encoding="utf-8")
    assert project.check().code == 0
    again = run_cli("new", "place", "Penal Colony No. 4", "--content", project.content, cwd=project.root)
    assert again.code == 1 and "already exists" in again.err
