"""`import` and the register's model: Viasna's full column set and its API's field names, places
matched or created by name, and factfile's own open data imported back into content that builds
the same pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import FIXTURE, REARRESTED, TEMPLATES, Project, run_cli
from test_import import run_import, write_csv

from factfile.content.kinds import PEOPLE
from factfile.content.load import ContentFile, read_record

FULL_HEADER = ("id,url,name,status,birthday,gender,arrested,articles/0,articles/1,verdict_date,decision,penalty,"
               "penalty_start_date,appeal_date,judge,prison/title,prison/address,release_date,died")
ROWS = [
    "201,https://prisoners.example.org/201,Пётр Прыкладаў,active,02.03.1985,м,12.05.2021,ч. 1 ст. 342 УК,"
    "ст. 361-1 УК,20.11.2021,,6 лет,12.05.2021,20.01.2022,Суддзя Прыкладаў,ИК № 15,"
    "\"ул. Примерная, 1, 000015 Примеров\",,",
    "202,https://prisoners.example.org/202,Ганна Тэставая,active,1990,ж,01.02.2022,342,,01.06.2022,,3 года,,,,"
    "ик №15,\"ул. Примерная, 1, 000015 Примеров\",,",
    "203,https://prisoners.example.org/203,Алесь Вызвалены,former,1970,м,01.03.2021,342,,,,,,,,"
    "Примерная исправительная колония № 99,,01.02.2024,",
]


def data(project: Project, folder: str, slug: str) -> dict:
    return yaml.safe_load((project.content / folder / f"{slug}.yaml").read_text(encoding="utf-8"))


def test_viasnas_full_column_set_makes_places_and_the_long_form_of_a_case(project: Project) -> None:
    project.add_register()
    path = write_csv(project, "viasna.csv", [FULL_HEADER, *ROWS])
    result = run_import(project, path)
    assert result.code == 0, result.err
    assert result.out.split() == ["content/people/piotr-prykladau.yaml", "content/people/ganna-testavaya.yaml",
                                  "content/people/ales-vyzvaleny.yaml", "content/places/ik-no-15.yaml"]
    piotr = data(project, "people", "piotr-prykladau")
    assert piotr["custody"] == [{"from": "2021-05-12", "places": [{"place": "ik-no-15"}]}]
    assert piotr["cases"] == [{"charges": [{"article": "342", "text": {"ru": "ч. 1 ст. 342 УК"}},
                                           {"article": "361-1", "text": {"ru": "ст. 361-1 УК"}}],
                               "judge": {"be": "Суддзя Прыкладаў"}, "verdict": "2021-11-20",
                               "sentence": {"term": "P6Y", "start": "2021-05-12"}, "appeal": {"date": "2022-01-20"}}]
    assert not {"detained", "charges", "trial", "sentence", "place_of_detention"} & set(piotr)
    # The same prison, spelt another way: one place, its address written once, in the place's file.
    place = data(project, "places", "ik-no-15")
    assert place["name"] == {"ru": "ИК № 15"} and place["address"] == {"ru": "ул. Примерная, 1, 000015 Примеров"}
    assert place["sources"] == piotr["sources"]
    hanna = data(project, "people", "ganna-testavaya")
    assert hanna["custody"][0]["places"] == [{"place": "ik-no-15"}] and "cases" not in hanna
    assert hanna["sentence"] == {"date": "2022-06-01", "term": "P3Y"}  # nothing needs the long form
    # A place already in content/places/ is matched by its name; a release closes the period.
    ales = data(project, "people", "ales-vyzvaleny")
    assert ales["custody"] == [{"from": "2021-03-01", "to": "2024-02-01", "places": [{"place": "example-penal-colony"}]}]
    assert ales["status"] == "released"
    check = project.check()
    assert check.code == 0, check.err
    assert project.build("--no-search").code == 0
    page = project.page("ru/people/piotr-prykladau/")
    assert "ул. Примерная, 1, 000015 Примеров" in page.select_one("section.letters address").get_text()


def test_a_prison_without_a_date_of_arrest_is_noted_not_guessed(project: Project) -> None:
    path = write_csv(project, "viasna.csv", ["name,status,prison/title,url",
                                             "Olga Example,active,Colony No. 7,https://news.example.org/o"])
    result = run_import(project, path)
    assert result.code == 0, result.err
    text = (project.content / "people" / "olga-example.yaml").read_text(encoding="utf-8")
    assert "# import: prison/title: a period of custody needs the date of arrest, so the place is not in one: " \
           "add custody with - place: colony-no-7" in text
    assert "custody" not in yaml.safe_load(text) and (project.content / "places" / "colony-no-7.yaml").is_file()
    assert project.check().code == 0


def test_a_second_address_for_a_created_place_is_noted(project: Project) -> None:
    path = write_csv(project, "viasna.csv", [
        "name,status,arrested,prison,address,url",
        "Olga Example,active,2023,Colony No. 7,1 Old road,https://news.example.org/o",
        "Ivan Example,active,2023,colony no 7,2 New road,https://news.example.org/i"])
    result = run_import(project, path)
    assert result.code == 0, result.err
    assert "row 3: address: gives another address than row 2 for colony-no-7" in result.err
    assert data(project, "places", "colony-no-7")["address"] == "1 Old road"


def test_viasnas_api_records_in_json(project: Project) -> None:
    records = {"results": [
        {"id": 301, "url": "https://prisoners.example.org/301", "name": "Volha Example", "status": "active",
         "arrested": "10.10.2022", "articles": ["342", "130"], "verdict_date": "01.03.2023", "penalty": "4 years",
         "penalty_start_date": "10.10.2022", "appeal_date": "01.05.2023", "judge": None,
         "prison": {"title": "Colony No. 4", "address": "4 Colony road, Exampleton"}},
    ]}
    path = project.root / "api.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    result = run_import(project, path)
    assert result.code == 0, result.err
    volha = data(project, "people", "volha-example")
    assert volha["custody"] == [{"from": "2022-10-10", "places": [{"place": "colony-no-4"}]}]
    assert [c["article"] for c in volha["cases"][0]["charges"]] == ["342", "130"]
    assert volha["cases"][0]["sentence"] == {"term": "P4Y", "start": "2022-10-10"}
    assert data(project, "places", "colony-no-4")["address"] == "4 Colony road, Exampleton"
    assert project.check().code == 0


def test_broken_json_is_reported_with_its_line(project: Project) -> None:
    path = project.root / "api.json"
    path.write_text('[\n  {"name": "A",\n  "status": }\n]\n', encoding="utf-8")
    result = run_import(project, path)
    assert result.code == 1 and "api.json:3:13: is not readable JSON" in result.err


def test_the_rearrested_person_round_trips_through_export_and_import(project: Project, tmp_path: Path,
                                                                     monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740000000")
    project.add_register()
    assert project.build("--no-search").code == 0
    # Another site: the same settings and sources, nothing else; then the first site's open data.
    other = tmp_path / "other"
    (other / "content").mkdir(parents=True)
    for name in ("site.yaml", "sources.yaml"):
        shutil.copy(FIXTURE / name, other / "content" / name)
    for name in ("places.json", "articles.json", "people.json", "events.json"):
        result = run_cli("import", project.out / "data" / name, "--content", other / "content", cwd=other)
        assert result.code == 0, (name, result.err)
    records = [read_record(PEOPLE, "maryia-rearrested", ContentFile(root / REARRESTED, REARRESTED),
                           ["en", "be", "ru"]).record for root in (project.content, other / "content")]
    assert records[0] is not None and records[0] == records[1]  # the same person, field by field
    result = run_cli("build", "--content", other / "content", "--templates", TEMPLATES, "--out", other / "site",
                     "--no-search", cwd=other)
    assert result.code == 0, result.err
    for lang in ("en", "be", "ru"):
        page = f"{lang}/people/maryia-rearrested/index.html"
        assert (other / "site" / page).read_bytes() == (project.out / page).read_bytes(), page
    for name in ("places.json", "articles.json", "people/maryia-rearrested.json"):
        assert (other / "site/data" / name).read_bytes() == (project.out / "data" / name).read_bytes(), name


def test_open_data_is_never_imported_over_a_file(project: Project) -> None:
    project.add_register()
    assert project.build("--no-search").code == 0
    before = (project.content / REARRESTED).read_bytes()
    result = run_import(project, project.out / "data/people/maryia-rearrested.json")
    assert result.code == 1 and "maryia-rearrested.yaml already exists and is never overwritten" in result.err
    assert (project.content / REARRESTED).read_bytes() == before
    result = run_import(project, project.out / "data/articles.json")
    assert result.code == 1 and "articles.yaml already exists" in result.err


@pytest.mark.parametrize("header", ["articles/0,articles/1", "articles,articles/0"])
def test_repeated_article_columns_are_one_list(project: Project, header: str) -> None:
    path = write_csv(project, "v.csv", [f"name,status,{header},url", "Olga Example,unknown,342,130,"
                                                                     "https://news.example.org/o"])
    assert run_import(project, path).code == 0
    assert [c["article"] for c in data(project, "people", "olga-example")["charges"]] == ["342", "130"]


def test_articles_from_open_data_are_checked_before_anything_is_written(project: Project) -> None:
    path = project.root / "articles.json"
    path.write_text(json.dumps([{"id": "342", "code": "civil", "title": {"en": "Taking part in a protest"},
                                 "people": []}]), encoding="utf-8")
    result = run_import(project, path)
    assert result.code == 1 and "nothing was written" in result.err
    assert "articles.yaml would not be valid: 342.code: 'civil' is not allowed here" in result.err, result.err
    assert not (project.content / "articles.yaml").exists()
    path.write_text(json.dumps([{"id": "342", "code": "criminal", "title": {"en": "Taking part in a protest"},
                                 "people": []}]), encoding="utf-8")
    assert run_import(project, path).code == 0
    assert data(project, "", "articles")["342"] == {"code": "criminal", "title": {"en": "Taking part in a protest"}}
    assert project.check().code == 0


def test_lang_is_refused_for_open_data_whose_texts_say_their_language(project: Project) -> None:
    project.add_register()
    assert project.build("--no-search").code == 0
    other = Project(project.root / "other")
    result = run_cli("import", project.out / "data/places.json", "--lang", "en", "--content", other.content,
                     cwd=other.root)
    assert result.code == 2 and "--lang: factfile's open data says the language of each text" in result.err
    assert not (other.content / "places").exists()
