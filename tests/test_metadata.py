"""Standard metadata shipped with the data: column descriptions inside the Parquet files (seen from
pyarrow, DuckDB and Polars), the Data Package and schema.org JSON-LD generated from the models, the
codebook, and loader docstrings that list the columns."""

from __future__ import annotations

import json
import pydoc
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

import eurasia_data
from builder import output
from eurasia_data import loaders
from eurasia_data.codebook import codebook_markdown, codebook_rows
from eurasia_data.metadata import datapackage
from eurasia_data.tables import RECORD_TABLES, TABLES

BOOK = {(r["table"], r["column"]): r for r in codebook_rows()}


def shipped(name: str) -> bytes:
    return loaders.verified_file(name).read_bytes()


@pytest.mark.parametrize("name", list(TABLES))
def test_parquet_fields_carry_their_description(name):
    schema = pq.read_schema(eurasia_data.paths()[name])
    for field in schema:
        row = BOOK[(name, field.name)]
        assert field.metadata[b"description"].decode() == row["description"]
        assert field.metadata.get(b"unit", b"").decode() == (row["unit"] or "")
        assert schema.metadata[f"description.{field.name}".encode()].decode() == row["description"]


def test_duckdb_and_polars_users_see_the_descriptions():
    duckdb = pytest.importorskip("duckdb")
    polars = pytest.importorskip("polars")
    path = str(eurasia_data.paths()["pipelines"])
    rows = duckdb.sql(f"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{path}') WHERE decode(key) LIKE 'unit.%'").fetchall()
    assert ("unit.length_km", "km") in rows
    ((text,),) = duckdb.sql(f"SELECT decode(value) FROM parquet_kv_metadata('{path}') WHERE decode(key) = 'description.length_km'").fetchall()
    assert text == BOOK[("pipelines", "length_km")]["description"]
    meta = polars.read_parquet_metadata(path)
    assert meta["description.capacity_unit"] == BOOK[("pipelines", "capacity_unit")]["description"]
    assert polars.read_parquet(path).height == len(eurasia_data.load_pipelines())


def test_shipped_metadata_is_in_the_manifest_and_current():
    files = eurasia_data.manifest()["files"]
    assert {"datapackage.json", "dataset.jsonld", "codebook.md"} <= set(files)
    assert shipped("codebook.md").decode("utf-8") == codebook_markdown()
    sources = [s.model_dump() for s in eurasia_data.load_records("sources")]
    assert json.loads(shipped("datapackage.json")) == datapackage(sources)
    assert output.metadata_files({n: eurasia_data.load(n).to_dict("records") for n in ("sources", *RECORD_TABLES)}).keys() >= {"datapackage.json"}


def test_jsonld_describes_the_dataset():
    doc = json.loads(shipped("dataset.jsonld"))
    assert doc["@context"].rstrip("/") == "https://schema.org" and doc["@type"] == "Dataset"
    assert doc["name"] == "eurasia-data" and len(doc["description"]) > 50 and doc["version"] == eurasia_data.__version__
    assert doc["license"].startswith("https://") and doc["isAccessibleForFree"] is True
    assert {v["name"] for v in doc["variableMeasured"]} == {f"{t}.{c}" for t, c in BOOK}
    assert len(doc["citation"]) == len(eurasia_data.load_sources())
    frames = [eurasia_data.load(t) for t in RECORD_TABLES]
    years = sorted({int(y) for df in frames for col in ("year", "end_year") if col in df for y in df[col].dropna()})
    assert doc["temporalCoverage"] == f"{years[0]}/{years[-1]}"
    assert {d["encodingFormat"] for d in doc["distribution"]} >= {"text/csv", "application/x-stata-dta"}


@pytest.mark.parametrize("name", list(TABLES))
def test_help_lists_the_columns_and_an_example(name):
    loader = getattr(eurasia_data, f"load_{name}")
    text = pydoc.render_doc(loader, renderer=pydoc.plaintext)
    assert TABLES[name].description in text
    for (table, column), row in BOOK.items():
        if table == name:
            assert column in text and row["description"][:60] in " ".join(text.split()), column
    assert f"eurasia_data.load_{name}()" in text and "Example" in text


def test_loader_docs_cost_nothing_at_import():
    code = ("import sys, eurasia_data.loaders as l; print(l._described_columns.cache_info().currsize, "
            "sorted(m for m in ('pandas', 'pyarrow', 'pydantic') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "[]"]
