"""The committed JSON Schemas: current with the model, valid, and agreeing with the content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from helpers import FIXTURE, ROOT

from factfile.content.schema import content_schemas, dumps
from factfile.content.yamlload import Node, parse

SCHEMA_DIR = ROOT / "schema"
TREES = [ROOT / "content", FIXTURE, FIXTURE.parent / "register"]


def as_json(node: Node | None) -> object:
    """Return a YAML node as a YAML-1.2 editor sees it: dates stay text, numbers are numbers."""
    if node is None:
        return None
    if node.kind == "mapping":
        return {key: as_json(child) for key, child in node.value.items()}
    if node.kind == "list":
        return [as_json(child) for child in node.value]
    if node.quoted or node.tag in ("str", "timestamp"):
        return node.value
    if node.tag == "int":
        return int(node.value)
    if node.tag == "float":
        return float(node.value)
    if node.tag == "bool":
        return node.value.lower() == "true"
    return None


def schema_for(path: Path) -> str:
    if path.parent.name == "people":
        return "person.schema.json"
    if path.parent.name == "events":
        return "event.schema.json"
    if path.parent.name == "pages":
        return "page.schema.json"
    if path.parent.name == "places":
        return "place.schema.json"
    return f"{path.stem}.schema.json"


def content_files() -> list[Path]:
    return [path for tree in TREES for path in sorted(tree.rglob("*.yaml"))]


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("name, schema", sorted(content_schemas().items()))
def test_committed_schema_is_current(name: str, schema: dict) -> None:
    path = SCHEMA_DIR / name
    assert path.exists(), f"{path} is missing: run 'make schema'"
    assert path.read_text(encoding="utf-8") == dumps(schema), f"{path} is stale: run 'make schema'"


def test_no_schema_left_over_from_a_removed_type() -> None:
    assert {p.name for p in SCHEMA_DIR.glob("*.json")} == set(content_schemas())


@pytest.mark.parametrize("name", sorted(content_schemas()))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", content_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_content_validates_against_its_schema(path: Path) -> None:
    data = as_json(parse(path.read_bytes()))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(schema_for(path)).iter_errors(data)]
    assert not errors


@pytest.mark.parametrize("text, where", [
    ("name: A\nstatus: jailed\nsources: [x]\n", "status"),
    ("name: A\nstatus: released\nsources: []\n", "sources"),
    ("name: A\nstatus: released\n", ""),
    ("name: A\nstatus: released\nsources: [x]\nborn: 12.02.1990\n", "born"),
    ("name: A\nstatus: released\nsources: [x]\nsentence: {term: six years}\n", "sentence/term"),
    ("name: A\nstatus: released\nsources: [x]\nnickname: B\n", ""),
    ("name: A\nstatus: released\nsources: [{title: T}]\n", "sources/0"),
])
def test_known_bad_person_fails_the_schema(text: str, where: str) -> None:
    errors = list(validator("person.schema.json").iter_errors(as_json(parse(text.encode()))))
    assert errors
    assert any("/".join(map(str, e.absolute_path)) == where for e in errors)


def test_site_needs_a_language() -> None:
    errors = list(validator("site.schema.json").iter_errors({"title": "T", "languages": []}))
    assert errors


def test_vscode_maps_every_content_folder_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapped = {Path(schema).name: globs for schema, globs in settings["yaml.schemas"].items()}
    assert set(mapped) == set(content_schemas())
    for path in content_files():
        relative = path.relative_to(ROOT)
        assert any(relative.match(glob) for glob in mapped[schema_for(path)]), relative
