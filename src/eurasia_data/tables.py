"""The published tables: names, id columns and models, without importing anything heavy."""

from __future__ import annotations

from typing import NamedTuple


class Table(NamedTuple):
    name: str  # public table name, also the Parquet file stem
    model: str  # class name in eurasia_data.models
    id_column: str  # unique key of the table
    raw_kind: str  # block name used in raw/*.toml, e.g. [[agreement]]
    description: str


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("sources", "Source", "source_id", "source", "One row per source paper."),
        Table("actors", "Actor", "actor_id", "actor", "States, organisations and persons named by the records."),
        Table("agreements", "Agreement", "agreement_id", "agreement", "Treaties, charters, declarations, joint statements, contracts..."),
        Table("agreement_events", "AgreementEvent", "event_id", "agreement_event", "Later events of an agreement: accession, entry into force, withdrawal..."),
        Table("exercises", "Exercise", "exercise_id", "exercise", "Military exercises."),
        Table("pipelines", "Pipeline", "pipeline_id", "pipeline", "Oil and gas pipelines."),
        Table("pipeline_events", "PipelineEvent", "event_id", "pipeline_event", "Pipeline milestones."),
        Table("memberships", "Membership", "membership_id", "membership", "Membership events of organisations."),
        Table("trade_figures", "TradeFigure", "figure_id", "trade_figure", "Trade values and volumes."),
        Table("indicators", "Indicator", "indicator_id", "indicator", "Country indicators: GDP, military expenditure, energy reserves..."),
        Table("evidence", "Evidence", "", "evidence", "One row per supporting quote of a record."),
    )
}

# Tables whose rows are curated facts and so need evidence.
RECORD_TABLES = tuple(n for n in TABLES if n not in ("sources", "actors", "evidence"))
