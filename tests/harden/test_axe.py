"""axe-core finds no WCAG 2.2 AA violation on the main pages, in every language, scheme and width."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.external, pytest.mark.slow]

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LANGUAGES = ["en", "be", "ru"]
PAGES = ["{lang}/index.html", "{lang}/people/index.html", "{lang}/people/ales-bialiatski/index.html",
         "{lang}/events/2025-02-12-three-prisoners-released/index.html", "{lang}/timeline/index.html",
         "{lang}/letters/index.html", "{lang}/releases/index.html",
         "{lang}/figures/index.html", "{lang}/changes/index.html"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone-360": {"width": 360, "height": 740}}


# A profile with the custody history and cases (tests/fixtures/register), a place, an article, and
# the letters and releases pages listing people, at a phone's width too.
REGISTER_PAGES = ["{lang}/people/maryia-rearrested/index.html", "{lang}/data/index.html",
                  "{lang}/places/example-penal-colony/index.html", "{lang}/articles/342/index.html",
                  "{lang}/letters/index.html", "{lang}/releases/index.html"]
REGISTER_VIEWPORTS = {**VIEWPORTS, "phone-390": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations(browser, axe_source: str, sample_site: Path, lang: str, scheme: str,
                                 viewport: str) -> None:
    found = violations(browser, axe_source, sample_site, PAGES, lang, scheme, VIEWPORTS[viewport])
    assert not found, found


@pytest.mark.parametrize("viewport", REGISTER_VIEWPORTS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_finds_no_violations_in_custody_and_cases(browser, axe_source: str, register_site: Path, lang: str,
                                                      scheme: str, viewport: str) -> None:
    found = violations(browser, axe_source, register_site, REGISTER_PAGES, lang, scheme, REGISTER_VIEWPORTS[viewport])
    assert not found, found


def violations(browser, axe_source: str, site: Path, pages: list[str], lang: str, scheme: str,
               viewport: dict) -> str:
    """Return axe's violations on the pages of a built site, one paragraph each ("" when none)."""
    # bypass_csp only lets the test inject axe; the site's own CSP is checked elsewhere.
    context = browser.new_context(color_scheme=scheme, viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found = []
    try:
        for template in pages:
            path = site / template.format(lang=lang)
            assert path.is_file(), path
            page.goto(path.as_uri())
            page.evaluate(axe_source)
            result = page.evaluate("""async tags => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                   resultTypes: ['violations']});
                return {rules: axe.getRules(tags).length,
                        violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))};
            }""", TAGS)
            assert result["rules"] > 50  # axe really ran its WCAG rule set
            found += [f"{template.format(lang=lang)}: {v['id']} ({v['impact']}): {v['help']}\n    "
                      + "\n    ".join(v["nodes"]) for v in result["violations"]]
    finally:
        context.close()
    return "\n".join(found)


def test_axe_reports_a_known_violation(browser, axe_source: str) -> None:
    """Prove the harness would see a problem: grey on white text fails colour contrast."""
    page = browser.new_page()
    try:
        page.set_content('<!doctype html><html lang="en"><title>t</title><main>'
                         '<p style="color:#bbb;background:#fff">faint</p></main></html>')
        page.evaluate(axe_source)
        ids = page.evaluate("async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
                            ".violations.map(v => v.id)", TAGS)
    finally:
        page.close()
    assert "color-contrast" in ids
