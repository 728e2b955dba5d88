"""Compare two builds (data directories with manifest.json, or wheels): per table, record ids added,
removed and changed, with the fields that changed. What a release's changelog entry is made from."""

from __future__ import annotations

import json
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

from eurasia_data.tables import TABLES


class NotABuild(Exception):
    """A diff argument that is not a build."""


@contextmanager
def opened(build: str):
    """A data directory for ``build``: a directory, a manifest.json, a wheel, or "-" for an empty build."""
    if build == "-":
        yield None
        return
    path = Path(build)
    if not path.exists():
        raise NotABuild(f"{build} does not exist: give a data directory, its manifest.json, a wheel, or '-'")
    if path.suffix == ".whl":
        if not zipfile.is_zipfile(path):
            raise NotABuild(f"{build} is not a wheel (not a zip file)")
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

    try:
        manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
        entries = [(name, directory / entry["file"]) for name, entry in manifest["tables"].items()]
        version = manifest["version"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise NotABuild(f"{directory} is not a build: its manifest.json is missing or damaged ({type(e).__name__})") from None
    out = {}
    for name, path in entries:
        try:
            rows = pq.read_table(path).to_pylist()
        except Exception as e:  # pyarrow raises several types for unreadable files
            raise NotABuild(f"{path} cannot be read as Parquet: {e}") from None
        key = TABLES[name].id_column if name in TABLES else ""
        out[name] = {(r[key] if key else f"{r['table']}/{r['record_id']}/{r['source_id']}/{r['quote']}"): r for r in rows}
    return version, out


def column_defaults(name: str) -> dict:
    """Default value of every column of a table (None for a column without one), from its model."""
    from pydantic_core import PydanticUndefined

    from eurasia_data import models

    table = TABLES.get(name)
    if table is None:
        return {}
    fields = getattr(models, table.model).model_fields
    return {f: (info.default_factory() if info.default_factory else None if info.default is PydanticUndefined else info.default)  # type: ignore[call-arg]
            for f, info in fields.items()}


def compare(old: dict[str, dict[str, dict]], new: dict[str, dict[str, dict]]) -> dict[str, dict]:
    """Per table: ids added, removed, changed (field -> (old, new)), and columns added or removed.

    A column the old build did not have changes a record only where the record holds something other
    than the column's default (a new ``reading`` of ``as_printed`` is no change; ``corrected`` is)."""
    result = {}
    for name in dict.fromkeys([*old, *new]):
        a, b = old.get(name, {}), new.get(name, {})
        old_cols = set().union(*(r.keys() for r in a.values())) if a else set()
        new_cols = set().union(*(r.keys() for r in b.values())) if b else set()
        added_cols = sorted(new_cols - old_cols) if a else []
        defaults = column_defaults(name)
        changed = {}
        for key in sorted(a.keys() & b.keys()):
            fields = sorted(f for f in a[key].keys() | b[key].keys() if a[key].get(f) != b[key].get(f)
                            and not (f in added_cols and b[key].get(f) == defaults.get(f)))
            if fields:
                changed[key] = {f: (a[key].get(f), b[key].get(f)) for f in fields}
        result[name] = {"added": sorted(b.keys() - a.keys()), "removed": sorted(a.keys() - b.keys()), "changed": changed,
                        "columns_added": added_cols, "columns_removed": sorted(old_cols - new_cols) if b else []}
    return result


def format_diff(old_version, new_version, result: dict[str, dict], details: bool = True) -> str:
    lines = [f"eurasia-data {old_version or '(nothing)'} -> {new_version}", "",
             "| table | added | removed | changed |", "|---|---:|---:|---:|"]
    for name, d in result.items():
        lines.append(f"| {name} | {len(d['added'])} | {len(d['removed'])} | {len(d['changed'])} |")
    for name, d in result.items():
        if d.get("columns_added") or d.get("columns_removed"):
            lines.append(f"- columns of {name}: " + "; ".join(
                [f"added {', '.join(d['columns_added'])}"] * bool(d["columns_added"]) + [f"removed {', '.join(d['columns_removed'])}"] * bool(d["columns_removed"])))
    if details:
        for name, d in result.items():
            if name == "evidence":
                continue
            for key in d["removed"]:
                lines.append(f"- removed {name}/{key}")
            for key, fields in d["changed"].items():
                what = "; ".join(f"{f}: changed" if _long(old) or _long(new) else f"{f}: {old!r} -> {new!r}" for f, (old, new) in fields.items())
                lines.append(f"- changed {name}/{key}: {what}")
    return "\n".join(lines)


def _long(value) -> bool:
    """Long text (a note) is shown as changed, not quoted twice."""
    return isinstance(value, str) and len(value) > 80


def run(old: str, new: str, details: bool = True) -> str:
    with opened(old) as a, opened(new) as b:
        old_version, old_rows = read_build(a)
        new_version, new_rows = read_build(b)
    return format_diff(old_version, new_version, compare(old_rows, new_rows), details)
