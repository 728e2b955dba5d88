"""The corpus of broken inputs in tests/bad_inputs/: each must fail the build with exactly the errors in
expected.toml (file, line, record, field, in a curator's words), all at once, leaving the previous outputs
byte-for-byte unchanged. Plus: random mutations of a valid file are accepted or rejected cleanly."""

from __future__ import annotations

import importlib.util
import os
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
CASES = sorted(p.stem for p in CORPUS.iterdir() if p.suffix in (".toml", ".tsv") and p.name != "expected.toml")
# A case named <prefix>... replaces this file of raw/; any other case is raw/records/case.toml beside small.toml.
# layout-* cases describe files, links and a command line instead (see run_layout).
REPLACES = {"triage-": "triage.toml", "aliases-": "aliases.toml", "acks-": "acknowledged.toml",
            "released-": "released_ids.tsv", "quotelines-": "quote_lines.tsv"}

spec = importlib.util.spec_from_file_location("eurasia_build_cli", ROOT / "build.py")
cli = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cli)


def scratch_raw(directory: Path, without: tuple[str, ...] = ()) -> Path:
    raw = directory / "raw"
    (raw / "records").mkdir(parents=True)
    for name in ("sources.toml", "actors.toml", "aliases.toml", "places.toml", "acknowledged.toml", "quote_lines.tsv"):
        if name in without:
            continue
        if name == "acknowledged.toml":  # the records' own acknowledgements would be stale for the small records
            blocks = (ROOT / "raw" / name).read_text(encoding="utf-8").split("[[ack]]")
            kept = [b for b in blocks[1:] if 'check = "unsupported_field"' not in b]
            (raw / name).write_text("[[ack]]".join([blocks[0], *kept]), encoding="utf-8")
        else:
            shutil.copy(ROOT / "raw" / name, raw / name)
    (raw / "records" / "small.toml").write_text(SMALL, encoding="utf-8")
    return raw


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (links not followed) with its bytes."""
    out = {}
    for top, dirs, names in os.walk(directory):
        for name in names:
            p = Path(top) / name
            out[str(p.relative_to(directory))] = p.read_bytes() if p.is_file() and not p.is_symlink() else b"->" + os.fsencode(os.readlink(p) if p.is_symlink() else "")
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if not SOURCES.is_dir():
        pytest.skip("the corpus checks quotes against the source texts")
    base = tmp_path_factory.mktemp("base")
    out = base / "data"
    assert cli.main(["--raw", str(scratch_raw(base)), "--out", str(out), "--schemas", str(base / "schemas"), "--sources", str(SOURCES)]) == 0
    return out


def test_corpus_is_large_and_documented():
    assert len(CASES) >= 100
    assert set(CASES) == set(EXPECTED), "every case needs its expected errors, and every expectation a case"


def run_layout(case: Path, raw: Path, built: Path, tmp_path: Path) -> list[str]:
    """Set up a layout case (files, symbolic links, removals, a copy of the build) and return its command line."""
    spec = tomllib.loads(case.read_text(encoding="utf-8"))
    for rel, text in spec.get("files", {}).items():
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for rel, target in spec.get("symlinks", {}).items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, raw / rel)
    for rel in spec.get("remove", {}).get("paths", []):
        (raw / rel).unlink()
    if "copy_build" in spec:
        shutil.copytree(built, tmp_path / "copy")
        (tmp_path / "copy" / spec["copy_build"]["extra"]).write_text("mine", encoding="utf-8")
    return [a.replace("TMP", str(tmp_path)) for a in spec.get("args", ["build"])]


@pytest.mark.parametrize("case", CASES)
def test_broken_input_fails_clearly_and_changes_nothing(case, built, tmp_path, capsys):
    prefix = next((p for p in REPLACES if case.startswith(p)), None)
    # An aliases or acks case stands alone: the real acknowledgements are about the real aliases.
    raw = scratch_raw(tmp_path, without=("aliases.toml", "acknowledged.toml") if prefix in ("aliases-", "acks-") else ())
    source = next(CORPUS.glob(f"{case}.*"))
    command = ["build"]
    if case.startswith("layout-"):
        command = run_layout(source, raw, built, tmp_path)
    elif prefix:
        shutil.copy(source, raw / REPLACES[prefix])
        command = ["audit"] if prefix == "triage-" else ["build"]
    else:
        shutil.copy(source, raw / "records" / "case.toml")
    defaults = {"--raw": str(raw), "--out": str(built), "--schemas": str(tmp_path / "schemas"), "--sources": str(SOURCES)}
    for flag, value in defaults.items():
        if flag not in command and command[0] != "diff":
            command += [flag, value]
    before, around = snapshot(built), snapshot(tmp_path)
    capsys.readouterr()
    code = cli.main(command)
    captured = capsys.readouterr()
    text = (captured.err + captured.out).replace(str(tmp_path), "TMP")
    reported = [line for line in text.splitlines() if line.startswith(("raw/", "error:", "TMP"))]
    assert reported == EXPECTED[case]
    assert code == (2 if reported[0].startswith("error:") else 1)
    assert "Traceback" not in text
    assert snapshot(built) == before
    assert snapshot(tmp_path) == around


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
