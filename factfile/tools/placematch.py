"""Places of detention for `factfile import`: a prison named in a row is matched, by its name, with a
place already in content/places/ or with one this import creates, so each person's custody names the
place and its address is written once, in the place's file.

Names are matched as the duplicate check matches people's names (content/translit.name_key): case,
accents, alphabet and word order aside, with № read as No. A place this import creates gets the
first row's name, address and sources; a later row giving another address for it is noted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.translit import name_key, slugify


def place_key(name: str) -> str:
    """Return the key two spellings of one place's name share: 'ИК № 15' and 'ik no. 15'."""
    return name_key(re.sub(r"№|\bno\.", " no ", name, flags=re.IGNORECASE))


def _texts(value: Any) -> list[str]:
    """Return the texts of a localized value: a plain string, or a mapping of language to text."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [str(v) for v in value.values() if isinstance(v, (str, int))]
    return []


@dataclass
class NewPlace:
    """A place this import creates: its slug, the fields of its file and the row it came from."""

    slug: str
    data: dict
    row: int


@dataclass
class Places:
    """The places an import can name: those in content/places/ and those it creates, by name."""

    folder: Path
    known: dict[str, str] = field(default_factory=dict)  # place_key(name) -> slug
    slugs: set[str] = field(default_factory=set)  # every slug taken
    created: dict[str, NewPlace] = field(default_factory=dict)  # slug -> the place to write

    @classmethod
    def load(cls, content: Path) -> Places:
        """Read the names of every place in content/places/ (a file that cannot be read is skipped:
        `check` reports it)."""
        places = cls(content / "places")
        if not places.folder.is_dir():
            return places
        for path in sorted(places.folder.glob("*.yaml")):
            places.slugs.add(path.stem)
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                continue
            for text in _texts(data.get("name") if isinstance(data, dict) else None):
                places.known.setdefault(place_key(text), path.stem)
        return places

    def find(self, name: Any, address: Any, sources: list, row: int) -> tuple[str | None, str | None]:
        """Return the slug of the place a row names, creating it when no place has that name; and a
        note when the row's address differs from the one the import already gave the place."""
        keys = [place_key(text) for text in _texts(name)]
        for key in keys:
            if key in self.known:
                slug = self.known[key]
                made = self.created.get(slug)
                if made is not None and address and made.data.get("address") != address:
                    return slug, (f"gives another address than row {made.row} for {slug}: the place keeps "
                                  f"row {made.row}'s; check which is current")
                if made is None and address:
                    return slug, (f"is matched with content/places/{slug}.yaml by its name; the row's "
                                  "address is not imported: check it against that file")
                return slug, None
        base = slugify(_texts(name)[0]) if _texts(name) else ""
        if not base:
            return None, None
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        data: dict = {"name": name}
        if address:
            data["address"] = address
        data["sources"] = sources
        self.created[slug] = NewPlace(slug, data, row)
        for key in keys:
            self.known[key] = slug
        return slug, None

    def path(self, slug: str) -> Path:
        return Path(os.path.relpath(self.folder / f"{slug}.yaml"))
