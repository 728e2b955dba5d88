"""Which fields a quote proves: dates in the papers' forms, actors under any alias, values, names, places;
curator overrides; one primary quote per record; every unsupported field fixed or acknowledged."""

from __future__ import annotations

import shutil

import pytest

from builder import supports
from builder.errors import BuildFailed
from builder.pipeline import assemble
from conftest import ROOT, SMALL

NAMES = supports.Names(
    actors={"RUS": ["俄羅斯聯邦", "俄羅斯", "俄國", "俄"], "CHN": ["中華人民共和國", "中國", "中共", "中"],
            "KAZ": ["哈薩克", "哈"], "KGZ": ["吉爾吉斯", "吉"], "TJK": ["塔吉克", "塔"], "SCO": ["上海合作組織", "上合"]},
    places={"Tashkent": ["塔什干"], "Moscow": ["莫斯科"]},
    agreements={"a-x": ["集體安全條約"], "abm": ["反彈道導彈條約", "反導條約"]}, pipelines={"p-x": "中哈石油管道"},
)


def fields(quote, table="agreements", **record):
    found, _ = supports.quote_supports(quote, table, record, NAMES)
    return found


@pytest.mark.parametrize("quote", ["1996年4月26日", "1996 年 4 月 26 日", "1996.04.26", "1996.4.26", "一九九六年四月二十六日",
                                   "民國85年4月26日", "85 年 4 月 26 日", "4/26", "1996年4月25日至26日", "1996年4月24日及26日"])
def test_a_date_in_any_of_the_papers_forms(quote):
    year = {"4/26": None}.get(quote, 1996)
    record = {"year": 1996, "month": 4, "day": 26, "name_zh": "某某"}
    found, partial = supports.quote_supports(quote, "agreements", record, NAMES)
    if year is None:
        assert partial["date"] == (False, True)  # month and day only: the year must come from another quote
    else:
        assert "date" in found


def test_a_wrong_or_partial_date_is_not_support():
    assert "date" not in fields("1996年4月25日", year=1996, month=4, day=26)
    assert "date" not in fields("1997年4月", year=1996, month=4)
    assert "date" not in fields("11996年", year=1996)
    assert "date" in fields("2013 年 9‐10 月", year=2013, month=9)
    assert "date" in fields("隔（2015）年元月", year=2015, month=1)


def test_end_dates_of_ranges():
    r = {"year": 2007, "month": 8, "day": 9, "end_year": 2007, "end_month": 8, "end_day": 17}
    assert {"date", "end_date"} <= fields("2007 年 8 月 9 日至 17 日", "exercises", **r)
    assert "end_date" in fields("日期：8/9~8/17 舉行時間：2007", "exercises", **r)
    assert "end_date" not in fields("2007 年 8 月 9 日", "exercises", **r)


def test_actors_under_any_alias_and_one_character_forms_only_in_runs():
    assert "parties" in fields("中俄兩國簽署", parties=["CHN", "RUS"])
    assert "parties" in fields("中華人民共和國和俄羅斯聯邦", parties=["CHN", "RUS"])
    assert "parties" in fields("中、俄、哈、吉、塔關於", parties=["CHN", "RUS", "KAZ", "KGZ", "TJK"])
    assert "parties" not in fields("中亞的", parties=["CHN"])  # 中 inside a word is not China
    assert "parties" in fields("五國元首簽署", parties=["CHN", "RUS", "KAZ", "KGZ", "TJK"])  # counted as a group
    assert "parties" not in fields("五國元首簽署", parties=["CHN", "RUS"])
    assert "parties" in fields("成員國批准", parties=["CHN", "RUS"], framework="SCO")
    assert "framework" in fields("上合組織峰會", framework="SCO")


def test_names_values_places_and_references():
    assert "name_zh" in fields("簽署『集體安全條約』", name_zh="集體安全條約")
    assert "name_zh" in fields("自由貿易協定（例如：香港、澳門", name_zh="自由貿易協定（香港）")  # a composed name: every part
    assert "place" in fields("在塔什干簽署", place="Tashkent")
    assert "location" in fields("穆米拉克靶場", "exercises", location="Mumirak (穆米拉克) training ground")
    assert "troops" in fields("參演人員 1,200 人", "exercises", troops=1200)
    assert "troops" not in fields("參演人員 11200 人", "exercises", troops=1200)
    assert "troops" in fields("參演人員一千二百人", "exercises", troops=1200)  # Chinese numerals, as the build checks counts
    assert "troops" in fields("兵力近一萬人", "exercises", troops=10000, troops_stated="近一萬人")  # a parsed count: its stated text
    assert "value_stated" in fields("總額為 434 億美元", "trade_figures", value_stated="434 億美元")
    assert "value_stated" not in fields("資料來源：徐冬青(2008: 76)。", "indicators", value_stated="7")  # a whole figure only
    assert "agreement_id" in fields("該集體安全條約於1994年生效", "agreement_events", agreement_id="a-x")
    assert "agreement_id" in fields("布希宣佈美國單方面退出《反導條約》", "agreement_events", agreement_id="abm")  # an alias
    assert "pipeline_id" in fields("中哈油管第二期工程", "pipeline_events", pipeline_id="p-x")
    assert "data_source" in fields("資料來源：蔡銘兼(2007: 45)。", "indicators", data_source="蔡銘兼 (2007: 45)")


def test_check_combines_quotes_and_chooses_the_primary():
    record = {"agreement_id": "a-x", "name_zh": "集體安全條約", "year": 1992, "month": 5, "day": 15, "place": "Tashkent", "parties": ["RUS", "KAZ"]}
    refs = [supports.EvidenceRef(0, "5月15日", order=0), supports.EvidenceRef(1, "1992 年，俄羅斯與哈薩克在塔什干簽署集體安全條約", order=1)]
    per_row, primary, findings = supports.check("agreements", record, refs, NAMES, "f.toml", {}, 3)
    assert "date" in per_row[0] and "date" in per_row[1]  # the year in one quote, the day in the other
    assert primary == 1 and findings == []
    refs[0].primary = True
    assert supports.check("agreements", record, refs, NAMES, "f.toml", {}, 3)[1] == 0  # the curator's choice wins
    refs = [supports.EvidenceRef(0, "俄羅斯簽署", add=("place",), remove=("parties",))]
    per_row, _, findings = supports.check("agreements", record, refs, NAMES, "f.toml", {"date": 7}, 3)
    assert per_row[0] == ["place"]
    assert {(f.field, f.line) for f in findings} == {("name_zh", 3), ("date", 7), ("parties", 3)}
    assert "(KAZ not named)" in next(f.message for f in findings if f.field == "parties")


def test_a_note_can_say_a_field_comes_from_outside_the_papers():
    record = {"agreement_id": "a-x", "name_zh": "集體安全條約", "place": "Moscow",
              "note": "The place is from outside the papers (the treaty's own text)."}
    _, _, findings = supports.check("agreements", record, [supports.EvidenceRef(0, "集體安全條約")], NAMES, "f", {}, 1)
    assert findings == []
    # the remark covers only the fields its own sentence names
    record["note"] = "The place is as the paper prints it. The signatories' titles are from outside the papers."
    _, _, findings = supports.check("agreements", record, [supports.EvidenceRef(0, "集體安全條約")], NAMES, "f", {}, 1)
    assert [f.field for f in findings] == ["place"]


def test_every_row_is_computed_and_every_record_has_one_primary(sources):
    result, _ = assemble(ROOT / "raw", sources)
    ev = result.tables["evidence"]
    assert all(isinstance(e["supports"], list) for e in ev)
    primaries = {}
    for e in ev:
        primaries[(e["table"], e["record_id"])] = primaries.get((e["table"], e["record_id"]), 0) + e["primary"]
    records = sum(len(result.tables[t]) for t in supports.FIELDS)
    assert len(primaries) == records and set(primaries.values()) == {1}
    assert sum(1 for e in ev if "date" in e["supports"]) > 700


def test_the_same_supports_without_the_texts(sources):
    with_texts, _ = assemble(ROOT / "raw", sources)
    without, _ = assemble(ROOT / "raw", None)
    key = lambda e: (e["table"], e["record_id"], e["source_id"], e["line"], e["quote"])  # noqa: E731
    assert sorted((key(e), e["supports"], e["primary"]) for e in with_texts.tables["evidence"]) == \
        sorted((key(e), e["supports"], e["primary"]) for e in without.tables["evidence"])


def test_unacknowledged_unsupported_fields_stay_at_zero_and_acks_are_never_stale(tmp_path, sources):
    """The committed data builds; dropping one acknowledgement makes its field an error again (file, line,
    record, field), and an acknowledgement of a supported field is stale."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    assemble(raw, sources)  # zero unacknowledged unsupported fields: the build passes
    acks = (raw / "acknowledged.toml").read_text(encoding="utf-8")
    blocks = acks.split("[[ack]]")
    dropped = next(b for b in blocks[1:] if 'record = "cst-1992-acceded-1993"' in b)
    stale = '[[ack]]\ncheck = "unsupported_field"\ntable = "agreements"\nrecord = "cst-1992"\nfield = "place"\nreason = "x"\n'
    (raw / "acknowledged.toml").write_text(acks.replace("[[ack]]" + dropped, "") + "\n" + stale, encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(raw, sources)
    text = str(e.value)
    lines = (raw / "records" / "wei-cis.toml").read_text(encoding="utf-8").splitlines()
    start = lines.index('id = "cst-1992-acceded-1993"')
    line = next(i for i in range(start, len(lines)) if lines[i].startswith("date = ")) + 1  # the record's date line
    assert f"raw/records/wei-cis.toml:{line}: agreement_events[cst-1992-acceded-1993].date: no evidence quote of this record prints its date" in text
    assert "stale: no 'unsupported_field' finding on agreements[cst-1992].place" in text


def test_curator_overrides_are_checked(scratch):
    records = scratch / "records" / "small.toml"
    records.write_text(SMALL.replace('evidence = ["俄羅斯、哈薩克',
                                     'evidence = [{ supports = ["venue"], primary = true, quote = "俄羅斯、哈薩克', 1)
                       .replace('在烏茲別克首都塔什干簽署『集體安全條約』"]', '在烏茲別克首都塔什干簽署『集體安全條約』" }]', 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as e:
        assemble(scratch, None)
    assert "agreements[cst-1992].evidence: supports: 'venue' is not a checked field of agreements" in str(e.value)
