"""The installed package: cheap import, committed schemas up to date, integrity errors are clear."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import eurasia_data
from builder import output
from conftest import ROOT
from eurasia_data import loaders


def test_import_loads_nothing_heavy():
    code = "import sys, eurasia_data; print(sorted(m for m in ('pandas', 'pyarrow', 'pydantic', 'numpy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_committed_schemas_are_up_to_date():
    for name, text in output.json_schemas().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"{path} missing: run python build.py"
        assert path.read_text(encoding="utf-8") == text, f"{path} is out of date: run python build.py and commit it"
    assert {p.name for p in (ROOT / "schemas").glob("*.json")} == set(output.json_schemas())


def test_tables_and_paths():
    assert eurasia_data.tables() == list(loaders.TABLES)
    paths = eurasia_data.paths()
    assert set(paths) == set(eurasia_data.tables())
    assert all(p.suffix == ".parquet" and p.exists() for p in paths.values())


def test_damaged_file_raises_naming_it(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(loaders._data_dir(), data)
    path = data / "agreements.parquet"
    path.write_bytes(path.read_bytes()[:-10])
    monkeypatch.setattr(loaders, "_data_dir", lambda: data)
    loaders.manifest.cache_clear()
    loaders._verified.cache_clear()
    try:
        with pytest.raises(loaders.DataError, match="agreements.parquet is damaged or was replaced"):
            loaders.load_agreements()
        (data / "exercises.parquet").unlink()
        with pytest.raises(loaders.DataError, match="exercises.parquet is missing"):
            loaders.load("exercises")
    finally:
        loaders.manifest.cache_clear()
        loaders._verified.cache_clear()


def test_manifest_lists_every_table():
    manifest = json.loads((loaders._data_dir() / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(eurasia_data.tables())


def test_codebook_is_up_to_date_and_complete():
    from eurasia_data.codebook import codebook_markdown

    path = ROOT / "docs" / "codebook.md"
    assert path.read_text(encoding="utf-8") == codebook_markdown(), "docs/codebook.md is out of date: run python build.py"
    book = eurasia_data.load_codebook()
    for name in eurasia_data.tables():
        assert list(book[book.table == name].column) == list(eurasia_data.load(name).columns)
    assert (book.description.str.len() > 0).all()
    row = book[(book.table == "pipelines") & (book.column == "length_km")].iloc[0]
    assert row["unit"] == "km" and row["dtype"] == "Float64"
    assert "treaty" in book[(book.table == "agreements") & (book.column == "type")].iloc[0].allowed_values


def test_cite_and_citation_file_carry_the_version():
    import re

    bib = eurasia_data.cite()
    assert f"version = {{{eurasia_data.__version__}}}" in bib
    assert bib.count("@") == 1 + len(eurasia_data.load_sources())
    assert "@mastersthesis{linscothesis," in bib and "year = {2013}" in bib
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (.+)$", cff, re.M).group(1) == eurasia_data.__version__
