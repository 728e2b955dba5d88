"""The corpus of broken inputs in tests/bad_inputs/: each must fail the build with exactly the errors in
expected.toml (file, line, record, field, in a curator's words), all at once, leaving the previous outputs
byte-for-byte unchanged. Plus: random mutations of a valid file are accepted or rejected cleanly."""

from __future__ import annotations

import importlib.util
import shutil
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import BuildFailed
from builder.pipeline import assemble
from conftest import ROOT, SMALL, SOURCES

CORPUS = ROOT / "tests" / "bad_inputs"
EXPECTED = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))
CASES = sorted(p.stem for p in CORPUS.glob("*.toml") if p.name != "expected.toml")

spec = importlib.util.spec_from_file_location("eurasia_build_cli", ROOT / "build.py")
cli = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cli)


def scratch_raw(directory: Path) -> Path:
    raw = directory / "raw"
    (raw / "records").mkdir(parents=True)
    for name in ("sources.toml", "actors.toml", "aliases.toml", "quote_lines.tsv"):
        shutil.copy(ROOT / "raw" / name, raw / name)
    (raw / "records" / "small.toml").write_text(SMALL, encoding="utf-8")
    return raw


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not SOURCES.is_dir():
        pytest.skip("the corpus checks quotes against the source texts")
    base = tmp_path_factory.mktemp("base")
    out = base / "data"
    assert cli.main(["--raw", str(scratch_raw(base)), "--out", str(out), "--schemas", str(base / "schemas"), "--sources", str(SOURCES)]) == 0
    return out


def test_corpus_is_large_and_documented():
    assert len(CASES) >= 40
    assert set(CASES) == set(EXPECTED), "every case needs its expected errors, and every expectation a case"


@pytest.mark.parametrize("case", CASES)
def test_broken_input_fails_clearly_and_changes_nothing(case, built, tmp_path, capsys):
    raw = scratch_raw(tmp_path)
    source = CORPUS / f"{case}.toml"
    if case.startswith("triage-"):
        shutil.copy(source, raw / "triage.toml")
        command = ["audit"]
    elif case.startswith("aliases-"):
        shutil.copy(source, raw / "aliases.toml")
        command = ["build"]
    else:
        shutil.copy(source, raw / "records" / "case.toml")
        command = ["build"]
    before = snapshot(built)
    capsys.readouterr()
    code = cli.main([*command, "--raw", str(raw), "--out", str(built), "--schemas", str(tmp_path / "schemas"), "--sources", str(SOURCES)])
    captured = capsys.readouterr()
    assert code == 1
    text = captured.err + captured.out
    reported = [line for line in text.splitlines() if line.startswith("raw/")]
    assert reported == EXPECTED[case]
    assert "Traceback" not in text
    assert snapshot(built) == before


MUTATIONS = st.sampled_from(["delete", "insert", "duplicate_line", "drop_line", "swap_lines"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.tuples(MUTATIONS, st.integers(0, 10_000), st.characters(codec="utf-8")), min_size=1, max_size=4))
def test_random_mutations_are_accepted_or_rejected_cleanly(tmp_path_factory, mutations):
    text = SMALL
    for kind, at, char in mutations:
        lines = text.split("\n")
        i = at % max(1, len(text))
        j = at % len(lines)
        if kind == "delete":
            text = text[:i] + text[i + 1:]
        elif kind == "insert":
            text = text[:i] + char + text[i:]
        elif kind == "duplicate_line":
            text = "\n".join(lines[:j + 1] + lines[j:])
        elif kind == "drop_line":
            text = "\n".join(lines[:j] + lines[j + 1:])
        else:
            k = (j + 1) % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            text = "\n".join(lines)
    raw = scratch_raw(tmp_path_factory.mktemp("mut"))
    (raw / "records" / "small.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        assemble(raw)
    except BuildFailed as e:
        assert len(e.problems) >= 1
        assert all(p.file.startswith("raw/") and p.message for p in e.problems.items)
