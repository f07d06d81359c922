"""Checks across the fields of one record: dates in order, status agreeing with dates, withheld
identities kept withheld."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..problems import Problems, quote
from .dates import PartialDate, certainly_before
from .historyrules import check_history
from .link import source_refs
from .model import IDENTIFYING_FIELDS, Event, Localized, Origin, Person, Place, Source
from .translit import slugify

# Each pair must not run backwards: the first may not come after the second.
_PERSON_ORDER = [
    ("born", "detained"), ("born", "trial.date"), ("born", "sentence.date"), ("born", "released"),
    ("born", "died"), ("detained", "trial.date"), ("detained", "sentence.date"),
    ("detained", "released"), ("trial.date", "released"), ("sentence.date", "released"),
    ("detained", "died"), ("sentence.date", "died"),
]
_HELD_WITHOUT_RELEASE = ("detained", "imprisoned", "restricted")
# A photo is named by its file in content/photos/: no folders, no way out (../), no hidden files,
# nothing Windows cannot store (a: \ * ? " < > |).
_PHOTO_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _get(person: Person, path: str) -> PartialDate | None:
    value: object = person
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, PartialDate) else None


def label_words(label: Localized, default_language: str | None = None) -> set[str]:
    """Return the words a withheld person's file name may use: those of the default language's label,
    both as written ("U.S." gives u, s) and run together ("us")."""
    if default_language is not None and default_language in label:
        texts = [label[default_language]]
    else:
        texts = list(label.values())
    words: set[str] = set()
    for text in texts:
        for token in text.split():
            parts = slugify(token).split("-")
            words.update(parts)
            words.add("".join(parts))
    words.discard("")
    return words


def label_slug(label: str) -> str:
    """Return a file name made of a label's words, each run together ("U.S. citizen" → us-citizen)."""
    return "-".join(filter(None, (slugify(word).replace("-", "") for word in label.split())))


def slug_reveals(person: Person, default_language: str | None = None) -> bool:
    """Return whether a withheld person's file name holds anything but words of its label and numbers."""
    if person.label is None:
        return False
    allowed = label_words(person.label, default_language)
    return any(not word.isdigit() and word not in allowed for word in person.slug.split("-"))


def _check_withheld(person: Person, default_language: str | None,
                    error: Callable[[str, str, str], None]) -> None:
    """Report what could identify a person whose identity is withheld; never quoting the file."""
    if person.label is None:
        error("label", "a withheld identity needs a label shown instead of the name",
              "e.g. label: U.S. citizen, name not published")
    for name in IDENTIFYING_FIELDS:
        if getattr(person, name):
            error(name, "must not be set when identity_withheld is true",
                  "remove it: it could identify a person whose name is not published")
    for i, recognition in enumerate(person.recognized):
        if recognition.url:
            error(f"recognized[{i}].url", "must not be set when identity_withheld is true",
                  "remove it: the statement's address and page name the person")
    if slug_reveals(person, default_language):
        assert person.label is not None
        label = person.label.get(default_language or "") or next(iter(person.label.values()))
        error("identity_withheld", "the file name of a person whose identity is withheld may hold only "
              "words of the label and numbers: it is part of every address of the site",
              f"rename the file, e.g. to {label_slug(label)}.yaml, and change the events that name it")


def check_person(person: Person, problems: Problems, default_language: str | None = None) -> None:
    """Report contradictions inside one person's file; `default_language` is the site's first."""
    origin = person.origin
    private = person.identity_withheld

    def error(path: str, message: str, hint: str = "") -> None:
        problems.add(origin.file, origin.pos(path), path, message, hint)

    for earlier, later in _PERSON_ORDER:
        a, b = _get(person, earlier), _get(person, later)
        if a and b and certainly_before(b, a):
            error(later, f"comes before {earlier}" if private else f"{b} comes before {earlier} ({a})",
                  "check both dates")
    if person.identity_withheld:
        _check_withheld(person, default_language, error)
    elif person.name is None:
        error("name", "is required but missing", "add 'name:', or set identity_withheld: true and a label")
    short = not person.custody  # the long form's periods are checked against the status in historyrules
    if short and person.status == "released" and person.released is None:
        error("status", "is 'released' but no 'released' date is given", "add released: YYYY-MM-DD")
    if person.status in _HELD_WITHOUT_RELEASE and person.released is not None:
        error("released", f"is set but status is {person.status!r}",
              "set status: released, or remove the date if the person was detained again")
    if person.status == "deceased" and person.died is None:
        error("status", "is 'deceased' but no 'died' date is given", "add died: YYYY-MM-DD")
    if person.died is not None and person.status != "deceased":
        error("died", f"is set but status is {person.status!r}", "set status: deceased")
    if short and person.release_type and person.released is None:
        error("release_type", "is set without a 'released' date", "add released: YYYY-MM-DD")
    if not person.sources:
        error("sources", "needs at least one source", "every fact on the site must be cited")
    if person.photo is not None and (not _PHOTO_FILE.fullmatch(person.photo.file) or ".." in person.photo.file):
        error("photo.file", f"{quote(person.photo.file, private)} must be a file name in content/photos/, not a path",
              "e.g. file: ales-bialiatski.jpg")
    check_history(person, error)
    _check_inline_sources(person, problems)


def check_source(source: Source, origin: Origin, path: str, problems: Problems) -> None:
    """Warn about a source readers cannot look up: one with neither a url nor an archived_url."""
    if source.url is None and source.archived_url is None:
        problems.add(origin.file, origin.pos(path), path, "has neither url nor archived_url: readers cannot check it",
                     "add url: where it can be read, or archived_url: a copy in a web archive",
                     warning=True)


def _check_inline_sources(record: Person | Event | Place, problems: Problems) -> None:
    for path, ref in source_refs(record):
        if isinstance(ref, Source):
            check_source(ref, record.origin, path, problems)


def check_place(place: Place, problems: Problems) -> None:
    """Report what readers of a place of detention could not check: a source they cannot look up."""
    if not place.sources:
        problems.add(place.origin.file, place.origin.pos("sources"), "sources", "needs at least one source",
                     "every fact on the site must be cited")
    _check_inline_sources(place, problems)


def check_event(event: Event, problems: Problems) -> None:
    """Report contradictions inside one event's file."""
    origin = event.origin
    if event.end and certainly_before(event.end, event.date):
        problems.add(origin.file, origin.pos("end"), "end", f"{event.end} comes before date ({event.date})")
    if not event.sources:
        problems.add(origin.file, origin.pos("sources"), "sources", "needs at least one source",
                     "every fact on the site must be cited")
    seen: set[str] = set()
    for i, slug in enumerate(event.people):
        if slug in seen:
            problems.add(origin.file, origin.pos(f"people[{i}]"), f"people[{i}]",
                         f"{slug!r} is listed twice", warning=True)
        seen.add(slug)
    _check_inline_sources(event, problems)
