"""The contributor documentation stays true to the model: every field described, every example valid."""

from __future__ import annotations

import dataclasses
import re

import pytest
from helpers import ROOT, Project

from factfile.content import model

DOC = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")


def _section(heading: str) -> str:
    start = DOC.index(f"\n## {heading}\n")
    end = DOC.find("\n## ", start + 1)
    return DOC[start:end if end > 0 else None]


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if not f.metadata.get("from_file")]


@pytest.mark.parametrize("heading, cls", [
    ("site.yaml", model.Site), ("sources.yaml", model.Source),
    ("people/&lt;slug&gt;.yaml", model.Person), ("events/&lt;slug&gt;.yaml", model.Event),
    ("pages/&lt;slug&gt;.yaml", model.ContentPage), ("places/&lt;slug&gt;.yaml", model.Place),
    ("articles.yaml", model.Article),
])
def test_every_field_is_documented(heading: str, cls: type) -> None:
    table = _section(heading)
    documented = re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE)
    assert sorted(documented) == sorted(_fields(cls))
    assert len(documented) == len(set(documented))


@pytest.mark.parametrize("prefix, cls", [
    ("custody[].", model.CustodyPeriod), ("custody[].places[].", model.Transfer), ("cases[].", model.Case),
    ("cases[].sentence.", model.CaseSentence), ("cases[].appeal.", model.Appeal),
])
def test_every_field_of_custody_and_cases_is_documented(prefix: str, cls: type) -> None:
    rows = re.findall(r"^\| `([\w.\[\]]+)` \|", _section("people/&lt;slug&gt;.yaml"), re.MULTILINE)
    documented = [row.removeprefix(prefix) for row in rows if row.startswith(prefix)]
    documented = [name for name in documented if "." not in name and "[" not in name]
    assert sorted(documented) == sorted(model.key_of(f) for f in dataclasses.fields(cls))


def test_every_enumeration_is_documented() -> None:
    for values in (model.STATUSES, model.ReleaseType.__args__, model.EventType.__args__, model.Gender.__args__,
                   model.PlaceKind.__args__, model.CustodyKind.__args__, model.ArticleCode.__args__,
                   model.AppealOutcome.__args__):
        for value in values:
            assert f"`{value}`" in DOC, value


def _examples(heading: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", _section(heading), re.DOTALL)


def test_examples_are_valid(project: Project) -> None:
    site_example, = _examples("site.yaml")
    sources_example, = _examples("sources.yaml")
    person, long_form, withheld = _examples("people/&lt;slug&gt;.yaml")
    event, = _examples("events/&lt;slug&gt;.yaml")
    page, = _examples("pages/&lt;slug&gt;.yaml")
    place, = _examples("places/&lt;slug&gt;.yaml")
    articles, = _examples("articles.yaml")
    project.write("places/penal-colony-0.yaml", place)
    project.write("articles.yaml", articles + '"24.23": {code: administrative, title: Mass events}\n')
    project.write("people/maryia-example.yaml", long_form)
    for slug in ("example-detention-centre", "example-remand-prison", "example-penal-colony"):
        project.write(f"places/{slug}.yaml", "name: N\nsources: [example-report]\n")
    project.write("pages/letters.yaml", page)
    project.write("site.yaml", site_example)
    project.write("sources.yaml", (project.content / "sources.yaml").read_text() + sources_example)
    project.write("people/jane-example.yaml", person)
    project.write("people/us-citizen-2025-02-12.yaml", withheld)
    for slug in ("andrey-kuznechyk", "alena-maushuk"):
        project.write(f"people/{slug}.yaml", "name: N\nstatus: unknown\nsources: [example-report]\n")
    project.write("events/2025-02-12-release.yaml", event)
    result = project.check()
    assert result.code == 0, result.err
