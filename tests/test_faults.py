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
    (scratch / "records" / "small.toml").write_text((scratch / "records" / "small.toml").read_text(encoding="utf-8").replace("Tashkent", "Taškent"), encoding="utf-8")
    proc = subprocess.Popen(cmd, env=env | {"EURASIA_BUILD_WRITE_DELAY": "0.3"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the new files are half written
        partial = [p for d in tmp_path.glob(".data-new-*") for p in d.glob("*.parquet")]
        if len(partial) >= 3:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(partial) >= 3, "the build finished before it could be killed"
    assert snapshot(out) == before
    subprocess.run(cmd, check=True, capture_output=True, env=env)  # the next build cleans up and succeeds
    assert not list(tmp_path.glob(".data-new-*"))
    assert snapshot(out) != before


@pytest.fixture
def installed_copy(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(loaders._data_dir(), data)
    monkeypatch.setattr(loaders, "_data_dir", lambda: data)
    for cached in (loaders.manifest, loaders._verified, loaders.verified_file):
        cached.cache_clear()
    from eurasia_data import lookup

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

    path = installed_copy / "search_index.json"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(loaders.DataError, match=r"search_index\.json is damaged or was replaced"):
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
