"""eurasia-data: curated facts on Eurasian politics from Chinese-language papers, as typed tables.

>>> import eurasia_data
>>> "agreements" in eurasia_data.tables()
True

Importing the package is cheap: pandas, pyarrow and pydantic load on the first call that needs them.
"""

from __future__ import annotations

__version__ = "0.2.0"

from .tables import TABLES

_LAZY = {
    "load": "loaders", "paths": "loaders", "manifest": "loaders", "load_records": "loaders",
    "search": "lookup", "resolve": "lookup", "load_codebook": "codebook", "cite": "citation",
    "export": "exports", "one_per_fact": "facts",
    "crosswalk": "codes", "coverage": "scope", "state_years": "panels", "dyad_years": "panels",
    **{f"load_{name}": "loaders" for name in TABLES},
}
__all__ = ["__version__", "tables", *sorted(_LAZY)]


def tables() -> list[str]:
    """Names of the published tables."""
    return list(TABLES)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eurasia_data' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
