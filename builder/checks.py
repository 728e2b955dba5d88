"""Checks across records: unique ids, references to actors, agreements, pipelines and sources,
stated values inside their quotes, and every quote found in its paper (when the papers are given)."""

from __future__ import annotations

from collections import defaultdict

from eurasia_data.tables import TABLES

from .errors import Problems
from .quotes import Paper, quote_key, squeeze
from .records import RENAMES, Collected, Quote, Row

# Columns that hold actor ids, per table (single id or list of ids).
ACTOR_COLUMNS = {
    "agreements": ("parties", "framework"),
    "agreement_events": ("actors",),
    "exercises": ("participants", "host", "framework"),
    "pipelines": ("route",),
    "pipeline_events": ("actors",),
    "memberships": ("org_id", "member_id"),
    "trade_figures": ("reporter_id", "partner_id"),
    "indicators": ("actor_id",),
}
# Column -> table it refers to.
RECORD_REFS = {("agreement_events", "agreement_id"): "agreements", ("pipeline_events", "pipeline_id"): "pipelines"}
RAW_NAMES = {column: raw for renames in RENAMES.values() for raw, column in renames.items()}  # column -> raw key
NOT_ACTORS = {"bilateral", "multilateral", "national"}


def label(row: Row) -> str:
    return f"{row.table}[{row.data.get(TABLES[row.table].id_column)}]"


def check(collected: Collected, problems: Problems) -> dict[str, dict[str, Row]]:
    """Index rows by table and id, reporting duplicates and dangling references."""
    index: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in collected.rows:
        rid = row.data[TABLES[row.table].id_column]
        first = index[row.table].get(rid)
        if first is not None:
            problems.add(row.file, row.field_lines.get("id", row.line), label(row), "id", f"duplicate id: already used at {first.file}:{first.field_lines.get('id', first.line)}")
        else:
            index[row.table][rid] = row
    actors = index.get("actors", {})
    sources = index.get("sources", {})
    for row in collected.rows:
        for col in ACTOR_COLUMNS.get(row.table, ()):
            value = row.data.get(col)
            for actor in value if isinstance(value, list) else [value]:
                if actor is not None and actor not in NOT_ACTORS and actor not in actors:
                    key = RAW_NAMES.get(col, col)
                    problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, f"unknown actor id {actor!r}: add it to raw/actors.toml")
        for (table, col), target in RECORD_REFS.items():
            if row.table == table and row.data[col] not in index.get(target, {}):
                key = RAW_NAMES.get(col, col)
                problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, f"no {target} record has id {row.data[col]!r}")
        for other in row.data.get("conflicts_with", []) or []:
            if other not in index[row.table]:
                problems.add(row.file, row.field_lines.get("conflicts_with", row.line), label(row), "conflicts_with", f"no {row.table} record has id {other!r}")
    for q in collected.quotes:
        if q.source_id not in sources:
            problems.add(q.file, q.line, f"{q.table}[{q.record_id}]", "evidence", f"unknown source {q.source_id!r}: see raw/sources.toml")
        if q.separate and q.record_id not in index.get(q.table, {}):
            problems.add(q.file, q.line, f"evidence[{q.table}/{q.record_id}]", "record", f"no {q.table} record has id {q.record_id!r}")
    return index


def mirror_conflicts(index: dict[str, dict[str, Row]]) -> None:
    """A conflict is stated once, on either record; both records list each other."""
    for rows in index.values():
        for rid, row in rows.items():
            for other in row.data.get("conflicts_with") or []:
                target = rows.get(other)
                if target is not None and rid not in target.data["conflicts_with"]:
                    target.data["conflicts_with"] = sorted(target.data["conflicts_with"] + [rid])


def merge_sources(collected: Collected, index: dict[str, dict[str, Row]]) -> None:
    """A record's source_ids include papers that support it through separate [[evidence]] blocks."""
    for q in collected.quotes:
        row = index.get(q.table, {}).get(q.record_id)
        if row is not None and q.source_id not in row.data["source_ids"]:
            row.data["source_ids"] = sorted(row.data["source_ids"] + [q.source_id])


def check_stated(collected: Collected, problems: Problems) -> None:
    """Every stated value must be written in one of its record's quotes."""
    by_record = defaultdict(list)
    for q in collected.quotes:
        by_record[(q.table, q.record_id)].append(squeeze(q.quote))
    for row in collected.rows:
        quotes = by_record.get((row.table, row.data.get(TABLES[row.table].id_column)), [])
        for key, text in row.stated:
            if not any(squeeze(text) in q for q in quotes):
                problems.add(row.file, row.field_lines.get(key, row.line), label(row), key, f"{text!r} does not appear in any evidence quote of this record")


def locate_quotes(
    quotes: list[Quote], papers: dict[str, Paper] | None, known: dict[tuple[str, str], int], problems: Problems
) -> tuple[list[int | None], dict[tuple[str, str], int]]:
    """Line of every quote: found in the paper when given, else from the verified locations."""
    lines: list[int | None] = []
    verified: dict[tuple[str, str], int] = {}
    for q in quotes:
        key = (q.source_id, quote_key(q.quote))
        where = f"{q.table}[{q.record_id}]"
        if papers is not None and q.source_id in papers:
            line = papers[q.source_id].line_of(q.quote)
            if line is None:
                problems.add(q.file, q.line, where, "evidence", f"quote is not in {q.source_id}: {q.quote[:40]!r}")
            else:
                verified[key] = line
        else:
            line = known.get(key)
            if line is None and papers is None:
                problems.add(q.file, q.line, where, "evidence", f"quote has no verified location: build once with --sources: {q.quote[:40]!r}")
        lines.append(line)
    return lines, verified


def check_released(index: dict[str, dict[str, Row]], path, shown: str, problems: Problems) -> None:
    """Ids in released versions (raw/released_ids.tsv) never disappear, so they can never be reused."""
    if not path.exists():
        return
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        table, rid, version = line.split("\t")
        if table in TABLES and rid not in index.get(table, {}):
            problems.add(shown, number, f"{table}[{rid}]", "id",
                         f"released in {version} and now missing: a released id is never removed or reused; correct the record instead")
