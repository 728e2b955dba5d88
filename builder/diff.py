"""Compare two builds (data directories with manifest.json, or wheels): per table, record ids added,
removed and changed, with the fields that changed. What a release's changelog entry is made from."""

from __future__ import annotations

import json
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

from eurasia_data.tables import TABLES


@contextmanager
def opened(build: str):
    """A data directory for ``build``: a directory, a manifest.json, a wheel, or "-" for an empty build."""
    if build == "-":
        yield None
        return
    path = Path(build)
    if path.suffix == ".whl":
        with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(path) as whl:
            for name in whl.namelist():
                if name.startswith("eurasia_data/data/"):
                    whl.extract(name, tmp)
            yield Path(tmp) / "eurasia_data" / "data"
        return
    yield path.parent if path.name == "manifest.json" else path


def read_build(directory: Path | None) -> tuple[str | None, dict[str, dict[str, dict]]]:
    """(version, {table: {record key: row}}) of a build."""
    if directory is None:
        return None, {name: {} for name in TABLES}
    import pyarrow.parquet as pq

    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    out = {}
    for name, entry in manifest["tables"].items():
        rows = pq.read_table(directory / entry["file"]).to_pylist()
        key = TABLES[name].id_column if name in TABLES else ""
        out[name] = {(r[key] if key else f"{r['table']}/{r['record_id']}/{r['source_id']}/{r['quote']}"): r for r in rows}
    return manifest["version"], out


def compare(old: dict[str, dict[str, dict]], new: dict[str, dict[str, dict]]) -> dict[str, dict]:
    result = {}
    for name in dict.fromkeys([*old, *new]):
        a, b = old.get(name, {}), new.get(name, {})
        changed = {}
        for key in sorted(a.keys() & b.keys()):
            fields = sorted(f for f in a[key].keys() | b[key].keys() if a[key].get(f) != b[key].get(f))
            if fields:
                changed[key] = {f: (a[key].get(f), b[key].get(f)) for f in fields}
        result[name] = {"added": sorted(b.keys() - a.keys()), "removed": sorted(a.keys() - b.keys()), "changed": changed}
    return result


def format_diff(old_version, new_version, result: dict[str, dict], details: bool = True) -> str:
    lines = [f"eurasia-data {old_version or '(nothing)'} -> {new_version}", "",
             "| table | added | removed | changed |", "|---|---:|---:|---:|"]
    for name, d in result.items():
        lines.append(f"| {name} | {len(d['added'])} | {len(d['removed'])} | {len(d['changed'])} |")
    if details:
        for name, d in result.items():
            if name == "evidence":
                continue
            for key in d["removed"]:
                lines.append(f"- removed {name}/{key}")
            for key, fields in d["changed"].items():
                what = "; ".join(f"{f}: {old!r} -> {new!r}" for f, (old, new) in fields.items())
                lines.append(f"- changed {name}/{key}: {what}")
    return "\n".join(lines)


def run(old: str, new: str, details: bool = True) -> str:
    with opened(old) as a, opened(new) as b:
        old_version, old_rows = read_build(a)
        new_version, new_rows = read_build(b)
    return format_diff(old_version, new_version, compare(old_rows, new_rows), details)
