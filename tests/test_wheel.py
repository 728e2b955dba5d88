"""The released artefacts: sdist and wheel build, the wheel holds only the package and its data, and it
works when installed in a fresh virtual environment outside the repository."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

import eurasia_data

from conftest import ROOT

pytestmark = pytest.mark.wheel


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if k != "EURASIA_SOURCES"}
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True, capture_output=True, env=env, timeout=600, cwd=out)
    return out


def test_wheel_holds_package_data_schemas_and_nothing_else(dist):
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names}
    assert tops == {"eurasia_data", f"eurasia_data-{eurasia_data.__version__}.dist-info"}
    assert "eurasia_data/py.typed" in names and "eurasia_data/data/manifest.json" in names
    assert {f"eurasia_data/data/{t}.parquet" for t in ("agreements", "evidence", "actors")} <= set(names)
    assert "eurasia_data/schemas/agreements.schema.json" in names
    assert {f"eurasia_data/data/{n}" for n in ("datapackage.json", "dataset.jsonld", "codebook.md", "browse_text.json")} <= set(names)
    assert {"eurasia_data/browse_site/templates/row.html", "eurasia_data/browse_site/plugins/eurasia_evidence.py"} <= set(names)
    assert not [n for n in names if n.endswith((".toml", ".tsv")) or (n.endswith(".txt") and "dist-info" not in n) or "/tests/" in n or "raw/" in n]
    print(f"wheel size: {wheel.stat().st_size / 1024:.0f} KiB")
    assert wheel.stat().st_size < 2 * 1024 * 1024


def test_twine_check(dist):
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


SMOKE = """
import json, eurasia_data
from pathlib import Path
assert "site-packages" in eurasia_data.__file__, eurasia_data.__file__
m = eurasia_data.manifest()
for name in eurasia_data.tables():
    assert len(eurasia_data.load(name)) == m["tables"][name]["rows"], name
hits = eurasia_data.search("普京")
assert len(hits) > 0
assert eurasia_data.resolve("上合組織") == "SCO"
schemas = Path(eurasia_data.__file__).parent / "schemas"
assert json.loads((schemas / "agreements.schema.json").read_text(encoding="utf-8"))["title"] == "agreements"
import tempfile
out = eurasia_data.export(Path(tempfile.mkdtemp()) / "export", formats=["csv", "sqlite"])
assert (out / "datapackage.json").exists() and (out / "codebook.md").exists() and (out / "eurasia_data.sqlite").exists()
assert "agreement_id" in eurasia_data.load_agreements.__doc__
print("ok", m["version"], sum(t["rows"] for t in m["tables"].values()))
"""


def test_installed_wheel_works_outside_the_repository(dist, tmp_path):
    (wheel,) = dist.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Reuse the dependencies already installed here (a path line in a .pth adds the directory without
    # running its .pth files, so the developer's editable eurasia_data stays out of sight).
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "reuse-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True, timeout=300)
    result = subprocess.run([str(python), "-c", SMOKE], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ok {eurasia_data.__version__} ")
    cli = subprocess.run([str(env_dir / "bin" / "eurasia-data"), "info"], capture_output=True, text=True, cwd=tmp_path)
    assert cli.returncode == 0 and "agreements" in cli.stdout
