"""Parties of SCO documents that the paper gives only as "the member states": the SCO's members at the
document's date, from the membership records, flagged as derived.

The SCO adopts its decisions by consensus of all members (Charter art. 16, 協商一致, reproduced in the
thesis's appendix 9), so an SCO document that names no signatory is one of all its members then. Other
organisations are left alone: CIS documents, for one, are often signed by only some members.
"""

from __future__ import annotations

import datetime

from .records import Row

DERIVE_FOR = ("SCO",)
JOIN, LEAVE = ("founded", "joined", "succeeded"), ("left",)


def counts(row: Row) -> bool:
    """A membership record counts unless its conflict set's verdict sets it aside (the rule of
    eurasia_data.one_per_fact: assessment empty or preferred)."""
    return row.data.get("assessment") in (None, "preferred")


def members_at(org: str, day: datetime.date, memberships: dict[str, Row]) -> list[str]:
    """States certainly members of ``org`` on ``day``: a counting founded/joined record whose latest
    possible date is on or before ``day``, with no counting exit certainly before ``day``."""
    joined: dict[str, datetime.date] = {}
    left: dict[str, datetime.date] = {}
    for row in memberships.values():
        d = row.data
        if d["org_id"] != org or d["date_max"] is None or not counts(row):
            continue
        if d["event"] in JOIN and d["date_max"] <= day:
            joined[d["member_id"]] = min(d["date_max"], joined.get(d["member_id"], d["date_max"]))
        elif d["event"] in LEAVE and d["date_max"] <= day:
            left[d["member_id"]] = max(d["date_max"], left.get(d["member_id"], d["date_max"]))
    return sorted(m for m, since in joined.items() if m not in left or left[m] < since)


def derive_parties(index: dict[str, dict[str, Row]]) -> None:
    """Fill the empty parties of every dated SCO document with the members at its earliest possible date."""
    memberships = index.get("memberships", {})
    for row in index.get("agreements", {}).values():
        d = row.data
        d.setdefault("parties_derived", False)
        if d.get("framework") in DERIVE_FOR and not d["parties"] and d.get("date_min") is not None:
            members = members_at(d["framework"], d["date_min"], memberships)
            if members:
                d["parties"], d["parties_derived"] = members, True
