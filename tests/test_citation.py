"""Citations: one source's entry, APA text, the dataset's year and version, and fields only from the papers."""

from __future__ import annotations

import re

import pytest

import eurasia_data
from builder import release
from conftest import ROOT


def test_one_sources_entry():
    bib = eurasia_data.cite("lin-sco-thesis")
    assert bib.count("@") == 1 and bib.startswith("@mastersthesis{linscothesis,")
    assert "year = {2013}" in bib and "school = {國立臺灣大學社會科學院國家發展研究所" in bib
    assert "eurasia-data maintainers" not in bib
    with pytest.raises(ValueError, match="no source 'nope'; known sources: kuo-huang-triangle"):
        eurasia_data.cite("nope")
    with pytest.raises(ValueError, match="unknown citation style 'mla'"):
        eurasia_data.cite(style="mla")


def test_apa_references():
    apa = eurasia_data.cite(style="apa").splitlines()
    assert len(apa) == 1 + len(eurasia_data.load_sources())
    meta = eurasia_data.manifest()
    year = meta["released"][:4] if meta["released"] else "unreleased"
    assert apa[0] == (f"eurasia-data maintainers. ({year}). eurasia-data: curated, evidence-backed tables of Eurasian politics "
                      f"from Chinese-language papers (Version {eurasia_data.__version__}) [Data set]. Python package eurasia-data on PyPI.")
    assert "林伯雍 (Po-Yung Lin). (2013). 後冷戰時期中共對美平衡戰略：上海合作組織個案研究 [China's Balancing Strategy" in apa[4]
    assert apa[4].endswith("[Master's thesis, 國立臺灣大學社會科學院國家發展研究所 (Graduate Institute of National Development, College of Social Sciences, National Taiwan University)].")
    assert apa[2].startswith("李亞明 (Yamin Lee). (n.d.). ")  # the paper prints no year of publication
    assert apa[1].startswith("郭建中 (Jiann-Jong Guo), & 黃惠華 (Huei-Hua Huang). (n.d.).")
    assert apa[3].endswith("Initiative]. 戰略瞭望.")


def test_the_dataset_entry_has_the_release_year_and_version():
    meta = eurasia_data.manifest()
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert meta["released"] == release.released(ROOT / "CITATION.cff")
    bib = eurasia_data.cite()
    dataset = bib.split("\n\n")[0]
    assert f"version = {{{eurasia_data.__version__}}}" in dataset
    if meta["released"]:
        assert f"year = {{{meta['released'][:4]}}}" in dataset and "unreleased" not in dataset
        # CITATION.cff dates the release the CHANGELOG dates
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        assert f"## {eurasia_data.__version__} ({meta['released']})" in changelog
    else:
        assert "year =" not in dataset and f"version {eurasia_data.__version__} (unreleased)" in dataset
        assert not re.search(r"^date-released:", cff, re.M) or re.search(r"^version: (.+)$", cff, re.M).group(1) != eurasia_data.__version__


def test_release_date_only_for_this_version(tmp_path):
    cff = tmp_path / "CITATION.cff"
    assert release.released(cff) is None  # no file (an sdist without it): unreleased
    cff.write_text(f"cff-version: 1.2.0\nversion: {eurasia_data.__version__}\ndate-released: 2030-01-02\n", encoding="utf-8")
    assert release.released(cff) == "2030-01-02"
    cff.write_text("cff-version: 1.2.0\nversion: 9.9.9\ndate-released: 2030-01-02\n", encoding="utf-8")
    assert release.released(cff) is None  # the date belongs to another version
    cff.write_text(f"version: {eurasia_data.__version__}\n", encoding="utf-8")
    assert release.released(cff) is None


def test_citation_file_matches_the_sources():
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    refs = cff.split("references:")[1].split("  - type: ")[1:]
    sources = eurasia_data.load_records("sources")
    assert len(refs) == len(sources)
    for s in sources:
        (ref,) = [r for r in refs if s.title_zh in r]
        assert ("year: " in ref) == (s.year is not None) and (s.year is None or f"year: {s.year}" in ref)
        if s.venue is not None:
            assert s.venue in ref


def test_every_bibliographic_field_is_explained():
    for s in eurasia_data.load_records("sources"):
        assert s.citation_note, f"{s.source_id}: say where the bibliographic fields come from"
        for name in ("year", "venue", "volume", "issue", "pages"):
            value = getattr(s, name)
            if value is not None:
                assert name in s.citation_note, f"{s.source_id}: the note does not say where {name} was read"


def test_bibliographic_fields_are_printed_in_the_paper(sources):
    """Year and venue come from the paper's own text: the year (or its ROC year) and the venue's name are in it."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in sources.iterdir()}
    for s in eurasia_data.load_records("sources"):
        text = texts[s.file_name]
        if s.year is not None:
            assert str(s.year) in text or f"民國 {s.year - 1911} 年" in text
        if s.venue is not None:
            assert s.venue.split(" (")[0] in text
        for name in ("volume", "issue", "pages"):
            value = getattr(s, name)
            assert value is None or value in text
