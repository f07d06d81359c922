"""Resolve references between files (source ids, people named by events) and index them once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container
from dataclasses import dataclass, field

from .model import Content, Event, Origin, Person, Source
from ..problems import Problems, did_you_mean


@dataclass
class Linked:
    """Valid content with every reference resolved, and the indexes pages need."""

    content: Content
    events_by_person: dict[str, list[Event]] = field(default_factory=dict)


def _source_refs(record: object, prefix: str = "") -> list[tuple[str, object]]:
    """Return (field path, reference) for every source reference in a record, nested ones too."""
    found = []
    for name, value in vars(record).items():
        path = f"{prefix}{name}"
        if name == "sources":
            found += [(f"{path}[{i}]", ref) for i, ref in enumerate(value)]
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if hasattr(item, "sources"):
                    found += _source_refs(item, f"{path}[{i}].")
        elif hasattr(value, "sources"):
            found += _source_refs(value, f"{path}.")
    return found


def resolve_source(ref: str | Source, sources: dict[str, Source]) -> Source:
    """Return the source a reference means (the caller has checked that it exists)."""
    return ref if isinstance(ref, Source) else sources[ref]


def check_references(content: Content, problems: Problems) -> None:
    """Report every source id and person slug that names nothing, in valid and invalid files alike."""
    for ref in content.references:
        if ref.kind == "source" and ref.target not in content.source_ids:
            hint = did_you_mean(ref.target, content.source_ids) if content.source_ids else "there is no content/sources.yaml"
            problems.add(ref.file, ref.pos, ref.path, f"unknown source {ref.target!r}",
                         hint or "add it to content/sources.yaml")
        elif ref.kind == "person" and ref.target not in content.person_files:
            problems.add(ref.file, ref.pos, ref.path, f"unknown person {ref.target!r}",
                         did_you_mean(ref.target, content.person_files)
                         or f"add content/people/{ref.target}.yaml")


def check_sources(record: Person | Event, sources: dict[str, Source], problems: Problems) -> bool:
    ok = True
    for path, ref in _source_refs(record):
        if isinstance(ref, str) and ref not in sources:
            hint = did_you_mean(ref, sources) if sources else "there is no content/sources.yaml"
            problems.add(record.origin.file, record.origin.pos(path), path,
                         f"unknown source {ref!r}", hint or "add it to content/sources.yaml")
            ok = False
    return ok


def check_people(event: Event, people: dict[str, Person], problems: Problems) -> list[str]:
    """Report the people an event names who have no file; return the others, each once."""
    found = []
    for slug in dict.fromkeys(event.people):
        if slug in people:
            found.append(slug)
        else:
            path = f"people[{event.people.index(slug)}]"
            problems.add(event.origin.file, event.origin.pos(path), path, f"unknown person {slug!r}",
                         did_you_mean(slug, people) or "add content/people/" + slug + ".yaml")
    return found


def link(content: Content, problems: Problems) -> Linked:
    """Check that every reference resolves and build the person → events index.

    The one-shot build checks the references collected while reading, so a file with other
    errors still has its references checked; the incremental builder (linkindex) checks valid
    records with check_sources and check_people as they change.
    """
    check_references(content, problems)
    events_by_person: dict[str, list[Event]] = defaultdict(list)
    for event in content.events.values():
        for slug in dict.fromkeys(event.people):
            if slug in content.people:
                events_by_person[slug].append(event)
    for events in events_by_person.values():
        events.sort(key=lambda e: (e.date.sort_key, e.slug))
    used = {ref.target for ref in content.references if ref.kind == "source"}
    warn_unused_sources(content, used, problems)
    return Linked(content, dict(events_by_person))


def cited_sources(record: object) -> set[str]:
    """Return the ids of the sources a record cites."""
    return {ref for _, ref in _source_refs(record) if isinstance(ref, str)}


def warn_unused_sources(content: Content, used: Container[str], problems: Problems) -> None:
    """Warn about each source in sources.yaml that no record cites."""
    origin = content.source_origin or Origin("content/sources.yaml")
    for source_id in content.sources:
        if source_id not in used:
            problems.add(origin.file, origin.pos(source_id), source_id, "is not cited by any person or event",
                         "remove it or cite it", warning=True)
