"""The open data carries the register's model: people's custody and cases, places with who is held
there, articles with who was charged; the open data page describes every file and field."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
import yaml
from helpers import ROOT, Project


@pytest.fixture(scope="module")
def register_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    built = Project(tmp_path_factory.mktemp("register-data"))
    built.add_register()
    result = built.build("--no-search")
    assert result.code == 0, result.err
    return built


def read(site: Project, path: str) -> str:
    return (site.out / path).read_text(encoding="utf-8")


def test_a_persons_export_carries_custody_and_cases_as_written(register_site: Project) -> None:
    maryia = json.loads(read(register_site, "data/people/maryia-rearrested.json"))
    assert [p["from"] for p in maryia["custody"]] == ["2020-08-10", "2021-05-12"]
    assert maryia["custody"][0] == {"from": "2020-08-10", "to": "2020-08-25", "kind": "administrative",
                                    "places": [{"place": "example-detention-centre"}]}
    transfer = maryia["custody"][1]["places"][2]
    assert transfer["place"] == "example-penal-colony" and transfer["from"] == "2022-02-01"
    assert transfer["sources"][0]["id"] == "example-court-record"  # written out in full
    assert maryia["cases"][1]["sentence"] == {"term": "P5Y", "regime": {"en": "general regime",
                                                                      "be": "агульны рэжым", "ru": "общий режим"}}
    assert maryia["cases"][1]["appeal"] == {"date": "2022-01-20", "outcome": "upheld"}
    assert "detained" not in maryia and "charges" not in maryia
    listed = json.loads(read(register_site, "data/people.json"))
    assert next(p for p in listed if p["slug"] == "maryia-rearrested") == maryia


def test_the_export_validates_against_the_content_schema_once_the_export_fields_are_removed(
        register_site: Project) -> None:
    maryia = json.loads(read(register_site, "data/people/maryia-rearrested.json"))
    for name in ("pages", "events", "slug"):
        maryia.pop(name)
    sources = yaml.safe_load((register_site.content / "sources.yaml").read_text(encoding="utf-8"))

    def back(value):  # sources written out in full back to their ids, as a content file cites them
        if isinstance(value, dict):
            if "id" in value and value["id"] in sources:
                return value["id"]
            return {k: back(v) for k, v in value.items()}
        return [back(v) for v in value] if isinstance(value, list) else value
    schema = json.loads((ROOT / "schema/person.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(back(maryia)))
    assert not errors, [e.message for e in errors]


def test_people_csv_gives_the_latest_custody_and_case(register_site: Project) -> None:
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(read(register_site, "data/people.csv")))}
    maryia = rows["maryia-rearrested"]
    assert (maryia["detained"], maryia["released"], maryia["charge_articles"]) == ("2021-05-12", "", "24.23; 342")
    assert (maryia["sentence_date"], maryia["sentence_term"]) == ("2021-11-20", "P5Y")
    assert maryia["place_of_detention_en"] == "Example Penal Colony No. 99"
    assert maryia["place_of_detention_ru"] == "Примерная исправительная колония № 99"
    jane = rows["jane-example"]  # the short form, as before
    assert (jane["detained"], jane["sentence_term"], jane["charge_articles"]) == ("2021-05-12", "P3Y6M", "342")


def test_places_json_and_csv(register_site: Project) -> None:
    places = json.loads(read(register_site, "data/places.json"))
    assert [p["slug"] for p in places] == ["example-detention-centre", "example-penal-colony",
                                           "example-remand-prison"]
    colony = places[1]
    assert colony["kind"] == "penal-colony" and colony["address_checked"] == "2024-03"
    assert colony["address"]["ru"].startswith("Исправительная колония № 99")
    assert colony["sources"][0]["id"] == "example-report" and colony["held_now"] == ["maryia-rearrested"]
    rows = list(csv.DictReader(io.StringIO(read(register_site, "data/places.csv"))))
    assert rows[1]["slug"] == "example-penal-colony" and rows[1]["city_be"] == "Калоніеўка"
    assert rows[1]["held_now"] == "maryia-rearrested" and rows[0]["held_before"] == "maryia-rearrested"
    assert rows[2]["address_en"] == "9 Remand street, 000009 Exampleton"


def test_articles_json(register_site: Project) -> None:
    articles = json.loads(read(register_site, "data/articles.json"))
    assert [a["id"] for a in articles] == ["24.23", "342"]
    assert articles[1]["code"] == "criminal" and articles[1]["people"] == ["jane-example", "maryia-rearrested"]
    assert articles[1]["title"]["be"].startswith("Арганізацыя")


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_the_open_data_page_describes_the_new_files_and_fields(register_site: Project, lang: str) -> None:
    page = register_site.page(f"{lang}/data/")
    files = [code.get_text() for code in page.select("table.data-files code")]
    assert {"data/places.json", "data/places.csv", "data/articles.json"} <= set(files)
    for section, names in (("place-fields", {"address", "held_now", "held_before"}),
                           ("article-fields", {"id", "code", "people"}),
                           ("person-fields", {"custody", "cases"})):
        documented = {dt.get_text() for dt in page.select(f"section[aria-labelledby={section}] dt")}
        assert names <= documented, (section, documented)
    assert "data/schema/place.schema.json" in page.get_text()
    readme = read(register_site, "data/README.txt")
    assert "places.json" in readme and "articles.json" in readme
