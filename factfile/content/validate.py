"""Turn positioned YAML nodes into model records, reporting every mismatch with its position.

The conversion is driven by the type hints of `model`: adding a field there is all it takes for it
to be read, checked and documented.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal, NewType

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from ..problems import Problems, did_you_mean, quote
from . import model
from .dates import DateError, PartialDate, Term, parse_date, parse_term
from .model import PAGE_PLACEHOLDER, Localized, Origin, Reference
from .yamlload import Node

INVALID = object()
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# An article's id in content/articles.yaml, as charges write it: 342, 361-1, 24.23, 130-3.
ARTICLE_ID = re.compile(r"[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*")


def article_slug(article_id: str) -> str:
    """Return the folder name of an article's page (site/urls.py): its id in lowercase, each "." a
    "_" ("24.23" → "24_23", "361-1" stays), so letters, digits, "-" and "_" only, the same on every
    file system. read_articles refuses two ids that give the same folder ("130A" and "130a")."""
    return article_id.lower().replace(".", "_")

# What HTML does not allow in text (controls other than tab, line breaks and form feed; noncharacters)
# and lone surrogates, which cannot be written as UTF-8. YAML lets them in through escapes like "\a".
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                        + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                  for plane in range(17)) + "]")
# Characters a URL may not contain unescaped (RFC 3986), and a % that starts no %XX escape.
# Bidirectional controls are refused too: they make a link read as another (…/\u202egnp.exe).
INVALID_IN_URL = re.compile(r'[\x00-\x20\x7f<>"{}|\\^`\u200e\u200f\u202a-\u202e\u2066-\u2069]|%(?![0-9A-Fa-f]{2})')
_YAML_READS = {
    "bool": "YAML reads a bare {raw} as {typed}; put it in quotes: '{raw}'",
    "int": "YAML reads a bare {raw} as a number; put it in quotes: '{raw}'",
    "float": "YAML reads a bare {raw} as a number; put it in quotes: '{raw}'",
    "timestamp": "YAML reads a bare {raw} as a date; put it in quotes: '{raw}'",
    "null": "the value is empty; fill it in or remove the line",
}


@dataclasses.dataclass
class Reader:
    """Converts the nodes of one file, recording field positions and problems."""

    file: str
    languages: Sequence[str]
    problems: Problems
    # True for a person whose identity is withheld: messages then never quote what the file says
    # (not even a bad key or date), since CI logs and terminals are less private than the file.
    private: bool = False
    origin: Origin = dataclasses.field(init=False)
    references: list[Reference] = dataclasses.field(default_factory=list)

    def __post_init__(self) -> None:
        self.origin = Origin(self.file)

    def error(self, node: Node | tuple[int, int], path: str, message: str, hint: str = "") -> object:
        pos = node if isinstance(node, tuple) else node.pos
        self.problems.add(self.file, pos, path, message, hint)
        return INVALID

    def quote(self, value: object) -> str:
        """Return a value as this file's messages may quote it (see `private`)."""
        return quote(value, self.private)

    def child(self, path: str, key: str) -> str:
        """Return the field path of a key as messages show it; an unknown key of a private file is not shown."""
        shown = "(a field)" if self.private else key
        return f"{path}.{shown}" if path else shown

    def read(self, node: Node, hint: Any, path: str) -> Any:
        """Convert a node to the type `hint`, or return INVALID after recording why not."""
        self.origin.positions.setdefault(path, node.pos)
        reader = _SCALAR_READERS.get(hint)
        if reader is not None:
            return reader(self, node, path)
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            return self._union(node, typing.get_args(hint), path)
        if origin is list:
            return self._list(node, typing.get_args(hint)[0], path)
        if origin is Literal:
            return self._choice(node, typing.get_args(hint), path)
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            return self.record(node, hint, path)
        if isinstance(hint, type) and issubclass(hint, Localized):
            return self._localized(node, hint, path)
        raise TypeError(f"no reader for {hint!r}")

    def record(self, node: Node, cls: type, path: str, **given: Any) -> Any:
        """Convert a mapping into a dataclass, reporting unknown, missing and invalid fields."""
        if node.kind != "mapping":
            return self.error(node, path or "(file)", f"expected a mapping of fields, got {_describe(node)}")
        assert isinstance(node.value, dict)
        spec = _fields(cls)
        values: dict[str, Any] = dict(given)
        ok = True
        for key, child in node.value.items():
            child_path = f"{path}.{key}" if path else key
            if key not in spec or spec[key][1].metadata.get("from_file"):
                choices = [n for n, (_, f) in spec.items() if not f.metadata.get("from_file")]
                self.error(child.key_pos or child.pos, self.child(path, key), "unknown field",
                           did_you_mean(key, choices))
                ok = False
                continue
            value = self.read(child, spec[key][0], child_path)
            if value is INVALID:
                ok = False
            else:
                values[spec[key][1].name] = value
        for name, (_, f) in spec.items():
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if required and name not in node.value and f.name not in values and not f.metadata.get("from_file"):
                field_path = f"{path}.{name}" if path else name
                self.error(node, field_path, "is required but missing", f"add '{name}:'")
                ok = False
        if not ok:
            return INVALID
        return cls(**values)

    def _union(self, node: Node, options: tuple, path: str) -> Any:
        options = tuple(o for o in options if o is not type(None))
        if len(options) == 1:
            return self.read(node, options[0], path)
        # SourceRef: an id written as text, or a source written out as a mapping.
        wanted = next((o for o in options if dataclasses.is_dataclass(o) == (node.kind == "mapping")), options[0])
        return self.read(node, wanted, path)

    def _list(self, node: Node, item: Any, path: str) -> Any:
        if node.kind != "list":
            return self.error(node, path, f"expected a list, got {_describe(node)}",
                              "start each item on its own line with '- '")
        assert isinstance(node.value, list)
        items = [self.read(child, item, f"{path}[{i}]") for i, child in enumerate(node.value)]
        return INVALID if any(v is INVALID for v in items) else items

    def _choice(self, node: Node, choices: tuple[str, ...], path: str) -> Any:
        text = self.text(node, path, quiet_types=True)
        if text is INVALID or text not in choices:
            shown = node.value if isinstance(node.value, str) else _describe(node, self.private)
            hint = did_you_mean(str(shown), choices)
            if isinstance(node.value, str) and node.tag == "bool" and not node.quoted:
                hint = f"YAML reads a bare {node.value} as {_bool(node.value)}; " + hint
            return self.error(node, path, f"{self.quote(shown)} is not allowed here", hint)
        return text

    def _localized(self, node: Node, cls: type[Localized], path: str) -> Any:
        if node.kind == "mapping":
            assert isinstance(node.value, dict)
            result = cls()
            for lang, child in node.value.items():
                if lang not in self.languages:
                    self.error(child.key_pos or child.pos, self.child(path, lang),
                               f"{self.quote(lang)} is not a language of this site",
                               did_you_mean(lang, self.languages) + " (languages are set in site.yaml)")
                    continue
                self.origin.positions.setdefault(f"{path}.{lang}", child.key_pos or child.pos)
                text = self.text(child, f"{path}.{lang}")
                if text is not INVALID:
                    result[lang] = text
            return result if len(result) == len(node.value) and result else (
                INVALID if result or node.value else self.error(node, path, "is empty"))
        text = self.text(node, path)
        return INVALID if text is INVALID else cls({self.languages[0]: text})

    def text(self, node: Node, path: str, quiet_types: bool = False) -> Any:
        """Read a scalar as text, refusing values YAML would silently turn into something else."""
        if node.kind != "scalar":
            return self.error(node, path, f"expected text, got {_describe(node, self.private)}")
        raw = node.value
        assert isinstance(raw, str)
        if node.tag == "str" or node.quoted:
            if not raw.strip():
                return self.error(node, path, "is empty", "fill it in or remove the line")
            bad = _FORBIDDEN.search(raw)
            if bad:
                return self.error(node, path, f"contains the invisible character U+{ord(bad.group()):04X}",
                                  "delete it; such characters come with text copied from PDFs or word "
                                  "processors and cannot be shown")
            return raw
        # A plain number written canonically (article: 342) means what it says.
        if node.tag in ("int", "float") and re.fullmatch(r"[1-9]\d*(\.\d*[1-9])?|0", raw):
            return raw
        if quiet_types:
            return INVALID
        hint = _YAML_READS[node.tag].format(raw=raw, typed=_bool(raw))
        return self.error(node, path, f"expected text, got {_describe(node, self.private)}",
                          "put the value in quotes" if self.private and node.tag != "null" else hint)

    def date_error(self, node: Node, path: str, exc: DateError, private: str, hint: str) -> object:
        """Report a bad date or term; a private file gets the `private` message, naming no part of it."""
        if self.private:
            return self.error(node, path, private, hint)
        return self.error(node, path, exc.message, exc.hint)


def _describe(node: Node, private: bool = False) -> str:
    if node.kind != "scalar":
        return f"a {node.kind}"
    if private:
        return {"null": "an empty value", "bool": "true or false", "int": "a number", "float": "a number",
                "timestamp": "a date"}.get(node.tag, "text")
    if node.quoted or node.tag == "str":
        return f"the text {node.value!r}"
    return {"bool": f"{node.value} (read by YAML as {_bool(str(node.value))})",
            "null": "an empty value", "timestamp": f"the date {node.value}"}.get(
        node.tag, f"the number {node.value}")


def _bool(raw: str) -> str:
    return "true" if raw.lower() in ("yes", "true", "on", "y") else "false"


@cache
def _fields(cls: type) -> dict[str, tuple[Any, dataclasses.Field]]:
    """Return each field of a model class by its name in the files, with its type hint."""
    hints = typing.get_type_hints(cls)
    return {model.key_of(f): (hints[f.name], f) for f in dataclasses.fields(cls)}


def _read_str(reader: Reader, node: Node, path: str) -> Any:
    return reader.text(node, path)


def _read_bool(reader: Reader, node: Node, path: str) -> Any:
    if node.kind == "scalar" and node.tag == "bool" and not node.quoted:
        return _bool(str(node.value)) == "true"
    return reader.error(node, path, f"expected true or false, got {_describe(node, reader.private)}")


_DATE_HINT = "write YYYY, YYYY-MM or YYYY-MM-DD"


def _read_date(reader: Reader, node: Node, path: str) -> Any:
    if node.kind != "scalar" or node.tag == "null":
        return reader.error(node, path, f"expected a date, got {_describe(node, reader.private)}", _DATE_HINT)
    try:
        return parse_date(str(node.value))
    except DateError as exc:
        return reader.date_error(node, path, exc, "the value is not a valid date", _DATE_HINT)


def _read_term(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path, quiet_types=True)
    raw = str(node.value) if text is INVALID else text
    try:
        return parse_term(raw)
    except DateError as exc:
        return reader.date_error(node, path, exc, "the value is not an ISO 8601 duration",
                                 "for example P6Y for six years")


def url_problem(text: str, shown: str | None = None) -> tuple[str, str] | None:
    """Return what makes a text no valid http(s) URL, with a hint, or None when it is one; the
    message quotes the text as `shown` (a withheld person's file quotes nothing)."""
    shown = repr(text) if shown is None else shown
    if not re.fullmatch(r"https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", text, re.IGNORECASE):
        return f"{shown} is not an http(s) URL", "links must start with https:// or http://"
    bad = INVALID_IN_URL.search(text)
    if bad:
        char = bad.group()
        hint = ("write % as %25" if char == "%" else
                f"write it as %{ord(char):02X}" if ord(char) < 128 else "remove it")
        return f"{shown} is not a valid URL: it contains {char!r}", hint
    return None


def _read_url(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path)
    if text is INVALID:
        return INVALID
    problem = url_problem(text, reader.quote(text))
    return reader.error(node, path, *problem) if problem else text


def _read_url_template(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path)
    if text is INVALID:
        return INVALID
    example = "e.g. https://github.com/OWNER/REPOSITORY/issues/new?title=Correction&body={page}"
    if PAGE_PLACEHOLDER not in text:
        return reader.error(node, path, f"{text!r} has no {PAGE_PLACEHOLDER}",
                            f"put {PAGE_PLACEHOLDER} where the address of the page goes, {example}")
    filled = text.replace(PAGE_PLACEHOLDER, "page")
    if "{" in filled or "}" in filled:
        return reader.error(node, path, f"{text!r} has braces other than {PAGE_PLACEHOLDER}",
                            f"only {PAGE_PLACEHOLDER} is filled in; write other braces as %7B and %7D")
    problem = url_problem(filled)
    return reader.error(node, path, problem[0].replace(repr(filled), repr(text)), problem[1]) if problem else text


_EMAIL = re.compile(r"[^@\s<>\"(),:;\[\]\\]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}")


def _read_email(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path)
    if text is not INVALID and not _EMAIL.fullmatch(text):
        hint = "write only the address, without mailto:" if text.lower().startswith("mailto:") else \
            "write it as name@example.org"
        return reader.error(node, path, f"{text!r} is not an e-mail address", hint)
    return text


def _read_spdx(reader: Reader, node: Node, path: str) -> Any:
    from .licences import known_ids, spdx_id

    text = reader.text(node, path, quiet_types=True)
    found = spdx_id(text) if text is not INVALID else None
    if found is None or found != text:
        hint = f"did you mean {found!r}?" if found else (
            did_you_mean(str(node.value), known_ids()) or "use an id from https://spdx.org/licenses/")
        return reader.error(node, path, f"{node.value!r} is not an SPDX licence id",
                            hint + (" (e.g. CC-BY-4.0 or CC0-1.0)" if not found else ""))
    return text


def _read_slug(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path)
    if text is not INVALID and not SLUG.fullmatch(text):
        return reader.error(node, path, f"{reader.quote(text)} is not a slug", "use lowercase a-z, 0-9 and hyphens")
    return text


def _reference(kind: str):
    def read(reader: Reader, node: Node, path: str) -> Any:
        slug = _read_slug(reader, node, path)
        if slug is not INVALID:
            reader.references.append(Reference(kind, slug, reader.file, path, node.pos, reader.private))
        return slug
    return read


def _read_article(reader: Reader, node: Node, path: str) -> Any:
    """Read an article as written in charges (342, 361-1): any text, noted as a reference so an
    article content/articles.yaml does not list is reported."""
    text = reader.text(node, path)
    if text is not INVALID:
        reader.references.append(Reference("article", text, reader.file, path, node.pos, reader.private))
    return text


def _read_country(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path, quiet_types=True)
    if text is INVALID or text not in _territories():
        hint = "an ISO 3166-1 alpha-2 code such as BY, UA or US"
        if node.tag == "bool" and not node.quoted:  # Norway: the classic YAML trap
            hint = f"YAML reads a bare {node.value} as {_bool(str(node.value))}; write '{node.value}' in quotes"
        return reader.error(node, path, f"{reader.quote(node.value)} is not a country code", hint)
    return text


def _read_language(reader: Reader, node: Node, path: str) -> Any:
    text = reader.text(node, path, quiet_types=True)
    try:
        Locale.parse(str(text).replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return reader.error(node, path, f"{reader.quote(node.value)} is not a known language code",
                            "use a code such as en, be, ru or uk")
    return text


@cache
def _territories() -> frozenset[str]:
    return frozenset(code for code in get_global("territory_aliases").keys() | Locale("en").territories.keys()
                     if len(code) == 2 and code.isalpha() and code.isupper())


_SCALAR_READERS: dict[Any, Any] = {
    str: _read_str,
    bool: _read_bool,
    PartialDate: _read_date,
    Term: _read_term,
    model.Url: _read_url,
    model.UrlTemplate: _read_url_template,
    model.Email: _read_email,
    model.SpdxId: _read_spdx,
    model.Slug: _read_slug,
    model.SourceId: _reference("source"),
    model.PersonRef: _reference("person"),
    model.PlaceRef: _reference("place"),
    model.ArticleRef: _read_article,
    model.CountryCode: _read_country,
    model.LanguageCode: _read_language,
}
assert all(isinstance(k, (type, NewType)) for k in _SCALAR_READERS)
