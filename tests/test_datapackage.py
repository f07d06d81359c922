"""data/datapackage.json describes every file under data/ as a Frictionless Data Package, and the
frictionless package finds the files valid against it."""

from __future__ import annotations

import json

import pytest
from helpers import Project

frictionless = pytest.importorskip("frictionless")


@pytest.fixture
def licensed(project: Project) -> Project:
    project.add_register()
    project.edit("site.yaml", "languages:", "license:\n  text: CC-BY-4.0\n  data: CC0-1.0\nlanguages:")
    assert project.build().code == 0
    return project


def test_package_describes_every_file(licensed: Project) -> None:
    data = licensed.out / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    described = {resource["path"] for resource in package["resources"]}
    on_disk = {path.relative_to(data).as_posix() for path in data.rglob("*") if path.is_file()}
    assert described == on_disk - {"datapackage.json"}
    assert package["licenses"][0]["name"] == "CC0-1.0"
    people = next(r for r in package["resources"] if r["path"] == "people.csv")
    fields = {field["name"]: field for field in people["schema"]["fields"]}
    assert people["schema"]["primaryKey"] == ["slug"]
    assert fields["identity_withheld"]["type"] == "boolean"
    assert "page_en" in fields and fields["name_ru"]["description"].endswith("In language ru.")
    header = (data / "people.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert [field["name"] for field in people["schema"]["fields"]] == header


def test_package_validates_with_frictionless(licensed: Project) -> None:
    report = frictionless.validate(str(licensed.out / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_open_data_page_lists_the_package(licensed: Project) -> None:
    page = licensed.page("be/data/")
    row = next(tr for tr in page.select("table.data-files tr") if "datapackage.json" in tr.get_text())
    assert "Frictionless Data Package" in row.get_text() and "апісанне" in row.get_text()


def test_frictionless_would_catch_a_file_that_breaks_its_schema(licensed: Project) -> None:
    people = licensed.out / "data" / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(",false,", ",maybe,", 1).replace(",true,", ",maybe,", 1)
    people.write_text("".join(lines), encoding="utf-8")
    report = frictionless.validate(str(licensed.out / "data" / "datapackage.json"))
    assert not report.valid and "type-error" in {error[0] for error in report.flatten(["type"])}
