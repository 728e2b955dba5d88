"""The tables in flat form, for files and databases without list cells (CSV, Stata, SQLite): every list
column joined with ";" in its main table, and the same lists as long link tables (one row per item,
with its position), so that Stata and R users can merge.

>>> from eurasia_data.flat import flat, link
>>> from eurasia_data.relations import links
>>> flat("agreements").set_index("agreement_id").loc["cst-1992", "parties"]
'RUS;KAZ;UZB;TJK;ARM;KGZ'
>>> parties = link(next(k for k in links("agreements") if k.name == "agreement_parties"))
>>> parties[parties.agreement_id == "cst-1992"].head(2).to_string(index=False)
'agreement_id actor_id  position\\n    cst-1992      RUS         1\\n    cst-1992      KAZ         2'
"""

from __future__ import annotations

from functools import lru_cache

from .relations import POSITION, ROW_KEY, Link, list_columns

SEPARATOR = ";"


class ExportError(ValueError):
    """The data cannot be written faithfully in a flat format (the message says which value and why)."""


@lru_cache(maxsize=None)
def _loaded(table: str):
    from .loaders import load

    return load(table)


def joined(table: str, column: str, values) -> list[str]:
    """The lists of one column joined with ";" (an empty list gives an empty string)."""
    out = []
    for items in values:
        for item in items:
            if SEPARATOR in str(item):
                raise ExportError(f"{table}.{column}: the item {item!r} contains {SEPARATOR!r}, so it cannot be joined faithfully")
        out.append(SEPARATOR.join(map(str, items)))
    return out


def flat(table: str):
    """The table as the loaders return it, with each list column joined with ";" (dtype string)."""
    import pandas as pd

    df = _loaded(table).copy()
    for column in list_columns(table):
        df[column] = pd.array(joined(table, column, df[column]), dtype=pd.StringDtype("pyarrow"))
    return df


def link(spec: Link):
    """One link table: the record's key, the item and its 1-based position in the list."""
    import pandas as pd

    df = _loaded(spec.table)
    keys = df[spec.key] if spec.key != ROW_KEY else pd.Series(range(1, len(df) + 1), index=df.index)
    rows = [(key, item, i) for key, items in zip(keys, df[spec.column]) for i, item in enumerate(items, 1)]
    out = pd.DataFrame(rows, columns=[spec.key, spec.item, POSITION])
    key_dtype = pd.Int64Dtype() if spec.key == ROW_KEY else pd.StringDtype("pyarrow")
    return out.astype({spec.key: key_dtype, spec.item: pd.StringDtype("pyarrow"), POSITION: pd.Int64Dtype()})
