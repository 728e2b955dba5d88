"""The Chinese amount parser: known examples, errors, and round-trip properties."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.amounts import AmountError, format_amount, parse_amount


@pytest.mark.parametrize(
    "text, unit_stated, value, unit",
    [
        ("1 兆 7,757 億 9,992 萬美元", None, 1_775_799_920_000, "USD"),
        ("1,908 億 1,427 萬美元", None, 190_814_270_000, "USD"),
        ("4,000億美元", None, 400_000_000_000, "USD"),
        ("4,000 億美元", None, 400_000_000_000, "USD"),
        ("26%", None, 26, "percent"),
        ("9.3 倍", None, 9.3, "times"),
        ("百分之二十六", None, 26, "percent"),
        ("300萬噸/年", None, 3_000_000, "t/yr"),
        ("每年380億立方米", None, 38_000_000_000, "m3/yr"),
        ("2.5萬億人民幣", None, 2_500_000_000_000, "CNY"),
        ("兩千公里", None, 2000, "km"),
        ("0.3萬噸", None, 3000, "t"),
        ("150,940", "百萬美元", 150_940_000_000, "USD"),
        ("3", "10億美元", 3_000_000_000, "USD"),
        ("US$5 billion", None, 5_000_000_000, "USD"),
        ("5.9307E+12", "美元", 5_930_700_000_000, "USD"),
        ("5,027,49", "百萬美元", 502_749_000_000, "USD"),
        ("第二大", None, 2, "rank"),  # 第二大經濟體: a place in an ordering
        ("第一", None, 1, "rank"),
        ("第九大", None, 9, "rank"),
    ],
)
def test_examples(text, unit_stated, value, unit):
    assert parse_amount(text, unit_stated) == (value, unit, None)


@pytest.mark.parametrize("text, unit_stated, message", [
    ("", None, "empty"),
    ("美元", None, "no number"),
    ("12 furlongs", None, "unknown unit"),
    ("1,200", None, "no unit"),
    ("5美元", "億美元", "has its own unit"),
    ("5美元6", None, "unknown unit"),
])
def test_errors(text, unit_stated, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(text, unit_stated)


units = st.sampled_from([("美元", "USD"), ("噸", "t"), ("立方米", "m3"), ("公里", "km"), ("盧布", "RUB"), ("%", "percent")])


# Values are stored as float64, exact for whole numbers up to 2**53 (9,007 兆): far above any figure in the papers.
@given(st.integers(min_value=0, max_value=2**53), units, st.booleans())
def test_whole_numbers_round_trip(n, unit, spaces):
    text = format_amount(n, spaces=spaces) + unit[0]
    assert parse_amount(text) == (n, unit[1], None)


@given(st.integers(min_value=1, max_value=99_999), st.integers(min_value=0, max_value=99), st.sampled_from([("萬", 10**4), ("億", 10**8), ("兆", 10**12)]))
def test_decimals_with_a_multiplier(whole, hundredths, mult):
    text = f"{whole:,}.{hundredths:02d}{mult[0]}美元"
    value, unit, _ = parse_amount(text)
    assert unit == "USD"
    assert math.isclose(value, (whole * 100 + hundredths) * mult[1] / 100, rel_tol=1e-12)


@given(st.text(max_size=30))
def test_never_crashes(text):
    try:
        value, unit, _ = parse_amount(text)
    except AmountError:
        return
    assert value >= 0 and unit
