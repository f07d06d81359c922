"""Photos in content/photos/: which file a person's photo is, and the sizes the site will have of it.

The resized files themselves are made by outputs/photos.py. File names carry a hash of the original
so a replaced photo gets a new address and no mirror serves the old one from its cache.

Photos are decoded only as JPEG, PNG or WebP, told by their bytes whatever their name: Pillow's
decoders for other formats (TGA, SGI, IM...) are a larger surface for a malicious file. A photo
of another format, one larger than MAX_PIXELS (a decompression bomb) or one Pillow cannot read is
an error at the person's `photo.file`; a photo that is a symbolic link is refused (nolinks.py).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .. import deps
from ..problems import Problem, Problems
from .model import Person
from .summary import PersonSummary

log = logging.getLogger("factfile")

PHOTO_DIR = "photos"
DISPLAY_WIDTH = 240  # CSS pixels of a profile photo (style.css .photo img)
WIDTHS = (DISPLAY_WIDTH, 2 * DISPLAY_WIDTH)  # 1x and 2x screens
MAX_PIXELS = 60_000_000  # refuse decompression bombs well before Pillow's own limit
FORMATS = ("JPEG", "PNG", "WEBP")  # the only decoders Pillow may use on a photo
# Pillow warns past MAX_IMAGE_PIXELS and refuses past twice that; any image this process opens
# elsewhere gets the same limit. Photos are measured against MAX_PIXELS before they are decoded.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


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
    if path.is_symlink():
        return None  # refused as a link (nolinks.py); never read
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
    found = _inspect(person.slug, path)
    return found if isinstance(found, PhotoSet) else None


def _inspect(slug: str, path: Path) -> PhotoSet | str:
    try:
        stat = path.stat()
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror or exc}"
    return _measure(path, stat.st_size, stat.st_mtime_ns, slug)


def check(people: Iterable[PersonSummary], problems: Problems) -> None:
    """Report every photo that is not a JPEG, PNG or WebP Pillow can read, or is too large."""
    for person in people:
        if person.photo is None or person.withheld:
            continue
        name, (line, column) = person.photo
        path = Path(person.file).parent.parent / PHOTO_DIR / name
        if "/" in name or "\\" in name or name.startswith(".") or path.is_symlink() or not path.is_file():
            continue  # warned about by photo_file, or refused as a link
        found = _inspect(person.slug, path)
        if isinstance(found, str):
            problems.extend([Problem(person.file, line, column, "photo.file", found,
                                     "save the photo as JPEG, PNG or WebP, at most "
                                     f"{MAX_PIXELS // 1_000_000} million pixels")])


def open_photo(source: Path | io.BytesIO) -> Image.Image:
    """Open an image with the photo decoders only; refuse one with too many pixels before decoding."""
    with warnings.catch_warnings():
        # Pillow only warns between MAX_IMAGE_PIXELS and twice that: make it refuse.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(source, formats=FORMATS)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            counted = re.search(r"\((\d+) pixels\)", str(exc))
            raise _TooLarge(f"{int(counted[1]):,} pixels" if counted else "too many pixels") from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise _TooLarge(f"{width * height:,} pixels")
    return image


class _TooLarge(Exception):
    """A photo's header announces more pixels than MAX_PIXELS."""


@lru_cache(maxsize=4096)
def _measure(path: Path, size: int, mtime: int, slug: str) -> PhotoSet | str:
    """Read a photo's size (header only) and name its renditions; size and mtime key the cache.
    Return a message instead when the photo is refused."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:10]
    try:
        with open_photo(io.BytesIO(data)) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except _TooLarge as exc:
        return f"{path} has {exc}, more than the {MAX_PIXELS:,} allowed"
    except UnidentifiedImageError:
        return f"{path} is not a JPEG, PNG or WebP image (told by its contents, not its name)"
    except (OSError, ValueError) as exc:
        return f"{path} cannot be read as an image: {exc}"
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
