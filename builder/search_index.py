"""Build the search index the package ships: one SQLite database, ``search_index.sqlite``.

jieba segments every record's names, notes and quotes at build time; the database holds the segmented
text in an FTS5 table (so BM25 ranking is SQLite's), the record behind each row, the name → actor table
and the character folding table. The package searches it with the standard library's ``sqlite3`` alone:
no jieba, no OpenCC, no pickle, no JSON, and nothing is parsed before a query needs it.

Layout (``FORMAT`` names it; the package refuses any other):

- ``meta(key, value)``: ``format``, ``t2s_from``/``t2s_to`` (Traditional → Simplified characters),
  ``vocab`` (every index term, one a line), ``longest`` (the longest term), ``docs`` (how many records).
- ``fts(name, actor, kind, quote, note, year)``: FTS5, one row per record, rowid = ``docs.doc``; each
  column the record's folded terms separated by spaces (actor ids as ``@kaz`` in ``actor``).
- ``docs(doc, tbl, record_id, name, year, source_ids, name_en, note, own_name, name_len)``: what a hit
  shows (``source_ids`` separated by spaces: they are slugs), whether the record has a name of its own
  (agreements, exercises, pipelines), and how many terms its name has (the query that is most of a name wins).
- ``quotes(doc, pos, quote)``: the record's evidence quotes in order, for snippets.
- ``names(spelling, actor_id)`` and ``actor_terms(actor_id, terms)``: every spelling of every actor
  (``terms`` one a line; an English name of several words as a phrase).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from functools import lru_cache

from eurasia_data.lookup import COLUMN_WEIGHTS, FORMAT, FTS_COLUMNS, FTS_OPTIONS
from eurasia_data.tables import RECORD_TABLES, TABLES
from eurasia_data.textnorm import fold, is_term

from .actors import to_simplified
from .checks import ACTOR_COLUMNS

# Words for the kind of record, so "SCO exercise" or "天然氣 管線" find the right table.
KIND_WORDS = {
    "agreements": "agreement treaty 協定 條約 協議",
    "agreement_events": "agreement event 協定 條約",
    "exercises": "exercise military drill 演習 軍演",
    "pipelines": "pipeline 管線 管道",
    "pipeline_events": "pipeline 管線 管道",
    "memberships": "membership member 成員 會員",
    "trade_figures": "trade figure export import supply 貿易 出口 進口",
    "indicators": "indicator figure 指標",
}
_SEPARATORS = re.compile(r"[^\w@.']")  # what FTS5's unicode61 tokenizer (with tokenchars @_.') splits on
OWN_NAMES = ("agreements", "exercises", "pipelines")  # tables whose records have a name of their own


def t2s_table() -> dict[int, str]:
    """Character-level Traditional → Simplified pairs from OpenCC, for every CJK character it changes, as a
    ``str.translate`` table (what :func:`eurasia_data.textnorm.fold` takes)."""
    out = {}
    for code in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00)):
        c = chr(code)
        s = to_simplified(c)
        if len(s) == 1 and s != c:
            out[code] = s
    return out


def record_name(table: str, r: dict) -> str:
    if "name_zh" in r:
        return " / ".join(x for x in (r["name_zh"], r.get("name_en")) if x)
    if table in ("agreement_events", "pipeline_events"):
        return f"{r.get('agreement_id') or r.get('pipeline_id')}: {r['event']}"
    if table == "memberships":
        return f"{r['member_id']} {r['event']} {r['org_id']}"
    if table == "trade_figures":
        partner = r.get("partner_id") or "world"
        return f"{r['reporter_id']}–{partner} {r['flow']} {r['commodity']}: {r['value_stated']}"
    return f"{r['actor_id']} {r['indicator']}: {r['value_stated']}"


def build_index(tables: dict[str, list[dict]], tk) -> bytes:
    """The search database as bytes (identical for identical tables)."""
    t2s = t2s_table()
    actors = {a["actor_id"]: a for a in tables["actors"]}
    quotes = defaultdict(list)
    for e in tables["evidence"]:
        quotes[(e["table"], e["record_id"])].append(e["quote"])

    @lru_cache(maxsize=None)  # actor names and kind words recur in every record that names them
    def terms(text: str) -> tuple[str, ...]:
        folded = fold(text, t2s)
        # Each term must be one FTS5 token: a term such as 和平使命-2007 is indexed as its parts; a code
        # such as gdp_share_world as itself and its words.
        out = []
        for t in tk.cut_for_search(folded, HMM=False):
            for p in _SEPARATORS.sub(" ", t).split():
                out += [p, *p.split("_")] if "_" in p else [p]
        return tuple(p for p in out if is_term(p))

    def segmented(parts) -> str:
        return " ".join(t for part in parts if part for t in terms(part))

    def actor_names(actor_id: str) -> list[str]:
        a = actors[actor_id]
        codes = [c for c in (a["actor_id"], a.get("iso_alpha3"), a.get("abbreviation")) if c and "_" not in c]
        return [a["name_en"], a["name_zh_hant"], a["name_zh_hans"], *a["aliases"], *codes]

    fts_rows, docs, quote_rows, vocab = [], [], [], set()
    for table in RECORD_TABLES:
        key = TABLES[table].id_column
        for r in tables[table]:
            ids = set()
            for col in ACTOR_COLUMNS.get(table, ()):
                v = r.get(col)
                ids.update(x for x in (v if isinstance(v, list) else [v]) if x in actors)
            name = record_name(table, r)
            doc_quotes = quotes[(table, r[key])]
            years = " ".join(str(y) for y in sorted({r.get("year"), r.get("end_year")} - {None}))
            actor_text = " ".join([segmented([n for i in sorted(ids) for n in actor_names(i)]), *("@" + i.lower() for i in sorted(ids))])
            row = [segmented([name]), actor_text, segmented([KIND_WORDS[table]]), segmented(doc_quotes), segmented([r.get("note")]), years]
            fts_rows.append(row)
            vocab.update(t for column in row for t in column.split())
            docs.append((len(docs) + 1, table, r[key], name, r.get("year"), " ".join(r["source_ids"]), r.get("name_en") or "",
                         r.get("note") or "", int(table in OWN_NAMES), len(row[0].split())))
            quote_rows += [(len(docs), pos, q) for pos, q in enumerate(doc_quotes)]

    names: dict[str, set[str]] = defaultdict(set)
    actor_terms = {}
    for actor_id in sorted(actors):
        spellings = actor_names(actor_id)
        for s in spellings + [to_simplified(s) for s in spellings]:
            names[fold(s, t2s).replace(" ", "")].add(actor_id)
        # One-character spellings (俄, 日, 法...) resolve on their own but are too ambiguous to search for.
        spelled = {fold(s, t2s).replace(" ", "") for s in spellings}
        phrases = {" ".join(terms(s)) for s in spellings if s.isascii() and len(terms(s)) > 1}  # "eurasian economic union"
        actor_terms[actor_id.lower()] = sorted({t for t in spelled & vocab if len(t) > 1} | phrases | {"@" + actor_id.lower()})

    db = sqlite3.connect(":memory:")
    db.executescript(f"""
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE docs(doc INTEGER PRIMARY KEY, tbl TEXT NOT NULL, record_id TEXT NOT NULL, name TEXT NOT NULL, year INTEGER,
                          source_ids TEXT NOT NULL, name_en TEXT NOT NULL, note TEXT NOT NULL,
                          own_name INTEGER NOT NULL, name_len INTEGER NOT NULL);
        CREATE TABLE quotes(doc INTEGER NOT NULL, pos INTEGER NOT NULL, quote TEXT NOT NULL, PRIMARY KEY (doc, pos)) WITHOUT ROWID;
        CREATE TABLE names(spelling TEXT NOT NULL, actor_id TEXT NOT NULL, PRIMARY KEY (spelling, actor_id)) WITHOUT ROWID;
        CREATE TABLE actor_terms(actor_id TEXT PRIMARY KEY, terms TEXT NOT NULL) WITHOUT ROWID;
        CREATE VIRTUAL TABLE fts USING fts5({", ".join(FTS_COLUMNS)}, {FTS_OPTIONS});
    """)
    db.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("format", FORMAT), ("t2s_from", "".join(map(chr, t2s))), ("t2s_to", "".join(t2s.values())),
        ("vocab", "\n".join(sorted(vocab))), ("longest", str(max(map(len, vocab), default=1))), ("docs", str(len(docs))),
        ("weights", json.dumps(COLUMN_WEIGHTS)),
    ])
    db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
    db.executemany("INSERT INTO quotes VALUES (?, ?, ?)", quote_rows)
    db.executemany(f"INSERT INTO fts(rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(d[0], *row) for d, row in zip(docs, fts_rows)])
    db.executemany("INSERT INTO names VALUES (?, ?)", sorted((k, a) for k, ids in names.items() if k for a in ids))
    db.executemany("INSERT INTO actor_terms VALUES (?, ?)", sorted((a, "\n".join(t)) for a, t in actor_terms.items()))
    db.commit()
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.execute("VACUUM")
    return db.serialize()
