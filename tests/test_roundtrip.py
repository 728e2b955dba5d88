"""Record → Parquet → loader → record: what goes in comes back, for generated records of every kind."""

from __future__ import annotations

import typing

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import output
from eurasia_data import loaders, models

slug = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
actor = st.sampled_from(["RUS", "CHN", "KAZ", "SCO", "CIS", "putin_vladimir"])
text = st.text(alphabet=string.ascii_letters + "中俄條約協定「」、 ", min_size=1, max_size=20).map(str.strip).filter(bool)
maybe = lambda s: st.none() | s  # noqa: E731


@st.composite
def dated(draw):
    year = draw(st.integers(1800, 2100))
    month = draw(maybe(st.integers(1, 12)))
    day = draw(maybe(st.integers(1, 28))) if month else None
    precision = "day" if day else "month" if month else "year"
    fields = dict(year=year, month=month, day=day, date_precision=precision)
    if draw(st.booleans()):
        fields["end_year"] = draw(st.integers(year + 1, 2101).filter(lambda y: y <= 2100)) if year < 2100 else year
    return fields


def cited(draw):
    return dict(source_ids=draw(st.lists(slug, min_size=1, max_size=3, unique=True)), note=draw(maybe(text)),
                conflicts_with=draw(st.lists(slug, max_size=2)))


@st.composite
def agreements(draw):
    return models.Agreement(agreement_id=draw(slug), name_zh=draw(text), name_en=draw(text), type=draw(st.sampled_from(["treaty", "charter", "contract"])),
                            parties=draw(st.lists(actor, max_size=4)), place=draw(maybe(text)), framework=draw(maybe(actor)), **draw(dated()), **cited(draw))


@st.composite
def indicators(draw):
    return models.Indicator(indicator_id=draw(slug), actor_id=draw(actor), indicator="gdp", value_stated=draw(text), unit_stated=draw(maybe(text)),
                            value=draw(st.floats(0, 1e15, allow_nan=False)), unit="USD", kind=draw(st.sampled_from(["realised", "target", "forecast"])),
                            measure=draw(st.sampled_from(typing.get_args(models.Measure))), qualifier=draw(maybe(st.sampled_from(typing.get_args(models.Qualifier)))),
                            data_source=draw(maybe(text)), **draw(dated()), **cited(draw))


@st.composite
def exercises(draw):
    return models.Exercise(exercise_id=draw(slug), name_zh=draw(text), participants=draw(st.lists(actor, max_size=5)), framework="bilateral",
                           troops=draw(maybe(st.integers(0, 10**6))), troops_qualifier=draw(maybe(st.just("about"))),
                           observers=draw(st.lists(actor, max_size=2)), ships=draw(maybe(st.integers(0, 500))), **draw(dated()), **cited(draw))


@st.composite
def pipelines(draw):
    return models.Pipeline(pipeline_id=draw(slug), name_zh=draw(text), name_en=draw(text), commodity=draw(st.sampled_from(["oil", "gas"])),
                           route=draw(st.lists(actor, max_size=4)), length_km=draw(maybe(st.floats(0, 1e5, allow_nan=False))),
                           capacity=draw(maybe(st.floats(0, 1e3, allow_nan=False))), capacity_unit=draw(maybe(st.just("bcm/yr"))), **cited(draw))


CASES = {"agreements": agreements(), "indicators": indicators(), "exercises": exercises(), "pipelines": pipelines()}


@pytest.mark.parametrize("table", list(CASES))
def test_round_trip(table, tmp_path_factory, monkeypatch):
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.lists(CASES[table], max_size=5, unique_by=lambda r: r.model_dump()[loaders.TABLES[table].id_column]))
    def check(records):
        out = tmp_path_factory.mktemp("data")
        output.write_data({table: [r.model_dump() for r in records]}, out / "data")
        monkeypatch.setattr(loaders, "_data_dir", lambda: out / "data")
        loaders.manifest.cache_clear()
        loaders._verified.cache_clear()
        key = loaders.TABLES[table].id_column
        assert loaders.load_records(table) == records
        df = loaders.load(table)
        assert list(df[key]) == [r.model_dump()[key] for r in records]
        back = [getattr(models, loaders.TABLES[table].model).model_validate(
            {k: (None if _isna(v) else v) for k, v in row.items()}) for row in df.to_dict("records")]
        assert back == records

    try:
        check()
    finally:
        loaders.manifest.cache_clear()
        loaders._verified.cache_clear()


def _isna(value) -> bool:
    import pandas as pd

    return not isinstance(value, list) and pd.isna(value)
