"""The English calendar words (``data/calendar.yaml``): month and weekday names with their abbreviations.

One file for every reader of dates in text (datelines, time expressions, story linking), loaded once.
Month numbers run 1-12; weekday numbers 0-6 from Monday, as ``datetime.date.weekday()``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from rashomon.knowledge.lexicons import load_yaml

CALENDAR_FILE = "calendar.yaml"


@dataclass(frozen=True)
class Calendar:
    """Month and weekday names in calendar order, and every name or abbreviation with its number."""

    month_names: tuple[str, ...]  # january ... december
    weekday_names: tuple[str, ...]  # monday ... sunday
    months: dict[str, int]  # "january", "jan", "sept" -> 1, 1, 9
    weekdays: dict[str, int]  # "monday", "mon", "thurs" -> 0, 0, 3


@functools.lru_cache(maxsize=1)
def load_calendar() -> Calendar:
    """The calendar words of ``data/calendar.yaml``, read once per process."""
    data = load_yaml(CALENDAR_FILE)
    return Calendar(tuple(data["months"]), tuple(data["weekdays"]),
                    numbered_words(data["months"], first=1), numbered_words(data["weekdays"], first=0))


def numbered_words(names: dict[str, list[str]], first: int) -> dict[str, int]:
    """Each name and each of its abbreviations -> the name's position, counted from ``first``."""
    return {word: n for n, (name, short) in enumerate(names.items(), first) for word in (name, *(short or ()))}


def words_pattern(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first (so "june" wins over "jun")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
