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

    real = lookup._Index.actors
    monkeypatch.setattr(lookup._Index, "actors", lambda self, s: ["AAA", "BBB"] if s == "twin" else real(self, s))
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


def _reseal(data_dir, name: str) -> None:
    """Rewrite the manifest's checksums and size of ``name``: what a careless repackaging would do."""
    import hashlib
    import json
    import zlib

    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    data = (data_dir / name).read_bytes()
    manifest["files"][name].update(sha256=hashlib.sha256(data).hexdigest(), crc32=zlib.crc32(data), bytes=len(data))
    (data_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _wrong_format(db):
    db.execute("UPDATE meta SET value = 'eurasia-search-0' WHERE key = 'format'")


def _no_meta(db):
    db.execute("DROP TABLE meta")


def _no_docs(db):
    db.execute("DROP TABLE docs")


def _no_fts(db):
    db.execute("DROP TABLE fts")


def _no_quotes(db):
    db.execute("DROP TABLE quotes")


def _docs_renamed_column(db):
    db.execute("ALTER TABLE docs RENAME COLUMN record_id TO rid")


def _names_wrong(db):
    db.execute("DROP TABLE names")
    db.execute("CREATE TABLE names(x)")


@pytest.mark.parametrize("damage", [_wrong_format, _no_meta, _no_docs, _no_fts, _no_quotes, _docs_renamed_column, _names_wrong, "json", "text", "empty"])
def test_index_of_the_wrong_structure_is_a_data_error(tmp_path, monkeypatch, damage):
    """An index that passes its checksum but has another layout fails with DataError naming the file."""
    import shutil
    import sqlite3

    from eurasia_data import datafiles, loaders, lookup

    data = tmp_path / "data"
    shutil.copytree(loaders._data_dir(), data)
    path = data / "search_index.sqlite"
    if damage == "json":
        path.write_text('{"format": 2, "docs": []}', encoding="utf-8")
    elif damage == "text":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    elif damage == "empty":
        path.write_bytes(b"")
    else:
        db = sqlite3.connect(path)
        damage(db)
        db.commit()
        db.close()
    _reseal(data, "search_index.sqlite")
    monkeypatch.setattr(datafiles, "data_dir", lambda: str(data))
    for cached in (loaders.manifest, loaders.verified_file, lookup._index):
        cached.cache_clear()
    try:
        with pytest.raises(loaders.DataError, match=r"search_index\.sqlite is not a search index this version can read"):
            eurasia_data.search("上海合作組織 憲章")
            eurasia_data.resolve("普京")
    finally:
        for cached in (loaders.manifest, loaders.verified_file, lookup._index):
            cached.cache_clear()


def test_segmented_text_for_full_text_search():
    """segmented() gives the terms the index holds, so a plain FTS5 table finds two-character words."""
    import sqlite3

    from eurasia_data.lookup import segmented

    assert segmented("集體安全條約") == segmented("集体安全条约")
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    db.execute("INSERT INTO t VALUES (?)", (segmented("俄羅斯、哈薩克等六個國家簽署『集體安全條約』"),))
    for query in ("條約", "条约", "集體安全條約", "哈薩克"):
        match = " ".join(f'"{t}"' for t in segmented(query).split())
        assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?", (match,)).fetchone() == (1,), query
