"""JSON Schema of each content file type, generated from the content model's type hints."""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal

from . import model
from .dates import PartialDate, Term
from .validate import ARTICLE_ID, SLUG

SCHEMA_VERSION = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?[~?]?$"

_SCALARS: dict[Any, dict] = {
    str: {"type": "string", "minLength": 1},
    bool: {"type": "boolean"},
    # A bare year is a number to YAML; a full date may be read as a date by some editors.
    PartialDate: {"type": ["string", "integer"], "pattern": DATE_PATTERN,
                  "description": "YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ (approximate) or ? (uncertain)"},
    Term: {"type": "string", "pattern": r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$",
           "description": "ISO 8601 duration such as P6Y or P2Y6M"},
    model.Url: {"type": "string", "pattern": "^https?://", "format": "uri"},
    model.UrlTemplate: {"type": "string", "pattern": "^https?://.*\\{page\\}",
                        "description": "http(s) URL with {page} where the page's address goes"},
    model.Email: {"type": "string", "format": "email", "pattern": "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"},
    model.SpdxId: {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9.+-]*$",
                   "description": "SPDX licence id (https://spdx.org/licenses/), e.g. CC-BY-4.0"},
    model.Slug: {"type": "string", "pattern": f"^{SLUG.pattern}$"},
    model.SourceId: {"type": "string", "pattern": f"^{SLUG.pattern}$"},
    model.PersonRef: {"type": "string", "pattern": f"^{SLUG.pattern}$"},
    model.PlaceRef: {"type": "string", "pattern": f"^{SLUG.pattern}$"},
    # A bare 342 is a number to YAML, and the build reads it as the text it is.
    model.ArticleRef: {"type": ["string", "integer"], "minLength": 1},
    model.CountryCode: {"type": "string", "pattern": "^[A-Z]{2}$"},
    model.LanguageCode: {"type": "string", "pattern": "^[a-z]{2,3}([-_][A-Za-z0-9]+)*$"},
}


def _localized(markdown: bool) -> dict:
    text = {"type": "string", "minLength": 1}
    return {"oneOf": [text, {"type": "object", "minProperties": 1, "additionalProperties": text,
                             "propertyNames": {"pattern": "^[a-z]{2,3}([-_][A-Za-z0-9]+)*$"}}],
            "description": "Text, or a mapping of language code to text" + (" (Markdown)" if markdown else "")}


def type_schema(hint: Any, defs: dict[str, dict]) -> dict:
    """Return the JSON Schema of one type hint of the model, adding records to `defs`."""
    if hint in _SCALARS:
        return dict(_SCALARS[hint])
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [o for o in typing.get_args(hint) if o is not type(None)]
        if len(options) == 1:
            return type_schema(options[0], defs)
        return {"anyOf": [type_schema(o, defs) for o in options]}
    if origin is list:
        return {"type": "array", "items": type_schema(typing.get_args(hint)[0], defs)}
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if isinstance(hint, type) and issubclass(hint, model.Localized):
        return _localized(issubclass(hint, model.LocalizedMarkdown))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = record_schema(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {hint!r}")


def record_schema(cls: type, defs: dict[str, dict]) -> dict:
    """Return the object schema of a model dataclass: its fields, which are required, no others."""
    hints = typing.get_type_hints(cls)
    properties, required = {}, []
    for field in dataclasses.fields(cls):
        if field.metadata.get("from_file"):
            continue
        schema = type_schema(hints[field.name], defs)
        doc = field.metadata.get("doc")
        if doc:
            schema["description"] = doc
        if field.metadata.get("min_items"):
            schema["minItems"] = field.metadata["min_items"]
        properties[model.key_of(field)] = schema
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.append(model.key_of(field))
    result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        result["required"] = required
    return result


def _document(title: str, body: dict, defs: dict[str, dict]) -> dict:
    document = {"$schema": SCHEMA_VERSION, "title": title, **body}
    if defs:
        document["$defs"] = dict(sorted(defs.items()))
    return document


def content_schemas() -> dict[str, dict]:
    """Return the JSON Schema of each content file type, by file name (person.schema.json, ...)."""
    schemas = {}
    for name, title, cls in (("site", "content/site.yaml", model.Site),
                             ("person", "content/people/<slug>.yaml", model.Person),
                             ("event", "content/events/<slug>.yaml", model.Event),
                             ("page", "content/pages/<slug>.yaml", model.ContentPage),
                             ("place", "content/places/<slug>.yaml", model.Place)):
        defs: dict[str, dict] = {}
        body = record_schema(cls, defs)
        schemas[f"{name}.schema.json"] = _document(title, body, defs)
    defs = {}
    source = type_schema(model.Source, defs)
    schemas["sources.schema.json"] = _document(
        "content/sources.yaml",
        {"type": "object", "propertyNames": {"pattern": f"^{SLUG.pattern}$"}, "additionalProperties": source},
        defs)
    defs = {}
    article = type_schema(model.Article, defs)
    schemas["articles.schema.json"] = _document(
        "content/articles.yaml",
        {"type": "object", "propertyNames": {"pattern": f"^{ARTICLE_ID.pattern}$"}, "additionalProperties": article},
        defs)
    return schemas


def dumps(schema: dict) -> str:
    """Return a schema as stable, readable JSON text."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every content schema into a folder (schema/ in the repository); return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in content_schemas().items():
        path = folder / name
        path.write_text(dumps(schema), encoding="utf-8", newline="\n")
        written.append(path)
    return written


if __name__ == "__main__":  # make schema: python -m factfile.schema [FOLDER]
    for path in write_schemas(Path(sys.argv[1] if len(sys.argv) > 1 else "schema")):
        print(path)
