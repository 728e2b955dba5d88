#!/usr/bin/env python3
"""Build the eurasia-data tables from raw/: validate, then write Parquet, manifest and JSON Schemas.

    python build.py [--sources DIR]          build (quotes checked against the papers in DIR)
    python build.py check [--extra FILE]...  validate only, write nothing
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from builder.errors import BuildFailed  # noqa: E402
from builder.pipeline import assemble, build  # noqa: E402

DATA_DIR = ROOT / "src" / "eurasia_data" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check"])
    parser.add_argument("--sources", type=Path, default=os.environ.get("EURASIA_SOURCES") or None,
                        help="directory with the source texts (default: $EURASIA_SOURCES); quotes are checked against them")
    parser.add_argument("--raw", type=Path, default=ROOT / "raw", help="curated input directory (default: raw/)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="where the Parquet files and manifest go")
    parser.add_argument("--schemas", type=Path, default=ROOT / "schemas", help="where the JSON Schemas go")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="check: also validate this TOML file")
    args = parser.parse_args(argv)
    if args.sources is not None and not Path(args.sources).is_dir():
        print(f"error: --sources {args.sources} is not a directory", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            result, _ = assemble(args.raw, args.sources, args.extra)
        else:
            result = build(args.raw, args.out, args.schemas, args.sources)
    except BuildFailed as e:
        print(e.problems.report(), file=sys.stderr)
        return 1
    width = max(map(len, result.tables))
    for name, rows in result.tables.items():
        print(f"{name:<{width}}  {len(rows):>5} rows")
    if result.quotes_checked:
        print(f"quotes: all {len(result.tables['evidence'])} checked against the source texts")
    else:
        print("quotes: NOT checked against the source texts (no --sources given); lines come from raw/quote_lines.tsv")
    for note in result.notes:
        print(note)
    print("valid; nothing written (check)" if args.command == "check" else f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
