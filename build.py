#!/usr/bin/env python3
"""Build the eurasia-data tables from raw/: validate, then write Parquet, manifest and JSON Schemas.

    python build.py [--sources DIR]          build (quotes checked against the papers in DIR)
    python build.py check [--extra FILE]...  validate only, write nothing
    python build.py audit --sources DIR      coverage audit: every mention covered or triaged
    python build.py summary                  records per table and per source, as a Markdown table
    python build.py diff OLD NEW             what changed between two builds (data dirs or wheels; OLD "-" = none)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

if __name__ == "__main__" and "-m" in sys.orig_argv and sys.orig_argv[sys.orig_argv.index("-m") + 1 :][:1] == ["build"]:
    # `python -m build` run in the repository finds this file before the PyPA build frontend: hand over to it.
    import runpy

    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    runpy.run_module("build", run_name="__main__", alter_sys=True)
    sys.exit(0)

sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from builder.errors import BuildFailed  # noqa: E402
from builder.output import OutputRefused, refusal  # noqa: E402
from builder.pipeline import assemble, build  # noqa: E402

DATA_DIR = ROOT / "src" / "eurasia_data" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="build", choices=["build", "check", "audit", "summary", "diff"])
    parser.add_argument("builds", nargs="*", help="diff: OLD and NEW (data directory, manifest.json or wheel; '-' for none)")
    parser.add_argument("--sources", type=Path, default=os.environ.get("EURASIA_SOURCES") or None,
                        help="directory with the source texts (default: $EURASIA_SOURCES); quotes are checked against them")
    parser.add_argument("--raw", type=Path, default=ROOT / "raw", help="curated input directory (default: raw/)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="where the Parquet files and manifest go")
    parser.add_argument("--schemas", type=Path, default=ROOT / "schemas", help="where the JSON Schemas go")
    parser.add_argument("--extra", type=Path, action="append", default=[], help="check: also validate this TOML file")
    parser.add_argument("--triage", type=Path, action="append", default=[], help="audit: also read this triage file")
    parser.add_argument("--skeleton", type=Path, help="audit: write triage entries to fill in for untriaged mentions here")
    parser.add_argument("--limit", type=int, default=200, help="audit: list at most this many untriaged mentions")
    args = parser.parse_args(argv)
    usage = usage_error(args)
    if usage:
        print(f"error: {usage}", file=sys.stderr)
        return 2
    if args.command == "audit":
        return run_audit(args)
    if args.command == "diff":
        if len(args.builds) != 2:
            parser.error("diff needs OLD and NEW")
        from builder import diff

        try:
            print(diff.run(*args.builds))
        except diff.NotABuild as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        return 0
    try:
        if args.command in ("check", "summary"):
            result, _ = assemble(args.raw, args.sources, args.extra)
        else:
            result = build(args.raw, args.out, args.schemas, args.sources)
    except BuildFailed as e:
        print(e.problems.report(), file=sys.stderr)
        return 1
    except OutputRefused as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.command == "summary":
        print(summary(result.tables))
        return 0
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


def usage_error(args) -> str | None:
    """What is wrong with the command line's paths, before anything is read or written."""
    if args.sources is not None and not Path(args.sources).is_dir():
        return f"--sources {args.sources} is not a directory"
    if args.command != "diff" and not Path(args.raw).is_dir():
        return f"--raw {args.raw} is not a directory (the curated input, raw/)"
    if args.command == "build" and (why := refusal(args.out)):
        return f"--out {args.out} {why}"
    if args.skeleton is not None and not Path(args.skeleton).parent.is_dir():
        return f"--skeleton {args.skeleton}: the directory {Path(args.skeleton).parent} does not exist"
    if args.skeleton is not None and Path(args.skeleton).is_dir():
        return f"--skeleton {args.skeleton} is a directory: name the file to write"
    if args.limit < 0:
        return "--limit must not be negative"
    return None


def summary(tables: dict[str, list[dict]]) -> str:
    """Records per table and per source (a record supported by two papers counts for both)."""
    from eurasia_data.tables import RECORD_TABLES

    sources = [s["source_id"] for s in tables["sources"]]
    lines = ["| table | " + " | ".join(f"`{s}`" for s in sources) + " | records |", "|---" * (len(sources) + 2) + "|"]
    for name in RECORD_TABLES:
        per = [sum(s in r["source_ids"] for r in tables[name]) for s in sources]
        lines.append(f"| {name} | " + " | ".join(map(str, per)) + f" | {len(tables[name])} |")
    per = [sum(e["source_id"] == s for e in tables["evidence"]) for s in sources]
    lines.append("| evidence quotes | " + " | ".join(map(str, per)) + f" | {len(tables['evidence'])} |")
    return "\n".join(lines)


def run_audit(args) -> int:
    from builder import audit
    from builder.errors import Problems
    if args.sources is None:
        print("error: the audit needs the source texts: --sources DIR (or EURASIA_SOURCES)", file=sys.stderr)
        return 2
    try:
        result, _ = assemble(args.raw, args.sources, args.extra)
    except BuildFailed as e:
        print(e.problems.report(), file=sys.stderr)
        return 1
    problems = Problems()
    triage, shown = audit.read_triage(args.raw / "triage.toml", f"{args.raw.name}/triage.toml", problems)
    for extra in args.triage:
        triage += audit.read_triage(extra, str(extra), problems)[0]
    tk = audit.tokenizer(ROOT / ".cache" / "jieba", audit.domain_words(result.tables))
    report = audit.audit(result.texts, result.tables, triage, tk, shown)
    report.problems.items[:0] = problems.items
    print(audit.format_report(report, args.limit))
    if args.skeleton:
        args.skeleton.write_text(audit.skeleton(report.untriaged), encoding="utf-8")
        print(f"triage skeleton for {len(report.untriaged)} mention(s) written to {args.skeleton}")
    return 0 if report.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
