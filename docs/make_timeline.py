"""Draw docs/timeline.png: agreements, exercises and membership events per year, from the installed data.

    python docs/make_timeline.py        (needs the docs extra: pip install eurasia-data[docs])
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import eurasia_data  # noqa: E402

OUT = Path(__file__).with_name("timeline.png")
SERIES = [("agreements", "agreements signed"), ("exercises", "military exercises"), ("memberships", "membership events")]


def main() -> None:
    counts = {}
    for table, label in SERIES:
        years = eurasia_data.load(table)["year"].dropna().astype(int)
        counts[label] = years[(years >= 1985) & (years <= 2025)].value_counts().sort_index()
    years = range(1985, 2026)
    fig, ax = plt.subplots(figsize=(10, 4), dpi=120)
    bottom = [0] * len(years)
    for label, series in counts.items():
        values = [int(series.get(y, 0)) for y in years]
        ax.bar(years, values, bottom=bottom, label=label, width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    m = eurasia_data.manifest()
    ax.set_title(f"eurasia-data {m['version']}: dated records per year (year as the papers give it)")
    ax.set_ylabel("records")
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(OUT, metadata={"Software": None})
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
