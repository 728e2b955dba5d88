"""Exports read back, in every format and with the reader its users have, to the rows and values the
loaders return; the Data Package validates with frictionless, foreign keys included."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

import eurasia_data
from eurasia_data import relations
from eurasia_data.exports import DATABASE, export
from eurasia_data.flat import ExportError, link
from eurasia_data.models import field_kind
from eurasia_data.stata import label, stata_names
from eurasia_data.tables import TABLES

ALL = [*TABLES, *(spec.name for spec in relations.all_links())]
LINKS = {spec.name: spec for spec in relations.all_links()}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return export(tmp_path_factory.mktemp("export") / "eurasia")


def kinds(name: str) -> dict[str, tuple]:
    if name in LINKS:
        spec = LINKS[name]
        return {spec.key: ((int if spec.key == relations.ROW_KEY else str), False, ()), spec.item: (str, False, ()), "position": (int, False, ())}
    return relations.kinds(name)


def expected(name: str) -> pd.DataFrame:
    return link(LINKS[name]) if name in LINKS else eurasia_data.load(name)


def cell(value, kind, *, empty_is_missing=False):
    """A value as plain Python, so that every reader's output compares with the loaders'."""
    scalar, is_list, _ = kind
    if is_list:
        if isinstance(value, list) or hasattr(value, "tolist"):
            return [str(v) for v in value]
        return [] if value is None or value is pd.NA or value == "" or (isinstance(value, float) and value != value) else str(value).split(";")
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value) or (empty_is_missing and value == ""):
        return None
    if isinstance(value, pd.Timestamp) or hasattr(value, "isoformat"):
        return str(value)[:10]
    if scalar is bool:
        return bool(int(value)) if not isinstance(value, str) else value in ("True", "true", "1")
    if scalar is int:
        return int(value)
    if scalar is float:
        return float(value)
    return str(value)


def rows(df: pd.DataFrame, name: str, **kw) -> list[tuple]:
    k = kinds(name)
    return [tuple(cell(v, k[c], **kw) for c, v in zip(df.columns, row)) for row in df[list(k)].astype(object).itertuples(index=False, name=None)]


def assert_same(got: pd.DataFrame, name: str, **kw):
    want = expected(name)
    assert list(got.columns) == list(want.columns), name
    assert len(got) == len(want), name
    assert rows(got, name, **kw) == rows(want, name, **kw), name


def test_every_file_is_written(out):
    for name in ALL:
        for path in (out / "csv" / f"{name}.csv", out / "stata" / f"{name}.dta", out / "parquet" / f"{name}.parquet"):
            assert path.stat().st_size > 0, path
    for name in ("README.md", "codebook.md", "CITATION.bib", "datapackage.json", "dataset.jsonld", DATABASE):
        assert (out / name).stat().st_size > 0, name
    assert (out / "codebook.md").read_text(encoding="utf-8") == eurasia_data.codebook.codebook_markdown()
    assert (out / "CITATION.bib").read_text(encoding="utf-8") == eurasia_data.cite()
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "| `agreements` | " in readme and "`agreement_parties`" in readme


@pytest.mark.parametrize("name", ALL)
def test_csv_reads_back(out, name):
    got = pd.read_csv(out / "csv" / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
    assert_same(got, name, empty_is_missing=True)
    with open(out / "csv" / f"{name}.csv", encoding="utf-8", newline="") as f:  # the standard library reads it too
        assert sum(1 for _ in csv.reader(f)) == len(expected(name)) + 1


def test_list_columns_are_joined_and_linked(out):
    agreements = pd.read_csv(out / "csv" / "agreements.csv", dtype=str, keep_default_na=False).set_index("agreement_id")
    assert agreements.loc["cst-1992", "parties"] == "RUS;KAZ;UZB;TJK;ARM;KGZ"
    parties = pd.read_csv(out / "csv" / "agreement_parties.csv", dtype={"position": int})
    cst = parties[parties.agreement_id == "cst-1992"].sort_values("position")
    assert list(cst.columns) == ["agreement_id", "actor_id", "position"]
    assert list(cst.actor_id) == ["RUS", "KAZ", "UZB", "TJK", "ARM", "KGZ"] and list(cst.position) == [1, 2, 3, 4, 5, 6]
    for spec in relations.all_links():  # every list is rebuilt exactly from its link table
        long = pd.read_csv(out / "csv" / f"{spec.name}.csv", dtype=str, keep_default_na=False)
        long["position"] = long["position"].astype(int)
        rebuilt = long.sort_values([spec.key, "position"]).groupby(spec.key)[spec.item].agg(list).to_dict()
        main = eurasia_data.load(spec.table)
        keys = main[spec.key] if spec.key != relations.ROW_KEY else [str(i) for i in range(1, len(main) + 1)]
        assert {k: v for k, v in zip(keys, main[spec.column]) if v} == rebuilt, spec.name


def test_bom_for_excel(tmp_path, out):
    assert not (out / "csv" / "agreements.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with_bom = export(tmp_path / "excel", formats=["csv"], bom=True)
    data = (with_bom / "csv" / "agreements.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "集體安全條約".encode() in data
    assert_same(pd.read_csv(with_bom / "csv" / "agreements.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig"), "agreements", empty_is_missing=True)
    assert not (with_bom / DATABASE).exists() and not (with_bom / "stata").exists()


@pytest.mark.parametrize("name", ALL)
def test_parquet_reads_back(out, name):
    assert_same(pd.read_parquet(out / "parquet" / f"{name}.parquet"), name)


@pytest.mark.parametrize("name", ALL)
def test_sqlite_reads_back(out, name):
    with sqlite3.connect(out / DATABASE) as con:
        got = pd.read_sql_query(f'SELECT * FROM "{name}"', con)
    assert_same(got, name, empty_is_missing=True)


def test_sqlite_foreign_keys_are_declared_and_hold(out):
    with sqlite3.connect(out / DATABASE) as con:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        declared = {(row[3], row[2]) for row in con.execute("PRAGMA foreign_key_list(agreement_parties)")}
        assert declared == {("agreement_id", "agreements"), ("actor_id", "actors")}
        assert ("framework", "actors") in {(row[3], row[2]) for row in con.execute("PRAGMA foreign_key_list(agreements)")}
        assert ("agreement_id", "agreements") in {(row[3], row[2]) for row in con.execute("PRAGMA foreign_key_list(agreement_events)")}
        con.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            con.execute("INSERT INTO agreement_parties VALUES ('cst-1992', 'ATLANTIS', 99)")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            con.execute("UPDATE agreements SET type = 'bogus' WHERE agreement_id = 'cst-1992'")
        # A question the link table answers in SQL: instruments Russia and China both signed.
        both = con.execute("""SELECT COUNT(*) FROM agreement_parties a JOIN agreement_parties b USING (agreement_id)
                              WHERE a.actor_id = 'RUS' AND b.actor_id = 'CHN'""").fetchone()[0]
    agreements = eurasia_data.load_agreements()
    assert both == int(agreements.parties.map(lambda p: {"RUS", "CHN"} <= set(p)).sum())


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_stata_reads_back_with_pandas(out, name):
    got = pd.read_stata(out / "stata" / f"{name}.dta")
    assert_same(got, name, empty_is_missing=True)


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_stata_reads_back_with_pyreadstat(out, name):
    pyreadstat = pytest.importorskip("pyreadstat")
    got, meta = pyreadstat.read_dta(str(out / "stata" / f"{name}.dta"), apply_value_formats=True)
    assert_same(got, name, empty_is_missing=True)
    assert all(lab and len(lab) <= 80 for lab in meta.column_labels), name


@pytest.mark.slow
def test_stata_labels_and_missing_values(out):
    pyreadstat = pytest.importorskip("pyreadstat")
    raw, meta = pyreadstat.read_dta(str(out / "stata" / "agreements.dta"))
    labels = dict(zip(meta.column_names, meta.column_labels))
    assert labels["year"] == "Year of the principal date."
    assert meta.variable_value_labels["type"][1] == "treaty"
    assert set(meta.variable_value_labels["type"].values()) == set(field_kind(eurasia_data.models.Agreement.model_fields["type"].annotation)[2])
    assert raw["type"].dropna().isin(list(meta.variable_value_labels["type"])).all()
    agreements = eurasia_data.load_agreements()
    assert raw["month"].isna().sum() == agreements["month"].isna().sum() > 0  # Int64 nulls are Stata missing values
    assert (out / "stata" / "agreements.dta").read_bytes().startswith(b"<stata_dta><header><release>118</release>")
    with pd.io.stata.StataReader(out / "stata" / "agreements.dta") as reader:
        assert reader.data_label.startswith("eurasia-data")
        assert reader.variable_labels()["name_zh"] == "Name as the paper writes it."


@pytest.mark.slow
def test_stata_long_text_missing_values_and_renames(tmp_path):
    from eurasia_data.stata import write_dta

    df = pd.DataFrame({"quote": pd.array(["條" * 1000, None], dtype="string"), "in": pd.array([1, None], dtype="Int64"),
                       "kind": pd.array(["treaty", None], dtype="string")})
    kinds_ = {"quote": (str, False, ()), "in": (int, False, ()), "kind": (str, False, ("treaty", "other"))}
    renamed = write_dta(df, tmp_path / "x.dta", kinds_, {"quote": "A quote.", "in": "A number."}, "test")
    assert renamed == {"in": "in_"}
    back = pd.read_stata(tmp_path / "x.dta")
    assert back["quote"].tolist() == ["條" * 1000, ""]  # 3,000 bytes: stored as strL
    assert back["in_"].iloc[0] == 1 and pd.isna(back["in_"].iloc[1])
    assert back["kind"].astype(object).tolist()[0] == "treaty" and pd.isna(back["kind"].iloc[1])


def test_stata_name_and_label_limits():
    assert stata_names(["year", "in", "a" * 40, "a" * 31 + "_", "名"]) == {"in": "in_", "a" * 40: "a" * 30 + "_2", "名": "__"}
    assert stata_names(["agreement_id", "date_precision"]) == {}
    text = "Unit the curator assumed because the paper prints none (the note says why); empty when the unit is printed."
    assert len(label(text)) <= 80 and label(text).endswith("...") and text.startswith(label(text)[:-3])
    assert label("short") == "short"


def test_datapackage_validates_with_frictionless(out):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resource/name", "rowNumber", "fieldName", "type", "note"])[:10]
    assert report.stats["tasks"] == len(ALL)


def test_frictionless_catches_broken_keys_and_values(out, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    broken = tmp_path / "broken"
    shutil.copytree(out, broken)
    path = broken / "csv" / "agreement_parties.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[1], "ATLANTIS")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = pd.read_csv(broken / "csv" / "agreements.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "type"] = "bogus"
    frame.loc[1, "framework"] = "NOWHERE"
    frame.to_csv(broken / "csv" / "agreements.csv", index=False)
    report = frictionless.validate(broken / "datapackage.json")
    kinds_ = {e[0] for e in report.flatten(["type"])}
    assert not report.valid and {"foreign-key", "constraint-error"} <= kinds_


def test_datapackage_is_generated_from_the_models(out):
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert package["version"] == eurasia_data.__version__ and package["licenses"][0]["name"] == "MIT"
    assert package["$schema"].startswith("https://datapackage.org/profiles/2.0/")
    assert len(package["sources"]) == len(eurasia_data.load_sources())
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(ALL)
    agreements = resources["agreements"]["schema"]
    assert agreements["primaryKey"] == ["agreement_id"]
    assert [f["name"] for f in agreements["fields"]] == list(eurasia_data.load_agreements().columns)
    field = {f["name"]: f for f in agreements["fields"]}
    assert "treaty" in field["type"]["constraints"]["enum"] and field["parties"]["type"] == "list"
    assert {"fields": ["framework"], "reference": {"resource": "actors", "fields": ["actor_id"]}} in agreements["foreignKeys"]
    pipelines = {f["name"]: f for f in resources["pipelines"]["schema"]["fields"]}
    assert pipelines["length_km"]["unit"] == "km" and pipelines["length_km"]["type"] == "number"
    assert resources["agreement_parties"]["schema"]["foreignKeys"][1]["reference"] == {"resource": "actors", "fields": ["actor_id"]}


def test_export_refuses_a_foreign_directory_and_replaces_its_own(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("not ours")
    with pytest.raises(ExportError, match="not an earlier export"):
        export(tmp_path / "mine", formats="csv")
    assert (tmp_path / "mine" / "thesis.docx").exists()
    first = export(tmp_path / "again", formats="csv")
    (first / "stale.txt").write_text("left by hand")
    export(tmp_path / "again", formats=["sqlite"])
    assert not (first / "stale.txt").exists() and (first / DATABASE).exists() and not (first / "csv").exists()
    with pytest.raises(ValueError, match="unknown export format 'xlsx'"):
        export(tmp_path / "x", formats=["xlsx"])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_stays_a_function_after_the_module_is_imported():
    import eurasia_data.exports  # noqa: F401  (the command line imports it)

    assert callable(eurasia_data.export) and eurasia_data.export is eurasia_data.exports.export


def test_export_command(tmp_path):
    result = subprocess.run([sys.executable, "-m", "eurasia_data", "export", str(tmp_path / "out"), "--format", "csv", "--bom"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "csv" / "agreements.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert str(tmp_path / "out") in result.stdout
    bad = subprocess.run([sys.executable, "-m", "eurasia_data", "export", str(tmp_path / "out2"), "--format", "xlsx"], capture_output=True, text=True)
    assert bad.returncode == 2 and "invalid choice: 'xlsx'" in bad.stderr and "Traceback" not in bad.stderr
