"""What a figure measures: qualifiers kept by the amount parser, rate units, measure rules on the built
data, the build's errors for inconsistent figures, and the codebook's definitions of every value."""

from __future__ import annotations

import typing

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import eurasia_data
from builder.amounts import ODD, PREFIXES, SUFFIXES, AmountError, format_amount, parse_amount, parse_period, parse_qualifier
from conftest import build_problems
from eurasia_data import models

QUALIFYING = [(w, q) for w, q in PREFIXES if q is not None]
NEUTRAL = [w for w, q in PREFIXES if q is None]
units = st.sampled_from([("美元", "USD"), ("噸", "t"), ("立方米", "m3"), ("人", "persons"), ("%", "percent")])
numbers = st.integers(min_value=1, max_value=10**12)


@given(numbers, units, st.sampled_from(QUALIFYING), st.booleans())
def test_a_prefix_qualifier_is_kept_and_the_number_unchanged(n, unit, prefix, space):
    text = prefix[0] + (" " if space else "") + format_amount(n) + unit[0]
    assert parse_amount(text) == (n, unit[1], prefix[1])


@given(numbers, units, st.sampled_from(sorted(SUFFIXES.items())))
def test_a_suffix_qualifier_is_kept(n, unit, suffix):
    assert parse_amount(format_amount(n) + unit[0] + suffix[0]) == (n, unit[1], suffix[1])


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(ODD), st.sampled_from(["", "萬", "億"]), units)
def test_odd_after_the_digits_means_over(n, odd, mult, unit):
    factor = {"": 1, "萬": 10**4, "億": 10**8}[mult]
    assert parse_amount(f"{n}{odd}{mult}{unit[0]}") == (n * factor, unit[1], "over")


@given(numbers, units, st.sampled_from(NEUTRAL))
def test_words_that_do_not_qualify_give_no_qualifier(n, unit, word):
    assert parse_amount(word + format_amount(n) + unit[0]) == (n, unit[1], None)


@given(numbers, units)
def test_an_exact_amount_has_no_qualifier(n, unit):
    assert parse_amount(format_amount(n) + unit[0]).qualifier is None


def test_qualifier_every_spelling_maps_to_a_defined_value():
    allowed = set(typing.get_args(models.Qualifier))
    assert {q for _, q in QUALIFYING} | set(SUFFIXES.values()) | {"over"} <= allowed
    assert set(models.QUALIFIERS) == allowed


@pytest.mark.parametrize("text, qualifier", [("近一萬人", "nearly"), ("800 餘位", "over"), ("約 500 名", "about"),
                                             ("1200 多名", "over"), ("90% 以上", "at_least"), ("逾 100 億美元", "over"),
                                             ("僅約26%", "about"), ("共 4000 人", None), ("500 人左右", "about")])
def test_examples_from_the_papers(text, qualifier):
    assert parse_amount(text).qualifier == qualifier


def test_two_qualifiers_are_an_error():
    with pytest.raises(AmountError, match="two qualifiers"):
        parse_amount("約 90% 以上")


def test_qualifier_and_period_words():
    assert parse_qualifier("大約") == "about" and parse_qualifier("僅約") == "about" and parse_qualifier("以上") == "at_least"
    assert parse_qualifier("僅") is None
    assert parse_period("每年") == "/yr" and parse_period("一天") == "/d" and parse_period("年輸送") == "/yr"
    for bad in ("每", "一年一天"):
        with pytest.raises(AmountError):
            parse_period(bad)
    with pytest.raises(AmountError):
        parse_qualifier("大約輸送")


# --- the built data ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def figures():
    t = eurasia_data.load_trade_figures().assign(table="trade_figures", id=lambda d: d.figure_id)
    i = eurasia_data.load_indicators().assign(table="indicators", id=lambda d: d.indicator_id)
    return t, i


def test_every_figure_has_a_measure(figures):
    for df in figures:
        assert df.measure.notna().all()
        assert set(df.measure) <= set(typing.get_args(models.Measure))


def test_every_percent_figure_is_a_share_growth_rate_or_ratio(figures):
    for df in figures:
        percent = df[df.unit == "percent"]
        assert len(percent) > 0
        assert set(percent.measure) <= {"share", "growth_rate", "ratio"}, percent[~percent.measure.isin(["share", "growth_rate", "ratio"])].id.tolist()


def test_no_rate_unit_on_a_cumulative_total_and_money_for_contracts(figures):
    for df in figures:
        rate = df.unit.str.endswith(("/yr", "/d"))
        assert not (rate & (df.measure == "cumulative")).any()
        assert set(df[df.measure == "contract_value"].unit) <= {"USD", "CNY", "RUB", "EUR"}


def test_a_level_over_several_years_is_a_rate(figures):
    for df in figures:
        multi = df.end_year.notna() & (df.end_year != df.year) & (df.measure == "level")
        assert df[multi].unit.str.endswith(("/yr", "/d")).all(), df[multi].id.tolist()


def test_the_issue_examples(figures):
    t, i = figures
    t, i = t.set_index("id"), i.set_index("id")
    assert t.loc["lin-c4-irn-chn-crude-yadavaran-2009", ["value", "unit", "qualifier"]].tolist() == [150_000, "t/d", "about"]
    assert t.loc["lin-c4-rus-chn-oil-loan-deliveries-total", ["measure", "unit"]].tolist() == ["cumulative", "t"]
    assert t.loc["lin-c4-rus-chn-oil-loan-deliveries-annual", ["measure", "unit"]].tolist() == ["level", "t/yr"]
    assert t.loc["kh-gas-contract-value-rus-chn-2014", "measure"] == "contract_value"
    assert set(t[t.figure_id.str.startswith("lin-t4-7-")].measure) == {"share"}
    assert set(t[t.figure_id.str.startswith("lin-t4-8-crude-export-growth")].measure) == {"growth_rate"}
    assert i.loc["lin5-mng-troops-iraq-2003-2012", ["value", "qualifier", "measure"]].tolist() == [1200, "over", "cumulative"]


def test_every_period_and_qualifier_word_is_in_a_quote(figures):
    ev = eurasia_data.load_evidence()
    quotes = ev.groupby(["table", "record_id"]).quote.apply(lambda q: " ".join(q).replace(" ", ""))
    for df in figures:
        for r in df.itertuples():
            for text in (r.period_stated, r.qualifier_stated):
                if isinstance(text, str):
                    assert text.replace(" ", "") in quotes[(r.table, r.id)]


def test_troops_are_parsed_from_troops_stated():
    x = eurasia_data.load_exercises().set_index("exercise_id")
    stated = x[x.troops_stated.notna()]
    assert len(stated) >= 7 and x[x.troops_stated.isna()].troops.isna().all()
    for rid, r in stated.iterrows():
        value, unit, qualifier = parse_amount(r.troops_stated)
        assert (r.troops, unit) == (value, "persons")
        assert qualifier == (None if pd.isna(r.troops_qualifier) else r.troops_qualifier)
    assert x.loc["peace-mission-2005", ["troops", "troops_qualifier"]].tolist() == [10_000, "nearly"]
    assert x.loc["coalition-2003", ["troops", "troops_qualifier"]].tolist() == [800, "over"]


# --- the build's errors --------------------------------------------------------------------------------

RUS_OIL = "根據該協議，從 2011 至 2030 年，俄方每年將透過輸油管向中方供應 1500 萬噸石油，總計 3 億噸"
FIGURE = '''
[[trade_figure]]
id = "t-{n}"
reporter = "RUS"
partner = "CHN"
flow = "export"
commodity = "oil"
date = "2011"
end_date = "2030"
kind = "target"
{fields}
evidence = [{{ source = "lin-sco-thesis", quote = "{quote}" }}]
'''


def build_with(scratch, *records: str) -> list[str]:
    text = "".join(FIGURE.format(n=n, fields=fields, quote=RUS_OIL) for n, fields in enumerate(records))
    return [f"{p.record}.{p.field}: {p.message}" for p in build_problems(scratch, text)]


def test_the_curated_forms_build(scratch):
    assert build_with(scratch, 'value_stated = "1500 萬噸"\nperiod_stated = "每年"', 'value_stated = "3 億噸"\nmeasure = "cumulative"') == []


@pytest.mark.parametrize("fields, message", [
    ('value_stated = "1500 萬噸"', "a level over a multi-year range must be a rate"),
    ('value_stated = "3 億噸"\nperiod_stated = "每年"\nmeasure = "cumulative"', "a cumulative total has no period"),
    ('value_stated = "1500 萬噸"\nperiod_stated = "一天"', "'一天' does not appear in any evidence quote"),
    ('value_stated = "1500 萬噸"\nperiod_stated = "總計"', "must name one period"),
    ('value_stated = "3 億噸"\nmeasure = "share"', "a share is a percentage, not t"),
    ('value_stated = "3 億噸"\nmeasure = "contract_value"', "a contract_value is a sum of money"),
    ('value_stated = "3 億噸"\nmeasure = "total"', "'total' is not allowed"),
    ('value_stated = "3 億噸"\nmeasure = "cumulative"\nqualifier = "about"', "is derived by the build"),
    ('value_stated = "3 億噸"\nmeasure = "cumulative"\nqualifier_stated = "總計"', "qualifies nothing"),
])
def test_inconsistent_figures_are_errors(scratch, fields, message):
    errors = build_with(scratch, fields)
    assert any(message in e for e in errors), errors


def test_a_percent_trade_figure_needs_its_measure(scratch):
    quote = "1997 年哈國對中出口的石油比例只佔中共進口的 0.13%"
    record = FIGURE.format(n=0, fields='value_stated = "0.13%"', quote=quote).replace('end_date = "2030"\n', "")
    assert any(p.field == "measure" and "share, a growth_rate or a ratio" in p.message for p in build_problems(scratch, record))


# --- the codebook ----------------------------------------------------------------------------------------

DEFINED = {("trade_figures", "measure"), ("trade_figures", "kind"), ("trade_figures", "qualifier"), ("trade_figures", "commodity"),
           ("indicators", "measure"), ("indicators", "kind"), ("indicators", "qualifier"), ("exercises", "framework"),
           ("exercises", "troops_qualifier"), ("exercises", "status"), ("pipeline_events", "status"), ("agreements", "framework")}


def test_every_allowed_value_of_the_defined_columns_has_a_definition():
    book = eurasia_data.load_codebook()
    rows = {(r.table, r.column): r for r in book.itertuples()}
    for key in DEFINED:
        r = rows[key]
        assert r.value_definitions and all(len(d) > 20 for d in r.value_definitions.values()), key
        if len(r.allowed_values):
            assert set(r.value_definitions) == set(r.allowed_values), key
    markdown = eurasia_data.codebook.codebook_markdown()
    assert "- `target`: What a party has committed to" in markdown and "- `forecast`: What someone expects" in markdown
    assert "- `cumulative`:" in markdown and "- `bilateral`:" in markdown


def test_no_column_defines_a_value_it_does_not_allow():
    for r in eurasia_data.load_codebook().itertuples():
        if len(r.allowed_values) and r.value_definitions:
            assert set(r.value_definitions) == set(r.allowed_values), (r.table, r.column)
