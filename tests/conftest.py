"""Shared fixtures: the repository root, the source texts (when present) and a scratch raw/ tree."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the build steps live in builder/, beside build.py

# Scripts for the type checkers (tests/test_typing.py runs mypy and pyright on them), not to be imported.
collect_ignore = ["typecheck"]

SOURCES = Path(os.environ.get("EURASIA_SOURCES") or ROOT.parent / "shared" / "seeds")


@pytest.fixture
def sources() -> Path:
    if not SOURCES.is_dir():
        pytest.skip("source texts not available (set EURASIA_SOURCES)")
    return SOURCES


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of raw/ (sources, actors and their aliases, places, verified locations) with one small valid
    records file whose quotes are also curated in raw/records/wei-cis.toml, so their locations are known
    without the texts. The aliases come with their acknowledged ambiguous spellings, so that a record
    names its actors as the real build reads them (中共, 俄方)."""
    raw = tmp_path / "raw"
    (raw / "records").mkdir(parents=True)
    for name in ("sources.toml", "actors.toml", "aliases.toml", "places.toml", "quote_lines.tsv"):
        shutil.copy(ROOT / "raw" / name, raw / name)
    blocks = (ROOT / "raw" / "acknowledged.toml").read_text(encoding="utf-8").split("[[ack]]")[1:]
    spellings = [b for b in blocks if 'check = "ambiguous_spelling"' in b]
    (raw / "acknowledged.toml").write_text("".join("[[ack]]" + b for b in spellings), encoding="utf-8")
    (raw / "records" / "small.toml").write_text(SMALL, encoding="utf-8")
    return raw


SMALL = '''\
source = "wei-cis"

[[agreement]]
id = "cst-1992"
name_zh = "集體安全條約"
name_en = "Collective Security Treaty"
type = "treaty"
parties = ["RUS", "KAZ", "UZB", "TJK", "ARM", "KGZ"]
date = "1992-05-15"
place = "Tashkent"
evidence = ["俄羅斯、哈薩克、烏茲別克、塔吉克、亞美尼亞與吉爾吉斯等六個國家，於1992年5月15日在烏茲別克首都塔什干簽署『集體安全條約』"]

[[indicator]]
id = "wei-cis-gdp-rus-2021"
actor = "RUS"
indicator = "gdp"
date = "2021"
value_stated = "1 兆 7,757 億 9,992 萬美元"
evidence = ["依據世界銀行的數據，以當期的美元計價，俄羅斯 2021 年的國內生產毛額爲 1 兆 7,757 億 9,992 萬美元"]
'''


def build_problems(raw: Path, text: str, sources: Path | None = None) -> list:
    """Problems of a build of ``raw`` with one more records file holding ``text`` (empty when it builds);
    with ``sources``, quotes are found in the texts."""
    from builder.errors import BuildFailed
    from builder.pipeline import assemble

    (raw / "records" / "more.toml").write_text(text, encoding="utf-8")
    try:
        assemble(raw, sources)
    except BuildFailed as e:
        return e.problems.items
    return []
