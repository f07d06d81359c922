"""Licences named by their SPDX identifiers (https://spdx.org/licenses/), checked against the SPDX
licence list that the license-expression package ships."""

from __future__ import annotations

from functools import cache

SPDX_LIST = "https://spdx.org/licenses/"


@cache
def _ids() -> dict[str, str]:
    """Return every SPDX licence id by its lowercase form (ScanCode's own LicenseRef- ids left out)."""
    from license_expression import get_spdx_licensing  # loads the list only when a licence is named

    keys = (symbol.key for symbol in get_spdx_licensing().known_symbols.values())
    return {key.lower(): key for key in keys if not key.startswith("LicenseRef-")}


def spdx_id(text: str) -> str | None:
    """Return the SPDX id a text spells, in SPDX's own letter case, or None when it spells none."""
    return _ids().get(text.strip().lower())


def known_ids() -> list[str]:
    return sorted(_ids().values())


def licence_url(spdx: str) -> str:
    """Return the address of a licence's page on the SPDX licence list."""
    return f"{SPDX_LIST}{spdx}.html"
