"""Codes of every state and territory in other systems (ISO 3166, UN M49, Correlates of War, Gleditsch-Ward),
with the years each actor holds them, so data keyed by COW or G-W codes merges one-to-one on (code, year).

>>> import eurasia_data
>>> cw = eurasia_data.crosswalk().set_index("actor_id")
>>> cw.loc[["KAZ", "KGZ", "TJK", "GEO", "MDA"], "cow_abb"].tolist()
['KZK', 'KYR', 'TAJ', 'GRG', 'MLD']
>>> cw.loc[["SUN", "RUS"], ["cow_code", "start_year", "end_year"]]
          cow_code  start_year  end_year
actor_id
SUN            365        1922      1991
RUS            365        1992      <NA>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["actor_id", "iso3", "m49", "cow_code", "cow_abb", "gw_code", "start_year", "end_year"]


def crosswalk() -> pd.DataFrame:
    """One row per state or territory: actor id, ISO3, M49, COW number, COW letters, G-W number, and the first
    and last year the actor holds its COW and G-W codes (``<NA>``: every year the papers cover).

    COW and G-W treat the USSR and the Russian Federation as one state (365); here SUN holds 365 from 1922 to
    1991 and RUS from 1992, so a (cow_code, year) or (gw_code, year) pair names exactly one actor id.
    COW numbers and letters are from the COW state system list (kept in ``raw/actors.toml``: no maintained
    package ships them); G-W and M49 from country_converter at build time.
    """
    from .loaders import load

    actors = load("actors")
    states = actors[actors.kind.isin(["state", "territory"])]
    out = states.rename(columns={"iso_alpha3": "iso3", "m49_code": "m49", "code_start_year": "start_year", "code_end_year": "end_year"})
    return out[COLUMNS].sort_values("actor_id").reset_index(drop=True)


def codes_in_year(actor_ids, years) -> pd.DataFrame:
    """COW number, COW letters and G-W number of each (actor id, year) pair: null outside the years the actor
    holds them (RUS in 1991, when 365 still belongs to SUN) and for actors without codes (organisations)."""
    import pandas as pd

    def value(x):
        return None if pd.isna(x) else x

    table = {r.actor_id: (value(r.cow_code), value(r.cow_abb), value(r.gw_code),
                          -1 if pd.isna(r.start_year) else r.start_year, 9999 if pd.isna(r.end_year) else r.end_year)
             for r in crosswalk().itertuples()}
    none = (None, None, None, 0, -1)
    rows = []
    for actor_id, year in zip(list(actor_ids), list(years)):
        cow, abb, gw, first, last = table.get(actor_id, none)
        rows.append((cow, abb, gw) if first <= year <= last else (None, None, None))
    out = pd.DataFrame(rows, columns=["cow_code", "cow_abb", "gw_code"])
    out["cow_code"] = out["cow_code"].astype(pd.Int64Dtype())
    out["gw_code"] = out["gw_code"].astype(pd.Int64Dtype())
    out["cow_abb"] = out["cow_abb"].astype(pd.StringDtype("pyarrow"))
    return out
