"""The coverage audit: candidate sentences are found per kind, quotes cover them, triage entries must
point at real uncovered sentences, and the committed data leaves nothing untriaged."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from builder import audit
from conftest import ROOT

TEXT = "前言沒有事實。\n1992年5月15日六國簽署『集體安全條約』。\n喬治亞於1993年加入獨立國協。\n俄國GDP爲1,908億美元。\n2005年舉行「和平使命-2005」聯合軍演；天氣很好。\n國家\t1990\t1993\n美國\t5,027\t4,665\n"


@pytest.fixture(scope="module")
def tk(tmp_path_factory):
    return audit.tokenizer(tmp_path_factory.mktemp("jieba"), ["集體安全條約", "獨立國協", "和平使命"])


def test_candidates_by_kind(tk):
    found = {c.line: c.kinds for c in audit.candidates("s", TEXT, tk)}
    assert found == {2: {"instrument"}, 3: {"membership"}, 4: {"figure"}, 5: {"exercise"}, 6: {"table_row"}, 7: {"table_row"}}


def test_jieba_cache_stays_in_the_given_directory(tmp_path):
    audit.tokenizer(tmp_path / "cache", [])
    assert (tmp_path / "cache" / "jieba.cache").exists()


def test_covered_triaged_untriaged_and_stale_entries(tk, monkeypatch):
    monkeypatch.setattr(audit, "tokenizer", None)  # the report must not build its own tokenizer
    evidence = [{"source_id": "s", "quote": "六國簽署『集體安全條約』"}]
    triage = [
        {"source": "s", "line": 3, "text": "喬治亞於1993", "reason": "test"},
        {"source": "s", "line": 4, "text": "不存在的句子", "reason": "stale", "_line": 9},
    ]
    report = audit.audit({"s": TEXT}, evidence, triage, tk, "raw/triage.toml")
    assert report.counts[("s", "instrument")]["covered"] == 1
    assert report.counts[("s", "membership")]["triaged"] == 1
    assert {c.line for c in report.untriaged} == {4, 5, 6, 7}
    assert "raw/triage.toml:9: triage[s].text: line 4 has no uncovered candidate sentence containing '不存在的句子'" in report.problems.report()
    assert not report.ok()


def test_skeleton_lists_untriaged(tk):
    report = audit.audit({"s": TEXT}, [], [], tk, "raw/triage.toml")
    text = audit.skeleton(report.untriaged)
    assert '{ line = 2, text = "1992年5月15日六國簽署『集體安全條約』。", reason = "" }' in text


def test_committed_data_has_nothing_untriaged(sources):
    env = {k: v for k, v in os.environ.items() if k != "EURASIA_SOURCES"}
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "audit", "--sources", str(sources)],
                            capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "untriaged candidate" not in result.stdout
