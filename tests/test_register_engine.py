"""The engine on the register's model: an edit of a place, an article, a person's custody or cases
rebuilds exactly what a cold build gives, and renders only the pages that show what changed."""

from __future__ import annotations

from pathlib import Path

from helpers import REARRESTED, Project
from test_engine import Live, assert_same, edit

PLACE = "places/example-penal-colony.yaml"


def test_a_place_edit_renders_the_profiles_of_those_held_there_only(project: Project, tmp_path: Path) -> None:
    project.add_register()
    live = Live(project)
    edit(project.content / PLACE, "99 Colony road", "101 Colony road")
    result = live.run()
    # Maryia's profile, the place's page and the letters page, in three languages
    assert result.ok(False) and result.rendered == 9
    assert "101 Colony road" in (project.out / "en/people/maryia-rearrested/index.html").read_text(encoding="utf-8")
    assert "101 Colony road" in (project.out / "data/places.json").read_text(encoding="utf-8")
    assert_same(project.out, project.content, tmp_path / "reference" / "site")
    edit(project.content / "places/example-remand-prison.yaml", "kind: pretrial-centre", "kind: prison")
    result = live.run()
    assert result.ok(False) and result.rendered == 3  # a place's kind shows on its own page only
    assert '"kind": "prison"' in (project.out / "data/places.json").read_text(encoding="utf-8")


def test_custody_cases_articles_and_places_rebuild_as_a_cold_build(project: Project, tmp_path: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1740000000")  # 2025-02-19: the expected release is to come
    project.add_register()
    live = Live(project)
    reference = tmp_path / "reference" / "site"
    steps = [
        (REARRESTED, "        from: 2022-02-01", "        from: 2022-03-01"),  # a transfer's date
        (REARRESTED, "      outcome: upheld", "      outcome: reduced"),  # an appeal
        (REARRESTED, "      term: P5Y\n", "      term: P4Y\n"),  # the expected release moves
        ("articles.yaml", "Breaking the rules on mass events", "Breaking the rules of mass events"),
        ("people/jane-example.yaml", 'article: "342"', 'article: "24.23"'),  # the short form's article
        (PLACE, "  en: Example Penal Colony No. 99\n", "  en: Example Colony No. 99\n"),
    ]
    assert "2026-05-11" in (project.out / "en/people/maryia-rearrested/index.html").read_text(encoding="utf-8")
    for relative, old, new in steps:
        edit(project.content / relative, old, new)
        result = live.run()
        assert result.ok(False), (relative, [str(p) for p in result.problems.errors])
        assert_same(project.out, project.content, reference)
    project.write("places/new-colony.yaml", "name: New Colony\naddress: 1 New street\nsources: [example-report]\n")
    edit(project.content / REARRESTED, "        sources: [example-court-record]\n",
         "        sources: [example-court-record]\n      - place: new-colony\n        from: 2024-01-05\n")
    assert live.run().ok(False)
    assert "1 New street" in (project.out / "ru/people/maryia-rearrested/index.html").read_text(encoding="utf-8")
    assert_same(project.out, project.content, reference)
    # Deleting a place someone names is an error until the person no longer names it.
    (project.content / "places/new-colony.yaml").unlink()
    result = live.run()
    assert any("unknown place 'new-colony'" in str(p) for p in result.problems.errors)
    edit(project.content / REARRESTED, "      - place: new-colony\n        from: 2024-01-05\n", "")
    assert live.run().ok(False)
    assert_same(project.out, project.content, reference)
    (project.content / "articles.yaml").unlink()  # no list of articles: titles go, no warning comes
    assert live.run().ok(False)
    assert_same(project.out, project.content, reference)
