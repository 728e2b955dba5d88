"""Parties of SCO documents that name none: the SCO's members at the document's date, flagged as derived."""

from __future__ import annotations

import datetime

import pytest

import eurasia_data
from builder.parties import counts, members_at
from builder.records import Row
from conftest import build_problems


def membership(member: str, event: str, high: datetime.date | None, **extra) -> Row:
    data = {"membership_id": f"{member}-{event}-{high}", "org_id": "SCO", "member_id": member, "event": event, "date_max": high, "note": None, "assessment": None} | extra
    return Row("memberships", data, "x.toml", 1, {})


D = datetime.date


def test_members_at_a_date():
    rows = {r.data["membership_id"]: r for r in [
        membership("CHN", "founded", D(2001, 6, 15)),
        membership("UZB", "joined", D(2001, 12, 31)),  # year precision: certain only from 2002
        membership("IRN", "joined", D(2005, 12, 31), assessment="likely_error"),
        membership("IND", "joined", D(2017, 6, 9)),
        membership("GEO", "joined", D(2003, 1, 1)), membership("GEO", "left", D(2009, 8, 18)),
        membership("PAK", "observer", D(2005, 7, 5)),
        membership("TJK", "founded", None),
    ]}
    assert members_at("SCO", D(2001, 6, 15), rows) == ["CHN"]
    assert members_at("SCO", D(2001, 12, 30), rows) == ["CHN"]
    assert members_at("SCO", D(2002, 1, 1), rows) == ["CHN", "UZB"]
    assert members_at("SCO", D(2006, 1, 1), rows) == ["CHN", "GEO", "UZB"]
    assert members_at("SCO", D(2010, 1, 1), rows) == ["CHN", "UZB"]
    assert members_at("SCO", D(2018, 1, 1), rows) == ["CHN", "IND", "UZB"]
    assert members_at("CIS", D(2018, 1, 1), rows) == []


def test_a_verdict_decides_when_there_is_one():
    assert not counts(membership("IRN", "joined", D(2005, 1, 1), assessment="likely_error"))
    assert not counts(membership("IRN", "joined", D(2005, 1, 1), assessment="alternative"))
    assert counts(membership("IRN", "joined", D(2005, 1, 1), assessment="preferred", note="An error elsewhere."))
    assert counts(membership("IRN", "joined", D(2005, 1, 1), assessment=None))


@pytest.fixture(scope="module")
def agreements():
    return eurasia_data.load_agreements().set_index("agreement_id")


def test_every_dated_sco_document_has_parties(agreements):
    sco = agreements[agreements.framework == "SCO"]
    empty = sco[sco.parties.map(len) == 0]
    assert empty.year.isna().all(), empty.index.tolist()
    assert agreements[agreements.parties_derived].framework.eq("SCO").all()
    assert agreements.parties_derived.sum() >= 40


def test_derived_parties_are_the_members_then(agreements):
    m = eurasia_data.load_memberships()
    sco_states = set(m[(m.org_id == "SCO") & m.event.isin(["founded", "joined"])].member_id)
    derived = agreements[agreements.parties_derived]
    for rid, r in derived.iterrows():
        assert set(r.parties) <= sco_states and "IRN" not in r.parties, rid
    assert derived.loc["lin-c4-sco-counter-terrorism-concept-2005", "parties"] == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    named = agreements.loc["lin-c4-s5-defence-ministers-communique-2002-05-15"]
    assert not named.parties_derived and sorted(named.parties) == ["CHN", "KAZ", "KGZ", "RUS", "TJK"]


def test_a_curator_cannot_set_parties_derived(scratch):
    text = SMALL_AGREEMENT.replace('type = "treaty"', 'type = "treaty"\nparties_derived = true')
    problems = build_problems(scratch, text)
    assert any(p.field == "parties_derived" and "set by the build" in p.message for p in problems)


SMALL_AGREEMENT = '''source = "wei-cis"

[[agreement]]
id = "cst-1992-x"
name_zh = "集體安全條約"
name_en = "Collective Security Treaty"
type = "treaty"
date = "1992-05-15"
evidence = ["俄羅斯、哈薩克、烏茲別克、塔吉克、亞美尼亞與吉爾吉斯等六個國家，於1992年5月15日在烏茲別克首都塔什干簽署『集體安全條約』"]
'''
