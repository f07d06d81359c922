"""The content model: what a site, a person, an event and a source are.

These dataclasses are the single definition of the content files. The validator reads their type
hints to convert YAML, and field metadata carries the documentation, so nothing is written twice.
A field without a default is required. `doc` metadata describes the field for contributors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple, NewType, get_args

from .dates import PartialDate, Term

Url = NewType("Url", str)
"""An absolute http(s) URL."""
Slug = NewType("Slug", str)
"""A person's or event's file name without .yaml: lowercase letters, digits and hyphens."""
PersonRef = NewType("PersonRef", str)
"""The slug of a person: the name of their file in content/people/ without .yaml."""
PlaceRef = NewType("PlaceRef", str)
"""The slug of a place of detention: the name of its file in content/places/ without .yaml."""
ArticleRef = NewType("ArticleRef", str)
"""An article as written in charges, e.g. 342 or 361-1; listed in content/articles.yaml when known."""
SourceId = NewType("SourceId", str)
"""The id of a source in content/sources.yaml."""
CountryCode = NewType("CountryCode", str)
"""An ISO 3166-1 alpha-2 country code such as BY or US."""
LanguageCode = NewType("LanguageCode", str)
"""A language code such as en, be or ru."""
Email = NewType("Email", str)
"""An e-mail address: name@example.org."""
SpdxId = NewType("SpdxId", str)
"""A licence's SPDX identifier (https://spdx.org/licenses/) such as CC-BY-4.0 or CC0-1.0."""
UrlTemplate = NewType("UrlTemplate", str)
"""An http(s) URL with {page} where the address of the page it is given for goes."""
PAGE_PLACEHOLDER = "{page}"


class Localized(dict[str, str]):
    """Text in one or more languages: written as a plain string (the default language) or a
    mapping of language code to text."""


class LocalizedMarkdown(Localized):
    """Localized text written in Markdown; raw HTML is removed."""


Status = Literal["detained", "imprisoned", "restricted", "released", "deceased", "unknown"]
ReleaseType = Literal["pardon", "served", "acquitted", "deported", "other"]
Gender = Literal["female", "male", "other"]
PlaceKind = Literal["temporary-detention", "pretrial-centre", "penal-colony", "prison", "open-colony",
                    "psychiatric", "other"]
CustodyKind = Literal["administrative", "criminal", "house-arrest", "restricted", "psychiatric"]
ArticleCode = Literal["criminal", "administrative"]
AppealOutcome = Literal["upheld", "reduced", "increased", "overturned", "retrial"]
EventType = Literal["arrest", "trial", "sentence", "release", "pardon", "election", "protest",
                    "statement", "sanctions", "other"]

STATUSES: tuple[Status, ...] = get_args(Status)
HELD_STATUSES: tuple[Status, ...] = ("detained", "imprisoned", "restricted")


def doc(text: str, default=None, key: str | None = None, **kwargs):
    """Declare an optional field with its documentation; `key` is its name in the files when that
    is a word Python keeps for itself (`from`)."""
    metadata = {"doc": text, **({"key": key} if key else {})}
    if isinstance(default, list):
        return field(default_factory=list, metadata=metadata, **kwargs)
    return field(default=default, metadata=metadata, **kwargs)


def required(text: str, min_items: int | None = None, key: str | None = None):
    """Declare a required field with its documentation; `min_items` for lists that may not be empty."""
    return field(metadata={"doc": text, **({"min_items": min_items} if min_items else {}),
                           **({"key": key} if key else {})})


def key_of(model_field) -> str:
    """Return a field's name in the content files: its own name, or the `key` it is written as."""
    return model_field.metadata.get("key", model_field.name)


@dataclass
class Origin:
    """Where a record came from: its file and the position of each field path in it."""

    file: str
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def pos(self, path: str) -> tuple[int, int]:
        """Return the position of a field path, or of the nearest parent that has one."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path.rpartition(".")[0]
        return self.positions.get("", (1, 1))


@dataclass
class Source:
    title: Localized = required("Title of the article, report or document.")
    publisher: str = required("Who published it, e.g. Associated Press.")
    url: Url | None = doc("Where it can be read.")
    published: PartialDate | None = doc("When it was published.")
    archived_url: Url | None = doc("A copy in a web archive, in case the original disappears.")


SourceRef = SourceId | Source
"""A source: an id from content/sources.yaml, or a source written out in place."""


@dataclass
class Publisher:
    name: Localized = required("Who publishes the site: a person, a group or an organisation.")
    url: Url | None = doc("Their website.")
    email: Email | None = doc("An address readers can write to.")


@dataclass
class License:
    text: SpdxId = required("SPDX id of the licence of the site's text, e.g. CC-BY-4.0.")
    data: SpdxId = required("SPDX id of the licence of the open data, e.g. CC-BY-4.0 or CC0-1.0.")


@dataclass
class Site:
    title: Localized = required("The site's name.")
    languages: list[LanguageCode] = required("Languages of the site; the first is the default.", min_items=1)
    description: Localized | None = doc("One or two sentences on what the site is.")
    base_url: Url | None = doc("Public address, used only for canonical links, feeds and sitemap.")
    complete_languages: list[LanguageCode] = doc(
        "Languages every text must be written in: a text that falls back to another language on "
        "their pages is a warning (an error under --strict).", [])
    publisher: Publisher | None = doc("Who publishes the site: shown at the foot of every page.")
    license: License | None = doc("Licences of the site's text and of its open data, as SPDX ids.")
    corrections: UrlTemplate | None = doc(
        "Where readers report an inaccuracy: a URL with {page} where the page's address goes, "
        "e.g. a prefilled issue form.")


@dataclass
class Photo:
    file: str = required("File name in content/photos/.")
    credit: str = required("Who took or published the photo.")


@dataclass
class Recognition:
    by: Localized = required("Organisation that recognised the person as a political prisoner.")
    date: PartialDate | None = doc("When.")
    url: Url | None = doc("The statement.")


@dataclass
class Charge:
    article: ArticleRef | None = doc("Article of the criminal code, e.g. 342 or 361-1.")
    text: Localized | None = doc("What the charge says.")
    sources: list[SourceRef] = doc("Sources for this charge.", [])


@dataclass
class Trial:
    court: Localized | None = doc("Court.")
    judge: Localized | None = doc("Judge.")
    date: PartialDate | None = doc("Date of the verdict or of the trial's start.")
    sources: list[SourceRef] = doc("Sources for the trial.", [])


@dataclass
class Sentence:
    date: PartialDate | None = doc("Date of the sentence.")
    term: Term | None = doc("Length as an ISO 8601 duration: P6Y, P2Y6M.")
    regime: Localized | None = doc("Regime, e.g. general, strict or colony-settlement.")
    sources: list[SourceRef] = doc("Sources for the sentence.", [])


@dataclass
class PlaceOfDetention:
    name: Localized = required("Prison, colony or detention centre.")
    address: Localized | None = doc("Postal address for letters.")
    sources: list[SourceRef] = doc("Sources for the place of detention.", [])


@dataclass
class Transfer:
    place: PlaceRef = required("The place: the name of its file in content/places/ without .yaml.")
    from_: PartialDate | None = doc("When the person was brought there; absent on the first place, "
                                    "the start of the period.", key="from")
    sources: list[SourceRef] = doc("Sources for this transfer.", [])


@dataclass
class CustodyPeriod:
    from_: PartialDate = required("When this period of custody began.", key="from")
    to: PartialDate | None = doc("When it ended; absent while the person is held.")
    kind: CustodyKind | None = doc("administrative, criminal, house-arrest, restricted or psychiatric.")
    places: list[Transfer] = doc("Where the person was held, in order: each place and from when.", [])
    sources: list[SourceRef] = doc("Sources for this period.", [])


@dataclass
class CaseSentence:
    term: Term | None = doc("Length as an ISO 8601 duration: P6Y, P2Y6M.")
    regime: Localized | None = doc("Regime, e.g. general, strict or colony-settlement.")
    start: PartialDate | None = doc("The date the term counts from; by default the start of the "
                                    "custody period that holds the verdict.")


@dataclass
class Appeal:
    date: PartialDate | None = doc("Date of the appeal court's decision.")
    outcome: AppealOutcome | None = doc("upheld, reduced, increased, overturned or retrial.")


@dataclass
class Case:
    charges: list[Charge] = doc("Charges.", [])
    court: Localized | None = doc("Court of first instance.")
    judge: Localized | None = doc("Judge.")
    verdict: PartialDate | None = doc("Date of the verdict.")
    sentence: CaseSentence | None = doc("Sentence: term, regime and the date it counts from.")
    appeal: Appeal | None = doc("Appeal: date and outcome.")
    sources: list[SourceRef] = doc("Sources for this case.", [])


@dataclass
class Person:
    slug: Slug = field(metadata={"doc": "The file name.", "from_file": True})
    origin: Origin = field(metadata={"doc": "", "from_file": True}, repr=False, compare=False)
    status: Status = required("detained (awaiting trial), imprisoned (serving a sentence), "
                              "restricted (house arrest, restricted freedom), released, deceased "
                              "or unknown.")
    sources: list[SourceRef] = required("Sources for the profile; at least one.", min_items=1)
    name: Localized | None = doc("Full name. Required unless identity_withheld.")
    also_known_as: list[str] = doc("Other spellings and names, in any script.", [])
    distinct_from: list[PersonRef] = doc("Slugs of people with a similar name who are someone else; "
                                    "this silences the warning about a likely duplicate.", [])
    identity_withheld: bool = doc("True when the name is not published; then give a label and no "
                                  "identifying fields.", False)
    label: Localized | None = doc("Shown instead of a name when identity_withheld, e.g. "
                                  "'U.S. citizen, name not published'.")
    gender: Gender | None = doc("female, male or other.")
    born: PartialDate | None = doc("Date of birth.")
    citizenship: list[CountryCode] = doc("ISO 3166-1 alpha-2 codes.", [])
    occupation: Localized | None = doc("Occupation.")
    affiliations: list[Localized] = doc("Organisations the person belongs or belonged to.", [])
    photo: Photo | None = doc("A photo in content/photos/ and its credit.")
    recognized: list[Recognition] = doc("Recognitions as a political prisoner.", [])
    custody: list[CustodyPeriod] = doc("Periods of custody, oldest first: the long form of detained, "
                                       "released and place_of_detention.", [])
    cases: list[Case] = doc("Cases: the long form of charges, trial and sentence.", [])
    detained: PartialDate | None = doc("Date custody began.")
    charges: list[Charge] = doc("Charges.", [])
    trial: Trial | None = doc("Trial.")
    sentence: Sentence | None = doc("Sentence.")
    place_of_detention: PlaceOfDetention | None = doc("Where the person is held.")
    released: PartialDate | None = doc("Date of release.")
    release_type: ReleaseType | None = doc("pardon, served, acquitted, deported or other.")
    died: PartialDate | None = doc("Date of death.")
    summary: Localized | None = doc("One line of plain text.")
    bio: LocalizedMarkdown | None = doc("Biography in Markdown.")


# Fields that would identify a person whose identity is withheld: a trial's court, judge and date
# point to one case (court lists name the defendant), and distinct_from says whose name the real one
# resembles. Of each case, the court and the judge, for the same reason. Dates of custody, places of
# detention, verdict dates and terms may be given when the source states them: no public record
# leads from them to a name (docs/content.md, "Withheld identities").
IDENTIFYING_FIELDS = ("name", "also_known_as", "photo", "born", "gender", "occupation",
                      "affiliations", "bio", "trial", "distinct_from")
IDENTIFYING_CASE_FIELDS = ("court", "judge")


# The short form of custody (one period) and of cases (one case): a file uses one form of each.
SHORT_CUSTODY = ("detained", "released", "place_of_detention")
SHORT_CASE = ("charges", "trial", "sentence")
HELD_KINDS = {"house-arrest": ("restricted",), "restricted": ("restricted",),
              "administrative": ("detained", "imprisoned"), "criminal": ("detained", "imprisoned"),
              "psychiatric": ("detained", "imprisoned")}
"""The statuses an open period of each kind agrees with."""


@dataclass
class Place:
    slug: Slug = field(metadata={"doc": "The file name.", "from_file": True})
    origin: Origin = field(metadata={"doc": "", "from_file": True}, repr=False, compare=False)
    name: Localized = required("The place's name, e.g. Penal Colony No. 15.")
    sources: list[SourceRef] = required("Sources for the place and its address; at least one.", min_items=1)
    kind: PlaceKind | None = doc("temporary-detention, pretrial-centre, penal-colony, prison, open-colony, "
                                 "psychiatric or other.")
    city: Localized | None = doc("Town or city.")
    address: Localized | None = doc("The postal address exactly as written on an envelope.")
    address_checked: PartialDate | None = doc("When the address was last checked against a source.")
    letters: LocalizedMarkdown | None = doc("What the place allows in letters, in Markdown.")


@dataclass
class Article:
    code: ArticleCode = required("criminal or administrative: the code the article belongs to.")
    title: Localized = required("What the article is about, e.g. Organising actions that grossly "
                                "violate public order.")


@dataclass
class Event:
    slug: Slug = field(metadata={"doc": "The file name.", "from_file": True})
    origin: Origin = field(metadata={"doc": "", "from_file": True}, repr=False, compare=False)
    date: PartialDate = required("When it happened (or began).")
    title: Localized = required("Title.")
    sources: list[SourceRef] = required("Sources; at least one.", min_items=1)
    end: PartialDate | None = doc("When it ended, for events that span days.")
    type: EventType = doc("arrest, trial, sentence, release, pardon, election, protest, "
                          "statement, sanctions or other.", "other")
    people: list[PersonRef] = doc("Slugs of the people it concerns.", [])
    summary: LocalizedMarkdown | None = doc("What happened, in Markdown.")


@dataclass
class ContentPage:
    slug: Slug = field(metadata={"doc": "The file name.", "from_file": True})
    origin: Origin = field(metadata={"doc": "", "from_file": True}, repr=False, compare=False)
    title: Localized = required("Title of the page.")
    body: LocalizedMarkdown = required("The text of the page, in Markdown.")


class Reference(NamedTuple):
    """A mention of a source id or person slug in a file, kept even when the file has other errors."""

    kind: str  # "source", "person", "place" or "article"
    target: str
    file: str
    path: str
    pos: tuple[int, int]
    private: bool = False  # made by a withheld person's file: messages must not quote the target


@dataclass
class Content:
    """Everything under content/, validated: the input of linking and rendering."""

    site: Site
    sources: dict[str, Source]
    people: dict[str, Person]
    events: dict[str, Event]
    source_origin: Origin | None = None
    site_origin: Origin | None = None
    references: list[Reference] = field(default_factory=list)
    person_files: set[str] = field(default_factory=set)  # every people/ slug, valid or not
    source_ids: set[str] = field(default_factory=set)  # every id in sources.yaml, valid or not
    pages: dict[str, ContentPage] = field(default_factory=dict)  # content/pages/<slug>.yaml
    places: dict[str, Place] = field(default_factory=dict)  # content/places/<slug>.yaml
    articles: dict[str, Article] = field(default_factory=dict)  # content/articles.yaml
