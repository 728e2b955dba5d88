"""The Arrow type of every published column, from the models: what the build writes and the loader expects."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=None)
def column_types(model) -> dict:
    """Arrow type of every field of ``model``, in the published column order."""
    import datetime

    import pyarrow as pa

    from . import models

    scalars = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), datetime.date: pa.date32()}
    out = {}
    for name in models.columns(model):
        scalar, is_list, _ = models.field_kind(model.model_fields[name].annotation)
        out[name] = pa.list_(scalars[scalar]) if is_list else scalars[scalar]
    return out


def mismatch(model, schema) -> str | None:
    """How an Arrow ``schema`` differs from the model's columns (names, order, types), or None."""
    expected = column_types(model)
    names = list(schema.names)
    if names != list(expected):
        extra = [n for n in names if n not in expected]
        missing = [n for n in expected if n not in names]
        if extra or missing:
            return "; ".join(p for p in (f"unexpected columns {extra}" if extra else "", f"missing columns {missing}" if missing else "") if p)
        return f"columns in the wrong order: {names}"
    for field in schema:
        want = expected[field.name]
        if not field.type.equals(want):
            return f"column {field.name!r} is {field.type}, not {want}"
    return None
