"""Write the tables as files for Stata, R, Excel and SQL users: CSV, Stata .dta, Parquet and SQLite,
each with its link tables, beside a codebook, a README, the citation and standard metadata
(``datapackage.json``, ``dataset.jsonld``). The directory is written whole, then swapped into place.

>>> import eurasia_data, tempfile
>>> out = eurasia_data.export(tempfile.mkdtemp() + "/x", formats=["csv"])
>>> (out / "csv" / "agreements.csv").exists(), (out / "csv" / "agreement_parties.csv").exists()
(True, True)
"""

from __future__ import annotations

from .tables import TABLES

# Everything else is imported where it is used, so that the command line starts fast.

FORMATS = ("csv", "dta", "parquet", "sqlite")
MARKER = ".eurasia-data-export"  # a directory holding it may be replaced by a new export
DATABASE = "eurasia_data.sqlite"


def _descriptions(table: str) -> dict[str, str]:
    from .codebook import codebook_rows

    return {r["column"]: r["description"] + (f" [{r['unit']}]" if r["unit"] else "") for r in codebook_rows() if r["table"] == table}


def _frames():
    """(name, description, frame, column kinds, column descriptions) of every main and link table."""
    from .flat import flat, link
    from .relations import all_links, kinds

    for table, t in TABLES.items():
        yield table, t.description, flat(table), kinds(table), _descriptions(table)
    for spec in all_links():
        described = {spec.key: f"Key of the {spec.table} record.", spec.item: f"One item of {spec.table}.{spec.column}.",
                     "position": "1-based position of the item in the list."}
        yield spec.name, f"{spec.table}.{spec.column}, one row per item", link(spec), {}, described


def _csv(df, path: Path, bom: bool) -> None:
    import pandas as pd

    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False, encoding="utf-8-sig" if bom else "utf-8", lineterminator="\n")


def _parquet(out: Path) -> None:
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    from .flat import link
    from .loaders import _verified
    from .relations import all_links

    for table in TABLES:
        shutil.copyfile(_verified(table), out / f"{table}.parquet")  # the shipped file: lists and column metadata kept
    for spec in all_links():
        pq.write_table(pa.Table.from_pandas(link(spec), preserve_index=False), out / f"{spec.name}.parquet", compression="zstd")


def _readme(formats: list[str], bom: bool, renames: dict[str, dict[str, str]]) -> str:
    from . import __version__
    from .loaders import manifest
    from .relations import links

    m = manifest()
    rows = "\n".join(f"| `{name}` | {entry['rows']} | {TABLES[name].description} | {', '.join(f'`{n}`' for n in (s.name for s in links(name))) or '—'} |"
                     for name, entry in m["tables"].items())
    parts = [
        f"# eurasia-data {__version__}: exported tables",
        "",
        "Curated, evidence-backed tables of Eurasian politics from Traditional-Chinese political-science papers.",
        "Written by `eurasia-data export` (or `eurasia_data.export()`); `codebook.md` describes every column,",
        "`CITATION.bib` says how to cite the dataset and its source papers.",
        "",
        "| table | rows | one row per | link tables |",
        "|---|---|---|---|",
        rows,
        "",
        "## Files",
        "",
    ]
    what = {
        "csv": f"`csv/*.csv`: UTF-8{' with a byte-order mark (for Excel)' if bom else ' (use `--bom` for Excel)'}, one file per table and link table. "
               "Missing values are empty cells; dates are `YYYY-MM-DD`. `datapackage.json` (Frictionless Data Package v2) describes them, "
               "with types, allowed values, primary and foreign keys.",
        "dta": "`stata/*.dta`: Stata 14+ (format 118, UTF-8). Variable labels are the codebook's descriptions cut to 80 characters; "
               "categorical columns are integer codes with value labels; missing numbers are `.`, missing text is \"\"; dates are `%td`.",
        "parquet": "`parquet/*.parquet`: for R's arrow, DuckDB, Polars; list columns are real lists and every column carries its "
                   "description in the file's metadata.",
        "sqlite": f"`{DATABASE}`: every table and link table, with primary keys, foreign keys and allowed values (CHECK); "
                  "dates as ISO text.",
    }
    parts += [f"- {what[f]}" for f in formats]
    parts += [
        "",
        "## List columns",
        "",
        "Columns holding lists (`parties`, `participants`, `route`, `source_ids`, ...) are written two ways: joined with `;` in the",
        "main table, and as a long link table named after the record kind and the column (`agreement_parties`: `agreement_id`,",
        "`actor_id`, `position`), one row per item in list order, ready to merge.",
        "",
    ]
    if "dta" in formats:
        renamed = [f"`{t}.{c}` → `{n}`" for t, r in renames.items() for c, n in r.items()]
        parts += ["## Stata names", "",
                  "Stata variable names have at most 32 characters (letters, digits, `_`) and exclude reserved words; other names are renamed. "
                  + ("Renamed here: " + ", ".join(renamed) + "." if renamed else "No column needed renaming in this version."), ""]
    return "\n".join(parts)


def export(directory, formats=FORMATS, bom: bool = False) -> "Path":
    """Write the tables into ``directory`` in ``formats`` (any of csv, dta, parquet, sqlite), with a codebook,
    a README, the citation, ``datapackage.json`` and ``dataset.jsonld``; returns the directory.

    The directory must not exist, be empty, or hold an earlier export (which is replaced whole).
    """
    import json
    import os
    import shutil
    import tempfile
    from pathlib import Path

    from .citation import cite
    from .codebook import codebook_markdown
    from .flat import ExportError
    from .loaders import verified_file
    from .stata import write_dta

    formats = [formats] if isinstance(formats, str) else list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ValueError(f"unknown export format {unknown[0]!r}; formats are: {', '.join(FORMATS)}" if unknown else "no export format given")
    target = Path(directory)
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).exists())):
        raise ExportError(f"{target} exists and is not an earlier export: give a new or empty directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        renames: dict[str, dict[str, str]] = {}
        if "csv" in formats:
            (new / "csv").mkdir()
        if "dta" in formats:
            (new / "stata").mkdir()
        for name, description, df, kinds, described in _frames():
            if "csv" in formats:
                _csv(df, new / "csv" / f"{name}.csv", bom)
            if "dta" in formats:
                renamed = write_dta(df, new / "stata" / f"{name}.dta", kinds, described, f"eurasia-data: {description}")
                if renamed:
                    renames[name] = renamed
        if "parquet" in formats:
            (new / "parquet").mkdir()
            _parquet(new / "parquet")
        if "sqlite" in formats:
            from .database import write_sqlite

            write_sqlite(new / DATABASE)
        (new / "README.md").write_text(_readme(formats, bom, renames) + "\n", encoding="utf-8")
        (new / "codebook.md").write_text(codebook_markdown(), encoding="utf-8")
        (new / "CITATION.bib").write_text(cite(), encoding="utf-8")
        shutil.copyfile(verified_file("dataset.jsonld"), new / "dataset.jsonld")
        if "csv" in formats:  # the data package describes the CSV files
            shutil.copyfile(verified_file("datapackage.json"), new / "datapackage.json")
        (new / MARKER).write_text(json.dumps({"formats": formats, "bom": bom}) + "\n", encoding="utf-8")
        os.chmod(new, 0o755)
        if target.exists():
            old = target.with_name(f".{target.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            os.rename(target, old)
            os.rename(new, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(new, target)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return target


def add_command(sub) -> None:
    """The ``eurasia-data export`` subcommand (registered by :mod:`eurasia_data.cli`)."""
    p = sub.add_parser("export", help="write the tables as CSV, Stata, Parquet and SQLite files",
                       description="Write every table and link table, with a codebook, README, citation and datapackage.json.")
    p.add_argument("directory", help="new or empty directory (or an earlier export, which is replaced)")
    p.add_argument("--format", action="append", choices=FORMATS, dest="formats", help="only this format (repeatable; default: all)")
    p.add_argument("--bom", action="store_true", help="start CSV files with a byte-order mark, so Excel reads them as UTF-8")
    p.set_defaults(run=_command, parser=p)


def _command(args) -> int:
    import sys

    from .flat import ExportError

    try:
        out = export(args.directory, formats=args.formats or FORMATS, bom=args.bom)
    except (ExportError, OSError) as e:
        print(f"eurasia-data export: error: {e}", file=sys.stderr)
        return 1
    print(f"exported {', '.join(args.formats or FORMATS)} to {out}")
    return 0
