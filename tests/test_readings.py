"""Readings of figures (as printed, corrected, assumed) and the parts/totals/shares checks of
raw/consistency.toml: a misprinted unit is caught by the paper's own shares, and a correction must pass."""

from __future__ import annotations

import shutil

import pytest

from builder.consistency import value_precision
from builder.errors import BuildFailed
from builder.pipeline import assemble
from conftest import ROOT, SMALL


@pytest.fixture(scope="module")
def tables():
    result, _ = assemble(ROOT / "raw")
    return result.tables


@pytest.fixture
def raw_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    return raw


def by_id(rows, key):
    return {r[key]: r for r in rows}


def test_table_3_2_is_read_in_usd_millions(tables):
    ind = by_id(tables["indicators"], "indicator_id")
    milex = [r for r in tables["indicators"] if r["indicator_id"].startswith("lin-t3-2-milex-") and "share" not in r["indicator_id"]]
    assert len(milex) == 30
    assert all(r["reading"] == "corrected" and r["unit_stated"] == "千萬美元" and r["unit_read"] == "百萬美元" for r in milex)
    usa = ind["lin-t3-2-milex-usa-1995"]
    assert usa["value_stated"] == "4,151,06" and usa["value"] == 415_106e6 and usa["unit"] == "USD"
    assert usa["value"] < ind["lin-t3-3-milex-world-1995"]["value"]  # a part is smaller than the world total


def test_gas_reserves_read_in_cubic_metres(tables):
    gas = [r for r in tables["indicators"] if r["indicator"] == "gas_reserves"]
    assert len(gas) == 5
    assert all(r["reading"] == "corrected" and r["unit"] == "m3" and r["unit_stated"] == "兆立方尺" for r in gas)
    assert by_id(gas, "indicator_id")["lin-t4-4-gas-reserves-rus-2012"]["value"] == pytest.approx(32.9e12)


def test_reading_column_agrees_with_units_everywhere(tables):
    figures = tables["trade_figures"] + tables["indicators"]
    for r in figures:
        expected = "corrected" if r["unit_read"] else "assumed" if r["unit_assumed"] else "as_printed"
        assert r["reading"] == expected or (r["reading"], expected) == ("contradicted", "as_printed"), r
        if r["reading"] != "as_printed":
            assert r["note"], r
    assert {r["reading"] for r in figures} == {"as_printed", "corrected", "assumed", "contradicted"}


def test_removing_the_correction_fails_the_share_check(raw_copy):
    path = raw_copy / "records" / "lin-sco-thesis-1-ch1-3.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count('unit_read = "百萬美元", reading = "corrected", ') == 2
    path.write_text(text.replace('unit_read = "百萬美元", reading = "corrected", ', ""), encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    messages = [str(p) for p in e.value.problems.items]
    assert len(messages) == 30 and all("disagree beyond rounding" in m for m in messages)
    assert any("raw/consistency.toml:" in m and "lin-t3-2-milex-usa-1995 / lin-t3-3-milex-world-1994 = 401.069%" in m for m in messages)


def test_a_wrong_correction_fails_too(raw_copy):
    path = raw_copy / "records" / "lin-sco-thesis-1-ch1-3.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('unit_read = "百萬美元"', 'unit_read = "億美元"'), encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    assert any("lin-t3-2-milex-fra-1990 / lin-t3-3-milex-world-1990" in str(p) for p in e.value.problems.items)


def test_declared_inconsistency_that_agrees_is_stale(raw_copy):
    path = raw_copy / "consistency.toml"
    text = path.read_text(encoding="utf-8")
    assert 'rows = [["2020"]]\nexpect = "inconsistent"' in text
    path.write_text(text.replace('rows = [["2020"]]\nexpect = "inconsistent"', 'rows = [["2015"]]\nexpect = "inconsistent"'), encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    (problem,) = e.value.problems.items
    assert problem.file == "raw/consistency.toml" and "declared inconsistent, but the figures agree" in problem.message


def test_unknown_record_and_bad_block_reported_with_lines(raw_copy):
    path = raw_copy / "consistency.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[sum]]\nabout = "x"\ntable = "indicators"\nparts = ["no-such-{0}"]\ntotal = 100\nrows = [["id"]]\n\n[[ratio]]\nabout = "y"\n', encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    report = str(e.value)
    assert "no indicators record has id 'no-such-id'" in report
    assert "unknown block [[ratio]]" in report


@pytest.mark.parametrize(
    "extra, message",
    [
        ('unit_stated = "千萬美元"\nunit_read = "百萬美元"\nnote = "x"', 'add reading = "corrected"'),
        ('unit_stated = "千萬美元"\nreading = "corrected"\nnote = "x"', "needs unit_read"),
        ('unit_stated = "千萬美元"\nunit_read = "百萬美元"\nreading = "corrected"', "needs a note"),
        ('unit_read = "百萬美元"\nreading = "corrected"\nnote = "x"', "give the printed one as unit_stated"),
        ('unit_assumed = "美元"\nreading = "as_printed"\nnote = "x"', 'reading is "assumed"'),
        ('unit_stated = "千萬美元"\nreading = "assumed"\nnote = "x"', "needs unit_assumed"),
        ('unit_stated = "美元"\nreading = "contradicted"', "needs a note"),
        ('unit_stated = "美元"\nreading = "contradicted"\nvalue = 2021.0\nnote = "x"', "a contradicted figure has no value"),
        ('unit_stated = "美元"\nreading = "contradicted"\nnote = "x"', 'needs a check in raw/consistency.toml with expect = "inconsistent"'),
        ('unit_stated = "千萬美元"\nunit_read = "百萬美元"\nreading = "contradicted"\nnote = "x"', 'add reading = "corrected"'),
    ],
)
def test_reading_must_match_the_units(scratch, extra, message):
    record = f'''
[[indicator]]
id = "t-reading"
actor = "RUS"
indicator = "gdp"
date = "2021"
value_stated = "2021"
{extra}
evidence = ["依據世界銀行的數據，以當期的美元計價，俄羅斯 2021 年的國內生產毛額爲 1 兆 7,757 億 9,992 萬美元"]
'''
    (scratch / "records" / "small.toml").write_text(SMALL + record, encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(scratch)
    assert any(message in str(p) and "indicators[t-reading]" in str(p) for p in e.value.problems.items), str(e.value)


def test_precision_is_half_a_unit_of_the_last_printed_digit():
    assert value_precision("42.10%", 42.10) == pytest.approx(0.005)
    assert value_precision("67,930", 67_930e6) == pytest.approx(0.5e6)
    assert value_precision("5,027,49", 502_749e6) == pytest.approx(0.5e6)
    assert value_precision("1.20072E+12", 1.20072e12) == pytest.approx(0.5e7)
    assert value_precision("4,000億美元", 4e11) == pytest.approx(0.5e8)


def test_a_contradicted_figure_has_no_value_and_keeps_its_print(tables):
    (row,) = [r for r in tables["indicators"] if r["reading"] == "contradicted"]
    assert row["indicator_id"] == "lin-c4-irn-azadegan-reserves"
    assert row["value"] is None and row["value_stated"] == "3000億桶" and row["unit"] == "bbl"
    assert row["year"] is None and "table 4-4" in row["note"] and "Outside the papers:" in row["note"]
    assert all(r["value"] is not None for t in ("indicators", "trade_figures") for r in tables[t] if r["reading"] != "contradicted")


def test_a_contradiction_must_be_shown_by_the_papers_own_figures(raw_copy):
    path = raw_copy / "consistency.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[[at_most]]")
    path.write_text(text[:start], encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    (problem,) = e.value.problems.items
    assert problem.record == "indicators[lin-c4-irn-azadegan-reserves]" and problem.field == "reading"
    assert problem.file == "raw/records/lin-sco-thesis-2-ch4.toml" and 'expect = "inconsistent"' in problem.message


def test_an_at_most_check_fails_when_the_part_exceeds_its_whole(raw_copy):
    path = raw_copy / "consistency.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'whole = "lin-t4-4-oil-reserves-irn-2012"\nexpect = "inconsistent"\n', 'whole = "lin-t4-4-oil-reserves-irn-2012"\n'), encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    messages = [str(p) for p in e.value.problems.items]
    assert any("raw/consistency.toml:" in m and "lin-c4-irn-azadegan-reserves = 300,000,000,000 exceeds lin-t4-4-oil-reserves-irn-2012" in m for m in messages), messages
    assert any("a contradicted figure needs a check" in m for m in messages)  # a consistent block proves nothing


def test_a_contradiction_that_the_figures_do_not_show_is_stale(raw_copy):
    path = raw_copy / "consistency.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'whole = "lin-t4-4-oil-reserves-irn-2012"', 'whole = "lin-c4-irn-azadegan-reserves"'), encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw_copy)
    messages = [str(p) for p in e.value.problems.items]
    assert any("declared inconsistent, but the figures agree" in m for m in messages), messages

