"""Arbitrary input to the date parser, the YAML reader and the validator gives a result or a
content error, never an exception."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factfile.content import model, rules
from factfile.content.dates import DateError, PartialDate, parse_date, parse_term
from factfile.content.validate import INVALID, Reader
from factfile.content.yamlload import YamlError, parse
from factfile.problems import Problems

pytestmark = pytest.mark.slow

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DATE_LIKE = st.from_regex(r"\A\s?[0-9]{1,5}(-[0-9]{1,3}(-[0-9]{1,3})?)?[~?]?\s?\Z")


@SETTINGS
@given(st.one_of(st.text(), DATE_LIKE))
def test_a_date_parses_or_is_refused_with_a_message(raw: str) -> None:
    try:
        date = parse_date(raw)
    except DateError as exc:
        assert exc.message
        return
    assert isinstance(date, PartialDate)
    assert date.earliest() <= date.latest()
    assert parse_date(str(date)) == date  # what is shown reads back the same


@SETTINGS
@given(st.one_of(st.text(), st.from_regex(r"\A[Pp][0-9]{0,6}[YMWD]?([0-9]{0,4}[YMWD])?\Z")))
def test_a_term_parses_or_is_refused_with_a_message(raw: str) -> None:
    try:
        term = parse_term(raw)
    except DateError as exc:
        assert exc.message
        return
    assert parse_term(term.iso()) == term


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_read_as_yaml_or_fail_with_a_position(data: bytes) -> None:
    try:
        parse(data)
    except YamlError as exc:
        assert exc.line >= 1 and exc.column >= 1 and exc.message


def _field_names(cls: type) -> list[str]:
    names = []
    for f in dataclasses.fields(cls):
        names.append(f.name)
    return names


FIELD_NAMES = sorted({name for cls in (model.Person, model.Event, model.Source, model.Sentence, model.Trial,
                                        model.Charge, model.Photo, model.Recognition, model.PlaceOfDetention)
                      for name in _field_names(cls)} | {"en", "be", "ru", "de", "<<"})

SCALARS = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
    st.dates(min_value=datetime.date(1, 1, 1)),
    st.sampled_from(["released", "imprisoned", "2024", "2024-02-30", "2021~", "P3Y", "BY", "no", "NO",
                     "https://example.org/", "javascript:alert(1)", "example-report", "person-1", "", " "]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), inner,
                                                max_size=6)), max_leaves=25)
RECORDS = st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=12)


@SETTINGS
@given(RECORDS, st.sampled_from([model.Person, model.Event, model.Source, model.Site]))
def test_any_record_is_read_or_refused_with_problems(record: dict, cls: type) -> None:
    text = yaml.safe_dump(record, allow_unicode=True)
    problems = Problems()
    try:
        node = parse(text.encode("utf-8"))
    except YamlError:
        return
    if node is None:
        return
    reader = Reader("content/x.yaml", ["en", "be", "ru"], problems)
    given_fields = {"slug": "x", "origin": reader.origin} if cls in (model.Person, model.Event) else {}
    value = reader.record(node, cls, "", **given_fields)
    if value is INVALID:
        assert problems.errors
        assert all(p.file == "content/x.yaml" for p in problems.items)
        return
    assert isinstance(value, cls)
    if cls is model.Person:
        rules.check_person(value, problems)
    elif cls is model.Event:
        rules.check_event(value, problems)
