"""The pages readers act on, read as a reader sees them: a place of detention, an article, the
letters page and the releases page (issue 16)."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from helpers import REARRESTED, Project

from factfile.site.peoplelists import next_birthday

BUILT = datetime.date(2026, 3, 25)
EPOCH = str(int(datetime.datetime(2026, 3, 25, 12, tzinfo=datetime.UTC).timestamp()))
COLONY = "places/example-penal-colony/"
REMAND = "places/example-remand-prison/"
WITHHELD_LABEL = "Foreign citizen, name not published"


@pytest.fixture
def register(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The register fixture (places, articles, a re-arrested person), built on 25 March 2026."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project.add_register()
    return project


def held(project: Project, slug: str, born: str, place: str = "example-penal-colony", article: str = "342") -> None:
    """Write a person held now at a place of the register fixture, charged under an article."""
    project.write(f"people/{slug}.yaml", f"""
        name: {slug.replace("-", " ").title()}
        status: imprisoned
        born: {born}
        custody:
          - from: 2022-01-10
            places:
              - place: {place}
        cases:
          - charges:
              - article: "{article}"
            verdict: 2022-06-01
            sentence:
              term: P8Y
        sources: [example-report]
        """)


def shown(items: list) -> list[str]:
    """Return the text of the list items a reader sees without the script (no hidden attribute)."""
    return [li.get_text(" ", strip=True) for li in items if not li.has_attr("hidden")]


def names(section) -> list[str]:
    return [a.get_text(strip=True) for a in section.select("ul.people-list a")] if section else []


def section(page: BeautifulSoup, heading_id: str):
    found = page.find(id=heading_id)
    return found.find_parent("section") if found else None


# Letters ---------------------------------------------------------------------------------------

def test_a_birthday_in_10_days_is_listed_and_one_in_40_days_is_not(register: Project) -> None:
    soon, later = BUILT + datetime.timedelta(days=10), BUILT + datetime.timedelta(days=40)
    held(register, "olga-soon", f"1985-{soon.month:02d}-{soon.day:02d}")
    held(register, "pavel-later", f"1979-{later.month:02d}-{later.day:02d}")
    assert register.build().code == 0
    page = register.page("en/letters/")
    upcoming = shown(page.select("ol[data-soon=birthday] li"))
    assert any("Olga Soon" in line for line in upcoming)
    assert not any("Pavel Later" in line for line in upcoming)
    # Both are written to all the same, in the list by month, with the address of their place.
    everyone = {li.select_one(".who a").get_text(): li for li in page.select("ul.addresses li")}
    assert {"Olga Soon", "Pavel Later", "Maryia Rearrested", "Jane Example"} <= set(everyone)
    address = everyone["Pavel Later"].address.get_text(" ", strip=True)
    assert "99 Colony road" in address and "Example Penal Colony No. 99" in address
    # The script recounts from each item's month and day; the one 40 days off waits hidden.
    later_item = [li for li in page.select("ol[data-soon=birthday] li") if "Pavel Later" in li.get_text()]
    assert later_item[0].has_attr("hidden") and later_item[0]["data-date"] == f"{later.month:02d}-{later.day:02d}"
    assert page.select_one('script[src$="static/soon.js"]') is not None


def test_birthdays_by_month_in_every_language_and_the_how_to(register: Project) -> None:
    register.write("pages/letters.yaml", """
        title: {en: How to write, be: Як пісаць, ru: Как писать}
        body:
          en: Write by hand.
          be: Пішыце ад рукі.
          ru: Пишите от руки.
        """)
    assert register.build().code == 0
    for lang, april, howto in (("en", "April", "Write by hand."), ("be", "Красавік", "Пішыце ад рукі."),
                               ("ru", "Апрель", "Пишите от руки.")):
        page = register.page(f"{lang}/letters/")
        assert page.select_one(".howto").get_text(strip=True) == howto
        # Maryia and Jane were both born on 2 April.
        assert [h.get_text() for h in section(page, "by-month").select("h3")] == [april]
    # The content page is the letters page's how-to: the foot's link to it leads to the letters page.
    assert [a.get_text() for a in register.page("en/").select('a[href="letters/index.html"]')] == [
        "Write a letter", "Write to them", "How to write"]


def test_a_withheld_person_never_appears_on_the_letters_page(register: Project) -> None:
    register.write("people/foreign-citizen.yaml", f"""
        identity_withheld: true
        label:
          en: {WITHHELD_LABEL}
        status: imprisoned
        custody:
          - from: 2024-03-01
            places:
              - place: example-penal-colony
        cases:
          - charges:
              - article: "342"
        sources: [example-report]
        """)
    assert register.build().code == 0
    letters = (register.out / "en/letters/index.html").read_text(encoding="utf-8")
    assert WITHHELD_LABEL not in letters and "foreign-citizen" not in letters
    # On the place and the article pages, only by the label, linking to the profile.
    for path in (COLONY, "articles/342/"):
        page = register.page(f"en/{path}")
        link = [a for a in page.select("ul.people-list a") if "foreign-citizen" in a["href"]]
        assert [a.get_text() for a in link] == [WITHHELD_LABEL]


# Places ----------------------------------------------------------------------------------------

def test_a_place_page_shows_the_address_ready_for_an_envelope(register: Project) -> None:
    assert register.build().code == 0
    page = register.page(f"en/{COLONY}")
    assert page.h1.get_text() == "Example Penal Colony No. 99"
    assert page.select_one(".meta").get_text(" ", strip=True).startswith("Penal colony · Colonyville")
    address = page.select_one("address#postal-address")
    # The address exactly as content writes it for an envelope, nothing added.
    assert address.get_text() == "Example Penal Colony No. 99, 99 Colony road, 000099 Colonyville"
    copy = page.select_one("button[data-copy=postal-address]")
    assert copy.find_parent("p").has_attr("hidden")  # shown only by the script, where it can copy
    assert "March 2024" in page.select_one(".checked").get_text()
    assert "Letters in Belarusian or Russian" in page.select_one("section.rules").get_text()
    assert page.select_one("ol.sources li").get_text(" ", strip=True).startswith("Example report")
    ru = register.page(f"ru/{COLONY}")
    assert ru.h1.get_text() == "Примерная исправительная колония № 99"
    assert section(ru, "held-now").h2.get_text() == "Содержатся здесь сейчас"


def test_a_transfer_moves_a_person_between_two_place_pages(register: Project) -> None:
    assert register.build().code == 0
    assert names(section(register.page(f"en/{COLONY}"), "held-now")) == ["Maryia Rearrested"]
    assert names(section(register.page(f"en/{REMAND}"), "held-now")) == []
    assert names(section(register.page(f"en/{REMAND}"), "held-before")) == ["Maryia Rearrested"]
    register.edit(REARRESTED, "        sources: [example-court-record]\n",
                  "        sources: [example-court-record]\n"
                  "      - place: example-remand-prison\n        from: 2025-06-01\n")
    assert register.build().code == 0
    assert names(section(register.page(f"en/{REMAND}"), "held-now")) == ["Maryia Rearrested"]
    colony = register.page(f"en/{COLONY}")
    assert names(section(colony, "held-now")) == []
    assert names(section(colony, "held-before")) == ["Maryia Rearrested"]
    assert "Nobody on this site is held here now." in section(colony, "held-now").get_text()


def test_profiles_link_their_places_and_articles(register: Project) -> None:
    assert register.build().code == 0
    profile = register.page("en/people/maryia-rearrested/")
    places = [a["href"] for a in profile.select("section.custody-history ol.places a[href*=places]")]
    assert "../../places/example-penal-colony/index.html" in places
    charges = {a.get_text(): a["href"] for a in profile.select("section.cases a[href*=articles]")}
    assert charges == {"Article 24.23": "../../articles/24_23/index.html", "Article 342": "../../articles/342/index.html"}
    for href in [*places, *charges.values()]:
        assert (register.out / "en/people/maryia-rearrested" / href).resolve().is_file(), href


# Articles --------------------------------------------------------------------------------------

def test_an_article_page_counts_by_status_and_term(register: Project) -> None:
    register.write("people/ivan-sample.yaml", """
        name: Ivan Sample
        status: released
        detained: 2020~
        released: 2024-02
        charges:
          - article: "342"
        sentence:
          term: P3Y6M
        sources: [example-report]
        """)
    assert register.build().code == 0
    page = register.page("en/articles/342/")
    assert page.h1.get_text() == "Article 342"
    assert "grossly violate public order" in page.select_one(".lead").get_text()
    tables = page.select("table.figures")
    by_status = {r.th.get_text(strip=True): r.td.get_text() for r in tables[0].select("tbody tr")}
    assert by_status == {"Imprisoned": "2", "Released": "1"}
    terms = [(r.th.get_text(), r.td.get_text()) for r in tables[1].select("tbody tr")]
    assert terms == [("3 years 6 months", "2"), ("5 years", "1")]
    assert "3 people on this site were charged" in page.get_text()
    # Held now first: the released person comes last, whatever the alphabet says.
    assert names(section(page, "charged")) == ["Jane Example", "Maryia Rearrested", "Ivan Sample"]
    ru = register.page("ru/articles/342/")
    assert "3 человека с этого сайта обвинены" in ru.get_text()


def test_article_ids_make_safe_folders(register: Project) -> None:
    register.write("articles.yaml", (register.content / "articles.yaml").read_text(encoding="utf-8") + """
"361-1":
  code: criminal
  title: Calls for actions against national security
""")
    assert register.build().code == 0
    assert (register.out / "en/articles/24_23/index.html").is_file()
    assert (register.out / "be/articles/361-1/index.html").is_file()
    register.write("articles.yaml", (register.content / "articles.yaml").read_text(encoding="utf-8") + """
"361-1A":
  code: criminal
  title: One
"361-1a":
  code: criminal
  title: Two
""")
    result = register.check()
    assert result.code == 1
    assert "articles.yaml:" in result.err and "361-1a: differs from article '361-1A' only in case" in result.err


# Releases --------------------------------------------------------------------------------------

def test_releases_expected_within_90_days_and_everyone_released(register: Project,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert register.build().code == 0
    page = register.page("en/releases/")
    expected = page.select("ol[data-soon=date] li")
    # Maryia's five years from 12 May 2021 end on 11 May 2026: 47 days after the build date.
    assert shown(expected) == ["11 May 2026 Maryia Rearrested (if the sentence is served in full)"]
    assert expected[0].time["datetime"] == "2026-05-11"
    released = [li.get_text(" ", strip=True) for li in page.select("ol.released li")]
    assert released == ["February 2024 Ivan Sample"]
    # Built in January, the release is 130 days off: listed for the script, hidden without it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC).timestamp())))
    assert register.build().code == 0
    page = register.page("en/releases/")
    assert shown(page.select("ol[data-soon=date] li")) == []
    assert not page.select_one("[data-soon-none]").has_attr("hidden")


def test_released_newest_first_with_uncertain_dates_kept_uncertain(register: Project) -> None:
    register.write("people/old-release.yaml", """
        name: Old Release
        status: released
        detained: 2019
        released: 2019-12~
        sources: [example-report]
        """)
    assert register.build().code == 0
    released = [li.get_text(" ", strip=True) for li in register.page("en/releases/").select("ol.released li")]
    assert released == ["February 2024 Ivan Sample", "c. December 2019 Old Release"]


# Safety ----------------------------------------------------------------------------------------

def test_hostile_text_in_a_place_is_shown_as_text(register: Project) -> None:
    register.edit("places/example-penal-colony.yaml", "  en: Example Penal Colony No. 99\n",
                  '  en: "<script>alert(1)</script> Colony"\n')
    register.edit("places/example-penal-colony.yaml", "letters: |\n",
                  "letters: |\n  <script>alert(2)</script><img src=x onerror=alert(3)> [x](javascript:alert(4))\n")
    assert register.build().code == 0
    for path in (COLONY, "letters/", "people/maryia-rearrested/"):
        html = (register.out / "en" / path / "index.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        assert all(script.get("src") for script in page.find_all("script") if script.get("type") != "application/ld+json")
        assert "<script>alert" not in html and "onerror" not in html and "javascript:" not in html
        assert page.find("img", src="x") is None
    assert "<script>alert(1)</script> Colony" in register.page(f"en/{COLONY}").h1.get_text()


def test_an_unknown_place_or_article_fails_the_check_with_its_position(register: Project) -> None:
    register.edit(REARRESTED, "      - place: example-remand-prison\n", "      - place: example-remand-prisn\n")
    register.edit(REARRESTED, 'article: "342"', 'article: "343"')
    result = register.check("--strict")
    assert result.code == 1
    assert "content/people/maryia-rearrested.yaml:19:16: custody[1].places[1].place: unknown place 'example-remand-prisn'" in result.err
    assert "content/people/maryia-rearrested.yaml:33:18: warning: cases[1].charges[0].article: article '343' is not listed in content/articles.yaml" in result.err


def test_next_birthday_keeps_29_february_on_28_february() -> None:
    assert next_birthday(2, 29, datetime.date(2027, 2, 1)) == datetime.date(2027, 2, 28)
    assert next_birthday(2, 29, datetime.date(2028, 2, 1)) == datetime.date(2028, 2, 29)
    assert next_birthday(1, 5, datetime.date(2026, 12, 30)) == datetime.date(2027, 1, 5)
    assert next_birthday(3, 25, BUILT) == BUILT


# The script ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_a_week_old_build_lists_the_right_birthdays_and_releases(register: Project, browser) -> None:
    """Built on 25 March, read on 1 April and in May: the script counts the lists for the reader's day."""
    held(register, "olga-soon", "1985-04-28")  # 34 days after the build: hidden by the build
    assert register.build().code == 0
    page = browser.new_page()
    page.clock.set_fixed_time(datetime.datetime(2026, 4, 1, 12, 0))
    page.goto((register.out / "en/letters/index.html").as_uri())
    visible = page.locator("ol[data-soon=birthday] li:visible")
    assert visible.all_inner_texts() == ["2 April Jane Example", "2 April Maryia Rearrested", "28 April Olga Soon"]
    assert page.locator("[data-soon-as-of]").is_hidden()  # the build's "as of" no longer holds
    page.clock.set_fixed_time(datetime.datetime(2026, 4, 3, 12, 0))
    page.reload()
    assert page.locator("ol[data-soon=birthday] li:visible").all_inner_texts() == ["28 April Olga Soon"]
    # A release whose day has passed leaves the list, and the list says so.
    page.clock.set_fixed_time(datetime.datetime(2026, 5, 20, 12, 0))
    page.goto((register.out / "en/releases/index.html").as_uri())
    assert page.locator("ol[data-soon=date] li:visible").count() == 0
    assert page.locator("[data-soon-none]").is_visible()
    page.close()


@pytest.mark.browser
def test_the_copy_button_stays_hidden_where_it_cannot_copy(register: Project, browser) -> None:
    assert register.build().code == 0
    page = browser.new_page()
    # Opened from disk the page is not a secure context for the clipboard in every browser; where
    # the clipboard cannot be written the button never shows, and the address stays to select.
    page.goto((register.out / f"en/{COLONY}index.html").as_uri())
    secure = page.evaluate("window.isSecureContext && !!navigator.clipboard")
    assert page.locator("button[data-copy]").is_visible() == secure
    assert page.locator("address#postal-address").is_visible()
    page.close()


@pytest.mark.parametrize("slug", ["places", "articles", "releases"])
def test_a_content_page_may_not_take_the_address_of_the_new_pages(project: Project, slug: str) -> None:
    project.write(f"pages/{slug}.yaml", "title: A page\nbody: Text.\n")
    result = project.check()
    assert result.code == 1 and f"content/pages/{slug}.yaml:1:1: '{slug}' is the address of" in result.err


def test_a_birthday_known_only_to_the_month_or_the_year(register: Project) -> None:
    held(register, "july-only", "1985-07")
    held(register, "year-only", "1985")
    held(register, "about-march", "1985-03-30~")  # approximate: not a day to send a card on
    assert register.build().code == 0
    page = register.page("en/letters/")
    groups = {h.get_text(): [a.get_text() for a in h.find_next_sibling("ul").select(".who > a")]
              for h in section(page, "by-month").select("h3")}
    assert list(groups) == ["April", "July", "Birthday not known"]
    assert groups["July"] == ["July Only"] and groups["Birthday not known"] == ["About March", "Year Only"]
    upcoming = " ".join(li.get_text() for li in page.select("ol[data-soon=birthday] li"))
    assert "July Only" not in upcoming and "About March" not in upcoming and "Year Only" not in upcoming
