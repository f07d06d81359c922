"""Find anyone fast: what the people index's filters read, computed once per language.

Each person's row carries its filter values as data attributes, so the list is complete and ordered
without JavaScript, and templates/static/finder.js filters it in place as the reader types. Names
are matched in every spelling: all languages' names and also_known_as, folded to one Latin skeleton
by `fold` here and by the same rules in finder.js (keep the two in step).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

from babel.numbers import get_group_symbol

from ..content import history
from ..content.model import STATUSES, Person
from ..content.translit import to_latin
from .collation import sort_key
from .i18n import PLURAL_CODES

if TYPE_CHECKING:
    from .context import Context

ROWS_SCRIPT = "rows.js"  # the finder's rows, beside the first page of the people index (outputs/finder.py)

# Belarusian, Russian and Ukrainian letters to Latin; both sides of a match go through it, so
# "Бяляцкі", "Bialiatski" and "Białiacki" meet at "bialiacki"-like skeletons.
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "io", "є": "ie", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u", "ф": "f", "х": "h", "ц": "c", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "", "’": "",
}
# Latin spellings of the same sounds, reduced the same way.
LATIN = (("kh", "h"), ("ts", "c"), ("tz", "c"), ("cz", "ch"), ("sz", "sh"), ("ł", "l"),
         ("w", "v"), ("y", "i"), ("j", "i"), ("g", "h"), ("x", "ks"), ("ie", "e"), ("ia", "a"), ("io", "o"),
         ("iu", "u"))


def fold(text: str) -> str:
    """Return the search skeleton of a name: lower case, no accents, Cyrillic as Latin, sounds merged."""
    lowered = text.lower()  # not casefold(): JavaScript's toLowerCase() must give the same
    latin = "".join(CYRILLIC.get(ch, ch) for ch in lowered)
    bare = "".join(ch for ch in unicodedata.normalize("NFD", latin) if not unicodedata.combining(ch))
    for spelling, sound in LATIN:
        bare = bare.replace(spelling, sound)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in bare).split())


def spellings(person: Person) -> str:
    """Return every spelling of a person's name as shown, folded, '|'-separated (labels when withheld)."""
    shown = person.label if person.identity_withheld else person.name
    texts = list(shown.values()) if shown else [person.slug]
    if not person.identity_withheld:
        texts += person.also_known_as
    return "|".join(dict.fromkeys(fold(t) for t in texts if t))


def search_spellings(person: Person) -> list[str]:
    """Return every spelling a profile's search record carries, so the full-text search of every
    language finds it by any of them: its names in every language, also_known_as, their Latin
    transliterations (the Belarusian and the Russian reading) and their folded skeletons (what
    the name finder matches). A withheld identity carries its labels only."""
    shown = person.label if person.identity_withheld else person.name
    texts = list(shown.values()) if shown else [person.slug]
    if not person.identity_withheld:
        texts += person.also_known_as
    found = dict.fromkeys(t for t in texts if t)
    for text in list(found):
        if not text.isascii():
            for hint in ("be", "ru"):
                found.setdefault(to_latin(text, hint))
        found.setdefault(fold(text))
    return list(found)


def row_values(person: Person, context: Context) -> dict[str, Any]:
    """Return the filter values of one person's row on the index."""
    occupation = context.loc(person.occupation) if person.occupation and not person.identity_withheld else None
    return {
        "names": spellings(person),
        "year": str(detained.year) if (detained := history.detained(person)) else "",
        "articles": " ".join(sorted(history.articles(person))),
        "occupation": str(occupation).casefold() if occupation else "",
    }


def _article_key(article: str) -> tuple[tuple[int, int, str], ...]:
    """Sort articles as numbers where they are: 130 before 342, 361-1 after 361."""
    # Each part is (0, number) or (1, text), so a number and a word never meet in a comparison.
    return tuple((0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p)
                 for p in article.replace(".", "-").split("-"))


def filters(people: list[Person], context: Context) -> dict[str, Any]:
    """Return the options of each filter with how many people each would show."""
    status = Counter(p.status for p in people)
    years = Counter(detained.year for p in people if (detained := history.detained(p)))
    articles = Counter(a for p in people for a in history.articles(p))
    occupations: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for person in people:
        if person.occupation and not person.identity_withheld:
            text = str(context.loc(person.occupation))
            occupations[text.casefold()] += 1
            shown.setdefault(text.casefold(), text)
    return {
        "status": [{"value": s, "label": context.t(f"status_group.{s}"), "count": status[s]}
                   for s in STATUSES if status[s]],
        "year": [{"value": str(y), "label": str(y), "count": n} for y, n in sorted(years.items(), reverse=True)],
        "article": [{"value": a, "label": context.t("charge_article", article=a), "count": articles[a]}
                    for a in sorted(articles, key=_article_key)],
        "occupation": [{"value": key, "label": shown[key], "count": occupations[key]}
                       for key in sorted(shown, key=lambda k: (sort_key(shown[k], context.t.lang), k))],
        "counting": counting(context),
    }


def counting(context: Context) -> dict[str, Any]:
    """Return what finder.js needs to say "12 people shown" in the page's language.

    Browsers lack plural rules for some languages (Chromium has none for Belarusian), so the
    CLDR plural form of 0-199 is sent as one letter each; beyond that the form repeats every
    hundred in every language the site is likely to have.
    """
    return {"plural": context.t.plural_codes(), "group": get_group_symbol(locale=context.t.locale),
            "shown": {PLURAL_CODES[k]: v for k, v in _forms(context, "filter.shown").items()},
            "all": {PLURAL_CODES[k]: v for k, v in _forms(context, "people.count").items()}}


def _forms(context: Context, key: str) -> dict[str, str]:
    return {k: v for k, v in context.t.forms(key).items() if k in PLURAL_CODES}
