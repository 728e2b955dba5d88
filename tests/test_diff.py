"""build.py diff: ids added, removed and changed, with the changed fields, between two builds."""

from __future__ import annotations

import subprocess
import sys

from builder import diff, output
from conftest import ROOT
from eurasia_data import loaders


def rows(table):
    return [r.model_dump() for r in loaders.load_records(table)]


def test_diff_reports_added_removed_and_changed(tmp_path):
    agreements = rows("agreements")
    old = {"agreements": agreements[:5]}
    changed = dict(agreements[1], place="Somewhere else")
    new = {"agreements": [agreements[0], changed, *agreements[2:4], agreements[6]]}
    output.write_data(old, tmp_path / "old")
    output.write_data(new, tmp_path / "new")
    text = diff.run(str(tmp_path / "old"), str(tmp_path / "new"))
    assert "| agreements | 1 | 1 | 1 |" in text
    assert f"- removed agreements/{agreements[4]['agreement_id']}" in text
    assert f"- changed agreements/{agreements[1]['agreement_id']}: place: {agreements[1]['place']!r} -> 'Somewhere else'" in text


def test_diff_from_nothing_counts_every_record():
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "diff", "-", str(loaders._data_dir())], capture_output=True, text=True, check=True)
    manifest = loaders.manifest()
    for name, entry in manifest["tables"].items():
        assert f"| {name} | {entry['rows']} | 0 | 0 |" in result.stdout


def test_a_new_column_changes_only_records_that_hold_more_than_its_default():
    old = {"indicators": {"a": {"indicator_id": "a", "value": 1.0}, "b": {"indicator_id": "b", "value": 1.0}}}
    new = {"indicators": {"a": {"indicator_id": "a", "value": 1.0, "reading": "as_printed", "unit_read": None},
                          "b": {"indicator_id": "b", "value": 0.1, "reading": "corrected", "unit_read": "百萬美元"}}}
    result = diff.compare(old, new)["indicators"]
    assert result["columns_added"] == ["reading", "unit_read"]
    assert list(result["changed"]) == ["b"]
    assert result["changed"]["b"]["reading"] == (None, "corrected")
    text = diff.format_diff("0.1.0", "0.2.0", {"indicators": result})
    assert "- columns of indicators: added reading, unit_read" in text
    assert "| indicators | 0 | 0 | 1 |" in text
