"""State-year and dyad-year panels: the units of analysis of quantitative IR, made from the records.

>>> import eurasia_data
>>> sy = eurasia_data.state_years(orgs="SCO", start=2000, end=2015)
>>> kaz = sy[sy.actor_id == "KAZ"].set_index("year")
>>> kaz.status.loc[2000], kaz.status.loc[2001], kaz.status.loc[2015]
(<NA>, 'member', 'member')
>>> ind = sy[sy.actor_id == "IND"].set_index("year")
>>> ind.status.loc[2004], ind.status.loc[2005], ind.record_ids.loc[2005]
('none', 'observer', ['lin5-sco-ind-observer-2005'])
>>> sorted(set(sy[sy.actor_id == "USA"].status.dropna()))
['applied', 'none']

>>> dy = eurasia_data.dyad_years(start=2005, end=2005)
>>> r = dy[(dy.state1 == "RUS") & (dy.state2 == "CHN")].iloc[0]
>>> int(r.agreements_bilateral), r.agreement_bilateral_ids
(1, ['lin5-cn-ru-il76-purchase-2005'])
>>> int(r.agreements_multilateral) == len(r.agreement_multilateral_ids) > 0
True
>>> int(r.cow_code1), int(r.cow_code2)
(365, 710)

A 0 in a dyad-year count means "no record in these papers", not "none happened": the five papers are
not a census. ``covered`` says whether some paper's records span that year and name both states.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

    import pandas as pd

Partial = Literal["any", "exact", "first", "last"]
Status = Literal["member", "associate", "suspended", "observer", "dialogue_partner", "applied", "none"]

# Most engaged first: partial="any" takes the first of the statuses a year held, "exact" the last.
STATUSES: tuple[Status, ...] = ("member", "associate", "suspended", "observer", "dialogue_partner", "applied", "none")
EVENT_STATUS: dict[str, Status] = {
    "founded": "member", "joined": "member", "succeeded": "member", "left": "none",
    "associate": "associate", "suspended": "suspended", "observer": "observer", "dialogue_partner": "dialogue_partner",
    "applied": "applied", "invited": "applied", "candidate": "applied", "negotiations_opened": "applied",
}  # "guest" (attending a meeting as a guest) and "expressed_interest" (a wish to join, no application) change nothing
# An organisation that another replaced: its rows end in the year the successor was founded.
SUCCESSORS = {"CST": "CSTO", "SHANGHAI_FIVE": "SCO"}
PANEL_TABLES = ("agreements", "exercises", "memberships", "trade_figures")


def state_years(orgs: str | Iterable[str] | None = None, start: int | None = None, end: int | None = None,
                partial: Partial = "any") -> pd.DataFrame:
    """One row per organisation × state × year: the state's status in the organisation that year.

    Columns: ``org_id``, ``actor_id``, ``year``, ``cow_code``, ``cow_abb``, ``gw_code`` (the codes the state
    holds that year, see :func:`eurasia_data.crosswalk`), ``status``, ``record_ids`` (the membership records
    that decide the status) and ``covered``.

    Rules:

    - **Organisations**: every ``org_id`` of the membership records (or only ``orgs``); **states**: every
      actor of kind state. **Years**: ``start`` to ``end``, by default the years of the dated membership records.
    - **Status** comes from the dated membership events up to that year, in date order: ``founded`` and
      ``joined`` and ``succeeded`` make a ``member``, ``left`` makes ``none``; ``observer``, ``dialogue_partner``, ``associate``
      and ``suspended`` give that status; ``applied``, ``invited``, ``candidate`` and ``negotiations_opened``
      give ``applied`` (in the accession process: the record ids say which step), but only to a state whose
      status is ``none``: an application does not lower a status already held (Iran, an observer, applying
      for membership stays an observer). The four event names ``invited``, ``negotiations_opened`` (not yet
      in the records) and ``candidate`` map to ``applied`` too; ``expressed_interest`` does not. ``guest`` and ``expressed_interest`` change nothing. A state with no record is ``none``:
      no record in these papers. Undated records decide no year.
    - **Conflicts**: only the rows that count are used, one per fact (``assessment`` null or "preferred",
      :func:`eurasia_data.one_per_fact`). Records that agree (two papers dating the same founding) are all
      listed in ``record_ids``.
    - **partial** decides a year that holds a change, as in R's ``states::state_panel``: ``"first"`` takes
      the status on the year's first day, ``"last"`` the status on its last day, ``"any"`` the most engaged
      status held on any day, ``"exact"`` the least engaged, so a status counts only if held all year.
      Engagement runs member > associate > suspended > observer > dialogue_partner > applied > none. A
      change dated only to a year or month falls within that year, after its first day.
    - **``<NA>``, never ``none``**, in a year before the organisation's founding (its ``founded`` records,
      or, when no paper gives the founding, its first dated membership record), after a predecessor gave way
      to its successor, and after a state ceased to exist (SUN after 1991). The founding year, and the year
      a predecessor ends, hold a change: ``"first"`` and ``"exact"`` give ``<NA>`` there (the organisation
      did not exist on the first day, or not all year), ``"any"`` and ``"last"`` the status.
    - **Succession**: the Collective Security Treaty's states party (``CST``, 1992-2002) and the CSTO are
      two organisations, and so are the Shanghai Five and the SCO; the predecessor's rows end in the
      successor's founding year (2002, 2001), the successor's begin there (:data:`SUCCESSORS`). To follow
      the alliance across 2002, take ``orgs=["CST", "CSTO"]`` and combine the two.
    - **covered** is True when some paper's membership records for this organisation span the year
      (:func:`eurasia_data.coverage`); outside, a status is carried forward from older records.
    """
    import pandas as pd

    from .codes import codes_in_year
    from .scope import _coverage, counted
    from .loaders import load

    if partial not in ("any", "exact", "first", "last"):
        raise ValueError(f"partial must be 'any', 'exact', 'first' or 'last', not {partial!r}")
    members = counted(load("memberships"))
    actors = load("actors").set_index("actor_id")
    all_orgs = sorted(set(members.org_id))
    wanted = all_orgs if orgs is None else [orgs] if isinstance(orgs, str) else list(orgs)
    unknown = [o for o in wanted if o not in all_orgs]
    if unknown:
        raise ValueError(f"no membership records for {unknown}; organisations are: {', '.join(all_orgs)}")
    dated = members[members.year.notna()].sort_values(["date_min", "date_max", "membership_id"])
    start = int(dated.year.min()) if start is None else int(start)
    end = int(dated.end_year.fillna(dated.year).max()) if end is None else int(end)
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start})")
    years = range(start, end + 1)
    states = sorted(actors.index[actors.kind == "state"])
    state_end = _end_years(actors, states)
    cov = _coverage()
    cov = cov[cov.table == "memberships"]

    rows = []
    for org in wanted:
        events = dated[dated.org_id == org]
        founded, partial_founding = _founding(org, actors, events)
        successor = SUCCESSORS.get(org)
        last_year, partial_end = (None, False) if successor is None or successor not in actors.index else \
            _founding(successor, actors, dated[dated.org_id == successor])
        covered = {y for r in cov.itertuples() if org in r.actors and pd.notna(r.first_year)
                   for y in range(int(r.first_year), int(r.last_year) + 1)}
        by_state: dict[str, list[_Event]] = {}
        for event in zip(events.member_id.tolist(), events.event.tolist(), events.membership_id.tolist(),
                         events.date_min.dt.date.tolist(), events.date_max.dt.date.tolist()):
            by_state.setdefault(event[0], []).append(_Event(*event[1:]))
        for state in states:
            history = by_state.get(state, [])
            for year in years:
                gone = year > state_end[state]
                if founded is None or year < founded or gone or (last_year is not None and year > last_year):
                    status, ids = None, []
                elif (year == founded and partial_founding and partial in ("first", "exact")) or \
                        (year == last_year and partial_end and partial in ("last", "exact")):
                    status, ids = None, []
                else:
                    status, ids = _status(history, year, partial)
                rows.append((org, state, year, status, ids, year in covered))
    out = pd.DataFrame(rows, columns=["org_id", "actor_id", "year", "status", "record_ids", "covered"])
    codes = codes_in_year(out.actor_id, out.year)
    out = pd.concat([out[["org_id", "actor_id", "year"]], codes, out[["status", "record_ids", "covered"]]], axis=1)
    for column in ("org_id", "actor_id", "status", "cow_abb"):
        out[column] = out[column].astype(pd.StringDtype("pyarrow"))
    for column in ("year", "cow_code", "gw_code"):
        out[column] = out[column].astype(pd.Int64Dtype())
    out["covered"] = out["covered"].astype(pd.BooleanDtype())
    return out


def _end_years(actors, states) -> dict[str, int]:
    """Last year of each state (SUN: 1991); a far year for states that still exist."""
    import pandas as pd

    return {s: int(actors.loc[s, "code_end_year"]) if pd.notna(actors.loc[s, "code_end_year"]) else 9999 for s in states}


def _founding(org: str, actors, events) -> tuple[int | None, bool]:
    """(founding year, does the founding fall after the year's first day) of an organisation."""
    import pandas as pd

    row = actors.loc[org] if org in actors.index else None
    if row is not None and pd.notna(row.get("founded_year")):
        first_day = bool(pd.notna(row["founded_day"]) and row["founded_month"] == 1 and row["founded_day"] == 1)
        return int(row["founded_year"]), not first_day
    if len(events):
        return int(events.year.min()), True
    return None, True


class _Event:
    __slots__ = ("event", "membership_id", "date_min", "date_max")

    def __init__(self, event: str, membership_id: str, date_min, date_max):
        self.event, self.membership_id, self.date_min, self.date_max = event, membership_id, date_min, date_max


def _status(history: list[_Event], year: int, partial: str) -> tuple[str, list[str]]:
    """The status a state's dated events give for ``year`` under the ``partial`` rule, and the deciding ids."""
    import datetime as dt

    first_day = dt.date(year, 1, 1)
    status, ids = "none", []
    held = []  # (status, ids) on the first day, then after each change within the year
    for event in history:
        if event.date_min.year > year:
            break
        if event.date_max > first_day and event.date_min.year == year and not held:
            held.append((status, ids))
        status, ids = _apply(status, ids, event)
    if not held:
        return status, ids
    held.append((status, ids))
    if partial == "first":
        return held[0]
    if partial == "last":
        return held[-1]
    rank = {s: i for i, s in enumerate(STATUSES)}
    ordered = sorted(held, key=lambda h: rank[h[0]])  # stable: the earliest of equally engaged statuses
    return ordered[0] if partial == "any" else ordered[-1]


def _apply(status: str, ids: list[str], event: _Event) -> tuple[str, list[str]]:
    new = EVENT_STATUS.get(event.event)
    if new is None or (new == "applied" and status not in ("none", "applied")):
        return status, ids
    if new == status:
        return status, [*ids, event.membership_id]
    return new, [event.membership_id]


def dyad_years(start: int | None = None, end: int | None = None, directed: bool = False,
               covered_only: bool = False) -> pd.DataFrame:
    """One row per pair of states and year, with what the records say the two did together.

    Columns: ``state1``, ``state2``, ``year``, ``cow_code1``, ``cow_code2``, ``gw_code1``, ``gw_code2``, then
    each count with the record ids behind it: ``agreements_bilateral`` / ``agreement_bilateral_ids``
    (agreements signed that year whose only two parties are the pair), ``agreements_multilateral`` /
    ``agreement_multilateral_ids`` (signed that year by both among more parties), ``exercises`` /
    ``exercise_ids`` (both took part; an exercise counts in every year from its start to its end; one the
    paper only expects, ``status == "expected"``, does not count),
    ``joint_memberships`` / ``joint_membership_orgs`` / ``joint_membership_ids`` (organisations where both are
    members that year by :func:`state_years` with ``partial="any"``, and the membership records deciding
    it), ``trade_figures`` / ``trade_figure_ids`` (figures of the pair's trade dated to that year; a figure
    for a period counts in its first year), and ``covered``.

    Rules:

    - **A 0 means "no record in these papers"**, not that nothing happened: the data holds what five
      papers report, not a census. ``covered`` is True when some paper's records of a panel table
      (agreements, exercises, memberships, trade figures) span the year and name both states
      (:func:`eurasia_data.coverage`); ``covered_only=True`` keeps only those rows.
    - **Undirected** (the default): each pair once, the state with the lower COW code first, as
      peacesciencer's ``create_dyadyears(directed = FALSE)`` (``ccode1 < ccode2``); states without a COW
      code come last, by actor id. Trade figures reported by either side count. **Directed**: both orders;
      a trade figure counts for (reporter, partner) only.
    - **States**: every actor of kind state; years ``start`` to ``end``, by default the span of the dated
      records of the panel tables. A state's rows stop after it ceased to exist (SUN after 1991).
    - **Conflicts**: only the rows that count, one per fact (:func:`eurasia_data.one_per_fact`).
      Undated records count in no year. Parties are as signed: later accessions are not added.
    """
    import pandas as pd

    from .codes import codes_in_year
    from .scope import _coverage, counted
    from .loaders import load

    actors = load("actors").set_index("actor_id")
    states = set(actors.index[actors.kind == "state"])
    tables = {name: counted(load(name)) for name in PANEL_TABLES}
    dated_years = pd.concat([t.year.dropna() for t in tables.values()])
    start = int(dated_years.min()) if start is None else int(start)
    end = int(dated_years.max()) if end is None else int(end)
    if end < start:
        raise ValueError(f"end ({end}) is before start ({start})")
    order = {s: (actors.loc[s, "cow_code"] if pd.notna(actors.loc[s, "cow_code"]) else 10_000, s) for s in states}

    def key(a: str, b: str) -> tuple[str, str]:
        return (a, b) if order[a] <= order[b] else (b, a)

    found: dict[str, dict[tuple[str, str, int], list[str]]] = {
        "agreement_bilateral_ids": {}, "agreement_multilateral_ids": {}, "exercise_ids": {},
        "joint_membership_orgs": {}, "joint_membership_ids": {}, "trade_figure_ids": {},
    }

    def add(column: str, a: str, b: str, year: int, value: str) -> None:
        found[column].setdefault((*key(a, b), year), []).append(value)

    for r in tables["agreements"][tables["agreements"].year.notna()].itertuples():
        signed = sorted(set(r.parties) & states)
        column = "agreement_bilateral_ids" if len(set(r.parties)) == 2 else "agreement_multilateral_ids"
        for a, b in combinations(signed, 2):
            add(column, a, b, int(r.year), r.agreement_id)
    exercises = tables["exercises"]
    for r in exercises[exercises.year.notna() & (exercises.status == "realised")].itertuples():
        last = int(r.end_year) if pd.notna(r.end_year) else int(r.year)
        for a, b in combinations(sorted(set(r.participants) & states), 2):
            for year in range(int(r.year), last + 1):
                add("exercise_ids", a, b, year, r.exercise_id)
    trade_direction: dict[tuple[str, str, int, str], None] = {}
    for r in tables["trade_figures"][tables["trade_figures"].year.notna()].itertuples():
        if r.reporter_id in states and isinstance(r.partner_id, str) and r.partner_id in states and r.reporter_id != r.partner_id:
            add("trade_figure_ids", r.reporter_id, r.partner_id, int(r.year), r.figure_id)
            trade_direction[(r.reporter_id, r.partner_id, int(r.year), r.figure_id)] = None
    sy = state_years(start=start, end=end, partial="any")
    sy = sy[sy.status == "member"]
    for (org, year), group in sy.groupby(["org_id", "year"]):
        ids = dict(zip(group.actor_id, group.record_ids))
        for a, b in combinations(sorted(set(ids) & states), 2):
            add("joint_membership_orgs", a, b, int(year), org)
            found["joint_membership_ids"].setdefault((*key(a, b), int(year)), []).extend(sorted(set(ids[a]) | set(ids[b])))

    pairs = [key(a, b) for a, b in combinations(sorted(states), 2)]
    if directed:
        pairs += [(b, a) for a, b in pairs]
    ended = _end_years(actors, states)
    rows = [(a, b, y) for a, b in pairs for y in range(start, min(end, ended[a], ended[b]) + 1)]
    out = pd.DataFrame(rows, columns=["state1", "state2", "year"])
    undirected = [key(a, b) + (y,) for a, b, y in rows]
    for column, values in found.items():
        if column == "trade_figure_ids" and directed:
            out[column] = [sorted(f for f in values[k] if (a, b, y, f) in trade_direction) if k in values else []
                           for k, (a, b, y) in zip(undirected, rows)]
        else:
            distinct = {k: sorted(set(v)) for k, v in values.items()}
            out[column] = [list(distinct[k]) if k in distinct else [] for k in undirected]
    counts = {"agreements_bilateral": "agreement_bilateral_ids", "agreements_multilateral": "agreement_multilateral_ids",
              "exercises": "exercise_ids", "joint_memberships": "joint_membership_orgs", "trade_figures": "trade_figure_ids"}
    for count, ids in counts.items():
        out[count] = out[ids].map(len).astype(pd.Int64Dtype())
    c1 = codes_in_year(out.state1, out.year)
    c2 = codes_in_year(out.state2, out.year)
    out["cow_code1"], out["cow_code2"] = c1.cow_code.astype(pd.Int64Dtype()), c2.cow_code.astype(pd.Int64Dtype())
    out["gw_code1"], out["gw_code2"] = c1.gw_code.astype(pd.Int64Dtype()), c2.gw_code.astype(pd.Int64Dtype())
    out["covered"] = _covered(out, _coverage()).astype(pd.BooleanDtype())
    if covered_only:
        out = out[out.covered].reset_index(drop=True)
    for column in ("state1", "state2"):
        out[column] = out[column].astype(pd.StringDtype("pyarrow"))
    out["year"] = out["year"].astype(pd.Int64Dtype())
    columns = ["state1", "state2", "year", "cow_code1", "cow_code2", "gw_code1", "gw_code2",
               "agreements_bilateral", "agreement_bilateral_ids", "agreements_multilateral", "agreement_multilateral_ids",
               "exercises", "exercise_ids", "joint_memberships", "joint_membership_orgs", "joint_membership_ids",
               "trade_figures", "trade_figure_ids", "covered"]
    return out[columns]


def _covered(out: pd.DataFrame, cov: pd.DataFrame):
    """Rows whose year lies in some paper's span for a panel table and whose two states that paper names."""
    import pandas as pd

    mask = pd.Series(False, index=out.index)
    for r in cov[cov.table.isin(PANEL_TABLES) & cov.first_year.notna()].itertuples():
        named = set(r.actors)
        mask |= out.state1.isin(named) & out.state2.isin(named) & out.year.between(int(r.first_year), int(r.last_year))
    return mask
