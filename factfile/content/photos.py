"""Photos in content/photos/: which file a person's photo is, and the sizes the site will have of it.

The resized files themselves are made by outputs/photos.py. File names carry a hash of the original
so a replaced photo gets a new address and no mirror serves the old one from its cache.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .. import deps
from .model import Person

log = logging.getLogger("factfile")

PHOTO_DIR = "photos"
DISPLAY_WIDTH = 240  # CSS pixels of a profile photo (style.css .photo img)
WIDTHS = (DISPLAY_WIDTH, 2 * DISPLAY_WIDTH)  # 1x and 2x screens
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
    deps.read("fact:photo:" + name)  # a replaced photo changes the pages showing it
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


