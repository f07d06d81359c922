"""Every kind of output besides the pages, in the order the engine makes them.

An output is a module here with a function making one subject's files and an `OutputKind`, and one
line below. An output that assembles pieces (data-lists) comes after the outputs that make them.
"""

from __future__ import annotations

from . import changefeed, datapackage, feeds, finder, opendata, photos, placedata
from .kinds import OutputKind

OUTPUTS: tuple[OutputKind, ...] = (photos.PHOTOS, finder.ROWS, feeds.FEEDS, feeds.SITEMAP, opendata.PEOPLE,
                                   opendata.EVENTS, opendata.LISTS, placedata.PLACES, placedata.ARTICLES,
                                   opendata.SCHEMAS, opendata.README, changefeed.CHANGES,
                                   datapackage.DATAPACKAGE)
