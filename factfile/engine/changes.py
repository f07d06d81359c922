"""What changed since the last build: which files to read again, and which keys pages may have read.

A run first compares stamps (scan.py) with the state: when nothing at all changed the build is
answered at once. Otherwise the changed person and event files are read (records.py), compared
field by field with their last versions, and everything is checked against everything again from
the summaries (content/link.py). The result is plain data for the engine: the linked site, the
interface text, the changed keys, and the file entries to keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import deps
from ..content import photos
from ..content.coverage import Coverage, check_record
from ..content.dates import build_date
from ..content.kinds import BY_FOLDER, EVENTS, PAGES, PEOPLE, PLACES, RECORD_KINDS
from ..content.link import Found, Linked, link
from ..content.load import load_articles, load_sources, read_site
from ..content.model import Origin, Site, Source
from ..content.nolinks import check_links
from ..problems import Problem, Problems
from ..site.urls import RESERVED_SLUGS
from .options import BuildOptions, BuildResult
from .records import Entry, Info, Store, read_changed
from .scan import CATALOGUE_DIR, Listing, git_head, stamp
from .state import State
from .write import marker_token

Known = dict[str, tuple[Any, bytes, Info]]  # path under content/ -> (stamp, hash, info)


@dataclass
class Changes:
    """What a run found: the site to build and what changed since the last build."""

    full: bool  # nothing can be reused: render everything
    linked: Linked = field(init=False)  # set once every file is read and linked
    catalogues: dict[str, Any]
    changed: dict[str, int]  # key -> bits of the fields that changed (deps.py)
    known: Known  # every content file as it is now
    coverage: Coverage | None = None  # which records each language shows in another language
    new_entries: dict[str, Entry] = field(default_factory=dict)  # files read this run
    restamped: list[tuple[str, Any]] = field(default_factory=list)  # touched, same bytes
    gone: list[str] = field(default_factory=list)  # files deleted
    sources: dict[str, Any] = field(default_factory=dict)
    articles: dict[str, Any] = field(default_factory=dict)


def stamps(options: BuildOptions, listing: Listing, write: bool) -> dict[str, Any]:
    """Return every stamp and setting (besides the records', kept per file) whose change means the
    site must be looked at again."""
    content, templates = options.content, options.templates
    return {
        "options": (str(content.resolve()), str(templates.resolve()), str(options.out.resolve())),
        "finish": (options.search, options.offline),
        "site": stamp(content / "site.yaml"), "sources": stamp(content / "sources.yaml"),
        "articles": stamp(content / "articles.yaml"),
        "catalogues": {path.name: stamp(path) for path in sorted((templates / CATALOGUE_DIR).glob("*.yaml"))},
        "templates": listing.templates, "static": listing.static, "photos": listing.photos,
        "day": build_date(), "head": git_head(content),
        "marker": marker_token(options.out) if write else None,
    }


def unchanged(state: State, now: dict[str, Any], listing: Listing, result: BuildResult) -> bool:
    """Answer from the state when nothing the build reads changed: the output is this build's."""
    if state.fresh or now["marker"] is None or state.get("stamps") != now:
        return False
    done = state.get("result")
    if done is None or state.stamps() != {path: item.stamp for path, item in listing.records.items()}:
        return False
    result.pages, result.languages = done["pages"], done["languages"]
    result.problems.extend(Problem(*p) for p in done["warnings"])
    result.unchanged = True
    return True


def find_changes(options: BuildOptions, state: State, listing: Listing, now: dict[str, Any],
                 known: Known | None, processes: int | None, problems: Problems) -> Changes | None:
    """Read what changed, check everything against everything and find the keys that changed; None
    when the site cannot be built (its settings or interface text are broken)."""
    problems.extend(listing.problems.items)
    site, site_origin = read_site(options.content, problems)
    if site is None:
        return None
    for item in listing.records.values():  # a content page may not take the address of a built-in one
        if item.kind is PAGES and item.slug in RESERVED_SLUGS:
            problems.add(item.file.display, (1, 1), "", f"{item.slug!r} is the address of "
                         f"{RESERVED_SLUGS[item.slug]} (<lang>/{item.slug}/)",
                         f"rename the file, e.g. {item.slug}-page.yaml or about-{item.slug}.yaml")
    languages = site.languages
    sources, source_origin = load_sources(options.content, languages, problems)
    last = state.get("stamps") or {}
    # Settings, languages and interface text show on every page: a change means a full build.
    full = (state.fresh or last.get("options") != now["options"] or state.get("languages") != languages
            or last.get("marker") != now["marker"] or state.get("site") != site
            or last.get("catalogues") != now["catalogues"])
    if full and not state.fresh:
        state.reset()
        known = None
    if known is None:
        known = {path: (s, h, Info.load(info)) for path, (s, h, info) in state.files().items()}
    store = Store(state)
    changes = Changes(full, {}, {}, known)
    complete = frozenset(site.complete_languages)
    _read(changes, listing, state, store, languages, complete, processes)
    # Sources and articles: each one a key of its own.
    changes.sources = {key: source for key, source in sources.items() if source is not None}
    _changed_entries(changes.changed, "source:", state.get("sources") or {}, changes.sources)
    articles, articles_origin = load_articles(options.content, languages, problems)
    changes.articles = {key: article for key, article in articles.items() if article is not None}
    _changed_entries(changes.changed, "article:", state.get("articles") or {}, changes.articles)
    # Everything checked against everything, from summaries.
    coverage = changes.coverage = _site_coverage(site, site_origin, changes.sources, source_origin, complete,
                                                  problems)
    summaries: dict[str, dict[str, Any]] = {kind.folder: {} for kind in RECORD_KINDS}
    references: list = []
    files: dict[str, set[str]] = {kind.folder: set() for kind in RECORD_KINDS}
    for path, (_, _, info) in known.items():
        item = listing.records[path]
        problems.extend(info.problems)
        references.extend(info.references)
        coverage.add(info.has_text, info.fallbacks)
        files[item.kind.folder].add(item.slug)
        if info.summary is not None:
            summaries[item.kind.folder][item.slug] = info.summary
            store.paths[item.kind.key(item.slug)] = path
    people, events, pages, places = (dict(sorted(summaries[kind.folder].items()))
                                     for kind in (PEOPLE, EVENTS, PAGES, PLACES))
    found = Found(people, events, pages, places, files[PEOPLE.folder], files[PLACES.folder], set(sources),
                  changes.articles, set(articles) if articles_origin is not None else None)
    changes.linked = link(site, changes.sources, source_origin, found, references, store, problems)
    photos.check(changes.linked.people.values(), problems)
    check_links(options.content, options.templates, problems)
    from ..site.i18n import load_catalogues  # Babel: only when there is something to build

    changes.catalogues = load_catalogues(options.templates, languages, problems)
    if len(changes.catalogues) != len(languages):
        return None
    return changes


def _changed_entries(changed: dict[str, int], prefix: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Mark each entry of a file of entries (sources.yaml, articles.yaml) that changed, came or went."""
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            changed[prefix + key] = deps.ALL


def _site_coverage(site: Site, site_origin: Origin, sources: dict[str, Source], source_origin: Origin | None,
                   complete: frozenset[str], problems: Problems) -> Coverage:
    """Return the coverage of site.yaml and sources.yaml, read every run, to which each record's adds."""
    languages = site.languages
    coverage = Coverage(languages, fallbacks={lang: [] for lang in languages})
    coverage.add(*check_record(site_origin.file, site_origin.file, site_origin, "", site, languages, complete,
                               problems))
    origin = source_origin or Origin("content/sources.yaml")
    for source_id, source in sources.items():
        coverage.add(*check_record(f"{origin.file}: {source_id}", origin.file, origin, source_id, source, languages,
                                   complete, problems))
    return coverage


def _read(changes: Changes, listing: Listing, state: State, store: Store, languages: Sequence[str],
          complete: frozenset[str], processes: int | None) -> None:
    """Read the files whose stamp changed; note which fields of which records changed."""
    known, changed = changes.known, changes.changed
    todo = [item for path, item in listing.records.items() if path not in known or known[path][0] != item.stamp]
    changes.gone = [path for path in known if path not in listing.records]
    hashes = {i.key: known[i.key][1] for i in todo if i.key in known}
    for path, entry, file_stamp in read_changed(todo, hashes, languages, complete, processes):
        if entry is None:  # touched, but the same bytes
            changes.restamped.append((path, file_stamp))
            known[path] = (file_stamp, known[path][1], known[path][2])
            continue
        changes.new_entries[path] = entry
        item = listing.records[path]
        key = item.kind.key(item.slug)
        # Compare with the record as last built (None for a new or once-invalid file: all changed).
        old = state.record(path) if path in known and not changes.full else None
        bits = deps.changed_bits(old, entry.record)
        if bits:
            changed[key] = changed.get(key, 0) | bits
        known[path] = (entry.stamp, entry.hash, entry.info)
        if entry.record is not None:
            store.put(key, entry.record)
    for path in changes.gone:
        info = known.pop(path)[2]
        if info.summary is not None:
            changed[BY_FOLDER[Path(path).parent.name].key(info.summary.slug)] = deps.ALL
