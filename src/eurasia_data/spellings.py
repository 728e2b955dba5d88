"""English spellings no name list holds (Turkey, Burma, Kazakstan, Kirghizia, Byelorussia): the regular
expressions of country_converter, shipped by the build as ``spellings.json`` and tried by
:func:`eurasia_data.resolve` when no name or alias matches exactly."""

from __future__ import annotations

import json
import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    from .loaders import DataError, verified_file

    path = verified_file("spellings.json")
    try:
        data = json.loads(path.read_bytes())
    except ValueError as e:
        raise DataError(f"{path} cannot be read: {e}") from None
    return [(actor_id, re.compile(pattern, re.IGNORECASE)) for actor_id, pattern in data["patterns"]]


def match(name: str) -> list[str]:
    """Actor ids whose spelling pattern matches ``name`` (case-insensitive), in the shipped order."""
    text = name.strip()
    if not text.isascii() or not any(c.isalpha() for c in text):
        return []  # the patterns are English; Chinese spellings are in the name index
    return [actor_id for actor_id, pattern in _patterns() if pattern.search(text)]
