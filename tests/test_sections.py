"""Where a quote stands: heading paths, pages from a printed table of contents, prefix/suffix, repeated quotes."""

from __future__ import annotations

import pandas as pd
import pytest

from builder import quotes, sections
from builder.pipeline import assemble
from conftest import ROOT, SOURCES

ARTICLE = """\
標題

摘 要

本文旨在探究。

## 壹、前言

正文一句。¹

¹ 一個註腳，說明出處。

### 一、歷史背景

表 1：成員國

1991 年\t1993 年

資料來源：Wikipedia。

表後的正文，不在表中。

貳、結論
"""

THESIS = """\
目錄

第一章 緒論.....\t1
第一節 問題意識.....\t1
壹、 前言.....\t3
附錄.....\t10
附錄一：宣言(1998年7月3日).....\t10

表圖目次

表 1—1 比較表.....\t4

第一章 緒論

第一節 問題意識

正文。

壹、前言

表 1-1: 比較表.

甲\t乙

參考資料：作者自製。

附錄

附錄一：宣言(1998年7月3日)

一、各方一致認為，任何形式的民族分裂主義都是不能接受的，各方將採取措施打擊國際恐怖主義

末段。
"""


def test_heading_paths_of_an_article():
    o = sections.outline(ARTICLE)
    lines = ARTICLE.split("\n")

    def at(text):
        return o.section(next(i for i, line in enumerate(lines, 1) if text in line))

    assert at("標題") == "(title page)"
    assert at("本文旨在探究") == "摘要"
    assert at("正文一句") == "壹、前言"
    assert at("一個註腳") == "壹、前言 > 註 1"
    assert at("1991 年") == "壹、前言 > 一、歷史背景 > 表 1"
    assert at("資料來源") == "壹、前言 > 一、歷史背景 > 表 1"
    assert at("表後的正文") == "壹、前言 > 一、歷史背景"
    assert at("貳、結論") == "貳、結論"
    assert not o.toc_lines and o.pages(5) == (None, None)


def test_pages_from_a_printed_table_of_contents():
    o = sections.outline(THESIS)
    lines = THESIS.split("\n")

    def line(text, start=0):
        return next(i for i, l in enumerate(lines, 1) if text in l and i > start)

    toc_end = line("表 1—1")
    assert all(o.in_toc(n) for n in range(2, toc_end + 1) if lines[n - 1].strip())
    assert not o.in_toc(line("第一章 緒論", toc_end))
    assert o.section(line("正文。")) == "第一章 > 第一節"
    assert o.pages(line("正文。")) == (1, 3)  # between 第一節 (p. 1) and 壹、 (p. 3)
    assert o.section(line("甲")) == "第一章 > 第一節 > 壹、前言 > 表 1-1"
    assert o.pages(line("甲")) == (4, 10)  # the list of tables puts 表 1-1 on p. 4; 附錄 starts on p. 10
    assert o.section(line("一、各方")) == "附錄一：宣言(1998年7月3日)"  # an appended document's article, not a heading
    assert o.pages(line("末段")) == (10, None)  # the last part: its last page is not printed


def test_context_is_a_few_characters_either_side():
    text = "前面的文字，一段引文在此，後面的文字。"
    start = text.index("一段引文")
    assert quotes.context(text, start, start + 4) == ("前面的文字，", "在此，後面的文字。"[:8])
    spaced = "Vladimir\n  Putin 訪問\n中國大陸"
    assert quotes.context(spaced, spaced.index("訪"), spaced.index("訪") + 2) == ("r Putin ", "中國大陸")


@pytest.fixture(scope="module")
def evidence():
    if not SOURCES.is_dir():
        pytest.skip("source texts not available (set EURASIA_SOURCES)")
    result, _ = assemble(ROOT / "raw", SOURCES)
    return pd.DataFrame(result.tables["evidence"]), {sid: t for sid, t in result.texts.items()}


def test_every_row_has_a_section_and_none_points_into_a_table_of_contents(evidence):
    ev, texts = evidence
    assert ev.section.notna().all() and (ev.section != "").all()
    for sid, text in texts.items():
        o = sections.outline(text)
        rows = ev[ev.source_id == sid]
        inside = rows[rows.line.map(o.in_toc)]
        assert inside.empty, inside[["record_id", "line", "quote"]].to_string()
        assert not rows.section.str.contains("目錄|表圖目次").any()
    thesis = ev[ev.source_id == "lin-sco-thesis"]
    assert thesis.page_start.notna().all()
    assert (thesis.page_end.dropna() >= thesis.page_start[thesis.page_end.notna()]).all()
    # only the last appendix has no printed last page
    assert set(thesis[thesis.page_end.isna()].section.str.split(" > ").str[0]) <= {"附錄十：上海合作組織睦鄰友好條約（2007年8月16日）"}
    assert ev[ev.source_id != "lin-sco-thesis"].page_start.isna().all()  # the journal papers print no page numbers


def test_appendix_titles_and_footnotes_are_placed_where_they_stand(evidence):
    ev, _ = evidence
    almaty = ev[(ev.record_id == "s5-almaty-statement-1998") & (ev.quote == "附錄五：阿拉木圖宣言(1998年7月3日)")].iloc[0]
    assert almaty.line == 2512 and almaty.section == "附錄五：阿拉木圖宣言(1998年7月3日)" and almaty.page_start == 151
    fn = ev[(ev.record_id == "lin5-sco-defence-ministries-cooperation-agreement") & (ev.line == 1449)]
    assert len(fn) == 1 and fn.iloc[0].section.endswith("> 註 55")  # was placed on line 1169 and then dropped
    t47 = ev[ev.section.str.endswith("表 4-7")]
    assert len(t47) and (t47.page_start == 73).all()
    part = ev[ev.section == "第四章 > 第一節 > 參、中亞能源通道之建構 > 一、雙邊能源合作"]
    assert len(part) and (part.page_start >= 66).all() and (part.page_end <= 74).all()  # 二、 starts on p. 74


def test_prefix_quote_suffix_is_found_in_the_paper(evidence):
    ev, texts = evidence
    papers = {sid: quotes.Paper.from_text(t) for sid, t in texts.items()}
    for row in ev.itertuples():
        whole = quotes.squeeze(row.prefix + row.quote + row.suffix)
        assert whole in papers[row.source_id].squeezed, (row.record_id, row.quote)
    assert (ev.prefix.str.len() <= quotes.CONTEXT).all() and (ev.suffix.str.len() <= quotes.CONTEXT).all()


def test_a_build_without_the_texts_gives_the_same_locators(evidence):
    ev, _ = evidence
    without, _ = assemble(ROOT / "raw", None)
    columns = ["table", "record_id", "source_id", "quote", "line", "section", "page_start", "page_end", "prefix", "suffix"]
    a = ev[columns].sort_values(columns[:5]).reset_index(drop=True)
    b = pd.DataFrame(without.tables["evidence"])[columns].sort_values(columns[:5]).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_committed_locations_are_current(evidence, sources):
    _, verified = assemble(ROOT / "raw", sources)
    committed = (ROOT / "raw" / "quote_lines.tsv").read_text(encoding="utf-8")
    assert quotes.format_locations(verified) == committed, "raw/quote_lines.tsv is stale: run python build.py --sources ... and commit it"
