"""Where a line of a paper stands in the paper's own terms: its heading path, and pages where the paper gives them.

A paper's outline is read from its text: chapter, section and numbered headings (第四章, 第一節, 參、, 一、),
front and back matter (摘要, 目錄, 參考文獻, 附錄五：…), table and figure captions (表 4-7, 圖 1), and
footnotes (註 39). Headings are short lines without sentence punctuation; the numbered paragraphs of an
appended document are not headings. A printed table of contents (``目錄``, ``表圖目次``: lines with a page
number after dot leaders) gives each heading, table and figure its page, so a line gets the page range
between the last paged heading before it and the first one after it.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# Heading kinds, outermost first; a heading closes every open heading of its level or deeper.
_NUM = "一二三四五六七八九十百〇零"
_CHAPTER = re.compile(rf"^第[{_NUM}]+章(?=\s|$)")
_SECTION = re.compile(rf"^第[{_NUM}]+節(?=\s|$)")
_PART = re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+、")
_ITEM = re.compile(rf"^[{_NUM}]+、")
_APPENDIX = re.compile(rf"^附錄(?:[{_NUM}]+[：:].*)?$")
_CAPTION = re.compile(r"^(表|圖)\s*(\d+(?:\s*[-—－–‐]\s*\d+)?)\s*[：:.]?\s*(.*)$")
_SOURCE_LINE = re.compile(r"^(參考資料|資料來源)\s*[：:]")
# Front matter and short blocks: closed by the next heading of any kind.
_BLOCKS = {"摘要": "摘要", "中文摘要": "中文摘要", "英文摘要": "英文摘要", "謝辭": "謝辭", "abstract": "Abstract",
           "目錄": "目錄", "目次": "目錄", "表圖目次": "表圖目次", "圖表目次": "表圖目次", "表目次": "表目次", "圖目次": "圖目次"}
_BACK = {"參考文獻": "參考文獻", "參考書目": "參考文獻"}
TOC_BLOCKS = {"目錄", "表圖目次", "表目次", "圖目次"}
_TOC_LINE = re.compile(r"(?:\.{2,}|…+|\t)\s*([0-9]+|[IVXLC]+)\s*$")
_SENTENCE = re.compile(r"[。，；！？]|, ")
MAX_DOCUMENT_ITEM = 20  # in an appended document, a numbered heading is short; longer 一、 lines are its articles
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_FOOTNOTE = re.compile(r"^(?:<sup>(\d+)</sup>|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*\S")
_DASHES = re.compile(r"\s*[-—－–‐]\s*")
MAX_HEADING = 45  # characters: longer lines are paragraphs


@dataclass
class Node:
    """A heading, caption or footnote: where it starts, its level and the label it adds to the path."""

    line: int
    level: int  # 0 = block closed by any heading, 1 chapter / appendix / back matter, 2 節, 3 壹、, 4 一、, 5 caption, 6 footnote
    label: str
    key: str  # normalised text, to match it with its table-of-contents entry
    page: int | None = None


@dataclass
class Outline:
    """The outline of one paper: every node in line order, and the lines of its tables of contents."""

    nodes: list[Node]
    toc_lines: set[int] = field(default_factory=set)
    paths: list[str] = field(default_factory=list)  # heading path at each node (same order as nodes)
    ends: list[int] = field(default_factory=list)  # last line each caption/footnote node covers

    def in_toc(self, line: int) -> bool:
        return line in self.toc_lines

    def section(self, line: int) -> str:
        """The heading path at ``line`` as the paper prints it, e.g. ``第四章 > 第一節 > 參、中亞能源通道之建構``."""
        i = bisect.bisect_right([n.line for n in self.nodes], line) - 1
        while i >= 0 and self.nodes[i].level >= 5 and line > self.ends[i]:
            i -= 1  # past the end of a caption's table or a footnote: back to the enclosing heading
        return self.paths[i] if i >= 0 else "(title page)"

    def pages(self, line: int) -> tuple[int | None, int | None]:
        """First and last page ``line`` can be on: the pages of the nearest paged nodes before and after it."""
        lines = [n.line for n in self.nodes]
        i = bisect.bisect_right(lines, line)
        before = next((n.page for n in reversed(self.nodes[:i]) if n.page is not None), None)
        after = next((n.page for n in self.nodes[i:] if n.page is not None), None)
        if before is None:
            return None, None
        return before, after if after is not None and after >= before else None


def _unify(text: str) -> str:
    """CJK compatibility ideographs (U+F900-U+FAFF, e.g. a 參 some PDFs emit) as their unified ideograph."""
    return "".join(unicodedata.normalize("NFKC", c) if "\uf900" <= c <= "\ufaff" else c for c in text)


def _clean(line: str) -> str:
    text = re.sub(r"^#+\s*", "", _unify(line).strip())
    text = re.sub(r"^\*\*(.*)\*\*$", r"\1", text).strip()
    return re.sub(r"\s+", " ", text)


def _key(text: str) -> str:
    text = _DASHES.sub("-", text)
    return re.sub(r"[\s.:：。、，*]", "", text)


def _heading(text: str) -> tuple[int, str] | None:
    """(level, label) when ``text`` (one cleaned line) is a heading."""
    squeezed = text.replace(" ", "")
    if squeezed.lower() in _BLOCKS:
        return 0, _BLOCKS[squeezed.lower()]
    if squeezed in _BACK:
        return 1, _BACK[squeezed]
    if len(text) > MAX_HEADING or _SENTENCE.search(text) or _TOC_LINE.search(text) or text.endswith(("：", ":", ",")):
        return None
    if m := _CHAPTER.match(text):
        return 1, m.group(0)
    if _APPENDIX.match(squeezed):
        return 1, squeezed
    if m := _SECTION.match(text):
        return 2, m.group(0)
    if _PART.match(text):
        return 3, re.sub(r"、\s+", "、", text)
    if _ITEM.match(text):
        return 4, re.sub(r"、\s+", "、", text)
    return None


def outline(text: str) -> Outline:
    """Read the outline of a paper from its text (1-based line numbers)."""
    lines = text.split("\n")
    nodes: list[Node] = []
    ends: list[int] = []
    toc_lines: set[int] = set()
    toc_entries: list[tuple[str, int | None]] = []  # (key, page) in the order printed
    in_toc = appendix = False
    for number, raw in enumerate(lines, 1):
        text = _clean(raw)
        if not text:
            continue
        head = _heading(text)
        if in_toc:
            if m := _TOC_LINE.search(raw):
                toc_lines.add(number)
                page = m.group(1)
                toc_entries.append((_key(_TOC_LINE.sub("", raw).strip(" .…\t")), int(page) if page.isdigit() else None))
                continue
            if head is not None and head[0] == 0 and head[1] in TOC_BLOCKS:
                toc_lines.add(number)
                nodes.append(Node(number, 0, head[1], _key(head[1])))
                ends.append(number)
                continue
            if head is None and len(text) <= MAX_HEADING and not _SENTENCE.search(text):
                toc_lines.add(number)  # a title of the list (附錄) printed without a page number
                continue
            in_toc = False
        if head is not None and head[0] == 4 and appendix and len(text) > MAX_DOCUMENT_ITEM:
            head = None
        if head is not None:
            level, label = head
            if level <= 1:
                appendix = label.startswith("附錄")
            in_toc = level == 0 and label in TOC_BLOCKS
            if in_toc:
                toc_lines.add(number)
            nodes.append(Node(number, level, label, _key(text)))
            ends.append(number)
            continue
        if m := _CAPTION.match(text):
            if len(text) <= 80 and not _SENTENCE.search(m.group(3).rstrip("。.")):
                label = f"{m.group(1)} {_DASHES.sub('-', m.group(2))}"
                nodes.append(Node(number, 5, label, _key(text)))
                ends.append(_caption_end(lines, number))
                continue
        if m := _FOOTNOTE.match(raw.strip()):
            mark = (m.group(1) or m.group(2)).translate(_SUPERSCRIPT)
            nodes.append(Node(number, 6, f"註 {int(mark)}", ""))
            ends.append(number)
    _assign_pages(nodes, toc_entries)
    return Outline(nodes, toc_lines, _paths(nodes), ends)


def _caption_end(lines: list[str], start: int) -> int:
    """Last line of the table or figure whose caption is on ``start``: its source line, or before the next heading."""
    for number in range(start + 1, len(lines) + 1):
        text = _clean(lines[number - 1])
        if not text:
            continue
        if _SOURCE_LINE.match(text):
            return number
        if _heading(text) is not None or _CAPTION.match(text):
            return number - 1
    return len(lines)


def _paths(nodes: list[Node]) -> list[str]:
    open_: list[Node] = []
    out = []
    for node in nodes:
        open_ = [n for n in open_ if n.level != 0 and n.level < node.level and n.level < 5]
        open_.append(node)
        out.append(" > ".join(n.label for n in open_))
    return out


def _assign_pages(nodes: list[Node], toc_entries: list[tuple[str, int | None]]) -> None:
    """Give each heading and caption the page of its table-of-contents entry, matched in printed order."""
    if not toc_entries:
        return
    pointers = {"heading": 0, "表": 0, "圖": 0}

    def kind(key: str) -> str:
        return key[0] if key[:1] in ("表", "圖") and key[1:2].isdigit() else "heading"

    streams = {k: [(key, page) for key, page in toc_entries if kind(key) == k] for k in pointers}
    last_page = 0
    for node in nodes:
        if node.level == 6 or not node.key or node.label in TOC_BLOCKS:
            continue
        k = kind(node.key)
        entries = streams[k]
        for j in range(pointers[k], len(entries)):
            key, page = entries[j]
            if _same(node.key, key, k) and (page is None or page >= last_page or k != "heading"):
                node.page = page
                pointers[k] = j + 1
                break
        if node.page is not None and k == "heading":
            last_page = node.page
    # A caption's page from the list of tables must agree with the headings around it, else it is a misprint.
    paged = [(n.line, n.page) for n in nodes if n.page is not None and n.level < 5]
    for node in nodes:
        if node.level == 5 and node.page is not None:
            i = bisect.bisect_right([line for line, _ in paged], node.line)
            low = paged[i - 1][1] if i else 0
            high = paged[i][1] if i < len(paged) else None
            if node.page < low or (high is not None and node.page > high):
                node.page = None


def _same(body: str, toc: str, kind: str) -> bool:
    if kind == "heading":
        return body == toc or (len(toc) >= 4 and (body.startswith(toc) or toc.startswith(body)))
    # captions: the number or the title matches (a figure misnumbered in the text still matches its title, a
    # table retitled still matches its number)
    number = re.compile(r"^.\d+(?:-\d+)?")
    return body == toc or number.sub("", body) == number.sub("", toc) or number.match(body).group(0) == number.match(toc).group(0)
