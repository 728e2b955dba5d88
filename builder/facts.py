"""Checks of facts across records: what each record says must fit what the others say.

Errors for what no paper can mean (trade of a state with itself, a membership in a state, a record in
conflict with itself, a party listed twice); findings to acknowledge in raw/acknowledged.toml for what a
paper might really print (an event dated before its agreement, the same instrument under two ids, a
spelling two actors share).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from eurasia_data import models
from eurasia_data.tables import RECORD_TABLES, TABLES

from .acks import Finding
from .errors import Problems
from .records import RENAMES, Collected, Quote, Row

RAW = {column: raw for renames in RENAMES.values() for raw, column in renames.items()}
# Lists whose order means something and where only a repeat next to itself is wrong (A, A).
ORDERED = {("pipelines", "route")}
# Columns that must name an organisation (not a state or a person).
ORGANISATIONS = {("memberships", "org_id"), ("agreements", "framework"), ("exercises", "framework")}
# Fields that never make two records different facts.
NOT_THE_FACT = {"note", "conflicts_with", "source_ids", "assessment"}
# A later event of an agreement dated before it: (event table, its reference column, the referenced table).
LATER_EVENTS = [("agreement_events", "agreement_id", "agreements")]


def _key(row: Row) -> str:
    return row.data[TABLES[row.table].id_column]


def _label(row: Row) -> str:
    return f"{row.table}[{_key(row)}]"


def _line(row: Row, column: str) -> int:
    return row.field_lines.get(RAW.get(column, column), row.line)


def check(collected: Collected, index: dict[str, dict[str, Row]], problems: Problems) -> list[Finding]:
    findings: list[Finding] = []
    actors = index.get("actors", {})
    for row in collected.rows:
        if row.table not in RECORD_TABLES:
            continue
        _lists(row, problems)
        rid = _key(row)
        if rid in (row.data.get("conflicts_with") or []):
            problems.add(row.file, _line(row, "conflicts_with"), _label(row), "conflicts_with", "a record cannot conflict with itself")
        for table, column in ORGANISATIONS:
            actor = actors.get(row.data.get(column)) if row.table == table else None
            if actor is not None and actor.data["kind"] not in ("organization", "initiative"):
                problems.add(row.file, _line(row, column), _label(row), RAW.get(column, column),
                             f"{row.data[column]!r} is a {actor.data['kind']}, not an organisation")
        if row.table == "memberships" and row.data["org_id"] == row.data["member_id"]:
            problems.add(row.file, _line(row, "member_id"), _label(row), "member", "an organisation cannot be its own member")
        if row.table == "trade_figures" and row.data.get("partner_id") == row.data["reporter_id"]:
            problems.add(row.file, _line(row, "partner_id"), _label(row), "partner",
                         "a state does not trade with itself: leave `partner` out for trade with the world")
    findings += _events_before(index)
    findings += _copies(collected, index)
    findings += _ambiguous_spellings(actors, collected.curated_spellings)
    return findings


def _lists(row: Row, problems: Problems) -> None:
    """No list names the same thing twice (an ordered list such as a route: not twice in a row)."""
    model = getattr(models, TABLES[row.table].model)
    for column, info in model.model_fields.items():
        values = row.data.get(column)
        if not models.field_kind(info.annotation)[1] or not isinstance(values, list):
            continue
        if (row.table, column) in ORDERED:
            repeated = sorted({a for a, b in zip(values, values[1:]) if a == b})
        else:
            repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            key = RAW.get(column, column)
            problems.add(row.file, _line(row, column), _label(row), key,
                         f"lists {', '.join(map(repr, repeated))} twice" + (" in a row" if (row.table, column) in ORDERED else ""))


def _date(data: dict) -> tuple:
    return tuple(x for x in (data.get("year"), data.get("month"), data.get("day")) if x is not None)


def _before(a: tuple, b: tuple) -> bool:
    """Is partial date ``a`` certainly before ``b``, at the precision both have?"""
    n = min(len(a), len(b))
    return n > 0 and a[:n] < b[:n]


def _show(date: tuple) -> str:
    return "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(date))


def _events_before(index) -> list[Finding]:
    out = []
    for table, column, target in LATER_EVENTS:
        for row in index.get(table, {}).values():
            parent = index.get(target, {}).get(row.data[column])
            if parent is None:
                continue
            mine, theirs = _date(row.data), _date(parent.data)
            if _before(mine, theirs):
                out.append(Finding("event_before_agreement", table, _key(row), "date", row.file, _line(row, "year"),
                                   f"dated {_show(mine)}, before its {target[:-1].replace('_', ' ')} {_key(parent)!r} ({_show(theirs)})"))
    return out


def _copies(collected: Collected, index) -> list[Finding]:
    """The same fact under two ids: every field but the id (and notes) equal, and a quote in common."""
    quotes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for q in collected.quotes:
        quotes[(q.table, q.record_id)].add("".join(q.quote.split()))
    out = []
    for table in RECORD_TABLES:
        id_column = TABLES[table].id_column
        seen: dict[str, Row] = {}
        for rid, row in sorted(index.get(table, {}).items(), key=lambda kv: (kv[1].file, kv[1].line)):
            fact = repr(sorted((k, repr(v)) for k, v in row.data.items() if k not in NOT_THE_FACT and k != id_column))
            first = seen.get(fact)
            if first is None:
                seen[fact] = row
                continue
            other = _key(first)
            related = other in (row.data.get("conflicts_with") or []) or rid in (first.data.get("conflicts_with") or [])
            if not related and quotes[(table, rid)] & quotes[(table, other)]:
                out.append(Finding("duplicate_record", table, rid, "id", row.file, _line(row, id_column),
                                   f"the same fact as {other!r} ({first.file}:{first.line}), from the same quote: one fact is one record"))
    return out


def fold_name(name: str) -> str:
    """A spelling as resolve() compares it: NFKC, case-folded, Simplified, without spaces."""
    from .actors import to_simplified

    return to_simplified(unicodedata.normalize("NFKC", name).casefold()).replace(" ", "").strip()


def _ambiguous_spellings(actors: dict[str, Row], curated: dict[tuple[str, str], tuple[str, int]]) -> list[Finding]:
    """A spelling two actors share makes resolve() fail for it. Reported when a curator wrote it for one of
    them (raw/actors.toml, raw/aliases.toml), at the line where it was written; names the libraries give two
    actors alike are theirs."""
    owners: dict[str, set[str]] = defaultdict(set)
    written: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)  # spelling -> actor -> where written
    for (actor_id, name), place in curated.items():
        known = written[fold_name(name)].get(actor_id)
        if known is None or place < known:
            written[fold_name(name)][actor_id] = place
    for actor_id, row in actors.items():
        d = row.data
        codes = [c for c in (actor_id, d.get("iso_alpha3"), d.get("abbreviation")) if c and "_" not in c]
        for name in [d["name_en"], d["name_zh_hant"], d["name_zh_hans"], *d["aliases"], *codes]:
            owners[fold_name(name)].add(actor_id)
    out = []
    for spelling, ids in sorted(owners.items()):
        if len(ids) > 1 and spelling and spelling in written:
            first = sorted(ids)[0]
            places = sorted((place, actor_id) for actor_id, place in written[spelling].items())
            (file, line), _ = places[0]
            where = "; ".join(f"{a} at {f}:{n}" for (f, n), a in places)
            out.append(Finding("ambiguous_spelling", "actors", first, f"aliases[{spelling}]", file, line,
                               f"the spelling {spelling!r} names {', '.join(sorted(ids))}: resolve() cannot tell them apart"
                               f" (written for {where})"))
    return out
