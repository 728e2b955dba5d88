"""Which units a figure may be in: money for a GDP, a percentage of at most 100 for a share, a length in km...

The rule comes from the figure's ``measure`` when the record has one (share, growth_rate...), else from the
words of the indicator's name (``military_expenditure_share_world`` is a share). A name with none of these
words may be in any unit. A trade figure is money, a quantity, a count or a percentage, never years or km.
"""

from __future__ import annotations

CLASSES: dict[str, tuple[str, frozenset[str]]] = {
    "money": ("money (USD, CNY, RUB, EUR)", frozenset({"USD", "CNY", "RUB", "EUR"})),
    "quantity": ("a quantity (t, bbl, m3, ft3, tce, toe)", frozenset({"t", "bbl", "m3", "ft3", "tce", "toe"})),
    "length": ("a length (km)", frozenset({"km"})),
    "share": ("a percentage of at most 100", frozenset({"percent"})),
    "growth": ("a percentage or a multiple", frozenset({"percent", "times"})),
    "ratio": ("a ratio (times, percent, or years of production)", frozenset({"times", "percent", "years"})),
    "persons": ("a number of persons", frozenset({"persons"})),
    "ships": ("a number of ships", frozenset({"ships"})),
    "count": ("a count (persons, ships, aircraft)", frozenset({"persons", "ships", "aircraft"})),
    "rank": ("a place in an ordering (第二大: rank)", frozenset({"rank"})),
}
# Word of an indicator's name -> class; the first word found in this order decides.
NAME_WORDS: list[tuple[str, str]] = [
    ("share", "share"), ("dependence", "share"), ("sufficiency", "share"),
    ("ratio", "ratio"), ("growth", "growth"), ("rate", "growth"),
    ("length", "length"), ("troops", "persons"), ("carriers", "ships"),
    ("gdp", "money"), ("expenditure", "money"), ("budget", "money"), ("investment", "money"), ("loan", "money"),
    ("cost", "money"), ("aid", "money"), ("loss", "money"), ("value", "money"),
    ("reserves", "quantity"), ("production", "quantity"), ("consumption", "quantity"), ("imports", "quantity"),
    ("exports", "quantity"), ("demand", "quantity"), ("supply", "quantity"), ("gap", "quantity"),
]
# A figure's `measure` (when the table has one) -> class; None: decided by the name as above.
MEASURES: dict[str, str | None] = {"share": "share", "growth_rate": "growth", "contract_value": "money", "capacity": "quantity", "length": "length", "rank": "rank"}
TRADE = frozenset().union(*(CLASSES[c][1] for c in ("money", "quantity", "count", "share")))


def expected(table: str, data: dict) -> str | None:
    """The class a figure's unit must belong to, or None when any unit will do."""
    measure = data.get("measure")
    if isinstance(measure, str) and MEASURES.get(measure):
        return MEASURES[measure]
    name = data.get("indicator") if table == "indicators" else None
    if isinstance(name, str):
        words = name.split("_")
        for word, cls in NAME_WORDS:
            if word in words:
                return cls
    return None


def check(table: str, data: dict, value: float, unit: str) -> str | None:
    """Why ``value`` in ``unit`` cannot be this figure, or None when it can."""
    base = unit.split("/")[0]  # a flow (t/yr) is a quantity per period
    cls = expected(table, data)
    what = data.get("indicator") or data.get("measure")
    if cls is not None:
        description, units = CLASSES[cls]
        if base not in units:
            return f"{what!r} is {description}, but this value is in {unit}: is it the right number?"
        if cls == "share" and value > 100:
            return f"{what!r} is a share, but {value:g} percent is more than 100"
    elif table == "trade_figures" and base not in TRADE:
        return f"a trade figure is money, a quantity, a count or a percentage, not {unit}: is it the right number?"
    return None
