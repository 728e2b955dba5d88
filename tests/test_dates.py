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


# --- date intervals: the days a partial date allows, nothing more --------------------------------------------

from eurasia_data.models import Dated, date_interval  # noqa: E402


@given(partial)
def test_interval_is_exactly_the_days_the_partial_date_allows(parts):
    year, month, day = parts
    low, high = date_interval(year, month, day)
    assert low <= high
    assert low.year == high.year == year
    if month is None:
        assert (low.month, low.day, high.month, high.day) == (1, 1, 12, 31)
    else:
        assert low.month == high.month == month
        assert low.day == (day or 1)
        if day is not None:
            assert low == high == dt.date(year, month, day)
        else:  # the day after the last day is in another month (month ends, leap years)
            assert (high + dt.timedelta(days=1)).month != month
    # the day before the first day is outside the partial date
    before = low - dt.timedelta(days=1)
    assert (before.year, before.month if month else None, before.day if day else None) != parts


@given(partial, partial)
def test_model_derives_both_intervals(start, end):
    start, end = sorted([start, end], key=lambda p: (p[0], p[1] or 0, p[2] or 0))
    m = Membership(membership_id="x", org_id="CIS", member_id="GEO", event="left", source_ids=["wei-cis"],
                   year=start[0], month=start[1], day=start[2], date_precision="day" if start[2] else "month" if start[1] else "year",
                   end_year=end[0], end_month=end[1], end_day=end[2])
    assert (m.date_min, m.date_max) == date_interval(*start)
    assert (m.end_date_min, m.end_date_max) == date_interval(*end)


@pytest.mark.parametrize("parts, low, high", [
    ((2000, 2, None), "2000-02-01", "2000-02-29"),  # divisible by 400: leap
    ((1900, 2, None), "1900-02-01", "1900-02-28"),  # divisible by 100: not leap
    ((2012, 2, 29), "2012-02-29", "2012-02-29"),
    ((2001, None, None), "2001-01-01", "2001-12-31"),
    ((2001, 6, None), "2001-06-01", "2001-06-30"),
    ((2001, 12, None), "2001-12-01", "2001-12-31"),
    ((2001, 4, None), "2001-04-01", "2001-04-30"),
])
def test_interval_hand_checked(parts, low, high):
    assert date_interval(*parts) == (dt.date.fromisoformat(low), dt.date.fromisoformat(high))


def test_undated_record_has_null_intervals():
    m = Membership(membership_id="x", org_id="CIS", member_id="GEO", event="left", source_ids=["wei-cis"])
    assert (m.date_min, m.date_max, m.end_date_min, m.end_date_max) == (None, None, None, None)


def test_intervals_are_recomputed_not_taken_as_given():
    m = Membership(membership_id="x", org_id="CIS", member_id="GEO", event="left", source_ids=["wei-cis"], year=2009,
                   date_precision="year", date_min=dt.date(1900, 1, 1))
    assert m.date_min == dt.date(2009, 1, 1)


def test_published_tables_carry_the_intervals():
    """Every dated table has the four columns as datetime64, and they agree with year/month/day on every row."""
    import pandas as pd

    import eurasia_data
    from eurasia_data import models
    from eurasia_data.tables import TABLES

    dated = [n for n, t in TABLES.items() if issubclass(getattr(models, t.model), Dated)]
    assert set(dated) >= {"agreements", "agreement_events", "exercises", "pipeline_events", "memberships", "trade_figures", "indicators"}
    for name in dated:
        df = eurasia_data.load(name)
        for prefix in ("", "end_"):
            for col in (f"{prefix}date_min", f"{prefix}date_max"):
                assert pd.api.types.is_datetime64_dtype(df[col]), (name, col, df[col].dtype)
            for row in df[[f"{prefix}year", f"{prefix}month", f"{prefix}day", f"{prefix}date_min", f"{prefix}date_max"]].itertuples(index=False):
                y, m, d, low, high = row
                want = date_interval(*(None if pd.isna(v) else int(v) for v in (y, m, d)))
                got = tuple(None if pd.isna(v) else v.date() for v in (low, high))
                assert got == want, (name, row)
        undated = df.year.isna()
        assert df.loc[undated, "date_min"].isna().all() and df.loc[~undated, "date_min"].notna().all()


def test_pandas_can_compute_with_the_intervals():
    """What failed before: arithmetic on partial dates. The midpoint of every interval is a real day."""
    import eurasia_data

    df = eurasia_data.load_agreements()
    dated = df[df.date_min.notna()]
    mid = dated.date_min + (dated.date_max - dated.date_min) / 2
    assert (mid.dt.year == dated.year.astype(int)).all()
