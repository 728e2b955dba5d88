"""The tables as one SQLite database, with primary keys, foreign keys (declared, and checked with
``PRAGMA foreign_key_check`` before the file is kept) and allowed values as CHECK constraints.

Main tables keep every column (list columns joined with ";"); every list column is also a link table
(see :mod:`eurasia_data.relations`). Dates are ISO text (``YYYY-MM-DD``), booleans 0/1.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .flat import ExportError, flat, link
from .relations import POSITION, ROW_KEY, all_links, foreign_keys, kinds, primary_key
from .tables import TABLES

SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}


def q(name: str) -> str:
    """A quoted SQL identifier (``table`` is a column of evidence)."""
    return '"' + name.replace('"', '""') + '"'


def _sql_type(kind: tuple) -> str:
    scalar, is_list, _ = kind
    return "TEXT" if is_list else SQL_TYPES.get(scalar, "TEXT")


def create_statements() -> list[str]:
    """CREATE TABLE of every table and link table, parents first."""
    out = []
    for table in TABLES:
        column_kinds = kinds(table)
        key = primary_key(table)
        lines = []
        for column, kind in column_kinds.items():
            scalar, is_list, allowed = kind
            line = f"{q(column)} {_sql_type(kind)}"
            if column in key:
                line += " NOT NULL"
            if allowed and not is_list:
                line += f" CHECK ({q(column)} IN ({', '.join(_literal(v) for v in allowed)}))"
            lines.append(line)
        if key:
            lines.append(f"PRIMARY KEY ({', '.join(map(q, key))})")
        for fk in foreign_keys(table):
            if not fk.is_list:
                lines.append(f"FOREIGN KEY ({q(fk.column)}) REFERENCES {q(fk.table)} ({q(fk.target)})")
        out.append(f"CREATE TABLE {q(table)} (\n  " + ",\n  ".join(lines) + "\n)")
    for spec in all_links():
        key_type = "INTEGER" if spec.key == ROW_KEY else "TEXT"
        lines = [f"{q(spec.key)} {key_type} NOT NULL", f"{q(spec.item)} TEXT NOT NULL", f"{q(POSITION)} INTEGER NOT NULL",
                 f"PRIMARY KEY ({q(spec.key)}, {q(POSITION)})"]
        if spec.key != ROW_KEY:
            lines.append(f"FOREIGN KEY ({q(spec.key)}) REFERENCES {q(spec.table)} ({q(spec.key)})")
        if spec.references:
            target = TABLES[spec.references].id_column
            lines.append(f"FOREIGN KEY ({q(spec.item)}) REFERENCES {q(spec.references)} ({q(target)})")
        out.append(f"CREATE TABLE {q(spec.name)} (\n  " + ",\n  ".join(lines) + "\n)")
    return out


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _cell(value):
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _insert(con: sqlite3.Connection, name: str, df) -> None:
    marks = ", ".join("?" for _ in df.columns)
    rows = ([_cell(v) for v in row] for row in df.astype(object).itertuples(index=False, name=None))
    con.executemany(f"INSERT INTO {q(name)} ({', '.join(map(q, df.columns))}) VALUES ({marks})", rows)


def write_sqlite(path: Path, extra=None) -> Path:
    """Write the database to ``path`` (replaced whole); ``extra(con)`` may add to it before it is checked."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        for statement in create_statements():
            con.execute(statement)
        for table in TABLES:
            _insert(con, table, flat(table))
        for spec in all_links():
            _insert(con, spec.name, link(spec))
        for spec in all_links():
            con.execute(f"CREATE INDEX {q(spec.name + '_item')} ON {q(spec.name)} ({q(spec.item)})")
        if extra is not None:
            extra(con)
        con.commit()
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ExportError(f"{len(broken)} rows break a foreign key, first: {broken[0]}")
        con.execute("VACUUM")
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    tmp.replace(path)
    return path
