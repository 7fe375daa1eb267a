"""The calendar words: one data file for datelines, time expressions and story linking."""

from __future__ import annotations

import datetime as dt
import re

from rashomon.knowledge.calendar import load_calendar, numbered_words, words_pattern


def test_months_and_weekdays_are_in_calendar_order():
    calendar = load_calendar()
    assert len(calendar.month_names) == 12 and len(calendar.weekday_names) == 7
    for n, name in enumerate(calendar.month_names, 1):
        assert dt.date(2024, n, 1).strftime("%B").lower() == name
    for n, name in enumerate(calendar.weekday_names):
        assert dt.date(2024, 1, 1 + n).strftime("%A").lower() == name  # 2024-01-01 was a Monday


def test_abbreviations_name_their_month_or_day():
    calendar = load_calendar()
    assert calendar.months["sept"] == calendar.months["sep"] == calendar.months["september"] == 9
    assert calendar.months["may"] == 5 and calendar.weekdays["thurs"] == calendar.weekdays["thursday"] == 3
    assert all(word == word.lower() for word in [*calendar.months, *calendar.weekdays])


def test_numbered_words_and_the_pattern_prefer_the_longest_word():
    assert numbered_words({"june": ["jun"], "july": None}, first=6) == {"june": 6, "jun": 6, "july": 7}
    assert re.match(words_pattern(["jun", "june"]), "june").group() == "june"


def test_every_reader_uses_the_calendar():
    from rashomon.ingest.meta import parse_dateline
    from rashomon.link.stories import capitalised_names
    from rashomon.read.times import MONTHS, WEEKDAYS

    assert MONTHS == load_calendar().months and set(WEEKDAYS) == set(load_calendar().weekday_names)
    assert parse_dateline("Thurs., Sept. 9, 2021") == "2021-09-09"
    assert capitalised_names("On Monday in March, Anna Berg spoke.") == ["Anna Berg"]
