"""A malformed raw file gets clear errors (file, line, record, field), all at once, and the previous
outputs stay byte-for-byte as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SMALL


def run_build(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "build.py"), "--raw", str(raw), "--out", str(out), "--schemas", str(out.parent / "schemas"), *extra]
    env = {k: v for k, v in os.environ.items() if k != "EURASIA_SOURCES"}  # sources only when a test passes them
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def built(scratch, tmp_path):
    out = tmp_path / "data"
    result = run_build(scratch, out)
    assert result.returncode == 0, result.stderr
    return scratch, out


def test_valid_scratch_builds_without_sources(built):
    raw, out = built
    assert (out / "manifest.json").exists()
    assert len(list(out.glob("*.parquet"))) == 11


def test_same_inputs_give_byte_identical_outputs(built, tmp_path):
    raw, out = built
    again = tmp_path / "again"
    assert run_build(raw, again).returncode == 0
    assert snapshot(out) == snapshot(again)


BROKEN = SMALL.replace('date = "1992-05-15"', 'date = "1992-13-40"').replace('actor = "RUS"', 'actor = "XXX"').replace(
    'name_en = "Collective Security Treaty"', 'name_en = "Collective Security Treaty"\ncolour = "red"')


def test_every_error_reported_at_once_and_outputs_untouched(built):
    raw, out = built
    before = snapshot(out)
    (raw / "records" / "small.toml").write_text(BROKEN, encoding="utf-8")
    result = run_build(raw, out)
    assert result.returncode == 1
    err = result.stderr
    assert "raw/records/small.toml:10: agreements[cst-1992].date: '1992-13-40': there is no month 13" in err
    assert "raw/records/small.toml:7: agreements[cst-1992].colour: unknown field" in err
    assert "raw/records/small.toml:16: indicators[wei-cis-gdp-rus-2021].actor: unknown actor id 'XXX'" in err
    assert "3 error(s); nothing was written." in err
    assert snapshot(out) == before


def test_syntax_error_names_the_line(built):
    raw, out = built
    before = snapshot(out)
    (raw / "records" / "small.toml").write_text(SMALL.replace('type = "treaty"', 'type = treaty'), encoding="utf-8")
    result = run_build(raw, out)
    assert result.returncode == 1
    assert "raw/records/small.toml:7: TOML syntax error: Invalid value (at line 7, column 8)" in result.stderr
    assert snapshot(out) == before


def test_quote_not_in_paper_is_an_error(built, sources):
    raw, out = built
    before = snapshot(out)
    (raw / "records" / "small.toml").write_text(SMALL.replace("塔什干簽署", "莫斯科簽署"), encoding="utf-8")
    result = run_build(raw, out, "--sources", str(sources))
    assert result.returncode == 1
    assert "raw/records/small.toml:11: agreements[cst-1992].evidence: quote is not in wei-cis" in result.stderr
    assert snapshot(out) == before


def test_without_sources_an_unverified_quote_is_an_error(built):
    raw, out = built
    (raw / "records" / "small.toml").write_text(SMALL.replace("塔什干簽署", "莫斯科簽署"), encoding="utf-8")
    result = run_build(raw, out)
    assert result.returncode == 1
    assert "quote has no verified location: build once with --sources" in result.stderr


def test_stated_value_must_be_in_a_quote_and_match_value(built):
    raw, out = built
    text = SMALL.replace('value_stated = "1 兆 7,757 億 9,992 萬美元"', 'value_stated = "1 兆 7,757 億美元"\nvalue = 1775799920000')
    (raw / "records" / "small.toml").write_text(text, encoding="utf-8")
    err = run_build(raw, out).stderr
    assert "indicators[wei-cis-gdp-rus-2021].value: 1775799920000 does not match value_stated '1 兆 7,757 億美元', which means 1,775,700,000,000 USD" in err


def test_duplicate_ids_across_files(built):
    raw, out = built
    (raw / "records" / "copy.toml").write_text(SMALL, encoding="utf-8")
    err = run_build(raw, out).stderr
    assert "raw/records/small.toml:4: agreements[cst-1992].id: duplicate id: already used at raw/records/copy.toml:4" in err


def test_sources_with_different_text_is_an_error(built, tmp_path, sources):
    raw, out = built
    fake = tmp_path / "texts"
    fake.mkdir()
    for p in sources.iterdir():
        (fake / p.name).write_bytes(p.read_bytes() + (b" " if p.name.startswith("000") else b""))
    err = run_build(raw, out, "--sources", str(fake)).stderr
    assert "sources[wei-cis].sha256: no file in" in err


def test_released_id_can_never_disappear(built):
    raw, out = built
    (raw / "released_ids.tsv").write_text("# released\nagreements\tcst-1992\t0.1.0\nagreements\told-treaty\t0.1.0\n", encoding="utf-8")
    err = run_build(raw, out).stderr
    assert "raw/released_ids.tsv:3: agreements[old-treaty].id: released in 0.1.0 and now missing" in err
    assert "cst-1992" not in err
