"""Load the published tables as pandas DataFrames (or pydantic records) from the package's Parquet files.

Column dtypes are explicit and the same on pandas 2.2 and 3.x: text ``string[pyarrow]``, integers
``Int64``, decimals ``Float64``, flags ``boolean`` (all nullable), and lists of ids as ``object``
columns holding Python lists, so ``df[df.parties.map(lambda p: "RUS" in p)]`` and
``df.explode("parties")`` work as usual.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Literal, Sequence, overload

from . import datafiles
from .datafiles import DataError
from .tables import TABLES, did_you_mean

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

    from . import models


def _data_dir() -> Path:
    return Path(datafiles.data_dir())


@lru_cache(maxsize=None)
def manifest() -> dict:
    """The manifest written by the build: dataset version, and per table its file, rows and sha256."""
    path, text = datafiles.manifest_text(str(_data_dir()))
    try:
        data = json.loads(text)
    except ValueError as e:
        raise DataError(f"{path} is damaged: {e}") from None
    problem = _shape_problem(data)
    if problem:
        raise DataError(f"{path} is damaged: {problem}: reinstall eurasia-data")
    return data


def _shape_problem(data) -> str | None:
    """What is wrong with the manifest's structure (every table listed, with file, rows and sha256), or None."""
    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        return "it is not an object with a `tables` object"
    for name in TABLES:
        entry = data["tables"].get(name)
        if entry is None:
            return f"it has no entry for the table {name!r}"
        if not (isinstance(entry, dict) and isinstance(entry.get("file"), str) and isinstance(entry.get("sha256"), str)
                and isinstance(entry.get("rows"), int) and "/" not in entry["file"] and entry["file"] not in ("", ".", "..")):
            return f"its entry for {name!r} is not {{file, rows, sha256}}"
    files = data.get("files", {})
    if not isinstance(files, dict) or not all(isinstance(e, dict) and isinstance(e.get("sha256"), str) and type(e.get("crc32")) is int
                                              and type(e.get("bytes")) is int for e in files.values()):
        return "its `files` entry is not an object of {sha256, crc32, bytes}"
    return None


def paths() -> dict[str, Path]:
    """Path of each table's Parquet file, for DuckDB, Polars, Spark or any Parquet reader."""
    return {name: _data_dir() / entry["file"] for name, entry in manifest()["tables"].items()}


def _check_name(table: str) -> str:
    if table not in TABLES:
        raise KeyError(f"no table {str(table)[:200]!r}{did_you_mean(table, TABLES)}; tables are: {', '.join(TABLES)}")
    return table


@lru_cache(maxsize=None)
def _verified(table: str) -> Path:
    """The table's file, once its bytes are checked against the manifest's sha256."""
    entry = manifest()["tables"][table]
    return _checked(_data_dir() / entry["file"], entry["sha256"])


@lru_cache(maxsize=None)
def verified_file(name: str) -> Path:
    """Another data file listed in the manifest (such as the search index), checked by its size and CRC-32."""
    return Path(datafiles.verified_file(name, str(_data_dir())))


def _checked(path: Path, sha256: str) -> Path:
    return Path(datafiles.checked(str(path), sha256))


def _arrow(table: str) -> pa.Table:
    import pyarrow.parquet as pq

    from ._columns import COLUMNS
    from .arrow_types import mismatch

    path = _verified(_check_name(table))
    try:
        parquet = pq.ParquetFile(path)  # not pq.read_table: its dataset layer imports pandas
        try:
            data = parquet.read()
        finally:
            parquet.close()
    except Exception as e:  # pyarrow raises several types for unreadable files
        raise DataError(f"{path} cannot be read as Parquet: {e}") from None
    problem = mismatch(COLUMNS[table], data.schema)
    if problem:
        raise DataError(f"{path} does not have the {table} table's schema ({problem}): reinstall eurasia-data")
    return data


def _dtype(arrow_type):
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype("pyarrow")
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    if pa.types.is_floating(arrow_type):
        return pd.Float64Dtype()
    if pa.types.is_boolean(arrow_type):
        return pd.BooleanDtype()
    return None


Engine = Literal["pandas", "polars", "pyarrow"]


@overload
def load(table: str, engine: Literal["pandas"] = "pandas") -> pd.DataFrame: ...
@overload
def load(table: str, engine: Literal["pyarrow"]) -> pa.Table: ...
@overload
def load(table: str, engine: Literal["polars"]) -> pl.DataFrame: ...
def load(table: str, engine: Engine = "pandas") -> pd.DataFrame | pa.Table | pl.DataFrame:
    """One table as a pandas DataFrame with the documented dtypes; or, with ``engine="pyarrow"``, the Arrow
    table as stored, or with ``engine="polars"`` a polars DataFrame (the ``polars`` extra). Neither of those
    two imports pandas."""
    if engine == "pyarrow":
        return _arrow(table)
    if engine == "polars":
        try:
            import polars as pl
        except ImportError:
            raise ImportError("engine='polars' needs polars: pip install 'eurasia-data[polars]'") from None
        result = pl.from_arrow(_arrow(table))
        assert isinstance(result, pl.DataFrame)
        return result
    if engine != "pandas":
        raise ValueError(f"engine must be 'pandas', 'polars' or 'pyarrow', not {engine!r}")
    import pandas as pd
    import pyarrow as pa

    data = _arrow(table)
    lists = [f.name for f in data.schema if pa.types.is_list(f.type)]
    df = data.drop_columns(lists).to_pandas(types_mapper=_dtype, date_as_object=False)
    for name in lists:
        df[name] = pd.Series(data.column(name).to_pylist(), index=df.index, dtype=object)
    return df[data.column_names]


@overload
def load_records(table: Literal["sources"]) -> list[models.Source]: ...
@overload
def load_records(table: Literal["actors"]) -> list[models.Actor]: ...
@overload
def load_records(table: Literal["agreements"]) -> list[models.Agreement]: ...
@overload
def load_records(table: Literal["agreement_events"]) -> list[models.AgreementEvent]: ...
@overload
def load_records(table: Literal["exercises"]) -> list[models.Exercise]: ...
@overload
def load_records(table: Literal["pipelines"]) -> list[models.Pipeline]: ...
@overload
def load_records(table: Literal["pipeline_events"]) -> list[models.PipelineEvent]: ...
@overload
def load_records(table: Literal["memberships"]) -> list[models.Membership]: ...
@overload
def load_records(table: Literal["trade_figures"]) -> list[models.TradeFigure]: ...
@overload
def load_records(table: Literal["indicators"]) -> list[models.Indicator]: ...
@overload
def load_records(table: Literal["evidence"]) -> list[models.Evidence]: ...
@overload
def load_records(table: str) -> list[models.Record]: ...
def load_records(table: str) -> Sequence[models.Record]:
    """One table as a list of pydantic records (see :mod:`eurasia_data.models`); the record type follows
    the table name for type checkers (``load_records("agreements")`` is ``list[Agreement]``)."""
    from . import models

    model: type[models.Record] = getattr(models, TABLES[_check_name(table)].model)
    return [model.model_validate(row) for row in _arrow(table).to_pylist()]


DOC_TYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "datetime64"}


@lru_cache(maxsize=1)
def _described_columns() -> dict[str, list[dict]]:
    """Table -> its fields as the shipped datapackage.json describes them (generated from the models and the
    codebook by the build); empty when the package has no data yet."""
    try:
        package = json.loads((_data_dir() / "datapackage.json").read_bytes())
        return {r["name"]: r["schema"]["fields"] for r in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _doc(table: str, fields: list[dict]) -> str:
    doc = f"{TABLES[table].description}\n\nReturns a pandas DataFrame"
    if not fields:
        return doc + "; see the codebook (eurasia_data.load_codebook()) for its columns."
    width = max(len(f["name"]) for f in fields)
    lines = []
    for f in fields:
        dtype = f"list of {DOC_TYPES.get(f['itemType'], f['itemType'])}" if f["type"] == "list" else DOC_TYPES.get(f["type"], f["type"])
        text = f["description"] + (f" [{f['unit']}]" if f.get("unit") else "")
        allowed = f.get("constraints", {}).get("enum")
        if allowed:
            text += " One of: " + ", ".join(allowed) + "."
        lines.append(f"    {f['name']:<{width}}  {dtype:<15} {text}")
    key = TABLES[table].id_column
    shown = [f["name"] for f in fields if f["type"] != "list"][:4]
    return (doc + ", one row per record, with these columns:\n\n" + "\n".join(lines)
            + "\n\nExample::\n\n    import eurasia_data\n"
            + f"    df = eurasia_data.load_{table}()\n    df[{shown!r}].head()\n"
            + (f"    df.set_index({key!r}).loc[df[{key!r}].iloc[0]]   # one record\n" if key else ""))


def _loader(table: str):
    def loader():
        return load(table)

    loader.__name__ = loader.__qualname__ = f"load_{table}"
    loader.__module__ = __name__
    loader.__doc__ = _doc(table, _described_columns().get(table, []))
    return loader


# One load_<table> per table, made on first use (with its docstring listing the columns), so that importing
# this module stays cheap for the search, which needs only the file checks above.
load_sources: Callable[[], pd.DataFrame]
load_actors: Callable[[], pd.DataFrame]
load_agreements: Callable[[], pd.DataFrame]
load_agreement_events: Callable[[], pd.DataFrame]
load_exercises: Callable[[], pd.DataFrame]
load_pipelines: Callable[[], pd.DataFrame]
load_pipeline_events: Callable[[], pd.DataFrame]
load_memberships: Callable[[], pd.DataFrame]
load_trade_figures: Callable[[], pd.DataFrame]
load_indicators: Callable[[], pd.DataFrame]
load_evidence: Callable[[], pd.DataFrame]


def __getattr__(name: str):
    table = name[len("load_"):] if name.startswith("load_") else None
    if table not in TABLES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = _loader(table)
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | {f"load_{t}" for t in TABLES})
