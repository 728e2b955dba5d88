"""The published tables: names, id columns and models, without importing anything heavy."""

from __future__ import annotations


class Table:
    """One table. A plain class, not a NamedTuple: importing typing would triple the package's import time."""

    __slots__ = ("name", "model", "id_column", "raw_kind", "description")

    def __init__(self, name: str, model: str, id_column: str, raw_kind: str, description: str):
        self.name = name  # public table name, also the Parquet file stem
        self.model = model  # class name in eurasia_data.models
        self.id_column = id_column  # unique key of the table ("" for evidence, keyed by several columns)
        self.raw_kind = raw_kind  # block name used in raw/*.toml, e.g. [[agreement]]
        self.description = description

    def __repr__(self) -> str:
        return f"Table({self.name!r})"


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


def did_you_mean(word: object, choices) -> str:
    """``" (did you mean 'x'?)"`` naming the closest of ``choices`` to a mistyped name, or ``""`` if none is close."""
    import difflib

    close = difflib.get_close_matches(str(word)[:200], [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


# Columns of each record table that hold actor ids (one id, or a list of ids).
ACTOR_COLUMNS = {
    "agreements": ("parties", "framework"),
    "agreement_events": ("actors",),
    "exercises": ("participants", "observers", "host", "framework"),
    "pipelines": ("route",),
    "pipeline_events": ("actors",),
    "memberships": ("org_id", "member_id"),
    "trade_figures": ("reporter_id", "partner_id"),
    "indicators": ("actor_id",),
}
