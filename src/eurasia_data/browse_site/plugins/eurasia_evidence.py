"""Datasette plugin of ``eurasia-data browse``: a record's page shows its evidence quotes (with their
sections, the fields each supports and the primary quote first, where the evidence table has them), and the ``records`` and ``evidence`` tables link each
record id to its record."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import tilde_decode, tilde_encode
from markupsafe import Markup, escape

SHOWN = ("source_id", "section", "page_start", "page_end", "line", "quote", "supports", "primary")  # the evidence columns a page shows, when present


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    if view_name != "row" or not table or request is None:
        return {}

    async def evidence():
        db = datasette.get_database(database)
        present = {r["name"] for r in (await db.execute("PRAGMA table_info(evidence)")).rows}
        if not {"table", "record_id", "quote"} <= present:
            return {"evidence": []}
        columns = [c for c in SHOWN if c in present]
        order = ", ".join(_q(c) + (" DESC" if c == "primary" else "") for c in ("primary", "source_id", "page_start", "line") if c in present)
        rows = await db.execute(
            f'SELECT {", ".join(map(_q, columns))} FROM evidence WHERE "table" = ? AND record_id = ? ORDER BY {order}',
            [table, tilde_decode(request.url_vars.get("pks", ""))],
        )
        shown = [dict(zip(columns, r)) for r in rows.rows]
        for e in shown:  # the flat database joins a list with ";"
            e["supports"] = [s for s in (e.get("supports") or "").split(";") if s]
        return {"evidence": shown}

    return evidence


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table in ("records", "evidence") and column == "record_id" and value:
        url = datasette.urls.row(database, row["table"], tilde_encode(value))
        return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
    return None
