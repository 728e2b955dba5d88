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

# What the lazy names are, for mypy and pyright, which treat any TYPE_CHECKING as true; at run time it is
# False without importing typing (import time). tests/test_typing.py keeps these imports equal to _LAZY.
TYPE_CHECKING = False
if TYPE_CHECKING:  # "import x as x" marks a re-export for strict checkers
    from .citation import cite as cite
    from .codebook import load_codebook as load_codebook
    from .codes import crosswalk as crosswalk
    from .exports import export as export
    from .facts import one_per_fact as one_per_fact
    from .loaders import load as load, load_records as load_records, manifest as manifest, paths as paths
    from .loaders import load_actors as load_actors, load_agreement_events as load_agreement_events
    from .loaders import load_agreements as load_agreements, load_evidence as load_evidence
    from .loaders import load_exercises as load_exercises, load_indicators as load_indicators
    from .loaders import load_memberships as load_memberships, load_pipeline_events as load_pipeline_events
    from .loaders import load_pipelines as load_pipelines, load_sources as load_sources
    from .loaders import load_trade_figures as load_trade_figures
    from .lookup import resolve as resolve, search as search
    from .panels import dyad_years as dyad_years, state_years as state_years
    from .scope import coverage as coverage



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
