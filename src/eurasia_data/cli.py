"""Command line: ``eurasia-data search|show|tables|info|cite|codebook``, as text for people or ``--json``.

A mistake (an unknown command, table, record or source, a bad number, an empty query) is a usage
error with a "did you mean" and exit status 2; a missing or damaged installation is one line and
exit status 1. Never a traceback. A terminal that cannot print Chinese gets backslash escapes.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata


from .tables import did_you_mean as suggest

class _Parser(argparse.ArgumentParser):
    def _check_value(self, action, value):  # an unknown subcommand or choice gets a suggestion
        if action.choices is not None and value not in action.choices:
            choices = ", ".join(map(repr, action.choices))
            raise argparse.ArgumentError(action, f"invalid choice: {value!r}{suggest(value, action.choices)} (choose from {choices})")


def _table_name(record_only: bool):
    def check(value: str) -> str:
        from .tables import RECORD_TABLES, TABLES

        names = RECORD_TABLES if record_only else tuple(TABLES)
        if value not in names:
            raise argparse.ArgumentTypeError(f"no {'record ' if record_only else ''}table {value!r}{suggest(value, names)}; tables are: {', '.join(names)}")
        return value

    check.__name__ = "table"
    return check


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return number


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """Cut (with "…") or pad ``text`` to ``width`` terminal cells; CJK characters take two."""
    text = " ".join(text.split())
    if _width(text) <= width:
        return text + " " * (width - _width(text))
    out, used = [], 0
    for c in text:
        if used + _width(c) > width - 1:
            break
        out.append(c)
        used += _width(c)
    return "".join(out) + "…" + " " * (width - used - 1)


def _table(rows: list[list[str]], last_width: int | None = None) -> str:
    """Columns as wide as their widest cell (ids are never cut); only the last column is fitted to the terminal."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    if last_width is None:
        import shutil

        last_width = max(30, shutil.get_terminal_size((100, 24)).columns - sum(widths) - 2 * len(widths) - 1)
    return "\n".join("  ".join(_fit(c, w) for c, w in zip(r, [*widths, last_width])).rstrip() for r in rows)


def _emit(args, data, text: str) -> None:
    if args.json:
        import json

        ascii_only = not _can_print("中")
        print(json.dumps(data, ensure_ascii=ascii_only, indent=2, default=str))
    else:
        print(text)


def _can_print(sample: str) -> bool:
    try:
        sample.encode(sys.stdout.encoding or "ascii")
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def _search(args) -> int:
    import eurasia_data

    query = " ".join(args.query).strip()
    if not query:
        args.parser.error("the query is empty: give a word, a name or a record id")
    hits = eurasia_data.search(query, tables=args.table, limit=args.limit, as_frame=False)
    if not hits:
        print("no matches", file=sys.stderr)
        if args.json:
            print("[]")
        return 1
    rows = [["table", "record_id", "year", "snippet"]]
    rows += [[h["table"], h["record_id"], "" if h["year"] is None else str(h["year"]), h["snippet"]] for h in hits]
    _emit(args, hits, _table(rows))
    return 0


def _find(record_id: str, only: str | None) -> list[tuple[str, dict]]:
    """(table, row) of every table row whose id is ``record_id``."""
    import pyarrow.compute as pc

    from .loaders import _arrow
    from .tables import TABLES

    found = []
    for name, table in TABLES.items():
        if table.id_column and only in (None, name):
            data = _arrow(name)
            rows = data.filter(pc.equal(data[table.id_column], record_id)).to_pylist()
            found += [(name, r) for r in rows]
    return found


def _all_ids() -> list[str]:
    from .loaders import _arrow
    from .tables import TABLES

    return [i for name, t in TABLES.items() if t.id_column for i in _arrow(name)[t.id_column].to_pylist()]


def _show(args) -> int:
    import pyarrow.compute as pc

    from .loaders import _arrow

    found = _find(args.id, args.table)
    if not found:
        args.parser.error(f"no record {args.id!r}{' in ' + args.table if args.table else ''}{suggest(args.id, _all_ids())}")
    ev = _arrow("evidence")
    out, text = [], []
    for table, row in found:
        mask = pc.and_(pc.equal(ev["table"], table), pc.equal(ev["record_id"], args.id))
        evidence = [{k: v for k, v in e.items() if k not in ("table", "record_id")} for e in ev.filter(mask).to_pylist()]
        evidence.sort(key=lambda e: not e.get("primary"))  # the primary quote (the one a citation shows) first
        out.append({"table": table, "record": row, "evidence": evidence})
        text.append(f"{table} {args.id}")
        for key, value in row.items():
            if value is not None and value != []:
                text.append(f"  {key + ':':<18} {', '.join(map(str, value)) if isinstance(value, list) else value}")
        text.append(f"  evidence ({len(evidence)}):" if evidence else "  evidence: none (actors and sources need none)")
        for e in evidence:
            where = ["primary: " + e["source_id"] if e.get("primary") else e["source_id"]]
            if e.get("section"):
                where.append(f"§ {e['section']}")
            if e.get("page_start") is not None:
                end = e.get("page_end")
                where.append(f"p. {e['page_start']}" + (f"–{end}" if end not in (None, e["page_start"]) else ""))
            if e.get("line") is not None:
                where.append(f"line {e['line']}")
            text += [f"  - {', '.join(where)}", f"    「{e['quote']}」"]
            if e.get("supports"):
                text.append(f"    supports: {', '.join(e['supports'])}")
    _emit(args, out if len(out) > 1 else out[0], "\n".join(text))
    return 0


def _tables(args) -> int:
    import eurasia_data
    from .tables import TABLES

    rows = eurasia_data.manifest()["tables"]
    data = [{"table": n, "rows": rows.get(n, {}).get("rows"), "description": t.description} for n, t in TABLES.items()]
    _emit(args, data, _table([["table", "rows", "description"], *[[d["table"], str(d["rows"]), d["description"]] for d in data]]))
    return 0


def _info(args) -> int:
    import eurasia_data

    m = eurasia_data.manifest()
    data = {"version": eurasia_data.__version__, "data_version": m.get("version"), "rows": {n: e.get("rows") for n, e in m["tables"].items()}}
    lines = [f"eurasia-data {data['version']} (data {data['data_version']})"]
    lines += [f"  {name:<17} {rows:>6} rows" for name, rows in data["rows"].items()]
    _emit(args, data, "\n".join(lines))
    return 0


def _cite(args) -> int:
    import inspect

    import eurasia_data

    if args.source is not None:
        sources = _arrow_column("sources", "source_id")
        if args.source not in sources:
            args.parser.error(f"no source {args.source!r}{suggest(args.source, sources)}; sources are: {', '.join(sources)}")
    accepts = inspect.signature(eurasia_data.cite).parameters
    kwargs = {k: v for k, v in (("source_id", args.source), ("style", args.style)) if k in accepts and v is not None}
    if args.style != "bibtex" and "style" not in accepts:
        args.parser.error(f"this version cites only as bibtex, not {args.style!r}")
    text = eurasia_data.cite(**kwargs)
    if args.source is not None and "source_id" not in accepts:  # an older cite(): keep the source's own entry
        key = "".join(c for c in args.source.lower() if c.isalnum())
        text = "\n\n".join(e for e in text.split("\n\n") if e.split("\n", 1)[0].endswith("{" + key + ",")) + "\n"
    print(text.rstrip("\n"))
    return 0


def _arrow_column(table: str, column: str) -> list[str]:
    from .loaders import _arrow

    return _arrow(table)[column].to_pylist()


def _codebook(args) -> int:
    from .codebook import codebook_rows

    rows = [r for r in codebook_rows() if args.table in (None, r["table"])]
    lines: list[str] = []
    for i, r in enumerate(rows):
        if i == 0 or rows[i - 1]["table"] != r["table"]:
            lines += [*([""] if lines else []), r["table"]]
        unit = f" [{r['unit']}]" if r["unit"] else ""
        allowed = f" ({', '.join(r['allowed_values'])})" if r["allowed_values"] else ""
        lines.append(f"  {r['column']:<22} {r['dtype']}{unit}: {r['description']}{allowed}")
    _emit(args, rows, "\n".join(lines))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand. Each sets ``run(args) -> exit status``, and ``parser`` (itself) to report
    usage errors with ``args.parser.error(...)``: ``s = sub.add_parser("x"); s.set_defaults(run=_x, parser=s)``."""
    from . import __version__

    parser = _Parser(prog="eurasia-data", description="Curated, evidence-backed tables of Eurasian politics from Chinese-language papers.")
    parser.add_argument("--version", action="version", version=f"eurasia-data {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    as_json = _Parser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="print JSON, for scripts")

    s = sub.add_parser("search", parents=[as_json], help="search names, notes and quotes in either script or English")
    s.add_argument("query", nargs="+", help="words, names or ids; Traditional, Simplified or English")
    s.add_argument("--table", action="append", type=_table_name(True), help="only this record table (repeatable)")
    s.add_argument("--limit", type=_positive, default=20, help="at most this many hits (default 20)")
    s.set_defaults(run=_search, parser=s)

    s = sub.add_parser("show", parents=[as_json], help="one record with all its fields and evidence quotes")
    s.add_argument("id", help="a record id, as search prints it (or an actor or source id)")
    s.add_argument("--table", type=_table_name(False), help="only look in this table")
    s.set_defaults(run=_show, parser=s)

    s = sub.add_parser("tables", parents=[as_json], help="the tables, their rows and what they hold")
    s.set_defaults(run=_tables, parser=s)
    s = sub.add_parser("info", parents=[as_json], help="dataset version and rows per table")
    s.set_defaults(run=_info, parser=s)

    s = sub.add_parser("cite", help="how to cite the dataset and its source papers")
    s.add_argument("source", nargs="?", help="only this source paper (a source id)")
    s.add_argument("--style", choices=["bibtex", "apa"], default="bibtex")
    s.set_defaults(run=_cite, parser=s)

    s = sub.add_parser("codebook", parents=[as_json], help="every column: dtype, unit, allowed values, meaning")
    s.add_argument("table", nargs="?", type=_table_name(False), help="only this table")
    s.set_defaults(run=_codebook, parser=s)

    from .browse import add_command as add_browse
    from .exports import add_command as add_export

    add_export(sub)
    add_browse(sub)
    return parser


def _utf8(arg: str) -> str:
    import os

    try:
        return os.fsencode(arg).decode("utf-8")
    except UnicodeDecodeError:
        return arg


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a terminal without CJK gets \u escapes, not UnicodeEncodeError
            stream.reconfigure(errors="backslashreplace")
    if argv is None:  # under LANG=C the shell still passes UTF-8 bytes; read them as such
        argv = [_utf8(a) for a in sys.argv[1:]]
    parser = build_parser()
    args = parser.parse_args(argv)
    from .loaders import DataError

    try:
        return args.run(args)
    except DataError as e:
        print(f"eurasia-data: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `eurasia-data search x | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
