"""Latin spellings of names: slugs for new files and spelling-blind keys for finding duplicates.

Belarusian and Russian Cyrillic is transliterated with a small table rather than a library: the
general-purpose ones (anyascii, Unidecode) give Russian readings to Belarusian names (Ігар → Igar,
Бяляцкі → Byalyatski), while people in the news are spelt the Belarusian way (Ihar, Bialiatski).
The table follows the Belarusian national system in ASCII (Instruction on transliteration, 2007;
ў → u, г → h, я/ю/ё after a consonant → ia/iu/io) and, for Russian, BGN/PCGN without diacritics
(г → g, я → ya). Other alphabets lose their diacritics (Łukašenka → lukasenka) and anything else
is dropped.
"""

from __future__ import annotations

import re
import unicodedata

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ж": "zh", "з": "z", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "ы": "y", "ь": "", "э": "e",
    "ґ": "g", "є": "ye", "ї": "yi",  # Ukrainian letters, so a Ukrainian name still gets a slug
}
_BELARUSIAN = {**_COMMON, "г": "h", "і": "i", "ў": "u", "'": "", "’": "", "ʼ": ""}
_RUSSIAN = {**_COMMON, "г": "g", "и": "i", "щ": "shch", "ъ": ""}
# Iotated vowels: "ya" at the start of a word or after a vowel, "ia" after a consonant (Belarusian).
_IOTATED = {"я": "a", "ю": "u", "ё": "o"}
_VOWELS = set("аеёіиоуўыэюяaeiouy")
_LATIN_EXTRA = {"ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i"}


def language_of(text: str, hint: str | None = None) -> str:
    """Return 'be' or 'ru': which Cyrillic table fits a name.

    Letters only one alphabet has decide (і, ў, ' are Belarusian; и, щ, ъ Russian); otherwise the
    hint (the language a spreadsheet is in), otherwise э suggests Belarusian.
    """
    lower = text.lower()
    if any(c in lower for c in "іўʼ’'"):
        return "be"
    if any(c in lower for c in "ищъ"):
        return "ru"
    if hint in ("be", "ru"):
        return hint
    return "be" if "э" in lower else "ru"


def to_latin(text: str, hint: str | None = None) -> str:
    """Return a name in plain ASCII Latin letters, keeping spaces, digits and punctuation."""
    language = language_of(text, hint)
    # -ый and -ий end many names; the press writes them with one y (Юрый → Yury, Дмитрий → Dmitry).
    text = re.sub(r"[ыи]й\b", lambda m: "Y" if m.group().isupper() else "y", text, flags=re.IGNORECASE)
    table = _BELARUSIAN if language == "be" else _RUSSIAN
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in _IOTATED:
            after_consonant = previous.isalpha() and previous.lower() not in _VOWELS | {"ь", "ъ"}
            latin = ("i" if after_consonant and language == "be" else "y") + _IOTATED[lower]
        elif lower in table:
            latin = table[lower]
        elif lower in _LATIN_EXTRA:
            latin = _LATIN_EXTRA[lower]
        else:
            latin = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            latin = latin if latin.isascii() else ""
        if char.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = char
    return "".join(out)


def slugify(text: str, hint: str | None = None) -> str:
    """Return a file name (slug) for a name or title: lowercase ASCII words joined by hyphens."""
    latin = to_latin(text, hint).lower()
    return "-".join(re.findall(r"[a-z0-9]+", latin))


# Spellings that differ only by transliteration convention fold to one form: Kuznechyk, Kuznechik,
# Kuzniečyk and Кузнечык all become "kuznecik". Order matters: longer groups first.
_FOLDS = [("shch", "sc"), ("kh", "h"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("ts", "c"),
          ("tz", "c"), ("x", "ks"), ("g", "h"), ("w", "v"), ("j", "i"), ("y", "i"), ("ie", "e")]


def name_key(name: str) -> str:
    """Return a key equal for spellings of the same name across alphabets and word order."""
    words = []
    for word in re.findall(r"[a-z0-9]+", to_latin(name).lower()):
        for old, new in _FOLDS:
            word = word.replace(old, new)
        words.append(re.sub(r"(.)\1+", r"\1", word))  # Anastassia = Anastasia
    return " ".join(sorted(words))
