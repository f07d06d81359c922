"""The site's URL scheme: where each page and file lives, relative to the output folder.

URLs are a promise to everyone who shares a link; they are defined here and nowhere else.
"""

from __future__ import annotations

from ..content.validate import article_slug


def home_path(lang: str) -> str:
    return f"{lang}/"


def people_path(lang: str, page: int = 1) -> str:
    """Return a page of the people index: the first at people/, the next at people/page/2/ and on
    (a person's slug may be "page": their profile is people/page/, and no file is shared)."""
    return f"{lang}/people/" if page == 1 else f"{lang}/people/page/{page}/"


def person_path(lang: str, slug: str) -> str:
    return f"{lang}/people/{slug}/"


def event_path(lang: str, slug: str) -> str:
    return f"{lang}/events/{slug}/"


def timeline_path(lang: str, year: int | None = None, chunk: int = 1) -> str:
    if year is None:
        return f"{lang}/timeline/"
    return f"{lang}/timeline/{year}/" + (f"{chunk}/" if chunk > 1 else "")


def data_path(lang: str) -> str:
    return f"{lang}/data/"


def figures_path(lang: str) -> str:
    """Return the page of how many people were held on each day."""
    return f"{lang}/figures/"


def changes_path(lang: str) -> str:
    """Return the page of recent changes: new people, releases, transfers and corrections."""
    return f"{lang}/changes/"


def changes_feed_path(lang: str) -> str:
    """Return the path of a language's Atom feed of recent changes."""
    return f"{lang}/changes.xml"


def search_path(lang: str) -> str:
    return f"{lang}/search/"


def root_path(lang: str) -> str:
    return ""


def content_page_path(lang: str, slug: str) -> str:
    """Return the folder of a plain content page (content/pages/<slug>.yaml), such as about."""
    return f"{lang}/{slug}/"


def place_path(lang: str, slug: str) -> str:
    """Return the page of a place of detention (content/places/<slug>.yaml)."""
    return f"{lang}/places/{slug}/"


def article_path(lang: str, article_id: str) -> str:
    """Return the page of an article of content/articles.yaml."""
    return f"{lang}/articles/{article_slug(article_id)}/"


def letters_path(lang: str) -> str:
    """Return the page of everyone held with a known postal address (its how-to is the content
    page "letters", when there is one)."""
    return f"{lang}/letters/"


def releases_path(lang: str) -> str:
    return f"{lang}/releases/"


# A content page lives beside the built-in pages of a language, so it may not take their names.
RESERVED_SLUGS = {path.split("/")[1]: what for path, what in (
    (people_path("-"), "the people index and profiles"), (event_path("-", "-"), "the event pages"),
    (timeline_path("-"), "the timeline"), (search_path("-"), "the search page"),
    (data_path("-"), "the open data page"), (place_path("-", "-"), "the pages of places"),
    (article_path("-", "-"), "the pages of articles"), (releases_path("-"), "the releases page"),
    (figures_path("-"), "the page of figures over time"), (changes_path("-"), "the page of recent changes"))}
# The content page "letters" is not a page of its own: it is the how-to the letters page shows.
LETTERS_PAGE = "letters"


def feed_path(lang: str) -> str:
    """Return the path of a language's Atom feed of events."""
    return f"{lang}/feed.xml"


OFFLINE_ZIP = "offline/site.zip"
DATA_DIR = "data"
DATA_README = f"{DATA_DIR}/README.txt"


def absolute(base_url: str | None, path: str) -> str | None:
    """Return the public address of a site path (folders without index.html), None without base_url."""
    if not base_url:
        return None
    return public_url(base_url, path)


def public_url(base_url: str, path: str) -> str:
    """Return the public address of a site path under a base_url (folders without index.html)."""
    return base_url.rstrip("/") + "/" + path.removesuffix("index.html")
