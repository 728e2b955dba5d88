"""Parse amounts as Chinese papers write them: 1 兆 7,757 億 9,992 萬美元, 4,000億美元, 26%, 300萬噸/年.

>>> parse_amount("1 兆 7,757 億 9,992 萬美元")
Amount(value=1775799920000.0, unit='USD')
>>> parse_amount("150,940", "百萬美元")
Amount(value=150940000000.0, unit='USD')
>>> parse_amount("2.5萬億人民幣")
Amount(value=2500000000000.0, unit='CNY')
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple


class AmountError(ValueError):
    """The text is not an amount this parser understands."""


class Amount(NamedTuple):
    value: float
    unit: str


SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"萬": 10**4, "万": 10**4, "億": 10**8, "亿": 10**8, "兆": 10**12}
WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "兩": 2, "两": 2}

# Longest spelling first; each maps to (normalised unit, factor to that unit).
UNITS: list[tuple[str, str, int]] = sorted(
    [
        ("美元", "USD", 1), ("美金", "USD", 1), ("USD", "USD", 1), ("US$", "USD", 1), ("dollars", "USD", 1),
        ("人民幣", "CNY", 1), ("人民币", "CNY", 1), ("元", "CNY", 1), ("盧布", "RUB", 1), ("卢布", "RUB", 1),
        ("歐元", "EUR", 1), ("欧元", "EUR", 1),
        ("公噸", "t", 1), ("噸", "t", 1), ("吨", "t", 1), ("桶", "bbl", 1),
        ("立方公尺", "m3", 1), ("立方米", "m3", 1), ("立方", "m3", 1), ("bcm", "m3", 10**9), ("m3", "m3", 1),
        ("立方英尺", "ft3", 1), ("立方尺", "ft3", 1),
        ("公里", "km", 1), ("千米", "km", 1), ("km", "km", 1),
        ("%", "percent", 1), ("％", "percent", 1), ("倍", "times", 1),
        ("年", "years", 1), ("人", "persons", 1), ("名", "persons", 1), ("架", "aircraft", 1), ("艘", "ships", 1),
        ("噸標準煤", "tce", 1), ("噸標煤", "tce", 1), ("噸油當量", "toe", 1),
    ],
    key=lambda u: -len(u[0]),
)
PER = {"/年": "/yr", "／年": "/yr", "每年": "/yr", "/日": "/d", "／日": "/d", "/天": "/d", "每日": "/d", "每天": "/d"}
QUALIFIERS = ("大約", "將近", "超過", "約", "近", "逾", "達", "共", "僅")
# Digits with thousands separators (misplaced ones too, as tables sometimes print 5,027,49), a decimal part,
# and scientific notation as spreadsheets export it (5.9307E+12).
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[eE][+-]?\d+)?")


def parse_amount(stated: str, unit_stated: str | None = None) -> Amount:
    """Value and normalised unit of ``stated``; ``unit_stated`` is a table header's unit such as 億美元."""
    number, unit, factor = _parse(stated, need_number=True)
    if unit_stated:
        if unit:
            raise AmountError(f"{stated!r} has its own unit {unit!r} and a table unit {unit_stated!r}")
        header, unit, header_factor = _parse(unit_stated, need_number=False)
        factor = factor * header * header_factor
    if not unit:
        raise AmountError(f"no unit in {stated!r}: write the unit (美元, 噸, %...) or give unit_stated")
    return Amount(float(number * factor), unit)


def _parse(text: str, need_number: bool) -> tuple[Decimal, str, Decimal]:
    """(number, unit, unit factor) of one amount; the number defaults to 1 for a header like 億美元."""
    s = re.sub(r"\s+", "", text)
    if not s:
        raise AmountError("empty amount")
    if s[0] in "-−－":
        raise AmountError(f"negative amount {text!r}: lengths, capacities, costs and values are never negative")
    for q in QUALIFIERS:
        if s.startswith(q):
            s = s[len(q):]
            break
    per = ""
    for spelling, norm in PER.items():
        if s.startswith(spelling) or s.endswith(spelling):
            s = s[len(spelling):] if s.startswith(spelling) else s[: -len(spelling)]
            per = norm
            break
    prefix_unit = None
    for spelling in ("US$", "$"):
        if s.startswith(spelling):
            s, prefix_unit = s[len(spelling):], ("USD", 1)
            break
    if s.startswith("百分之"):
        number, rest = _number(s[3:], need_number=True)
        if rest:
            raise AmountError(f"unexpected {rest!r} after a percentage in {text!r}")
        return number, "percent" + per, Decimal(1)
    number, rest = _number(s, need_number)
    if rest[:1] in ("多", "餘", "余") and rest[1:2] not in ("萬", "億", "兆"):
        rest = rest[1:]  # 1200 多名: "1,200-odd", read as 1,200
    unit, factor = "", 1
    if rest:
        for spelling, norm, f in UNITS:
            if rest == spelling:
                unit, factor = norm, f
                break
        else:
            raise AmountError(f"unknown unit {rest!r} in {text!r}")
    if prefix_unit:
        if unit:
            raise AmountError(f"two units in {text!r}")
        unit, factor = prefix_unit
    return number, (unit + per) if unit else "", Decimal(factor)


def _number(s: str, need_number: bool) -> tuple[Decimal, str]:
    """Read a number with Chinese multipliers from the start of ``s``; return it and the rest."""
    total = Decimal(0)
    section = Decimal(0)  # value below the current 萬/億 group
    n: Decimal | None = None  # last digits read, waiting for a multiplier
    last_group: Decimal | None = None  # the group just closed by 萬/億/兆, for 萬億 and 百萬 chains
    seen = False
    i = 0
    while i < len(s):
        m = _NUMBER.match(s, i)
        if m:
            if n is not None:
                raise AmountError(f"two numbers in a row in {s!r}")
            n, i, seen, last_group = Decimal(m.group().rstrip(",").replace(",", "")), m.end(), True, None
            continue
        c = s[i]
        word = next((w for w in WORDS if s.startswith(w, i)), None)
        if c in DIGITS:
            if n is not None:
                raise AmountError(f"two numbers in a row in {s!r}")
            n, seen, last_group = Decimal(DIGITS[c]), True, None
        elif c in SMALL:
            section += (n if n is not None else Decimal(1)) * SMALL[c]
            n, seen, last_group = None, True, None
        elif c in BIG or word:
            mult = BIG[c] if c in BIG else WORDS[word]
            if last_group is not None and n is None and section == 0:
                total -= last_group  # 萬億: the previous group is multiplied again
                last_group *= mult
            else:
                group = section + (n if n is not None else Decimal(0))
                last_group = (group if group else Decimal(1)) * mult
            total += last_group
            section, n, seen = Decimal(0), None, True
            i += len(word) if word else 1
            continue
        else:
            break
        i += 1
    total += section + (n if n is not None else Decimal(0))
    if not seen:
        if need_number:
            raise AmountError(f"no number in {s!r}")
        total = Decimal(1)
    return total, s[i:]


def format_amount(value: int, spaces: bool = False) -> str:
    """Write a whole number the way the papers do (兆/億/萬 groups, thousands separators): the parser's inverse."""
    groups = []
    for name, size in (("兆", 10**12), ("億", 10**8), ("萬", 10**4)):
        q, value = divmod(value, size)
        if q:
            groups.append(f"{q:,}{name}")
    if value or not groups:
        groups.append(f"{value:,}")
    return (" " if spaces else "").join(groups)
