"""One row per fact: the records a researcher counts, following each conflict set's verdict.

Contradictory statements of one fact stay in the tables as separate records linked by
``conflicts_with``; each carries an ``assessment``. A row counts when its assessment is null (no
conflict) or ``preferred``. A conflict set whose notes say "No preferred record" has no row to count:
the papers' evidence does not decide between its statements, so the filter leaves the fact out rather
than pick one silently (find such sets with ``df[df.assessment.notna()]``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

UNRESOLVED = "No preferred record"  # the phrase every note of a set without a preferred record carries


def one_per_fact(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of a record table (agreements, memberships, exercises...) that count: assessment null or preferred.

    >>> import eurasia_data
    >>> m = eurasia_data.load_memberships()
    >>> founded = eurasia_data.one_per_fact(m[(m.org_id == "SCO") & (m.event == "founded")])
    >>> sorted(founded.member_id), sorted(set(founded.day.astype(int)))
    (['CHN', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB'], [15])
    """
    if "assessment" not in getattr(df, "columns", ()):
        raise ValueError("one_per_fact needs a record table with an `assessment` column, e.g. eurasia_data.load_memberships()")
    keep = df["assessment"].isna() | (df["assessment"] == "preferred")
    return df[keep.fillna(False).astype(bool)]
