"""Build the search index the package ships: jieba segments every record's names, notes and quotes at
build time; the package gets the terms, BM25 weights, the name → actor table and the character folding
table as one compact JSON file (no jieba, no OpenCC, no pickle at run time; the wheel compresses it)."""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from functools import lru_cache

from eurasia_data.tables import RECORD_TABLES, TABLES
from eurasia_data.textnorm import fold, is_term

from .actors import to_simplified
from .checks import ACTOR_COLUMNS

K1, B = 1.2, 0.75
WEIGHTS = {"name": 3.0, "actor": 2.0, "kind": 1.5, "quote": 1.0, "note": 0.7}
# Words for the kind of record, so "SCO exercise" or "天然氣 管線" find the right table.
KIND_WORDS = {
    "agreements": "agreement treaty 協定 條約 協議",
    "agreement_events": "agreement event 協定 條約",
    "exercises": "exercise military drill 演習 軍演",
    "pipelines": "pipeline 管線 管道",
    "pipeline_events": "pipeline 管線 管道",
    "memberships": "membership member 成員 會員",
    "trade_figures": "trade 貿易",
    "indicators": "indicator 指標",
}


def t2s_table() -> dict[str, str]:
    """Character-level Traditional → Simplified pairs from OpenCC, for every CJK character it changes."""
    out = {}
    for code in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0xF900, 0xFB00)):
        c = chr(code)
        s = to_simplified(c)
        if len(s) == 1 and s != c:
            out[c] = s
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
    t2s = t2s_table()
    actors = {a["actor_id"]: a for a in tables["actors"]}
    quotes = defaultdict(list)
    for e in tables["evidence"]:
        quotes[(e["table"], e["record_id"])].append(e["quote"])

    @lru_cache(maxsize=None)  # actor names and kind words recur in every record that names them
    def terms(text: str) -> tuple[str, ...]:
        folded = fold(text, t2s)
        return tuple(t.strip() for t in tk.cut_for_search(folded, HMM=False) if is_term(t))

    def actor_names(actor_id: str) -> list[str]:
        a = actors[actor_id]
        codes = [c for c in (a["actor_id"], a.get("iso_alpha3"), a.get("abbreviation")) if c and "_" not in c]
        return [a["name_en"], a["name_zh_hant"], a["name_zh_hans"], *a["aliases"], *codes]

    docs, texts, vocab = [], [], set()
    field_terms: list[Counter] = []
    for table in RECORD_TABLES:
        key = TABLES[table].id_column
        for r in tables[table]:
            ids = set()
            for col in ACTOR_COLUMNS.get(table, ()):
                v = r.get(col)
                ids.update(x for x in (v if isinstance(v, list) else [v]) if x in actors)
            name = record_name(table, r)
            doc_quotes = quotes[(table, r[key])]
            counts: Counter = Counter()
            for field, parts in (("name", [name]), ("note", [r.get("note") or ""]), ("quote", doc_quotes),
                                 ("kind", [KIND_WORDS[table]]), ("actor", [n for i in sorted(ids) for n in actor_names(i)])):
                for part in parts:
                    for t in terms(part):
                        counts[t] += WEIGHTS[field]
            for i in ids:
                counts["@" + i.lower()] += WEIGHTS["actor"]
            for y in {r.get("year"), r.get("end_year")} - {None}:
                counts[str(y)] += WEIGHTS["name"]
            field_terms.append(counts)
            vocab.update(counts)
            docs.append([table, r[key], name, r.get("year"), r["source_ids"]])
            texts.append([name, *doc_quotes, *([r["note"]] if r.get("note") else [])])
    n = len(docs)
    lengths = [sum(c.values()) for c in field_terms]
    avg = sum(lengths) / n if n else 1.0
    df = Counter(t for c in field_terms for t in c)
    postings = defaultdict(list)
    for d, counts in enumerate(field_terms):
        for t, tf in counts.items():
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            w = idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[d] / avg))
            postings[t].append([d, round(w, 4)])
    names: dict[str, set[str]] = defaultdict(set)
    actor_terms = {}
    for actor_id in sorted(actors):
        spellings = actor_names(actor_id)
        for s in spellings + [to_simplified(s) for s in spellings]:
            names[fold(s, t2s).replace(" ", "")].add(actor_id)
        # One-character spellings (俄, 日, 法...) resolve on their own but are too ambiguous to search for.
        spelled = {fold(s, t2s).replace(" ", "") for s in spellings}
        actor_terms[actor_id.lower()] = sorted({t for t in spelled & vocab if len(t) > 1} | {"@" + actor_id.lower()})
    # Compact layout for a fast first search: strings parse quickly, and postings are decoded only for
    # the terms a query uses ("doc:weight doc:weight ...").
    index = {
        "format": 2,
        "t2s": ["".join(t2s), "".join(t2s.values())],
        "vocab": "\n".join(sorted(vocab)),
        "names": {k: sorted(v) for k, v in sorted(names.items()) if k},
        "actor_terms": actor_terms,
        "docs": docs,
        "texts": ["\u0000".join(t) for t in texts],
        "postings": {t: " ".join(f"{d}:{w:g}" for d, w in p) for t, p in sorted(postings.items())},
    }
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
