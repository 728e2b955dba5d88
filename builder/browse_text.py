"""Segmented text of every record, for the full-text index of the browse database (SQLite FTS5).

FTS5's tokenizers split Chinese only at punctuation, so a word such as 條約 inside 集體安全條約 is never a
token of its own. jieba segments each record's text here, at build time, in search mode (every word and
the shorter words inside it), and every term is written in the paper's script and folded to Simplified,
separated by spaces; the package ships the result (``browse_text.json``: table → record id → text), so
``eurasia-data browse`` needs no jieba and a query in either script finds the record.
"""

from __future__ import annotations

import json
from collections import defaultdict

from eurasia_data.relations import foreign_keys
from eurasia_data.tables import RECORD_TABLES, TABLES
from eurasia_data.textnorm import fold, is_term

from .search_index import t2s_table


def record_texts(tables: dict[str, list[dict]]) -> dict[tuple[str, str], list[str]]:
    """(table, record id) -> the texts a reader would search: every text value of the record, the names of
    its actors, and its evidence quotes with their sections."""
    actors = {a["actor_id"]: a for a in tables.get("actors", [])}
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for table in RECORD_TABLES:
        key = TABLES[table].id_column
        actor_columns = [fk.column for fk in foreign_keys(table) if fk.table == "actors"]
        for r in tables.get(table, []):
            texts = out[(table, r[key])]
            for value in r.values():
                texts += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
            for column in actor_columns:
                value = r.get(column)
                for actor_id in value if isinstance(value, list) else [value]:
                    a = actors.get(actor_id)
                    if a:
                        texts += [a["name_en"], a["name_zh_hant"], a["name_zh_hans"]]
    for e in tables.get("evidence", []):
        texts = out.get((e["table"], e["record_id"]))
        if texts is not None:
            texts += [e["quote"], *([e["section"]] if isinstance(e.get("section"), str) else [])]
    return out


def build_text(tables: dict[str, list[dict]], tk) -> bytes:
    t2s = t2s_table()
    cache: dict[str, list[str]] = {}

    def terms(text: str) -> list[str]:
        if text not in cache:
            as_written, folded = fold(text, {}), fold(text, t2s)  # same length: folding maps characters one to one
            found = []
            for word, start, end in tk.tokenize(folded, mode="search", HMM=False):
                if is_term(word):
                    found += [as_written[start:end].strip(), word.strip()]
            cache[text] = found
        return cache[text]

    out: dict[str, dict[str, str]] = {t: {} for t in RECORD_TABLES}
    for (table, record_id), texts in sorted(record_texts(tables).items()):
        out[table][record_id] = " ".join(dict.fromkeys(t for text in texts for t in terms(text)))
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
