"""The page not found: 404.html at the top of the site, for the web server to answer unknown
addresses with (README.md says how to configure common servers and GitHub Pages).

A server answers with it at any address, at any depth, so it cannot link relatively as every other
page does: its links are absolute when site.yaml sets base_url, and otherwise start at the server's
root (right for a site at the root of its host). It carries its few styles in itself, allowed by
their hash in its policy, since a relative link to the stylesheet would miss from most addresses.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from babel import Locale
from markupsafe import Markup

from ..context import Context
from ..kinds import CONTENT_SECURITY_POLICY, PageKind
from ..urls import absolute, home_path, people_path, search_path

STYLE = ("body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
         "background:#fdfdfc;color:#1c1c1c}main{max-width:40rem;margin:0 auto;padding:2rem 1rem}"
         "h1{font-size:1.75rem;line-height:1.2;margin:0 0 .5rem}a{color:#0b57a4}"
         "section+section{margin-top:1.5rem;padding-top:1rem;border-top:1px solid #d8d8d4}"
         "@media (prefers-color-scheme:dark){body{background:#151515;color:#e9e9e6}a{color:#8ab8f0}"
         "section+section{border-color:#3a3a38}}")
_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self' file:", f"style-src 'sha256-{_HASH}'")


def view(context: Context) -> dict[str, Any]:
    base = context.site.base_url
    languages = []
    for lang in context.plan.languages:
        def at(path: str) -> str:
            return absolute(base, path) or "/" + path
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_")) or lang
        languages.append({"lang": lang, "name": name[:1].upper() + name[1:], "home": at(home_path(lang)),
                          "people": at(people_path(lang)), "search": at(search_path(lang))})
    return {"style": Markup(STYLE), "languages": languages}


KIND = PageKind("notfound", "notfound.html", lambda lang: "", view, default_language_only=True,
                policy=POLICY, file="404.html")
