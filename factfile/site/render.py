"""Render pages through Jinja templates: autoescaped, strict about undefined names, links relative."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from .. import deps
from . import urls
from .context import Context
from .finder import ROWS_SCRIPT
from .i18n import Catalogue
from .kinds import REGISTRY, Page, PageKind
from .meta import page_meta
from .parts import Item, LText, correction, footer

STATIC_DIR = "static"


def relative(from_page: str, target: str) -> str:
    """Return a link from a page file to a folder (ending in /, linked as its index.html) or a file.

    Links name index.html explicitly so the site also works opened from disk and on mirrors that
    do not serve folder indexes.
    """
    return _relative(from_page.rpartition("/")[0], target)


@lru_cache(maxsize=1 << 16)
def _relative(folder: str, target: str) -> str:
    # The same result as posixpath.relpath(target, folder) for the clean relative paths of a plan,
    # without its abspath calls: links are among the hottest code of a build, and the links of the
    # navigation repeat on every page of a folder depth.
    if target.endswith("/") or target == "":
        target += "index.html"
    start = _parts(folder)
    parts = target.split("/")
    common = 0
    for a, b in zip(start, parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


@lru_cache(maxsize=4096)
def _parts(folder: str) -> tuple[str, ...]:
    return tuple(part for part in folder.split("/") if part and part != ".")


# Small pieces of markup that recur many times on a page, written in Python rather than as Jinja
# macros: a macro call costs more than the markup it makes. Each escapes what it inserts.

def when(item: Item | None) -> Markup:
    """Return a date as <time datetime>, or nothing for no date."""
    if not item:
        return Markup("")
    return Markup(f'<time datetime="{escape(item.datetime)}">{escape(item.text)}</time>')


def status_badge(status: str, label: object) -> Markup:
    return Markup(f'<span class="status status-{escape(status)}">{escape(label)}</span>')


def refs(t: Catalogue, numbers: list[int]) -> Markup:
    """Return the superscript links of a fact to the numbered sources it cites."""
    if not numbers:
        return Markup("")
    links = "".join(f'<a href="#source-{n}" aria-label="{escape(t("source_n", n=n))}">[{n}]</a>' for n in numbers)
    return Markup(f'<sup class="refs">{links}</sup>')


def environment(templates_dir: Path) -> jinja2.Environment:
    """Return the Jinja environment: templates compiled once, errors on any undefined name."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.globals["STATIC"] = STATIC_DIR
    env.globals.update(when=when, status_badge=status_badge)
    return env


@dataclass
class Renderer:
    """Renders the pages of one site with its templates and per-language contexts."""

    env: jinja2.Environment
    contexts: dict[str, Context]
    languages: Sequence[str]

    def shared(self, page: Page, kind: PageKind) -> dict:
        """Return what every page's template reads: the site, its language, links and switcher."""
        context = self.contexts[page.lang]
        t: Catalogue = context.t
        site = context.site

        def link(target: str) -> str:
            return relative(page.path, target)

        # The root page's alternates are the home pages it leads to.
        alternate = REGISTRY["home"] if page.kind == "root" else kind
        alternates = [{"lang": lang, "name": self.contexts[lang].t.native_name,
                       "href": link(alternate.path(lang, *page.key)),
                       "current": lang == page.lang and page.kind != "root"}
                      for lang in self.languages]
        return {
            "page": page, "searched": kind.searched, "CSP": kind.policy, "lang": page.lang, "dir": t.direction,
            "t": t, "link": link,
            "site_title": context.loc(site.title), "site_description": context.loc(site.description),
            "alternates": alternates,
            "home": link(urls.home_path(page.lang)), "people_index": link(urls.people_path(page.lang)),
            "timeline_index": link(urls.timeline_path(page.lang)),
            "stylesheet": link(f"{STATIC_DIR}/style.css"),
            "languages": [{"lang": lang, "name": self.contexts[lang].t.native_name,
                           "href": link(urls.home_path(lang))} for lang in self.languages],
            "LText": LText, "refs": partial(refs, t),
            "reader": {"search": urls.search_path(page.lang), "data": urls.data_path(page.lang),
                       "figures": urls.figures_path(page.lang), "changes": urls.changes_path(page.lang),
                       "people_rows": urls.people_path(page.lang) + ROWS_SCRIPT,
                       "feed": urls.feed_path(page.lang), "letters": urls.letters_path(page.lang),
                       "releases": urls.releases_path(page.lang)},
            "footer": footer(context), "correction": correction(context, kind.path(page.lang, *page.key)),
        }

    def render(self, page: Page) -> tuple[bytes, dict[str, int]]:
        """Return the bytes of one page, and what it read (deps.py)."""
        kind = REGISTRY[page.kind]
        context = self.contexts[page.lang]
        with deps.recording() as recorder:
            template = self.env.get_template(kind.template)
            values = self.shared(page, kind)
            values.update(kind.view(context, *page.key))
            values["meta"] = page_meta(page, context, values)
            data = template.render(values).encode("utf-8")
        return data, recorder.reads


def template_location(exc: BaseException, templates_dir: Path) -> tuple[str, int]:
    """Return the template file and line an exception was raised in, for error messages."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return (exc.filename or exc.name or "?"), exc.lineno
    tb = exc.__traceback__
    found = ("", 0)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".html") or filename.startswith(str(templates_dir)):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
