"""Partial dates: what the curator writes, what the models accept, and nothing invented."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from builder.dates import format_partial_date, parse_partial_date
from eurasia_data.models import Membership

partial = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([(d.year, None, None), (d.year, d.month, None), (d.year, d.month, d.day)])
)


@given(partial)
def test_round_trip_keeps_precision(parts):
    text = format_partial_date(*parts)
    year, month, day, precision = parse_partial_date(text)
    assert (year, month, day) == parts
    assert precision == ("day" if parts[2] else "month" if parts[1] else "year")


@given(partial)
def test_models_accept_every_partial_date(parts):
    year, month, day = parts
    precision = "day" if day else "month" if month else "year"
    m = Membership(membership_id="x", org_id="CIS", member_id="GEO", event="left", year=year, month=month, day=day,
                   date_precision=precision, source_ids=["wei-cis"])
    assert (m.year, m.month, m.day) == parts


@pytest.mark.parametrize("text", ["2014-13-40", "2014-13", "2014-02-30", "2023-02-29", "1992-5-15", "May 1992", "", "92"])
def test_impossible_or_malformed_dates(text):
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_leap_day():
    assert parse_partial_date("2012-02-29") == (2012, 2, 29, "day")


@pytest.mark.parametrize("fields, message", [
    (dict(year=2009, day=3, date_precision="day"), "day is given without a month"),
    (dict(year=2009, month=5, date_precision="year"), "date_precision must be 'month'"),
    (dict(year=2009, date_precision="year", end_year=2008), "end date is before"),
    (dict(year=2009, month=5, day=3, date_precision="day", end_year=2009, end_month=5, end_day=2), "end date is before"),
    (dict(end_year=2009), "end date needs a start"),
])
def test_models_reject_inconsistent_dates(fields, message):
    with pytest.raises(ValidationError, match=message):
        Membership(membership_id="x", org_id="CIS", member_id="GEO", event="left", source_ids=["wei-cis"], **fields)


def test_range_within_a_month_is_fine():
    m = Membership(membership_id="x", org_id="CIS", member_id="GEO", event="left", source_ids=["s"],
                   year=2009, month=5, date_precision="month", end_year=2009, end_month=5, end_day=20)
    assert m.end_day == 20
