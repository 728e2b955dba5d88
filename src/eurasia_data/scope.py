"""What each paper covers: per source and table, the years and the actors its records name.

The data holds what five papers report, not a census: a year or an actor outside every paper's coverage
has no records because no paper looked there, not because nothing happened. Panels use this table to
flag (or keep only) the years and actors some paper covers.

>>> import eurasia_data
>>> cov = eurasia_data.coverage()
>>> row = cov[(cov.source_id == "lin-sco-thesis") & (cov.table == "memberships")].iloc[0]
>>> int(row.first_year) <= 2001 <= int(row.last_year), "SCO" in row.actors
(True, True)
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .tables import ACTOR_COLUMNS, RECORD_TABLES, TABLES

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["source_id", "table", "records", "first_year", "last_year", "actors"]


def coverage() -> pd.DataFrame:
    """One row per source paper and record table: how many records the paper supports there, the first and
    last year they are dated to (``<NA>`` for undated tables such as pipelines), and the actor ids they name.

    A record counts for every paper that has a quote for it (the evidence table); rows that lose their
    conflict set (``assessment`` not null or preferred) do not count.
    """
    return _coverage().copy()


def counted(df: pd.DataFrame) -> pd.DataFrame:
    """The rows that count, one per fact (CONTRACTS §1): ``assessment`` null or "preferred"
    (:func:`eurasia_data.one_per_fact`); every row of a table that has no ``assessment`` column."""
    if "assessment" not in df.columns:
        return df
    try:
        from .facts import one_per_fact
    except ImportError:  # pragma: no cover - a build from before one_per_fact
        return df[df["assessment"].isna() | (df["assessment"] == "preferred")]
    return one_per_fact(df)


@lru_cache(maxsize=1)
def _coverage() -> pd.DataFrame:
    import pandas as pd

    from .loaders import load

    evidence = load("evidence")[["table", "record_id", "source_id"]].drop_duplicates()
    rows = []
    for table in RECORD_TABLES:
        df = counted(load(table))
        key = TABLES[table].id_column
        sources = evidence[evidence.table == table].merge(df, left_on="record_id", right_on=key)
        for source_id, part in sources.groupby("source_id", sort=True):
            years = part["year"] if "year" in part else pd.Series(dtype="Int64")
            ends = part["end_year"].fillna(part["year"]) if "end_year" in part else years
            actors: set[str] = set()
            for column in ACTOR_COLUMNS.get(table, ()):
                for value in part[column]:
                    if isinstance(value, list):
                        actors.update(value)
                    elif isinstance(value, str):
                        actors.add(value)
            rows.append({"source_id": source_id, "table": table, "records": len(part),
                         "first_year": years.min() if years.notna().any() else pd.NA,
                         "last_year": ends.max() if ends.notna().any() else pd.NA,
                         "actors": sorted(actors)})
    out = pd.DataFrame(rows, columns=COLUMNS)
    out["source_id"] = out["source_id"].astype(pd.StringDtype("pyarrow"))
    out["table"] = out["table"].astype(pd.StringDtype("pyarrow"))
    for column in ("records", "first_year", "last_year"):
        out[column] = out[column].astype(pd.Int64Dtype())
    return out
