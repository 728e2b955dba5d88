"""Names and search: every spelling of an actor lands on one record, in either script or English, and
search copes with any text."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eurasia_data
from conftest import ROOT

SPELLINGS = {
    "putin_vladimir": ["普欽", "普京", "蒲亭", "普丁", "Putin", "Vladimir Putin"],
    "SCO": ["上海合作組織", "上海合作组织", "上合組織", "上合组织", "SCO", "Shanghai Cooperation Organisation"],
    "CIS": ["獨立國家國協", "独立国家国协", "獨立國協", "独立国协", "獨聯體", "独联体", "CIS", "Commonwealth of Independent States"],
    "KAZ": ["哈薩克", "哈萨克", "哈薩克斯坦", "哈萨克斯坦", "Kazakhstan", "KAZ"],
    "KGZ": ["吉爾吉斯", "吉尔吉斯", "吉爾吉斯斯坦", "吉尔吉斯斯坦", "Kyrgyzstan", "KGZ"],
}


@pytest.mark.parametrize("actor, spelling", [(a, s) for a, ss in SPELLINGS.items() for s in ss])
def test_every_spelling_resolves(actor, spelling):
    assert eurasia_data.resolve(spelling) == actor


@pytest.mark.parametrize("actor", list(SPELLINGS))
def test_every_spelling_finds_the_same_records(actor):
    results = {s: list(eurasia_data.search(s, limit=50).record_id) for s in SPELLINGS[actor]}
    first = next(iter(results.values()))
    assert first, f"no records found for {actor}"
    assert all(r == first for r in results.values()), results


def test_alias_finds_records_written_with_another_spelling():
    # The papers write 普欽 (CIS paper) and 蒲亭 (Russia-US paper); a mainland user types 普京.
    ev = eurasia_data.load_evidence()
    hits = set(eurasia_data.search("普京", limit=200).record_id)
    for spelling in ("普欽", "蒲亭"):
        ids = set(ev[ev.quote.str.contains(spelling, regex=False)].record_id)
        assert ids and ids & hits, spelling


def test_unknown_name_is_none_and_ambiguity_is_an_error(monkeypatch):
    assert eurasia_data.resolve("Atlantis") is None
    assert eurasia_data.resolve("") is None
    from eurasia_data import lookup

    monkeypatch.setitem(lookup._index().names, "twin", ["AAA", "BBB"])
    with pytest.raises(ValueError, match="may mean any of AAA, BBB"):
        eurasia_data.resolve("twin")


@pytest.mark.parametrize("query, table", [("天然氣 2014", None), ("天然气 2014", None), ("SCO exercise", "exercises"), ("和平使命", "exercises")])
def test_mixed_queries(query, table):
    hits = eurasia_data.search(query, limit=10)
    assert len(hits) > 0
    if table:
        assert hits.table.iloc[0] == table
    assert list(hits.columns) == ["table", "record_id", "name", "year", "snippet", "source_ids", "score"]
    assert hits.score.is_monotonic_decreasing


def test_both_scripts_find_the_same_records():
    assert list(eurasia_data.search("天然氣 管線").record_id) == list(eurasia_data.search("天然气 管线").record_id)


def test_tables_filter():
    hits = eurasia_data.search("上合", tables=["memberships"], limit=100)
    assert set(hits.table) == {"memberships"}
    with pytest.raises(ValueError, match="no record table"):
        eurasia_data.search("上合", tables=["nope"])


@pytest.mark.parametrize("query", ["", " ", ".*", "[", "(?P<x>", "\\", "a" * 100_000, "\x00\ufeff\u200b", "🙂🙂", "%s%d{}", "SELECT * FROM"])
def test_odd_queries_do_not_crash(query):
    hits = eurasia_data.search(query)
    assert len(hits) <= 20


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_search_never_raises(query):
    hits = eurasia_data.search(query, limit=5)
    assert len(hits) <= 5


def test_states_names_come_from_libraries():
    """No hand-written country-name table: raw/actors.toml names a state only where CLDR has no name."""
    from babel import Locale

    territories = Locale.parse("zh_Hant").territories
    import pycountry

    for actor in tomllib.loads((ROOT / "raw" / "actors.toml").read_text(encoding="utf-8"))["actor"]:
        if actor["kind"] in ("state", "territory"):
            country = pycountry.countries.get(alpha_3=actor["id"]) or pycountry.historic_countries.get(alpha_3=actor["id"])
            assert country is not None, actor["id"]
            if country.alpha_2 in territories:
                assert "name_en" not in actor and "name_zh_hant" not in actor, actor["id"]


@pytest.mark.parametrize("args, expect", [(["search", "普京", "--limit", "3"], "record_id"), (["info"], "agreements")])
def test_command_line(args, expect):
    result = subprocess.run([sys.executable, "-m", "eurasia_data", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert expect in result.stdout


def test_plain_hits_without_pandas():
    code = "import sys, eurasia_data; h = eurasia_data.search('上合組織', as_frame=False); print(len(h) > 0, 'pandas' in sys.modules, sorted(h[0]))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "True False ['name', 'record_id', 'score', 'snippet', 'source_ids', 'table', 'year']"
    frame = eurasia_data.search("上合組織")
    assert list(frame.record_id) == [h["record_id"] for h in eurasia_data.search("上合組織", as_frame=False)]
