"""The same Parquet is readable by independent readers (DuckDB, Polars) with the same rows and values,
and records exported to JSON validate against the committed JSON Schemas."""

from __future__ import annotations

import datetime
import json
import math

import pytest

import eurasia_data
from conftest import ROOT

TABLES = eurasia_data.tables()


def _same(a, b) -> bool:
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    if isinstance(a, datetime.datetime) and type(b) in (datetime.date, datetime.datetime):  # pandas day columns are datetime64
        return a.date() == (b if type(b) is datetime.date else b.date())
    if isinstance(a, float):
        return math.isclose(a, b, rel_tol=1e-12)
    return list(a) == list(b) if isinstance(a, (list, tuple)) else a == b


def pandas_rows(name):
    """The loader's rows as plain Python values, missing values as None."""
    df = eurasia_data.load(name)
    return df.astype(object).where(df.notna(), None).to_dict("records")


@pytest.mark.parametrize("name", TABLES)
def test_duckdb_reads_the_same(name):
    duckdb = pytest.importorskip("duckdb")
    path = eurasia_data.paths()[name]
    con = duckdb.connect()
    rel = con.execute(f"SELECT * FROM read_parquet('{path}')")
    columns = [d[0] for d in rel.description]
    rows = [dict(zip(columns, r)) for r in rel.fetchall()]
    ours = pandas_rows(name)
    assert columns == list(eurasia_data.load(name).columns)
    assert len(rows) == len(ours)
    for a, b in zip(ours, rows):
        assert all(_same(a[c], b[c]) for c in columns), (a, b)


@pytest.mark.parametrize("name", TABLES)
def test_polars_reads_the_same(name):
    pl = pytest.importorskip("polars")
    df = pl.read_parquet(eurasia_data.paths()[name])
    ours = pandas_rows(name)
    assert df.columns == list(eurasia_data.load(name).columns)
    assert df.height == len(ours)
    for a, b in zip(ours, df.to_dicts()):
        assert all(_same(a[c], b[c]) for c in df.columns), (a, b)


@pytest.mark.parametrize("name", TABLES)
def test_records_validate_against_committed_schemas(name):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    records = eurasia_data.load_records(name)
    assert records
    for record in records:
        validator.validate(json.loads(record.model_dump_json()))
    bad = json.loads(records[0].model_dump_json()) | {"unexpected": 1}
    assert not validator.is_valid(bad)
