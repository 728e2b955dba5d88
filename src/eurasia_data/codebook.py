"""The codebook: every column of every table with its dtype, unit, allowed values and description,
generated from the record models (docs/codebook.md is the same, rendered by the build)."""

from __future__ import annotations

from datetime import date

from .tables import TABLES

DTYPES = {str: "string", int: "Int64", float: "Float64", bool: "boolean", date: "datetime64[ms]"}


def describe(annotation) -> tuple[str, list[str]]:
    """(pandas dtype, allowed values) of a model field's annotation."""
    from .models import field_kind

    scalar, is_list, allowed = field_kind(annotation)
    dtype = DTYPES[scalar]
    return (f"object (list of {dtype})" if is_list else dtype), [str(v) for v in allowed]


def codebook_rows() -> list[dict]:
    from . import models

    rows = []
    for name, table in TABLES.items():
        model = getattr(models, table.model)
        for column in models.columns(model):
            field = model.model_fields[column]
            dtype, allowed = describe(field.annotation)
            extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
            rows.append({"table": name, "column": column, "dtype": dtype, "unit": extra.get("unit"),
                         "allowed_values": allowed, "value_definitions": dict(extra.get("values", {})),
                         "description": field.description or ""})
    return rows


def load_codebook():
    """The codebook as a DataFrame: table, column, dtype, unit, allowed_values, value_definitions (value ->
    what it means), description."""
    import pandas as pd

    df = pd.DataFrame(codebook_rows(), columns=["table", "column", "dtype", "unit", "allowed_values", "value_definitions", "description"])
    for column in ("table", "column", "dtype", "unit", "description"):
        df[column] = df[column].astype(pd.StringDtype("pyarrow"))
    return df


def codebook_markdown() -> str:
    out = ["# Codebook", "", "Generated from `src/eurasia_data/models.py` by `python build.py`; do not edit.", "",
           "Day columns (`date_min`, `date_max`, `end_date_min`, `end_date_max`) are stored in Parquet as Arrow `date32` "
           "(days since 1970-01-01) and loaded by pandas as `datetime64[ms]` (missing: `NaT`); in the JSON Schemas they are "
           "strings of format `date` (YYYY-MM-DD).", ""]
    for name, table in TABLES.items():
        out += [f"## `{name}`", "", table.description, "", "| column | dtype | unit | allowed values | description |", "|---|---|---|---|---|"]
        defined = []
        for r in (r for r in codebook_rows() if r["table"] == name):
            allowed = ", ".join(f"`{v}`" for v in r["allowed_values"])
            if r["value_definitions"] and not allowed:
                allowed = "see below"
            out.append(f"| `{r['column']}` | {r['dtype']} | {r['unit'] or ''} | {allowed} | {r['description']} |")
            if r["value_definitions"]:
                defined.append(r)
        out.append("")
        for r in defined:
            out += [f"Values of `{r['column']}`:", ""]
            out += [f"- `{value}`: {meaning}" for value, meaning in r["value_definitions"].items()]
            out.append("")
    return "\n".join(out)
