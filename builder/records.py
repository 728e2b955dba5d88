"""Turn raw blocks into table rows: expand dates, tables and amounts, then validate each row's model.

Every problem is recorded with the raw file, line, record and the *raw* field name the curator wrote.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from eurasia_data import models
from eurasia_data.tables import RECORD_TABLES, TABLES

from .actors import enrich_actor
from . import units
from .amounts import AmountError, parse_amount, parse_period, parse_qualifier
from .dates import parse_partial_date
from .errors import Problems, brief
from .measures import default_measure, measure_problems
from .rawfile import Block, RawFile

KIND_TO_TABLE = {t.raw_kind: t.name for t in TABLES.values()}
SPECIAL_KINDS = {"table", "evidence"}

# Raw key -> column, where they differ (besides `id`, `date`, `end_date`, `evidence`).
RENAMES = {
    "agreement_events": {"agreement": "agreement_id"},
    "pipeline_events": {"pipeline": "pipeline_id"},
    "memberships": {"org": "org_id", "member": "member_id"},
    "trade_figures": {"reporter": "reporter_id", "partner": "partner_id"},
    "indicators": {"actor": "actor_id"},
}
_DATE_PARTS = "is filled from `date` / `end_date`: write date = \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\""
_PARSED = "is derived by the build from the stated text: remove it"
DERIVED = {k: _DATE_PARTS for k in ("year", "month", "day", "date_precision", "end_year", "end_month", "end_day",
                                     "date_min", "date_max", "end_date_min", "end_date_max")} | {
    "source_ids": "is derived from the evidence quotes: remove it",
    "length_km": _PARSED, "capacity": _PARSED, "capacity_unit": _PARSED, "cost_usd": _PARSED, "unit": _PARSED,
    "qualifier": _PARSED, "troops": "is derived by the build from troops_stated (the personnel as the paper writes it): write troops_stated",
    "troops_qualifier": _PARSED, "parties_derived": "is set by the build when it derives an SCO document's parties: remove it",
}
CAPACITY_UNITS = {"m3/yr": ("bcm/yr", 1e-9), "t/yr": ("Mt/yr", 1e-6), "bbl/d": ("bbl/d", 1), "bbl/yr": ("bbl/yr", 1), "m3/d": ("m3/d", 1)}


@dataclass
class Quote:
    """One evidence quote as curated, before it is located in its paper."""

    table: str
    record_id: str
    source_id: str
    quote: str
    file: str
    line: int
    separate: bool = False  # from an [[evidence]] block, so its record may be missing
    pin: int | None = None  # the curator's line hint: which occurrence of a repeated quote is meant
    pin_line: int = 0  # raw line of that hint
    supports: tuple[str, ...] = ()  # fields the curator says it supports ("!field": a computed support that is wrong)
    primary: bool = False  # the curator's choice of the record's primary quote


PRINTED = "_printed"  # where _derive hands a contradicted figure's printed number to its Row


@dataclass
class Row:
    """A validated row plus where it came from."""

    table: str
    data: dict
    file: str
    line: int
    field_lines: dict[str, int]
    stated: list[tuple[str, str]] = field(default_factory=list)  # (raw field, text) that must be in a quote
    printed: float | None = None  # a contradicted figure's printed number, which the consistency checks test

    def number(self) -> float:
        """The figure's value, or for a contradicted one the printed number (what its checks are about)."""
        return self.data["value"] if self.data["value"] is not None else self.printed


@dataclass
class Collected:
    rows: list[Row] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    curated_spellings: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)  # (actor id, name a curator wrote) -> where


def collect(files: list[RawFile], problems: Problems) -> Collected:
    out = Collected()
    for f in files:
        default_source = f.defaults.get("source")
        for key in f.defaults:
            if key != "source":
                problems.add(f.path, f.default_lines.get(key, 1), "", key, "unknown top-level key (only `source` may stand before the first block)")
        for block in f.blocks:
            if block.kind == "evidence":
                _extra_evidence(block, default_source, out, problems)
            elif block.kind == "table":
                _table(block, default_source, out, problems)
            elif block.kind in KIND_TO_TABLE:
                _record(block, block.data, KIND_TO_TABLE[block.kind], default_source, out, problems)
            else:
                known = ", ".join(sorted(set(KIND_TO_TABLE) | SPECIAL_KINDS))
                problems.add(f.path, block.line, "", "", f"unknown block [[{block.kind}]]; known blocks: {known}")
    return out


def _record(block: Block, raw: dict, table: str, default_source, out: Collected, problems: Problems, row_line: int | None = None) -> None:
    spec = TABLES[table]
    cited = table in RECORD_TABLES  # a curated fact (not a source or an actor): dated, with evidence
    rid = raw.get("id")
    label = f"{table}[{rid}]" if isinstance(rid, str) else f"{table}[#{block.line}]"

    def where(key: str) -> int:
        return row_line or block.line_of(key)

    def bad(key: str, message: str) -> None:
        problems.add(block.file, where(key), label, key, message)

    data: dict = {}
    stated: list[tuple[str, str]] = []
    renames = RENAMES.get(table, {})
    quotes: list[tuple[str, str]] = []
    ok = evidence_well_formed = True
    for key, value in raw.items():
        if key in DERIVED and cited:
            bad(key, DERIVED[key])
            ok = False
        elif key == "id":
            data[spec.id_column] = value
        elif key in ("date", "end_date") and cited:
            prefix = "" if key == "date" else "end_"
            try:
                y, m, d, precision = parse_partial_date(value)
            except ValueError as e:
                bad(key, str(e))
                ok = False
                continue
            data.update({f"{prefix}year": y, f"{prefix}month": m, f"{prefix}day": d})
            if key == "date":
                data["date_precision"] = precision
        elif key == "evidence" and cited:
            if not isinstance(value, list):
                bad(key, "evidence must be a list of quotes, e.g. evidence = [\"...\"]")
                ok = False
                evidence_well_formed = False
                continue
            for item in value:
                if isinstance(item, str):
                    quotes.append((default_source, item, None))
                elif isinstance(item, dict) and set(item) <= EVIDENCE_ITEM_KEYS and isinstance(item.get("quote"), str):
                    extra = _item_extras(item, lambda message: bad(key, message))
                    if extra is None:
                        ok = False
                        continue
                    quotes.append((item.get("source", default_source), item["quote"], extra))
                else:
                    bad(key, f"an evidence item must be a quote string or {{ source = ..., quote = ..., line = N, supports = [...], primary = true }}, not {item!r}")
                    ok = False
        else:
            data[renames.get(key, key)] = value
    if cited:
        if not quotes and evidence_well_formed:
            bad("evidence", "every record needs at least one evidence quote")
        for source, text, extra in quotes:
            if not isinstance(source, str):
                bad("evidence", "quote has no source: set `source = ...` at the top of the file or in the quote")
                continue
            out.quotes.append(Quote(table, rid if isinstance(rid, str) else "", source, text, block.file, where("evidence"),
                                    pin_line=where("evidence"), **(extra or {})))
        data["source_ids"] = sorted({s for s, _, _ in quotes if isinstance(s, str)})
    if table == "actors":
        if isinstance(rid, str):
            aliases = raw.get("aliases")
            written = [raw.get(k) for k in ("name_en", "name_zh_hant", "name_zh_hans")] + (aliases if isinstance(aliases, list) else [])
            for w in written:
                if isinstance(w, str):
                    out.curated_spellings.setdefault((rid, w), (block.file, where("aliases") if isinstance(aliases, list) and w in aliases else where("id")))
        enrich_actor(data)
    ok = _derive(table, data, stated, bad) and ok
    model = getattr(models, spec.model)
    printed = data.pop(PRINTED, None)
    try:
        obj = model.model_validate(data)
    except ValidationError as e:
        inverse = {v: k for k, v in renames.items()} | {spec.id_column: "id"}
        for err in e.errors():
            col = str(err["loc"][0]) if err["loc"] else ""
            key = inverse.get(col, col)
            if cited and (key.startswith(("year", "month", "day", "date_precision")) or key.startswith("end_")):
                key = "end_date" if key.startswith("end_") else "date"
            if cited and not err["loc"] and "date" in err["msg"]:
                key = "end_date" if "end" in err["msg"] else "date"
            if key == "source_ids":
                continue  # derived from the evidence, whose problem is reported on its own
            bad(key, _plain(err, model))
        return
    if not ok:
        return
    out.rows.append(Row(table, obj.model_dump(), block.file, row_line or block.line, block.field_lines if row_line is None else {}, stated, printed))


EVIDENCE_ITEM_KEYS = {"source", "quote", "line", "supports", "primary"}


def _item_extras(item: dict, bad) -> dict | None:
    """The optional keys of an evidence item (line hint, supports, primary) checked; None when one is wrong."""
    out: dict = {}
    pin = item.get("line")
    if pin is not None:
        if not isinstance(pin, int) or isinstance(pin, bool) or pin < 1:
            bad(f"`line` of an evidence item is the line of the paper where the quote stands (a positive integer), not {pin!r}")
            return None
        out["pin"] = pin
    supports = item.get("supports")
    if supports is not None:
        if not isinstance(supports, list) or not all(isinstance(s, str) and s.lstrip("!") for s in supports):
            bad(f"`supports` is a list of field names such as [\"date\", \"parties\"] (\"!field\" to remove one), not {supports!r}")
            return None
        out["supports"] = tuple(supports)
    primary = item.get("primary")
    if primary is not None:
        if not isinstance(primary, bool):
            bad(f"`primary` is true or false, not {primary!r}")
            return None
        out["primary"] = primary
    return out


def _derive(table: str, data: dict, stated: list, bad) -> bool:
    """Fill normalised values from stated text; False when a stated value cannot be read."""
    ok = True

    def words(key: str, parse, example: str = "the paper's words in quotes"):
        """Text of the paper (a stated amount, period or qualifier) that must be in a quote, parsed."""
        nonlocal ok
        text = data.get(key)
        if text is None:
            return None
        if not isinstance(text, str):
            bad(key, f"must be {example}, not {text!r}")
            ok = False
            return None
        try:
            result = parse(text)
        except AmountError as e:
            bad(key, str(e))
            ok = False
            return None
        stated.append((key, text))
        if key == "value_stated" and isinstance(data.get("unit_stated"), str):
            stated.append(("unit_stated", data["unit_stated"]))  # a header's unit multiplies the value: it must be printed too
        return result

    def amount(key: str, *unit_keys: str):
        nonlocal ok
        units = [data.get(k) for k in unit_keys if isinstance(data.get(k), str)]
        if len(units) > 1 and data.get(key) is not None:
            bad(unit_keys[1], "give unit_stated (printed in the paper) or unit_assumed (not printed), not both")
            ok = False
            return None
        return words(key, lambda text: parse_amount(text, units[0] if units else None), 'text as the paper writes it, e.g. "4,000億美元"')

    if table == "exercises":
        if (a := amount("troops_stated")) is not None:
            if a.unit != "persons" or a.value != int(a.value):
                bad("troops_stated", f"personnel must be a whole number of persons (人, 名, 位), not {a.unit}")
                ok = False
            else:
                data["troops"], data["troops_qualifier"] = int(a.value), a.qualifier
    elif table == "pipelines":
        for key in ("length_stated", "capacity_stated", "cost_stated"):
            text = data.get(key)
            if isinstance(text, str):
                try:
                    qualified = parse_amount(text).qualifier
                except AmountError:
                    continue  # reported below
                if qualified:
                    bad(key, f"{text!r} is approximate ({qualified}) and pipelines have no qualifier column: quote the exact amount or add one")
                    ok = False
        if (a := amount("length_stated")) is not None:
            if a.unit != "km":
                bad("length_stated", f"a length must be in 公里 (km), not {a.unit}")
                ok = False
            data["length_km"] = a.value
        period = data.pop("capacity_period", "year")
        if period not in ("year", "day"):
            bad("capacity_period", f"{brief(period)} is not allowed: must be 'year' or 'day'")
            ok = False
        if (a := amount("capacity_stated")) is not None:
            unit = a.unit if "/" in a.unit else a.unit + {"year": "/yr", "day": "/d"}.get(period, "?")
            if unit not in CAPACITY_UNITS:
                bad("capacity_stated", f"a capacity must be a volume or mass per year or day, not {unit}")
                ok = False
            else:
                data["capacity_unit"], factor = CAPACITY_UNITS[unit]
                data["capacity"] = round(a.value * factor, 9)
        if (a := amount("cost_stated")) is not None:
            data["cost_usd"] = a.value if a.unit == "USD" else None
    elif table in ("trade_figures", "indicators"):
        given = data.pop("value", None)
        if not _reading_declared(data, bad):
            data.setdefault("measure", "level")  # placeholder: the row is rejected, its other fields still checked
            data["value"], data["unit"] = _placeholder(data), "?"  # placeholders: the row is rejected, its other fields still checked
            return False
        a = amount("value_stated", "unit_read") if data.get("unit_read") else amount("value_stated", "unit_stated", "unit_assumed")
        if "value_stated" not in data or a is None:
            # placeholders: the row is rejected (the model reports a missing value_stated), other fields still checked
            data.setdefault("measure", "level")
            data["value"], data["unit"] = _placeholder(data), "?"
            return ok and a is not None
        data["value"], data["unit"], data["qualifier"] = a.value, a.unit, a.qualifier
        if (per := words("period_stated", parse_period)) is not None:
            if data["unit"].endswith(("/yr", "/d")):
                bad("period_stated", f"value_stated already gives the period ({data['unit']}): remove period_stated")
                ok = False
            else:
                data["unit"] += per
        if (q := words("qualifier_stated", parse_qualifier)) is not None or "qualifier_stated" in data:
            if a.qualifier is not None:
                bad("qualifier_stated", f"value_stated already has a qualifier ({a.qualifier}): remove qualifier_stated")
                ok = False
            elif q is None and ok:
                bad("qualifier_stated", f"{data['qualifier_stated']!r} qualifies nothing (達, 共, 僅 are not qualifiers): remove it")
                ok = False
            data["qualifier"] = q
        if data.get("measure") is None:
            data["measure"] = default_measure(table, data)
            if data["measure"] is None:
                bad("measure", f"write measure: a {data['unit']} figure is a share, a growth_rate or a ratio (see the codebook)")
                data["measure"] = "level"  # placeholder: the row is rejected, its other fields still checked
                return False
        if isinstance(data.get("measure"), str):
            for key, message in measure_problems(data):
                bad(key, message)
                ok = False
        if isinstance(data.get("measure"), str) and (why := units.check(table, data, data["value"], data["unit"])) is not None:
            bad("value_stated", why)
            ok = False
        if given is not None:
            if isinstance(given, bool) or not isinstance(given, (int, float)):
                bad("value", f"must be a number, not {given!r}")
                return False
            if data.get("reading") == "contradicted":
                bad("value", "a contradicted figure has no value: the build leaves it empty and keeps value_stated")
                return False
            if not math.isclose(given, a.value, rel_tol=1e-9):
                bad("value", f"{given!r} does not match value_stated {data['value_stated']!r}, which means {_number(a.value)} {a.unit}")
                return False
        if data.get("reading") == "contradicted":
            data[PRINTED], data["value"] = data["value"], None
    return ok


def _placeholder(data: dict) -> float | None:
    """A rejected figure's stand-in value, so that its other fields are still checked without a false error."""
    return None if data.get("reading") == "contradicted" else 0.0


def _reading_declared(data: dict, bad) -> bool:
    """`reading` agrees with the units given: corrected goes with unit_read, assumed with unit_assumed."""
    reading = data.get("reading")
    if data.get("unit_read") is not None:
        if data.get("unit_assumed") is not None:
            bad("unit_read", "give unit_read (the printed unit is wrong) or unit_assumed (no unit printed), not both")
            return False
        if reading != "corrected":
            bad("unit_read", 'a unit read instead of the printed one is a correction: add reading = "corrected" and the evidence in the note')
            return False
        if not data.get("unit_stated"):
            bad("unit_read", "unit_read replaces a printed table unit: give the printed one as unit_stated")
            return False
    elif reading == "corrected":
        bad("reading", 'reading = "corrected" needs unit_read, the unit the value is read in (e.g. unit_read = "百萬美元")')
        return False
    if data.get("unit_assumed") is not None:
        if reading not in (None, "assumed"):
            bad("reading", f'unit_assumed means the paper prints no unit: reading is "assumed", not {reading!r}')
            return False
        data["reading"] = "assumed"
    elif reading == "assumed":
        bad("reading", 'reading = "assumed" needs unit_assumed, the unit the curator reads the value in')
        return False
    if data.get("reading") in ("corrected", "assumed", "contradicted") and not data.get("note"):
        bad("note", f"a {data['reading']} reading needs a note giving the reason")
        return False
    return True


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def _bounds(model, column: str) -> dict:
    """The ge / gt / le / lt bounds a model puts on a field."""
    info = model.model_fields.get(column) if model is not None else None
    out = {}
    for m in getattr(info, "metadata", []):
        for k in ("ge", "gt", "le", "lt"):
            if getattr(m, k, None) is not None:
                out[k] = getattr(m, k)
    return out


def _plain(err: dict, model=None) -> str:
    """A pydantic error in a curator's words."""
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        return "unknown field (see raw/README.md for the fields of this block)"
    if kind == "missing":
        return "required field is missing"
    if kind == "string_pattern_mismatch":
        pattern = err.get("ctx", {}).get("pattern", "")
        if "a-z0-9]+(-" in pattern:
            return f"{value!r} is not a valid id: use lower-case letters, digits and '-' (e.g. cst-1992)"
        if "bilateral" in pattern:
            return f"{value!r} is not a framework: use an organisation id (SCO, CSTO...) or bilateral / multilateral / national"
        return f"{value!r} is not an actor id: use an id from raw/actors.toml (RUS, SCO, putin_vladimir...)"
    if kind == "literal_error":
        return f"{value!r} is not allowed: must be one of {err['ctx']['expected']}"
    if kind in ("list_type",):
        return f"must be a list such as [\"RUS\", \"CHN\"], not {value!r}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {value!r}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, not {value!r}"
    if kind in ("string_type",):
        return f"must be text in quotes, not {value!r}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bounds = {k: v for k, v in err.get("ctx", {}).items()} | _bounds(model, str(err["loc"][0]) if err["loc"] else "")
        lo, hi = bounds.get("ge", bounds.get("gt")), bounds.get("le", bounds.get("lt"))
        if hi is None or hi >= models.MAX_COUNT:
            if kind.startswith("greater") and lo == 0:
                return f"must not be negative (got {value!r})"
            if kind.startswith("greater"):
                return f"must be at least {lo} (got {value!r})"
            return f"is too large: at most {hi:,} (got {value!r})"
        return f"must be within {lo}–{hi} (got {value!r})"
    return err["msg"].removeprefix("Value error, ")


# Keys a [[table]] fills itself for every row; set anywhere else they would be overwritten unseen.
_TABLE_OWNED = {"id": "the table's `id` template", "evidence": "the table's `evidence` and each row's `quote` column"}
_TEMPLATE = re.compile(r"\{(\w+)\}")


def _table(block: Block, default_source, out: Collected, problems: Problems) -> None:
    t = block.data
    allowed = {"of", "id", "defaults", "evidence", "columns", "rows", "source"}
    for key in t:
        if key not in allowed:
            problems.add(block.file, block.line_of(key), "table", key, f"unknown field of [[table]]; allowed: {', '.join(sorted(allowed))}")
    kind, template, columns, rows = t.get("of"), t.get("id"), t.get("columns"), t.get("rows")
    if not isinstance(kind, str) or kind not in KIND_TO_TABLE or kind in ("source", "actor", "evidence"):
        problems.add(block.file, block.line_of("of"), "table", "of", f"`of` must name a record kind such as indicator or trade_figure, not {brief(kind)}")
        return
    shapes = {"id": (str, "an id template in quotes, e.g. \"t3-2-{actor}-{date}\""), "columns": (list, "a list of column names"),
              "rows": (list, "a list of rows, each a list of cells"), "defaults": (dict, "an inline table, e.g. { indicator = \"gdp\" }"),
              "evidence": (list, "a list of quotes, e.g. [\"表 3-2 ...\"]"), "source": (str, "a source id in quotes")}
    wrong = False
    for key, (kind_of, what) in shapes.items():
        if key in t and not isinstance(t[key], kind_of):
            problems.add(block.file, block.line_of(key), "table", key, f"must be {what}, not {brief(t[key])}")
            wrong = True
    for key in ("id", "columns", "rows"):
        if key not in t:
            problems.add(block.file, block.line, "table", key, "a [[table]] needs `id` (a template), `columns` and `rows`")
            wrong = True
    if wrong:
        return
    if not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns) or not columns:
        problems.add(block.file, block.line_of("columns"), "table", "columns", f"columns must be distinct names in quotes, not {brief(columns)}")
        return
    if not rows:
        problems.add(block.file, block.line_of("rows"), "table", "rows", "a [[table]] without rows adds nothing: give its rows or remove it")
        return
    defaults = t.get("defaults", {})
    clashes = [("defaults", block.line_of("defaults"), k) for k in defaults if k in _TABLE_OWNED]
    clashes += [("columns", block.line_of("columns"), k) for k in columns if k in _TABLE_OWNED]
    for key, line, name in clashes:
        problems.add(block.file, line, "table", key, f"`{name}` cannot be set in {key}: it comes from {_TABLE_OWNED[name]}")
    if clashes:
        return
    source = t.get("source", default_source)
    shared = t.get("evidence", [])
    for i, row in enumerate(rows):
        row_line = block.row_lines[i] if i < len(block.row_lines) else block.line_of("rows")
        extra = row[-1] if isinstance(row, list) and len(row) == len(columns) + 1 and isinstance(row[-1], dict) else {}
        if not isinstance(row, list) or len(row) != len(columns) + bool(extra):
            problems.add(block.file, row_line, "table", "rows", f"row {i + 1} has {len(row) if isinstance(row, list) else 'no'} cells for {len(columns)} columns")
            continue
        if owned := sorted(set(extra) & set(_TABLE_OWNED)):
            problems.add(block.file, row_line, "table", "rows", f"`{owned[0]}` cannot be set in a row's own fields: it comes from {_TABLE_OWNED[owned[0]]}")
            continue
        cells = dict(zip(columns, row)) | extra  # a trailing inline table holds this row's own extra fields
        own = cells.pop("quote", None)
        raw = dict(defaults) | cells
        try:
            raw["id"] = _TEMPLATE.sub(lambda m: str(raw[m.group(1)]).lower(), template).replace("_", "-")
        except KeyError as e:
            problems.add(block.file, row_line, "table", "id", f"the id template uses {e.args[0]!r}, which this row does not have")
            continue
        quotes = [{"source": source, "quote": q} if isinstance(q, str) else q for q in shared]
        if own is not None:
            quotes.append({"source": source, "quote": own})
        raw["evidence"] = quotes
        _record(block, raw, KIND_TO_TABLE[kind], source, out, problems, row_line=row_line)


def _extra_evidence(block: Block, default_source, out: Collected, problems: Problems) -> None:
    e = block.data
    for key in e:
        if key not in ("table", "record") and key not in EVIDENCE_ITEM_KEYS:
            problems.add(block.file, block.line_of(key), "evidence", key, "unknown field of [[evidence]]; allowed: table, record, source, quote, line, supports, primary")
    table, record, quote = e.get("table"), e.get("record"), e.get("quote")
    source = e.get("source", default_source)
    label = f"evidence[{table}/{record}]" if isinstance(table, str) and isinstance(record, str) else f"evidence[#{block.line}]"
    if not isinstance(table, str) or table not in RECORD_TABLES:
        problems.add(block.file, block.line_of("table"), label, "table", f"`table` must be one of {', '.join(RECORD_TABLES)}")
        return
    wrong = False
    for key, value in (("record", record), ("quote", quote), ("source", source)):
        if not isinstance(value, str):
            what = "required field is missing" if value is None else f"must be text in quotes, not {brief(value)}"
            problems.add(block.file, block.line_of(key), label, key, what + (" (here or at the top of the file)" if key == "source" and value is None else ""))
            wrong = True
    if wrong:
        return
    failed: list[str] = []
    extra = _item_extras(e, failed.append)
    if extra is None:
        key = next(k for k in ("line", "supports", "primary") if k in failed[0] or k == "primary")
        problems.add(block.file, block.line_of(key), label, key, failed[0].replace("of an evidence item ", ""))
        return
    out.quotes.append(Quote(table, record, source, quote, block.file, block.line_of("quote"), separate=True,
                            pin_line=block.line_of("line") if "pin" in extra else 0, **extra))
