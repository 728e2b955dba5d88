"""Find records and actors by any spelling: Traditional, Simplified or English, names or aliases.

>>> import eurasia_data
>>> eurasia_data.resolve("普京") == eurasia_data.resolve("蒲亭") == eurasia_data.resolve("Putin")
True
>>> eurasia_data.resolve("no such actor") is None
True

The index is one SQLite database built with jieba and OpenCC at build time (builder/search_index.py):
an FTS5 table over the segmented text, ranked by SQLite's BM25. Searching needs only the standard
library's ``sqlite3``. Query text is data, never a pattern or SQL.

A first search imports nothing heavier than ``sqlite3`` and ``zlib``: no ``json``, ``re``, ``pathlib``,
``typing`` or ``hashlib`` (tests/test_search_cost.py keeps it so; benchmarks/run.py measures it).
"""

from __future__ import annotations

import math
from functools import cached_property, lru_cache

from .datafiles import DataError
from .textnorm import fold, is_cjk, segment

# True for mypy and pyright only: importing typing would cost a first search about 5 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, Literal, overload

    import pandas as pd

    from .hits import Hit
else:
    def overload(func):  # typing.overload, without importing typing
        return func

FORMAT = "eurasia-search-4"
FTS_COLUMNS = ("name", "actor", "kind", "quote", "note", "year")
COLUMN_WEIGHTS = {"name": 3.0, "actor": 2.0, "kind": 1.5, "quote": 1.0, "note": 0.7, "year": 3.0}
TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '@_.'''"
FTS_OPTIONS = f"content='', tokenize=\"{TOKENIZE}\""  # contentless: the index alone, enough for BM25
# The work per query is bounded: only the first MAX_QUERY characters are read, repeated terms count
# once, and at most MAX_GROUPS distinct words (an actor's spellings are one word) are looked up.
MAX_QUERY = 200
MAX_GROUPS = 12
MIN_SHARE = 0.25  # of a query's words (weighted by rarity) that a hit must match
COLUMNS = ["table", "record_id", "name", "year", "snippet", "source_ids", "score"]


class _Index:
    """The shipped database, opened read-only; the small tables a query always needs are read once."""

    def __init__(self, path: str) -> None:
        import sqlite3

        self.path = path
        self._error = (sqlite3.Error, KeyError, ValueError, TypeError)
        try:
            self.db = sqlite3.connect(f"{_file_uri(path)}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            meta = dict(self.db.execute("SELECT key, value FROM meta"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"its format is {meta.get('format')!r}, this version reads {FORMAT!r}")
            self.t2s = str.maketrans(meta["t2s_from"], meta["t2s_to"])
            self.vocab = frozenset(meta["vocab"].split("\n"))
            self.longest = int(meta["longest"])
            self.n_docs = int(meta["docs"])  # not count(*): that reads every page of docs
            self.rank_sql = f"SELECT rowid, -bm25(fts, {', '.join(str(COLUMN_WEIGHTS[c]) for c in FTS_COLUMNS)}) FROM fts WHERE fts MATCH ?"
        except self._error as e:
            raise DataError(f"{path} is not a search index this version can read ({type(e).__name__}: {e}): reinstall eurasia-data") from None

    def query(self, sql: str, params: tuple[object, ...] | list[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, params).fetchall()
        except self._error as e:
            raise DataError(f"{self.path} is not a search index this version can read ({type(e).__name__}: {e}): reinstall eurasia-data") from None

    def actors(self, spelling: str) -> list[str]:
        return [a for (a,) in self.query("SELECT actor_id FROM names WHERE spelling = ? ORDER BY actor_id", (spelling,))]

    def actor_terms(self, actor_id: str) -> tuple[str, ...]:
        row = self.query("SELECT terms FROM actor_terms WHERE actor_id = ?", (actor_id.lower(),))
        return tuple(row[0][0].split("\n")) if row else ("@" + actor_id.lower(),)

    def quotes(self, docs: list[int]) -> dict[int, list[str]]:
        """Each record's evidence quotes, in order."""
        out: dict[int, list[str]] = {}
        for doc, quote in self.query(f"SELECT doc, quote FROM quotes WHERE doc IN ({','.join('?' * len(docs))}) ORDER BY doc, pos", docs):
            out.setdefault(doc, []).append(quote)
        return out

    def matches(self, term: str) -> list[tuple[int, float]]:
        return self.query(self.rank_sql, ('"' + term.replace('"', '""') + '"',))

    @cached_property
    def actor_ids(self) -> frozenset[str]:
        return frozenset(a for (a,) in self.query("SELECT DISTINCT actor_id FROM names"))


def _file_uri(path: str) -> str:
    """SQLite's ``file:`` URI of an absolute path, with the characters its URIs reserve (``%``, ``?``, ``#``)
    escaped: pathlib's ``as_uri`` would import pathlib and re for this."""
    import os

    path = path.replace(os.sep, "/")
    return "file:" + ("" if path.startswith("/") else "/") + "".join(f"%{ord(c):02X}" if c in "%?#" else c for c in path)


@lru_cache(maxsize=1)
def _index() -> _Index:
    from .datafiles import verified_file

    return _Index(verified_file("search_index.sqlite"))


def _key(text: str, ix: _Index) -> str:
    return fold(text, ix.t2s).replace(" ", "").strip()


def resolve(name: str) -> str | None:
    """The actor id behind any spelling of a state, organisation or person; None when no actor has it.

    Tries, in order: every name and alias (both scripts, English); the package's own actor ids; then the
    English spelling patterns of country_converter (Turkey, Burma, Kazakstan, Kirghizia, Byelorussia).

    Raises ValueError when the spelling is shared by several actors (the message lists them).
    """
    if not isinstance(name, str):
        raise TypeError(f"resolve() takes a name as str, not {type(name).__name__}")
    ix = _index()
    ids = ix.actors(_key(name[:MAX_QUERY], ix))
    if not ids and name in ix.actor_ids:  # the package's own id: putin_vladimir, SCO
        return name
    if not ids:  # English spellings known by country_converter's patterns (Turkey, Burma, Kirghizia...)
        from .spellings import match

        ids = match(name[:MAX_QUERY])
    if len(ids) > 1:
        shown = repr(name) if len(name) <= 60 else repr(name[:57]) + "…"
        raise ValueError(f"{shown} may mean any of {', '.join(ids)}: use a longer name")
    return ids[0] if ids else None


def segmented(text: str) -> str:
    """``text`` as index terms separated by spaces, for SQLite FTS5 (``unicode61``) over Chinese text:
    folded (NFKC, lower case, Simplified), each longest vocabulary word followed by the shorter words
    inside it, so that 條約 finds 集體安全條約. Segment the indexed text and each query word with it, and
    AND the query's terms (FTS5's default) rather than quoting them as one phrase.

    >>> segmented("集體安全條約 Collective Security")
    '集体安全条约 集体 安全 条约 collective security'
    """
    ix = _index()
    out = []
    for term in segment(fold(text, ix.t2s), ix.vocab, ix.longest):
        out.append(term)
        if len(term) > 2 and not term.isascii():
            out += [w for i in range(len(term)) for j in range(i + 2, len(term) + (i > 0)) if (w := term[i:j]) in ix.vocab]
    return " ".join(out)


def _groups(query: str, ix: _Index) -> list[tuple[str, ...]]:
    """Distinct query words, each with its alternatives: an actor's name stands for every spelling of that actor."""
    folded = fold(query, ix.t2s)
    whole = ix.actors(folded.replace(" ", "").strip())
    if len(whole) == 1:  # the query is one name of one actor, however many words it has
        return [ix.actor_terms(whole[0])]
    terms = segment(folded, ix.vocab, ix.longest)
    groups: list[tuple[str, ...]] = []
    known: dict[str, list[str]] = {}  # a repeated word is looked up once
    i = 0
    while i < len(terms) and len(groups) < MAX_GROUPS:
        for size in range(min(4, len(terms) - i), 0, -1):  # the longest run of terms that names one actor
            run = "".join(terms[i:i + size])
            ids = known[run] if run in known else known.setdefault(run, ix.actors(run))
            if len(ids) == 1:
                group = ix.actor_terms(ids[0])
                i += size
                break
        else:
            group = (terms[i],)
            i += 1
        if group not in groups:
            groups.append(group)
    return groups


def _snippet(texts: list[str], terms: set[str], english: bool, ix: _Index, width: int = 30) -> str:
    """The first passage of ``texts`` that holds a query term: for an English query the texts are the English
    name and the note, otherwise the name, the quotes and the note."""
    terms = {t for t in terms if not t.startswith("@") and (t.isascii() or not english)}
    for text in texts:
        folded = fold(text, ix.t2s)
        hits = [at for t in terms if (at := folded.find(t)) >= 0]
        if hits:
            if len(text) <= 3 * width:
                return " ".join(text.split())
            at = min(hits)
            start, end = max(0, at - width), min(len(text), at + 2 * width)
            if english:  # whole words
                start = text.find(" ", start, at) + 1 if start else 0
                end = max(text.rfind(" ", at, end), at + 1) if end < len(text) else end
            return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
    return " ".join(texts[0].split())


@overload
def search(query: str, tables: str | Iterable[str] | None = None, limit: int = 20, as_frame: Literal[True] = True) -> pd.DataFrame: ...
@overload
def search(query: str, tables: str | Iterable[str] | None = None, limit: int = 20, *, as_frame: Literal[False]) -> list[Hit]: ...
@overload
def search(query: str, tables: str | Iterable[str] | None, limit: int, as_frame: Literal[False]) -> list[Hit]: ...
def search(query: str, tables: str | Iterable[str] | None = None, limit: int = 20, as_frame: bool = True) -> pd.DataFrame | list[Hit]:
    """Records matching ``query`` across all record tables (or only ``tables``), best first.

    Searches names, notes and evidence quotes, in either script or English; a name or alias of an actor
    finds the records that use any of its spellings. A record whose own name holds every word of the
    query comes first, then records that match every word, then those that match only some (weighted by
    how rare the missing words are). Returns a DataFrame with columns table, record_id, name, year,
    snippet, source_ids and score; with ``as_frame=False`` a list of dicts with the same keys, without
    importing pandas (what the command line uses). Only the first ``MAX_QUERY`` (200) characters and
    ``MAX_GROUPS`` (12) distinct words of a query are read.
    """
    if not isinstance(query, str):
        raise TypeError(f"search() takes the query as str, not {type(query).__name__}")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise ValueError("limit must be a non-negative integer")
    from .tables import RECORD_TABLES, did_you_mean

    wanted = set(RECORD_TABLES if tables is None else ([tables] if isinstance(tables, str) else tables))
    unknown = wanted - set(RECORD_TABLES)
    if unknown:
        raise ValueError(f"no record table {sorted(map(str, unknown))}{did_you_mean(min(map(str, unknown)), RECORD_TABLES)}; "
                         f"record tables are: {', '.join(RECORD_TABLES)}")
    ix = _index()
    english = not any(map(is_cjk, query[:MAX_QUERY]))
    hits = _rank(query[:MAX_QUERY], ix)
    if not hits:
        return _frame([]) if as_frame else []
    rows = {r[0]: r[1:] for r in ix.query(f"SELECT doc, tbl, record_id, name, year, source_ids, name_en, note FROM docs "
                                          f"WHERE doc IN ({','.join('?' * len(hits))})", [d for _, d, _ in hits])}
    shown = [(score, doc, terms) for score, doc, terms in hits if rows[doc][0] in wanted][:limit]
    quotes = {} if english else ix.quotes([doc for _, doc, _ in shown])
    out = []
    for score, doc, terms in shown:
        table, record_id, name, year, source_ids, name_en, note = rows[doc]
        snippet = _snippet([name_en or name, note] if english else [name, *quotes.get(doc, []), note], terms, english, ix)
        out.append(dict(zip(COLUMNS, [table, record_id, name, year, snippet, source_ids.split(), round(score, 3)])))
    return _frame(out) if as_frame else out


def _rank(query: str, ix: _Index) -> list[tuple[float, int, set[str]]]:
    """(score, doc, query terms) of every matching record, best first.

    A record's score is its BM25 weight, summed over the query's words (each word counts its best
    spelling), times the square of the share of the query it matches, each word weighted by its
    rarity: a hit missing a rare word falls far, one missing a common word a little. Whole-name
    matches come before all others (a record's own name holding the query as a phrase, then holding all
    its words, then a name made from ids holding them), the tightest name first.
    """
    groups = _groups(query, ix)
    matches = {t: ix.matches(t) for t in {t for g in groups for t in g}}
    scores: dict[int, float] = {}
    covered: dict[int, float] = {}
    weights = []
    for group in groups:
        best: dict[int, float] = {}
        for term in group:
            for doc, weight in matches[term]:
                best[doc] = max(weight, best.get(doc, 0.0))
        if not best:  # a word no record has cannot tell records apart
            continue
        idf = math.log(1 + (ix.n_docs - len(best) + 0.5) / (len(best) + 0.5))
        weights.append((group, idf))
        for doc, weight in best.items():
            scores[doc] = scores.get(doc, 0.0) + weight
            covered[doc] = covered.get(doc, 0.0) + idf
    if not scores:
        return []
    total = sum(idf for _, idf in weights)
    # A record matching a quarter or less of the query (by rarity) is noise: "2" of "Tianshan-2".
    ranked = {d: s * (covered[d] / total) ** 2 for d, s in scores.items() if covered[d] > MIN_SHARE * total}
    complete = [d for d in scores if covered[d] >= total - 1e-9]
    tiers = {}
    phrase = _phrase_in_name(query, ix) if len(weights) > 1 else set()
    for doc, own, length in _whole_name_matches(complete, [g for g, _ in weights], ix):
        tiers[doc] = (3 if doc in phrase else 2) if own else 1
        ranked[doc] *= min(1.0, len(weights) / max(length, 1)) ** 0.5  # the query is most of the name
    if not ranked:
        return []
    top = max(ranked.values())  # a whole-name match scores above every other hit
    order = sorted(((s + tiers.get(d, 0) * top, d) for d, s in ranked.items()), key=lambda x: (-x[0], x[1]))
    terms = {t for g, _ in weights for t in g}
    return [(s, d, terms) for s, d in order]


def _phrase_in_name(query: str, ix: _Index) -> set[int]:
    """Records whose name holds the query's words in the query's order ("Shanghai Convention")."""
    terms = segment(fold(query, ix.t2s), ix.vocab, ix.longest)[:MAX_GROUPS]
    if len(terms) < 2:
        return set()
    return {d for (d,) in ix.query("SELECT rowid FROM fts WHERE fts MATCH ?", ('{name}: "' + " ".join(terms).replace('"', '""') + '"',))}


def _whole_name_matches(docs: list[int], groups: list[tuple[str, ...]], ix: _Index) -> list[tuple[int, int, int]]:
    """(doc, own name?, name length) of the ``docs`` whose name, year and kind hold every query word.
    A record's own name is an agreement's, exercise's or pipeline's; other names are made from ids."""
    if not docs or not groups:
        return []
    match = " AND ".join("{name year kind}: (" + " OR ".join('"' + t.replace('"', '""') + '"' for t in g) + ")" for g in groups)
    named = sorted({d for (d,) in ix.query("SELECT rowid FROM fts WHERE fts MATCH ?", (match,))} & set(docs))
    if not named:
        return []
    return ix.query(f"SELECT doc, own_name, name_len FROM docs WHERE doc IN ({','.join('?' * len(named))})", named)


def _frame(hits: list[dict]):
    import pandas as pd

    df = pd.DataFrame(hits, columns=COLUMNS)
    for column in ("table", "record_id", "name", "snippet"):
        df[column] = df[column].astype(pd.StringDtype("pyarrow"))
    df["year"] = df["year"].astype(pd.Int64Dtype())
    df["score"] = df["score"].astype(pd.Float64Dtype())
    return df
