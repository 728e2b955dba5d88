"""State-year and dyad-year panels: hand-checked cases from the papers, and properties on every row."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import pytest

import eurasia_data
from eurasia_data.panels import EVENT_STATUS, STATUSES


@pytest.fixture(scope="module")
def sco():
    return eurasia_data.state_years(orgs="SCO", start=1995, end=2015).set_index(["actor_id", "year"])


@pytest.fixture(scope="module")
def panel():
    return eurasia_data.state_years()


@pytest.fixture(scope="module")
def dyads():
    return eurasia_data.dyad_years()


def test_kazakhstan_in_the_sco_2001_to_2015(sco):
    assert (sco.loc["KAZ"].loc[2001:2015, "status"] == "member").all()
    # the preferred of the two founding records (the thesis's 2001-06-11 reading is the alternative)
    assert sco.loc[("KAZ", 2001), "record_ids"] == ["sco-membership-kaz-founded-2001"]


def test_india_an_observer_from_2005(sco):
    india = sco.loc["IND", "status"]
    assert (india.loc[2001:2004] == "none").all()  # 2002 is an expression of interest, not an application
    assert (india.loc[2005:2015] == "observer").all()
    assert sco.loc[("IND", 2005), "record_ids"] == ["lin5-sco-ind-observer-2005"]


def test_the_usa_never_a_member(panel):
    usa = panel[panel.actor_id == "USA"]
    assert not (usa.status == "member").any()
    assert set(usa[usa.org_id == "SCO"].status.dropna()) == {"none", "applied"}


def test_a_year_before_the_founding_is_na_never_none(sco, panel):
    assert sco.xs(2000, level="year").status.isna().all()
    assert sco.xs(2000, level="year").record_ids.map(len).eq(0).all()
    founded = eurasia_data.load_actors().set_index("actor_id").founded_year
    for org, rows in panel.groupby("org_id"):
        if pd.notna(founded.get(org)):
            assert rows[rows.year < founded[org]].status.isna().all(), org
            assert rows[rows.year >= founded[org]].status.notna().any(), org


def test_a_state_that_ceased_is_na():
    cis = eurasia_data.state_years(orgs=["CIS"], start=1991, end=1993)
    assert cis[(cis.actor_id == "SUN") & (cis.year > 1991)].status.isna().all()


def test_succession_ends_the_predecessor():
    s5 = eurasia_data.state_years(orgs="SHANGHAI_FIVE", start=1996, end=2005)
    chn = s5[s5.actor_id == "CHN"].set_index("year").status
    assert chn.loc[1996] == "member" and chn.loc[2001] == "member" and chn.loc[2002:].isna().all()
    orgs = set(eurasia_data.load_memberships().org_id)
    if "CST" in orgs:  # the Collective Security Treaty's states party before the CSTO
        cst = eurasia_data.state_years(orgs=["CST", "CSTO"], start=1992, end=2005)
        assert cst[(cst.org_id == "CST") & (cst.year > 2002)].status.isna().all()
        assert cst[(cst.org_id == "CSTO") & (cst.year < 2002)].status.isna().all()
        rus = cst[cst.actor_id == "RUS"].set_index(["org_id", "year"]).status
        assert rus.loc[("CST", 1993)] == "member" and rus.loc[("CSTO", 2003)] == "member"


@pytest.mark.parametrize("partial, in_2009, founding_2001", [
    ("any", "member", "member"), ("last", "none", "member"), ("first", "member", None), ("exact", "none", None),
])
def test_partial_decides_a_year_holding_a_change(partial, in_2009, founding_2001):
    """Georgia left the CIS in 2009; the SCO was founded in June 2001."""
    cis = eurasia_data.state_years(orgs="CIS", start=2008, end=2010, partial=partial).set_index(["actor_id", "year"]).status
    assert cis.loc[("GEO", 2008)] == "member" and cis.loc[("GEO", 2010)] == "none"
    assert cis.loc[("GEO", 2009)] == in_2009
    sco = eurasia_data.state_years(orgs="SCO", start=2001, end=2002, partial=partial).set_index(["actor_id", "year"]).status
    if founding_2001 is None:  # the SCO did not exist on 1 January 2001, nor all year
        assert pd.isna(sco.loc[("KAZ", 2001)])
    else:
        assert sco.loc[("KAZ", 2001)] == founding_2001
    assert sco.loc[("KAZ", 2002)] == "member"


def test_state_year_properties(panel):
    assert not panel.duplicated(["org_id", "actor_id", "year"]).any()
    assert set(panel.status.dropna()) <= set(STATUSES)
    m = eurasia_data.load_memberships().set_index("membership_id")
    for r in panel[panel.record_ids.map(len) > 0].itertuples():
        for rid in r.record_ids:  # every deciding record is about this organisation and state, dated by then
            assert (m.loc[rid, "org_id"], m.loc[rid, "member_id"]) == (r.org_id, r.actor_id)
            assert m.loc[rid, "year"] <= r.year
            assert EVENT_STATUS[m.loc[rid, "event"]] == r.status
    assert panel[panel.status.isin(["member", "observer"])].record_ids.map(len).gt(0).all()
    assert panel.covered.dtype == "boolean" and panel.covered.any()
    assert str(panel.cow_code.dtype) == "Int64"


def test_rejects_bad_arguments():
    with pytest.raises(ValueError, match="partial"):
        eurasia_data.state_years(partial="some")
    with pytest.raises(ValueError, match="no membership records"):
        eurasia_data.state_years(orgs="ATLANTIS")
    with pytest.raises(ValueError, match="before start"):
        eurasia_data.dyad_years(start=2010, end=2000)


def test_china_russia_agreements_in_2005(dyads):
    r = dyads[(dyads.state1 == "RUS") & (dyads.state2 == "CHN") & (dyads.year == 2005)].iloc[0]
    a = eurasia_data.one_per_fact(eurasia_data.load_agreements())
    both = a[(a.year == 2005) & a.parties.map(lambda p: {"CHN", "RUS"} <= set(p))]
    assert r.agreement_bilateral_ids == sorted(both[both.parties.map(len) == 2].agreement_id)
    assert r.agreement_multilateral_ids == sorted(both[both.parties.map(len) > 2].agreement_id)
    assert r.agreement_bilateral_ids == ["lin5-cn-ru-il76-purchase-2005"]  # hand-checked: the Il-76 contract
    assert {"lin-c4-sco-counter-terrorism-concept-2005", "lin-c4-sco-rats-representatives-regulations-2005"} <= set(r.agreement_multilateral_ids)
    assert (r.agreements_bilateral, r.agreements_multilateral) == (1, len(r.agreement_multilateral_ids))
    assert (r.cow_code1, r.cow_code2, r.gw_code1, r.gw_code2) == (365, 710, 365, 710)
    assert r.exercise_ids == ["peace-mission-2005"]
    assert "SCO" in r.joint_membership_orgs


COUNTS = {"agreements_bilateral": "agreement_bilateral_ids", "agreements_multilateral": "agreement_multilateral_ids",
          "exercises": "exercise_ids", "joint_memberships": "joint_membership_orgs", "trade_figures": "trade_figure_ids"}


@pytest.mark.parametrize("directed", [False, True])
def test_every_count_is_the_number_of_its_ids(directed, dyads):
    dy = dyads if not directed else eurasia_data.dyad_years(directed=True)
    for count, ids in COUNTS.items():
        assert (dy[count] == dy[ids].map(len)).all(), count
        assert dy[ids].map(lambda x: x == sorted(set(x))).all(), ids
    assert (dy.joint_memberships > 0).eq(dy.joint_membership_ids.map(len) > 0).all()


def test_no_dyad_appears_twice(dyads):
    assert not dyads.duplicated(["state1", "state2", "year"]).any()
    pairs = set(zip(dyads.state1, dyads.state2))
    assert not any((b, a) in pairs for a, b in pairs)
    assert (dyads.state1 != dyads.state2).all()
    coded = dyads[dyads.cow_code1.notna() & dyads.cow_code2.notna()]
    assert (coded.cow_code1 <= coded.cow_code2).all()  # peacesciencer: ccode1 < ccode2 (SUN and RUS share 365)


def test_directed_has_both_orders(dyads):
    directed = eurasia_data.dyad_years(directed=True)
    assert len(directed) == 2 * len(dyads)
    assert not directed.duplicated(["state1", "state2", "year"]).any()
    flipped = directed.rename(columns={"state1": "state2", "state2": "state1"})[["state1", "state2", "year", "agreements_bilateral"]]
    same = directed.merge(flipped, on=["state1", "state2", "year"], suffixes=("", "_flip"), validate="one_to_one")
    assert len(same) == len(directed) and (same.agreements_bilateral == same.agreements_bilateral_flip).all()
    # a trade figure counts for its reporter and partner only, and once in the undirected panel
    t = directed.set_index(["state1", "state2", "year"])
    u = dyads.set_index(["state1", "state2", "year"])
    for (a, b, y), n in u.trade_figures[u.trade_figures > 0].items():
        assert t.loc[(a, b, y), "trade_figures"] + t.loc[(b, a, y), "trade_figures"] == n


def test_totals_match_the_records(dyads):
    """Summed over dyads, each count is what the records give pair by pair."""
    a = eurasia_data.one_per_fact(eurasia_data.load_agreements())
    states = set(eurasia_data.crosswalk().actor_id) - {"HKG", "MAC"}
    a = a[a.year.between(dyads.year.min(), dyads.year.max())]
    bilateral = sum(1 for p in a.parties if len(set(p)) == 2 and set(p) <= states)
    assert dyads.agreements_bilateral.sum() == bilateral
    multi = sum(len(list(combinations(set(p) & states, 2))) for p in a.parties if len(set(p)) > 2)
    assert dyads.agreements_multilateral.sum() == multi


def test_zero_means_no_record_and_coverage_restricts(dyads):
    covered = eurasia_data.dyad_years(covered_only=True)
    assert 0 < len(covered) < len(dyads) and covered.covered.all()
    # a record implies its paper covers that year and both states (memberships are carried forward, so not them)
    counted = dyads[dyads[["agreements_bilateral", "agreements_multilateral", "exercises", "trade_figures"]].sum(axis=1) > 0]
    assert len(counted) and counted.covered.all()


def test_coverage_table():
    cov = eurasia_data.coverage()
    assert list(cov.columns) == ["source_id", "table", "records", "first_year", "last_year", "actors"]
    assert not cov.duplicated(["source_id", "table"]).any()
    dated = cov[cov.first_year.notna()]
    assert (dated.first_year <= dated.last_year).all()
    assert set(cov.source_id) == set(eurasia_data.load_sources().source_id)
    for table, rows in cov.groupby("table"):
        counted = eurasia_data.one_per_fact(eurasia_data.load(table))
        assert rows.records.sum() >= len(counted)  # every record that counts has at least one paper
        assert rows.records.max() <= len(counted)
