"""Partial dates as curators write them: "1992", "1992-05" or "1992-05-15", never more than the paper says."""

from __future__ import annotations

import calendar
import re

from eurasia_data.models import FIRST_YEAR, LAST_YEAR

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(text: object) -> tuple[int, int | None, int | None, str]:
    """(year, month, day, precision) of a partial ISO date; ValueError says what is wrong.

    >>> parse_partial_date("1992-05")
    (1992, 5, None, 'month')
    """
    if not isinstance(text, str):
        raise ValueError(f'write the date as a quoted string such as "1992-05-15", not {text!r}')
    m = _PARTIAL.match(text.strip())
    if not m:
        raise ValueError(f'{text!r} is not a date: write "YYYY", "YYYY-MM" or "YYYY-MM-DD"')
    year, month, day = (int(g) if g else None for g in m.groups())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{text!r}: the year must be within {FIRST_YEAR}–{LAST_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r}: there is no month {month}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{text!r}: {year}-{month:02d} has no day {day}")
    precision = "day" if day else "month" if month else "year"
    return year, month, day, precision


def format_partial_date(year: int, month: int | None = None, day: int | None = None) -> str:
    """The inverse of :func:`parse_partial_date`."""
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
