"""Date values: the tolerant day parser and the days of a month (the rest is tested with events)."""

from __future__ import annotations

import datetime as dt

import pytest

from rashomon.dates import month_range, parse_day


@pytest.mark.parametrize("value, day", [
    ("2024-03-08", dt.date(2024, 3, 8)),
    ("2024-03-08T10:32:00+03:00", dt.date(2024, 3, 8)),  # a time of day is ignored
    ("2024-03-08/2024-03-10", dt.date(2024, 3, 8)),      # a range gives its first day
    (" 2024-03-08 ", dt.date(2024, 3, 8)),
])
def test_parse_day_reads_the_leading_day(value, day):
    assert parse_day(value) == day


@pytest.mark.parametrize("value", [None, "", "March", "--02-28", "2023-02-29", "2024-13-01"])
def test_parse_day_gives_none_for_anything_else(value):
    assert parse_day(value) is None


@pytest.mark.parametrize("year, month, last", [(2024, 2, 29), (2023, 2, 28), (2024, 12, 31), (2024, 4, 30)])
def test_month_range(year, month, last):
    assert month_range(year, month) == (dt.date(year, month, 1), dt.date(year, month, last))


def test_month_range_rejects_a_month_that_does_not_exist():
    with pytest.raises(ValueError):
        month_range(2024, 13)
