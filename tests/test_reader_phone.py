"""Phone first: no page kind, in any language, scrolls sideways on a phone; chart text stays
readable; the masthead holds its place from one language to the next."""

from __future__ import annotations

import pytest
from helpers import ROOT, Project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ["en", "be", "ru"]
WIDTHS = [320, 360, 390]
PAGES = {"home": "{lang}/index.html", "people": "{lang}/people/index.html",
         "person": "{lang}/people/ales-bialiatski/index.html",
         "event": "{lang}/events/2025-02-12-three-prisoners-released/index.html",
         "timeline": "{lang}/timeline/index.html", "timeline-year": "{lang}/timeline/2025/index.html",
         "search": "{lang}/search/index.html", "data": "{lang}/data/index.html", "page": "{lang}/about/index.html",
         "letters": "{lang}/letters/index.html", "releases": "{lang}/releases/index.html",
         "figures": "{lang}/figures/index.html", "changes": "{lang}/changes/index.html",
         "root": "index.html", "notfound": "404.html"}
# The sample names no place of detention and no article: these kinds are measured on the register
# fixture (tests/fixtures/register).
REGISTER_PAGES = {"place": "{lang}/places/example-penal-colony/index.html", "article": "{lang}/articles/342/index.html",
                  "letters": "{lang}/letters/index.html", "person": "{lang}/people/maryia-rearrested/index.html"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The sample site of content/, with every page kind."""
    project = Project(tmp_path_factory.mktemp("phone"))
    from helpers import run_cli
    result = run_cli("build", "--content", ROOT / "content", "--templates", ROOT / "templates", "--out", project.out,
                     "--no-search", cwd=project.root)
    assert result.code == 0, result.err
    return project


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The test fixture with places, articles and a person in the long form."""
    project = Project(tmp_path_factory.mktemp("phone-register"))
    project.add_register()
    result = project.build("--no-search")
    assert result.code == 0, result.err
    return project


def test_every_page_kind_is_covered(sample: Project) -> None:
    from factfile.site.pages import KINDS
    assert {kind.name for kind in KINDS} == set(PAGES) | set(REGISTER_PAGES)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_on_a_phone(sample: Project, register: Project, browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    wide = []
    for site, kind, template in [(sample, k, t) for k, t in PAGES.items()] + [(register, k, t) for k, t in
                                                                                REGISTER_PAGES.items()]:
        if kind == "root":  # it leads at once to a home page, measured as such
            continue
        for lang in LANGS if "{lang}" in template else ["en"]:
            path = site.out / template.format(lang=lang)
            assert path.is_file(), path
            page.goto(path.as_uri())
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                culprit = page.evaluate("""w => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 0.5)
                    .slice(-1).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))""", width)
                wide.append(f"{kind} {lang}: {scroll}px {culprit}")
    context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("chart", ["index.html", "figures/index.html"])
@pytest.mark.parametrize("lang", LANGS)
def test_chart_text_is_at_least_eleven_pixels_at_390(sample: Project, browser, lang: str, chart: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto((sample.out / f"{lang}/{chart}").as_uri())
    sizes = page.eval_on_selector_all(".chart text", """els => els.map(e =>
        parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a)""")
    page.close()
    assert sizes and min(sizes) >= 11, sizes


def test_the_language_links_hold_their_place_in_every_language(sample: Project, browser) -> None:
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 800})
        places = set()
        for lang in LANGS:
            page.goto((sample.out / f"{lang}/people/index.html").as_uri())
            places.add(tuple(round(v) for v in page.eval_on_selector_all(
                ".languages li", "els => els.map(e => e.getBoundingClientRect().left)")))
        page.close()
        assert len(places) == 1, (width, places)


@pytest.mark.parametrize("lang", LANGS)
def test_status_choices_are_not_cut_on_a_phone(sample: Project, browser, lang: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto((sample.out / f"{lang}/people/index.html").as_uri())
    cut = page.eval_on_selector_all("#finder select[name=status]", """els => els.filter(s => {
        const pen = document.createElement('canvas').getContext('2d');
        pen.font = getComputedStyle(s).font;
        const widest = Math.max(...[...s.options].map(o => pen.measureText(o.text).width));
        return widest + 32 > s.clientWidth;  // the padding and the arrow
    }).map(s => s.name)""")
    page.close()
    assert not cut, cut
