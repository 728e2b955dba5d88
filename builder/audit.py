"""Coverage audit, per mention: every instrument name, figure, exercise name, pipeline and membership verb
in a paper is covered by a quote *whose record concerns it*, or triaged in raw/triage.toml with a reason.

A sentence that names two instruments, or an instrument and a figure, is no longer covered by one quote
for one of them: each mention is checked on its own (rules in :func:`concerns`). Segmentation uses jieba on
a Simplified copy of the text (OpenCC t2s keeps the length, so offsets map back one to one) with a domain
dictionary built from the actors and the curated record names.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eurasia_data.tables import TABLES

from . import sections
from .actors import to_simplified
from .amounts import RANK_TOKEN, is_rank
from .errors import Problems
from .quotes import Paper, squeeze

KINDS = ("instrument", "exercise", "pipeline", "membership", "figure", "table_row")
KEYWORDS = {  # Simplified: matched against jieba tokens
    "instrument": ("条约", "协定", "协议", "宪章", "宣言", "声明", "公报", "备忘录", "合约", "合同", "议定书", "公约", "章程", "纪要", "协定书", "条例"),
    "exercise": ("演习", "军演", "和平使命", "联合演练", "反恐演练"),
    "pipeline": ("管线", "管道", "输油", "输气", "油管", "气管"),
    # Verbs and status words that state a change: 成员国 / 会员国 (member state) is used in nearly every
    # sentence about an organisation and states none, so it is not a membership mention.
    "membership": ("加入", "退出", "观察员", "对话伙伴", "入会", "入盟", "创始国", "接纳", "吸纳"),
}
# A bare keyword is not a name: a preceding token that is a verb, a demonstrative or a count does not
# make one either (该声明, 签署协定, 两个协定 refer back to an instrument named elsewhere).
NOT_NAME = {
    "该", "此", "其", "这", "这个", "这些", "这项", "该项", "此项", "两项", "此次", "本次", "除了", "各方", "简称", "本", "上述", "前述", "究其", "两个", "多项", "各项", "一系列", "有关", "相关",
    "相应", "发表", "签署", "签订", "签定", "草签", "通过", "达成", "缔结", "提出", "依据", "根据", "按照", "遵守", "遵循",
    "执行", "落实", "大力", "重要", "以下", "所", "的", "了", "和", "与", "及", "在", "中", "之", "等",
    "举行", "进行", "参加", "参与", "展开", "开展", "举办", "透过", "通过", "利用", "建设", "修建", "铺设", "完成",
    "退出", "加入", "违反", "修改", "延长", "加强", "推动", "使得", "介入", "多场", "多次", "歷次",
}
# Words that make a kind of instrument, exercise or pipeline, not one named: 军事演习, 天然气管道, 安全协定.
GENERIC = {
    "军事", "联合", "反恐", "系列", "历次", "大规模", "首次", "多边", "双边", "安全", "天然气", "石油", "油气", "能源",
    "输油", "输气", "运输", "进口", "出口", "跨国", "国际", "区域", "地区", "共同", "战略", "经济", "合作", "贸易",
    "海上", "军演", "演习", "传统", "实兵", "大型", "小型", "定期", "年度", "每年", "领土", "边界", "边境", "友好",
    "政治", "军事同盟", "同盟", "防务", "和平", "全面", "新", "倡议", "累计", "全年", "营运", "详细", "有关系",
}
# Tables whose records can concern a mention of each kind.
TABLES_FOR = {
    "instrument": ("agreements", "agreement_events"),
    "exercise": ("exercises",),
    "pipeline": ("pipelines", "pipeline_events"),
    "membership": ("memberships", "agreement_events", "exercises"),  # exercises: observers sent to one
}
# A membership verb concerns the records whose event it can state.
VERB_EVENTS = {
    "加入": {"joined", "founded", "applied", "acceded", "observer", "invited", "candidate", "negotiations_opened", "expressed_interest"},
    "入会": {"joined", "applied", "acceded", "observer"},  # the thesis calls Iran's 2005 observer admission 入會 "入盟": {"joined", "applied", "candidate", "negotiations_opened"},
    "退出": {"left", "withdrawn", "suspended", "terminated", "associate"},  # 退出…完全會員國, 改為聯繫國
    "观察员": {"observer", "applied"}, "对话伙伴": {"dialogue_partner", "applied"}, "创始国": {"founded"},
}
_AMOUNT = re.compile(
    r"\d[\d,.]*\s*(?:[十百千萬億兆]+\s*(?:\d[\d,.]*\s*[十百千萬億]+\s*)*)?(?:美元|美金|人民幣|元|盧布|歐元|噸|公噸|桶|立方公尺|立方米|公里|%|％|倍|架|艘|名|人)"
    r"|\d[\d,.]*\s*[萬億兆](?:\s*\d[\d,.]*\s*[萬億])*|百分之[零一二三四五六七八九十百點]+|\d\.\d+E\+\d+"
    r"|[一二三四五六七八九十兩][一二三四五六七八九十百千萬億兩]*[十百千萬億][一二三四五六七八九十百千萬億兩]*\s*(?:美元|人民幣|盧布|噸|桶|立方米|立方公尺|公里)"
)
_TITLE = re.compile(r"《[^《》\n]{1,120}》|『[^『』\n]{1,120}』|「[^「」\n]{1,60}」")
_BRACKETS = "《》『』「」〈〉()（）"
_SENTENCE_END = "。！？；\n"
_TABLE_ROW = re.compile(r"\t")
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass
class Mention:
    """One candidate mention: a name, a figure or a verb at an exact place in a paper."""

    source_id: str
    kind: str
    line: int
    start: int  # offsets in the original text
    end: int
    text: str  # as printed, whitespace removed
    sentence: tuple[int, int]  # offsets of its sentence
    sentence_text: str
    name: str = ""  # instruments, exercises, pipelines: the name to match records against (Simplified, squeezed)
    names: list[tuple[str, str]] = field(default_factory=list)  # (table, record id) the name designates
    state: str = "untriaged"


@dataclass
class Report:
    counts: dict[tuple[str, str], Counter]  # (source, kind) -> mentions / covered / triaged / untriaged
    untriaged: list[Mention]
    problems: Problems
    mentions: list[Mention] = field(default_factory=list)

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
        words += [n for r in tables.get(name, []) for n in (r["name_zh"], *(r.get("aliases") or []))]
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


def generic(name: str, keys) -> bool:
    """Is the name only a kind (军事演习, 联合声明, 天然气管道), naming no instrument, exercise or pipeline?"""
    key = next((k for k in keys if k in name), None)
    if key is None:
        return False
    rest = name.replace(key, " ").split()
    return all(r in GENERIC or r in NOT_NAME for r in rest)


_DASHES = {ord(c): "-" for c in "－—–‐"}
_LINE_NO = re.compile(r"\s*(?:\d|[一二三四])\s*线")  # a pipeline's numbered line (2 线), after its name


def name_key(text: str) -> str:
    """How names are compared: Simplified, without whitespace and brackets, one kind of dash."""
    return to_simplified(squeeze(text)).translate({ord(c): None for c in _BRACKETS}).translate(_DASHES)


def _simplified(text: str) -> str:
    simplified = to_simplified(text)
    if len(simplified) != len(text):  # never expected: t2s maps character to character
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in text)
    return simplified


def mentions(source_id: str, text: str, tk, paper: Paper | None = None) -> list[Mention]:
    """Every mention of every kind in ``text``, in order."""
    simplified = _simplified(text)
    paper = paper or Paper.from_text(text)
    out: list[Mention] = []
    contents = sections.outline(text).toc_lines  # a table of contents repeats headings: no mentions there
    for s, e in sentences(text):
        raw = text[s:e]
        line = bisect.bisect_right(paper.line_starts, s)
        if line in contents:
            continue
        sentence_text = squeeze(raw)
        found: list[tuple[str, int, int, str]] = []  # kind, start, end, name

        titled: list[tuple[int, int]] = []
        for m in _TITLE.finditer(raw):
            inner = simplified[s + m.start():s + m.end()]
            for kind in ("instrument", "exercise"):
                # 《》『』 are titles; 「」 also marks quoted speech, so there the keyword must end the name
                # (「上海公約」, 「和平使命-2005」).
                tail = re.sub(r"[\d\s\-—－–]+$", "", inner[1:-1])
                if generic(name_key(inner), KEYWORDS[kind]) or name_key(inner).endswith("组织"):
                    continue  # a kind (「軍事演習」) or an organisation (「集體安全條約組織」), not a name
                if any(k in inner for k in KEYWORDS[kind]) if m.group()[0] != "「" else tail.endswith(KEYWORDS[kind]):
                    found.append((kind, s + m.start(), s + m.end(), name_key(m.group())))
                    titled.append((s + m.start(), s + m.end()))
                    break
        at = s
        tokens = tk.lcut(simplified[s:e], HMM=False)
        for i, tok in enumerate(tokens):
            a, b = at, at + len(tok)
            at = b
            if any(x <= a and b <= y for x, y in titled):
                continue
            for kind, keys in KEYWORDS.items():
                if any(k in tok for k in keys):
                    if kind in ("instrument", "exercise", "pipeline"):
                        j, start, prefix = i, a, []
                        while j > 0 and re.fullmatch(r"[\u4e00-\u9fff]{2,}", tokens[j - 1]) and tokens[j - 1] not in NOT_NAME and not re.fullmatch(r"第.{1,3}条", tokens[j - 1]) \
                                and (not prefix or prefix[0] in GENERIC):
                            j -= 1
                            start -= len(tokens[j])
                            prefix.insert(0, tokens[j])
                        key = next(k for k in keys if k in tok)
                        rest = [r for r in tok.split(key) if r]
                        if all(p in GENERIC for p in prefix + rest):
                            continue  # 该声明, 军事演习, 天然气管道: a reference back or a generic word, not a name
                        name = "".join(prefix) + tok
                        if kind == "instrument" and (tok.endswith("组织") or tokens[i + 1:i + 2] == ["组织"]):
                            continue  # 集体安全条约组织, 北大西洋公约组织: an organisation, not an instrument
                        if kind == "pipeline" and (line_no := _LINE_NO.match(simplified, b, e)):
                            b, name = line_no.end(), name + line_no.group()  # 中俄石油管道 2 线: the second line, its own record
                        found.append((kind, start, b, squeeze(name)))
                    else:
                        found.append((kind, a, b, ""))
                    break
        for m in _AMOUNT.finditer(raw):
            found.append(("figure", s + m.start(), s + m.end(), ""))
        for m in RANK_TOKEN.finditer(raw):  # 第二大, 第二名; 第一、第二大 is two ranks, 第一 and 第二大
            found.append(("figure", s + m.start(), s + m.end(), ""))
        if _TABLE_ROW.search(raw) and len(_DIGIT.findall(raw)) >= 2:
            lead = len(raw) - len(raw.lstrip())
            found.append(("table_row", s + lead, e, ""))
        for kind, a, b, name in sorted(found, key=lambda f: (f[1], f[2])):
            out.append(Mention(source_id, kind, line, a, b, squeeze(text[a:b]), (s, e), sentence_text, name))
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


class Records:
    """What the audit needs to know of the curated records: names, stated values, events."""

    def __init__(self, tables: dict[str, list[dict]]):
        self.rows: dict[tuple[str, str], dict] = {}
        for name, rows in tables.items():
            key = TABLES[name].id_column if name in TABLES else ""
            if key:
                for r in rows:
                    self.rows[(name, r[key])] = r
        self.by_name: dict[str, dict[str, list[str]]] = {}
        for kind, names in TABLES_FOR.items():
            index: dict[str, list[str]] = defaultdict(list)
            table = names[0]
            if kind == "membership":
                continue
            for r in tables.get(table, []):
                for n in (r.get("name_zh"), *(r.get("aliases") or [])):
                    if n and not generic(name_key(n), KEYWORDS[kind]):  # a record called 聯合聲明 names nothing
                        index[name_key(n)].append(r[TABLES[table].id_column])
            self.by_name[kind] = dict(index)

    def named(self, m: Mention) -> list[tuple[str, str]]:
        """Records that the mention's name designates: the same name, or a bracketed title within a record's
        name (or the record's name within it), at least four characters long."""
        index = self.by_name.get(m.kind)
        if not index or not m.name:
            return []
        table = TABLES_FOR[m.kind][0]
        hits = list(index.get(m.name, []))
        if not hits and m.text[:1] in _BRACKETS and len(m.name) >= 4:
            near = [n for n in index if len(n) >= 4 and (m.name in n or n in m.name)]
            best = max((len(n) for n in near if n in m.name), default=0)  # the most specific name within the title
            hits = [rid for n in near if len(n) >= best for rid in index[n]]
        # the records of one conflict set state the same instrument: each concerns the mention
        hits += [o for rid in hits for o in self.rows.get((table, rid), {}).get("conflicts_with") or []]
        return sorted({(table, rid) for rid in hits})

    def parent(self, table: str, rid: str) -> tuple[str, str] | None:
        """The agreement or pipeline an event belongs to."""
        r = self.rows.get((table, rid), {})
        if table == "agreement_events":
            return ("agreements", r.get("agreement_id"))
        if table == "pipeline_events":
            return ("pipelines", r.get("pipeline_id"))
        return None

    def amount(self, table: str, rid: str) -> tuple[float, str] | None:
        r = self.rows.get((table, rid), {})
        return (r["value"], r["unit"]) if isinstance(r.get("value"), (int, float)) and r.get("unit") else None

    def stated_values(self, table: str, rid: str) -> list[str]:
        r = self.rows.get((table, rid), {})
        values = [r.get(k) for k in ("value_stated", "length_stated", "capacity_stated", "cost_stated", "troops_stated")]
        values += [str(r[k]) for k in ("troops", "ships", "aircraft") if r.get(k) is not None]
        return [squeeze(v) for v in values if isinstance(v, str) and v]


def _figure_in(figure: str, values: list[str]) -> bool:
    """Is the printed figure one of the stated values (the number bounded as a whole token)?"""
    numbers = _NUMBER.findall(figure)
    for v in values:
        if figure in v or (v in figure and _DIGIT.search(v)):
            return True
        if numbers and v.isdigit() and numbers[0].replace(",", "") == v:
            return True
    return False


def _same_amount(figure: str, amount: tuple[float, str] | None) -> bool:
    """Is the printed figure the record's value, printed another way (62% and 62.0%, 1兆3390億美金 and 1339 十億美元)?"""
    if amount is None:
        return False
    from .amounts import AmountError, parse_amount

    try:
        parsed = parse_amount(figure)
    except (AmountError, ArithmeticError, ValueError):
        return False
    return parsed[1] == amount[1] and math.isclose(parsed[0], amount[0], rel_tol=1e-9)


def concerns(m: Mention, record: tuple[str, str], claimed: set[tuple[str, str]], records: Records) -> bool:
    """Does ``record`` (whose quote covers ``m``) concern the mention?

    - an instrument, exercise or pipeline: the record (or an event's agreement / pipeline) is one the mention
      names; a mention whose name designates no record is concerned by any record of its kind that no other
      mention in the same quote names (the curator attached the quote to it);
    - a figure: the figure is the record's stated value (value_stated, a pipeline's length, capacity or cost, an
      exercise's troops, ships or aircraft); a rank (第二大) only a rank record of that position;
    - a membership verb: a membership or agreement event whose event the verb can state;
    - a table row: any record.
    """
    table, rid = record
    if m.kind == "table_row":
        return True
    if m.kind == "figure":
        if is_rank(m.text):
            return _same_amount(m.text, records.amount(table, rid))
        return _figure_in(m.text, records.stated_values(table, rid)) or _same_amount(m.text, records.amount(table, rid))
    if table not in TABLES_FOR[m.kind]:
        return False
    if m.kind == "membership":
        if table == "exercises":
            return "观察员" in to_simplified(m.text)
        event = records.rows.get(record, {}).get("event")
        verb = next((v for v in VERB_EVENTS if v in to_simplified(m.text)), None)
        return verb is None or event in VERB_EVENTS[verb]
    target = records.parent(table, rid) or record
    if m.names:
        return target in m.names
    return target not in claimed


@dataclass
class Entry:
    """One triage item: a mention on a line (optionally in the sentence holding ``sentence``), with a reason."""

    source: str
    line: int
    mention: str
    sentence: str | None
    reason: str
    file: str
    file_line: int
    hits: list[Mention] = field(default_factory=list)

    def label(self) -> str:
        return f"triage[{self.source}]"

    def matches(self, m: Mention) -> bool:
        if m.source_id != self.source or m.line != self.line:
            return False
        key = name_key(self.mention)
        same = key in name_key(m.text) and len(key) >= 4 if m.kind == "table_row" else key == name_key(m.text)
        return same and (self.sentence is None or squeeze(self.sentence) in m.sentence_text)


def audit(texts: dict[str, str], tables: dict[str, list[dict]], triage: list[Entry], tk, triage_file: str) -> Report:
    """Classify every mention of every paper as covered, triaged or untriaged."""
    problems = Problems()
    records = Records(tables)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    untriaged: list[Mention] = []
    every: list[Mention] = []
    quotes_by_source: dict[str, dict[tuple[str, int | None], set]] = defaultdict(lambda: defaultdict(set))
    for e in tables.get("evidence", []):
        quotes_by_source[e["source_id"]][(squeeze(e["quote"]), e.get("line"))].add((e["table"], e["record_id"]))
    by_source: dict[str, list[Entry]] = defaultdict(list)
    for t in triage:
        if t.source not in texts:
            known = ", ".join(sorted(texts)) or "none"
            problems.add(t.file, t.file_line, t.label(), "source", f"unknown source {t.source!r}: its entries can never be checked (sources audited: {known})")
        else:
            by_source[t.source].append(t)
    for source_id, text in texts.items():
        paper = Paper.from_text(text)
        spans = []  # (start, end, records)
        for (q, line), recs in quotes_by_source[source_id].items():
            found_at = quote_spans(paper, [q])
            # a quote covers the occurrence its evidence row stands at (a repeated quote is pinned to one)
            placed = [(s, e) for s, e in found_at if bisect.bisect_right(paper.line_starts, s) == line]
            for s, e in placed or found_at:
                spans.append((s, e, recs))
        spans.sort(key=lambda x: (x[0], x[1]))
        found = mentions(source_id, text, tk, paper)
        for m in found:
            m.names = records.named(m)
        for s, e, recs in spans:
            inside = [m for m in found if s <= m.start and m.end <= e or (m.kind == "table_row" and s < m.end and m.start < e)]
            for m in inside:
                if m.state == "covered":
                    continue
                # a record another mention in the quote names (alone) is that mention's; a series name claims none
                claimed = {other.names[0] for other in inside if other is not m and other.kind == m.kind and len(other.names) == 1}
                if any(concerns(m, r, claimed, records) for r in recs):
                    m.state = "covered"
        entries = by_source[source_id]
        by_line: dict[int, list[Entry]] = defaultdict(list)
        for t in entries:
            by_line[t.line].append(t)
        for m in found:
            for t in by_line.get(m.line, []):
                if t.matches(m):
                    t.hits.append(m)
        for t in entries:
            _check_entry(t, problems, records)
        claimed_by: dict[int, Entry] = {}
        for t in entries:
            open_hits = [m for m in t.hits if m.state != "covered"]
            fresh = [m for m in open_hits if id(m) not in claimed_by]
            if open_hits and not fresh:  # everything it names is triaged already: a repeated entry
                first = claimed_by[id(open_hits[0])]
                problems.add(t.file, t.file_line, t.label(), "mention",
                             f"duplicate: {t.mention!r} on line {t.line} is already triaged by the entry at {first.file}:{first.file_line}")
            for m in fresh:
                claimed_by[id(m)] = t
                m.state = "triaged"
        for m in found:
            c = counts[(source_id, m.kind)]
            c["mentions"] += 1
            c[m.state] += 1
            if m.state == "untriaged":
                untriaged.append(m)
        every += found
    return Report(dict(counts), untriaged, problems, every)


def _check_entry(t: Entry, problems: Problems, records: Records) -> None:
    where = (t.file, t.file_line, t.label(), "mention")
    if not t.hits:
        problems.add(*where, f"line {t.line} has no mention {t.mention!r}"
                     + (f" in a sentence containing {t.sentence!r}" if t.sentence else "") + " (stale or wrong entry)")
        return
    open_ = [m for m in t.hits if m.state != "covered"]
    if not open_:
        problems.add(*where, f"{t.mention!r} on line {t.line} is covered by evidence now: remove the entry (stale)")
        return
    if t.sentence is None and len({m.sentence for m in t.hits}) > 1:
        problems.add(*where, f"{t.mention!r} occurs in {len({m.sentence for m in t.hits})} sentences of line {t.line}: "
                     "add sentence = a snippet of the one meant (one entry per sentence)")
    named = sorted({n for m in open_ for n in m.names})
    if len(named) == 1:  # a name shared by several records (a series, 中俄聯合聲明) may be triaged
        shown = ", ".join(f"{table}[{rid}]" for table, rid in named)
        problems.add(*where, f"{t.mention!r} names {shown}: attach its quote to the record as [[evidence]] instead of triaging it")


def format_report(report: Report, limit: int | None = None) -> str:
    lines = [f"{'source':<20} {'kind':<11} {'mentions':>9} {'covered':>8} {'triaged':>8} {'untriaged':>9}"]
    total = Counter()
    for (source, kind), c in sorted(report.counts.items()):
        lines.append(f"{source:<20} {kind:<11} {c['mentions']:>9} {c['covered']:>8} {c['triaged']:>8} {c['untriaged']:>9}")
        total.update(c)
    lines.append(f"{'all':<20} {'':<11} {total['mentions']:>9} {total['covered']:>8} {total['triaged']:>8} {total['untriaged']:>9}")
    shown = report.untriaged if limit is None else report.untriaged[:limit]
    if report.untriaged:
        lines.append(f"\n{len(report.untriaged)} untriaged mention(s):")
        for m in shown:
            hint = f" (names {', '.join(f'{t}[{r}]' for t, r in m.names)}: attach as [[evidence]])" if m.names else ""
            lines.append(f"  {m.source_id}:{m.line} [{m.kind}] {m.text[:40]}{hint} | {m.sentence_text[:70]}")
        if len(shown) < len(report.untriaged):
            lines.append(f"  ... and {len(report.untriaged) - len(shown)} more")
    if report.problems:
        lines.append("\n" + report.problems.report().replace("; nothing was written.", "."))
    return "\n".join(lines)


ITEM_KEYS = {"line", "mention", "reason"}
OPTIONAL_KEYS = {"sentence"}


def read_triage(path: Path, shown: str, problems: Problems) -> tuple[list[Entry], str]:
    """Entries of a triage file: [[triage]] blocks with `source` and `items` = [{line, mention, sentence?, reason}]."""
    from . import rawfile

    if not path.exists():
        return [], shown
    f = rawfile.read(path, shown, problems)
    entries = []
    for block in f.blocks if f else []:
        source, items = block.data.get("source"), block.data.get("items", [])
        label = f"triage[{source}]"
        if block.kind != "triage" or not isinstance(source, str) or not isinstance(items, list):
            problems.add(shown, block.line, label, "", "a triage file holds [[triage]] blocks with `source` (a source id) and `items` (a list)")
            continue
        for key in set(block.data) - {"source", "items"}:
            problems.add(shown, block.line_of(key), label, key, "unknown field of [[triage]]; allowed: source, items")
        for i, item in enumerate(items):
            line = block.row_lines[i] if i < len(block.row_lines) else block.line
            if not (isinstance(item, dict) and ITEM_KEYS <= set(item) <= ITEM_KEYS | OPTIONAL_KEYS
                    and isinstance(item["line"], int) and not isinstance(item["line"], bool)
                    and isinstance(item["mention"], str) and isinstance(item["reason"], str)
                    and isinstance(item.get("sentence", ""), str)):
                problems.add(shown, line, label, "items", "each item needs line (number), mention (the mention as printed), reason, and optionally sentence (a snippet of its sentence)")
                continue
            bad = [k for k in ("mention", "reason", "sentence") if k in item and not squeeze(item[k])]
            if bad:
                for k in bad:
                    problems.add(shown, line, label, k, f"`{k}` is empty: name the mention exactly as printed (an empty one would triage anything on its line)"
                                 if k != "reason" else "`reason` is empty: say why this mention holds no record")
                continue
            entries.append(Entry(source, item["line"], item["mention"], item.get("sentence"), item["reason"], shown, line))
    return entries, shown


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skeleton(untriaged: list[Mention]) -> str:
    """Triage entries to fill in for the untriaged mentions (reason left for the curator)."""
    out = []
    by_source = defaultdict(list)
    for m in untriaged:
        by_source[m.source_id].append(m)
    for source, ms in by_source.items():
        out.append(f'[[triage]]\nsource = "{source}"\nitems = [')
        for m in ms:
            out.append(f'  {{ line = {m.line}, mention = {_toml_string(m.text)}, sentence = {_toml_string(m.sentence_text[:24])}, reason = "" }},'
                       f'  # [{m.kind}] {m.sentence_text[:60]}')
        out.append("]\n")
    return "\n".join(out)
