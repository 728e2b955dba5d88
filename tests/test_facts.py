"""Verdicts on conflict sets and the one-row-per-fact filter: after eurasia_data.one_per_fact no two rows
state the same fact (memberships, exercises, pipelines, agreements), and the build enforces the verdicts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter

import pandas as pd
import pytest

import eurasia_data
from builder.errors import BuildFailed
from builder.pipeline import assemble
from builder.verdicts import conflict_sets
from conftest import ROOT
from eurasia_data.facts import UNRESOLVED
from eurasia_data.tables import RECORD_TABLES, TABLES

STOP = {"the", "of", "on", "in", "and", "between", "for", "a", "to"}


def membership_fact(r) -> tuple:
    return (r.org_id, r.member_id, r.event)


def exercise_fact(r) -> tuple:
    return (r.series if isinstance(r.series, str) else re.sub(r"\W", "", r.name_zh), r.year if pd.notna(r.year) else None)


def pipeline_fact(r) -> tuple:
    line = tuple(re.findall(r"[東西]線|\d\s*線", r.name_zh))
    return (r.commodity, tuple(r.route), line)


def agreement_fact(r) -> tuple:
    """The instrument, from its English name without the curator's '(as dated ...)' qualifiers."""
    name = re.sub(r"\((?:as|Moscow)[^)]*\)|,\s*as dated.*$", "", r.name_en)
    name = name.replace("Shanghai Cooperation Organisation", "SCO").lower()
    words = frozenset(re.sub(r"s\b", "", w) for w in re.findall(r"[a-z0-9]+", name) if w not in STOP)
    return (words, r.framework if isinstance(r.framework, str) else None)


FACTS = {
    "memberships": membership_fact,
    "exercises": exercise_fact,
    "pipelines": pipeline_fact,
    "agreements": agreement_fact,
}


def repeated(df: pd.DataFrame, fact) -> dict:
    counts = Counter(fact(r) for r in df.itertuples())
    return {k: n for k, n in counts.items() if n > 1}


@pytest.mark.parametrize("table", FACTS)
def test_after_the_filter_no_two_rows_state_the_same_fact(table):
    df = eurasia_data.load(table)
    kept = eurasia_data.one_per_fact(df)
    assert repeated(kept, FACTS[table]) == {}
    assert repeated(df, FACTS[table]), "the unfiltered table repeats facts, so this test can fail"


def test_the_filter_drops_exactly_the_non_preferred_rows():
    for table in RECORD_TABLES:
        df = eurasia_data.load(table)
        kept = eurasia_data.one_per_fact(df)
        dropped = df.loc[~df.index.isin(kept.index)]
        assert set(dropped.assessment) <= {"alternative", "likely_error"}, table
        assert kept.assessment.isna().sum() + (kept.assessment == "preferred").sum() == len(kept), table


def test_the_filter_rejects_a_table_without_verdicts():
    with pytest.raises(ValueError, match="assessment"):
        eurasia_data.one_per_fact(eurasia_data.load_actors())


def test_the_known_conflicts_have_the_expected_verdicts():
    m = eurasia_data.load_memberships().set_index("membership_id")
    assert m.loc["lin6-sco-irn-joined-2005", "assessment"] == "likely_error"
    assert m.loc["lin5-sco-irn-observer-2005", "assessment"] == "preferred"
    assert m.loc["eaeu-membership-rus-founded-2015", "assessment"] == "preferred"
    assert m.loc["lien-eaeu-founded-rus-2014-05", "assessment"] == "alternative"
    founded = eurasia_data.one_per_fact(m[(m.org_id == "SCO") & (m.event == "founded")].reset_index())
    assert sorted(founded.member_id) == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"] and set(founded.day) == {15}
    x = eurasia_data.one_per_fact(eurasia_data.load_exercises())
    table_5_1 = x[(x.framework == "SCO") & x.exercise_id.str.match(r"^(cn-|coalition|cooperation|norak|peace-mission|tianshan)")]
    assert len(table_5_1) == 11
    p = eurasia_data.one_per_fact(eurasia_data.load_pipelines())
    assert len(p[(p.commodity == "gas") & p.route.map(lambda r: r == ["RUS", "CHN"])]) == 2  # east and west routes once each


def test_every_conflict_set_has_one_preferred_or_says_why_not():
    for table in RECORD_TABLES:
        df = eurasia_data.load(table)
        key = TABLES[table].id_column
        rows = {r[key]: r for r in df.to_dict("records")}
        adjacency = {rid: set(r["conflicts_with"]) for rid, r in rows.items()}
        seen: set[str] = set()
        for rid in rows:
            if rid in seen or not adjacency[rid]:
                continue
            group, todo = set(), [rid]
            while todo:
                x = todo.pop()
                if x not in group:
                    group.add(x)
                    todo += adjacency[x]
            seen |= group
            verdicts = [rows[g]["assessment"] for g in group]
            assert all(isinstance(v, str) for v in verdicts), (table, group)
            if verdicts.count("preferred") != 1:
                assert verdicts.count("preferred") == 0 and all(UNRESOLVED in rows[g]["note"] for g in group), (table, group)
        outside = [rid for rid in rows if rid not in seen and isinstance(rows[rid]["assessment"], str)]
        assert outside == [], table


@pytest.fixture
def raw_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    return raw


def edit(raw, name, old, new):
    path = raw / "records" / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(raw) -> list[str]:
    with pytest.raises(BuildFailed) as e:
        assemble(raw)
    return [str(p) for p in e.value.problems.items]


IRN_JOINED = 'id = "lin6-sco-irn-joined-2005"\nassessment = "likely_error"\n'
KGZ_01 = 'id = "cn-kgz-exercise-01-2002"\nassessment = "preferred"\n'
TUR = 'id = "lin5-eu-tur-applied"\n'


@pytest.mark.parametrize(
    "old, new, expected, count",
    [
        (IRN_JOINED, 'id = "lin6-sco-irn-joined-2005"\n', "memberships[lin6-sco-irn-joined-2005].assessment: in a conflict set with lin-c4-sco-dialogue-partner-irn-fn29, lin5-sco-irn-observer-2005", 1),
        (IRN_JOINED, IRN_JOINED.replace("likely_error", "preferred"), "already has a preferred record", 1),
        (KGZ_01, KGZ_01.replace("preferred", "alternative"), "is preferred: say why in every note of the set", 2),
        (TUR, TUR + 'assessment = "preferred"\n', "memberships[lin5-eu-tur-applied].assessment: an assessment is a verdict within a conflict set", 1),
        (IRN_JOINED, IRN_JOINED.replace("likely_error", "wrong"), "'wrong' is not allowed", None),  # plus the errors of a rejected record
    ],
    ids=["missing-verdict", "two-preferred", "no-preferred-without-reason", "verdict-outside-a-set", "unknown-verdict"],
)
def test_the_build_enforces_the_verdicts(raw_copy, old, new, expected, count):
    edit(raw_copy, "lin-sco-thesis-3-ch5-6.toml", old, new)
    found = messages(raw_copy)
    if count is None:
        assert any(expected in m for m in found), found
    else:
        assert len(found) == count and all(expected in m for m in found), found


def test_conflict_sets_are_connected_groups():
    class R:
        def __init__(self, cw):
            self.data = {"conflicts_with": cw}

    rows = {"a": R(["b"]), "b": R(["a", "c"]), "c": R(["b"]), "d": R([]), "e": R(["f"]), "f": R(["e"])}
    assert conflict_sets(rows) == [["a", "b", "c"], ["e", "f"]]


def test_one_per_fact_is_lazy_and_import_stays_light():
    code = "import sys, eurasia_data; f = eurasia_data.one_per_fact; print('pandas' in sys.modules, f.__module__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "eurasia_data.facts"]


def test_a_table_row_may_carry_its_own_fields():
    t = eurasia_data.load_trade_figures().set_index("figure_id")
    kaz, ven = t.loc["lin-t4-8-crude-export-growth-kaz-2000-2008"], t.loc["lin-t4-8-crude-export-growth-ven-2000-2008"]
    assert kaz["assessment"] == "preferred" and pd.isna(ven["assessment"])
    assert kaz["note"].startswith(ven["note"]) and "Verdict preferred" in kaz["note"]
    assert kaz["reading"] == ven["reading"] == "assumed"  # the defaults still apply to the row


def test_a_row_with_one_cell_too_many_is_still_an_error(raw_copy):
    edit(raw_copy, "lin-sco-thesis-2-ch4.toml", '["VEN", "29.34", ', '["VEN", "29.34", "extra", ')
    assert any("row 9 has 4 cells for 3 columns" in m for m in messages(raw_copy))
