"""Resolve references between files (source ids, people named by events) and index them once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Content, Event, Origin, Source
from .problems import Problems, did_you_mean


@dataclass
class Linked:
    """Valid content with every reference resolved, and the indexes pages need."""

    content: Content
    events_by_person: dict[str, list[Event]] = field(default_factory=dict)


def resolve_source(ref: str | Source, sources: dict[str, Source]) -> Source:
    """Return the source a reference means (linking has checked that it exists)."""
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


def link(content: Content, problems: Problems) -> Linked:
    """Check that every reference resolves and build the person → events index."""
    check_references(content, problems)
    events_by_person: dict[str, list[Event]] = defaultdict(list)
    for event in content.events.values():
        for slug in dict.fromkeys(event.people):
            if slug in content.people:
                events_by_person[slug].append(event)
    for events in events_by_person.values():
        events.sort(key=lambda e: (e.date.sort_key, e.slug))
    _warn_unused_sources(content, problems)
    return Linked(content, dict(events_by_person))


def _warn_unused_sources(content: Content, problems: Problems) -> None:
    used = {ref.target for ref in content.references if ref.kind == "source"}
    origin = content.source_origin or Origin("content/sources.yaml")
    for source_id in content.sources:
        if source_id not in used:
            problems.add(origin.file, origin.pos(source_id), source_id, "is not cited by any person or event",
                         "remove it or cite it", warning=True)
