"""What a figure measures: the default the build derives from the indicator and unit, and the rules that
keep measure, unit and dates consistent (an annual rate and a total can never be confused)."""

from __future__ import annotations

import re

_SHARE = re.compile(r"(?:^|_)(?:share|dependence|self_sufficiency)(?:_|$)")
_RATIO = re.compile(r"(?:^|_)ratio(?:_|$)")
RATES = ("/yr", "/d")


def default_measure(table: str, data: dict) -> str | None:
    """The measure an indicator's name and a unit imply; None when only the curator can say (a percent
    trade figure may be a share or a growth rate)."""
    unit = data.get("unit") or ""
    name = data.get("indicator") if table == "indicators" and isinstance(data.get("indicator"), str) else ""
    if unit == "rank":
        return "rank"
    if "cumulative" in name:
        return "cumulative"
    if _RATIO.search(name) or unit == "times":
        return "ratio"
    if _SHARE.search(name):
        return "share"
    if unit == "percent":
        return None
    return "level"


def measure_problems(data: dict) -> list[tuple[str, str]]:
    """(raw field, message) for every way measure, unit and dates disagree."""
    measure, unit = data.get("measure"), data.get("unit") or ""
    rate = unit.endswith(RATES)
    out = []
    if measure in ("share", "growth_rate") and unit != "percent":
        out.append(("measure", f"a {measure} is a percentage, not {unit}"))
    if unit == "percent" and measure not in ("share", "growth_rate", "ratio"):
        out.append(("measure", f"a percent figure is a share, a growth_rate or a ratio, not {measure}"))
    if measure == "rank" and unit != "rank":
        out.append(("measure", f"a rank is an ordinal position printed as 第二大, 第九大 or 第一 (of 第一、第二大), not an amount in {unit}"))
    if unit == "rank" and measure != "rank":
        out.append(("measure", f"an ordinal (第二大) is a rank: write measure = \"rank\" or leave measure out, not {measure}"))
    if measure == "cumulative" and rate:
        out.append(("measure", f"a cumulative total has no period: its unit cannot be {unit}"))
    if measure == "contract_value" and (rate or unit not in ("USD", "CNY", "RUB", "EUR")):
        out.append(("measure", f"a contract_value is a sum of money as a whole, not {unit}"))
    multi_year = data.get("end_year") is not None and data["end_year"] != data.get("year")
    if measure == "level" and multi_year and not rate and unit not in ("percent", "times"):
        out.append(("measure", "a level over a multi-year range must be a rate the paper states (period_stated: 每年, 一年...) or else measure = cumulative"))
    return out
