"""`new person` and `new event`: slugs, commented examples, no overwriting, bad input."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from helpers import Project, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from factfile.content import model
from factfile.content.translit import name_key, slugify
from factfile.content.validate import SLUG


def new(project: Project, *args: str):
    return run_cli("new", *args, "--content", project.content, cwd=project.root)


@pytest.mark.parametrize("name, slug", [
    ("Andrey Kuznechyk", "andrey-kuznechyk"),
    ("Андрэй Кузнечык", "andrey-kuznechyk"),  # Belarusian
    ("Ігар Лосік", "ihar-losik"),  # Belarusian г is h
    ("Алесь Бяляцкі", "ales-bialiatski"),  # я after a consonant is ia
    ("Святлана Ціханоўская", "sviatlana-tsikhanouskaya"),
    ("Дмитрий Щербаков", "dmitry-shcherbakov"),  # Russian: г is g, щ is shch, -ий is y
    ("Łukasz Żółć", "lukasz-zolc"),
    ("  O'Brien,  Mary-Ann ", "o-brien-mary-ann"),
])
def test_slug_transliterates_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_name_key_folds_spellings_and_alphabets() -> None:
    keys = {name_key(n) for n in ("Andrey Kuznechyk", "Andrei Kuznechik", "Андрэй Кузнечык",
                                  "Андрей Кузнечик", "Kuznechyk Andrey", "Andrej Kuzniečyk")}
    assert len(keys) == 1
    assert name_key("Andrey Kuznechyk") != name_key("Andrey Kuznetsov")


def test_new_person_writes_every_field_as_an_example(project: Project) -> None:
    result = new(project, "person", "Andrey Example")
    path = project.content / "people" / "andrey-example.yaml"
    assert result.code == 0, result.err
    assert result.out.strip() == "content/people/andrey-example.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/person.schema.json\n")
    assert yaml.safe_load(text)["name"] == "Andrey Example"
    for field in dataclasses.fields(model.Person):
        if not field.metadata.get("from_file"):
            assert f"# {field.name}" in text, field.name
            assert field.metadata["doc"] in text


def test_new_person_fails_check_until_filled_in_then_passes(project: Project) -> None:
    new(project, "person", "Andrey Example")
    path = project.content / "people" / "andrey-example.yaml"
    result = project.check()
    assert result.code == 1
    assert "andrey-example.yaml:10:8: status:" in result.err
    assert "andrey-example.yaml:13:9: sources:" in result.err
    text = path.read_text(encoding="utf-8")
    text = text.replace("status:  #", "status: imprisoned  #").replace("sources:  #", "sources: [example-report]  #")
    # Uncommenting an example block must give valid YAML with the right shape.
    text = text.replace("# trial:\n#   court: ...", "trial:\n  court: Example court")
    text = text.replace("\n#   date: 2021-05-12  # Date of the verdict", "\n  date: 2021-05-12  # Date of the verdict")
    path.write_text(text, encoding="utf-8")
    result = project.check()
    assert result.code == 0, result.err


def test_new_person_in_cyrillic_keeps_the_name_in_its_language(project: Project) -> None:
    result = new(project, "person", "Андрэй Прыклад")
    assert result.code == 0, result.err
    data = yaml.safe_load((project.content / "people" / "andrey-pryklad.yaml").read_text(encoding="utf-8"))
    assert data["name"] == {"be": "Андрэй Прыклад"}


def test_new_event_uses_date_and_title(project: Project) -> None:
    result = new(project, "event", "Three people released", "--date", "2025-02-12")
    path = project.content / "events" / "2025-02-12-three-people-released.yaml"
    assert result.code == 0, result.err
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["title"] == "Three people released"
    assert str(data["date"]) == "2025-02-12"
    assert "$schema=../../schema/event.schema.json" in path.read_text(encoding="utf-8")


def test_new_refuses_to_overwrite(project: Project) -> None:
    path = project.content / "people" / "jane-example.yaml"
    before = path.read_bytes()
    result = new(project, "person", "Jane Example")
    assert result.code == 1
    assert "already exists" in result.err and "jane-example.yaml" in result.err
    assert path.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (("event", "No date"), "needs its date"),
    (("event", "Bad date", "--date", "12.02.2025"), "try 2025-02-12"),
    (("person", "北京"), "--slug"),
    (("person", "X", "--slug", "Not A Slug"), "--slug"),
    (("person", "Jan Nowak", "--date", "2025"), "--date is for events"),
])
def test_new_rejects_bad_input_as_usage_errors(project: Project, args: tuple[str, ...], message: str) -> None:
    result = new(project, *args)
    assert result.code == 2
    assert message in result.err
    assert not list((project.content / "people").glob("*bei*"))


def test_new_needs_a_content_folder(tmp_path) -> None:
    result = run_cli("new", "person", "A B", "--content", tmp_path / "missing")
    assert result.code == 2 and "is not a folder" in result.err


def test_new_help_explains_the_command() -> None:
    result = run_cli("new", "--help")
    assert result.code == 0
    assert "transliterating" in result.out and "--date" in result.out


@settings(deadline=None)  # a loaded CI machine is slow; correctness is what is tested here
@given(st.text(max_size=40))
def test_slug_is_always_a_valid_file_name_or_empty(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.fullmatch(slug)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["Андрэй", "Кузнечык", "Andrei", "Kuznechik", "Jane", "Яна"]), min_size=1, max_size=3))
def test_name_key_ignores_case_and_word_order(words: list[str]) -> None:
    assert name_key(" ".join(words)) == name_key(" ".join(reversed(words)).upper())
