"""Text normalisation shared by the build (which indexes) and the package (which searches).

Both sides fold text the same way: Unicode NFKC, case folding, and Traditional → Simplified characters
from a table the build derives from OpenCC and ships, so a search needs neither OpenCC nor jieba.
"""

from __future__ import annotations

import re
import unicodedata

STOPWORDS = frozenset(
    "the of and a an in to is on for by with as at from that this it be was are or its not no "
    "的 了 在 和 與 与 及 等 之 也 而 其 於 于 為 为 是 有 並 并 將 将 對 对 以".split()
)
_WORD = re.compile(r"[0-9a-z]+(?:[.'][0-9a-z]+)*")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def fold(text: str, t2s: dict[str, str]) -> str:
    """NFKC, case-folded, Simplified: the form in which the index stores terms. Keeps the length of CJK text."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(t2s.get(c, c) for c in text)


def is_term(token: str) -> bool:
    token = token.strip()
    return bool(token) and token not in STOPWORDS and bool(_CJK.search(token) or _WORD.fullmatch(token))


def segment(text: str, vocab: frozenset[str] | set[str], longest: int) -> list[str]:
    """Split folded text into index terms: Latin words and numbers whole, CJK by longest vocabulary match
    (single characters where nothing longer matches)."""
    terms: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if _CJK.match(c):
            for size in range(min(longest, n - i), 0, -1):
                piece = text[i:i + size]
                if size == 1 or piece in vocab:
                    if is_term(piece):
                        terms.append(piece)
                    i += size
                    break
        elif c.isascii() and c.isalnum():
            m = _WORD.match(text, i)
            if m is None:
                i += 1
                continue
            if is_term(m.group()):
                terms.append(m.group())
            i = m.end()
        else:
            i += 1
    return terms
