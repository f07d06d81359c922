"""Read content/ from disk into validated records: site, sources, people and events."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from pathlib import Path

from . import rules
from .model import Content, Event, Origin, Person, Reference, Site, Source
from ..problems import Problems, display_path
from .validate import INVALID, SLUG, Reader
from .yamlload import Node, YamlError, parse

MAX_FILE_BYTES = 2_000_000
DEFAULT_LANGUAGES = ["en"]
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass
class ContentFile:
    """One YAML file of content/, as bytes, with the name used in messages."""

    path: Path
    display: str

    def read(self) -> bytes:
        return self.path.read_bytes()


def parse_file(file: ContentFile, problems: Problems) -> Node | None:
    """Parse a file, reporting unreadable YAML; None when it cannot be used."""
    try:
        if file.path.is_symlink() or not file.path.is_file():
            problems.add(file.display, (1, 1), "", "is a link or not a regular file",
                         "content files must be plain files inside content/")
            return None
        if file.path.stat().st_size > MAX_FILE_BYTES:
            problems.add(file.display, (1, 1), "", f"is larger than {MAX_FILE_BYTES // 1_000_000} MB",
                         "a content file describes one person or event")
            return None
        return parse(file.read())
    except YamlError as exc:
        problems.add(file.display, (exc.line, exc.column), "", exc.message, exc.hint)
    except OSError as exc:
        problems.add(file.display, (1, 1), "", f"cannot be read: {exc.strerror}")
    return None


def _records(folder: Path, problems: Problems) -> list[tuple[str, ContentFile]]:
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
    file = ContentFile(content_dir / "site.yaml", display_path(content_dir / "site.yaml"))
    if not file.path.exists():
        problems.add(file.display, (1, 1), "", "is missing", "every site needs a site.yaml with title and languages")
        return None
    node = parse_file(file, problems)
    if node is None:
        if file.path.exists() and not problems.errors:
            problems.add(file.display, (1, 1), "", "is empty")
        return None
    reader = Reader(file.display, DEFAULT_LANGUAGES, problems)
    # Localized fields in site.yaml may use the languages it declares.
    languages = node.value.get("languages") if isinstance(node.value, dict) else None
    if languages is not None and languages.kind == "list":
        reader.languages = [str(n.value) for n in languages.value if n.kind == "scalar"] or DEFAULT_LANGUAGES
    site = reader.record(node, Site, "")
    if site is INVALID:
        return None
    if not site.languages:
        problems.add(file.display, languages.pos if languages else (1, 1), "languages", "needs at least one language")
        return None
    if len(set(site.languages)) != len(site.languages):
        problems.add(file.display, languages.pos, "languages", "lists a language twice")
    return site


def load_sources(content_dir: Path, languages: list[str], problems: Problems) -> tuple[dict[str, Source], Origin | None]:
    """Read sources.yaml: a mapping of source id to source (the invalid ones are reported)."""
    path = content_dir / "sources.yaml"
    if not path.exists():
        return {}, None
    file = ContentFile(path, display_path(path))
    node = parse_file(file, problems)
    reader = Reader(file.display, languages, problems)
    if node is None:
        return {}, reader.origin
    if node.kind != "mapping":
        problems.add(file.display, node.pos, "", "expected a mapping of source ids to sources")
        return {}, reader.origin
    sources = {}
    for source_id, child in node.value.items():
        if not SLUG.fullmatch(source_id):
            problems.add(file.display, child.key_pos or child.pos, source_id, "is not a valid source id",
                         "use lowercase letters a-z, digits and hyphens")
            continue
        reader.origin.positions[source_id] = child.key_pos or child.pos
        source = reader.record(child, Source, source_id)
        # An invalid source is still declared: citing it is not a second mistake.
        sources[source_id] = None if source is INVALID else source
    return sources, reader.origin


def load_record(slug: str, file: ContentFile, cls: type, languages: list[str], problems: Problems,
                references: list[Reference]):
    """Read one person or event file into its record, or None; its references are kept either way."""
    node = parse_file(file, problems)
    if node is None:
        if not any(p.file == file.display for p in problems.items):
            problems.add(file.display, (1, 1), "", "is empty")
        return None
    reader = Reader(file.display, languages, problems)
    record = reader.record(node, cls, "", slug=slug, origin=reader.origin)
    references.extend(reader.references)
    if record is INVALID:
        return None
    (rules.check_person if cls is Person else rules.check_event)(record, problems)
    return record


RecordReader = Callable[[list[tuple[str, ContentFile]], type, list[str], Problems, list[Reference]],
                        dict[str, Any]]


def load_records(files: list[tuple[str, ContentFile]], cls: type, languages: list[str],
                 problems: Problems, references: list[Reference]) -> dict[str, Any]:
    """Read the person or event files of a folder, in order, keeping the valid records by slug."""
    records = {}
    for slug, file in files:
        record = load_record(slug, file, cls, languages, problems, references)
        if record is not None:
            records[slug] = record
    return records


def load_content(content_dir: Path, problems: Problems, read_records: RecordReader = load_records) -> Content | None:
    """Read and validate every file of content/; None when the site itself cannot be read.

    `read_records` may be replaced by one that caches or parallelises (see `incremental`).
    """
    if not content_dir.is_dir():
        problems.add(display_path(content_dir), (0, 0), "", "is not a folder", "pass the content folder with --content")
        return None
    site = load_site(content_dir, problems)
    languages = site.languages if site else DEFAULT_LANGUAGES
    sources, source_origin = load_sources(content_dir, languages, problems)
    references: list[Reference] = []
    person_files = _records(content_dir / "people", problems)
    people = read_records(person_files, Person, languages, problems, references)
    events = read_records(_records(content_dir / "events", problems), Event, languages, problems, references)
    if site is None:
        return None
    valid_sources = {key: source for key, source in sources.items() if source is not None}
    return Content(site, valid_sources, people, events, source_origin, references,
                   {slug for slug, _ in person_files}, set(sources))
