"""The finder's rows: everyone, in the register's order, as a script the people index and the
search page load when a reader starts to filter or search (templates/static/finder.js).

It is a script rather than JSON so that it also loads from disk (the offline copy), where a page may
not fetch files. Each row holds what the register shows and what the filters read; its order is
the register's (site/register.py), so the browser never sorts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..site import register
from ..site.finder import ROWS_SCRIPT
from ..site.render import relative
from ..site.urls import people_path
from .kinds import OutputContext, OutputKind

# The fields of a row, in order (finder.js reads them by position to keep the file small).
FIELDS = ("slug", "name", "status", "status_label", "names", "year", "articles", "occupation", "detained",
          "detained_iso", "now", "released", "photo")


def rows_script(out: OutputContext, lang: str) -> Iterator[tuple[str, bytes]]:
    context = out.contexts[lang]
    path = people_path(lang) + ROWS_SCRIPT
    rows = []
    for slug in register.order(context):
        row = register.row(context, context.person(slug))
        find, detained, photo = row["find"], row["detained"], row["photo"]
        released = context.t("register.released_on", date=row["released"].text) if row["released"] else ""
        rows.append([slug, str(row["name"]), row["status"], row["status_label"], find["names"], find["year"],
                     " ".join(row["articles"]), find["occupation"], detained.text if detained else "",
                     detained.datetime if detained else "", row["now"], released,
                     relative(path, photo["src"]) if photo else ""])
    data = json.dumps({"fields": FIELDS, "rows": rows}, ensure_ascii=False, separators=(",", ":"))
    yield path, f"window.factfileRows={data};\n".encode()


ROWS = OutputKind("finder-rows", lambda plan: [(lang,) for lang in plan.languages], rows_script)
