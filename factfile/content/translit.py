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
from functools import lru_cache

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


def _table(letters: dict[str, str]) -> dict[int, str]:
    """Return a str.translate table for lower- and uppercase letters and the extra Latin ones."""
    table = {}
    for char, latin in {**letters, **_LATIN_EXTRA, **{c: "y" + v for c, v in _IOTATED.items()}}.items():
        table[ord(char)] = latin
        if char.upper() != char and len(char.upper()) == 1:
            table[ord(char.upper())] = latin[:1].upper() + latin[1:]
    return table


_TABLES = {"be": _table(_BELARUSIAN), "ru": _table(_RUSSIAN)}
_CONSONANT_IOTATED = re.compile(r"(?<=[бвгджзйклмнпрстфхцчшщБВГДЖЗЙКЛМНПРСТФХЦЧШЩ])([яюёЯЮЁ])")
_FINAL_YJ = re.compile(r"[ыи]й\b", re.IGNORECASE)


def to_latin(text: str, hint: str | None = None) -> str:
    """Return a name in plain ASCII Latin letters, keeping spaces, digits and punctuation."""
    if text.isascii():
        return text
    language = language_of(text, hint)
    # -ый and -ий end many names; the press writes them with one y (Юрый → Yury, Дмитрий → Dmitry).
    text = _FINAL_YJ.sub(lambda m: "Y" if m.group().isupper() else "y", text)
    if language == "be":  # я, ю, ё after a consonant: ia, iu, io (Бяляцкі → Bialiatski)
        text = _CONSONANT_IOTATED.sub(lambda m: "i" + _IOTATED[m.group(1).lower()], text)
    text = text.translate(_TABLES[language])
    if text.isascii():
        return text
    stripped = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return stripped.encode("ascii", "ignore").decode()


def slugify(text: str, hint: str | None = None) -> str:
    """Return a file name (slug) for a name or title: lowercase ASCII words joined by hyphens."""
    latin = to_latin(text, hint).lower()
    return "-".join(re.findall(r"[a-z0-9]+", latin))


# Spellings that differ only by transliteration convention fold to one form: Kuznechyk, Kuznechik,
# Kuzniečyk and Кузнечык all become "kuznecik". One pass, longest groups first; ye/je/ie are listed
# so that y → i and ie → e need no second pass.
_FOLD_TO = {"shch": "sc", "kh": "h", "zh": "z", "sh": "s", "ch": "c", "ts": "c", "tz": "c", "ye": "e",
            "je": "e", "ie": "e", "x": "ks", "g": "h", "w": "v", "j": "i", "y": "i"}
_FOLD = re.compile("|".join(sorted(_FOLD_TO, key=len, reverse=True)))
_DOUBLE = re.compile(r"([a-z])\1+")  # Anastassia = Anastasia; digits stay as they are
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)  # the live preview rebuilds with mostly the same names
def name_key(name: str) -> str:
    """Return a key equal for spellings of the same name across alphabets and word order."""
    text = " ".join(_WORD.findall(to_latin(name).lower()))
    text = _DOUBLE.sub(r"\1", _FOLD.sub(lambda m: _FOLD_TO[m.group()], text))
    return " ".join(sorted(text.split()))
