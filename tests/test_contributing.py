"""CONTRIBUTING.md and the README stay true: every command they show exists, the rules they state
match the model."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, run_cli

from factfile.content.model import IDENTIFYING_FIELDS, STATUSES

DOCS = {name: (ROOT / name).read_text(encoding="utf-8") for name in ("CONTRIBUTING.md", "README.md")}
COMMANDS = sorted({m for text in DOCS.values() for m in re.findall(r"python build\.py ([a-z]+)", text)})


@pytest.mark.parametrize("command", COMMANDS)
def test_documented_command_exists(command: str) -> None:
    result = run_cli(command, "--help")
    assert result.code == 0, f"'python build.py {command}' is documented but does not exist"


def test_contributing_lists_every_identifying_field_and_status() -> None:
    text = DOCS["CONTRIBUTING.md"]
    for name in IDENTIFYING_FIELDS:
        assert f"`{name}`" in text, name
    for status in STATUSES:
        assert f"`{status}`" in text, status


def test_readme_points_to_contributing() -> None:
    assert "[CONTRIBUTING.md](CONTRIBUTING.md)" in DOCS["README.md"]
    assert {"new", "import", "check"} <= set(COMMANDS)
