"""What the register's model derives before any page is made: time in custody over every period,
the current place and its address, the expected release, who is held where and who was charged
under which article; and the same from the short form."""

from __future__ import annotations

import datetime

import pytest
from helpers import REARRESTED, Project

from factfile.content import history
from factfile.content.dates import PartialDate, Term, parse_date
from factfile.content.model import Appeal, Case, CaseSentence, CustodyPeriod, Origin, Person, Transfer

TODAY = datetime.date(2025, 2, 19)


def person(status: str = "imprisoned", custody: list | None = None, cases: list | None = None,
           **short: object) -> Person:
    return Person(slug="p", origin=Origin("p.yaml"), status=status, sources=["s"], custody=custody or [],
                  cases=cases or [], **short)  # type: ignore[arg-type]


def period(start: str, end: str | None = None, *places: tuple[str, str | None], kind: str | None = None
           ) -> CustodyPeriod:
    return CustodyPeriod(parse_date(start), parse_date(end) if end else None, kind,  # type: ignore[arg-type]
                         [Transfer(slug, parse_date(when) if when else None) for slug, when in places])


def case(verdict: str | None, term: str | None, start: str | None = None, outcome: str | None = None) -> Case:
    from factfile.content.dates import parse_term
    return Case(verdict=parse_date(verdict) if verdict else None,
                sentence=CaseSentence(parse_term(term) if term else None, None, parse_date(start) if start else None),
                appeal=Appeal(None, outcome) if outcome else None)  # type: ignore[arg-type]


REARRESTED_PERIODS = [period("2020-08-10", "2020-08-25", ("centre", None), kind="administrative"),
                      period("2021-05-12", None, ("centre", None), ("remand", "2021-05-15"), ("colony", "2022-02-01"),
                             kind="criminal")]


def test_time_in_custody_is_summed_over_every_period() -> None:
    held = person(custody=REARRESTED_PERIODS)
    total = history.total_held(held, TODAY)
    assert total is not None and total.exact_days == 15 + (TODAY - datetime.date(2021, 5, 12)).days
    assert (total.shortest.years, total.shortest.months, total.shortest.days) == (3, 9, 22)
    now = history.time_held(held, TODAY)  # the profile's figure while held: the current period
    assert now is not None and now.ongoing and (now.shortest.years, now.shortest.months, now.shortest.days) == (3, 9, 7)
    released = person("released", [REARRESTED_PERIODS[0], period("2021-05-12", "2024-05-12")])
    was = history.time_held(released, TODAY)  # afterwards: every period
    assert was is not None and not was.ongoing
    assert (was.shortest.years, was.shortest.months, was.shortest.days) == (3, 0, 15)


def test_a_total_from_partial_dates_is_a_range_never_more_than_its_dates_allow() -> None:
    vague = person("released", [period("2019", "2020"), period("2021-03", "2021-05~")])
    total = history.total_held(vague, TODAY)
    assert total is not None and total.precision == "year" and total.exact_days is None
    assert total.shortest.years == 0 and total.longest.years == 2  # 0 to 2 years: shown as "at least"
    assert total.at_least is not None and total.at_least.months >= 1


def test_days_of_several_periods_make_a_month_only_per_31() -> None:
    twice = person("released", [period("2020-01-01", "2020-01-21"), period("2020-03-01", "2020-03-21")])
    total = history.total_held(twice, TODAY)
    assert total is not None and (total.shortest.months, total.shortest.days) == (1, 9)  # 40 days
    assert total.exact_days == 40


def test_the_current_place_is_the_last_transfer_of_the_open_period() -> None:
    assert history.current_place(person(custody=REARRESTED_PERIODS)) == "colony"
    assert history.places(person(custody=REARRESTED_PERIODS)) == ["centre", "remand", "colony"]
    closed = [REARRESTED_PERIODS[0], period("2021-05-12", "2024-01-01", ("colony", None))]
    assert history.current_place(person("released", closed)) is None


@pytest.mark.parametrize("start, term, verdict, outcome, expected", [
    ("2021-05-12", "P5Y", "2021-11-20", None, datetime.date(2026, 5, 11)),
    ("2021-05-12", "P2Y6M", "2021-11-20", "upheld", datetime.date(2023, 11, 11)),
    ("2021-05-12", "P10D", "2021-05-13", None, datetime.date(2021, 5, 21)),
    ("2021-05-12~", "P5Y", "2021-11-20", None, None),  # approximate day: not sure to the day
    ("2021-05", "P5Y", "2021-11-20", None, None),  # month only
    ("2021-05-12", None, "2021-11-20", None, None),  # no term: open-ended
    ("2021-05-12", "P5Y", "2021-11-20", "overturned", None),
    ("2021-05-12", "P5Y", "2021-11-20", "retrial", None),
    ("2021-05-12", "P5Y", "2020-08-12", None, None),  # the verdict of the earlier period
])
def test_expected_release_only_when_sure_to_the_day(start: str, term: str | None, verdict: str,
                                                    outcome: str | None, expected: datetime.date | None) -> None:
    held = person(custody=[period("2020-08-10", "2020-08-25"), period(start)],
                  cases=[case(verdict, term, outcome=outcome)])
    assert history.expected_release(held) == expected


def test_expected_release_counts_from_the_sentences_own_start_and_the_latest_case() -> None:
    held = person(custody=[period("2021-05-12")],
                  cases=[case("2021-11-20", "P3Y"), case("2023-06-01", "P4Y", start="2021-06-01")])
    assert history.expected_release(held) == datetime.date(2025, 5, 31)
    assert history.expected_release(person("released", [period("2021-05-12", "2022-01-01")],
                                           [case("2021-11-20", "P3Y")])) is None


def test_the_short_form_is_one_period_and_one_case() -> None:
    from factfile.content.model import Charge, Sentence
    short = person("imprisoned", detained=parse_date("2021-05-12"),
                   charges=[Charge("342"), Charge("342"), Charge("130")],
                   sentence=Sentence(parse_date("2021-11-20"), Term(3)))
    assert [(p.start, p.end, p.held) for p in history.periods(short)] == [(PartialDate(2021, 5, 12), None, True)]
    assert history.articles(short) == ["342", "130"]
    assert history.expected_release(short) == datetime.date(2024, 5, 11)
    assert history.detained(short) == PartialDate(2021, 5, 12) and history.released(short) is None


def test_a_death_in_custody_is_not_a_release() -> None:
    died = person("deceased", [period("2020-01-01", "2020-02-01"), period("2021-01-01", "2022-03-03")],
                  died=parse_date("2022-03-03"))
    assert history.releases(died) == [PartialDate(2020, 2, 1)]
    assert history.released(died) is None


# Who is held where and who was charged under what: derived from every person, in the open data.

def test_places_and_articles_list_who_is_held_there_and_who_was_charged(project: Project) -> None:
    project.add_register()
    project.write("people/yan-moved.yaml", """
        name: Yan Moved
        status: detained
        custody:
          - from: 2023-01-10
            places:
              - place: example-detention-centre
              - place: example-remand-prison
                from: 2023-01-13
        cases:
          - charges: [{article: "342"}]
        sources: [example-report]
        """)
    assert project.build("--no-search").code == 0
    import json
    places = {p["slug"]: p for p in json.loads((project.out / "data/places.json").read_text())}
    assert places["example-penal-colony"]["held_now"] == ["maryia-rearrested"]
    assert places["example-remand-prison"]["held_now"] == ["yan-moved"]
    assert places["example-remand-prison"]["held_before"] == ["maryia-rearrested"]
    assert places["example-detention-centre"]["held_before"] == ["maryia-rearrested", "yan-moved"]
    articles = {a["id"]: a for a in json.loads((project.out / "data/articles.json").read_text())}
    assert articles["342"]["people"] == ["jane-example", "maryia-rearrested", "yan-moved"]  # either form
    assert articles["24.23"] == {"id": "24.23", "code": "administrative", "title": articles["24.23"]["title"],
                                 "people": ["maryia-rearrested"]}
    # A transfer moves a person from one place's "now" to its "before".
    project.edit("people/yan-moved.yaml", "        from: 2023-01-13",
                 "        from: 2023-01-13\n      - place: example-penal-colony\n        from: 2023-05-05")
    assert project.build("--no-search").code == 0
    places = {p["slug"]: p for p in json.loads((project.out / "data/places.json").read_text())}
    assert places["example-penal-colony"]["held_now"] == ["maryia-rearrested", "yan-moved"]
    assert places["example-remand-prison"]["held_now"] == []
    assert places["example-remand-prison"]["held_before"] == ["maryia-rearrested", "yan-moved"]


def test_current_place_gives_the_letter_address(project: Project) -> None:
    project.add_register()
    assert project.build("--no-search").code == 0
    letters = project.page(f"en/{REARRESTED.replace('.yaml', '/')}").select_one("section.letters address")
    assert "99 Colony road, 000099 Colonyville" in letters.get_text()
    # The address belongs to the place: changing it changes the letter block of everyone held there.
    project.edit("places/example-penal-colony.yaml", "99 Colony road", "101 New road")
    assert project.build("--no-search").code == 0
    letters = project.page(f"en/{REARRESTED.replace('.yaml', '/')}").select_one("section.letters address")
    assert "101 New road" in letters.get_text()
