"""Photos: each person's photo from content/photos/, resized to the sizes profiles use, metadata removed.

Only pixels are copied into the output: EXIF (camera, GPS position, time), ICC and XMP data of the
original never reach the site. Which sizes a photo has, and their names, is content/photos.py's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps

from ..content.photos import Rendition, open_photo, photo_set
from .kinds import OutputContext, OutputKind

QUALITY = 80


def resize(source: Path, rendition: Rendition) -> bytes:
    """Return a JPEG of the photo at a rendition's size, upright, with no metadata."""
    with open_photo(source) as image:
        upright = ImageOps.exif_transpose(image)
        pixels = upright.convert("RGB").resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # No exif=, icc_profile= or xmp= arguments: Pillow then writes none of them.
    pixels.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def photo_files(out: OutputContext, slug: str) -> Iterator[tuple[str, bytes]]:
    """Yield the resized copies of a person's photo, if the profile shows one."""
    found = photo_set(out.default.person(slug))
    if found is not None:
        for rendition in found.renditions:
            yield rendition.path, resize(found.source, rendition)


PHOTOS = OutputKind("photo", lambda plan: [(s,) for s in plan.people], photo_files)
