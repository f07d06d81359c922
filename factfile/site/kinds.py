"""What a page kind is, and the registry of them: the types every page feature shares.

A page kind says where its pages live, which template draws them, which view prepares their values
and which pages of it exist. The kinds themselves are listed in `site/pages/__init__.py`: adding
one is a module there (its view and its `KIND`), one line in that list and one template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Context
    from .plan import Plan

# Only the site's own files may load: no inline script or style, nothing from another host, no
# <base> or plugin tricks. `file:` is listed beside 'self' because by the CSP spec 'self' need not
# match pages opened from disk (the offline copy); a page served over http(s) can never load a
# file: URL, so it grants hosted pages nothing.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self' file:; style-src 'self' file:; "
                           "img-src 'self' file:; "
                           "font-src 'self'; connect-src 'self'; manifest-src 'self'; "
                           "form-action 'self'; base-uri 'none'")
# The search page runs Pagefind, which compiles its own WebAssembly file: that needs
# 'wasm-unsafe-eval', which allows compiling wasm but not JavaScript's eval().
SEARCH_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")


@dataclass(frozen=True, slots=True)
class Page:
    """One HTML page to render: its path under the output folder, kind, language and subject."""

    path: str  # e.g. "en/people/ales-bialiatski/index.html"
    kind: str
    lang: str
    key: tuple = ()  # what the page is about: (slug,) or (year, chunk)

    @property
    def subject(self) -> str:
        """Return what the page shows, the same in every language: 'person:ales-bialiatski'."""
        return subject(self.kind, self.key)


def subject(kind: str, key: tuple) -> str:
    return kind + ":" + "/".join(map(str, key)) if key else kind


@dataclass(frozen=True)
class PageKind:
    """A kind of page: where its pages live, how they are drawn and which exist."""

    name: str
    template: str
    path: Callable[..., str]  # (lang, *key) -> folder path, e.g. en/people/<slug>/
    view: Callable[..., dict[str, Any]]  # (context, *key) -> the values the template reads
    keys: Callable[[Plan], Iterable[tuple]] = lambda plan: [()]  # one page per key and language
    default_language_only: bool = False  # the root page leads to the languages
    policy: str = CONTENT_SECURITY_POLICY  # what the page may load
    og_type: str = "website"
    structured: Callable[[Context, dict[str, Any], str | None, str | None], dict | None] | None = None
    file: str = "index.html"  # the page's file in its folder (the page not found is 404.html)
    searched: bool = False  # the search index holds its pages (records, written pages), not lists

    def page(self, lang: str, key: tuple = ()) -> Page:
        return Page(self.path(lang, *key) + self.file, self.name, lang, key)


REGISTRY: dict[str, PageKind] = {}  # filled by site/pages/__init__.py


def register(kinds: Iterable[PageKind]) -> None:
    for kind in kinds:
        REGISTRY[kind.name] = kind


def page_path(kind: str, lang: str, key: tuple = ()) -> str:
    """Return the folder path of a page of a kind, for links and language alternates."""
    return REGISTRY[kind].path(lang, *key)
