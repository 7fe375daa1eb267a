"""Normalised date values and how two of them relate, for every stage that reads or compares dates.

A value is what ``TimeRef.value`` holds: ``YYYY-MM-DD``, a range ``first/last``, or a year-less
``--MM-DD`` (``TimeRef.partial``). Reading merges event mentions with these, linking merges events
across articles, and comparison judges the ``date`` facet: one set of rules for all three. A
publication date is read with ``parse_day``, a month's days with ``month_range``.
"""

from __future__ import annotations

import datetime as dt


def parse_day(value: str | None) -> dt.date | None:
    """The day a ``YYYY-MM-DD`` value starts with (a time of day or the rest of a ``first/last`` range
    ignored: ``2024-03-08T10:00`` and ``2024-03-08/2024-03-10`` are March 8); None when absent or bad."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, 1), following - dt.timedelta(days=1)


def date_bounds(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of ``YYYY-MM-DD`` or ``first/last``; None for partial or missing dates."""
    if not value or value.startswith("--"):
        return None
    try:
        first, _, last = value.partition("/")
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)
    except ValueError:
        return None


def partial_fits(partial: str, value: str) -> bool:
    """Whether a year-less ``--MM-DD`` (or ``--MM``) can be a day of the full date or range ``value``."""
    bounds = date_bounds(value)
    if bounds is None:
        return value.startswith(partial) or partial.startswith(value)
    parts = partial[2:].split("-")
    month, day = int(parts[0]), int(parts[1]) if len(parts) > 1 else None
    for year in range(bounds[0].year, bounds[1].year + 1):
        try:
            first, last = (dt.date(year, month, day),) * 2 if day else month_range(year, month)
        except ValueError:
            continue
        if first <= bounds[1] and last >= bounds[0]:
            return True
    return False


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal dates, one range holding the other, a year-less date fitting a full one, or one unknown."""
    if not a or not b or a == b:
        return True
    if a.startswith("--") or b.startswith("--"):
        partial, other = (a, b) if a.startswith("--") else (b, a)
        return partial_fits(partial, other)
    ba, bb = date_bounds(a), date_bounds(b)
    if ba is None or bb is None:
        return False
    return (ba[0] <= bb[0] and bb[1] <= ba[1]) or (bb[0] <= ba[0] and ba[1] <= bb[1])


def date_precision(value: str | None) -> tuple[int, int]:
    """Sort key of how precise a date is: full day first, then narrower ranges, then year-less."""
    if not value:
        return (3, 0)
    bounds = date_bounds(value)
    if bounds is None:
        return (2, 0)
    return (0 if bounds[0] == bounds[1] else 1, (bounds[1] - bounds[0]).days)


def more_precise(a: str | None, b: str | None) -> str | None:
    """The more precise of two compatible dates (the first on a tie)."""
    return b if date_precision(b) < date_precision(a) else a
