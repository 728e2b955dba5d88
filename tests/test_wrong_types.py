"""Every key of every block, given a value of the wrong type, is reported on that key: never a traceback,
never a value silently coerced (no bool read as 1, no "12" read as 12). The keys come from the models, so
a field another stream adds is covered without editing this test."""

from __future__ import annotations

import datetime
import shutil
import tempfile
import typing
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import BuildFailed
from builder.pipeline import assemble
from builder.records import DERIVED, KIND_TO_TABLE, RENAMES
from conftest import ROOT
from eurasia_data import models
from eurasia_data.tables import RECORD_TABLES, TABLES

# One valid record of each kind; the test breaks one key of it at a time.
TEMPLATES: dict[str, dict] = {
    "agreement": {"name_zh": "集體安全條約", "name_en": "Collective Security Treaty", "type": "treaty", "parties": ["RUS"], "date": "1992"},
    "agreement_event": {"agreement": "cst-1992", "event": "ratified", "date": "1993"},
    "exercise": {"name_zh": "和平使命", "participants": ["RUS", "CHN"], "framework": "SCO", "date": "2005-08"},
    "pipeline": {"name_zh": "中哈油管", "name_en": "Kazakhstan-China", "commodity": "oil", "route": ["KAZ", "CHN"]},
    "pipeline_event": {"pipeline": "pipe-base", "event": "agreed", "date": "2004"},
    "membership": {"org": "CIS", "member": "GEO", "event": "left", "date": "2009"},
    "trade_figure": {"reporter": "CHN", "flow": "import", "commodity": "oil", "date": "2006", "value_stated": "1400 萬桶"},
    "indicator": {"actor": "RUS", "indicator": "gdp", "date": "2021", "value_stated": "1 兆美元"},
    "actor": {"kind": "organization", "name_en": "Some Organisation", "name_zh_hant": "某組織"},
    "source": {"title_zh": "題目", "authors": ["某人"], "kind": "thesis", "language": "zh-Hant", "sha256": "0" * 64, "char_count": 10, "file_name": "x.txt"},
}
SPECIAL = {
    "table": {"of": "indicator", "id": "t-{actor}", "defaults": {"indicator": "gdp", "date": "2021"}, "evidence": ["表 3-1 國家 GDP"],
              "columns": ["actor", "value_stated"], "rows": [["RUS", "1 兆美元"]]},
    "evidence": {"table": "agreements", "record": "cst-1992", "quote": "集體安全條約的簽署"},
}
SPECIAL_TYPES = {
    "table": {"of": str, "id": str, "defaults": dict, "evidence": list[str], "columns": list[str], "rows": list, "source": str},
    "evidence": {"table": str, "record": str, "quote": str, "source": str},
}
BASE = '''source = "wei-cis"

[[agreement]]
id = "cst-1992"
name_zh = "集體安全條約"
name_en = "Collective Security Treaty"
type = "treaty"
date = "1992"
evidence = ["集體安全條約的簽署"]

[[pipeline]]
id = "pipe-base"
name_zh = "中哈油管"
name_en = "Kazakhstan-China"
commodity = "oil"
evidence = ["中哈油管的建設"]
'''


def raw_keys(kind: str) -> dict[str, typing.Any]:
    """Every key a curator may write in a block of ``kind`` -> its annotation (None: any value is wrong)."""
    if kind in SPECIAL:
        return SPECIAL_TYPES[kind]
    table = KIND_TO_TABLE[kind]
    model = getattr(models, TABLES[table].model)
    inverse = {column: raw for raw, column in RENAMES.get(table, {}).items()} | {TABLES[table].id_column: "id"}
    cited = table in RECORD_TABLES
    keys = {}
    for column, info in model.model_fields.items():
        if cited and column in DERIVED:
            keys[column] = None  # derived by the build: any value given is an error
        else:
            keys[inverse.get(column, column)] = info.annotation
    if cited:
        keys |= {"date": str, "end_date": str, "evidence": list[str]}
    if table in ("trade_figures", "indicators"):
        keys["value"] = float
    if table == "pipelines":
        keys["capacity_period"] = typing.Literal["year", "day"]
    return keys


ANY = st.one_of(
    st.booleans(), st.integers(min_value=-(2**70), max_value=2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5), st.dates(), st.datetimes(), st.lists(st.integers(), max_size=3), st.lists(st.booleans(), min_size=1, max_size=2),
    st.dictionaries(st.sampled_from(["a", "quote", "source"]), st.integers(), max_size=2),
)


def wrong_for(annotation) -> st.SearchStrategy:
    """Values whose type does not fit ``annotation`` (everything, when it is None)."""
    if annotation is None:
        return ANY
    scalar, is_list, _ = models.field_kind(annotation)
    if is_list:
        return st.one_of(ANY.filter(lambda v: not isinstance(v, list)), st.lists(ANY.filter(lambda v: not isinstance(v, scalar) or isinstance(v, bool)), min_size=1, max_size=2))

    def fits(v):
        if isinstance(v, bool):
            return scalar is bool
        if scalar is float:
            return isinstance(v, (int, float))
        return isinstance(v, scalar)

    return ANY.filter(lambda v: not fits(v))


CASES = [(kind, key) for kind in [*TEMPLATES, *SPECIAL] for key in raw_keys(kind)]
FIXED = [True, 2**64, 12.5, "12", [1, 2], {"a": 1}, datetime.date(2001, 6, 15)]


def _fits(annotation, value) -> bool:
    if annotation is None:
        return False
    scalar, is_list, _ = models.field_kind(annotation)
    if is_list:
        return isinstance(value, list) and all(isinstance(v, scalar) and not isinstance(v, bool) for v in value)
    if isinstance(value, bool):
        return scalar is bool
    return isinstance(value, (int, float)) if scalar is float else isinstance(value, scalar)


def blocks_for(kind: str, wrong: dict[str, typing.Any]) -> list[tuple[str, str, dict]]:
    """(key, id, block) per wrong key: the template with that one key replaced."""
    out = []
    for n, (key, value) in enumerate(sorted(wrong.items())):
        rid = f"case-{n}"
        if kind in SPECIAL:
            block = dict(SPECIAL[kind])
            if kind == "table":
                block["id"] = f"t{n}-{{actor}}"
        else:
            block = {"id": rid.upper() if kind == "actor" else rid, **TEMPLATES[kind]}
            if kind not in ("actor", "source"):
                block["evidence"] = [f"第{n}個證據的引文內容"]
        block[key] = value
        out.append((key, rid, block))
    return out


def run(kind: str, wrong: dict[str, typing.Any]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="wrong-types-"))
    try:
        raw = tmp / "raw"
        (raw / "records").mkdir(parents=True)
        for name in ("sources.toml", "actors.toml"):
            shutil.copy(ROOT / "raw" / name, raw / name)
        cases = blocks_for(kind, wrong)
        (raw / "records" / "base.toml").write_text(BASE, encoding="utf-8")
        (raw / "records" / "case.toml").write_text(tomli_w.dumps({"source": "wei-cis", kind: [b for _, _, b in cases]}), encoding="utf-8")
        with pytest.raises(BuildFailed) as failed:
            assemble(raw)
        problems = failed.value.problems.items
        assert all(p.file.startswith("raw/") and p.message for p in problems)
        for key, rid, block in cases:
            mine = [p for p in problems if p.field == key or (key == "source" and kind == "source" and p.field == "evidence")]
            assert mine, f"[[{kind}]] {key} = {block[key]!r} was accepted"
    finally:
        shutil.rmtree(tmp)


@pytest.mark.parametrize("kind", [*TEMPLATES, *SPECIAL])
def test_fixed_wrong_values_of_every_key(kind):
    keys = raw_keys(kind)
    for value in FIXED:
        run(kind, {key: value for key, annotation in keys.items() if not _fits(annotation, value)})


@pytest.mark.parametrize("kind", [*TEMPLATES, *SPECIAL])
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_generated_wrong_values_of_every_key(kind, data):
    keys = raw_keys(kind)
    chosen = data.draw(st.lists(st.sampled_from(sorted(keys)), min_size=1, max_size=len(keys), unique=True))
    run(kind, {key: data.draw(wrong_for(keys[key]), label=key) for key in chosen})


def test_every_model_field_is_covered():
    """The keys come from the models: a new field of any table is in CASES without editing this file."""
    for name, spec in TABLES.items():
        if name == "evidence":
            continue
        kind = spec.raw_kind
        covered = set(raw_keys(kind))
        model = getattr(models, spec.model)
        inverse = {column: raw for raw, column in RENAMES.get(name, {}).items()} | {spec.id_column: "id"}
        assert {inverse.get(c, c) for c in model.model_fields} <= covered
