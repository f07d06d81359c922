"""Budgets: a large profile with its CSS and script stays under 40 KB gzip and asks no other host."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import Project

BUDGET = 40 * 1024
WORDS = ["court", "hearing", "colony", "letter", "appeal", "release", "detention", "statement", "organisation", "report", "sentence", "article", "charge", "family", "lawyer", "visit", "parcel", "transfer", "solitary"]


def _prose(n: int, seed: int) -> str:
    return " ".join(WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(n))


def large_profile(project: Project) -> str:
    """Write a fictional person with every field filled many times over; return the slug."""
    sources = "\n".join(f"src-{i}:\n  title: {{en: 'Report {i} {_prose(8, i)}', ru: 'Отчёт {i}'}}\n"
                        f"  publisher: Example Publisher {i}\n  url: https://news.example.org/{i}\n"
                        f"  published: 2023-01-{i % 28 + 1:02d}\n  archived_url: https://archive.example.org/{i}"
                        for i in range(60))
    project.write("sources.yaml", (project.content / "sources.yaml").read_text(encoding="utf-8") + "\n" + sources + "\n")
    charges = "\n".join(f"  - article: \"{300 + i}\"\n    text: {{en: '{_prose(12, i)}', ru: 'Статья {i}'}}\n"
                        f"    sources: [src-{i}, src-{i + 1}]" for i in range(20))
    bio = "\n\n".join(_prose(120, i) for i in range(12))
    project.write("people/large-profile.yaml", f"""
name: {{en: Fictional Large Profile, be: Выдуманы Вялікі Профіль, ru: Вымышленный Большой Профиль}}
also_known_as: [Fiktyŭny Vialiki, Фиктивный Большой, Fictional L. Profile]
status: imprisoned
gender: male
born: 1970-01-01
citizenship: [BY, PL]
occupation: Journalist
affiliations: [Example Union, Example Press Club, Example Rights Network]
recognized:
  - {{by: Example Rights Centre, date: 2021-06, url: "https://rights.example.org/large"}}
  - {{by: Another Example Group, date: 2022-01}}
detained: 2020-08-10
charges:
{charges}
trial: {{court: Example Regional Court, judge: Judge Example, date: 2021-09-01, sources: [src-30]}}
sentence: {{date: 2021-09-01, term: P14Y, regime: strict, sources: [src-31]}}
place_of_detention: {{name: Colony No. 99, address: "Example street 99, 000000 Example town", sources: [src-32]}}
summary: A fictional journalist used to test the page weight budget.
bio: |
{chr(10).join('  ' + line for line in bio.splitlines())}
sources: [{", ".join(f"src-{i}" for i in range(33, 60))}]
""")
    for i in range(150):
        project.write(f"events/large-{i:03d}.yaml", f"""
            date: 2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}
            type: trial
            title: {{en: 'Hearing {i}: {_prose(6, i)}', ru: 'Заседание {i}'}}
            people: [large-profile]
            sources: [src-{i % 60}]
            """)
    return "large-profile"


def _gzip(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = Project(tmp_path_factory.mktemp("large"))
    large_profile(project)
    result = project.build()
    assert result.code == 0, result.err
    return project


@pytest.mark.parametrize("lang", ["en", "be", "ru"])
def test_large_profile_with_its_css_and_script_is_under_budget(large: Project, lang: str) -> None:
    page = large.out / lang / "people/large-profile/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("ol.timeline li")) > 150 and len(soup.select("ol.sources li")) == 51
    assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in soup.find_all("script", src=True)]
    total = _gzip(page) + sum(_gzip((page.parent / a).resolve()) for a in assets)
    assert total < BUDGET, f"{total} bytes gzip"


def test_pages_load_nothing_from_another_host(large: Project) -> None:
    for page in large.out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
                continue
            for attr in ("href", "src", "srcset"):
                value = tag.get(attr, "")
                assert not value.startswith(("http:", "https:", "//")), f"{page}: {tag}"


@pytest.mark.browser
def test_profile_requests_only_its_own_files(large: Project, browser) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((large.out / "ru/people/large-profile/index.html").as_uri())
    page.wait_for_load_state("networkidle")
    assert requests and all(url.startswith("file://") for url in requests), requests
    page.close()


def test_no_inline_script_style_or_handler_for_a_strict_csp(large: Project) -> None:
    # Another module adds a Content-Security-Policy allowing only the site's own scripts and styles.
    for page in large.out.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", f"{page}: {script}"
        styles = soup.find_all("style")
        if page.name == "404.html":  # served at any depth: its styles are in itself, allowed by their hash
            import base64
            import hashlib
            policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
            for style in styles:
                digest = base64.b64encode(hashlib.sha256(style.string.encode()).digest()).decode()
                assert f"'sha256-{digest}'" in policy and "unsafe-inline" not in policy
            styles = []
        assert not styles, page
        for tag in soup.find_all(True):
            assert "style" not in tag.attrs and not any(a.startswith("on") for a in tag.attrs), f"{page}: {tag.name}"
