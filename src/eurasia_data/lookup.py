"""Find records and actors by any spelling: Traditional, Simplified or English, names or aliases.

>>> import eurasia_data
>>> eurasia_data.resolve("普京") == eurasia_data.resolve("蒲亭") == eurasia_data.resolve("Putin")
True
>>> eurasia_data.resolve("no such actor") is None
True

The index is built with jieba and OpenCC at build time and shipped as one JSON file; searching
needs neither library. Query text is data, never a pattern.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache

from typing import TYPE_CHECKING, Literal, overload

from .textnorm import fold, segment

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

    from .hits import Hit

MAX_QUERY = 1000  # characters of a query that are read; the rest is ignored
COLUMNS = ["table", "record_id", "name", "year", "snippet", "source_ids", "score"]


class _Index:
    """The shipped index (see builder/search_index.py for its layout)."""

    def __init__(self, data: dict):
        if data.get("format") != 2:
            raise ValueError(f"search index format {data.get('format')!r} is not supported by this version")
        self.t2s: dict[str, str] = dict(zip(*data["t2s"]))
        self.vocab = frozenset(data["vocab"].split("\n"))
        self.longest = max((len(t) for t in self.vocab), default=1)
        self.names: dict[str, list[str]] = data["names"]
        self.actor_terms: dict[str, list[str]] = data["actor_terms"]
        self.docs = data["docs"]
        self._texts: list[str] = data["texts"]
        self._postings: dict[str, str] = data["postings"]

    def postings(self, term: str) -> list[tuple[int, float]]:
        encoded = self._postings.get(term)
        if not encoded:
            return []
        return [(int(d), float(w)) for d, w in (p.split(":") for p in encoded.split(" "))]

    def texts(self, doc: int) -> list[str]:
        return self._texts[doc].split("\u0000")


@lru_cache(maxsize=1)
def _index() -> _Index:
    from .loaders import DataError, verified_file

    path = verified_file("search_index.json")
    try:
        return _Index(json.loads(path.read_bytes()))
    except ValueError as e:
        raise DataError(f"{path} cannot be read: {e}") from None


def _key(text: str, ix: _Index) -> str:
    return fold(text, ix.t2s).replace(" ", "").strip()


@lru_cache(maxsize=1)
def _actor_ids(ix: _Index) -> frozenset[str]:
    return frozenset(i for ids in ix.names.values() for i in ids)


def resolve(name: str) -> str | None:
    """The actor id behind any spelling of a state, organisation or person; None when no actor has it.

    Tries, in order: every name and alias (both scripts, English); the package's own actor ids; then the
    English spelling patterns of country_converter (Turkey, Burma, Kazakstan, Kirghizia, Byelorussia).

    Raises ValueError when the spelling is shared by several actors (the message lists them).
    """
    if not isinstance(name, str):
        raise TypeError(f"resolve() takes a name as str, not {type(name).__name__}")
    ix = _index()
    ids = ix.names.get(_key(name[:MAX_QUERY], ix), [])
    if not ids and name in _actor_ids(ix):  # the package's own id: putin_vladimir, SCO
        return name
    if not ids:  # English spellings known by country_converter's patterns (Turkey, Burma, Kirghizia...)
        from .spellings import match

        ids = match(name[:MAX_QUERY])
    if len(ids) > 1:
        shown = repr(name) if len(name) <= 60 else repr(name[:57]) + "…"
        raise ValueError(f"{shown} may mean any of {', '.join(ids)}: use a longer name")
    return ids[0] if ids else None


def _groups(query: str, ix: _Index) -> list[list[str]]:
    """Query terms, each with its alternatives: an actor's name stands for every spelling of that actor."""
    folded = fold(query, ix.t2s)
    whole = ix.names.get(folded.replace(" ", "").strip(), [])
    if len(whole) == 1:  # the query is one name of one actor, however many words it has
        return [ix.actor_terms[whole[0].lower()]]
    terms = segment(folded, ix.vocab, ix.longest)
    groups: list[list[str]] = []
    i = 0
    while i < len(terms):
        for size in range(min(4, len(terms) - i), 0, -1):  # the longest run of terms that names one actor
            ids = ix.names.get("".join(terms[i:i + size]), [])
            if len(ids) == 1:
                groups.append(ix.actor_terms[ids[0].lower()])
                i += size
                break
        else:
            groups.append([terms[i]])
            i += 1
    return groups


def _snippet(doc: int, terms: set[str], ix: _Index, width: int = 30) -> str:
    for text in ix.texts(doc):
        folded = fold(text, ix.t2s)
        hits = [folded.find(t) for t in terms if t and not t.startswith("@") and folded.find(t) >= 0]
        if hits:
            at = min(hits)
            start, end = max(0, at - width), min(len(text), at + width)
            return ("…" if start else "") + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")
    return ix.texts(doc)[0]


@overload
def search(query: str, tables: str | Iterable[str] | None = None, limit: int = 20, as_frame: Literal[True] = True) -> pd.DataFrame: ...
@overload
def search(query: str, tables: str | Iterable[str] | None = None, limit: int = 20, *, as_frame: Literal[False]) -> list[Hit]: ...
@overload
def search(query: str, tables: str | Iterable[str] | None, limit: int, as_frame: Literal[False]) -> list[Hit]: ...
def search(query: str, tables: str | Iterable[str] | None = None, limit: int = 20, as_frame: bool = True) -> pd.DataFrame | list[Hit]:
    """Records matching ``query`` across all record tables (or only ``tables``), best first.

    Searches names, notes and evidence quotes, in either script or English; a name or alias of an actor
    finds the records that use any of its spellings. Returns a DataFrame with columns table, record_id,
    name, year, snippet, source_ids and score; with ``as_frame=False`` a list of dicts with the same
    keys, without importing pandas (what the command line uses).
    """
    if not isinstance(query, str):
        raise TypeError(f"search() takes the query as str, not {type(query).__name__}")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise ValueError("limit must be a non-negative integer")
    from .tables import RECORD_TABLES, did_you_mean

    wanted = set(RECORD_TABLES if tables is None else ([tables] if isinstance(tables, str) else tables))
    unknown = wanted - set(RECORD_TABLES)
    if unknown:
        raise ValueError(f"no record table {sorted(unknown)}{did_you_mean(min(unknown), RECORD_TABLES)}; record tables are: {', '.join(RECORD_TABLES)}")
    ix = _index()
    groups = _groups(query[:MAX_QUERY], ix)
    scores: dict[int, float] = defaultdict(float)
    matched: dict[int, int] = defaultdict(int)
    for group in groups:
        best: dict[int, float] = {}
        for term in group:
            for doc, weight in ix.postings(term):
                if weight > best.get(doc, 0.0):
                    best[doc] = weight
        for doc, weight in best.items():
            scores[doc] += weight
            matched[doc] += 1
    ranked = sorted(
        ((s * matched[d] / len(groups), d) for d, s in scores.items() if ix.docs[d][0] in wanted),
        key=lambda x: (-x[0], x[1]),
    )[:limit]
    all_terms = {t for g in groups for t in g}
    hits = [dict(zip(COLUMNS, [*ix.docs[d][:4], _snippet(d, all_terms, ix), ix.docs[d][4], round(score, 3)])) for score, d in ranked]
    return _frame(hits) if as_frame else hits


def _frame(hits: list[dict]):
    import pandas as pd

    df = pd.DataFrame(hits, columns=COLUMNS)
    for column in ("table", "record_id", "name", "snippet"):
        df[column] = df[column].astype(pd.StringDtype("pyarrow"))
    df["year"] = df["year"].astype(pd.Int64Dtype())
    df["score"] = df["score"].astype(pd.Float64Dtype())
    return df
