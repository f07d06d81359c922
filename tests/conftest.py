"""Fixtures shared by every test; the helpers they use live in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import CHROMIUM_ARGS, Project, chromium_or_skip


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the fixture content tree."""
    return Project(tmp_path)


@pytest.fixture(scope="session")
def built_fixture(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fixture content built once for read-only page tests."""
    built = Project(tmp_path_factory.mktemp("fixture"))
    result = built.build()
    assert result.code == 0, result.err
    return built


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driven by Playwright (Debian's /usr/bin/chromium, not a download)."""
    path = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(path), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
