"""How the tables refer to each other, derived from the models so that new columns need no edits here:
primary keys, foreign keys and the long link tables that hold list columns one item per row.

A column refers to ``actors`` when its model type is :data:`eurasia_data.models.ActorId`; to another
table when it is named after that table's id column (``agreement_id``, ``source_ids``); ``conflicts_with``
refers to its own table.

>>> from eurasia_data.relations import foreign_keys, links
>>> [(fk.column, fk.table) for fk in foreign_keys("agreement_events")]
[('agreement_id', 'agreements'), ('actors', 'actors'), ('source_ids', 'sources'), ('conflicts_with', 'agreement_events')]
>>> [(link.name, link.key, link.item) for link in links("agreements")][:2]
[('agreement_aliases', 'agreement_id', 'alias'), ('agreement_parties', 'agreement_id', 'actor_id')]
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import lru_cache

from .tables import TABLES

ROW_KEY = "row"  # key of a link table whose main table has no id column (evidence): its 1-based row number
POSITION = "position"  # 1-based position of the item in the list


@dataclass(frozen=True)
class ForeignKey:
    column: str  # column of this table (a scalar, or a list of references)
    table: str  # table it refers to
    target: str  # that table's id column
    is_list: bool


@dataclass(frozen=True)
class Link:
    """A list column as a long table: one row per (record, item), in list order."""

    name: str  # e.g. agreement_parties
    table: str  # main table, e.g. agreements
    column: str  # list column, e.g. parties
    key: str  # the main table's id column (or ROW_KEY)
    item: str  # column holding one item, e.g. actor_id
    references: str | None  # table the items refer to, if any


def model(table: str):
    from . import models

    return getattr(models, TABLES[table].model)


def kinds(table: str) -> dict[str, tuple]:
    """Column -> (scalar type, is it a list, allowed values) of every column, in published order."""
    from .models import columns, field_kind

    m = model(table)
    return {c: field_kind(m.model_fields[c].annotation) for c in columns(m)}


def primary_key(table: str) -> list[str]:
    key = TABLES[table].id_column
    return [key] if key else []


def _mentions(annotation, target) -> bool:
    if annotation == target:
        return True
    return any(_mentions(a, target) for a in typing.get_args(annotation))


def _is_actor(field) -> bool:
    """Whether a model field holds actor ids (pydantic moves a bare Annotated's constraints to ``metadata``)."""
    from .models import ActorId

    constraints = typing.get_args(ActorId)[1:]
    return _mentions(field.annotation, ActorId) or all(c in field.metadata for c in constraints)


def _target(table: str, column: str, field, is_list: bool) -> tuple[str, str] | None:
    own = TABLES[table].id_column
    if column == own:
        return None
    if column == "conflicts_with":
        return (table, own)
    if _is_actor(field):
        return ("actors", "actor_id")
    name = column[:-1] if is_list and column.endswith("_ids") else column
    for other, t in TABLES.items():
        if other != table and t.id_column == name:
            return (other, name)
    return None


@lru_cache(maxsize=None)
def foreign_keys(table: str) -> tuple[ForeignKey, ...]:
    from .models import columns, field_kind

    m = model(table)
    out = []
    for column in columns(m):
        field = m.model_fields[column]
        target = _target(table, column, field, field_kind(field.annotation)[1])
        if target:
            out.append(ForeignKey(column, *target, field_kind(field.annotation)[1]))
    return tuple(out)


def list_columns(table: str) -> list[str]:
    from .models import columns, field_kind

    m = model(table)
    return [c for c in columns(m) if field_kind(m.model_fields[c].annotation)[1]]


def _singular(word: str) -> str:
    for plural, single in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(plural) and len(word) > len(plural) + 1:
            return word[: -len(plural)] + single
    return word


@lru_cache(maxsize=None)
def links(table: str) -> tuple[Link, ...]:
    """The link tables of ``table``, one per list column."""
    refs = {fk.column: fk for fk in foreign_keys(table)}
    key = TABLES[table].id_column or ROW_KEY
    out = []
    for column in list_columns(table):
        fk = refs.get(column)
        stem = column[: -len("_ids")] + "s" if column.endswith("_ids") else column
        item = fk.target if fk and fk.target != key else column if fk else _singular(column)
        if item in (key, POSITION):
            item = f"{item}_item"
        out.append(Link(f"{TABLES[table].raw_kind}_{stem}", table, column, key, item, fk.table if fk else None))
    return tuple(out)


def all_links() -> list[Link]:
    return [link for table in TABLES for link in links(table)]
