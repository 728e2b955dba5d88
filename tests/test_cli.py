"""The command line, run as a person runs it (a subprocess): every mistake is a usage error (exit 2) with
a hint, never a traceback; output survives a terminal that cannot print Chinese; --json is valid JSON."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

import eurasia_data
from conftest import ROOT


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eurasia_data", *args], capture_output=True, text=True, errors="backslashreplace", timeout=120,
                          env={**os.environ, **(env or {})}, **kwargs)


BAD = [
    ([], "the following arguments are required"),
    (["serch", "普京"], "did you mean 'search'?"),
    (["--nope", "info"], "unrecognized arguments: --nope"),
    (["search"], "the following arguments are required: query"),
    (["search", ""], "the query is empty"),
    (["search", "   "], "the query is empty"),
    (["search", "普京", "--limit", "-1"], "--limit: must be a whole number of at least 1, not '-1'"),
    (["search", "普京", "--limit", "0"], "--limit: must be a whole number"),
    (["search", "普京", "--limit", "ten"], "--limit: must be a whole number"),
    (["search", "普京", "--table", "nope"], "no record table 'nope'"),
    (["search", "普京", "--table", "exercise"], "did you mean 'exercises'?"),
    (["search", "普京", "--table", "actors"], "no record table 'actors'"),
    (["search", "普京", "--bogus"], "unrecognized arguments: --bogus"),
    (["show"], "the following arguments are required: id"),
    (["show", "cst-1993"], "no record 'cst-1993' (did you mean 'cst-1992'?)"),
    (["show", "cst-1992", "--table", "agreement"], "did you mean 'agreements'?"),
    (["show", "cst-1992", "--table", "exercises"], "no record 'cst-1992' in exercises"),
    (["show", "a", "b"], "unrecognized arguments: b"),
    (["tables", "extra"], "unrecognized arguments: extra"),
    (["info", "--limit", "3"], "unrecognized arguments"),
    (["cite", "wei"], "no source 'wei' (did you mean 'wei-cis'?)"),
    (["cite", "--style", "mla"], "invalid choice: 'mla'"),
    (["codebook", "pipeline"], "no table 'pipeline' (did you mean 'pipelines'?)"),
    (["codebook", "pipelines", "agreements"], "unrecognized arguments"),
    (["export"], "the following arguments are required: directory"),
    (["export", "out", "--format", "csb"], "invalid choice: 'csb' (did you mean 'csv'?)"),
    (["browse", "--build-only"], "--build-only needs --dir"),
    (["browse", "--port", "http"], "--port: invalid int value: 'http'"),
]


@pytest.mark.parametrize("args, message", BAD, ids=[" ".join(a) or "(none)" for a, _ in BAD])
def test_mistakes_are_usage_errors(args, message):
    result = run(*args)
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert message in result.stderr
    assert result.stderr.startswith("usage: eurasia-data")


def test_version_and_help():
    assert run("--version").stdout.strip() == f"eurasia-data {eurasia_data.__version__}"
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("search", "show", "tables", "info", "cite", "codebook", "export", "browse"):
        assert command in helped.stdout


def test_search_prints_whole_ids():
    hits = eurasia_data.search("普京", limit=20, as_frame=False)
    longest = max((h["record_id"] for h in hits), key=len)
    result = run("search", "普京", env={"COLUMNS": "60"})
    assert result.returncode == 0, result.stderr
    assert len(longest) > 30 and longest in result.stdout
    ids = [line.split()[1] for line in result.stdout.splitlines()[1:]]
    assert ids == [h["record_id"] for h in hits]


def test_json_output():
    hits = json.loads(run("search", "和平使命", "--json", "--limit", "3").stdout)
    assert len(hits) == 3 and {"table", "record_id", "snippet", "score"} <= set(hits[0])
    shown = json.loads(run("show", "cst-1992", "--json").stdout)
    assert shown["table"] == "agreements" and shown["record"]["place"] == "Tashkent"
    assert shown["evidence"] and all(e["source_id"] for e in shown["evidence"])
    tables = json.loads(run("tables", "--json").stdout)
    assert [t["table"] for t in tables] == eurasia_data.tables()
    info = json.loads(run("info", "--json").stdout)
    assert info["rows"]["agreements"] == eurasia_data.manifest()["tables"]["agreements"]["rows"]
    codebook = json.loads(run("codebook", "pipelines", "--json").stdout)
    assert {r["table"] for r in codebook} == {"pipelines"} and "capacity" in {r["column"] for r in codebook}


def test_no_matches_is_exit_1():
    result = run("search", "zzzzqqqq")
    assert result.returncode == 1 and result.stdout == "" and "no matches" in result.stderr


def test_show_prints_the_record_and_its_evidence():
    result = run("show", "cst-1992")
    assert result.returncode == 0, result.stderr
    assert "Collective Security Treaty" in result.stdout
    assert "wei-cis, § 參、獨立國協的運作機制 > 四、安全建構, line 72" in result.stdout  # the locator in the paper's own terms
    assert "於1992年5月15日" in result.stdout
    # the primary quote (the one a citation shows) comes first, marked, and each quote says which fields it supports
    first = result.stdout.index("  - ")
    assert result.stdout[first:].startswith("  - primary: wei-cis, § 參、獨立國協的運作機制 > 四、安全建構, line 72")
    assert result.stdout.count("primary:") == 1 and "    supports: date, name_zh, parties, place" in result.stdout
    shown = json.loads(run("show", "cst-1992", "--json").stdout)
    assert [e["primary"] for e in shown["evidence"]].count(True) == 1 and shown["evidence"][0]["primary"]
    actor = run("show", "putin_vladimir")
    assert actor.returncode == 0 and "普京" in actor.stdout


def test_cite_and_codebook():
    result = run("cite", "wei-cis")
    assert result.returncode == 0 and "魏百谷" in result.stdout and "林伯雍" not in result.stdout
    whole = run("cite")
    assert "林伯雍" in whole.stdout and "魏百谷" in whole.stdout
    codebook = run("codebook", "exercises")
    assert codebook.returncode == 0 and "troops" in codebook.stdout and "agreement_id" not in codebook.stdout


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "latin-1"}])
@pytest.mark.parametrize("args", [["search", "普京"], ["show", "cst-1992"], ["cite"], ["search", "普京", "--json"], ["search", "zz"], ["serch"]])
def test_terminal_that_cannot_print_chinese(env, args):
    result = run(*args, env=env)
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr
    assert result.returncode in (0, 1, 2)
    if "--json" in args:
        assert json.loads(result.stdout)[0]["record_id"]


def test_info_without_data_is_one_line(tmp_path):
    """An installation whose data is missing says so in one line (exit 1), in every command that needs data."""
    shutil.copytree(ROOT / "src" / "eurasia_data", tmp_path / "eurasia_data", ignore=shutil.ignore_patterns("data", "__pycache__"))
    for args in (["info"], ["tables"], ["search", "普京"], ["show", "cst-1992"]):
        result = run(*args, env={"PYTHONPATH": str(tmp_path)}, cwd=tmp_path)
        assert result.returncode == 1, (args, result)
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "manifest.json is missing" in lines[0], (args, lines)


def test_load_suggests_the_table_name():
    with pytest.raises(KeyError, match=r"no table 'agreement' \(did you mean 'agreements'\?\)"):
        eurasia_data.load("agreement")
    with pytest.raises(ValueError, match=r"did you mean 'exercises'\?"):
        eurasia_data.search("和平使命", tables="exercise")
