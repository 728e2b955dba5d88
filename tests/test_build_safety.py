"""The build command cannot destroy or race: --out must be a data directory of ours, four builds at once in
one checkout all succeed and leave one whole build, and a usage error exits 2 with one line, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def command(raw: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--raw", str(raw), "--out", str(out), "--schemas", str(out.parent / "schemas"), *extra]


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "EURASIA_SOURCES"}


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_four_builds_at_once_all_succeed_and_leave_one_whole_build(scratch, tmp_path):
    out = tmp_path / "data"
    reference = tmp_path / "reference"
    subprocess.run(command(scratch, reference), check=True, capture_output=True, env=env())
    slow = env() | {"EURASIA_BUILD_WRITE_DELAY": "0.05"}  # long enough for the writes to overlap
    procs = [subprocess.Popen(command(scratch, out), env=slow, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]
    for code, stdout, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
    assert snapshot(out) == snapshot(reference)
    assert not list(tmp_path.glob(".data-new-*"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["name"] == "eurasia-data" and len(manifest["tables"]) == 11


def run(raw: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command(raw, out), capture_output=True, text=True, env=env(), timeout=120)


def test_out_that_is_not_ours_is_refused_and_untouched(scratch, tmp_path):
    docs = tmp_path / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "index.md").write_text("# my notes\n", encoding="utf-8")
    (docs / "img" / "a.png").write_bytes(b"\x89PNG")
    before = snapshot(docs)
    result = run(scratch, docs)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: --out {docs} is not empty and holds no eurasia-data manifest: the build replaces its --out directory whole, "
        "so it writes only into an empty directory or an earlier build"]
    assert snapshot(docs) == before

    other = tmp_path / "other"
    other.mkdir()
    (other / "manifest.json").write_text('{"name": "something-else", "tables": {}}', encoding="utf-8")
    assert run(scratch, other).returncode == 2
    assert (other / "manifest.json").read_text(encoding="utf-8").startswith('{"name": "something-else"')

    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep me", encoding="utf-8")
    assert run(scratch, a_file).returncode == 2
    assert a_file.read_text(encoding="utf-8") == "keep me"


def test_out_that_is_empty_or_an_earlier_build_is_replaced(scratch, tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    assert run(scratch, out).returncode == 0
    assert run(scratch, out).returncode == 0  # an earlier build is ours
    (out / "mine.csv").write_text("x", encoding="utf-8")  # but not once something else sits in it
    result = run(scratch, out)
    assert result.returncode == 2 and "mine.csv" in result.stderr
    assert (out / "mine.csv").exists()


@pytest.mark.parametrize("args, message", [
    (["nope"], "invalid choice: 'nope'"),
    (["--limit", "many"], "invalid int value: 'many'"),
    (["audit", "--limit", "-1"], "--limit must not be negative"),
    (["--raw", "/no/such/raw"], "--raw /no/such/raw is not a directory"),
    (["--sources", "/no/such/dir"], "--sources /no/such/dir is not a directory"),
    (["diff", "only-one"], "diff needs OLD and NEW"),
    (["diff", "/no/old", "/no/new"], "/no/old does not exist"),
    (["--bogus"], "unrecognized arguments: --bogus"),
])
def test_usage_errors_exit_2_with_one_clear_line(args, message):
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, env=env(), timeout=60)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
