"""The shape of one search hit, for type checkers: ``search(..., as_frame=False)`` returns a list of these."""

from __future__ import annotations

from typing import TypedDict


class Hit(TypedDict):
    """One record found by :func:`eurasia_data.search` (the columns of its DataFrame, as a dict)."""

    table: str
    record_id: str
    name: str
    year: int | None
    snippet: str
    source_ids: list[str]
    score: float
