"""`import FILE.csv`: spreadsheets of people and events into valid content files, bad input refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import Project, run_cli

VIASNA_HEADER = ("id,url,name,status,birthday,gender,arrested,articles,verdict_date,decision,penalty,"
                 "judge,prison,declaration,release_date,died")
# Fictional people in the column set of Viasna's public export: a BOM, CRLF line endings and a cell
# with a quoted line break (two articles).
VIASNA_ROWS = [
    '101,https://prisoners.example.org/101,Пётр Прыкладаў,active,02.03.1985,м,12.05.2021,'
    '"ч. 1 ст. 342 УК\r\nст. 361-1 УК",20.11.2021,колония усиленного режима,6 лет,Судья Пример,ИК-0,03.06.2021,,',
    '102,https://prisoners.example.org/102,Анна Тэставая,former,1990,ж,2020,342,,,,,,,01.02.2024,',
]


def write_csv(project: Project, name: str, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    path = project.root / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def run_import(project: Project, path: Path, *args: str):
    return run_cli("import", path, "--content", project.content, *args, cwd=project.root)


def people(project: Project) -> set[str]:
    return {p.stem for p in (project.content / "people").glob("*.yaml")}


def test_viasna_export_with_bom_crlf_and_line_breaks(project: Project) -> None:
    path = write_csv(project, "people.csv", [VIASNA_HEADER, *VIASNA_ROWS])
    result = run_import(project, path)
    assert result.code == 0, result.err
    assert result.out.split() == ["content/people/piotr-prykladau.yaml", "content/people/anna-testavaya.yaml",
                                  "content/places/ik-0.yaml"]
    text = (project.content / "people" / "piotr-prykladau.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/person.schema.json\n")
    data = yaml.safe_load(text)
    assert data["name"] == {"be": "Пётр Прыкладаў"}  # ў: Belarusian, whatever the site's default
    assert data["status"] == "imprisoned" and data["gender"] == "male"
    assert str(data["born"]) == "1985-03-02" and "detained" not in data
    assert [c["article"] for c in data["charges"]] == ["342", "361-1"]
    assert data["sentence"] == {"date": "2021-11-20", "term": "P6Y"}  # the decision is no regime
    assert "# import: decision: no field holds a verdict's text: split it into sentence.term and " \
           "sentence.regime: колония усиленного режима\n" in text
    assert data["trial"] == {"judge": {"ru": "Судья Пример"}}
    # The prison is a place of its own, which the period of custody names.
    assert data["custody"] == [{"from": "2021-05-12", "places": [{"place": "ik-0"}]}]
    place = yaml.safe_load((project.content / "places" / "ik-0.yaml").read_text(encoding="utf-8"))
    assert place == {"name": {"ru": "ИК-0"}, "sources": [data["sources"][0]]}
    assert data["recognized"] == [{"by": "Viasna Human Rights Centre", "date": "2021-06-03"}]
    assert data["sources"][0]["url"] == "https://prisoners.example.org/101"
    anna = yaml.safe_load((project.content / "people" / "anna-testavaya.yaml").read_text(encoding="utf-8"))
    assert anna["status"] == "released" and str(anna["released"]) == "2024-02-01"
    assert "people.csv:2:0: warning: row 2: decision: no field holds a verdict's text" in result.err
    assert "1 cell could not be mapped exactly and is kept as an '# import:' comment and 2 texts to check" in result.err
    # The written files pass the whole build, strictly: nothing is marked with the wrong language.
    check = project.check("--strict")
    assert check.code == 0, check.err


def test_column_names_in_russian_and_belarusian_with_semicolons(project: Project) -> None:
    path = write_csv(project, "спіс.csv", [
        "Імя;Статус;Дата затрымання;Дата рождения;Крыніца",
        "Ірына Прыклад;затрыманая;01.02.2023;1970;https://news.example.org/hanna",
    ])
    result = run_import(project, path, "--lang", "be")
    assert result.code == 0, result.err
    data = yaml.safe_load((project.content / "people" / "iryna-pryklad.yaml").read_text(encoding="utf-8"))
    assert data["status"] == "detained" and str(data["detained"]) == "2023-02-01" and str(data["born"]) == "1970"
    assert project.check().code == 0


def test_source_option_cites_an_existing_source(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status", "Olga Example,unknown"])
    result = run_import(project, path, "--source", "example-report")
    assert result.code == 0, result.err
    data = yaml.safe_load((project.content / "people" / "olga-example.yaml").read_text(encoding="utf-8"))
    assert data["sources"] == ["example-report"]


def test_events_are_detected_from_their_columns(project: Project) -> None:
    path = write_csv(project, "events.csv", [
        "date,type,title,people,url",
        "12.02.2025,release,Jane Example released,jane-example,https://news.example.org/jane",
    ])
    result = run_import(project, path)
    assert result.code == 0, result.err
    assert result.out.strip() == "content/events/2025-02-12-jane-example-released.yaml"
    check = project.check()
    assert check.code == 0, check.err


def test_each_bad_row_is_reported_and_nothing_is_written(project: Project) -> None:
    before = people(project)
    path = write_csv(project, "people.csv", [
        "name,status,arrested,gender,url",
        "Good Person,detained,01.02.2023,f,https://news.example.org/a",
        'Bad Date,detained,"31.02.2023",m,https://news.example.org/b',
        "Worse Date,detained,yesterday,m,https://news.example.org/c",
        "Odd Gender,detained,2023,robot,https://news.example.org/d",
        "No Source,detained,2023,,",
        "Good Person,released,2023,,https://news.example.org/e",
        "Jane Example,imprisoned,2021,,https://news.example.org/f",
        "Held And Free,detained,2023,,https://news.example.org/g",
    ])
    result = run_import(project, path)
    assert result.code == 1
    lines = result.err.splitlines()

    def said(line: int, *words: str) -> bool:
        return any(text.startswith(f"people.csv:{line}:") and all(w in text for w in words) for text in lines)

    # Rows are numbered as spreadsheets number them: the header is row 1.
    assert said(3, "row 3", "arrested", "'31.02.2023' is not a date", "day 31 does not exist")
    assert said(4, "row 4", "arrested", "'yesterday' is not a date")
    assert said(5, "row 5", "gender", "'robot'")
    assert said(6, "row 6", "no source", "--source")
    assert said(7, "row 7", "same file name good-person.yaml as row 2")
    assert said(8, "row 8", "jane-example.yaml already exists", "never overwritten")
    assert not said(2, "row 2") and not said(9, "row 9")
    assert "nothing was written" in result.err
    assert people(project) == before


def test_rows_that_would_be_invalid_are_refused(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,release_date,url",
                                             "Still Held,detained,2024,https://news.example.org/a"])
    result = run_import(project, path)
    assert result.code == 1
    assert "row 2: would not be valid: released: is set but status is 'detained'" in result.err


def test_unknown_columns_are_warned_about_and_ignored(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,favourite_colour,sttus", "Olga Example,unknown,blue,x"])
    result = run_import(project, path, "--source", "example-report")
    assert result.code == 0, result.err
    assert "people.csv:1:3: warning: favourite_colour: column 3 is not known and is ignored" in result.err
    assert "people.csv:1:4: warning: sttus: column 4 is not known and is ignored (did you mean 'status'?)" in result.err
    assert "blue" not in (project.content / "people" / "olga-example.yaml").read_text(encoding="utf-8")


def test_skip_existing_imports_only_new_rows(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status", "Jane Example,unknown", "Olga Example,unknown"])
    original = (project.content / "people" / "jane-example.yaml").read_bytes()
    result = run_import(project, path, "--source", "example-report", "--skip-existing")
    assert result.code == 0, result.err
    assert "jane-example.yaml already exists; skipped" in result.err
    assert (project.content / "people" / "jane-example.yaml").read_bytes() == original
    assert "olga-example" in people(project)


def test_non_utf8_csv_is_refused_with_its_line(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status", "Olga,unknown", "Пётр Прыкладаў,unknown"],
                     encoding="cp1251")
    result = run_import(project, path, "--source", "example-report")
    assert result.code == 1
    assert "people.csv:3:0: is not UTF-8 text" in result.err and "CSV UTF-8" in result.err
    assert "Traceback" not in result.err


def test_events_must_name_known_people(project: Project) -> None:
    path = write_csv(project, "events.csv", ["date,title,people", "2025,A trial,jane-exampel"])
    result = run_import(project, path, "--source", "example-report")
    assert result.code == 1
    assert "no file content/people/jane-exampel.yaml (did you mean 'jane-example'?)" in result.err


@pytest.mark.parametrize("args, lines, message", [
    (("--source", "no-such-source"), ["name,status", "A B,unknown"], "'no-such-source' is not in content/sources.yaml"),
    (("--lang", "de"), ["name,status", "A B,unknown"], "'de' is not a language of this site"),
    ((), ["colour,size", "blue,big"], "pass --kind"),
    (("--kind", "animal"), ["name", "A"], "invalid choice"),
])
def test_usage_errors(project: Project, args: tuple[str, ...], lines: list[str], message: str) -> None:
    path = write_csv(project, "x.csv", lines)
    result = run_import(project, path, *args)
    assert result.code == 2
    assert message in result.err


def test_missing_file_is_a_usage_error(project: Project) -> None:
    result = run_import(project, project.root / "nope.csv")
    assert result.code == 2 and "no such file" in result.err


def test_broken_quotes_and_empty_file(project: Project) -> None:
    empty = project.root / "empty.csv"
    empty.write_bytes(b"")
    assert "is empty" in run_import(project, empty, "--kind", "person").err
    ragged = write_csv(project, "ragged.csv", ["name,status", "A B,unknown,extra"])
    result = run_import(project, ragged, "--source", "example-report")
    assert result.code == 1 and "more cells than the header has columns" in result.err


def test_import_help_lists_viasna_columns() -> None:
    result = run_cli("import", "--help")
    assert result.code == 0 and "verdict_date" in result.out and "--skip-existing" in result.out


def test_every_fault_of_a_row_is_reported(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,arrested,gender,url",
                                             "Two Faults,jailed,2023-13,robot,ftp://news.example.org/a"])
    result = run_import(project, path)
    assert result.code == 1
    faults = [line for line in result.err.splitlines() if line.startswith("people.csv:2:0: row 2:")]
    assert len(faults) == 4, result.err
    assert any("status: 'jailed'" in line for line in faults) and any("arrested: '2023-13'" in line for line in faults)
    assert any("gender: 'robot'" in line for line in faults) and any("url: 'ftp://" in line for line in faults)


# Import that never guesses ---------------------------------------------------------------------

def _person_file(project: Project, slug: str) -> tuple[str, dict]:
    text = (project.content / "people" / f"{slug}.yaml").read_text(encoding="utf-8")
    return text, yaml.safe_load(text)


def test_each_cells_language_is_read_from_its_letters(project: Project) -> None:
    path = write_csv(project, "people.csv", [
        "name,status,occupation,url",
        "Марыя Калеснікава,unknown,Музыка,https://news.example.org/m",  # і: Belarusian
        "Мария Колесникова,unknown,Музыкант,https://news.example.org/r",  # и: Russian
        "Maria Example,unknown,Musician,https://news.example.org/e",  # Latin: English
    ])
    result = run_import(project, path)
    assert result.code == 0, result.err
    assert _person_file(project, "maryya-kalesnikava")[1]["name"] == {"be": "Марыя Калеснікава"}
    assert _person_file(project, "mariya-kolesnikova")[1]["name"] == {"ru": "Мария Колесникова"}
    english = _person_file(project, "maria-example")[1]
    assert english["name"] == "Maria Example" and english["occupation"] == "Musician"  # the default language
    assert project.check("--strict").code == 0


def test_the_english_page_does_not_pass_a_belarusian_name_for_english(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,url", "Марыя Калеснікава,unknown,https://news.example.org/m"])
    assert run_import(project, path).code == 0
    assert project.build().code == 0
    name = project.page("en/people/maryya-kalesnikava/").h1
    assert name.span["lang"] == "be" and name.get_text() == "Марыя Калеснікава"


def test_lang_overrides_and_check_strict_refuses_what_it_mislabelled(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,url", "Марыя Калеснікава,unknown,https://news.example.org/m"])
    result = run_import(project, path, "--lang", "en")
    assert result.code == 0, result.err
    text, data = _person_file(project, "maryya-kalesnikava")
    assert data["name"] == "Марыя Калеснікава"  # under en, as asked
    check = project.check("--strict")
    assert check.code == 1
    assert "content/people/maryya-kalesnikava.yaml:3:7: warning: name: is written in Cyrillic letters, not as en " \
           "is written" in check.err


def test_ambiguous_cyrillic_takes_the_files_language_and_is_noted(project: Project) -> None:
    path = write_csv(project, "people.csv", [
        "name,status,occupation,url",
        "Анна Прыкладава,unknown,Настаўніца,https://news.example.org/a",  # no telling letters in the name
        "Ігар Тэставы,unknown,Журналіст,https://news.example.org/i",
    ])
    result = run_import(project, path)
    assert result.code == 0, result.err
    text, data = _person_file(project, "anna-prykladava")
    assert data["name"] == {"be": "Анна Прыкладава"}  # be: most of the file's Cyrillic text
    assert "# import: name: Cyrillic without і, ў, и, щ or ъ: marked be, the language of most of this file's " \
           "Cyrillic text; check it\n" in text
    assert "people.csv:2:0: warning: row 2: name: Cyrillic without" in result.err
    assert "1 text to check" in result.err


def test_ambiguous_cyrillic_in_a_file_that_does_not_tell_is_refused(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,url", "Анна Прыкладава,unknown,https://news.example.org/a"])
    result = run_import(project, path)
    assert result.code == 1
    assert "people.csv:2:0: row 2: name: its language cannot be told: it is Cyrillic without і, ў, и, щ or ъ, " \
           "the letters that tell Belarusian from Russian (pass --lang to say which it is)" in result.err
    assert run_import(project, path, "--lang", "ru").code == 0
    assert _person_file(project, "anna-prykladava")[1]["name"] == {"ru": "Анна Прыкладава"}


def test_a_text_in_two_alphabets_is_not_imported_but_kept(project: Project) -> None:
    path = write_csv(project, "people.csv", ["name,status,occupation,url",
                                             "Olga Example,unknown,Teacher / настаўніца,https://news.example.org/o"])
    result = run_import(project, path)
    assert result.code == 0, result.err
    text, data = _person_file(project, "olga-example")
    assert "occupation" not in data
    assert "# import: occupation: its language cannot be told: it mixes Cyrillic and Latin letters " \
           "(pass --lang to say which it is): Teacher / настаўніца\n" in text


def test_latin_text_on_a_site_without_english_is_not_guessed(project: Project) -> None:
    project.write("site.yaml", "title: Т\nlanguages: [be, ru]\n")
    path = write_csv(project, "people.csv", ["name,status,url", "Olga Example,unknown,https://news.example.org/o"])
    result = run_import(project, path)
    assert result.code == 1
    assert "name: is English text, and en is not a language of this site" in result.err


def test_a_verdict_written_out_never_lands_in_the_regime(project: Project) -> None:
    path = write_csv(project, "people.csv", [VIASNA_HEADER,
                     "103,https://prisoners.example.org/103,Ірына Прыклад,active,,ж,12.05.2023,,,"
                     '"Sentence: 11 years / приговор",,,,,,'])
    result = run_import(project, path)
    assert result.code == 0, result.err
    text, data = _person_file(project, "iryna-pryklad")
    assert "sentence" not in data
    assert data["status"] == "detained"  # active, and no verdict: awaiting trial
    assert "# import: decision: no field holds a verdict's text: split it into sentence.term and " \
           "sentence.regime: Sentence: 11 years / приговор\n" in text
    assert "people.csv:2:0: warning: row 2: decision: no field holds a verdict's text: split it into sentence.term " \
           "and sentence.regime; kept as an '# import:' comment in content/people/iryna-pryklad.yaml" in result.err
    assert "1 cell could not be mapped exactly and is kept as an '# import:' comment (listed above)" in result.err
    assert project.check("--strict").code == 0


@pytest.mark.parametrize("cells, status, term", [
    (",,", "detained", None),  # active, no verdict date, no penalty
    ("20.11.2023,,", "imprisoned", None),  # a verdict date
    (",,6 лет", "imprisoned", "P6Y"),  # a penalty that is a length of time
    (",,штраф 100 базовых величин", "detained", None),  # a fine is not a verdict of custody
    (",колония усиленного режима,", "detained", None),  # the verdict's text alone says nothing sure
])
def test_active_is_imprisoned_only_with_a_verdict(project: Project, cells: str, status: str, term: str | None) -> None:
    verdict_date, decision, penalty = cells.split(",")
    path = write_csv(project, "people.csv", [VIASNA_HEADER,
                     f"104,https://prisoners.example.org/104,Ірына Прыклад,active,,,2023,,{verdict_date},{decision},"
                     f"{penalty},,,,,"])
    result = run_import(project, path)
    assert result.code == 0, result.err
    text, data = _person_file(project, "iryna-pryklad")
    assert data["status"] == status
    assert data.get("sentence", {}).get("term") == term
    if penalty and not term:
        assert f"# import: penalty: is not only a length of time (such as 6 лет or P6Y), so it is not imported as " \
               f"sentence.term: {penalty}\n" in text


@pytest.mark.parametrize("header", ["regime", "режим", "рэжым"])
def test_a_regime_column_is_the_regime(project: Project, header: str) -> None:
    path = write_csv(project, "people.csv", [f"name,status,{header},url",
                                             "Ірына Прыклад,imprisoned,узмоцнены рэжым,https://news.example.org/h"])
    assert run_import(project, path).code == 0
    assert _person_file(project, "iryna-pryklad")[1]["sentence"] == {"regime": {"be": "узмоцнены рэжым"}}


def test_a_kept_cell_cannot_break_out_of_its_comment(project: Project) -> None:
    hostile = 'x\nstatus: released\rreleased: 2024\u2028died: 2024\x85summary: "owned"\ttab'
    path = project.root / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        import csv
        writer = csv.writer(out)
        writer.writerow(["name", "status", "decision", "url"])
        writer.writerow(["Olga Example", "unknown", hostile, "https://news.example.org/o"])
    result = run_import(project, path)
    assert result.code == 0, result.err
    text, data = _person_file(project, "olga-example")
    assert data["status"] == "unknown" and "released" not in data and "summary" not in data and "died" not in data
    comments = [line for line in text.splitlines() if line.startswith("# import:")]
    assert comments == ["# import: decision: no field holds a verdict's text: split it into sentence.term and "
                        "sentence.regime: x\\u000astatus: released\\u000dreleased: 2024\\u2028died: "
                        '2024\\u0085summary: "owned"\\u0009tab']
    assert project.check("--strict").code == 0
