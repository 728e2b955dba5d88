"""Actor names from maintained libraries: pycountry (ISO 3166, historic states included), Babel's CLDR
names in en / zh_Hant / zh_Hans, and OpenCC for Simplified forms. Only what they lack is curated."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=None)
def _locales():
    from babel import Locale

    return {tag: Locale.parse(tag).territories for tag in ("en", "zh_Hant", "zh_Hans")}


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


@lru_cache(maxsize=None)
def _coco() -> dict[str, dict[str, str]]:
    """country_converter's classification table (its shipped country_data.tsv), by ISO alpha-3: G-W and UN
    codes, short and official English names, and the regular expression that matches common spellings."""
    import csv
    from importlib import resources

    with (resources.files("country_converter") / "country_data.tsv").open(encoding="utf-8") as f:
        return {row["ISO3"]: row for row in csv.DictReader(f, delimiter="\t")}


def _int(text: str | None) -> int | None:
    return int(float(text)) if text and text.strip() else None


def _coco_name(text: str | None) -> str:
    return (text or "").removesuffix(" (former)").strip()


def _inverted_head(name: str) -> str:
    """ISO writes some names inverted, "Korea, Republic of": the part before the comma is the usual short
    name, which two entries can share (Korea, Congo), so resolve() calls it ambiguous there."""
    head, sep, _ = name.partition(",")
    return head.strip() if sep else ""


def spelling_patterns(actor_rows: list[dict]) -> bytes:
    """``spellings.json``: per state or territory, country_converter's regular expression for its English
    spellings (Turkey, Burma, Kazakstan, Kirghizia, Byelorussia...), which resolve() tries when no name matches."""
    import json

    patterns = []
    for a in actor_rows:
        row = _coco().get(a.get("iso_alpha3") or "")
        if a["kind"] in ("state", "territory") and row and row.get("regex"):
            patterns.append([a["actor_id"], row["regex"]])
    return json.dumps({"format": 1, "source": "country_converter country_data.tsv, column regex", "patterns": patterns},
                      ensure_ascii=False, indent=0).encode("utf-8")


def _country(alpha3: str):
    import pycountry

    return pycountry.countries.get(alpha_3=alpha3) or pycountry.historic_countries.get(alpha_3=alpha3)


def enrich_actor(data: dict) -> None:
    """Fill names and aliases in place; curated values win over library ones."""
    names: list[str] = []
    if isinstance(data.get("kind"), str) and data["kind"] in ("state", "territory") and isinstance(data.get("actor_id"), str):
        country = _country(data["actor_id"])
        if country is not None:
            data.setdefault("iso_alpha3", country.alpha_3)
            cldr = {tag: t.get(country.alpha_2) for tag, t in _locales().items()}
            data.setdefault("name_en", cldr["en"] or getattr(country, "common_name", None) or country.name)
            if cldr["zh_Hant"]:
                data.setdefault("name_zh_hant", cldr["zh_Hant"])
            if cldr["zh_Hans"]:
                data.setdefault("name_zh_hans", cldr["zh_Hans"])
            names += [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", ""), *cldr.values()]
            names += [_inverted_head(country.name), _inverted_head(getattr(country, "official_name", ""))]
            row = _coco().get(country.alpha_3)
            if row is not None:
                data.setdefault("gw_code", _int(row.get("GWcode")))
                data.setdefault("m49_code", _int(row.get("UNcode")) or _int(row.get("ISOnumeric")))
                names += [_coco_name(row.get("name_short")), _coco_name(row.get("name_official"))]
            else:
                data.setdefault("m49_code", _int(getattr(country, "numeric", None)))
    if isinstance(data.get("kind"), str) and data["kind"] in ("organization", "initiative") and re.fullmatch(r"[A-Z][A-Z0-9]+", str(data.get("actor_id"))):
        data.setdefault("abbreviation", data["actor_id"])  # the id of an organisation is its usual abbreviation
    if isinstance(data.get("name_zh_hant"), str):
        data.setdefault("name_zh_hans", to_simplified(data["name_zh_hant"]))
    if isinstance(data.get("name_zh_hans"), str):
        names.append(to_traditional(data["name_zh_hans"]))
    aliases = data.get("aliases", [])
    if isinstance(aliases, list) and all(isinstance(a, str) for a in aliases):
        names += aliases + [to_simplified(a) for a in aliases]
        primary = {v for k in ("name_en", "name_zh_hant", "name_zh_hans") if isinstance(v := data.get(k), str)}
        data["aliases"] = sorted({n for n in names if n and n not in primary})


def add_aliases(collected, path, shown: str, problems) -> None:
    """Merge raw/aliases.toml (``ID = ["spelling", ...]``, the hand-kept spellings no library has) into actors."""
    from eurasia_data.models import clean_text

    from .rawfile import load_toml, scan

    if not path.exists():
        return
    loaded = load_toml(path, shown, problems)
    if loaded is None:
        return
    text, table = loaded
    lines = scan(text)[0].fields
    rows = {r.data["actor_id"]: r for r in collected.rows if r.table == "actors"}
    for actor_id, spellings in table.items():
        row = rows.get(actor_id)
        if row is None:
            problems.add(shown, lines.get(actor_id, 1), f"aliases[{actor_id}]", "", "no actor has this id: see raw/actors.toml")
        elif not isinstance(spellings, list) or not all(isinstance(a, str) and a.strip() for a in spellings):
            problems.add(shown, lines.get(actor_id, 1), f"aliases[{actor_id}]", "", "aliases must be a list of non-empty strings")
        else:
            try:
                spellings = [clean_text(a.strip()) for a in spellings]
            except ValueError as e:
                problems.add(shown, lines.get(actor_id, 1), f"aliases[{actor_id}]", "", f"a spelling {e}")
                continue
            data = row.data
            primary = {data["name_en"], data["name_zh_hant"], data["name_zh_hans"]}
            extra = set(spellings) | {to_simplified(a) for a in spellings}
            for spelling in spellings:
                collected.curated_spellings[(actor_id, spelling)] = (shown, lines.get(actor_id, 1))
            data["aliases"] = sorted((set(data["aliases"]) | extra) - primary)


def add_founding_dates(collected, index) -> None:
    """An organisation's founding date is the date of its `founded` membership records, when they agree."""
    from collections import Counter

    dates: dict[str, Counter] = {}
    for row in collected.rows:
        if row.table == "memberships" and row.data["event"] == "founded" and row.data["year"] is not None:
            d = row.data
            dates.setdefault(d["org_id"], Counter())[(d["year"], d["month"], d["day"])] += 1
    for org, counter in dates.items():
        actor = index.get("actors", {}).get(org)
        if actor is None:
            continue
        (year, month, day), _ = counter.most_common(1)[0]
        actor.data.update(founded_year=year, founded_month=month, founded_day=day)
        if len(counter) > 1:
            others = ", ".join("-".join(str(x) for x in k if x) for k in counter if k != (year, month, day))
            note = f"Founding date as most membership records give it; other records give {others} (see memberships)."
            actor.data["note"] = f"{actor.data['note']} {note}" if actor.data.get("note") else note
