"""Faults: a build killed while writing leaves the old outputs whole; damaged installed files fail loudly;
importing and loading never touch the network, unpickle, or evaluate data."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from eurasia_data import loaders


def snapshot(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_killed_build_leaves_old_outputs_whole(scratch, tmp_path):
    out = tmp_path / "data"
    cmd = [sys.executable, str(ROOT / "build.py"), "--raw", str(scratch), "--out", str(out), "--schemas", str(tmp_path / "schemas")]
    env = {k: v for k, v in os.environ.items() if k != "EURASIA_SOURCES"}
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    before = snapshot(out)
    # an edit every check accepts (name_en is the curator's English, not a printed field), so the build runs to its writes
    small = scratch / "records" / "small.toml"
    small.write_text(small.read_text(encoding="utf-8").replace("Collective Security Treaty", "Collective Security Treaty (Tashkent)"), encoding="utf-8")
    proc = subprocess.Popen(cmd, env=env | {"EURASIA_BUILD_WRITE_DELAY": "0.3"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the new files are half written
        partial = [p for d in tmp_path.glob(".data-new-*") for p in d.glob("*.parquet")]
        if len(partial) >= 3 or proc.poll() is not None:
            break
        time.sleep(0.02)
    exited = proc.poll()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert exited is None, f"the build ended (exit status {exited}) before it could be killed"
    assert len(partial) >= 3, "the build wrote nothing within 60 s"
    assert snapshot(out) == before
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # the next build cleans up and succeeds
    assert not list(tmp_path.glob(".data-new-*"))
    assert snapshot(out) != before


@pytest.fixture
def installed_copy(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(loaders._data_dir(), data)
    from eurasia_data import datafiles, lookup

    monkeypatch.setattr(datafiles, "data_dir", lambda: str(data))  # where the loaders and the search look
    for cached in (loaders.manifest, loaders._verified, loaders.verified_file):
        cached.cache_clear()

    lookup._index.cache_clear()
    yield data
    for cached in (loaders.manifest, loaders._verified, loaders.verified_file, lookup._index):
        cached.cache_clear()


def test_replaced_file_is_detected(installed_copy):
    shutil.copy(installed_copy / "memberships.parquet", installed_copy / "agreements.parquet")
    with pytest.raises(loaders.DataError, match=r"agreements\.parquet is damaged or was replaced"):
        loaders.load("agreements")


def test_truncated_search_index_is_detected(installed_copy):
    import eurasia_data

    path = installed_copy / "search_index.sqlite"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(loaders.DataError, match=r"search_index\.sqlite is damaged or was replaced"):
        eurasia_data.search("普京")


def test_missing_manifest_is_detected(installed_copy):
    (installed_copy / "manifest.json").unlink()
    with pytest.raises(loaders.DataError, match=r"manifest\.json is missing"):
        loaders.load("agreements")


WATCH = """
import sys
events = []
def hook(event, args):
    if event.startswith(("socket.", "urllib.", "http.", "ftplib.", "smtplib.")) or event in ("pickle.find_class", "shelve.open"):
        events.append(event)
sys.addaudithook(hook)
import eurasia_data
for name in eurasia_data.tables():
    eurasia_data.load(name)
eurasia_data.load_records("agreements")
eurasia_data.search("普京")
eurasia_data.resolve("SCO")
eurasia_data.load_codebook()
print(sorted(set(events)))
"""


def test_import_and_load_do_not_touch_network_or_unpickle():
    result = subprocess.run([sys.executable, "-c", WATCH], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_package_code_never_evaluates_or_unpickles():
    """The installed package reads data with json and pyarrow only: no eval/exec/compile, pickle, or network."""
    import ast

    banned_calls = {"eval", "exec", "compile", "__import__"}
    banned_modules = {"pickle", "marshal", "shelve", "socket", "urllib", "http", "requests", "dill", "joblib"}
    for path in sorted((ROOT / "src" / "eurasia_data").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in banned_calls, f"{path.name}:{node.lineno} calls {node.func.id}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not {n.split(".")[0] for n in names} & banned_modules, f"{path.name}:{node.lineno} imports {names}"


def _reseal(data, table: str) -> None:
    """Update the manifest's sha256 of ``table`` to its file as it is now (what a careless repackager does)."""
    import hashlib
    import json

    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["tables"][table]
    entry["sha256"] = hashlib.sha256((data / entry["file"]).read_bytes()).hexdigest()
    (data / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    loaders.manifest.cache_clear()
    loaders._verified.cache_clear()


def _rewrite(data, table: str, change) -> None:
    """Replace ``table``'s Parquet file with ``change(its table)`` and reseal the manifest to match."""
    import pyarrow.parquet as pq

    path = data / f"{table}.parquet"
    pq.write_table(change(pq.read_table(path)), path)
    _reseal(data, table)


def test_extra_column_is_refused_even_when_resealed(installed_copy):
    import pyarrow as pa

    _rewrite(installed_copy, "agreements", lambda t: t.append_column("colour", pa.array(["red"] * t.num_rows)))
    with pytest.raises(loaders.DataError, match=r"agreements\.parquet does not have the agreements table's schema \(unexpected columns \['colour'\]\)"):
        loaders.load("agreements")


def test_column_of_the_wrong_type_is_refused_even_when_resealed(installed_copy):
    import pyarrow as pa

    _rewrite(installed_copy, "memberships", lambda t: t.set_column(t.schema.get_field_index("year"), "year", t.column("year").cast(pa.string())))
    with pytest.raises(loaders.DataError, match=r"column 'year' is string, not int64"):
        loaders.load_records("memberships")


def test_columns_in_another_order_are_refused(installed_copy):
    _rewrite(installed_copy, "pipelines", lambda t: t.select(list(reversed(t.column_names))))
    with pytest.raises(loaders.DataError, match=r"columns in the wrong order"):
        loaders.load("pipelines")


@pytest.mark.parametrize("damage, message", [
    (lambda m: m["tables"].pop("exercises"), r"no entry for the table 'exercises'"),
    (lambda m: m.__setitem__("tables", []), r"not an object with a `tables` object"),
    (lambda m: m["tables"].__setitem__("agreements", "agreements.parquet"), r"entry for 'agreements' is not \{file, rows, sha256\}"),
    (lambda m: m["tables"]["agreements"].__setitem__("file", "../../etc/passwd"), r"entry for 'agreements' is not"),
    (lambda m: m.__setitem__("files", ["search_index.json"]), r"`files` entry is not"),
])
def test_manifest_of_the_wrong_shape_is_refused(installed_copy, damage, message):
    import json

    manifest = json.loads((installed_copy / "manifest.json").read_text(encoding="utf-8"))
    damage(manifest)
    (installed_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(loaders.DataError, match=message):
        loaders.load("exercises")


def test_generated_column_types_are_current():
    """The loader checks schemas against ``_columns.py`` (no pydantic at load time); it must equal the models."""
    from eurasia_data import arrow_types

    committed = (ROOT / "src" / "eurasia_data" / "_columns.py").read_text(encoding="utf-8")
    assert committed == arrow_types.columns_module(), "run `python build.py` to regenerate src/eurasia_data/_columns.py"


def test_loading_a_table_does_not_import_pydantic():
    code = "import sys, eurasia_data; eurasia_data.load_agreements(); print('pydantic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
