"""Ranks are figures: the parser reads ordinals as printed (第二大, 第一、第二大, 最大), the build accepts an ordinal
only with measure = rank, the audit counts a rank mention covered only by a record of that rank, and the ranks the
papers state are records."""

from __future__ import annotations

import pandas as pd
import pytest

import eurasia_data
from builder import audit
from builder.amounts import RANK_TOKEN, AmountError, is_rank, parse_amount
from builder.quotes import contains_token
from conftest import build_problems


# --- the parser ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, rank", [
    ("第二大", 2), ("第一大", 1), ("第九大", 9), ("第三大", 3), ("第一", 1), ("第二名", 2), ("第十一大", 11),
    ("第 2 大", 2), ("最大", 1),
])
def test_an_ordinal_is_a_rank(text, rank):
    assert parse_amount(text) == (rank, "rank", None)
    assert is_rank(text)


@pytest.mark.parametrize("text, unit_stated", [("第0大", None), ("第二大", "億美元"), ("第二大國家", None), ("第二次", None)])
def test_what_is_not_a_rank_is_an_error(text, unit_stated):
    with pytest.raises(AmountError):
        parse_amount(text, unit_stated)


def test_amounts_are_not_ranks():
    assert not is_rank("888 億美元") and not is_rank("55.6%")
    assert parse_amount("888 億美元").unit == "USD"


def test_a_pair_is_two_ranks_each_a_whole_token():
    text = "分別為蒙古的第一、第二大貿易夥伴；中國是俄羅斯第一大貿易夥伴，也是該區的最大貿易夥伴，以最大限度合作"
    assert [m.group() for m in RANK_TOKEN.finditer(text)] == ["第一", "第二大", "第一大", "最大"]
    assert contains_token("的第一、第二大貿易夥伴", "第一") and contains_token("的第一、第二大貿易夥伴", "第二大")
    assert not contains_token("第一百大", "第一") and not contains_token("第二十六條", "第二") and not contains_token("第二大", "第三大")


# --- the build -------------------------------------------------------------------------------------------

MONGOLIA = "蒙古 2010 年的貿易總額中，中共和俄羅斯分佔蒙古貿易總額 55.6% 和 18.9%，分別為蒙古的第一、第二大貿易夥伴"
RANK = '''
[[trade_figure]]
id = "t-{n}"
reporter = "MNG"
partner = "{partner}"
flow = "total"
commodity = "all"
date = "2010"
{fields}
evidence = [{{ source = "lin-sco-thesis", quote = "{quote}" }}]
'''


def rank_problems(raw, *records, quote=MONGOLIA, sources=None):
    text = "".join(RANK.format(n=n, partner=p, fields=f, quote=quote) for n, (p, f) in enumerate(records))
    return [f"{p.record}.{p.field}: {p.message}" for p in build_problems(raw, text, sources)]


def test_the_curated_pair_builds(scratch):
    assert rank_problems(scratch, ("CHN", 'value_stated = "第一"\nmeasure = "rank"'), ("RUS", 'value_stated = "第二大"')) == []


@pytest.mark.parametrize("fields, message", [
    ('value_stated = "第二大"\nmeasure = "level"', "an ordinal (第二大) is a rank: write measure"),
    ('value_stated = "第二大"\nmeasure = "share"', "a share is a percentage, not rank"),
    ('value_stated = "55.6%"\nmeasure = "rank"', "a rank is an ordinal position"),
    ('value_stated = "第二大"\nunit_stated = "億美元"', "takes no table unit"),
    ('value_stated = "第三大"', "'第三大' does not appear in any evidence quote of this record"),
])
def test_a_rank_with_the_wrong_measure_or_unit_is_an_error(scratch, fields, message):
    errors = rank_problems(scratch, ("RUS", fields))
    assert any(message in e for e in errors), errors


def test_a_rank_must_be_a_whole_ordinal_of_its_quote(scratch, sources):
    # 第二 stands in 第二十六條 only as the start of 第二十六: not the ordinal 第二
    errors = rank_problems(scratch, ("RUS", 'value_stated = "第二"'), quote="第二十六條 登記", sources=sources)
    assert any("'第二' does not appear in any evidence quote of this record (as a whole figure)" in e for e in errors), errors


# --- the audit -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tk(tmp_path_factory):
    return audit.tokenizer(tmp_path_factory.mktemp("jieba"), ["貿易夥伴"])


def test_a_rank_mention_is_covered_only_by_a_record_of_that_rank(tk):
    text = "蒙古2010年分別為蒙古的第一、第二大貿易夥伴，貿易額55.6%。\n"
    quote = "蒙古2010年分別為蒙古的第一、第二大貿易夥伴，貿易額55.6%"
    figures = [m.text for m in audit.mentions("s", text, tk) if m.kind == "figure"]
    assert figures == ["第一", "第二大", "55.6%"]
    share = {"figure_id": "share", "value_stated": "55.6%", "value": 55.6, "unit": "percent", "measure": "share"}
    first = {"figure_id": "first", "value_stated": "第一", "value": 1.0, "unit": "rank", "measure": "rank"}
    second = {"figure_id": "second", "value_stated": "第二大", "value": 2.0, "unit": "rank", "measure": "rank"}

    def states(*records):
        quotes = [{"table": "trade_figures", "record_id": r["figure_id"], "source_id": "s", "quote": quote} for r in records]
        report = audit.audit({"s": text}, {"trade_figures": list(records), "evidence": quotes}, [], tk, "raw/triage.toml")
        return {m.text: m.state for m in report.mentions if m.kind == "figure"}

    assert states(share) == {"第一": "untriaged", "第二大": "untriaged", "55.6%": "covered"}
    assert states(share, first) == {"第一": "covered", "第二大": "untriaged", "55.6%": "covered"}
    assert states(share, first, second) == {"第一": "covered", "第二大": "covered", "55.6%": "covered"}


# --- the committed data ----------------------------------------------------------------------------------

KNOWN = {  # (table, id): (value, date, what is ranked)
    ("indicators", "lien-chn-gdp-rank-world-2010"): (2, 2010, ("CHN", "gdp_rank_world")),
    ("indicators", "kh-chn-fx-reserves-rank-world"): (1, None, ("CHN", "foreign_exchange_reserves_rank_world")),
    ("indicators", "kh-chn-manufacturing-rank-world"): (1, None, ("CHN", "manufacturing_base_rank_world")),
    ("indicators", "lin-c3-milex-rank-sun-1990"): (2, 1990, ("SUN", "military_expenditure_rank")),
    ("trade_figures", "kh-trade-partner-rank-rus-chn-2013"): (1, 2013, ("RUS", "CHN", "total", "all")),
    ("trade_figures", "kh-trade-partner-rank-chn-rus-2013"): (9, 2013, ("CHN", "RUS", "total", "all")),
    ("trade_figures", "lin-c4-chn-crude-supplier-rank-irn-2011"): (2, 2011, ("CHN", "IRN", "import", "oil")),
    ("trade_figures", "lin-c4-irn-oil-export-market-rank-chn-2011"): (3, 2011, ("IRN", "CHN", "export", "oil")),
    ("trade_figures", "lin5-mng-trade-partner-rank-chn-2010"): (1, 2010, ("MNG", "CHN", "total", "all")),
    ("trade_figures", "lin5-mng-trade-partner-rank-rus-2010"): (2, 2010, ("MNG", "RUS", "total", "all")),
}


def test_the_ranks_the_papers_state_are_records():
    tables = {"indicators": eurasia_data.load_indicators().set_index("indicator_id"),
              "trade_figures": eurasia_data.load_trade_figures().set_index("figure_id")}
    columns = {"indicators": ["actor_id", "indicator"], "trade_figures": ["reporter_id", "partner_id", "flow", "commodity"]}
    for (table, rid), (value, year, what) in KNOWN.items():
        r = tables[table].loc[rid]
        assert (r.value, r.unit, r.measure) == (value, "rank", "rank"), rid
        assert (None if pd.isna(r.year) else int(r.year)) == year, rid
        assert tuple(r[c] for c in columns[table]) == what, rid
        assert is_rank(r.value_stated), rid
    for table, df in tables.items():  # a rank is always measure rank, and only a rank is
        assert ((df.unit == "rank") == (df.measure == "rank")).all(), table
        assert set(df[df.measure == "rank"].index) == {rid for t, rid in KNOWN if t == table}, table


def test_a_count_or_amount_of_the_same_number_does_not_cover_a_rank(tk):
    text = "中國是第1大貿易夥伴，派出1艘軍艦。\n"
    ships = {"exercise_id": "x", "name_zh": "演習", "ships": 1}
    quotes = [{"table": "exercises", "record_id": "x", "source_id": "s", "quote": "中國是第1大貿易夥伴，派出1艘軍艦"}]
    report = audit.audit({"s": text}, {"exercises": [ships], "evidence": quotes}, [], tk, "raw/triage.toml")
    assert {m.text: m.state for m in report.mentions if m.kind == "figure"} == {"第1大": "untriaged", "1艘": "covered"}
