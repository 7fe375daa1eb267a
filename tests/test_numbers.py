"""The number reader (rashomon/numbers.py), one test per rule of its docstring.

Every sentence here was written for these tests about made-up events (a ferry fire, a council
vote, a factory strike...); none is taken from real news. Each case names the expression it is
about, as written, and what it must read as: kind, value, low, high, unit, hedge.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.numbers import Number, count_words, find_numbers, parse_count, parse_number, seconds

ARTICLE = Path(__file__).parent / "data" / "numbers_article.txt"
DATA = Path(__file__).resolve().parent.parent / "src" / "rashomon" / "data" / "numbers"
KINDS = {"count", "money", "percent", "duration", "tally", "year", "clock", "date", "ordinal", "age",
         "phone", "address", "identifier", "list"}
INF = None  # an unbounded side, for readability in the tables


def same(a: float | None, b: float | None) -> bool:
    return a is None and b is None or (a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9))


def number_in(sentence: str, span: str, language: str = "en") -> Number:
    found = find_numbers(sentence, language)
    for number in found:
        if number.text == span:
            return number
    raise AssertionError(f"{span!r} not read in {sentence!r}; read {[n.text for n in found]}")


def check(sentence, span, kind, value, low, high, unit, hedge, language="en"):
    number = number_in(sentence, span, language)
    got = (number.kind, number.value, number.low, number.high, number.unit, number.hedge)
    want = (kind, value, low, high, unit, hedge)
    assert number.kind == kind and number.unit == unit and number.hedge == hedge, (got, want)
    assert same(number.value, value) and same(number.low, low) and same(number.high, high), (got, want)
    assert sentence[number.start:number.end] == number.text
    return number


def overlap(a: Number, b: Number) -> bool:
    """Closed intervals that share more than one point (a zero-width touch is no overlap)."""
    low = max(a.low if a.low is not None else -math.inf, b.low if b.low is not None else -math.inf)
    high = min(a.high if a.high is not None else math.inf, b.high if b.high is not None else math.inf)
    return low < high or (low == high and (a.low == a.high or b.low == b.high))


# --- Rule 1: digits ------------------------------------------------------------------------------

DIGITS = [
    ("The ferry carried 2,000 passengers.", "2,000", "count", 2000, 2000, 2000, None, None),
    ("Officials counted 19,882 ballots by midnight.", "19,882", "count", 19882, 19882, 19882, None, None),
    ("The river rose 6.6 inches overnight.", "6.6", "count", 6.6, 6.6, 6.6, None, None),
    ("Only 0.5 of the tank was left.", "0.5", "count", 0.5, 0.5, 0.5, None, None),
    ("The mill has 1,000,000 spindles.", "1,000,000", "count", 1e6, 1e6, 1e6, None, None),
    ("Orders were -16.4% lower than in spring.", "-16.4%", "percent", 16.4, 16.4, 16.4, "percent", None),
    ("The strike caused a 16.4% drop in output.", "16.4%", "percent", 16.4, 16.4, 16.4, "percent", None),
    ("The petition drew 943K signatures.", "943K", "count", 943e3, 942.5e3, 943.5e3, None, None),
    ("The port faces a $5bn hole.", "$5bn", "money", 5e9, 4.5e9, 5.5e9, "USD", None),
    ("The final drew 2.5m viewers.", "2.5m", "count", 2.5e6, 2.45e6, 2.55e6, None, None),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", DIGITS)
def test_rule1_digits(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


def test_rule1_group_separator_never_splits():
    texts = [n.text for n in find_numbers("The ferry carried 2,000 passengers and 19,882 cars.")]
    assert texts == ["2,000", "19,882"]


# --- Rule 2: scale words -------------------------------------------------------------------------

SCALES = [
    ("The strike idled 6.6 million workers.", "6.6 million", "count", 6.6e6, 6.55e6, 6.65e6, None, None),
    ("The fund lost $1.2 trillion.", "$1.2 trillion", "money", 1.2e12, 1.15e12, 1.25e12, "USD", None),
    ("The dam holds 1.5 billion litres.", "1.5 billion", "count", 1.5e9, 1.45e9, 1.55e9, None, None),
    ("The campaign raised a million signatures.", "a million", "count", 1e6, 0.5e6, 1.5e6, None, None),
    ("The storm left half a million homes dark.", "half a million", "count", 5e5, 4.5e5, 5.5e5, None, None),
    ("The flood reached one and a half million people.", "one and a half million", "count",
     1.5e6, 1.45e6, 1.55e6, None, None),
    ("The rally drew tens of thousands of marchers.", "tens of thousands", "count", None, 2e4, 99999, None, "vague"),
    ("The strike hit hundreds of thousands of commuters.", "hundreds of thousands", "count",
     None, 2e5, 999999, None, "vague"),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", SCALES)
def test_rule2_scale_words(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


# --- Rule 3: rounding ----------------------------------------------------------------------------

ROUNDING = [
    ("The ferry line is worth 1.4 trillion yen.", "1.4 trillion yen", "money", 1.4e12, 1.35e12, 1.45e12, "JPY", None),
    ("Some 17 million people watched the council debate.", "Some 17 million", "count", 17e6, 15.3e6, 18.7e6, None, "about"),
    ("The factory made 17 million parts.", "17 million", "count", 17e6, 16.5e6, 17.5e6, None, None),
    ("The region has 6.6 million voters.", "6.6 million", "count", 6.6e6, 6.55e6, 6.65e6, None, None),
    ("The port handled 943,000 containers.", "943,000", "count", 943e3, 943e3, 943e3, None, None),
    ("The strike lasted 156 days.", "156 days", "duration", 156, 156, 156, "day", None),
    ("The mill employs 156 people.", "156", "count", 156, 156, 156, None, None),
    ("It cost two million euros.", "two million euros", "money", 2e6, 1.5e6, 2.5e6, "EUR", None),
    ("The hall seats three hundred people.", "three hundred", "count", 300, 300, 300, None, None),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", ROUNDING)
def test_rule3_rounding(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


def test_rule3_rounded_figures_overlap_or_touch():
    precise = parse_number("$1.37 trillion")
    rounded = parse_number("$1.4 trillion")
    assert overlap(precise, rounded)
    lower, upper = parse_number("6.8 million"), parse_number("6.9 million")
    assert lower.high == upper.low == 6.85e6  # closed bounds at exactly the half unit
    assert not overlap(lower, upper)


# --- Rule 4: money -------------------------------------------------------------------------------

MONEY = [
    ("The repair bill came to $1,400.", "$1,400", "money", 1400, 1400, 1400, "USD", None),
    ("Each passenger got US$ 5 for food.", "US$ 5", "money", 5, 5, 5, "USD", None),
    ("The town set aside €20 million for the harbour.", "€20 million", "money", 20e6, 19.5e6, 20.5e6, "EUR", None),
    ("The union wants £3bn for the mines.", "£3bn", "money", 3e9, 2.5e9, 3.5e9, "GBP", None),
    ("Each family received 1,000 euros.", "1,000 euros", "money", 1000, 1000, 1000, "EUR", None),
    ("The club paid 5 million dollars for the ground.", "5 million dollars", "money", 5e6, 4.5e6, 5.5e6, "USD", None),
    ("A ticket costs 200 rubles.", "200 rubles", "money", 200, 200, 200, "RUB", None),
    ("The fine was 100 hryvnias.", "100 hryvnias", "money", 100, 100, 100, "UAH", None),
    ("The bakery charges ¥500 a loaf.", "¥500", "money", 500, 500, 500, "JPY", None),
    ("The mayor earns C$90,000 a year.", "C$90,000", "money", 90000, 90000, 90000, "CAD", None),
    ("The council budget is 3 billion yuan.", "3 billion yuan", "money", 3e9, 2.5e9, 3.5e9, "CNY", None),
    ("A stamp costs 50 cents.", "50 cents", "money", 0.5, 0.5, 0.5, "USD", None),
    ("Rent rose to EUR 900.", "EUR 900", "money", 900, 900, 900, "EUR", None),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", MONEY)
def test_rule4_money(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


# --- Rule 5: percent -----------------------------------------------------------------------------

PERCENT = [
    ("Turnout fell to 13 percent.", "13 percent", "percent", 13, 13, 13, "percent", None),
    ("Fares went up 12% in May.", "12%", "percent", 12, 12, 12, "percent", None),
    ("Output shrank 5.4 per cent.", "5.4 per cent", "percent", 5.4, 5.4, 5.4, "percent", None),
    ("The party gained 13 percentage points.", "13 percentage points", "percent", 13, 13, 13,
     "percentage_point", None),
    ("Nearly 40% of the crew joined the strike.", "Nearly 40%", "percent", 40, 36, 40, "percent", "nearly"),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", PERCENT)
def test_rule5_percent(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


# --- Rule 6: hedges ------------------------------------------------------------------------------

HEDGES = [
    ("At least 40 boats joined the search.", "At least 40", "count", 40, 40, INF, None, "at_least"),
    ("More than 100 workers walked out.", "More than 100", "count", 100, 100, INF, None, "more_than"),
    ("The march drew over 100 people.", "over 100", "count", 100, 100, INF, None, "more_than"),
    ("The rescue took nearly five hours.", "nearly five hours", "duration", 5, 4.5, 5, "hour", "nearly"),
    ("Almost five crews were sent.", "Almost five", "count", 5, 4.5, 5, None, "nearly"),
    ("About 1,000 fans waited outside.", "About 1,000", "count", 1000, 900, 1100, None, "about"),
    ("Around 1,000 fans waited outside.", "Around 1,000", "count", 1000, 900, 1100, None, "about"),
    ("Roughly 1,000 fans waited outside.", "Roughly 1,000", "count", 1000, 900, 1100, None, "about"),
    ("Approximately 1,000 fans waited.", "Approximately 1,000", "count", 1000, 900, 1100, None, "about"),
    ("Some 1,000 fans waited outside.", "Some 1,000", "count", 1000, 900, 1100, None, "about"),
    ("The hall holds up to 50 people.", "up to 50", "count", 50, 0, 50, None, "up_to"),
    ("As many as 50 people were inside.", "As many as 50", "count", 50, 0, 50, None, "up_to"),
    ("Less than 10 shops stayed open.", "Less than 10", "count", 10, 0, 10, None, "less_than"),
    ("Fewer than 10 shops stayed open.", "Fewer than 10", "count", 10, 0, 10, None, "less_than"),
    ("Under 10 shops stayed open.", "Under 10", "count", 10, 0, 10, None, "less_than"),
    ("Just over 100 votes separated them.", "Just over 100", "count", 100, 100, 105, None, "just_over"),
    ("Just under 100 votes separated them.", "Just under 100", "count", 100, 95, 100, None, "just_under"),
    ("More than a dozen ferries were delayed.", "More than a dozen", "count", 12, 12, INF, None, "more_than"),
    ("Nearly a dozen ferries were delayed.", "Nearly a dozen", "count", 12, 10.8, 12, None, "nearly"),
    ("The strike lasted 40 days or more.", "40 days or more", "duration", 40, 40, INF, "day", "at_least"),
    ("About $1.4 trillion is at stake.", "About $1.4 trillion", "money", 1.4e12, 1.26e12, 1.54e12, "USD", "about"),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", HEDGES)
def test_rule6_hedges(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


def test_rule6_hedges_are_calibrated():
    assert overlap(parse_number("about 12"), parse_number("eleven"))
    assert not overlap(parse_number("nearly five hours"), parse_number("roughly six hours"))
    assert overlap(parse_number("about 1,000"), parse_number("950"))


# --- Rule 7: ranges ------------------------------------------------------------------------------

RANGES = [
    ("Between 50 and 100 cars burned on the deck.", "Between 50 and 100", "count", None, 50, 100, None, "between"),
    ("The council expects 50 to 100 boats.", "50 to 100", "count", None, 50, 100, None, "between"),
    ("The strike involved 50-100 drivers.", "50-100", "count", None, 50, 100, None, "between"),
    ("The strike involved 50–100 drivers.", "50–100", "count", None, 50, 100, None, "between"),
    ("Attendance ranged from 50 to 100 people.", "from 50 to 100", "count", None, 50, 100, None, "between"),
    ("Prices rose 10-15% at the market.", "10-15%", "percent", None, 10, 15, "percent", "between"),
    ("Repairs will take two to three weeks.", "two to three weeks", "duration", None, 2, 3, "week", "between"),
    ("The roof will cost $50 to $80.", "$50 to $80", "money", None, 50, 80, "USD", "between"),
    ("The harbour needs 1.2 to 1.5 billion euros.", "1.2 to 1.5 billion euros", "money", None, 1.15e9, 1.55e9,
     "EUR", "between"),
    ("The levy will raise $50-100 million.", "$50-100 million", "money", None, 49.5e6, 100.5e6, "USD", "between"),
    ("Fares fell from 10 to 5 percent.", "from 10 to 5 percent", "percent", None, 5, 10, "percent", "between"),
    ("The 2019-2021 strikes cost the mill dearly.", "2019-2021", "year", None, 2019, 2021, None, "between"),
    ("The 2020-21 budget was cut.", "2020-21", "year", None, 2020, 2021, None, "between"),
    ("Talks ran between 2019 and 2021.", "between 2019 and 2021", "year", None, 2019, 2021, None, "between"),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", RANGES)
def test_rule7_ranges(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


def test_rule7_a_range_is_one_expression():
    assert [n.text for n in find_numbers("Between 50 and 100 cars burned.")] == ["Between 50 and 100"]


# --- Rule 8: tallies -----------------------------------------------------------------------------

TALLIES = [
    ("The motion passed 57-43 after a long debate.", "57-43", 57, 43),
    ("The board split 6-3 on the harbour plan.", "6-3", 6, 3),
    ("The court ruled 5-to-4 for the strikers.", "5-to-4", 5, 4),
    ("The bill cleared the chamber 371-18.", "371-18", 371, 18),
    ("The assembly backed the plan 220 to 211.", "220 to 211", 220, 211),
    ("The assembly backed the plan 220-211.", "220-211", 220, 211),
    ("The visiting team lost 43-57 in the final.", "43-57", 43, 57),
    ("Members voted 2-7 against the ferry contract.", "2-7", 2, 7),
    ("A 4-5 ruling sent the case back.", "4-5", 4, 5),
]


@pytest.mark.parametrize("sentence,span,value,against", TALLIES)
def test_rule8_tallies(sentence, span, value, against):
    number = check(sentence, span, "tally", value, value, value, None, None)
    assert number.against == against and number.is_quantity


def test_rule8_smaller_first_without_tally_word_is_a_range():
    check("The strike involved 43-57 drivers.", "43-57", "count", None, 43, 57, None, "between")


# --- Rule 9: vague quantities --------------------------------------------------------------------

VAGUE = [
    ("Dozens of boats joined the search.", "Dozens", 24, 99),
    ("Scores of volunteers came.", "Scores of", 40, 99),
    ("Hundreds of workers marched.", "Hundreds", 200, 999),
    ("Several hundred workers marched.", "Several hundred", 200, 999),
    ("Thousands of fans waited.", "Thousands", 2000, 9999),
    ("Tens of thousands of fans waited.", "Tens of thousands", 20000, 99999),
    ("Hundreds of thousands lost power.", "Hundreds of thousands", 2e5, 999999),
    ("Millions watched the debate.", "Millions", 2e6, 999e6),
    ("A few boats stayed in port.", "A few", 2, 4),
    ("Several boats stayed in port.", "Several", 3, 9),
    ("A handful of shops stayed open.", "A handful", 2, 6),
    ("A couple of ferries were late.", "A couple of", 2, 2),
    ("One or two boats stayed out.", "One or two", 1, 2),
]


@pytest.mark.parametrize("sentence,span,low,high", VAGUE)
def test_rule9_vague_quantities(sentence, span, low, high):
    check(sentence, span, "count", None, low, high, None, "vague")


def test_rule9_neighbouring_vague_quantities_do_not_overlap():
    assert parse_number("hundreds").high < parse_number("thousands").low
    assert parse_number("thousands").high < parse_number("tens of thousands").low


def test_rule9_vague_durations_and_money():
    check("The crew waited several hours.", "several hours", "duration", None, 3, 9, "hour", "vague")
    check("The fire cost millions of dollars.", "millions of dollars", "money", None, 2e6, 999e6, "USD", "vague")


# --- Rule 10: number words -----------------------------------------------------------------------

WORDS = [(word, value) for value, word in enumerate(
    "one two three four five six seven eight nine ten eleven twelve".split(), start=1)]


@pytest.mark.parametrize("word,value", WORDS)
def test_rule10_small_number_words(word, value):
    check(f"The council sent {word} boats.", word, "count", value, value, value, None, None)


NUMBER_WORDS = [
    ("The mill hired a dozen welders.", "a dozen", "count", 12, 12, 12, None, None),
    ("The mill hired two dozen welders.", "two dozen", "count", 24, 24, 24, None, None),
    ("The mill hired half a dozen welders.", "half a dozen", "count", 6, 6, 6, None, None),
    ("The mill hired twenty-five welders.", "twenty-five", "count", 25, 25, 25, None, None),
    ("The mill hired three hundred welders.", "three hundred", "count", 300, 300, 300, None, None),
    ("The mill hired one hundred and five welders.", "one hundred and five", "count", 105, 105, 105, None, None),
    ("The mill hired a hundred welders.", "a hundred", "count", 100, 100, 100, None, None),
    ("The queue lasted an hour.", "an hour", "duration", 1, 1, 1, "hour", None),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", NUMBER_WORDS)
def test_rule10_number_words(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


@pytest.mark.parametrize("text, count", [
    ("4", 4), ("1,000", 1000), ("four", 4), ("Four", 4), ("twenty-five", 25), ("a dozen", 12), ("zero", 0),
    ("a", 1), ("an", 1),  # an article before a unit or a noun counts one ("a year ago")
    ("several", None), ("a few", None), ("dozens", None), ("about 40", None), ("2.5", None), ("half", None),
    ("5%", None), ("1990", 1990), ("the", None), ("", None),
])
def test_parse_count_reads_a_whole_count(text, count):
    assert parse_count(text) == count


def test_count_words_are_the_articles_and_the_cardinals():
    words = count_words()
    assert {"a", "an", "one", "twelve", "fifteen", "forty", "ninety"} <= set(words)
    assert "several" not in words and "hundred" not in words


@pytest.mark.parametrize("sentence", [
    "A boat and an engine were lost.",
    "The crew ate twice a day.",
    "No one was hurt in the fire.",
    "Two-thirds of the council agreed.",
    "The crowd cheered at noon.",
    "A third of the crew stayed aboard.",
    "The ferry runs 24/7 in summer.",
    "A 2/3 majority is needed.",
    "The water was 25C at the quay.",
])
def test_rule10_words_that_are_not_numbers(sentence):
    assert find_numbers(sentence) == []


def test_rule10_an_article_before_a_unit_after_a_noun_is_a_rate():
    assert [(n.text, n.kind) for n in find_numbers("There are 14 sailings a day.")] == [("14", "count")]


# --- Rule 11: durations --------------------------------------------------------------------------

DURATIONS = [
    ("The blaze burned for nearly an hour.", "nearly an hour", "duration", 1, 0.9, 1, "hour", "nearly"),
    ("The strike lasted two weeks.", "two weeks", "duration", 2, 2, 2, "week", None),
    ("The strike lasted 22 days.", "22 days", "duration", 22, 22, 22, "day", None),
    ("The vote took three and a half minutes.", "three and a half minutes", "duration", 3.5, 3.5, 3.5, "minute", None),
    ("The rescue took more than 40 minutes.", "more than 40 minutes", "duration", 40, 40, INF, "minute", "more_than"),
    ("The crossing takes five hours.", "five hours", "duration", 5, 5, 5, "hour", None),
    ("The council met for half an hour.", "half an hour", "duration", 0.5, 0.5, 0.5, "hour", None),
    ("The picket was a 24-hour protest.", "24-hour", "duration", 24, 24, 24, "hour", None),
    ("The dispute ran for two decades.", "two decades", "duration", 20, 20, 20, "year", None),
    ("The mill opened 106 years ago.", "106 years ago", "date", 106, 106, 106, "year", None),
    ("The quay reopened a year ago.", "a year ago", "date", 1, 1, 1, "year", None),
    ("An hour later the fire was out.", "An hour", "duration", 1, 1, 1, "hour", None),
    ("The inquiry will sit for at least a week.", "at least a week", "duration", 1, 1, INF, "week", "at_least"),
    ("The wait lasted an hour and a half.", "an hour and a half", "duration", 1.5, 1.5, 1.5, "hour", None),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", DURATIONS)
def test_rule11_durations(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge)


def test_rule11_seconds():
    assert seconds(parse_number("two weeks")) == (1209600.0, 1209600.0)
    assert seconds(parse_number("more than 40 minutes")) == (2400.0, None)
    assert seconds(parse_number("nearly an hour")) == pytest.approx((3240.0, 3600.0))
    with pytest.raises(ValueError):
        seconds(parse_number("40 boats"))


def test_rule11_an_age_is_not_a_duration():
    check("The ferry was steered by a 20-year-old.", "20-year-old", "age", 20, 20, 20, "year", None)


# --- Rule 12: never quantities -------------------------------------------------------------------

NON_QUANTITIES = [
    # years
    ("The mill closed in 2001.", "2001", "year", 2001),
    ("The 2001 attacks changed the port.", "2001", "year", 2001),
    ("The ferry has run since 1967.", "1967", "year", 1967),
    ("The 2020 election split the town.", "2020", "year", 2020),
    ("The strike began in the 1990s.", "1990s", "year", None),
    # clock times
    ("The alarm rang at 5:41 p.m.", "5:41 p.m.", "clock", 17 + 41 / 60),
    ("The council met at 11 a.m.", "11 a.m.", "clock", 11),
    ("The ferry left at 9:40 pm sharp.", "9:40 pm", "clock", 21 + 40 / 60),
    ("The vote began at 1:30 after a break.", "1:30", "clock", 1.5),
    ("The gates shut at 13:45.", "13:45", "clock", 13.75),
    ("The ferry sails at 10.30am daily.", "10.30am", "clock", 10.5),
    ("The ferry sails at 12 p.m. daily.", "12 p.m.", "clock", 12),
    # dates
    ("The fire started on May 25 near the quay.", "May 25", "date", None),
    ("The fire started on 25 May near the quay.", "25 May", "date", None),
    ("The fire started on May 25, 2020, near the quay.", "May 25, 2020", "date", None),
    ("The log entry is dated 2020-05-25.", "2020-05-25", "date", None),
    ("The log entry is dated 5/25/2020.", "5/25/2020", "date", None),
    ("The port changed after 9/11.", "9/11", "date", None),
    ("The log entry is dated Jan. 6.", "Jan. 6", "date", None),
    ("The vote is on the 6th of January.", "6th of January", "date", None),
    ("The inquiry opens on the 25th.", "the 25th", "date", None),
    ("The ferry sailed on the 25th with 40 cars.", "the 25th", "date", None),
    # ordinals
    ("It was the first strike in years.", "first", "ordinal", 1),
    ("It was the third strike in years.", "third", "ordinal", 3),
    ("She came 1st in the regatta.", "1st", "ordinal", 1),
    ("He came 2nd in the regatta.", "2nd", "ordinal", 2),
    ("The 21st ferry was late.", "21st", "ordinal", 21),
    ("It was the twentieth vote.", "twentieth", "ordinal", 20),
    ("It was the twenty-first vote.", "twenty-first", "ordinal", 21),
    # ages
    ("The captain, a 53-year-old, spoke first.", "53-year-old", "age", 53),
    ("The captain, aged 53, spoke first.", "aged 53", "age", 53),
    ("The founder died at age 87.", "age 87", "age", 87),
    ("The pilot is 40 years old.", "40 years old", "age", 40),
    # phones
    ("Call the hotline on 555-0142 today.", "555-0142", "phone", None),
    ("Call the office on (212) 555-0199.", "(212) 555-0199", "phone", None),
    ("Call the London desk on +44 20 7946 0958.", "+44 20 7946 0958", "phone", None),
    ("Call the line on 1-800-555-0199.", "1-800-555-0199", "phone", None),
    # addresses
    ("Protesters gathered at 1600 Pennsylvania Avenue.", "1600 Pennsylvania Avenue", "address", None),
    ("Protesters gathered at 10 Downing Street.", "10 Downing Street", "address", None),
    ("The detective lived at 221B Baker Street.", "221B Baker Street", "address", None),
    # identifiers
    ("The harbour bill, H.R. 1154, passed.", "H.R. 1154", "identifier", None),
    ("Senate Bill 8 was debated.", "Senate Bill 8", "identifier", None),
    ("Critics of SB 8 marched.", "SB 8", "identifier", None),
    ("The ferry No. 3 was late.", "No. 3", "identifier", None),
    ("The boat marked #5 sank.", "#5", "identifier", None),
    ("Traffic on Route 66 stopped.", "Route 66", "identifier", None),
    ("The union cited Article 5 of the charter.", "Article 5", "identifier", None),
    ("The site relies on Section 230 protections.", "Section 230", "identifier", None),
    ("The COVID-19 rules ended.", "COVID-19", "identifier", None),
    ("An F-16 flew over the port.", "F-16", "identifier", None),
    ("The G7 summit opened.", "G7", "identifier", None),
    ("The Apollo 11 crew visited.", "Apollo 11", "identifier", None),
    ("The school cited Title IX rules.", "Title IX", "identifier", None),
    ("Trucks queued on I-95 for hours.", "I-95", "identifier", None),
    ("A Boeing 737 landed late.", "Boeing 737", "identifier", None),
    ("A Boeing 737-800 landed late.", "Boeing 737-800", "identifier", None),
    ("The 5G masts were switched off.", "5G", "identifier", None),
    ("The H1N1 outbreak closed the school.", "H1N1", "identifier", None),
    ("World War 2 veterans laid wreaths.", "World War 2", "identifier", None),
    ("The 25th anniversary fell on a Sunday.", "25th", "ordinal", 25),
    ("A six-month-old was rescued.", "six-month-old", "age", 6),
]


@pytest.mark.parametrize("sentence,span,kind,value", NON_QUANTITIES)
def test_rule12_never_quantities(sentence, span, kind, value):
    number = number_in(sentence, span)
    assert number.kind == kind and same(number.value, value), number
    assert not number.is_quantity


def test_rule12_years_need_bare_digits():
    check("The 2,001 attacks were logged.", "2,001", "count", 2001, 2001, 2001, None, None)
    check("More than 2000 people came.", "More than 2000", "count", 2000, 2000, INF, None, "more_than")
    check("The port lost $2020 in fees.", "$2020", "money", 2020, 2020, 2020, "USD", None)


def test_rule12_an_age_in_months_says_so():
    assert number_in("A six-month-old was rescued.", "six-month-old").unit == "month"


def test_rule12_identifier_words_that_are_plain_prefixes():
    check("The Top-10 list omitted the port.", "10", "count", 10, 10, 10, None, None)
    assert number_in("In mid-2020 the mill closed.", "2020").kind == "year"


def test_rule12_at_an_age_alone_is_not_an_age():
    assert number_in("The founder retired at 87.", "87").kind == "count"


def test_rule12_list_numbers():
    text = "Demands:\n1. Higher pay\n2) Shorter shifts\n  3. Safer decks"
    numbers = find_numbers(text)
    assert [(n.text, n.kind, n.value) for n in numbers] == [("1.", "list", 1), ("2)", "list", 2), ("3.", "list", 3)]


def test_rule12_a_phone_like_range_of_round_numbers_stays_a_range():
    check("The hall fits 500-1000 people.", "500-1000", "count", None, 500, 1000, None, "between")


# --- Rule 13: spans ------------------------------------------------------------------------------

PARAGRAPH = (
    "At 5:41 p.m. on May 25, 2020, fire broke out on the ferry Northern Lantern, built in 2004. "
    "Nearly 1,200 passengers and about 40 crew left in 14 lifeboats within half an hour; "
    "between 50 and 60 cars burned. The council voted 7-2 to spend at least $4.5 million, "
    "roughly 13 percent of its budget, on an inquiry. Dozens of volunteers, a 53-year-old captain "
    "and the hotline 555-0142 are part of the story, as is Senate Bill 8."
)


def test_rule13_offsets_slice_back_and_nothing_overlaps():
    numbers = find_numbers(PARAGRAPH)
    assert [n.text for n in numbers] == [
        "5:41 p.m.", "May 25, 2020", "2004", "Nearly 1,200", "about 40", "14", "half an hour",
        "between 50 and 60", "7-2", "at least $4.5 million", "roughly 13 percent", "Dozens",
        "53-year-old", "555-0142", "Senate Bill 8"]
    for number in numbers:
        assert PARAGRAPH[number.start:number.end] == number.text
    for left, right in zip(numbers, numbers[1:]):
        assert left.end <= right.start


def test_rule13_longest_wins():
    texts = [n.text for n in find_numbers("Between 50 and 100 workers and more than $1.2 trillion.")]
    assert texts == ["Between 50 and 100", "more than $1.2 trillion"]


def test_parse_number_reads_one_expression():
    number = parse_number("about 1,000")
    assert (number.kind, number.value, number.low, number.high, number.hedge) == ("count", 1000, 900, 1100, "about")
    assert parse_number("$1.4 trillion").unit == "USD"
    assert parse_number("no figure here") is None
    assert parse_number("156").is_exact and not parse_number("17 million").is_exact


# --- Every text ----------------------------------------------------------------------------------

PIECES = ["0", "1", "7", "12", "2,000", "1.5", ",", ".", "-", "–", "/", ":", "%", "$", "€", "£", "#", "(", ")",
          "+", " ", "  ", "\n", "\t", "a", "an", "one", "twenty-five", "hundred", "million", "bn", "K", "m",
          "percent", "about", "nearly", "more than", "at least", "between", "and", "to", "from", "dozen",
          "dozens", "half", "hours", "years", "ago", "old", "year-old", "May", "Street", "Route", "COVID",
          "p.m.", "voted", "the", "th", "st", "é", "ß", "٣", "𝟘", "\u00a0"]


def check_spans(text: str, numbers: list[Number]) -> None:
    previous_end = 0
    for number in numbers:
        assert 0 <= number.start < number.end <= len(text)
        assert text[number.start:number.end] == number.text
        assert number.start >= previous_end
        assert number.kind in KINDS
        if number.low is not None and number.high is not None:
            assert number.low <= number.high
        previous_end = number.end


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(PIECES), max_size=40).map("".join)))
def test_find_numbers_never_raises_and_spans_are_valid(text):
    check_spans(text, find_numbers(text))
    check_spans(text, find_numbers(text, "de"))


# --- Speed ---------------------------------------------------------------------------------------


def test_speed_on_a_1000_word_article():
    text = ARTICLE.read_text(encoding="utf-8")
    assert 900 <= len(text.split()) <= 1100
    find_numbers(text)  # build the grammar once
    best = min(timed(find_numbers, text) for _ in range(10))
    assert best < 0.005, f"find_numbers took {best * 1000:.1f} ms"


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


# --- A second language ---------------------------------------------------------------------------

GERMAN = [
    ("Die Fähre brachte 2.000 Menschen an Land.", "2.000", "count", 2000, 2000, 2000, None, None),
    ("Der Schaden beträgt 1,5 Millionen Euro.", "1,5 Millionen Euro", "money", 1.5e6, 1.45e6, 1.55e6, "EUR", None),
    ("Mehr als 40 Boote suchten die Küste ab.", "Mehr als 40", "count", 40, 40, INF, None, "more_than"),
    ("Etwa 1.000 Helfer kamen zum Hafen.", "Etwa 1.000", "count", 1000, 900, 1100, None, "about"),
    ("Zwischen 50 und 100 Autos brannten.", "Zwischen 50 und 100", "count", None, 50, 100, None, "between"),
    ("Der Streik dauerte zweihundertfünfzig Tage.", "zweihundertfünfzig Tage", "duration", 250, 250, 250, "day", None),
]


@pytest.mark.parametrize("sentence,span,kind,value,low,high,unit,hedge", GERMAN)
def test_german_from_its_own_yaml(sentence, span, kind, value, low, high, unit, hedge):
    check(sentence, span, kind, value, low, high, unit, hedge, language="de")


@pytest.mark.parametrize("language", ["en", "de"])
def test_word_lists_hold_no_yaml_booleans(language):
    """YAML 1.1 reads a bare on/off/yes/no as a boolean: every such word must be quoted."""
    data = yaml.safe_load((DATA / f"{language}.yaml").read_text(encoding="utf-8"))

    def words(node):  # keys and list items: where the words are (flags such as rounds: true are not)
        if isinstance(node, dict):
            for key, value in node.items():
                yield key
                yield from words(value)
        elif isinstance(node, list):
            for value in node:
                yield value
                yield from words(value)

    assert not [word for word in words(data) if isinstance(word, bool)]


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError):
        find_numbers("12 boats", "xx")
