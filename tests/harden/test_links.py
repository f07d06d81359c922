"""Every internal link, #fragment and asset of the built sites resolves, from disk and over HTTP at a sub-path."""

from __future__ import annotations

import urllib.error
import urllib.request
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest
from harden_tools import html_files

pytestmark = pytest.mark.slow

LINK_ATTRIBUTES = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
                   ("form", "action")}
OUTSIDE = ("http:", "https:", "mailto:")


class _PageParser(HTMLParser):
    """Collect the links and the ids of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRIBUTES and value is not None:
                self.links.append(value)
            elif tag == "meta" and name == "content" and value and "url=" in value:  # meta refresh
                self.links.append(value.split("url=", 1)[1])


def parse(text: str) -> _PageParser:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser


def check_site(pages: list[str], base: str, fetch) -> tuple[int, list[str]]:
    """Follow every internal link of every page under base; return the count checked and the failures."""
    failures: list[str] = []
    checked = 0

    @cache
    def target(url: str) -> _PageParser | None:
        text = fetch(url)
        return None if text is None else parse(text) if url.endswith(".html") else _PageParser()

    for relative in pages:
        url = base + relative
        page = target(url)
        assert page is not None, url
        for href in page.links:
            if href.startswith(OUTSIDE) and not href.startswith(base):
                continue
            checked += 1
            absolute, fragment = urldefrag(urljoin(url, href))
            if not absolute.startswith(base):
                failures.append(f"{relative}: {href!r} leaves the site's folder ({absolute})")
                continue
            found = target(absolute)
            if found is None:
                failures.append(f"{relative}: {href!r} does not resolve ({absolute})")
            elif fragment and unquote(fragment) not in found.ids:
                failures.append(f"{relative}: {href!r}: no element with id {fragment!r}")
    return checked, failures


def read_file(url: str) -> str | None:
    """Read a file:// URL as a browser opening the site from disk would: a folder is not a page."""
    path = Path(unquote(urlsplit(url).path))
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def read_http(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError:
        return None


def reader_pages(site: Path) -> list[str]:
    """Every page a reader reaches by a link. The page not found is not one: a web server answers
    with it at any address, so its links start at base_url or the host's root, never relative
    (test_reader_register.py checks them)."""
    return [p.relative_to(site).as_posix() for p in html_files(site) if p.name != "404.html"]


@pytest.mark.parametrize("which", ["sample_site", "generated_site"])
def test_links_resolve_from_disk(which: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(which)
    pages = reader_pages(site)
    checked, failures = check_site(pages, site.as_uri() + "/", read_file)
    assert checked > 10 * len(pages)
    assert not failures, f"{len(failures)} broken of {checked}:\n" + "\n".join(failures[:30])


@pytest.mark.parametrize("which", ["sample_site", "generated_site"])
def test_links_resolve_over_http_at_a_sub_path(which: str, request: pytest.FixtureRequest, serve) -> None:
    site: Path = request.getfixturevalue(which)
    base = serve(site)
    assert read_http(base.rsplit("/", 3)[0] + "/index.html") is None  # only the sub-path is served
    pages = reader_pages(site)
    checked, failures = check_site(pages, base, read_http)
    assert checked > 10 * len(pages)
    assert not failures, f"{len(failures)} broken of {checked}:\n" + "\n".join(failures[:30])


def test_the_checker_reports_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<a href="a/">folder</a><a href="b.html#nope">x</a>'
                                         '<a href="b.html#yes">ok</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<p id="yes">', encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("", encoding="utf-8")
    checked, failures = check_site(["index.html"], tmp_path.as_uri() + "/", read_file)
    assert checked == 3 and len(failures) == 2
