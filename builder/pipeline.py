"""The whole build: raw/ → validated records → Parquet + manifest + JSON Schemas (all or nothing)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from eurasia_data import arrow_types
from eurasia_data.codebook import codebook_markdown
from eurasia_data.tables import TABLES

from . import acks, actors, audit, browse_text, checks, consistency, facts, output, parties, quotes, rawfile, records, release, search_index, sections, supports, verdicts
from .errors import BuildFailed, Problems


# read by the audit, builder.actors, builder.consistency, builder.supports and builder.acks
OWN_READERS = {"triage.toml", "aliases.toml", "consistency.toml", "places.toml", "acknowledged.toml"}


@dataclass
class Result:
    tables: dict[str, list[dict]]
    quotes_checked: bool
    texts: dict[str, str] = field(default_factory=dict)  # source id -> text, when the papers were given
    manifest: dict | None = None
    notes: list[str] = field(default_factory=list)


TOP_FILES = {"README.md", "released_ids.tsv", "quote_lines.tsv"}  # the other files raw/ may hold besides *.toml


def raw_files(raw_dir: Path, extra: list[Path] = (), problems: Problems | None = None) -> list[tuple[Path, str]]:
    """(path, name shown in messages) of every raw TOML file, in a fixed order. Symbolic links to
    directories are followed; anything else that is not a TOML file is a problem, never skipped in silence."""
    root = raw_dir.parent
    problems = problems if problems is not None else Problems()

    def shown(p: Path) -> str:
        return str(p.relative_to(root)) if p.is_relative_to(root) else str(p)

    found: list[Path] = []
    seen_dirs: set[str] = set()
    for top, dirs, names in os.walk(raw_dir, followlinks=True):
        real = os.path.realpath(top)
        if real in seen_dirs:  # a link back up the tree
            problems.add(shown(Path(top)), 0, "", "", "a symbolic link loop: this directory is already read")
            dirs[:] = []
            continue
        seen_dirs.add(real)
        dirs.sort()
        for d in list(dirs):
            if d.endswith(".toml"):
                problems.add(shown(Path(top) / d), 0, "", "", "is a directory, not a TOML file: rename it (only files may end in .toml)")
                dirs.remove(d)
        for name in sorted(names):
            p = Path(top) / name
            rel = p.relative_to(raw_dir).as_posix()
            if name.endswith(".toml"):
                if rel not in OWN_READERS:
                    found.append(p)
            elif not (p.parent == raw_dir and name in TOP_FILES):
                problems.add(shown(p), 0, "", "", "is not a .toml file, so the build would not read it: rename it to *.toml or move it out of raw/")
    return [(p, shown(p)) for p in sorted(found)] + [(Path(p), str(p)) for p in extra]


REQUIRED = ("sources.toml", "actors.toml")


def assemble(raw_dir: Path, sources_dir: Path | None = None, extra: list[Path] = ()) -> tuple[Result, dict]:
    """Validate everything; raise BuildFailed listing every problem. Returns the tables and new locations."""
    problems = Problems()
    if not Path(raw_dir).is_dir():
        problems.add(str(raw_dir), 0, "", "", "is not a directory: --raw must name the curated input directory (raw/)")
        raise BuildFailed(problems)
    for name in REQUIRED:
        if not (raw_dir / name).is_file():
            problems.add(f"{raw_dir.name}/{name}", 0, "", "", f"missing: every raw directory needs {' and '.join(REQUIRED)}")
    if problems:  # everything else would be reported as unknown
        raise BuildFailed(problems)
    files = [f for path, shown in raw_files(raw_dir, extra, problems) if (f := rawfile.read(path, shown, problems))]
    collected = records.collect(files, problems)
    actors.add_aliases(collected, raw_dir / "aliases.toml", f"{raw_dir.name}/aliases.toml", problems)
    index = checks.check(collected, problems)
    actors.add_founding_dates(collected, index)
    checks.merge_sources(collected, index)
    checks.mirror_conflicts(index)
    verdicts.check_verdicts(index, problems)
    checks.check_released(index, raw_dir / "released_ids.tsv", f"{raw_dir.name}/released_ids.tsv", problems)
    checks.check_evidence(collected, problems)
    checks.check_stated(collected, problems)
    consistency.check_file(raw_dir / "consistency.toml", f"{raw_dir.name}/consistency.toml", index, problems)
    checks.check_exercises(index, problems)
    parties.derive_parties(index)
    findings = facts.check(collected, index, problems)

    papers, texts, outlines = None, {}, {}
    if sources_dir is not None:
        wanted = {sid: row.data["sha256"] for sid, row in index.get("sources", {}).items()}
        found, missing = quotes.find_papers(Path(sources_dir), wanted)
        for sid in missing:
            row = index["sources"][sid]
            problems.add(row.file, row.field_lines.get("sha256", row.line), f"sources[{sid}]", "sha256",
                         f"no file in {sources_dir} has this sha256 (is the text a different version?)")
        papers = {}
        for sid, (path, text) in found.items():
            row = index["sources"][sid]
            if len(text) != row.data["char_count"]:
                problems.add(row.file, row.field_lines.get("char_count", row.line), f"sources[{sid}]", "char_count",
                             f"{path.name} has {len(text)} characters, not {row.data['char_count']}")
            papers[sid] = quotes.Paper.from_text(text)
            texts[sid] = text
            outlines[sid] = sections.outline(text)
    known = quotes.read_locations(raw_dir / "quote_lines.tsv", f"{raw_dir.name}/quote_lines.tsv", problems)
    located, verified = checks.locate_quotes(collected.quotes, papers, known, problems, texts, outlines)
    if problems:
        raise BuildFailed(problems)

    tables: dict[str, list[dict]] = {name: [] for name in TABLES}
    for row in collected.rows:
        tables[row.table].append(row.data)
    kept: dict[tuple, list[tuple[str, int]]] = {}
    refs: dict[tuple[str, str], list[supports.EvidenceRef]] = {}
    # Longest first: a quote inside a longer quote of the same record, paper and line adds nothing (the
    # same words elsewhere in the paper are another place and stay); what the curator said of it passes on.
    squeezed_quotes = [(quotes.squeeze(q.quote), order, q, loc) for order, (q, loc) in enumerate(zip(collected.quotes, located))]
    for squeezed, order, q, loc in sorted(squeezed_quotes, key=lambda sql: (-len(sql[0]), sql[1])):
        same = kept.setdefault((q.table, q.record_id, q.source_id, loc.line), [])
        longer = next((i for text, i in same if squeezed in text), None)
        add = tuple(s for s in q.supports if not s.startswith("!"))
        remove = tuple(s[1:] for s in q.supports if s.startswith("!"))
        if longer is not None:
            ref = next(r for r in refs[(q.table, q.record_id)] if r.index == longer)
            ref.add, ref.remove, ref.primary = ref.add + add, ref.remove + remove, ref.primary or q.primary
            continue
        index = len(tables["evidence"])
        same.append((squeezed, index))
        refs.setdefault((q.table, q.record_id), []).append(
            supports.EvidenceRef(index, q.quote, add, remove, q.primary, order, q.file, q.line))
        tables["evidence"].append({"table": q.table, "record_id": q.record_id, "source_id": q.source_id, "quote": q.quote.strip(),
                                   "line": loc.line, "section": loc.section, "page_start": loc.page_start, "page_end": loc.page_end,
                                   "prefix": loc.prefix, "suffix": loc.suffix})
    findings += supports.attach(collected.rows, tables, refs, supports.read_places(raw_dir / "places.toml"), problems)
    acks.settle(findings, acks.read(raw_dir / "acknowledged.toml", f"{raw_dir.name}/acknowledged.toml", problems), problems)
    if problems:
        raise BuildFailed(problems)
    for name, rows in tables.items():
        key = TABLES[name].id_column
        rows.sort(key=(lambda r: r[key]) if key else (lambda r: (r["table"], r["record_id"], r["source_id"], r["line"], r["quote"])))
    return Result(tables, quotes_checked=papers is not None, texts=dict(sorted(texts.items()))), verified


def build(raw_dir: Path, data_dir: Path, schema_dir: Path, sources_dir: Path | None = None, cache_dir: Path | None = None) -> Result:
    """Validate, then write tables, search index, manifest and schemas; ``cache_dir`` keeps jieba's cache."""
    cache_dir = cache_dir or raw_dir.parent / ".cache" / "jieba"
    result, verified = assemble(raw_dir, sources_dir)
    tk = audit.tokenizer(cache_dir, audit.domain_words(result.tables))
    index = search_index.build_index(result.tables, tk)
    spellings = actors.spelling_patterns(result.tables["actors"])
    files = {"search_index.sqlite": index, "spellings.json": spellings, "browse_text.json": browse_text.build_text(result.tables, tk), **output.metadata_files(result.tables)}
    with output.locked(Path(data_dir)):
        result.manifest = output.write_data(result.tables, data_dir, files, release.released(raw_dir.parent / "CITATION.cff"))
        for name, text in output.json_schemas().items():
            output.replace_text(schema_dir / name, text)
        output.replace_text(schema_dir.parent / "docs" / "codebook.md", codebook_markdown())
        output.replace_text(Path(arrow_types.__file__).with_name("_columns.py"), arrow_types.columns_module())
        if result.quotes_checked:
            if output.replace_text(raw_dir / "quote_lines.tsv", quotes.format_locations(verified)):
                result.notes.append("raw/quote_lines.tsv updated with the verified quote locations: commit it")
    return result
