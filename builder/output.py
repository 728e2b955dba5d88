"""Write the build products: one Parquet file per table and manifest.json, swapped in atomically;
JSON Schemas and the verified quote locations, each replaced whole."""

from __future__ import annotations

import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from eurasia_data import __version__, models
from eurasia_data.arrow_types import column_types  # one definition, shared with the loader
from eurasia_data.codebook import codebook_markdown, codebook_rows
from eurasia_data.metadata import datapackage, jsonld
from eurasia_data.tables import RECORD_TABLES, TABLES


class OutputRefused(Exception):
    """The --out directory is not one the build may replace."""


def column_metadata(name: str) -> dict[str, dict[str, str]]:
    """Column -> its codebook description and unit, as Arrow field metadata."""
    return {r["column"]: {"description": r["description"], **({"unit": r["unit"]} if r["unit"] else {})}
            for r in codebook_rows() if r["table"] == name}


def arrow_table(name: str, rows: list[dict]) -> pa.Table:
    """The table's rows with its schema. Column descriptions are in each field's metadata (pyarrow, R arrow) and
    again as file metadata keys ``description.COLUMN`` / ``unit.COLUMN``, which DuckDB
    (``parquet_kv_metadata``) and Polars (``read_parquet_metadata``) show."""
    model = getattr(models, TABLES[name].model)
    types_ = column_types(model)
    described = column_metadata(name)
    file_metadata = {"eurasia_data.table": name, "eurasia_data.version": __version__, "description": TABLES[name].description}
    for column, meta in described.items():
        file_metadata |= {f"{key}.{column}": value for key, value in meta.items()}
    schema = pa.schema([pa.field(c, t, metadata=described.get(c)) for c, t in types_.items()], metadata=file_metadata)
    columns = {c: [row.get(c) for row in rows] for c in types_}
    return pa.Table.from_pydict(columns, schema=schema)


def metadata_files(tables: dict[str, list[dict]]) -> dict[str, bytes]:
    """The metadata the package ships beside the tables: Data Package, schema.org JSON-LD, codebook."""
    years = sorted(y for t in RECORD_TABLES for r in tables.get(t, []) for y in (r.get("year"), r.get("end_year")) if y is not None)
    docs = {
        "datapackage.json": datapackage(tables.get("sources", [])),
        "dataset.jsonld": jsonld(tables.get("sources", []), (years[0], years[-1]) if years else None),
    }
    out = {name: (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8") for name, doc in docs.items()}
    out["codebook.md"] = codebook_markdown().encode("utf-8")
    return out


def refusal(out_dir: Path) -> str | None:
    """Why the build must not write into ``out_dir`` (it would replace what is there), or None.

    Only a missing or empty directory, or a data directory of ours (a manifest naming eurasia-data and
    nothing beside the files it lists) may be replaced: ``--out docs`` must never delete docs/."""
    out_dir = Path(out_dir)
    if not out_dir.exists() and not out_dir.is_symlink():
        return None
    if not out_dir.is_dir() or out_dir.is_symlink():
        return "is not a directory"
    present = {p.name for p in out_dir.iterdir()}
    if not present:
        return None
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
        ours = {"manifest.json"} | {e["file"] for e in manifest["tables"].values()} | set(manifest.get("files", {}))
        if manifest.get("name") != "eurasia-data":
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "is not empty and holds no eurasia-data manifest: the build replaces its --out directory whole, so it writes only into an empty directory or an earlier build"
    others = sorted(present - ours)
    if others:
        return f"holds files that are not part of the build ({', '.join(others[:3])}{'...' if len(others) > 3 else ''}): the build would delete them"
    return None


@contextmanager
def locked(out_dir: Path):
    """Hold the lock of ``out_dir``: builds of one checkout write one after the other, never at once."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(out_dir.parent / f".{out_dir.name}.lock", "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def write_data(tables: dict[str, list[dict]], out_dir: Path, files: dict[str, bytes] | None = None, released: str | None = None) -> dict:
    """Write every table, the extra ``files`` and the manifest into a fresh directory, then swap it with
    ``out_dir``. The caller holds :func:`locked`, so a leftover temporary directory is a killed build's.

    ``released`` is the release date of this version (from CITATION.cff), or None while unreleased."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{out_dir.name}-new-"
    for stale in out_dir.parent.glob(prefix + "*"):  # left by a build that was killed while writing
        shutil.rmtree(stale, ignore_errors=True)
    why = refusal(out_dir)
    if why is not None:
        raise OutputRefused(f"--out {out_dir} {why}")
    new = Path(tempfile.mkdtemp(prefix=prefix, dir=out_dir.parent))
    delay = float(os.environ.get("EURASIA_BUILD_WRITE_DELAY", "0"))  # fault-injection tests slow writing down
    os.chmod(new, 0o755)
    try:
        manifest = {"name": "eurasia-data", "version": __version__, "released": released, "tables": {}}
        for name in TABLES:
            path = new / f"{name}.parquet"
            pq.write_table(arrow_table(name, tables.get(name, [])), path, compression="zstd", write_statistics=False)
            manifest["tables"][name] = {
                "file": path.name,
                "rows": len(tables.get(name, [])),
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
            time.sleep(delay)
        for name, data in sorted((files or {}).items()):
            (new / name).write_bytes(data)
            manifest.setdefault("files", {})[name] = {"sha256": hashlib.sha256(data).hexdigest(), "crc32": zlib.crc32(data), "bytes": len(data)}
        (new / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for f in new.iterdir():
            _fsync(f)
        _swap_in(new, out_dir)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return manifest


def _swap_in(new: Path, target: Path) -> None:
    """Make ``new`` become ``target`` in one step; what was at ``target`` ends up at ``new``."""
    if target.exists() and sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        at_fdcwd, rename_exchange = -100, 2
        if libc.renameat2(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(target), rename_exchange) == 0:
            return
    if target.exists():  # no atomic exchange here: keep the old data aside until the new is in place
        old = new.with_name(new.name + "-old")
        os.rename(target, old)
        os.rename(new, target)
        os.rename(old, new)
    else:
        os.rename(new, target)


def _fsync(path: Path) -> None:
    with open(path, "rb") as f:
        os.fsync(f.fileno())


def replace_text(path: Path, text: str) -> bool:
    """Atomically replace ``path`` with ``text`` if it differs; True when it changed."""
    path = Path(path)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return True


def json_schemas() -> dict[str, str]:
    """File name -> JSON Schema text of every table's record model."""
    out = {}
    for name, t in TABLES.items():
        schema = getattr(models, t.model).model_json_schema()
        schema["title"] = name
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out
