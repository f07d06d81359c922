"""Partial dates and terms: parsing, ordering and the mistakes they catch."""

from __future__ import annotations

import pytest

from factfile.content.dates import DateError, PartialDate, Term, certainly_before, parse_date, parse_term


@pytest.mark.parametrize("raw, expected", [
    ("2025", PartialDate(2025)),
    ("2025-02", PartialDate(2025, 2)),
    ("2025-02-12", PartialDate(2025, 2, 12)),
    ("2021~", PartialDate(2021, qualifier="~")),
    ("2021-06?", PartialDate(2021, 6, qualifier="?")),
    ("2024-02-29", PartialDate(2024, 2, 29)),
])
def test_parse(raw: str, expected: PartialDate) -> None:
    assert parse_date(raw) == expected
    assert str(parse_date(raw)) == raw


@pytest.mark.parametrize("raw, message", [
    ("2025-02-30", "day 30 does not exist"),
    ("2023-02-29", "day 29 does not exist"),
    ("1990-13-01", "month 13 does not exist"),
    ("2025-00", "month 0 does not exist"),
    ("25-02-12", "is not a date"),
    ("2025/02/12", "is not a date"),
    ("February 2025", "is not a date"),
    ("2021~?", "is not a date"),
    ("0999", "out of range"),
])
def test_reject(raw: str, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_date(raw)


def test_sorting_puts_partial_dates_before_the_days_they_contain() -> None:
    dates = [parse_date(d) for d in ["2025-02-12", "2025", "2024-12", "2025-02"]]
    assert [str(d) for d in sorted(dates, key=lambda d: d.sort_key)] == ["2024-12", "2025", "2025-02", "2025-02-12"]


def test_certainly_before_is_conservative() -> None:
    assert certainly_before(parse_date("2020"), parse_date("2021-01-01"))
    assert not certainly_before(parse_date("2021"), parse_date("2021-06"))
    assert not certainly_before(parse_date("2021-06-02"), parse_date("2021-06"))


@pytest.mark.parametrize("raw, expected", [
    ("P6Y", Term(6)), ("P2Y6M", Term(2, 6)), ("P18M", Term(1, 6)), ("P2W", Term(days=14)), ("p1y", Term(1)),
])
def test_terms(raw: str, expected: Term) -> None:
    assert parse_term(raw) == expected


@pytest.mark.parametrize("raw, hint", [("ten years", "for example P6Y"), ("6 years", "try P6Y"), ("P", ""), ("6Y", "")])
def test_bad_terms(raw: str, hint: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_term(raw)
    assert hint in caught.value.hint


@pytest.mark.parametrize("raw", ["٢٠٢٥", "２０２５-０２", "2025-٠٢"])
def test_only_ascii_digits_make_a_date(raw: str) -> None:
    with pytest.raises(DateError):
        parse_date(raw)
    with pytest.raises(DateError):
        parse_term(f"P{raw}Y")
