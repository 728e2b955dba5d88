"""The coverage audit, per mention: each instrument name, figure, exercise name, pipeline and membership verb
is found on its own, is covered only by a quote whose record concerns it, and triage entries must name a
real uncovered mention; the committed data leaves nothing untriaged."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from builder import audit
from builder.errors import Problems
from conftest import ROOT

TEXT = (
    "前言沒有事實。\n"
    "1992年5月15日六國簽署『集體安全條約』與《上海公約》。\n"
    "喬治亞於1993年加入獨立國協，亞塞拜然則退出。\n"
    "俄國GDP爲1,908億美元，中國是第二大經濟體。\n"
    "2005年舉行「和平使命-2005」聯合軍演；天氣很好。\n"
    "該聲明強調合作，各方舉行軍事演習，成員國同意。\n"
    "國家\t1990\t1993\n"
    "美國\t5,027\t4,665\n"
    "第二節新安全觀.....10\n"
)
TABLES = {
    "agreements": [{"agreement_id": "cst-1992", "name_zh": "集體安全條約"}, {"agreement_id": "shanghai-convention", "name_zh": "打擊恐怖主義、分裂主義和極端主義上海公約"}],
    "memberships": [{"membership_id": "cis-geo-joined", "event": "joined"}],
    "indicators": [{"indicator_id": "rus-gdp", "value_stated": "1,908億美元"}],
    "exercises": [{"exercise_id": "pm-2005", "name_zh": "和平使命-2005"}],
}


def evidence(*rows):
    return [{"table": t, "record_id": r, "source_id": "s", "quote": q} for t, r, q in rows]


@pytest.fixture(scope="module")
def tk(tmp_path_factory):
    return audit.tokenizer(tmp_path_factory.mktemp("jieba"), ["集體安全條約", "獨立國協", "和平使命"])


def found(tk, text=TEXT):
    return [(m.line, m.kind, m.text) for m in audit.mentions("s", text, tk)]


def test_each_mention_is_a_candidate_of_its_own(tk):
    assert found(tk) == [
        (2, "instrument", "『集體安全條約』"), (2, "instrument", "《上海公約》"),
        (3, "membership", "加入"), (3, "membership", "退出"),
        (4, "figure", "1,908億美元"), (4, "figure", "第二大"),
        (5, "exercise", "「和平使命-2005」"),
        (7, "table_row", "國家\t1990\t1993".replace("\t", "")), (8, "table_row", "美國5,0274,665"),
    ]


def test_references_back_generic_words_and_contents_lines_are_not_mentions(tk):
    # 該聲明 refers back, 軍事演習 names no exercise, 成員國 states no change, a contents line repeats a heading
    assert [f for f in found(tk) if f[0] in (6, 9)] == []
    assert found(tk, "雙方簽署中俄睦鄰友好合作條約。\n") == [(1, "instrument", "睦鄰友好合作條約")]
    # quoted speech is not a title, but the charter it names is a mention
    assert found(tk, "「美國必須符合聯合國憲章及安理會決議」，他說。\n") == [(1, "instrument", "聯合國憲章")]


def test_a_pipelines_numbered_line_is_part_of_its_name(tmp_path):
    # table 4-9: 中俄石油管道 2 線 is the second line, a record of its own, not the first pipeline
    tk = audit.tokenizer(tmp_path, ["中俄石油管道"])
    names = [m.name for m in audit.mentions("s", "中俄石油管道 2 線\t*\t1500 萬噸\n", tk) if m.kind == "pipeline"]
    assert names == ["中俄石油管道2线"]
    assert [m.name for m in audit.mentions("s", "中俄石油管道2011年投入營運。\n", tk) if m.kind == "pipeline"] == ["中俄石油管道"]


def test_a_quote_covers_only_the_mentions_its_record_concerns(tk):
    quotes = evidence(
        ("agreements", "cst-1992", "1992年5月15日六國簽署『集體安全條約』與《上海公約》"),
        ("memberships", "cis-geo-joined", "喬治亞於1993年加入獨立國協，亞塞拜然則退出"),
        ("agreements", "cst-1992", "俄國GDP爲1,908億美元，中國是第二大經濟體"),
        ("exercises", "pm-2005", "2005年舉行「和平使命-2005」聯合軍演"),
    )
    report = audit.audit({"s": TEXT}, TABLES | {"evidence": quotes}, [], tk, "raw/triage.toml")
    state = {m.text: m.state for m in report.mentions}
    assert state["『集體安全條約』"] == "covered"
    assert state["《上海公約》"] == "untriaged"  # it names another record: the quote is not its
    assert (state["加入"], state["退出"]) == ("covered", "untriaged")  # a joined record states no exit
    assert state["1,908億美元"] == "untriaged"  # not the quoting record's stated value
    assert state["「和平使命-2005」"] == "covered"
    by_text = {m.text: m for m in report.mentions}
    assert by_text["《上海公約》"].names == [("agreements", "shanghai-convention")]
    quotes.append(evidence(("indicators", "rus-gdp", "俄國GDP爲1,908億美元"))[0])
    report = audit.audit({"s": TEXT}, TABLES | {"evidence": quotes}, [], tk, "raw/triage.toml")
    assert {m.text: m.state for m in report.mentions}["1,908億美元"] == "covered"


def entry(line, mention, sentence=None, reason="test", file_line=1):
    return audit.Entry("s", line, mention, sentence, reason, "raw/triage.toml", file_line)


def test_triage_names_the_mention_and_bad_entries_are_errors(tk, monkeypatch):
    monkeypatch.setattr(audit, "tokenizer", None)  # the report must not build its own tokenizer
    quotes = evidence(("agreements", "cst-1992", "六國簽署『集體安全條約』"))
    triage = [
        entry(3, "加入", file_line=2),
        entry(3, "加入", file_line=3),  # the same again
        entry(3, "不存在", file_line=4),  # no such mention
        entry(2, "集體安全條約", file_line=5),  # covered by evidence
        entry(2, "上海公約", file_line=6),  # names an existing record
        audit.Entry("nope", 3, "加入", None, "x", "raw/triage.toml", 7),  # unknown source
    ]
    report = audit.audit({"s": TEXT}, TABLES | {"evidence": quotes}, triage, tk, "raw/triage.toml")
    assert {m.text: m.state for m in report.mentions}["加入"] == "triaged"
    assert report.counts[("s", "membership")]["triaged"] == 1
    text = report.problems.report()
    assert "raw/triage.toml:3: triage[s].mention: duplicate: '加入' on line 3 is already triaged by the entry at raw/triage.toml:2" in text
    assert "raw/triage.toml:4: triage[s].mention: line 3 has no mention '不存在' (stale or wrong entry)" in text
    assert "raw/triage.toml:5: triage[s].mention: '集體安全條約' on line 2 is covered by evidence now: remove the entry (stale)" in text
    assert "raw/triage.toml:6: triage[s].mention: '上海公約' names agreements[shanghai-convention]: attach its quote to the record as [[evidence]] instead of triaging it" in text
    assert "raw/triage.toml:7: triage[nope].source: unknown source 'nope': its entries can never be checked" in text
    assert not report.ok()


def test_a_mention_in_several_sentences_of_a_line_needs_its_sentence(tk):
    text = "甲國加入了。乙國也加入了。\n"
    report = audit.audit({"s": text}, {}, [entry(1, "加入")], tk, "raw/triage.toml")
    assert "'加入' occurs in 2 sentences of line 1: add sentence = a snippet of the one meant" in report.problems.report()
    report = audit.audit({"s": text}, {}, [entry(1, "加入", "乙國")], tk, "raw/triage.toml")
    assert not report.problems and [m.state for m in report.mentions] == ["untriaged", "triaged"]


def test_read_triage_rejects_empty_and_malformed_items(tmp_path):
    path = tmp_path / "triage.toml"
    path.write_text('[[triage]]\nsource = "s"\nitems = [\n  { line = 3, mention = "", reason = "x" },\n'
                    '  { line = 3, text = "old", reason = "x" },\n  { line = 3, mention = "加入", reason = " " },\n'
                    '  { line = 3, mention = "加入", sentence = "喬治亞", reason = "ok" },\n]\n', encoding="utf-8")
    problems = Problems()
    entries, _ = audit.read_triage(path, "raw/triage.toml", problems)
    assert [(e.line, e.mention, e.sentence) for e in entries] == [(3, "加入", "喬治亞")]
    text = problems.report()
    assert "raw/triage.toml:4: triage[s].mention: `mention` is empty" in text
    assert "raw/triage.toml:5: triage[s].items: each item needs line (number), mention" in text
    assert "raw/triage.toml:6: triage[s].reason: `reason` is empty" in text


def test_skeleton_lists_untriaged(tk):
    report = audit.audit({"s": TEXT}, {}, [], tk, "raw/triage.toml")
    text = audit.skeleton(report.untriaged)
    assert '{ line = 2, mention = "『集體安全條約』", sentence = "1992年5月15日六國簽署『集體安全條約』與《", reason = "" },' in text


def test_jieba_cache_stays_in_the_given_directory(tmp_path):
    audit.tokenizer(tmp_path / "cache", [])
    assert (tmp_path / "cache" / "jieba.cache").exists()


def test_committed_data_has_nothing_untriaged(sources):
    env = {k: v for k, v in os.environ.items() if k != "EURASIA_SOURCES"}
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "audit", "--sources", str(sources), "--limit", "0"],
                            capture_output=True, text=True, timeout=600, env=env)
    assert "Traceback" not in result.stderr
    assert "error(s)" not in result.stdout, result.stdout[-3000:]  # no stale, duplicate or misdirected entry
    total = re.search(r"^all\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$", result.stdout, re.M)
    assert total, result.stdout[-3000:]
    assert int(total.group(4)) == 0, result.stdout[-3000:]
    assert result.returncode == 0


def test_a_pinned_quote_covers_only_the_occurrence_it_stands_at(tk):
    text = "甲國加入獨立國協。\n乙國加入獨立國協。\n"
    quote = [{"table": "memberships", "record_id": "cis-geo-joined", "source_id": "s", "quote": "加入獨立國協", "line": 2}]
    report = audit.audit({"s": text}, {"memberships": TABLES["memberships"], "evidence": quote}, [], tk, "raw/triage.toml")
    assert [(m.line, m.state) for m in report.mentions] == [(1, "untriaged"), (2, "covered")]
