"""Findings a curator accepts on purpose: ``raw/acknowledged.toml``.

A check that reports something a paper might really say (an event dated before its agreement, a
spelling two actors share...) makes a :class:`Finding`. Each finding is an error unless an ``[[ack]]``
with the same ``check``, ``table``, ``record`` and ``field`` gives a reason; an ack that matches no
finding is an error too (stale), so the file never outlives the data it explains.

    [[ack]]
    check = "event_before_agreement"
    table = "agreement_events"
    record = "ev-x"
    field = "date"                  # "" when the finding is about the whole record
    reason = "The paper dates the ratification before the signing; kept as printed."
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import Problems, brief

FIELDS = ("check", "table", "record", "field", "reason")


@dataclass(frozen=True)
class Finding:
    check: str  # name of the check, used by an ack
    table: str
    record: str
    field: str  # raw field name, "" for the whole record
    file: str
    line: int
    message: str

    def key(self) -> tuple[str, str, str, str]:
        return (self.check, self.table, self.record, self.field)


@dataclass(frozen=True)
class Ack:
    check: str
    table: str
    record: str
    field: str
    reason: str
    file: str
    line: int

    def key(self) -> tuple[str, str, str, str]:
        return (self.check, self.table, self.record, self.field)


def read(path: Path, shown: str, problems: Problems) -> list[Ack]:
    """Every well-formed [[ack]] of ``path`` (none when the file does not exist); problems for the rest."""
    from . import rawfile

    if not path.exists():
        return []
    f = rawfile.read(path, shown, problems)
    if f is None:
        return []
    for key in f.defaults:
        problems.add(shown, f.default_lines.get(key, 1), "", key, "unknown top-level key: the file holds only [[ack]] blocks")
    out, seen = [], {}
    for block in f.blocks:
        where = f"ack[{block.data.get('record', '')}]"
        if block.kind != "ack":
            problems.add(shown, block.line, "", "", f"unknown block [[{block.kind}]]: the file holds only [[ack]] blocks")
            continue
        ok = True
        for key in block.data:
            if key not in FIELDS:
                problems.add(shown, block.line_of(key), where, key, f"unknown field of [[ack]]; allowed: {', '.join(FIELDS)}")
                ok = False
        for key in FIELDS:
            value = block.data.get(key)
            if value is None:
                problems.add(shown, block.line, where, key, "required field is missing" + (' (write field = "" for the whole record)' if key == "field" else ""))
                ok = False
            elif not isinstance(value, str) or (key != "field" and not value.strip()):
                problems.add(shown, block.line_of(key), where, key, f"must be text in quotes{'' if key == 'field' else ', not empty'}, not {brief(value)}")
                ok = False
        if not ok:
            continue
        ack = Ack(*(block.data[k].strip() for k in FIELDS), file=shown, line=block.line)
        if ack.key() in seen:
            problems.add(shown, block.line, where, "", f"the same finding is acknowledged twice (first at line {seen[ack.key()]})")
            continue
        seen[ack.key()] = block.line
        out.append(ack)
    return out


def settle(findings: list[Finding], acks: list[Ack], problems: Problems) -> list[tuple[Finding, Ack]]:
    """Report every unacknowledged finding and every stale ack; return the acknowledged pairs."""
    by_key = {a.key(): a for a in acks}
    used, settled = set(), []
    for f in findings:
        ack = by_key.get(f.key())
        if ack is None:
            problems.add(f.file, f.line, f"{f.table}[{f.record}]", f.field,
                         f"{f.message} (if the paper really says so, acknowledge it in raw/acknowledged.toml: check = {f.check!r})")
        else:
            used.add(f.key())
            settled.append((f, ack))
    for a in acks:
        if a.key() not in used:
            problems.add(a.file, a.line, f"ack[{a.record}]", "",
                         f"stale: no {a.check!r} finding on {a.table}[{a.record}]{'.' + a.field if a.field else ''}: remove this ack")
    return settled
