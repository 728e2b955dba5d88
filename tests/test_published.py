"""The built tables as users load them: exact columns and dtypes, unique ids, foreign keys, evidence."""

from __future__ import annotations

import pandas as pd
import pytest

import eurasia_data
from eurasia_data import models
from eurasia_data.codebook import describe
from eurasia_data.tables import RECORD_TABLES, TABLES

def expected_dtype(annotation) -> str:
    dtype, _ = describe(annotation)
    return "object" if dtype.startswith("object") else dtype


@pytest.mark.parametrize("name", list(TABLES))
def test_columns_and_dtypes(name):
    model = getattr(models, TABLES[name].model)
    df = getattr(eurasia_data, f"load_{name}")()
    assert list(df.columns) == models.columns(model)
    for column in df.columns:
        want = expected_dtype(model.model_fields[column].annotation)
        got = df[column].dtype
        if want == "string":
            assert got == pd.StringDtype("pyarrow"), column
        else:
            assert str(got) == want, column
    for column in df.columns:
        if df[column].dtype == object:
            assert all(isinstance(v, list) for v in df[column]), column


@pytest.mark.parametrize("name", [n for n in TABLES if TABLES[n].id_column])
def test_ids_are_unique(name):
    df = eurasia_data.load(name)
    key = TABLES[name].id_column
    assert df[key].notna().all()
    assert df[key].is_unique


def ids(name):
    return set(eurasia_data.load(name)[TABLES[name].id_column])


ACTOR_REFS = [
    ("agreements", "parties"), ("agreements", "framework"), ("agreement_events", "actors"),
    ("exercises", "participants"), ("exercises", "host"), ("pipelines", "route"), ("pipeline_events", "actors"),
    ("memberships", "org_id"), ("memberships", "member_id"), ("trade_figures", "reporter_id"),
    ("trade_figures", "partner_id"), ("indicators", "actor_id"),
]


@pytest.mark.parametrize("table, column", ACTOR_REFS)
def test_actor_references_resolve(table, column):
    values = eurasia_data.load(table)[column]
    used = {v for cell in values.dropna() for v in (cell if isinstance(cell, list) else [cell])}
    assert used - {"bilateral", "multilateral", "national"} <= ids("actors")


def test_event_references_resolve():
    assert set(eurasia_data.load_agreement_events().agreement_id) <= ids("agreements")
    assert set(eurasia_data.load_pipeline_events().pipeline_id) <= ids("pipelines")


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_every_record_has_evidence_from_its_sources(name):
    ev = eurasia_data.load_evidence()
    ev = ev[ev.table == name]
    df = eurasia_data.load(name)
    key = TABLES[name].id_column
    assert set(ev.record_id) == set(df[key])
    for rid, sources in zip(df[key], df.source_ids):
        assert set(ev[ev.record_id == rid].source_id) == set(sources)
    assert set(ev.source_id) <= ids("sources")
    assert (ev.line >= 1).all()


def test_manifest_matches_files():
    import hashlib

    manifest = eurasia_data.manifest()
    assert manifest["version"] == eurasia_data.__version__
    for name, path in eurasia_data.paths().items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == manifest["tables"][name]["sha256"]
        assert len(eurasia_data.load(name)) == manifest["tables"][name]["rows"]


def test_unknown_table_is_a_clear_error():
    with pytest.raises(KeyError, match="no table 'treaties'"):
        eurasia_data.load("treaties")


@pytest.mark.parametrize("name", RECORD_TABLES)
def test_conflicts_are_mutual_and_resolve(name):
    df = eurasia_data.load(name)
    key = TABLES[name].id_column
    conflicts = dict(zip(df[key], df.conflicts_with))
    for rid, others in conflicts.items():
        for other in others:
            assert rid in conflicts[other], (rid, other)


def test_evidence_says_what_each_quote_supports_and_which_is_primary():
    ev = eurasia_data.load_evidence()
    assert list(ev.columns)[-7:] == ["section", "page_start", "page_end", "prefix", "suffix", "supports", "primary"]
    assert ev.primary.dtype == pd.BooleanDtype() and ev.primary.notna().all()
    assert ev.groupby(["table", "record_id"]).primary.sum().eq(1).all()  # exactly one primary quote per record
    records = sum(len(eurasia_data.load(t)) for t in RECORD_TABLES)
    assert ev.groupby(["table", "record_id"]).ngroups == records
    for table, group in ev.groupby("table"):
        named = set(eurasia_data.load(table).columns) | {"date", "end_date"}  # date = year/month/day
        used = {s for cell in group.supports for s in cell}
        assert used and used <= named, (table, used - named)
