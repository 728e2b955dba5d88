"""Command line: ``eurasia-data search QUERY`` prints hits as a table; ``eurasia-data info`` the version and rows."""

from __future__ import annotations

import argparse
import sys
import unicodedata


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """Cut or pad ``text`` to ``width`` terminal cells (CJK characters take two)."""
    out, used = [], 0
    for c in text.replace("\n", " "):
        w = _width(c)
        if used + w > width - (1 if _width(text) > width else 0):
            out.append("…")
            used += 1
            break
        out.append(c)
        used += w
    return "".join(out) + " " * max(0, width - used)


def _table(rows: list[list[str]], widths: list[int]) -> str:
    return "\n".join("  ".join(_fit(cell, w) for cell, w in zip(row, widths)).rstrip() for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="eurasia-data", description="Curated tables of Eurasian politics from Chinese-language papers.")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("search", help="search names, notes and quotes in either script or English")
    s.add_argument("query", nargs="+")
    s.add_argument("--table", action="append", help="only this table (repeatable)")
    s.add_argument("--limit", type=int, default=20)
    sub.add_parser("info", help="dataset version and rows per table")
    from .export import add_command as add_export

    add_export(sub)
    args = parser.parse_args(argv)
    if hasattr(args, "run"):  # subcommands defined in their own modules
        return args.run(args)

    import eurasia_data

    if args.command == "info":
        m = eurasia_data.manifest()
        print(f"eurasia-data {eurasia_data.__version__} (data {m['version']})")
        for name, entry in m["tables"].items():
            print(f"  {name:<17} {entry['rows']:>6} rows")
        return 0
    hits = eurasia_data.search(" ".join(args.query), tables=args.table, limit=args.limit, as_frame=False)
    if not hits:
        print("no matches")
        return 1
    rows = [["table", "record_id", "year", "snippet"]]
    rows += [[h["table"], h["record_id"], "" if h["year"] is None else str(h["year"]), h["snippet"]] for h in hits]
    print(_table(rows, [16, 44, 4, 60]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
