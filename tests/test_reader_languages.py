"""Every language done properly: catalogues, dates, plurals, lang/dir, alternates, fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from helpers import TEMPLATES, Project

CATALOGUES = TEMPLATES / "i18n"


def _keys(lang: str) -> set[str]:
    return set(yaml.safe_load((CATALOGUES / f"{lang}.yaml").read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_catalogue_has_every_key_of_the_default(lang: str) -> None:
    missing = _keys("en") - _keys(lang)
    assert not missing, f"{lang}.yaml lacks {sorted(missing)}"


def test_a_key_missing_from_a_translation_fails_the_build_naming_the_key(project: Project, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    import shutil
    shutil.copytree(TEMPLATES, templates)
    ru = templates / "i18n" / "ru.yaml"
    ru.write_text("\n".join(line for line in ru.read_text(encoding="utf-8").splitlines()
                            if not line.startswith("letters.title:")) + "\n", encoding="utf-8")
    from helpers import run_cli
    result = run_cli("build", "--content", project.content, "--templates", templates, "--out", project.out)
    assert result.code == 1
    assert "letters.title" in result.err and "ru.yaml" in result.err
    assert not project.out.exists()


def test_dates_follow_each_languages_conventions(built_fixture: Project) -> None:
    expected = {"en": "20 November 2021", "be": "20 лістапада 2021 г.", "ru": "20 ноября 2021 г."}
    for lang, text in expected.items():
        page = built_fixture.page(f"{lang}/people/jane-example/")
        # CLDR keeps "г." with its year by a narrow no-break space.
        times = [t.get_text().replace("\u202f", " ") for t in page.select(".facts time")]
        assert text in times, (lang, times)


def test_approximate_dates_are_marked_in_words(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/ivan-sample/")
    assert "c. 2020" in [t.get_text() for t in page.select(".facts time")]


def test_sentence_terms_use_plural_forms(project: Project) -> None:
    for slug, term in (("three", "P3Y"), ("five", "P5Y")):
        project.write(f"people/{slug}.yaml", f"""
            name: Test {slug}
            status: imprisoned
            sentence: {{term: {term}}}
            sources: [example-report]
            """)
    assert project.build().code == 0
    def sentence(lang: str, slug: str) -> str:
        rows = project.page(f"{lang}/people/{slug}/").select(".facts > div")
        return next(r.dd.get_text(" ", strip=True) for r in rows if r.dt.get_text() in ("Sentence", "Прысуд", "Приговор"))
    assert "3 гады" in sentence("be", "three")
    assert "5 гадоў" in sentence("be", "five")
    assert "3 года" in sentence("ru", "three")
    assert "5 лет" in sentence("ru", "five")
    assert "3 years" in sentence("en", "three")


def test_html_lang_and_hreflang_alternates(built_fixture: Project) -> None:
    for lang in ("en", "be", "ru"):
        page = built_fixture.page(f"{lang}/people/jane-example/")
        assert page.html["lang"] == lang and page.html["dir"] == "ltr"
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert set(alternates) == {"en", "be", "ru"}
        for other, href in alternates.items():
            target = (built_fixture.out / f"{lang}/people/jane-example" / href).resolve()
            assert target == (built_fixture.out / f"{other}/people/jane-example/index.html").resolve()


def test_absolute_alternates_and_canonical_with_base_url(project: Project) -> None:
    site = (project.content / "site.yaml").read_text(encoding="utf-8")
    project.write("site.yaml", site + "base_url: https://example.org/files/\n")
    assert project.build().code == 0
    page = project.page("be/people/jane-example/")
    assert page.find("link", rel="canonical")["href"] == "https://example.org/files/be/people/jane-example/"
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en": "https://example.org/files/en/people/jane-example/",
                          "be": "https://example.org/files/be/people/jane-example/",
                          "ru": "https://example.org/files/ru/people/jane-example/",
                          "x-default": "https://example.org/files/en/people/jane-example/"}


def test_no_address_to_any_host_without_base_url(built_fixture: Project) -> None:
    page = built_fixture.page("en/people/jane-example/")
    assert page.find("link", rel="canonical") is None
    assert page.find("meta", property="og:url") is None


@pytest.mark.parametrize("lang", ["ar", "he"])
def test_a_right_to_left_language_without_a_catalogue_builds_rtl_with_a_warning(project: Project, lang: str) -> None:
    site = (project.content / "site.yaml").read_text(encoding="utf-8")
    project.write("site.yaml", site.replace("languages: [en, be, ru]", f"languages: [en, be, ru, {lang}]"))
    result = project.build()
    assert result.code == 0, result.err
    assert f"no interface text for '{lang}'" in result.err and "warning" in result.err
    page = project.page(f"{lang}/people/jane-example/")
    assert page.html["lang"] == lang and page.html["dir"] == "rtl"
    assert page.find("a", class_="skip").get_text() == "Skip to content"  # the default language's words
    assert project.page("en/").html["dir"] == "ltr"
    strict = project.build("--strict")
    assert strict.code == 1 and f"no interface text for '{lang}'" in strict.err


def test_untranslated_site_text_stays_plain_inside_title_and_meta(built_fixture: Project) -> None:
    # site.yaml's description exists only in English: in <title> and attributes it must not carry markup.
    for path in ("be/", "ru/people/", "be/people/jane-example/", "root"):
        raw = (built_fixture.out / ("index.html" if path == "root" else path + "index.html")).read_text(encoding="utf-8")
        head = raw.split("</head>")[0]
        assert "<span" not in head, path


@pytest.mark.browser
def test_right_to_left_page_does_not_overflow_a_phone(project: Project, browser) -> None:
    site = (project.content / "site.yaml").read_text(encoding="utf-8")
    project.write("site.yaml", site.replace("languages: [en, be, ru]", "languages: [en, be, ru, ar]"))
    assert project.build().code == 0
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto((project.out / "ar/people/jane-example/index.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    sentence = page.locator(".facts > div", has_text="Sentence").locator("dd").inner_text()
    assert sentence.count("months") <= 1  # no repeated list item
    page.close()


def test_a_key_missing_from_the_default_catalogue_names_the_key(project: Project, tmp_path: Path) -> None:
    import shutil

    from helpers import run_cli
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    for lang in ("en", "be", "ru"):
        path = templates / "i18n" / f"{lang}.yaml"
        path.write_text("\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("custody.held_for:")) + "\n", encoding="utf-8")
    result = run_cli("build", "--content", project.content, "--templates", templates, "--out", project.out)
    assert result.code == 1 and "custody.held_for" in result.err
    assert "Traceback" not in result.err and not project.out.exists()
