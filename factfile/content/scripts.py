"""Which alphabet a text is written in, and which language its letters tell.

Import reads each cell's language from its letters, and `check` warns about text marked with a
language its letters contradict (Cyrillic under `en`, Russian under `be`). Belarusian and Russian
share most of their alphabet; only some letters tell them apart: і and ў are Belarusian, и, щ and ъ
Russian. A Cyrillic text with none of them (Анна, Олег) does not say which it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from babel.core import get_global

# The first word of a letter's Unicode name, and the ISO 15924 code CLDR gives languages' scripts.
_SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARMENIAN": "Armn", "GEORGIAN": "Geor",
            "ARABIC": "Arab", "HEBREW": "Hebr"}
SCRIPT_NAMES = {"Latn": "Latin", "Cyrl": "Cyrillic", "Grek": "Greek", "Armn": "Armenian", "Geor": "Georgian",
                "Arab": "Arabic", "Hebr": "Hebrew"}
ONLY_IN = {"be": "іў", "ru": "ищъ"}  # letters of one of the two and not the other (lowercase)
# Addresses, file paths and placeholders are Latin whatever the language of the text around them:
# words with these characters or beginnings are not counted. (Words, not a regular expression: a
# pattern such as \S*/\S* takes quadratic time on a long text without spaces.)
_NOT_WORDS = re.compile(r"[/<>_{}@]")  # one character class, searched once per word: linear
_ADDRESS_STARTS = ("http:", "https:", "www.", "mailto:")


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u0481\u048a-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def letters(text: str) -> Counter[str]:
    """Return how many letters of each script a text has, leaving out web and mail addresses."""
    kept = " ".join(word for word in text.split()
                    if not (_NOT_WORDS.search(word) or word.lower().startswith(_ADDRESS_STARTS)))
    counts: Counter[str] = Counter()
    latin, cyrillic = len(_ASCII_LETTER.findall(kept)), len(_CYRILLIC_LETTER.findall(kept))
    counts.update({"Latn": latin, "Cyrl": cyrillic})
    if len(_LETTER.findall(kept)) > latin + cyrillic:  # letters of other scripts, or Latin ones with marks
        for char in _LETTER.findall(_CYRILLIC_LETTER.sub("", _ASCII_LETTER.sub("", kept))):
            counts[_SCRIPTS.get(unicodedata.name(char, "").split(" ", 1)[0]) or "other"] += 1
    return +counts  # without the zero counts


@cache
def script_of(lang: str) -> str | None:
    """Return the script a language is usually written in (CLDR's likely subtags): en Latn, be Cyrl."""
    likely = get_global("likely_subtags").get(lang.replace("-", "_").split("_")[0])
    parts = likely.split("_") if likely else []
    return parts[1] if len(parts) > 2 and parts[1] in SCRIPT_NAMES else None


def main_script(text: str) -> str | None:
    """Return the script most letters of a text are in, None for a text without letters."""
    counts = letters(text)
    return counts.most_common(1)[0][0] if counts else None


def cyrillic_language(text: str) -> str | None:
    """Return 'be' or 'ru' when the letters tell, 'be+ru' when they tell both, None when neither."""
    lower = text.lower()
    found = [lang for lang, only in ONLY_IN.items() if any(c in lower for c in only)]
    return "+".join(found) if found else None


def mislabelled(text: str, lang: str) -> str | None:
    """Return why a text cannot be in the language it is marked with, or None when it may be."""
    if text.isascii() and script_of(lang) in ("Latn", None):  # most text of Latin-script languages
        return None
    counts = letters(text)
    if sum(counts.values()) < 2:
        return None
    expected = script_of(lang)
    script, count = counts.most_common(1)[0]
    if expected and script != expected and script in SCRIPT_NAMES and count > counts[expected]:
        return f"is written in {SCRIPT_NAMES[script]} letters, not as {lang} is written"
    if lang in ONLY_IN and script == "Cyrl" and cyrillic_language(text) in ONLY_IN.keys() - {lang}:
        other = next(iter(ONLY_IN.keys() - {lang}))
        shown = ", ".join(ONLY_IN[other])
        return f"has letters of {other} ({shown}) and none of {lang} ({', '.join(ONLY_IN[lang])}): it reads as {other}"
    return None


@dataclass(frozen=True, slots=True)
class Reading:
    """What a text's letters say about its language: the language, or why they do not tell."""

    lang: str | None
    why: str = ""
    ambiguous: bool = False  # Cyrillic that may be Belarusian or Russian


def read_language(text: str) -> Reading:
    """Return the language a text's letters tell: en for Latin letters, be or ru for Cyrillic with
    letters only one of them has. Numbers, names of other scripts and mixes tell nothing."""
    counts = letters(text)
    total = sum(counts.values())
    if not total:
        return Reading(None, "has no letters")
    script, count = counts.most_common(1)[0]
    if count * 3 < total * 2:  # a third or more in another script: two languages in one cell
        names = sorted(SCRIPT_NAMES.get(s, "other") for s, _ in counts.most_common(2))
        return Reading(None, f"mixes {names[0]} and {names[1]} letters")
    if script == "Latn":
        return Reading("en")
    if script != "Cyrl":
        return Reading(None, f"is in {SCRIPT_NAMES.get(script, 'neither Latin nor Cyrillic')} letters")
    found = cyrillic_language(text)
    if found in ONLY_IN:
        return Reading(found)
    if found:
        return Reading(None, "has both Belarusian (і, ў) and Russian (и, щ, ъ) letters")
    return Reading(None, "is Cyrillic without і, ў, и, щ or ъ, the letters that tell Belarusian from Russian",
                   ambiguous=True)
