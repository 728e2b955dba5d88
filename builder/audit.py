"""Coverage audit: every sentence of a paper that could hold a record is either covered by an evidence
quote or triaged in raw/triage.toml with a reason. Completeness becomes checkable, not trusted.

Segmentation uses jieba on a Simplified copy of the text (OpenCC t2s keeps the length, so offsets map
back one to one) with a domain dictionary built from the actors and the curated record names.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .actors import to_simplified
from .errors import Problems
from .quotes import Paper, squeeze

KINDS = ("instrument", "exercise", "pipeline", "membership", "figure", "table_row")
KEYWORDS = {  # Simplified: matched against jieba tokens
    "instrument": ("条约", "协定", "协议", "宪章", "宣言", "声明", "公报", "备忘录", "合约", "合同", "议定书", "公约", "章程", "纪要", "协定书"),
    "exercise": ("演习", "军演", "和平使命", "联合演练", "反恐演练"),
    "pipeline": ("管线", "管道", "输油", "输气", "油管", "气管"),
    "membership": ("加入", "退出", "观察员", "对话伙伴", "成员国", "入会", "入盟", "会员国", "创始国"),
}
_AMOUNT = re.compile(
    r"\d[\d,.]*\s*(?:[十百千萬億兆]+\s*)?(?:美元|美金|人民幣|元|盧布|歐元|噸|公噸|桶|立方公尺|立方米|公里|%|％|倍|架|艘|名|人)"
    r"|\d[\d,.]*\s*[萬億兆]|百分之[零一二三四五六七八九十百]+|\d\.\d+E\+\d+"
)
_SENTENCE_END = "。！？；\n"
_TABLE_ROW = re.compile(r"\t")
_NUMBER = re.compile(r"\d")


@dataclass
class Candidate:
    source_id: str
    line: int
    start: int  # offsets in the original text
    end: int
    text: str
    kinds: set[str] = field(default_factory=set)


@dataclass
class Report:
    counts: dict[tuple[str, str], Counter]  # (source, kind) -> candidates / covered / triaged / untriaged
    untriaged: list[Candidate]
    problems: Problems

    def ok(self) -> bool:
        return not self.untriaged and not self.problems


def tokenizer(cache_dir: Path, words: list[str]):
    """A jieba tokenizer whose cache lives in ``cache_dir`` and which knows the domain ``words``."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache_dir.mkdir(parents=True, exist_ok=True)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir)
    tk.cache_file = "jieba.cache"
    tk.initialize()
    for w in sorted(set(words)):
        if len(w) >= 2:
            tk.add_word(to_simplified(w), freq=100_000)
    return tk


def domain_words(tables: dict[str, list[dict]]) -> list[str]:
    words = []
    for a in tables.get("actors", []):
        words += [a["name_zh_hant"], a["name_zh_hans"], *[x for x in a["aliases"] if re.search(r"[\u4e00-\u9fff]", x)]]
    for name in ("agreements", "exercises", "pipelines"):
        words += [r["name_zh"] for r in tables.get(name, [])]
    words += [k for ks in KEYWORDS.values() for k in ks]
    return [w for w in words if w and len(w) <= 20]


def sentences(text: str):
    """(start, end) of each sentence: split at 。！？； and line ends; a table row (tabs) is one sentence."""
    start = 0
    for i, c in enumerate(text):
        if c in _SENTENCE_END:
            if text[start:i + 1].strip():
                yield start, i + 1
            start = i + 1
    if text[start:].strip():
        yield start, len(text)


def candidates(source_id: str, text: str, tk, paper: Paper | None = None) -> list[Candidate]:
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # never expected: t2s maps character to character
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in text)
    paper = paper or Paper.from_text(text)
    out = []
    for start, end in sentences(text):
        raw = text[start:end]
        kinds = set()
        tokens = tk.lcut(simplified[start:end], HMM=False)
        for kind, keys in KEYWORDS.items():
            if any(k in tok for tok in tokens for k in keys):
                kinds.add(kind)
        if _AMOUNT.search(raw):
            kinds.add("figure")
        if _TABLE_ROW.search(raw) and len(_NUMBER.findall(raw)) >= 2:
            kinds.add("table_row")
        if kinds:
            line = bisect.bisect_right(paper.line_starts, start)
            out.append(Candidate(source_id, line, start, end, raw.strip(), kinds))
    return out


def quote_spans(paper: Paper, quotes: list[str]) -> list[tuple[int, int]]:
    """Original-text spans of every occurrence of every quote (whitespace ignored)."""
    spans = []
    for q in set(squeeze(q) for q in quotes):
        if not q:
            continue
        at = paper.squeezed.find(q)
        while at >= 0:
            spans.append((paper.offsets[at], paper.offsets[at + len(q) - 1] + 1))
            at = paper.squeezed.find(q, at + 1)
    return sorted(spans)


def audit(texts: dict[str, str], evidence: list[dict], triage: list[dict], tk, triage_file: str) -> Report:
    """Classify every candidate of every paper as covered, triaged or untriaged."""
    problems = Problems()
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    untriaged = []
    quotes_by_source = defaultdict(list)
    for e in evidence:
        quotes_by_source[e["source_id"]].append(e["quote"])
    triage_by_source = defaultdict(list)
    for t in triage:
        triage_by_source[t["source"]].append(t)
    for source_id, text in texts.items():
        paper = Paper.from_text(text)
        spans = quote_spans(paper, quotes_by_source[source_id])
        cands = candidates(source_id, text, tk, paper)
        used = set()
        for c in cands:
            covered = any(s < c.end and c.start < e for s, e in spans)
            hit = None
            if not covered:
                for t in triage_by_source[source_id]:
                    if t["line"] == c.line and squeeze(t["text"]) in squeeze(c.text):
                        hit = t
                        break
            if hit is not None:
                used.add(id(hit))
            state = "covered" if covered else "triaged" if hit is not None else "untriaged"
            for kind in c.kinds:
                counts[(source_id, kind)]["candidates"] += 1
                counts[(source_id, kind)][state] += 1
            if state == "untriaged":
                untriaged.append(c)
        for t in triage_by_source[source_id]:
            if id(t) not in used:
                problems.add(t.get("_file", triage_file), t.get("_line", 0), f"triage[{source_id}]", "text",
                             f"line {t['line']} has no uncovered candidate sentence containing {t['text']!r} (stale or wrong entry)")
    return Report(dict(counts), untriaged, problems)


def format_report(report: Report, limit: int | None = None) -> str:
    lines = [f"{'source':<20} {'kind':<11} {'candidates':>10} {'covered':>8} {'triaged':>8} {'untriaged':>9}"]
    total = Counter()
    for (source, kind), c in sorted(report.counts.items()):
        lines.append(f"{source:<20} {kind:<11} {c['candidates']:>10} {c['covered']:>8} {c['triaged']:>8} {c['untriaged']:>9}")
        total.update(c)
    lines.append(f"{'all':<20} {'':<11} {total['candidates']:>10} {total['covered']:>8} {total['triaged']:>8} {total['untriaged']:>9}")
    shown = report.untriaged if limit is None else report.untriaged[:limit]
    if report.untriaged:
        lines.append(f"\n{len(report.untriaged)} untriaged candidate sentence(s):")
        for c in shown:
            lines.append(f"  {c.source_id}:{c.line} [{','.join(sorted(c.kinds))}] {c.text[:90]}")
        if len(shown) < len(report.untriaged):
            lines.append(f"  ... and {len(report.untriaged) - len(shown)} more")
    if report.problems:
        lines.append("\n" + report.problems.report().replace("; nothing was written.", "."))
    return "\n".join(lines)


def read_triage(path: Path, shown: str, problems: Problems) -> tuple[list[dict], str]:
    """Entries of a triage file: [[triage]] blocks with `source` and `items` = [{line, text, reason}]."""
    from . import rawfile

    if not path.exists():
        return [], shown
    f = rawfile.read(path, shown, problems)
    entries = []
    for block in f.blocks if f else []:
        source, items = block.data.get("source"), block.data.get("items", [])
        for i, item in enumerate(items):
            line = block.row_lines[i] if i < len(block.row_lines) else block.line
            if not (isinstance(item, dict) and set(item) == {"line", "text", "reason"} and isinstance(item["line"], int)
                    and isinstance(item["text"], str) and isinstance(item["reason"], str) and item["reason"].strip()):
                problems.add(shown, line, f"triage[{source}]", "items", "each item needs exactly line (number), text (a snippet of the sentence) and a non-empty reason")
                continue
            entries.append(item | {"source": source, "_line": line, "_file": shown})
    return entries, shown


def skeleton(untriaged: list[Candidate]) -> str:
    """Triage entries to fill in for the untriaged candidates (reason left for the curator)."""
    out = []
    by_source = defaultdict(list)
    for c in untriaged:
        by_source[c.source_id].append(c)
    for source, cands in by_source.items():
        out.append(f'[[triage]]\nsource = "{source}"\nitems = [')
        for c in cands:
            snippet = squeeze(c.text)[:24].replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'  {{ line = {c.line}, text = "{snippet}", reason = "" }},  # [{",".join(sorted(c.kinds))}] {squeeze(c.text)[:60]}')
        out.append("]\n")
    return "\n".join(out)
