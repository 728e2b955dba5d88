"""Stata .dta files (format 118: Stata 14 and later, UTF-8), written by pandas' ``to_stata``.

What Stata cannot hold is handled here, explicitly:

- variable names: at most 32 characters of ``A-Za-z0-9_``, not a reserved word; any other name is
  renamed (shortened, suffixed ``_``) and :func:`stata_names` reports the renaming;
- variable labels: at most 80 characters; a longer codebook description is cut at a word with "...";
  the full text is in the codebook shipped beside the files;
- categorical (``Literal``) columns are stored as integer codes 1, 2, ... with value labels (the label
  set is named after the column);
- missing values: numbers become Stata's ``.``; Stata has no missing string, so a missing text is "";
- list columns are joined with ";" (their link tables carry one item per row);
- dates become Stata daily dates (``%td``); booleans 0/1;
- text longer than 2,045 bytes is stored as strL.
"""

from __future__ import annotations

import re

MAX_NAME, MAX_LABEL, MAX_STR = 32, 80, 2045
RESERVED = frozenset(
    "_all _b byte _coef _cons double float if in int long _n _N _pi _pred _rc _skip str strL using with".split()
)
_VALID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def stata_names(columns: list[str]) -> dict[str, str]:
    """Column -> Stata variable name, for every column whose name Stata does not accept as it is."""
    out: dict[str, str] = {}
    taken = set(columns)
    for column in columns:
        if _VALID.match(column) and len(column) <= MAX_NAME and column not in RESERVED:
            continue
        base = re.sub(r"[^A-Za-z0-9_]", "_", column)
        base = base if re.match(r"[A-Za-z_]", base) else "_" + base
        name, n = base[: MAX_NAME - 1] + "_", 1
        while name in taken:
            n += 1
            name = f"{base[: MAX_NAME - 1 - len(str(n))]}_{n}"
        out[column] = name
        taken.add(name)
    return out


def label(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to Stata's label length at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 3]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "..."


def stata_frame(df, kinds: dict[str, tuple]):
    """``df`` (flat: no list cells) with the dtypes Stata takes; ``kinds`` maps column -> field_kind()."""
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    for column in df.columns:
        s = df[column]
        scalar, is_list, allowed = kinds.get(column, (str, False, ()))
        if allowed and not is_list:
            out[column] = pd.Categorical(s.astype(object).where(s.notna(), None), categories=list(allowed))
        elif pd.api.types.is_datetime64_any_dtype(s):
            out[column] = s
        elif scalar is bool:
            out[column] = s.astype("Int8")
        elif scalar is int:
            out[column] = s.astype("Int64")
        elif scalar is float:
            out[column] = s.astype("Float64").astype("float64")
        elif str(s.dtype).startswith("date") or scalar.__name__ == "date":
            out[column] = pd.to_datetime(s)
        else:
            out[column] = s.astype(object).where(s.notna(), "").map(str)
    return out


def write_dta(df, path, kinds: dict[str, tuple], labels: dict[str, str], data_label: str) -> dict[str, str]:
    """Write ``df`` as a version-118 .dta file; returns the renamed columns."""
    import pandas as pd

    frame = stata_frame(df, kinds)
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            # Codes 1..n so that 0 is never a category (pandas writes the codes it is given).
            cats = list(frame[column].cat.categories)
            codes = frame[column].cat.codes.astype("float64").where(frame[column].notna()) + 1
            frame[column] = codes.astype("Int64")
            frame.attrs.setdefault("value_labels", {})[column] = {i: c for i, c in enumerate(cats, 1)}
    renames = stata_names(list(frame.columns))
    frame = frame.rename(columns=renames)
    value_labels = {renames.get(c, c): v for c, v in frame.attrs.pop("value_labels", {}).items()}
    strl = [c for c in frame.columns if frame[c].dtype == object and max((len(v.encode("utf-8")) for v in frame[c]), default=0) > MAX_STR]
    dates = {c: "td" for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])}
    frame.to_stata(
        path, version=118, write_index=False, convert_dates=dates, convert_strl=strl, data_label=label(data_label),
        variable_labels={renames.get(c, c): label(t) for c, t in labels.items() if c in df.columns},
        value_labels=value_labels or None,
    )
    return renames
