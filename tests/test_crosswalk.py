"""The code crosswalk: COW and G-W codes from the published lists, validity years that make (code, year)
name one actor, and resolve() knowing the English spellings country_converter knows."""

from __future__ import annotations

import pandas as pd
import pytest

import eurasia_data
from eurasia_data.codes import codes_in_year

YEARS = range(1900, 2031)


def _state_years(cw: pd.DataFrame, code: str) -> pd.DataFrame:
    """The crosswalk expanded to one row per actor and year it holds ``code``, as a COW/G-W panel is keyed."""
    rows = []
    for r in cw[cw[code].notna()].itertuples():
        first = YEARS.start if pd.isna(r.start_year) else int(r.start_year)
        last = YEARS.stop - 1 if pd.isna(r.end_year) else int(r.end_year)
        rows += [{"actor_id": r.actor_id, code: int(getattr(r, code)), "year": y} for y in range(first, last + 1)]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("code", ["cow_code", "gw_code"])
def test_merges_one_to_one_on_code_and_year(code):
    cw = eurasia_data.crosswalk()
    panel = _state_years(cw, code)
    assert not panel.duplicated([code, "year"]).any()
    # a COW-style state-year frame: one row per code and year, as peacesciencer's create_stateyears() gives
    cow = panel[[code, "year"]].drop_duplicates().assign(value=1.0)
    merged = panel.merge(cow, on=[code, "year"], validate="one_to_one")
    assert len(merged) == len(panel)
    who = merged.set_index([code, "year"])["actor_id"]
    assert who.loc[(365, 1991)] == "SUN" and who.loc[(365, 1992)] == "RUS"
    assert who.loc[(705, 2001)] == "KAZ"


def test_columns_and_published_codes():
    cw = eurasia_data.crosswalk().set_index("actor_id")
    assert list(eurasia_data.crosswalk().columns) == ["actor_id", "iso3", "m49", "cow_code", "cow_abb", "gw_code", "start_year", "end_year"]
    assert cw.loc[["KAZ", "KGZ", "TJK", "GEO", "MDA", "DEU", "GBR", "KOR"], "cow_abb"].tolist() == ["KZK", "KYR", "TAJ", "GRG", "MLD", "GMY", "UKG", "ROK"]
    assert cw.loc[["KAZ", "KGZ", "TJK", "UZB", "TKM"], "cow_code"].tolist() == [705, 703, 702, 704, 701]
    assert (cw.loc["SUN", "start_year"], cw.loc["SUN", "end_year"], cw.loc["RUS", "start_year"]) == (1922, 1991, 1992)
    assert pd.isna(cw.loc["RUS", "end_year"])
    assert (cw.loc["RUS", "m49"], cw.loc["SUN", "m49"], cw.loc["CHN", "iso3"]) == (643, 810, "CHN")
    states = cw[cw.cow_code.notna()]
    assert states.cow_abb.notna().all(), "every state with a COW number has its COW letters"
    assert states.gw_code.notna().all()


def test_gw_codes_are_country_converters_except_documented_overrides():
    import csv
    from importlib import resources

    with (resources.files("country_converter") / "country_data.tsv").open(encoding="utf-8") as f:
        coco = {r["ISO3"]: r["GWcode"] for r in csv.DictReader(f, delimiter="\t")}
    cw = eurasia_data.crosswalk().set_index("actor_id")
    overridden = {a for a, r in cw.iterrows() if pd.notna(r.gw_code) and str(int(r.gw_code)) != coco.get(r.iso3, "")}
    assert overridden == {"SUN", "VNM"}  # notes in raw/actors.toml say why
    # where G-W and COW differ, it is the well-known differences of the two lists
    differ = set(cw[cw.gw_code.notna() & (cw.gw_code != cw.cow_code)].index)
    assert differ == {"DEU", "CZE"}


def test_m49_matches_iso_numeric():
    import pycountry

    cw = eurasia_data.crosswalk()
    for r in cw.itertuples():
        country = pycountry.countries.get(alpha_3=r.iso3) or pycountry.historic_countries.get(alpha_3=r.iso3)
        assert int(country.numeric) == r.m49, r.actor_id


def test_codes_in_year_respects_validity():
    got = codes_in_year(["RUS", "RUS", "SUN", "SUN", "KAZ", "SCO"], [1991, 1992, 1991, 1992, 2001, 2001])
    assert pd.isna(got.cow_code[0]) and got.cow_code[1] == 365  # 365 is still SUN's in 1991
    assert got.cow_code[2] == 365 and pd.isna(got.cow_code[3])
    assert (got.cow_code[4], got.cow_abb[4], got.gw_code[4]) == (705, "KZK", 705)
    assert pd.isna(got.cow_code[5])


@pytest.mark.parametrize("name, actor", [
    ("Turkey", "TUR"), ("Burma", "MMR"), ("Kazakstan", "KAZ"), ("Kirghizia", "KGZ"), ("Byelorussia", "BLR"),
    ("TURKEY", "TUR"), ("Türkiye", "TUR"), ("USSR", "SUN"), ("North Korea", "PRK"), ("South Korea", "KOR"),
    ("putin_vladimir", "putin_vladimir"), ("SCO", "SCO"), ("CSTO", "CSTO"), ("普京", "putin_vladimir"),
])
def test_resolve_knows_library_spellings_and_own_ids(name, actor):
    assert eurasia_data.resolve(name) == actor


def test_resolve_korea_is_ambiguous():
    with pytest.raises(ValueError, match="KOR, PRK"):
        eurasia_data.resolve("Korea")


@pytest.mark.parametrize("name", ["Atlantis", "Vladimir", "中亞", "12345", ""])
def test_resolve_unknown_is_none(name):
    assert eurasia_data.resolve(name) is None


def test_spelling_patterns_are_country_converters():
    """The shipped patterns are country_converter's, one per state or territory it knows, none written by hand."""
    import csv
    import json
    from importlib import resources

    from eurasia_data.loaders import verified_file

    with (resources.files("country_converter") / "country_data.tsv").open(encoding="utf-8") as f:
        coco = {r["ISO3"]: r["regex"] for r in csv.DictReader(f, delimiter="\t")}
    shipped = json.loads(verified_file("spellings.json").read_bytes())["patterns"]
    actors = eurasia_data.load_actors().set_index("actor_id")
    assert shipped and all(coco[actors.loc[a, "iso_alpha3"]] == p for a, p in shipped)
