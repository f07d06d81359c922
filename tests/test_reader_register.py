"""The register and its pages, sorted by each language's alphabet; the page not found; the favicon."""

from __future__ import annotations

import json

import pytest
from helpers import Project

from factfile.site.collation import KEY_CHARS, sort_key, sorted_by_name


@pytest.mark.parametrize("lang, expected", [
    ("ru", ["Ёлкин", "Жук", "Яна", "Anna", "Zofia"]),  # Cyrillic first; ё is е with a mark
    ("be", ["Жук", "Усаў", "Ўладзімір", "Яна", "Anna", "Zofia"]),  # ў after у, a letter of its own
    ("en", ["Anna", "Zofia", "Ёлкин", "Жук", "Яна"]),
])
def test_names_sort_by_each_languages_alphabet(lang: str, expected: list[str]) -> None:
    assert sorted(expected[::-1], key=lambda n: sort_key(n, lang)) == expected


def test_belarusian_puts_yo_after_every_ye() -> None:
    names = ["Ёж", "Ежов", "Ехаў", "Жук"]
    assert sorted(names, key=lambda n: sort_key(n, "be")) == ["Ежов", "Ехаў", "Ёж", "Жук"]
    assert sorted(names, key=lambda n: sort_key(n, "ru")) == ["Ёж", "Ежов", "Ехаў", "Жук"]


def test_names_alike_past_the_collated_letters_still_sort_apart() -> None:
    # Only the first KEY_CHARS letters are collated (the collator is quadratic in a text's length);
    # the whole text breaks the tie, so order stays total and stable for absurdly long names.
    stem = "Ж" * KEY_CHARS
    names = [stem + "Я", stem + "А", "Жук"]
    assert sort_key(stem + "Я", "be") == sort_key(stem + "А", "be")
    assert sorted_by_name(names, str, "be") == [stem + "А", stem + "Я", "Жук"]


def _people(project: Project, names: list[str], status: str = "imprisoned") -> None:
    for i, name in enumerate(names):
        project.write(f"people/p{i:03d}.yaml", f"name: {{en: '{name}', be: '{name}', ru: '{name}'}}\nstatus: {status}\n"
                                               "sources: [example-report]\n")


def test_the_index_and_the_finders_rows_share_one_order(project: Project) -> None:
    _people(project, ["Zofia Łukaszewicz", "Ўладзімір Усаў", "Усевалад Жук", "Anna Example", "Ёлкін Ян"])
    assert project.build("--no-search").code == 0
    for lang in ("be", "ru"):
        page = project.page(f"{lang}/people/")
        shown = [a.get_text() for a in page.select('section[data-status="imprisoned"] .who a')]
        latin = [i for i, name in enumerate(shown) if name[0].isascii()]
        assert latin and min(latin) > max(i for i, name in enumerate(shown) if not name[0].isascii()), shown
        text = (project.out / lang / "people/rows.js").read_text(encoding="utf-8")
        data = json.loads(text.removeprefix("window.factfileRows=").rstrip().removesuffix(";"))
        rows = [row[1] for row in data["rows"] if row[2] == "imprisoned"]
        assert rows == shown
    be = [a.get_text() for a in project.page("be/people/").select('section[data-status="imprisoned"] .who a')]
    assert be.index("Усевалад Жук") < be.index("Ўладзімір Усаў")


def test_a_long_register_is_split_into_pages(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from factfile.site import register
    monkeypatch.setattr(register, "PER_PAGE", 2)
    _people(project, [f"Person {i}" for i in range(3)])
    assert project.build("--no-search").code == 0
    # 3 + 3 fixture people = 6 people: pages 1, 2 and 3, each linked from the others.
    first, third = project.page("en/people/"), project.page("en/people/page/3/")
    assert len(first.select("ul.register li")) == 2 and len(third.select("ul.register li")) == 2
    assert [a["href"] for a in first.select("nav.pager a")] == ["page/2/index.html", "page/3/index.html"]
    assert third.select_one('nav.pager [aria-current="page"]').get_text() == "3"
    starts = {li["data-status"]: li.a["href"] for li in third.select(".toc li")}
    assert starts["detained"] == "../../index.html#status-detained"
    assert project.page("en/").select_one('a[href$="#status-released"]')["href"].startswith("people/page/")


def test_the_page_not_found_works_at_any_depth(project: Project) -> None:
    project.write("site.yaml", (project.content / "site.yaml").read_text(encoding="utf-8")
                  + "base_url: https://example.org/files/\n")
    assert project.build("--no-search").code == 0
    page = project.page("404.html")
    links = [a["href"] for a in page.select("a")]
    assert links and all(href.startswith("https://example.org/files/") for href in links), links
    assert not page.select('link[rel="stylesheet"], script[src]')  # nothing a relative link could miss
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "404.html" not in (project.out / "sitemap.xml").read_text(encoding="utf-8")


def test_every_page_has_the_sites_own_favicon(built_fixture: Project) -> None:
    for path in ("en/", "be/people/", "ru/people/jane-example/"):
        icon = built_fixture.page(path).find("link", rel="icon")
        assert icon["type"] == "image/svg+xml" and icon["href"].endswith("static/favicon.svg")
    assert (built_fixture.out / "static/favicon.svg").read_text(encoding="utf-8").startswith("<svg")


def test_printed_sheets_carry_the_sites_name(built_fixture: Project) -> None:
    mark = built_fixture.page("ru/people/jane-example/").select_one(".print-site")
    assert mark.get_text(strip=True) == "Тестовое досье"
    css = (built_fixture.out / "static/style.css").read_text(encoding="utf-8")
    assert ".print-site { display: none; }" in css and ".print-site { display: block;" in css
