"""Every page carries the CSP and referrer policy, runs no inline code and opens outside links safely."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from harden_tools import html_files

pytestmark = pytest.mark.slow

DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background"}


class _Tags(HTMLParser):
    """Collect every start tag with its attributes, and the text of <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def policy_problems(text: str, page: str = "") -> list[str]:
    """Return what breaks the page policy in one page's HTML."""
    parser = _Tags()
    parser.feed(text)
    tags = parser.tags
    problems = []
    csp = [a.get("content", "") for t, a in tags if t == "meta" and a.get("http-equiv", "").lower()
           == "content-security-policy"]
    if len(csp) != 1:
        problems.append(f"{len(csp)} Content-Security-Policy meta tags")
    else:
        directives = {d.split()[0]: d.split()[1:] for d in csp[0].split(";") if d.strip()}
        # Only the search page may compile WebAssembly (Pagefind); no page may eval JavaScript.
        own = ["'self'", "file:"]  # file: for the offline copy opened from disk
        scripts = ["'self'", "'wasm-unsafe-eval'", "file:"] if "/search/" in f"/{page}" else own
        # The page not found is served at any depth, so it carries its styles in itself, each
        # allowed by its hash and nothing else.
        styles = [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                  for s in parser.styles] if page == "404.html" else own
        if directives.get("default-src") != ["'none'"] or directives.get("script-src") != scripts \
                or directives.get("style-src") != styles or directives.get("base-uri") != ["'none'"]:
            problems.append(f"weak policy: {csp[0]}")
        first_loader = next((i for i, (t, a) in enumerate(tags) if t in ("link", "script", "style", "img")), None)
        csp_index = next(i for i, (t, a) in enumerate(tags) if a.get("content") == csp[0])
        if first_loader is not None and first_loader < csp_index:
            problems.append("a resource is declared before the policy")
    if not any(t == "meta" and a.get("name") == "referrer" and a.get("content") == "no-referrer" for t, a in tags):
        problems.append("no <meta name=referrer content=no-referrer>")
    for tag, attrs in tags:
        handlers = [name for name in attrs if name.startswith("on")]
        if handlers:
            problems.append(f"<{tag}> has event handler attributes {handlers}")
        # A JSON-LD block is data the browser never runs; any other inline <script> is code.
        inline_code = tag == "script" and not attrs.get("src") and attrs.get("type") != "application/ld+json"
        if tag in ("iframe", "object", "embed", "base") or inline_code or (tag == "style" and page != "404.html"):
            problems.append(f"<{tag}> element")
        if "style" in attrs:
            problems.append(f"<{tag}> has a style attribute")
        for name in URL_ATTRIBUTES & attrs.keys():
            value = "".join(attrs[name].split()).lower()
            if value.startswith(DANGEROUS_SCHEMES):
                problems.append(f"<{tag} {name}={attrs[name]!r}>")
        href = attrs.get("href", "")
        if tag == "a" and href.lower().startswith(("http:", "https:", "//")):
            rel = set(attrs.get("rel", "").split())
            if not {"noopener", "noreferrer"} <= rel:
                problems.append(f"outside link {href!r} without rel=noopener noreferrer")
    return problems


def site_policy_problems(site: Path) -> tuple[int, int, list[str]]:
    """Check every page of a site; return the pages, the outside links seen and the problems."""
    problems, outside = [], 0
    pages = html_files(site)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        outside += text.count('rel="noopener noreferrer"')
        problems += [f"{path.relative_to(site)}: {p}" for p in policy_problems(text, path.relative_to(site).as_posix())]
    return len(pages), outside, problems


@pytest.mark.parametrize("which", ["sample_site", "generated_site", "hostile_site"])
def test_every_page_follows_the_policy(which: str, request: pytest.FixtureRequest) -> None:
    site = request.getfixturevalue(which)
    pages, outside, problems = site_policy_problems(getattr(site, "site", site))
    assert pages > 50
    assert outside > pages or which == "sample_site"  # the seed cites no addresses; the others do
    assert not problems, "\n".join(problems[:30])


def test_the_policy_check_catches_what_it_should() -> None:
    bad = ('<meta name="referrer" content="origin"><a href="https://x.example/">x</a>'
           '<a href=" JaVa\tscript:alert(1)">y</a><p onclick="z()"><script>1</script>')
    problems = policy_problems(bad)
    assert len(problems) == 6, problems
    styled = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\' file:; '
              'style-src \'sha256-{}\'; base-uri \'none\'"><meta name="referrer" content="no-referrer">'
              '<style>b{{}}</style>')
    allowed = styled.format(base64.b64encode(hashlib.sha256(b"b{}").digest()).decode())
    assert policy_problems(allowed, "404.html") == []
    elsewhere = policy_problems(allowed, "en/index.html")
    assert [p.split(":")[0] for p in elsewhere] == ["weak policy", "<style> element"], elsewhere
    assert policy_problems(styled.format("AAAA"), "404.html")[0].startswith("weak policy")


@pytest.mark.browser
@pytest.mark.parametrize("where", ["file", "http"])
def test_the_policy_lets_the_site_style_itself(browser, sample_site: Path, serve, where: str) -> None:
    """The CSP blocks nothing of the site's own, opened from disk or below a sub-path."""
    base = sample_site.as_uri() + "/" if where == "file" else serve(sample_site)
    context = browser.new_context()
    context.add_init_script("window.__violations = [];"
                            "document.addEventListener('securitypolicyviolation',"
                            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    errors: list[str] = []
    # Chromium asks for /favicon.ico at the host's root by itself; anything else failing is ours.
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.on("requestfailed", lambda r: errors.append(f"failed {r.url}"))
    try:
        for path in ("en/index.html", "be/people/ales-bialiatski/index.html", "ru/timeline/index.html"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            styled = page.evaluate("getComputedStyle(document.body).fontFamily")
            assert "system-ui" in styled, f"{path}: the stylesheet did not apply ({styled})"
            assert page.evaluate("window.__violations") == [], path
    finally:
        context.close()
    assert not errors, errors
