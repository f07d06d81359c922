"""Which page templates use a template, through extends, include, import and from-import."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import meta


def references(env: jinja2.Environment, name: str) -> set[str]:
    """Return the templates a template names; empty when it cannot be read or parsed."""
    try:
        source = env.loader.get_source(env, name)[0] if env.loader else ""
        return {ref for ref in meta.find_referenced_templates(env.parse(source)) if ref}
    except (jinja2.TemplateError, OSError):
        return set()


def pages_using(env: jinja2.Environment, page_templates: set[str], changed: str) -> set[str]:
    """Return the page templates that use `changed`, directly or through other templates."""
    using = set()
    for page_template in page_templates:
        seen, todo = set(), [page_template]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            todo += references(env, name)
        if changed in seen:
            using.add(page_template)
    return using


def template_name(templates: Path, path: Path) -> str | None:
    """Return the name Jinja knows a file under the templates folder by, or None if outside it."""
    try:
        return path.resolve().relative_to(templates.resolve()).as_posix()
    except ValueError:
        return None
