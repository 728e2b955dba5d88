"""Membership events added in 0.2.0 (invited, candidate, negotiations_opened), the Collective Security
Treaty's membership before the CSTO, and figures a paper gives without a date."""

from __future__ import annotations

import eurasia_data
from builder.pipeline import assemble


def test_nato_1997_invitation_precedes_the_1999_accession():
    m = eurasia_data.load_memberships()
    invited = m[(m.org_id == "NATO") & (m.event == "invited")]
    assert sorted(invited.member_id) == ["CZE", "HUN", "POL"]
    assert set(invited.year) == {1997} and set(invited.month) == {7}
    joined = m[(m.org_id == "NATO") & (m.event == "joined") & m.member_id.isin(["CZE", "HUN", "POL"])]
    assert set(joined.year) == {1999}


def test_turkey_candidate_and_reopened_talks():
    m = eurasia_data.load_memberships().set_index("membership_id")
    assert m.loc["lin5-eu-tur-candidate-1999", "event"] == "candidate"
    assert (m.loc["lin5-eu-tur-negotiations-2013", "event"], m.loc["lin5-eu-tur-negotiations-2013", "year"]) == ("negotiations_opened", 2013)


def test_cst_memberships_mirror_the_treaty_events_and_hand_over_to_the_csto():
    m = eurasia_data.load_memberships()
    cst = m[m.org_id == "CST"]
    founded = set(cst[cst.event == "founded"].member_id)
    joined = set(cst[cst.event == "joined"].member_id)
    left = set(cst[cst.event == "left"].member_id)
    events = eurasia_data.load_agreement_events().set_index("event_id")
    parties = set(eurasia_data.load_agreements().set_index("agreement_id").loc["cst-1992", "parties"])
    assert founded == parties
    assert joined == set(events.loc["cst-1992-acceded-1993", "actors"])
    assert left == set(events.loc["cst-1992-withdrawn-1999", "actors"])
    csto_founders = set(m[(m.org_id == "CSTO") & (m.event == "founded")].member_id)
    assert csto_founders == (founded | joined) - left  # those still in the treaty in 2002 founded the CSTO
    actors = eurasia_data.load_actors().set_index("actor_id")
    assert actors.loc["CST", "kind"] == "organization" and "CSTO" in actors.loc["CST", "note"]


def test_a_figure_without_a_date_is_valid(scratch, tmp_path):
    extra = tmp_path / "undated.toml"
    extra.write_text("""source = "wei-cis"

[[indicator]]
id = "undated-gdp"
actor = "RUS"
indicator = "gdp"
value_stated = "1 兆 7,757 億 9,992 萬美元"
evidence = ["依據世界銀行的數據，以當期的美元計價，俄羅斯 2021 年的國內生產毛額爲 1 兆 7,757 億 9,992 萬美元"]
""", encoding="utf-8")
    result, _ = assemble(scratch, None, [extra])
    row = next(r for r in result.tables["indicators"] if r["indicator_id"] == "undated-gdp")
    assert (row["year"], row["date_precision"], row["value"]) == (None, None, 1775799920000.0)
