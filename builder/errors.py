"""Build errors: each names the file, the line, the record and the field, so a curator can fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


def brief(value: object, limit: int = 60) -> str:
    """repr() of a value for a message, cut to ``limit`` characters (a pasted megabyte stays out of the report)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    record: str  # "agreements[cst-1992]" or "" when the problem is not in one record
    field: str  # the raw field, "" for the whole record or file
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = ".".join(p for p in (self.record, self.field) if p)
        return f"{where}: {what + ': ' if what else ''}{self.message}"


@dataclass
class Problems:
    """Collects every problem of a build so all are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, record: str, field: str, message: str) -> None:
        self.items.append(Problem(file, line, record, field, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self) -> str:
        lines = [str(p) for p in sorted(set(self.items))]
        return "\n".join(lines + [f"{len(lines)} error(s); nothing was written."])


class BuildFailed(Exception):
    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems
