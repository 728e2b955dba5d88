"""Every conflict set has a verdict: each of its records an assessment, at most one preferred, and a set
without a preferred record says why in every note. An assessment outside a conflict set is an error."""

from __future__ import annotations

from eurasia_data.facts import UNRESOLVED
from eurasia_data.tables import TABLES

from .checks import label
from .errors import Problems
from .records import Row


def conflict_sets(rows: dict[str, Row]) -> list[list[str]]:
    """Connected groups of record ids linked by conflicts_with (each sorted; only groups of two or more)."""
    seen: set[str] = set()
    groups = []
    for rid in sorted(rows):
        if rid in seen or not rows[rid].data.get("conflicts_with"):
            continue
        group, todo = set(), [rid]
        while todo:
            x = todo.pop()
            if x in group or x not in rows:
                continue
            group.add(x)
            todo += rows[x].data.get("conflicts_with") or []
        seen |= group
        if len(group) > 1:  # a link to a missing record is reported by checks.check
            groups.append(sorted(group))
    return groups


def check_verdicts(index: dict[str, dict[str, Row]], problems: Problems) -> None:
    def bad(row: Row, message: str) -> None:
        problems.add(row.file, row.field_lines.get("assessment", row.field_lines.get("id", row.line)), label(row), "assessment", message)

    for table, rows in index.items():
        if table not in TABLES or "assessment" not in _fields(table):
            continue
        in_sets: set[str] = set()
        for group in conflict_sets(rows):
            in_sets |= set(group)
            preferred = [r for r in group if rows[r].data.get("assessment") == "preferred"]
            for rid in group:
                row = rows[rid]
                others = ", ".join(r for r in group if r != rid)
                if row.data.get("assessment") is None:
                    bad(row, f"in a conflict set with {others}: give assessment = \"preferred\", \"alternative\" or \"likely_error\" and the reason in the note")
                elif not preferred and UNRESOLVED not in (row.data.get("note") or ""):
                    bad(row, f"no record of its conflict set ({others}) is preferred: say why in every note of the set, starting with \"{UNRESOLVED}:\", or make one preferred")
            for rid in preferred[1:]:
                bad(rows[rid], f"its conflict set already has a preferred record ({preferred[0]}): only one may be preferred")
        for rid, row in rows.items():
            if rid not in in_sets and row.data.get("assessment") is not None:
                bad(row, "an assessment is a verdict within a conflict set, but this record conflicts with none: remove it, or list the other record in conflicts_with")


def _fields(table: str) -> dict:
    from eurasia_data import models

    return getattr(models, TABLES[table].model).model_fields
