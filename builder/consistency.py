"""Parts, totals and shares the papers print, declared in raw/consistency.toml: normalised values must agree.

A check is data, not code: a ``[[shares]]`` block says which records are parts, which their shares and
(optionally) which the total; a ``[[sum]]`` block says which parts add up to which total; an
``[[at_most]]`` block says a part cannot exceed its whole. Agreement is judged within rounding: every
printed number stands for an interval of half a unit of its last digit, and the intervals must meet. A
block with ``expect = "inconsistent"`` records a paper whose own figures disagree (with its ``reason``);
the build then checks that they really do. A figure read as ``contradicted`` (no value, the print kept)
must be shown to disagree by such a block: the contradiction rests on the paper's figures, not on belief.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from eurasia_data.tables import RECORD_TABLES, TABLES

from . import rawfile
from .amounts import _NUMBER
from .errors import Problems
from .records import Row

KINDS = {"shares": ("part", "share", "total"), "sum": ("parts", "total"), "at_most": ("part", "whole")}
FIELDS = {"about", "table", "rows", "expect", "reason"}
EPSILON = 1e-9  # relative slack for binary floating point


def check_file(path: Path, shown: str, index: dict[str, dict[str, Row]], problems: Problems) -> int:
    """Run every declared check of ``path`` (if it exists); return the number of rows checked."""
    proven: set[tuple[str, str]] = set()  # (table, id) of figures a failing check shows to disagree
    checked = 0
    raw = rawfile.read(path, shown, problems) if path.exists() else None
    if raw is not None:
        for key in raw.defaults:
            problems.add(shown, raw.default_lines.get(key, 1), "", key, "unknown top-level key: every check is a [[shares]], [[sum]] or [[at_most]] block")
        for block in raw.blocks:
            if block.kind not in KINDS:
                problems.add(shown, block.line, "", "", f"unknown block [[{block.kind}]]; known blocks: [[shares]], [[sum]], [[at_most]]")
                continue
            checked += _block(block, index, problems, proven)
    if raw is not None or not path.exists():
        _contradictions_shown(index, proven, shown, problems)
    return checked


def _contradictions_shown(index: dict[str, dict[str, Row]], proven: set[tuple[str, str]], shown: str, problems: Problems) -> None:
    """A contradicted reading rests on the paper's own figures: a check expected to fail must show it."""
    for table, rows in index.items():
        for rid, row in rows.items():
            if row.data.get("reading") == "contradicted" and (table, rid) not in proven:
                problems.add(row.file, row.field_lines.get("reading", row.line), f"{table}[{rid}]", "reading",
                             f'a contradicted figure needs a check in {shown} with expect = "inconsistent" that shows '
                             "which of the paper's own figures it contradicts (e.g. [[at_most]]: a part cannot exceed its whole)")


def _block(block: rawfile.Block, index: dict[str, dict[str, Row]], problems: Problems, proven: set[tuple[str, str]]) -> int:
    d = block.data
    label = f"{block.kind}[{d.get('about', '')[:40]}]" if isinstance(d.get("about"), str) else block.kind

    def bad(key: str, message: str, line: int | None = None) -> None:
        problems.add(block.file, line or block.line_of(key), label, key, message)

    allowed = FIELDS | set(KINDS[block.kind])
    for key in d:
        if key not in allowed:
            bad(key, f"unknown field of [[{block.kind}]]; allowed: {', '.join(sorted(allowed))}")
    if not isinstance(d.get("about"), str) or not d["about"].strip():
        bad("about", "say which table of which paper this checks, e.g. about = \"Thesis table 3-2: ...\"")
    table = d.get("table")
    if table not in RECORD_TABLES or table not in ("trade_figures", "indicators"):
        bad("table", "table must be trade_figures or indicators")
        return 0
    expect = d.get("expect", "consistent")
    if expect not in ("consistent", "inconsistent"):
        bad("expect", f"expect is \"consistent\" (the default) or \"inconsistent\", not {expect!r}")
        return 0
    if expect == "inconsistent" and not (isinstance(d.get("reason"), str) and d["reason"].strip()):
        bad("reason", "a check expected to fail needs the reason: which printed figures disagree")
    rows = d.get("rows", [[]])
    if not isinstance(rows, list) or not all(isinstance(r, list) and all(isinstance(c, str) for c in r) for r in rows):
        bad("rows", "rows is a list of lists of text, the values filled into {0}, {1}... of the id templates")
        return 0
    templates = {k: d.get(k) for k in KINDS[block.kind]}
    if block.kind == "shares" and (not isinstance(templates["part"], str) or not isinstance(templates["share"], str)):
        bad("", "[[shares]] needs `part` and `share` (id templates) and may give `total`")
        return 0
    if block.kind == "sum" and (not isinstance(templates["parts"], list) or not templates["parts"] or "total" not in d):
        bad("", "[[sum]] needs `parts` (a list of id templates) and `total` (an id template, or a number such as 100)")
        return 0
    if block.kind == "at_most" and (not isinstance(templates["part"], str) or not isinstance(templates["whole"], str)):
        bad("", "[[at_most]] needs `part` and `whole` (id templates): the part cannot exceed the whole")
        return 0
    records = index.get(table, {})
    implied: list[tuple[float, float, int, str]] = []  # shares without a total: the total each row implies
    implied_rows: list[Row] = []
    for i, cells in enumerate(rows):
        line = block.row_lines[i] if i < len(block.row_lines) else block.line_of("rows")

        def get(template):
            try:
                rid = template.format(*cells)
            except (IndexError, KeyError, ValueError):
                bad("rows", f"row {i + 1} does not fill the id template {template!r}", line)
                return None
            row = records.get(rid)
            if row is None:
                bad("rows", f"no {table} record has id {rid!r}", line)
            return row

        if block.kind == "shares":
            part, share = get(templates["part"]), get(templates["share"])
            total = get(templates["total"]) if isinstance(templates["total"], str) else None
            if part is None or share is None or (templates["total"] is not None and total is None):
                continue
            if share.data["unit"] != "percent":
                bad("rows", f"{_id(share)} is in {share.data['unit']}, not percent: it cannot be a share", line)
                continue
            p, s = _interval(part), _interval(share)
            if total is None:
                implied.append((p[0] / s[1] * 100, p[1] / s[0] * 100 if s[0] > 0 else float("inf"), line, f"{_id(part)} / {_id(share)}"))
                implied_rows += [part, share]
                continue
            if not _same_unit(part, total, bad, line):
                continue
            t = _interval(total)
            got = (p[0] / t[1] * 100, p[1] / t[0] * 100 if t[0] > 0 else float("inf"))
            ok = _meet(got, s)
            members = (part, share, total)
            pv, tv = part.number(), total.number()
            what = (f"{_id(part)} / {_id(total)} = {_fmt(pv / tv * 100 if tv else float('nan'))}% "
                    f"({_fmt(pv)} / {_fmt(tv)} {total.data['unit']}), but {_id(share)} prints {share.data['value_stated']}")
        elif block.kind == "at_most":
            part, whole = get(templates["part"]), get(templates["whole"])
            if part is None or whole is None or not _same_unit(part, whole, bad, line):
                continue
            ok = _interval(part)[0] <= _interval(whole)[1] * (1 + EPSILON)
            members = (part, whole)
            what = f"{_id(part)} = {_fmt(part.number())} exceeds {_id(whole)} = {_fmt(whole.number())} {whole.data['unit']}"
        else:
            parts = [get(t) for t in templates["parts"]]
            total_t = templates["total"]
            if isinstance(total_t, (int, float)) and not isinstance(total_t, bool):
                t = (float(total_t), float(total_t))
                total_name, total_unit = _fmt(float(total_t)), None
            elif isinstance(total_t, str):
                total = get(total_t)
                if total is None:
                    continue
                t, total_name, total_unit = _interval(total), _id(total), total.data["unit"]
            else:
                bad("total", "total is an id template or a number")
                return 0
            if any(p is None for p in parts):
                continue
            units = {p.data["unit"] for p in parts} | ({total_unit} if total_unit else set())
            if len(units) > 1:
                bad("rows", f"parts and total are in different units ({', '.join(sorted(units))}): a sum needs one unit", line)
                continue
            intervals = [_interval(p) for p in parts]
            got = (sum(a for a, _ in intervals), sum(b for _, b in intervals))
            ok = _meet(got, t)
            members = (*parts, total) if isinstance(total_t, str) else tuple(parts)
            what = f"{' + '.join(_id(p) for p in parts)} = {_fmt(sum(p.number() for p in parts))}, but {total_name} is {_fmt((t[0] + t[1]) / 2)}"
        _verdict(ok, expect, what, bad, line)
        if expect == "inconsistent" and not ok:
            proven.update((table, _id(r)) for r in members)
    if implied:
        low, high = max(a for a, _, _, _ in implied), min(b for _, b, _, _ in implied)
        ok = low <= high * (1 + EPSILON)
        what = ("the shares imply different totals: "
                + "; ".join(f"{name} -> {_fmt((a + b) / 2)}" for a, b, _, name in implied[:6]) + ("; ..." if len(implied) > 6 else ""))
        _verdict(ok, expect, what, bad, implied[0][2])
        if expect == "inconsistent" and not ok:
            proven.update((table, _id(r)) for r in implied_rows)
    return len(rows)


def _verdict(ok: bool, expect: str, what: str, bad, line: int) -> None:
    if expect == "consistent" and not ok:
        bad("rows", f"disagree beyond rounding: {what}", line)
    elif expect == "inconsistent" and ok:
        bad("expect", "declared inconsistent, but the figures agree within rounding: remove expect/reason (was a record corrected?)", line)


def _same_unit(part: Row, total: Row, bad, line: int) -> bool:
    if part.data["unit"] != total.data["unit"]:
        bad("rows", f"{_id(part)} is in {part.data['unit']} but {_id(total)} in {total.data['unit']}: a share needs one unit", line)
        return False
    return True


def _interval(row: Row) -> tuple[float, float]:
    """The values the printed figure may stand for: its value plus or minus half a unit of its last digit."""
    value = row.number()
    half = value_precision(row.data["value_stated"], value)
    return value - half, value + half


def value_precision(stated: str, value: float) -> float:
    """Half a unit of the last printed digit of the (first) number in ``stated``, in the unit of ``value``."""
    m = _NUMBER.search(stated)
    if m is None:
        return 0.0
    printed = Decimal(m.group().rstrip(",").replace(",", ""))
    if printed == 0:
        return 0.0
    exponent = printed.as_tuple().exponent
    assert isinstance(exponent, int)
    return float(Decimal(5) * Decimal(10) ** (exponent - 1)) * abs(value / float(printed))


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    slack = EPSILON * max(abs(a[1]), abs(b[1]), 1.0)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _id(row: Row) -> str:
    return row.data[TABLES[row.table].id_column]


def _fmt(x: float) -> str:
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"

