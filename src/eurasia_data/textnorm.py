"""Text normalisation shared by the build (which indexes) and the package (which searches).

Both sides fold text the same way: Unicode NFKC, case folding, and Traditional → Simplified characters
from a table the build derives from OpenCC and ships, so a search needs neither OpenCC nor jieba.
Characters are classified by hand rather than with ``re``: the search imports no ``re`` (about 8 ms of
a first search); tests/test_search_cost.py checks the scanner against the regular expressions it replaces.
"""

from __future__ import annotations

import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

STOPWORDS = frozenset(
    "the of and a an in to is on for by with as at from that this it be was are or its not no "
    "的 了 在 和 與 与 及 等 之 也 而 其 於 于 為 为 是 有 並 并 將 将 對 对 以".split()
)
WORD = r"[0-9a-z]+(?:[.'][0-9a-z]+)*"  # a Latin term, as word_end() matches it
CJK = r"[\u3400-\u9fff\uf900-\ufaff]"  # a CJK character, as is_cjk() tests it
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def fold(text: str, t2s: Mapping[int, str]) -> str:
    """NFKC, case-folded, Simplified: the form in which the index stores terms. ``t2s`` is a ``str.translate``
    table of single characters (``str.maketrans``), so folding keeps the length of CJK text."""
    return unicodedata.normalize("NFKC", text).casefold().translate(t2s)


def is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def word_end(text: str, i: int) -> int:
    """End of the Latin term (``WORD``) that starts at ``i``, or ``i`` when none does: letters and digits,
    joined by single dots or apostrophes (u.s, 2.5, xi'an)."""
    n = len(text)
    j = i
    while j < n and text[j] in _ALNUM:
        j += 1
    if j == i:
        return i
    while j + 1 < n and text[j] in ".'" and text[j + 1] in _ALNUM:
        j += 2
        while j < n and text[j] in _ALNUM:
            j += 1
    return j


def is_term(token: str) -> bool:
    token = token.strip()
    return bool(token) and token not in STOPWORDS and (any(map(is_cjk, token)) or word_end(token, 0) == len(token))


def segment(text: str, vocab: frozenset[str] | set[str], longest: int) -> list[str]:
    """Split folded text into index terms: Latin words and numbers whole, CJK by longest vocabulary match
    (single characters where nothing longer matches)."""
    terms: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if is_cjk(c):
            for size in range(min(longest, n - i), 0, -1):
                piece = text[i:i + size]
                if size == 1 or piece in vocab:
                    if is_term(piece):
                        terms.append(piece)
                    i += size
                    break
        elif c.isascii() and c.isalnum():
            end = word_end(text, i)
            if end == i:
                i += 1
                continue
            if is_term(text[i:end]):
                terms.append(text[i:end])
            i = end
        else:
            i += 1
    return terms
