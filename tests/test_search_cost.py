"""What keeps the first search fast (issue 13: it adds at most 25 ms to the import, benchmarks/run.py), and
that the lighter path still checks the index as before: a damaged or replaced index is reported."""

from __future__ import annotations

import ast
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eurasia_data
from eurasia_data import datafiles, loaders, lookup, textnorm

# Each of these costs a fresh process several ms to import (re alone about 8 ms, typing, pathlib and hashlib's
# OpenSSL about 4 ms more each on the project machine); a first search needs none of them.
HEAVY = ("hashlib", "json", "re", "pathlib", "typing", "urllib", "importlib.resources", "difflib", "pandas", "pyarrow", "pydantic", "numpy")


@pytest.mark.parametrize("call", ["eurasia_data.search('普京', as_frame=False)", "eurasia_data.search('Power of Siberia', as_frame=False)",
                                  "eurasia_data.resolve('上合组织')"])
def test_first_search_imports_nothing_heavy(call):
    code = f"import sys, eurasia_data; before = set(sys.modules); {call}; print(sorted(set(sys.modules) - before))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    added = ast.literal_eval(out)
    assert "eurasia_data.lookup" in added and "sqlite3" in added
    assert [m for m in HEAVY if m in added] == []


def test_hand_written_scanner_equals_the_regular_expressions():
    """textnorm classifies characters without ``re``; it must agree with the patterns it documents."""
    word, cjk = re.compile(textnorm.WORD), re.compile(textnorm.CJK)
    ix = lookup._index()
    samples = ["u.s", "xi'an", "2.5", "a..b", "a.'b", "'a", "a'", "ab.cd.e", "1,000", "U.S.", "x_y", "ß", "上海2001年", "..."]
    samples += sorted(ix.vocab)[:3000]
    for text in samples:
        _agree(text, word, cjk)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab0Z.'_ -上海合作組織\u3400\u9fff\uf900\ufaff\u33ff\ua000é"), max_size=12))
def test_scanner_agrees_on_any_text(text):
    _agree(text, re.compile(textnorm.WORD), re.compile(textnorm.CJK))


def _agree(text, word, cjk):
    for i in range(len(text) + 1):
        m = word.match(text, i)
        assert textnorm.word_end(text, i) == (m.end() if m else i), (text, i)
    assert [textnorm.is_cjk(c) for c in text] == [bool(cjk.fullmatch(c)) for c in text], text
    t = text.strip()
    expected = bool(t) and t not in textnorm.STOPWORDS and bool(cjk.search(t) or word.fullmatch(t))
    assert textnorm.is_term(text) == expected, text


@pytest.fixture
def installed(tmp_path, monkeypatch):
    """A copy of the installed data in a directory whose name holds the characters SQLite URIs reserve."""
    data = tmp_path / "da?ta #1 100%"
    shutil.copytree(loaders._data_dir(), data)
    monkeypatch.setattr(datafiles, "data_dir", lambda: str(data))
    lookup._index.cache_clear()
    yield data
    lookup._index.cache_clear()


def test_search_works_from_any_directory(installed):
    assert lookup._index().path == str(installed / "search_index.sqlite")
    assert eurasia_data.search("普京", as_frame=False)[0]["record_id"]


def test_flipped_byte_in_the_index_is_detected(installed):
    path = installed / "search_index.sqlite"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(loaders.DataError, match=r"search_index\.sqlite is damaged or was replaced \(CRC-32 [0-9a-f]{8} does not match the manifest\)"):
        eurasia_data.search("普京", as_frame=False)


def test_index_of_another_build_is_detected(installed):
    """A well-formed index that differs in one record (another build's, or an edited one) is refused."""
    db = sqlite3.connect(installed / "search_index.sqlite")
    db.execute("UPDATE docs SET note = note || ' (edited)' WHERE doc = 1")
    db.commit()
    db.close()
    with pytest.raises(loaders.DataError, match=r"search_index\.sqlite is damaged or was replaced"):
        eurasia_data.resolve("普京")


@pytest.mark.parametrize("manifest, message", [
    (None, r"manifest\.json is missing"),
    ("{not json", r"manifest\.json is damaged: malformed JSON"),
    ('{"files": {}}', r"search_index\.sqlite is not in the manifest"),
    ('{"files": {"search_index.sqlite": {"bytes": 12.0, "crc32": 1}}}', r"search_index\.sqlite is not in the manifest"),
    ('{"files": {"search_index.sqlite": {"bytes": 1000, "crc32": 1}}}', r"search_index\.sqlite is damaged or was replaced \(it is not the 1,000 bytes"),
])
def test_manifest_problems_are_reported_by_the_search(installed, manifest, message):
    if manifest is None:
        (installed / "manifest.json").unlink()
    else:
        (installed / "manifest.json").write_text(manifest, encoding="utf-8")
    with pytest.raises(loaders.DataError, match=message):
        eurasia_data.search("普京", as_frame=False)


def test_manifest_entry_without_sqlite_json_functions(installed, monkeypatch):
    """Where SQLite is built without its JSON functions, the json module reads the same entry."""
    text = (installed / "manifest.json").read_text(encoding="utf-8")
    expected = datafiles._file_entry(text, "search_index.sqlite")
    real_connect = sqlite3.connect

    class NoJson:
        def __init__(self):
            self.db = real_connect(":memory:")

        def execute(self, sql, params=()):
            if "json_" in sql:
                raise sqlite3.OperationalError("no such function: json_extract")
            return self.db.execute(sql, params)

        def close(self):
            self.db.close()

    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: NoJson())
    assert expected == (loaders.manifest()["files"]["search_index.sqlite"]["bytes"], loaders.manifest()["files"]["search_index.sqlite"]["crc32"])
    assert datafiles._file_entry(text, "search_index.sqlite") == expected
    assert datafiles._file_entry(text, "nothing.sqlite") == (None, None)
    with pytest.raises(ValueError):
        datafiles._file_entry("{not json", "search_index.sqlite")
