"""The release date of this version, read from CITATION.cff (its `version` and `date-released`).

CITATION.cff is the one place a release is dated; the build copies the date into manifest.json so that
``eurasia_data.cite()`` can give the dataset's year without the file. A version not yet released (the
file names another version, or has no date) has no date.
"""

from __future__ import annotations

import re
from pathlib import Path

from eurasia_data import __version__


def released(citation_file: Path) -> str | None:
    """``YYYY-MM-DD`` when CITATION.cff dates this package version, else None."""
    try:
        text = citation_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    version = re.search(r"^version:\s*['\"]?([^'\"\s]+)", text, re.M)
    date = re.search(r"^date-released:\s*['\"]?(\d{4}-\d{2}-\d{2})", text, re.M)
    if version is None or date is None or version.group(1) != __version__:
        return None
    return date.group(1)
