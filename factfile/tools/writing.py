"""What an import writes: content files as YAML, each validated like a file of content/ first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content import rules
from ..content.load import read_articles
from ..content.model import Event, Person, Place
from ..content.validate import INVALID, Reader
from ..content.yamlload import YamlError, parse
from ..problems import Problems
from .scaffold import KINDS


def to_yaml(data: dict) -> str:
    """Return a record as YAML text that reads back exactly (dates and numbers stay text)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)


def check_record(kind: str, slug: str, text: str, languages: Sequence[str], display: str) -> list[str]:
    """Return what the validator says about a would-be file, as messages without positions."""
    problems = Problems()
    reader = Reader(display, languages, problems)
    cls = KINDS[kind][1]
    try:
        node = parse(text.encode("utf-8"))
    except YamlError as exc:  # a cell with characters YAML does not allow, such as control codes
        return [exc.message]
    record = reader.record(node, cls, "", slug=slug, origin=reader.origin) if node else INVALID
    if isinstance(record, Person):
        rules.check_person(record, problems)
    elif isinstance(record, Place):
        rules.check_place(record, problems)
    elif isinstance(record, Event):
        rules.check_event(record, problems)
    return _messages(problems)


def check_articles(text: str, languages: Sequence[str], display: str) -> list[str]:
    """Return what `check` would say about a would-be articles.yaml, as messages without positions."""
    problems = Problems()
    try:
        node = parse(text.encode("utf-8"))
    except YamlError as exc:
        return [exc.message]
    read_articles(node, display, languages, problems)
    return _messages(problems)


def _messages(problems: Problems) -> list[str]:
    return [f"{p.field}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in problems.sorted() if not p.warning]


@dataclass
class ImportPlan:
    """The files an import would write, by path, with their text."""

    files: dict[Path, str] = field(default_factory=dict)
    kept: int = 0  # cells not imported, kept as `# import:` comments for a person to map
    checks: int = 0  # texts marked with a language their letters do not tell, for a person to check
    places: set[str] = field(default_factory=set)  # slugs of the places the rows written name
