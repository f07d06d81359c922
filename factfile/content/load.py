"""Read content/ from disk into validated records: site, sources, articles, people, events, places."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..problems import Problem, Problems, did_you_mean, display_path
from . import rules
from .coverage import Fallback, check_record
from .kinds import RECORD_KINDS, RecordKind
from .model import Article, Content, Origin, Reference, Site, Source
from .summary import Summary, summarize
from .validate import ARTICLE_ID, INVALID, SLUG, Reader, article_slug
from .yamlload import Node, YamlError, parse

MAX_FILE_BYTES = 2_000_000
DEFAULT_LANGUAGES = ["en"]
# A file that says identity_withheld (and not plainly false) is private even when it is not valid
# YAML: its messages quote nothing from it.
_WITHHELD = re.compile(rb"identity_withheld[\"']?\s*:(?!\s*(?:false|no|off)\s*(?:#|$))", re.IGNORECASE | re.MULTILINE)
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass
class ContentFile:
    """One YAML file of content/, as bytes, with the name used in messages."""

    path: Path
    display: str

    def read(self) -> bytes:
        return self.path.read_bytes()


def is_private(node: Node | None) -> bool:
    """Return whether a parsed person file withholds the identity (so messages must not quote it)."""
    if node is None or node.kind != "mapping":
        return False
    assert isinstance(node.value, dict)
    flag = node.value.get("identity_withheld")
    return flag is not None and not (flag.tag == "bool" and not flag.quoted and str(flag.value).lower() in
                                     ("false", "no", "off", "n"))


def parse_file(file: ContentFile, problems: Problems) -> Node | None:
    """Parse a file, reporting unreadable YAML; None when it cannot be used."""
    data = b""
    try:
        if file.path.is_symlink() or not file.path.is_file():
            problems.add(file.display, (1, 1), "", "is a link or not a regular file",
                         "content files must be plain files inside content/")
            return None
        if file.path.stat().st_size > MAX_FILE_BYTES:
            problems.add(file.display, (1, 1), "", f"is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                         "a content file describes one person or event")
            return None
        data = file.read()
        return parse(data)
    except YamlError as exc:
        message, hint = exc.message, exc.hint
        if _WITHHELD.search(data):  # a withheld person's file: quote nothing it says
            message, hint = _QUOTED.sub("…", message), _QUOTED.sub("…", hint)
        problems.add(file.display, (exc.line, exc.column), "", message, hint)
    except OSError as exc:
        problems.add(file.display, (1, 1), "", f"cannot be read: {exc.strerror}")
    return None


def list_records(folder: Path, problems: Problems) -> list[tuple[str, ContentFile]]:
    """List the YAML files of a folder with their slugs, reporting bad file names."""
    if folder.is_symlink():  # it could lead anywhere on the machine that builds the site
        problems.add(display_path(folder), (1, 1), "", "is a link to another folder",
                     "content folders must be real folders inside content/")
        return []
    if not folder.is_dir():
        return []
    found = []
    prefix = display_path(folder)  # once per folder: relpath per file is a measurable cost at 40,000 files
    for path in sorted(folder.iterdir()):
        display = path.name if prefix == "." else os.path.join(prefix, path.name)
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yml":
            problems.add(display, (1, 1), "", "content files end in .yaml", f"rename it to {path.stem}.yaml")
            continue
        if path.suffix != ".yaml":
            problems.add(display, (1, 1), "", "is not a .yaml file and is ignored", warning=True)
            continue
        slug = path.stem
        if not SLUG.fullmatch(slug) or slug in _WINDOWS_RESERVED:
            hint = ("it is a reserved device name on Windows" if slug in _WINDOWS_RESERVED
                    else "use lowercase letters a-z, digits and hyphens, e.g. ales-bialiatski.yaml")
            problems.add(display, (1, 1), "", f"{slug!r} is not a valid file name (slug)", hint)
            continue
        found.append((slug, ContentFile(path, display)))
    return found


def load_site(content_dir: Path, problems: Problems) -> Site | None:
    """Read site.yaml; it must be valid before other files, since it sets the languages."""
    return read_site(content_dir, problems)[0]


def read_site(content_dir: Path, problems: Problems) -> tuple[Site | None, Origin]:
    """Read site.yaml, with the position of each of its fields."""
    file = ContentFile(content_dir / "site.yaml", display_path(content_dir / "site.yaml"))
    reader = Reader(file.display, DEFAULT_LANGUAGES, problems)
    return _site(file, reader, problems), reader.origin


def _site(file: ContentFile, reader: Reader, problems: Problems) -> Site | None:
    if not file.path.exists():
        problems.add(file.display, (1, 1), "", "is missing", "every site needs a site.yaml with title and languages")
        return None
    node = parse_file(file, problems)
    if node is None:
        if file.path.exists() and not problems.errors:
            problems.add(file.display, (1, 1), "", "is empty")
        return None
    # Localized fields in site.yaml may use the languages it declares.
    languages = node.value.get("languages") if isinstance(node.value, dict) else None
    if languages is not None and isinstance(languages.value, list):
        reader.languages = [n.value for n in languages.value if isinstance(n.value, str)] or DEFAULT_LANGUAGES
    site = reader.record(node, Site, "")
    if site is INVALID:
        return None
    if not site.languages:
        problems.add(file.display, languages.pos if languages else (1, 1), "languages", "needs at least one language")
        return None
    if len(set(site.languages)) != len(site.languages):
        problems.add(file.display, languages.pos if languages else (1, 1), "languages", "lists a language twice")
    for i, lang in enumerate(site.complete_languages):
        if lang not in site.languages:
            path = f"complete_languages[{i}]"
            problems.add(file.display, reader.origin.pos(path), path, f"{lang!r} is not one of the site's languages",
                         did_you_mean(lang, site.languages))
    return site


def load_sources(content_dir: Path, languages: Sequence[str],
                 problems: Problems) -> tuple[dict[str, Source | None], Origin | None]:
    """Read sources.yaml: a mapping of source id to source, None for an invalid one (reported)."""
    path = content_dir / "sources.yaml"
    if not path.exists():
        return {}, None
    file = ContentFile(path, display_path(path))
    node = parse_file(file, problems)
    reader = Reader(file.display, languages, problems)
    if node is None:
        return {}, reader.origin
    if not isinstance(node.value, dict):
        problems.add(file.display, node.pos, "", "expected a mapping of source ids to sources")
        return {}, reader.origin
    sources: dict[str, Source | None] = {}
    for source_id, child in node.value.items():
        if not SLUG.fullmatch(source_id):
            problems.add(file.display, child.key_pos or child.pos, source_id, "is not a valid source id",
                         "use lowercase letters a-z, digits and hyphens")
            continue
        reader.origin.positions[source_id] = child.key_pos or child.pos
        source = reader.record(child, Source, source_id)
        if source is not INVALID:
            rules.check_source(source, reader.origin, source_id, problems)
        # An invalid source is still declared: citing it is not a second mistake.
        sources[source_id] = None if source is INVALID else source
    return sources, reader.origin


def load_articles(content_dir: Path, languages: Sequence[str],
                  problems: Problems) -> tuple[dict[str, Article | None], Origin | None]:
    """Read articles.yaml: a mapping of article id (as charges write it) to its code and title; an
    invalid entry is reported and kept as None, so charging under it is not a second mistake."""
    path = content_dir / "articles.yaml"
    if not path.exists():
        return {}, None
    file = ContentFile(path, display_path(path))
    return read_articles(parse_file(file, problems), file.display, languages, problems)


def read_articles(node: Node | None, display: str, languages: Sequence[str],
                  problems: Problems) -> tuple[dict[str, Article | None], Origin]:
    """Read the parsed text of articles.yaml (see load_articles); `import` checks what it would
    write with it too."""
    reader = Reader(display, languages, problems)
    if node is None:
        return {}, reader.origin
    if not isinstance(node.value, dict):
        problems.add(display, node.pos, "", "expected a mapping of article ids to articles",
                     'e.g. "342": {code: criminal, title: ...}')
        return {}, reader.origin
    articles: dict[str, Article | None] = {}
    folders: dict[str, str] = {}
    for article_id, child in node.value.items():
        if not ARTICLE_ID.fullmatch(article_id):
            problems.add(display, child.key_pos or child.pos, article_id, "is not an article id",
                         "write the article as charges do: digits, with . or - between parts, e.g. 342 or 361-1")
            continue
        if (same := folders.setdefault(article_slug(article_id), article_id)) != article_id:
            problems.add(display, child.key_pos or child.pos, article_id,
                         f"differs from article {same!r} only in case", "write each article once, as charges do")
            continue
        reader.origin.positions[article_id] = child.key_pos or child.pos
        article = reader.record(child, Article, article_id)
        articles[article_id] = None if article is INVALID else article
    return articles, reader.origin


@dataclass(frozen=True, slots=True)
class Loaded:
    """One record file as read: its record (None when invalid), its summary, the problems reading it
    gave, the references it makes (kept for invalid files too, so their unknown ids are reported in
    the same run) and which of its texts each language shows in another (coverage.py)."""

    record: Any
    summary: Summary | None
    problems: tuple[Problem, ...]
    references: tuple[Reference, ...]
    has_text: bool = False
    fallbacks: tuple[Fallback, ...] = ()


def read_record(kind: RecordKind, slug: str, file: ContentFile, languages: Sequence[str],
                complete: frozenset[str] = frozenset()) -> Loaded:
    """Read, validate and summarise one record file; `complete` are the languages every text must
    be written in (site.yaml's complete_languages)."""
    problems = Problems()
    node = parse_file(file, problems)
    if node is None:
        if not problems.items:
            problems.add(file.display, (1, 1), "", "is empty")
        return Loaded(None, None, tuple(problems.items), ())
    reader = Reader(file.display, languages, problems, private=is_private(node))
    record = reader.record(node, kind.cls, "", slug=slug, origin=reader.origin)
    if record is INVALID:
        return Loaded(None, None, tuple(problems.items), tuple(reader.references))
    kind.check(record, problems, languages[0])
    has_text, fallbacks = check_record(record.origin.file, record.origin.file, record.origin, "", record, languages,
                                       complete, problems)
    return Loaded(record, summarize(record), tuple(problems.items), tuple(reader.references), has_text,
                  tuple(fallbacks))


def load_content(content_dir: Path, problems: Problems) -> Content | None:
    """Read and validate every file of content/ in this process; None when the site cannot be read.

    The build engine reads files its own way (in parallel, cached); this is for tools that need the
    whole content at once."""
    if not content_dir.is_dir():
        problems.add(display_path(content_dir), (0, 0), "", "is not a folder", "pass the content folder with --content")
        return None
    site, site_origin = read_site(content_dir, problems)
    languages = site.languages if site else DEFAULT_LANGUAGES
    sources, source_origin = load_sources(content_dir, languages, problems)
    references: list[Reference] = []
    records: dict[str, dict[str, Any]] = {}
    files: dict[str, set[str]] = {}
    for kind in RECORD_KINDS:
        listed = list_records(content_dir / kind.folder, problems)
        files[kind.folder] = {slug for slug, _ in listed}
        records[kind.folder] = {}
        for slug, file in listed:
            complete = frozenset(site.complete_languages) if site else frozenset()
            loaded = read_record(kind, slug, file, languages, complete)
            problems.extend(loaded.problems)
            references.extend(loaded.references)
            if loaded.record is not None:
                records[kind.folder][slug] = loaded.record
    if site is None:
        return None
    articles, _ = load_articles(content_dir, languages, problems)
    valid_sources = {key: source for key, source in sources.items() if source is not None}
    return Content(site, valid_sources, records["people"], records["events"], source_origin=source_origin,
                   site_origin=site_origin, references=references, person_files=files["people"],
                   source_ids=set(sources), pages=records["pages"], places=records["places"],
                   articles={key: article for key, article in articles.items() if article is not None})
