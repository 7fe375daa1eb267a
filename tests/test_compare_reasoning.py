"""Reasoning about values from different sources: numbers with hedges, dates, places, sets, texts.

All examples are written for the project (invented figures; real places so the gazetteer can reason).
"""

from __future__ import annotations

import pytest

from rashomon.compare.reasoning import (compare_dates, compare_places, compare_quantities, compare_sets,
                                        compare_texts, parse_quantity)


@pytest.mark.parametrize("text, low, high", [
    ("nearly four hours", 3.4, 4.0),
    ("about six hours", 5.4, 6.6),
    ("90 minutes", 1.5, 1.5),
    ("eleven trawlers", 11, 11),
    ("more than 40 boats", 40, 52),
])
def test_parse_quantity_reads_hedges_as_intervals(text, low, high):
    q = parse_quantity(text)
    assert q is not None
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)


def test_quantities_conflict_only_when_hedged_ranges_do_not_meet():
    assert compare_quantities("nearly four hours", "about six hours").verdict == "conflict"
    assert compare_quantities("about 12 trawlers", "eleven trawlers").verdict == "compatible"
    assert compare_quantities("12 trawlers", "eleven trawlers").verdict == "conflict"
    assert compare_quantities("three hours", "3 hours").verdict == "agree"


def test_dates_as_ranges_and_year_less_days():
    assert compare_dates("2023-03-14", "2023-03-14").verdict == "agree"
    assert compare_dates("2023-03-14", "--03-14").verdict == "agree"
    assert compare_dates("2023-03-14", "--03-15").verdict == "conflict"
    assert compare_dates("2023-03-11/2023-03-12", "2023-03-12").verdict == "compatible"
    assert compare_dates("2023-03-14", "2023-03-16").verdict == "conflict"


def test_places_by_gazetteer_containment_and_distance():
    assert compare_places("Homel", "Gomel").verdict == "agree"                         # alternate names
    assert compare_places("Tangier, Morocco", "northern Morocco").verdict == "compatible"   # city in its country
    assert compare_places("Gomel", "the Belarusian-Ukrainian border").verdict == "compatible"  # demonyms name countries
    assert compare_places("Tangier", "Lisbon").verdict == "conflict"
    explanation = compare_places("Faro", "Portugal").explanation
    assert "Portugal" in explanation


def test_sets_of_people():
    names = {"P1": "Ana Rojas", "P2": "Rui Tavares", "P3": "Joana Pires"}
    assert compare_sets({"P1", "P2"}, {"P2", "P1"}, names).verdict == "agree"
    judgement = compare_sets({"P1"}, {"P1", "P2"}, names)
    assert judgement.verdict == "compatible" and "Rui Tavares" in judgement.explanation
    assert compare_sets({"P1"}, {"P3"}, names).verdict == "conflict"


def test_texts_agree_on_shared_content_words():
    a = "will press for a joint inspection regime and the return of the seized boats"
    b = "the aim was to agree a joint inspection regime and get the boats back"
    assert compare_texts(a, b).verdict == "agree"
    assert compare_texts("a new quota for sardines", "an end to the strike").verdict == "compatible"


def test_a_city_named_with_its_country_is_that_city():
    assert compare_places("in the northern Moroccan city of Tangier", "in Tangier").verdict == "agree"
    assert compare_places("in Homel, Belarus", "Gomel").verdict == "agree"


def test_a_year_less_day_inside_a_range_is_compatible():
    assert compare_dates("2023-03-11/2023-03-12", "--03-12").verdict == "compatible"
    assert compare_dates("2023-03-11/2023-03-12", "--03-14").verdict == "conflict"
