"""Spreadsheet columns for `factfile import`: their names in English, Russian and Belarusian, and
how each cell becomes a value of the content model.

Viasna's public CSV export (id, url, name, status, birthday, gender, arrested, articles,
verdict_date, decision, penalty, judge, prison, declaration, release_date, died) is read as it is, and
so are the field names of its API, flattened with / (prison/title, prison/address, appeal_date,
penalty_start_date, articles/0, articles/1, ...).
"""

from __future__ import annotations

import re

from ..content.dates import DateError, parse_date, parse_term

# Column name (normalised: lowercase, spaces and hyphens as _) -> what it holds. `None` means the
# column is known and deliberately not imported (a spreadsheet's own row id).
PERSON_COLUMNS: dict[str, str | None] = {}
EVENT_COLUMNS: dict[str, str | None] = {}


def _names(table: dict[str, str | None], target: str | None, *names: str) -> None:
    for name in names:
        table[normalise(name)] = target


def normalise(header: str) -> str:
    """Return a column name in the form the tables use: 'Дата рождения' -> 'дата_рождения'."""
    text = header.strip().strip("\ufeff").casefold().replace("ё", "е")
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


_names(PERSON_COLUMNS, None, "id", "№", "no", "number", "номер", "нумар")
_names(PERSON_COLUMNS, "slug", "slug", "file")
_names(PERSON_COLUMNS, "name", "name", "full name", "фио", "ф.и.о.", "имя", "імя", "прозвішча імя",
       "імя прозвішча", "прозвішча, імя")
_names(PERSON_COLUMNS, "also_known_as", "also known as", "aka", "other names", "другие имена", "іншыя імёны")
_names(PERSON_COLUMNS, "status", "status", "статус")
_names(PERSON_COLUMNS, "gender", "gender", "sex", "пол", "гендар")
_names(PERSON_COLUMNS, "born", "born", "birthday", "birth date", "date of birth", "дата рождения",
       "дата нараджэння")
_names(PERSON_COLUMNS, "citizenship", "citizenship", "гражданство", "грамадзянства")
_names(PERSON_COLUMNS, "occupation", "occupation", "профессия", "род занятий", "прафесія", "занятак")
_names(PERSON_COLUMNS, "detained", "detained", "arrested", "arrest date", "дата задержания", "задержан",
       "дата затрымання", "затрыманы")
_names(PERSON_COLUMNS, "charges", "articles", "charges", "статьи", "статья", "обвинение", "артыкулы",
       "артыкул", "абвінавачванне")
_names(PERSON_COLUMNS, "court", "court", "суд")
_names(PERSON_COLUMNS, "judge", "judge", "судья", "суддзя")
_names(PERSON_COLUMNS, "sentence_date", "verdict date", "sentence date", "дата приговора", "дата прысуду")
_names(PERSON_COLUMNS, "regime", "regime", "режим", "рэжым")
# A verdict written out ("6 years in a strict-regime colony", "a fine") is not one field: it is kept as
# an `# import:` comment for a person to split into sentence.term and sentence.regime.
_names(PERSON_COLUMNS, "verdict", "decision", "verdict", "приговор", "прысуд", "решение", "рашэнне")
_names(PERSON_COLUMNS, "term", "penalty", "term", "sentence", "срок", "наказание", "тэрмін", "пакаранне")
_names(PERSON_COLUMNS, "prison", "prison", "prison/title", "place of detention", "место заключения",
       "место содержания", "месца зняволення", "месца ўтрымання")
_names(PERSON_COLUMNS, "address", "address", "prison/address", "адрес", "адрас")
_names(PERSON_COLUMNS, "appeal_date", "appeal date", "appeal_date", "дата апелляции", "дата апеляцыі")
_names(PERSON_COLUMNS, "sentence_start", "penalty start date", "penalty_start_date", "sentence start",
       "начало срока", "пачатак тэрміну")
_names(PERSON_COLUMNS, "recognized", "declaration", "recognized", "признан", "признание", "прызнаны",
       "прызнанне")
_names(PERSON_COLUMNS, "released", "released", "release date", "дата освобождения", "освобожден",
       "дата вызвалення", "вызвалены")
_names(PERSON_COLUMNS, "release_type", "release type")
_names(PERSON_COLUMNS, "died", "died", "death date", "date of death", "дата смерти", "дата смерці")
_names(PERSON_COLUMNS, "summary", "summary", "описание", "апісанне")
_names(PERSON_COLUMNS, "url", "url", "link", "source", "source url", "ссылка", "источник", "спасылка", "крыніца")

_names(EVENT_COLUMNS, None, "id", "№", "no", "number", "номер", "нумар")
_names(EVENT_COLUMNS, "slug", "slug", "file")
_names(EVENT_COLUMNS, "date", "date", "дата")
_names(EVENT_COLUMNS, "end", "end", "end date", "дата окончания", "дата заканчэння")
_names(EVENT_COLUMNS, "type", "type", "тип", "тып")
_names(EVENT_COLUMNS, "title", "title", "заголовок", "название", "назва", "загаловак")
_names(EVENT_COLUMNS, "people", "people", "persons", "люди", "людзі")
_names(EVENT_COLUMNS, "summary", "summary", "описание", "апісанне")
_names(EVENT_COLUMNS, "url", "url", "link", "source", "source url", "ссылка", "источник", "спасылка", "крыніца")

# Columns several of which may hold the values of one field: Viasna's API gives each article as
# articles/0, articles/1, ...; their cells are read as the lines of one cell, in column order.
REPEATED = {"charges": re.compile(r"articles_\d+")}


def column(table: dict[str, str | None], name: str) -> str | None:
    """Return what a normalised column name holds, reading repeated columns (articles_3) too."""
    if name in table:
        return table[name]
    return next((target for target, pattern in REPEATED.items() if pattern.fullmatch(name)), None)


def known(table: dict[str, str | None], name: str) -> bool:
    return name in table or any(pattern.fullmatch(name) for pattern in REPEATED.values())


_GENDERS = {
    "female": ("f", "female", "woman", "ж", "жен", "женский", "женщина", "жанчына", "жаночы"),
    "male": ("m", "male", "man", "м", "муж", "мужской", "мужчина", "мужчына", "мужчынскі"),
}
_STATUSES = {
    "detained": ("detained", "задержан", "задержана", "затрыманы", "затрыманая"),
    "imprisoned": ("imprisoned", "осужден", "осуждена", "асуджаны", "асуджаная"),
    "restricted": ("restricted",),
    "released": ("released", "освобожден", "освобождена", "вызвалены", "вызваленая"),
    "deceased": ("deceased", "died", "умер", "умерла", "памёр", "памерла"),
    "unknown": ("unknown", "неизвестно", "невядома"),
}
_YES = ("yes", "y", "true", "da", "да", "так", "1", "+")
# What columns hold that no field of the model holds: kept as `# import:` comments, with why.
NOT_A_FIELD = {"verdict": "no field holds a verdict's text: split it into sentence.term and sentence.regime"}


class CellError(ValueError):
    """A cell whose text cannot become a value; the message says why and how to fix it."""


def split_lines(cell: str) -> list[str]:
    """Return the non-empty lines of a cell; several values are written one per line or with ;."""
    return [part.strip() for part in re.split(r"[\n;]", cell) if part.strip()]


def date(cell: str) -> str:
    """Return a cell's date as ISO text (YYYY, YYYY-MM or YYYY-MM-DD), reading DD.MM.YYYY too."""
    text = cell.strip()
    dotted = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text) or re.fullmatch(r"()(\d{1,2})\.(\d{4})", text)
    if dotted:
        day, month, year = dotted.groups()
        text = f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    try:
        return str(parse_date(text))
    except DateError as exc:
        raise CellError(f"{cell!r} is not a date" + (f": {exc.message.split(': ', 1)[-1]}"
                                                       if "exist" in exc.message else "")
                        + " (write DD.MM.YYYY or YYYY-MM-DD)") from None


def gender(cell: str) -> str:
    """Return female, male or other from the usual words and letters in three languages."""
    word = cell.strip().casefold()
    for value, words in _GENDERS.items():
        if word in words:
            return value
    if word == "other":
        return "other"
    raise CellError(f"{cell!r} is not a gender (write female, male or other; ж or м)")


def status(cell: str, row: dict[str, str]) -> str:
    """Return a status; Viasna's active/former are read with the row's dates."""
    word = cell.strip().casefold()
    if word == "active":  # a political prisoner now: sentenced (a verdict's date or term) or awaiting trial
        sentenced = row.get("sentence_date") or (row.get("term") and term(row["term"]))
        return "imprisoned" if sentenced else "detained"
    if word == "former":
        return "deceased" if row.get("died") else "released" if row.get("released") else "unknown"
    for value, words in _STATUSES.items():
        if word in words:
            return value
    raise CellError(f"{cell!r} is not a status (write one of {', '.join(_STATUSES)}, or active/former)")


_TERM_PART = r"(\d+)\s*(years?|yrs?|y|лет|года?|г\.?|гадоў|гады?|months?|mo|месяц(?:а|ев|аў|ы)?|мес\.?)"
_TERM = re.compile(rf"\s*{_TERM_PART}(?:\s*(?:,|and|и|і)?\s*{_TERM_PART})?\s*\.?\s*", re.IGNORECASE)


def term(cell: str) -> str | None:
    """Return a cell as an ISO 8601 duration when all of it is a length of time ('6 лет',
    '2 years 6 months', 'P6Y'); None when it says anything else, which is then not imported as a term."""
    text = cell.strip()
    try:
        return str(parse_term(text))
    except DateError:
        pass
    match = _TERM.fullmatch(text)
    if not match:
        return None
    found = {"Y": 0, "M": 0}
    for number, unit in zip(match.groups()[::2], match.groups()[1::2]):
        if number:
            found["M" if unit.casefold().startswith(("m", "мес")) else "Y"] += int(number)
    return str(parse_term("P" + "".join(f"{n}{u}" for u, n in found.items() if n) or "P0D"))


def charge(line: str, localized) -> dict:
    """Return a charge from one line such as 'ч. 1 ст. 342 УК' or '342'."""
    found = re.search(r"(?:ст\.?|арт\.?|art\.?|article|статья|артыкул)\s*(\d+(?:[-.]\d+)?)", line, re.IGNORECASE)
    bare = re.fullmatch(r"(\d+(?:[-.]\d+)?)", line)
    article = found or bare
    number = article.group(1) if article else None
    result: dict = {}
    if number:
        result["article"] = number
    if not bare:
        result["text"] = localized(line)
    return result


def recognized(cell: str, by: str) -> dict:
    """Return a recognition as a political prisoner from a date, a link or a yes."""
    text = cell.strip()
    result: dict = {"by": by}  # the --recognized-by text, in the site's default language
    if re.match(r"https?://", text):
        result["url"] = text
    elif text.casefold() not in _YES:
        result["date"] = date(text)
    return result
