"""Hostile strings and a content tree that puts them into every text, Markdown and URL field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"

# Attacks on links and Markdown that the naughty-strings list does not spell out: schemes in
# disguise, attribute break-outs inside URLs, raw HTML and mutation XSS, and trackers (images, styles).
EXTRA = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
    'https://example.org/"onmouseover="alert(1)', "https://example.org/'><script>alert(1)</script>",
    "https://example.org/<svg/onload=alert(1)>", 'https://a.example.org/#"><img src=x onerror=alert(1)>',
    "//evil.example/x", "http://a.example/%0a%0djavascript:alert(1)", "https://example.org/\u202egnp.exe",
    "[x](javascript:alert(1))", "[x](jAvAsCrIpT:alert(1))", "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))", "![x](javascript:alert(1))", "![pixel](https://tracker.example/pixel.gif)",
    "<javascript:alert(1)>", "[x]: javascript:alert(1)\n\n[y][x]", '<a href="javascript:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>", "<iframe src=https://evil.example></iframe>",
    "<style>body{background:url(https://tracker.example/)}</style>",
    '[x](https://example.org "t\\" onmouseover=alert(1) x=\\"")', "<details open ontoggle=alert(1)>",
    "```\n<script>alert(1)</script>\n```", "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "<base href=https://evil.example/>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<form action=https://evil.example><button>go",
    '<a href="https://example.org" target="_blank">tabnabbing</a>', "{{ 7*7 }}{% raw %}", "${7*7}#{7*7}",
    '<link rel="stylesheet" href="https://tracker.example/x.css">', "<object data=https://evil.example/x.swf>",
    "[a](https://example.org/)<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\"><script>alert(document.domain)</script>", "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>", "<!--<script>alert(1)//-->",
]


@dataclass
class HostileSite:
    """A built hostile site and what the build refused on the way: error lines by string index."""

    site: Path
    strings: list[str]
    text_errors: dict[int, list[str]]
    url_errors: dict[int, list[str]]


def naughty_strings() -> list[str]:
    """Return the big list of naughty strings (tests/data/blns, MIT licence)."""
    return json.loads((DATA / "blns" / "blns.json").read_text(encoding="utf-8"))


def payloads() -> list[str]:
    """Return every hostile string, without duplicates, in a stable order."""
    return list(dict.fromkeys(naughty_strings() + EXTRA))


class _QuotingDumper(yaml.SafeDumper):
    """Write every string double-quoted: that style escapes every character exactly, control ones too."""


_QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style='"'))


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def _markdown(text: str) -> str:
    """Return Markdown that uses a string as prose, as a link target and as an autolink."""
    return f"{text}\n\n[link]({text})\n\n<{text}>\n\n**{text}**"


def write_hostile_site(root: Path, strings: list[str], skip_text: set[int] = frozenset(),
                       skip_url: set[int] = frozenset()) -> Path:
    """Write content/ with string i in every text and Markdown field of person t-i, event t-i,
    source s-i and (every fourth) place p-i, and as every URL of person u-i. Indices in skip_text and skip_url are left out."""
    content = root / "content"
    for folder in ("people", "events", "places"):
        (content / folder).mkdir(parents=True, exist_ok=True)
        for old in (content / folder).glob("*.yaml"):
            old.unlink()
    _dump(content / "site.yaml", {"title": "</title><script>alert('site')</script>",
                                  "description": '"><img src=x onerror=alert(1)>', "languages": ["en"]})
    sources: dict = {"base": {"title": "Base", "publisher": "Example", "url": "https://example.org/"}}
    for i, text in enumerate(strings):
        if i not in skip_url:
            _dump(content / "people" / f"u-{i}.yaml", {
                "name": f"URL probe {i}", "status": "unknown",
                "recognized": [{"by": "Probe", "url": text}],
                "sources": [{"title": "Probe", "publisher": "Probe", "url": text, "archived_url": text}]})
        if i in skip_text:
            continue
        sources[f"s-{i}"] = {"title": text, "publisher": text, "url": "https://example.org/s"}
        person: dict = {"status": "imprisoned", "sources": ["base", f"s-{i}"], "summary": text,
                        "charges": [{"article": text, "text": text, "sources": [f"s-{i}"]}],
                        "trial": {"court": text, "judge": text}, "sentence": {"regime": text},
                        "place_of_detention": {"name": text, "address": text},
                        "recognized": [{"by": text}]}
        if i % 4 == 1:  # held at a place of its own (content/places/p-i.yaml), with a page of its own
            del person["place_of_detention"]
            person["custody"] = [{"from": "2024-01-01", "places": [{"place": f"p-{i}"}]}]
            _dump(content / "places" / f"p-{i}.yaml", {
                "name": text, "kind": "other", "city": text, "address": text, "letters": _markdown(text),
                "sources": [f"s-{i}"]})
        if i % 5 == 0:  # withheld: no trial (it would identify), a file name of label words ("t") and numbers
            del person["trial"]
            person.update({"identity_withheld": True, "label": f"t {text}"})
        else:
            person.update({"name": text, "also_known_as": [text], "occupation": text,
                           "affiliations": [text], "bio": _markdown(text)})
        _dump(content / "people" / f"t-{i}.yaml", person)
        _dump(content / "events" / f"t-{i}.yaml", {
            "date": "2024-01-01", "title": text, "summary": _markdown(text), "people": [f"t-{i}"],
            "sources": [f"s-{i}", {"title": text, "publisher": text, "archived_url": "https://archive.example.org/s"}]})
    _dump(content / "sources.yaml", sources)
    return content


ERROR_LINE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")


def failed_indices(stderr: str) -> tuple[dict[int, list[str]], dict[int, list[str]], list[str]]:
    """Map payload indices to the error lines naming their text files and their URL file; also
    return the lines that name no payload."""
    text_errors: dict[int, list[str]] = {}
    url_errors: dict[int, list[str]] = {}
    unclear = []
    for line in stderr.splitlines():
        if not line.strip() or line.startswith(("build failed", "  ", "hint:")) or ": warning: " in line:
            continue
        match = ERROR_LINE.match(line)
        found, errors = None, text_errors
        if match:
            name = re.search(r"(?:people|events|places)/([tup])-(\d+)\.yaml$", match["file"])
            if name:
                found, errors = int(name.group(2)), url_errors if name.group(1) == "u" else text_errors
            elif match["file"].endswith("sources.yaml"):
                source = re.match(r"s-(\d+)\.", match["rest"])
                found = int(source.group(1)) if source else None
        if found is None:
            unclear.append(line)
        else:
            errors.setdefault(found, []).append(line)
    return text_errors, url_errors, unclear
