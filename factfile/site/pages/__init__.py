"""Every kind of page the site has, in the order the plan lists their pages.

A page kind is a module here with a view and a `KIND` (kinds.PageKind), one line below and one
template under templates/.
"""

from __future__ import annotations

from ..kinds import PageKind, register
from . import (
    article,
    changes,
    contentpage,
    data,
    event,
    figures,
    home,
    letters,
    notfound,
    people,
    person,
    place,
    releases,
    root,
    search,
    timeline,
)

KINDS: tuple[PageKind, ...] = (root.KIND, home.KIND, people.KIND, timeline.LATEST, search.KIND, data.KIND,
                               letters.KIND, releases.KIND, figures.KIND, changes.KIND, timeline.YEAR, person.KIND,
                               event.KIND, place.KIND, article.KIND, contentpage.KIND, notfound.KIND)
register(KINDS)
