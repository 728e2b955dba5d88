"""Actor names from maintained libraries: pycountry (ISO 3166, historic states included), Babel's CLDR
names in en / zh_Hant / zh_Hans, and OpenCC for Simplified forms. Only what they lack is curated."""

from __future__ import annotations

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


def _country(alpha3: str):
    import pycountry

    return pycountry.countries.get(alpha_3=alpha3) or pycountry.historic_countries.get(alpha_3=alpha3)


def enrich_actor(data: dict) -> None:
    """Fill names and aliases in place; curated values win over library ones."""
    names: list[str] = []
    if data.get("kind") in ("state", "territory") and isinstance(data.get("actor_id"), str):
        country = _country(data["actor_id"])
        if country is not None:
            cldr = {tag: t.get(country.alpha_2) for tag, t in _locales().items()}
            data.setdefault("name_en", cldr["en"] or getattr(country, "common_name", None) or country.name)
            if cldr["zh_Hant"]:
                data.setdefault("name_zh_hant", cldr["zh_Hant"])
            if cldr["zh_Hans"]:
                data.setdefault("name_zh_hans", cldr["zh_Hans"])
            names += [country.name, getattr(country, "official_name", ""), getattr(country, "common_name", ""), *cldr.values()]
    if isinstance(data.get("name_zh_hant"), str):
        data.setdefault("name_zh_hans", to_simplified(data["name_zh_hant"]))
    if isinstance(data.get("name_zh_hans"), str):
        names.append(to_traditional(data["name_zh_hans"]))
    aliases = data.get("aliases", [])
    if isinstance(aliases, list) and all(isinstance(a, str) for a in aliases):
        names += aliases + [to_simplified(a) for a in aliases]
        primary = {data.get(k) for k in ("name_en", "name_zh_hant", "name_zh_hans")}
        data["aliases"] = sorted({n for n in names if n and n not in primary})
