"""Parse amounts as Chinese papers write them: 1 兆 7,757 億 9,992 萬美元, 4,000億美元, 26%, 300萬噸/年.

An approximate amount keeps its qualifier (約 500, 近一萬人, 800 餘, 90% 以上): the number is read as
printed and the qualifier is returned beside it, never dropped.

>>> parse_amount("1 兆 7,757 億 9,992 萬美元")
Amount(value=1775799920000.0, unit='USD', qualifier=None)
>>> parse_amount("150,940", "百萬美元")
Amount(value=150940000000.0, unit='USD', qualifier=None)
>>> parse_amount("2.5萬億人民幣")
Amount(value=2500000000000.0, unit='CNY', qualifier=None)
>>> parse_amount("近一萬人")
Amount(value=10000.0, unit='persons', qualifier='nearly')
>>> parse_amount("800 餘位")
Amount(value=800.0, unit='persons', qualifier='over')

An ordinal rank (第二大 second-largest, 第九大, 第二名, 最大 the largest) is a position, 1 = first, in the unit ``rank``. In a
paired form (第一、第二大: the first and the second) each record states its own ordinal, 第一 and 第二大:

>>> parse_amount("第二大")
Amount(value=2.0, unit='rank', qualifier=None)
>>> parse_amount("第一")
Amount(value=1.0, unit='rank', qualifier=None)
>>> parse_amount("最大")
Amount(value=1.0, unit='rank', qualifier=None)
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, DecimalException
from typing import NamedTuple

from .errors import brief


class AmountError(ValueError):
    """The text is not an amount this parser understands."""


class Amount(NamedTuple):
    value: float
    unit: str
    qualifier: str | None = None  # about, nearly, over, at_least, under, at_most (models.Qualifier)


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
        ("年", "years", 1), ("人", "persons", 1), ("名", "persons", 1), ("位", "persons", 1), ("架", "aircraft", 1), ("艘", "ships", 1),
        ("噸標準煤", "tce", 1), ("噸標煤", "tce", 1), ("噸油當量", "toe", 1),
    ],
    key=lambda u: -len(u[0]),
)
PER = {"/年": "/yr", "／年": "/yr", "每年": "/yr", "/日": "/d", "／日": "/d", "/天": "/d", "每日": "/d", "每天": "/d"}
# Words before a number: (spelling, qualifier); None = not a qualifier (達 reaches, 共 in all, 僅 only), so
# 僅約 is "about". Longest spelling first.
PREFIXES: list[tuple[str, str | None]] = sorted(
    [
        ("大約", "about"), ("約", "about"), ("约", "about"), ("大概", "about"),
        ("將近", "nearly"), ("将近", "nearly"), ("接近", "nearly"), ("近", "nearly"),
        ("超過", "over"), ("超过", "over"), ("逾", "over"), ("突破", "over"),
        ("至少", "at_least"), ("不少於", "at_least"), ("不少于", "at_least"),
        ("不到", "under"), ("不足", "under"), ("未滿", "under"), ("未满", "under"),
        ("最多", "at_most"), ("至多", "at_most"), ("不超過", "at_most"), ("不超过", "at_most"),
        ("高達", None), ("高达", None), ("達", None), ("达", None), ("共計", None), ("共计", None), ("共", None),
        ("總計", None), ("总计", None), ("僅", None), ("仅", None), ("只有", None),
    ],
    key=lambda p: -len(p[0]),
)
# Words after the amount: 90% 以上 (90% or more), 500 人左右 (about 500).
SUFFIXES = {"以上": "at_least", "以下": "at_most", "左右": "about", "上下": "about", "有餘": "over", "有余": "over"}
ODD = ("多", "餘", "余")  # 1200 多名, 800 餘位, 300多萬: "1,200-odd", read as 1,200 and over
# Digits with thousands separators (misplaced ones too, as tables sometimes print 5,027,49), a decimal part,
# and scientific notation as spreadsheets export it (5.9307E+12).
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[eE][+-]?\d+)?")


# 第 + a number, then 大 (-largest), 名 (place) or nothing (第一 of 第一、第二大, whose 大 is shared); 最大 is the first.
RANK = re.compile(r"第([一二三四五六七八九十百兩\d]{1,4})(大|名)?|最大")
_ORD = r"第[一二三四五六七八九十兩\d]{1,3}"
# The ranks a paper prints as a whole token: a pair 第一、第二大 counts as two (第一 and 第二大); 最大 only before
# what states are ranked as (最大貿易夥伴, 最大買家), not in 最大限度 or 規模最大.
RANK_TOKEN = re.compile(
    rf"{_ORD}(?:大|名)|{_ORD}(?=、{_ORD}(?:、|大|名))"
    r"|最大(?=的?(?:貿易夥伴|貿易伙伴|買家|买家|經濟體|经济体|進口國|出口國|供應國|消費國|生產國|油田|氣田|市場))"
)


def is_rank(stated: str) -> bool:
    """Is ``stated`` an ordinal rank (第二大, 第一, 第二名) rather than an amount?"""
    return RANK.fullmatch(re.sub(r"\s+", "", stated)) is not None


def parse_amount(stated: str, unit_stated: str | None = None) -> Amount:
    """Value, normalised unit and qualifier of ``stated``; ``unit_stated`` is a table header's unit such as 億美元."""
    rank = RANK.fullmatch(re.sub(r"\s+", "", stated))
    if rank:
        if unit_stated:
            raise AmountError(f"{brief(stated)} is a rank (an ordinal position): it takes no table unit {brief(unit_stated)}")
        if rank.group() == "最大":
            return Amount(1.0, "rank", None)
        number, rest, _ = _number(rank.group(1), need_number=True)
        if rest or number < 1 or number != int(number):
            raise AmountError(f"{brief(stated)} is not an ordinal rank such as 第二大 or 第九大")
        return Amount(float(number), "rank", None)
    try:
        number, unit, factor, qualifier = _parse(stated, need_number=True)
        if unit_stated:
            if unit:
                raise AmountError(f"{brief(stated)} has its own unit {unit!r} and a table unit {brief(unit_stated)}")
            header, unit, header_factor, header_qualifier = _parse(unit_stated, need_number=False)
            if header_qualifier:
                raise AmountError(f"the table unit {brief(unit_stated)} has a qualifier: write it in the value")
            factor = factor * header * header_factor
        value = float(number * factor)
    except (DecimalException, OverflowError):
        raise AmountError(f"{brief(stated)} is too large to be a real figure") from None
    if not unit:
        raise AmountError(f"no unit in {brief(stated)}: write the unit (美元, 噸, %...) or give unit_stated")
    if not math.isfinite(value) or value > MAX_AMOUNT:
        raise AmountError(f"{brief(stated)} is too large to be a real figure")
    return Amount(value, unit, qualifier)


MAX_AMOUNT = 1e20  # larger than any figure a paper gives (world GDP is about 1e14 USD)
_PIECE = r"(?:[0-9][0-9,.]*|[零〇一二三四五六七八九兩两十拾百佰千仟萬万億亿兆]+)"
_TOKEN = re.compile(rf"{_PIECE}(?:\s*{_PIECE})*")


def numbers_in(text: str) -> set[int]:
    """Every whole number written in ``text``, in Arabic or Chinese numerals (1,200, 1200多, 三千, 1 萬 2,000)."""
    found = set()
    for m in _TOKEN.finditer(text):
        for piece in [m.group(), *re.findall(_PIECE, m.group())]:
            try:
                value, _, _ = _number(re.sub(r"\s+", "", piece), need_number=True)
            except (AmountError, DecimalException):
                continue
            if value == value.to_integral_value():
                found.add(int(value))
    return found


def parse_qualifier(text: str) -> str | None:
    """The qualifier that words such as 約, 將近, 以上 or 僅約 give an amount (None for 達, 共, 僅)."""
    s = re.sub(r"\s+", "", text)
    qualifier, rest = _strip_prefix(s)
    if not rest:
        return qualifier
    if rest in SUFFIXES and qualifier is None:
        return SUFFIXES[rest]
    if rest in ODD and qualifier is None:
        return "over"
    raise AmountError(f"{text!r} is not a qualifier such as 約, 近, 逾, 超過, 以上, 左右")


PERIODS = {"日": "/d", "天": "/d", "年": "/yr"}


def parse_period(text: str) -> str:
    """The period (/yr or /d) that words such as 每年, 一天, 年輸送 or 年消費量 give a rate."""
    found = {per for word, per in PERIODS.items() if word in text}
    if len(found) != 1:
        raise AmountError(f"{text!r} must name one period: a year (每年, 一年, 年輸送...) or a day (每日, 一天...)")
    return found.pop()


def _strip_prefix(s: str) -> tuple[str | None, str]:
    """Qualifier words at the start of ``s`` (僅約 = 僅 + 約), and the rest."""
    qualifier = None
    while True:
        for spelling, meaning in PREFIXES:
            if s.startswith(spelling):
                s = s[len(spelling):]
                if meaning is not None:
                    if qualifier is not None:
                        raise AmountError(f"two qualifiers in {s!r}")
                    qualifier = meaning
                break
        else:
            return qualifier, s


def _parse(text: str, need_number: bool) -> tuple[Decimal, str, Decimal, str | None]:
    """(number, unit, unit factor, qualifier) of one amount; the number defaults to 1 for a header like 億美元."""
    s = re.sub(r"\s+", "", text)
    if not s:
        raise AmountError("empty amount")
    if s[0] in "-−－":
        raise AmountError(f"negative amount {brief(text)}: lengths, capacities, costs and values are never negative")
    qualifier, s = _strip_prefix(s)

    def qualify(meaning: str) -> None:
        nonlocal qualifier
        if qualifier is not None:
            raise AmountError(f"two qualifiers in {brief(text)}")
        qualifier = meaning

    for spelling, meaning in SUFFIXES.items():
        if s.endswith(spelling):
            s = s[: -len(spelling)]
            qualify(meaning)
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
        number, rest, odd = _number(s[3:], need_number=True)
        if rest:
            raise AmountError(f"unexpected {brief(rest)} after a percentage in {brief(text)}")
        if odd:
            qualify("over")
        return number, "percent" + per, Decimal(1), qualifier
    number, rest, odd = _number(s, need_number)
    if odd:
        qualify("over")
    unit, factor = "", 1
    if rest:
        for spelling, norm, f in UNITS:
            if rest == spelling:
                unit, factor = norm, f
                break
        else:
            raise AmountError(f"unknown unit {brief(rest)} in {brief(text)}")
    if prefix_unit:
        if unit:
            raise AmountError(f"two units in {brief(text)}")
        unit, factor = prefix_unit
    return number, (unit + per) if unit else "", Decimal(factor), qualifier


def _number(s: str, need_number: bool) -> tuple[Decimal, str, bool]:
    """Read a number with Chinese multipliers from the start of ``s``; return it, the rest, and whether
    多 / 餘 followed its digits (300多萬, 1200 多名: "-odd")."""
    odd = False
    total = Decimal(0)
    section = Decimal(0)  # value below the current 萬/億 group
    n: Decimal | None = None  # last digits read, waiting for a multiplier
    last_group: Decimal | None = None  # the group just closed by 萬/億/兆, for 萬億 and 百萬 chains
    seen = digits = False  # digits: a real number, not a bare multiplier such as 萬 in 萬美元
    i = 0
    while i < len(s):
        m = _NUMBER.match(s, i)
        if m:
            if n is not None:
                raise AmountError(f"two numbers in a row in {brief(s)}")
            n, i, seen, last_group = Decimal(m.group().rstrip(",").replace(",", "")), m.end(), True, None
            digits = True
            continue
        c = s[i]
        word = next((w for w in WORDS if s.startswith(w, i)), None)
        if c in DIGITS:
            if n is not None:
                raise AmountError(f"two numbers in a row in {brief(s)}")
            n, seen, last_group = Decimal(DIGITS[c]), True, None
            digits = True
        elif c in ODD and seen and not odd and (n is not None or section or last_group is not None):
            odd = True
        elif c in SMALL:
            digits = digits or (i == 0 and c in "十拾")  # 十萬 is a number; 百萬 and 萬 alone are units
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
    if need_number and not digits:
        raise AmountError(f"no number in {brief(s)}" + (": a multiplier alone is a unit (put it in unit_stated)" if seen else ""))
    if not seen:
        total = Decimal(1)
    return total, s[i:], odd


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
