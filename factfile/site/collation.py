"""Sort names as readers of each language expect: by their alphabet, not by code point.

The order is the Unicode Collation Algorithm's (pyuca, with the Default Unicode Collation Element
Table) tailored as CLDR tailors it for the site's languages
(https://github.com/unicode-org/cldr/tree/main/common/collation): Russian and Belarusian put
Cyrillic before Latin (`[reorder Cyrl]`), and Belarusian sorts ё after е and ў after у as letters
of their own (`&е<ё<<<Ё &у<ў<<<Ў`). ICU would give the same order, but PyICU has no wheels to
install. The order is computed here once and shipped to the browser as the order of the finder's
rows (outputs/finder.py), so the filter script never sorts on its own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TypeVar

from pyuca import Collator

T = TypeVar("T")


@dataclass(frozen=True)
class Tailoring:
    """What CLDR changes in the root order for a language."""

    cyrillic_first: bool = False  # [reorder Cyrl]
    letters: tuple[tuple[str, str], ...] = ()  # (letter, the letter it follows as a letter of its own)


CYRILLIC_FIRST = Tailoring(cyrillic_first=True)
# CLDR common/collation/<lang>.xml, as of CLDR 47.
TAILORINGS: dict[str, Tailoring] = {
    "be": Tailoring(cyrillic_first=True, letters=(("ё", "е"), ("ў", "у"))),
    "ru": CYRILLIC_FIRST, "bg": CYRILLIC_FIRST, "mk": CYRILLIC_FIRST, "sr": CYRILLIC_FIRST,
    "kk": CYRILLIC_FIRST, "ky": CYRILLIC_FIRST, "mn": CYRILLIC_FIRST,
    "uk": Tailoring(cyrillic_first=True, letters=(("ґ", "г"),)),
}
Element = list[int]


@cache
def _collator() -> Collator:
    return Collator()


@cache
def _cyrillic_range() -> tuple[int, int, int]:
    """Return the first Latin letter's primary weight and the Cyrillic letters' lowest and highest."""
    collator = _collator()
    primaries = [collator.sort_key(chr(cp))[0] for cp in range(0x0400, 0x0530)
                 if unicodedata.category(chr(cp)).startswith("L")]
    return collator.sort_key("a")[0], min(primaries), max(primaries)


@dataclass(frozen=True)
class _Letter:
    base: int  # the primary weight of the letter it follows
    marks: tuple[int, ...]  # the secondary weights of its diacritics in the root order


@cache
def _letters(lang: str) -> tuple[_Letter, ...]:
    collator = _collator()
    found = []
    for letter, after in _tailoring(lang).letters:
        elements = collator.collation_elements(unicodedata.normalize("NFD", letter))
        base = collator.collation_elements(after)
        found.append(_Letter(base[0][0], tuple(e[1] for e in elements[len(base):])))
    return tuple(found)


def _tailoring(lang: str) -> Tailoring:
    return TAILORINGS.get(lang.split("-")[0].split("_")[0], Tailoring())


def _primary(weight: int, cyrillic_first: bool) -> int:
    """Return a primary weight on a scale with room for tailored letters between two weights."""
    if cyrillic_first and weight:
        latin, first, last = _cyrillic_range()
        if first <= weight <= last:
            weight = latin + weight - first
        elif latin <= weight < first:
            weight += last - first + 1
    return weight * 2


# Only a name's first characters are collated: the collator's lookup takes time in the square of a text's
# length, and no two real names differ only after this many letters (callers break ties by the whole text).
KEY_CHARS = 200


@lru_cache(maxsize=1 << 17)
def sort_key(text: str, lang: str) -> tuple[int, ...]:
    """Return the key that sorts a text in a language's alphabetical order (by its first KEY_CHARS letters)."""
    tailoring = _tailoring(lang)
    letters = _letters(lang)
    elements = _collator().collation_elements(unicodedata.normalize("NFD", text[:KEY_CHARS]))
    tailored: list[Element] = []
    i = 0
    while i < len(elements):
        primary, secondary, tertiary = (elements[i] + [0, 0, 0])[:3]
        weight = _primary(primary, tailoring.cyrillic_first)
        for letter in letters:
            marks = tuple(e[1] for e in elements[i + 1:i + 1 + len(letter.marks)] if e[0] == 0)
            if primary == letter.base and marks == letter.marks:
                weight += 1  # a letter of its own, right after the one it is written like
                i += len(letter.marks)
                break
        tailored.append([weight, secondary, tertiary])
        i += 1
    key: list[int] = []
    for level in range(3):
        if level:
            key.append(0)
        key += [e[level] for e in tailored if e[level]]
    return tuple(key)


def sorted_by_name(items: list[T], name: Callable[[T], object], lang: str) -> list[T]:
    """Return items sorted by the text `name(item)` in a language's order (the text breaks ties)."""
    return sorted(items, key=lambda item: (sort_key(str(name(item)), lang), str(name(item))))
