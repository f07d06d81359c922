"""Photos: each person's photo from content/photos/, resized to the sizes profiles use, metadata removed.

Only pixels are copied into the output: EXIF (camera, GPS position, time), ICC and XMP data of the
original never reach the site. File names carry a hash of the original so a replaced photo gets a
new address and no mirror serves the old one from its cache.
"""

from __future__ import annotations

import hashlib
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageOps, UnidentifiedImageError

from .memo import Pieces, state, touched_slugs
from ..content.model import Person

if TYPE_CHECKING:
    from .outputs import SiteBuild

log = logging.getLogger("factfile")

PHOTO_DIR = "photos"
DISPLAY_WIDTH = 240  # CSS pixels of a profile photo (style.css .photo img)
WIDTHS = (DISPLAY_WIDTH, 2 * DISPLAY_WIDTH)  # 1x and 2x screens
QUALITY = 80
MAX_PIXELS = 60_000_000  # refuse decompression bombs well before Pillow's own limit


@dataclass(frozen=True, slots=True)
class Rendition:
    """One resized copy of a photo: its path in the site and its size in pixels."""

    path: str
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class PhotoSet:
    """The copies of one person's photo, smallest first."""

    source: Path
    renditions: tuple[Rendition, ...]


def photo_file(person: Person) -> Path | None:
    """Return the original photo of a person in content/photos/, or None (with a warning if absent)."""
    if person.photo is None or person.identity_withheld:
        return None
    name = person.photo.file
    # The content folder is the one the person's file was read from: content/people/<slug>.yaml.
    folder = Path(person.origin.file).parent.parent / PHOTO_DIR
    if "/" in name or "\\" in name or name.startswith("."):
        log.warning("%s: photo.file: %r must be a file name in %s", person.origin.file, name, folder)
        return None
    path = folder / name
    if not path.is_file():
        log.warning("%s: photo.file: %s does not exist; the profile is shown without a photo",
                    person.origin.file, path)
        return None
    return path


def photo_set(person: Person) -> PhotoSet | None:
    """Return the renditions a person's photo will have, or None when there is none to show."""
    path = photo_file(person)
    if path is None:
        return None
    stat = path.stat()
    return _measure(path, stat.st_size, stat.st_mtime_ns, person.slug)


@lru_cache(maxsize=4096)
def _measure(path: Path, size: int, mtime: int, slug: str) -> PhotoSet | None:
    """Read a photo's size (header only) and name its renditions; size and mtime key the cache."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:10]
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UnidentifiedImageError("too many pixels")
            orientation = image.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, OSError) as exc:
        log.warning("%s: not a photo Pillow can read (%s); the profile is shown without a photo", path, exc)
        return None
    if orientation in (5, 6, 7, 8):  # rotated a quarter turn: the shown width is the stored height
        width, height = height, width
    renditions = []
    for target in WIDTHS:
        w = min(target, width)
        h = max(1, round(height * w / width))
        renditions.append(Rendition(f"{PHOTO_DIR}/{slug}-{digest}-{w}.jpg", w, h))
        if w == width:  # never enlarge
            break
    return PhotoSet(path, tuple(renditions))


def resize(source: Path, rendition: Rendition) -> bytes:
    """Return a JPEG of the photo at a rendition's size, upright, with no metadata."""
    with Image.open(source) as image:
        upright = ImageOps.exif_transpose(image)
        pixels = upright.convert("RGB").resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp= arguments: Pillow then writes none of them.
    pixels.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def files(site: SiteBuild) -> Iterator[tuple[str, bytes]]:
    """Yield the resized photos of everyone with a photo to show; a live rebuild resizes only the
    photos of the people it touched (a changed photo file reloads everything)."""
    people = site.linked.content.people
    kept: Pieces[Person, list[tuple[str, bytes]]] = state(site.kept, __name__, Pieces)
    resized = kept.update(people, touched_slugs(site.touched, "people"), _renditions)
    for slug in sorted(people):
        yield from resized[slug]


def _renditions(person: Person) -> list[tuple[str, bytes]]:
    found = photo_set(person)
    if found is None:
        return []
    return [(rendition.path, resize(found.source, rendition)) for rendition in found.renditions]
