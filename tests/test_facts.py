"""The fact reader (read/facts/): typed facts read once, on text written for the project.

Each rule is checked on made-up news: counts keyed by what they count, roles, periods and scopes;
dates with weekdays and parts of the day; tallies; titles and ages; statuses and who asserts what.
"""

from __future__ import annotations

import pytest

from rashomon.api import read_articles
from rashomon.ingest import article_from_text
from rashomon.settings import Settings

pytestmark = pytest.mark.model


def read(text: str, published: str | None = None):
    settings = Settings.load()
    article = article_from_text(text, id="t", published=published, settings=settings)
    return next(read_articles([article], settings))


def facts(text: str, slot: str | None = None, published: str | None = None):
    found = read(text, published).facts
    return [f for f in found if slot is None or f.slot == slot]


def one(text: str, slot: str, published: str | None = None):
    found = facts(text, slot, published)
    assert len(found) == 1, [(f.slot, f.value.text) for f in read(text, published).facts]
    return found[0]


def test_casualty_counts_take_their_slot_from_their_verb_or_adjective():
    text = "A gunman killed four people and wounded at least nine others at a ferry terminal in Bergen on Friday."
    killed, injured = one(text, "killed"), one(text, "injured")
    assert (killed.value.figure, killed.value.low, killed.value.high) == (4, 4, 4)
    assert injured.value.low == 9 and injured.value.high is None and injured.value.hedge == "at_least"
    assert one("The blast left two dead and 11 injured.", "killed").value.figure == 2
    assert killed.evidence.text.startswith("A gunman") and text[killed.start:killed.end] == "four"


def test_years_ages_and_clock_times_are_never_counts():
    found = facts("The 2001 attacks were recalled at 5:41 p.m. by the 73-year-old mayor, who spoke on May 3.")
    assert not [f for f in found if f.value.kind == "quantity" and not f.slot.startswith("age_of")]


def test_an_expected_figure_and_the_actual_one_have_different_roles():
    text = "Factories added 61,000 jobs in May, the statistics office said. Economists had expected 45,000 jobs."
    roles = {f.value.text: f.value.role for f in facts(text, "jobs_added")}
    assert roles == {"61,000": "actual", "45,000": "expected"}


def test_a_count_without_a_noun_takes_the_slot_of_the_count_before_it():
    text = ("About 2.4 million people filed jobless claims last week, the ministry said. "
            "That is on top of a revised 2.6 million in the previous week.")
    claims = facts(text, "jobless_claims")
    by_text = {f.value.text: f for f in claims}
    assert set(by_text) == {"About 2.4 million", "2.6 million"}
    assert by_text["2.6 million"].value.role == "revised" and by_text["2.6 million"].period == "week:-1"
    assert by_text["About 2.4 million"].period != by_text["2.6 million"].period


def test_a_change_is_kept_apart_from_the_level():
    text = "Harbour traffic fell 7.5% in March. The port's vacancy rate rose to 4.2%."
    slots = {f.value.text: f.slot for f in facts(text)}
    assert slots["7.5%"].endswith("/change") and not slots["4.2%"].endswith("/change")


def test_rolling_windows_and_totals_are_periods_of_their_own():
    text = ("Across Norway 5,120 people have died since the outbreak began. On Sunday 212 people died in the "
            "past 24 hours.")
    periods = {f.value.text: f.period for f in facts(text, "killed")}
    assert periods["5,120"] == "since" and periods["212"] == "rolling:hour"


def test_whose_count_it_is_when_the_text_says():
    text = "The ministry will send 3.5 million doses to Chile and 2 million doses to Peru."
    scoped = [f for f in facts(text) if f.value.kind == "quantity"]
    assert len({f.scope for f in scoped}) == 2 and all(f.scope for f in scoped)


def test_a_count_that_includes_the_attacker_says_so():
    fact = one("Six people were killed (including the attacker) in the market.", "killed")
    assert fact.value.note == "including the attacker"


def test_dates_keep_weekday_and_part_of_day_without_a_publication_date():
    fact = one("The judge blocked the order early Wednesday.", "date")
    assert fact.value.weekday == 3 and fact.value.part == "early" and fact.value.date is None
    anchored = one("The judge blocked the order early Wednesday.", "date", published="2024-05-16")
    assert anchored.value.date == "2024-05-15"


def test_a_tally_is_the_vote_of_its_event():
    fact = one("The city council voted 27-14 on Monday to approve the harbour budget.", "vote_tally")
    assert (fact.value.figure, fact.value.against) == (27, 14) and fact.event_type == "vote"


def test_titles_and_ages_of_named_people():
    found = facts("Deputy Mayor Ines Dahl, 54, opened the session. Harbour master Ola Berg, aged 61, spoke.")
    titles = {f.value.text for f in found if f.slot.startswith("title_of:")}
    ages = sorted(f.value.figure for f in found if f.slot.startswith("age_of:"))
    assert "Deputy Mayor" in titles and ages == [54, 61]


def test_who_asserts_a_fact_and_how():
    fact = one('Police said three officers were injured in the clashes.', "injured")
    assert fact.modality == "reported" and fact.asserted_by is not None and "Police" in fact.asserted_by.text
    planned = [f for f in facts("The governor plans to nominate Ada Lind to the court.") if f.slot == "status"]
    assert planned and planned[0].value.status == "planned"
    done = [f for f in facts("The governor has nominated Ada Lind to the court.") if f.slot == "status"]
    assert done and done[0].value.status == "happened"


def test_a_speech_verb_is_an_event_only_with_a_day_on_it():
    assert not [f for f in facts("The mayor said the bridge was safe.") if f.slot == "date"]
    dated = one("The mayor said on Tuesday that the bridge was safe.", "date")
    assert dated.event_type == "statement" and dated.value.weekday == 2


def test_an_agent_noun_types_a_verb_that_names_no_event():
    fact = one("A federal judge in Ohio issued a sweeping halt to the rule late Thursday.", "date")
    assert fact.event_type == "court" and fact.value.part == "late"


def test_every_fact_points_into_the_text():
    text = ("The House passed the $2.1 billion flood bill 240-188 on Thursday, a day after Speaker Mara Holt, 61, "
            "said 30 lawmakers would vote against it.")
    reading = read(text)
    assert reading.facts
    for f in reading.facts:
        assert 0 <= f.start < f.end <= len(reading.article.text)
        assert f.evidence.start <= f.start and f.end <= f.evidence.end
        assert reading.article.text[f.evidence.start:f.evidence.end] == f.evidence.text
        assert (f.evidence.start, f.evidence.end) in [tuple(s) for s in reading.sentences]


def test_a_user_event_type_is_read_without_code(tmp_path):
    (tmp_path / "walkout.yaml").write_text(
        "type: walkout\nlabel: walkout\ntriggers:\n  - {lemma: walkout, pos: NOUN}\n"
        "slots:\n  strikers: {value: quantity, label: strikers, nouns: [docker]}\n", encoding="utf-8")
    settings = Settings(event_types=str(tmp_path))
    article = article_from_text("About 900 dockers joined the walkout at the port of Gdynia on Monday.", id="w",
                                settings=settings)
    reading = next(read_articles([article], settings))
    strikers = [f for f in reading.facts if f.slot == "strikers"]
    dated = [f for f in reading.facts if f.slot == "date"]
    assert strikers and strikers[0].value.low == 810 and "walkout" in {f.event_type for f in dated}


def test_a_change_with_nothing_named_is_keyed_by_direction_and_base():
    a = [f for f in facts("Ferries carried 41,200 cars in May, a 9 percent increase over April.") if f.slot == "rise"]
    b = [f for f in facts("Operators moved about 40,000 cars in May, an 11% increase over the previous month.")
         if f.slot == "rise"]
    assert a and b and a[0].period == b[0].period == "date:--04"


def test_a_count_includes_the_attacker_when_the_phrase_hangs_on_its_verb():
    fact = one("The bombing left five people dead, including the bomber, at the bus depot.", "killed")
    assert fact.value.note == "including the bomber"


def test_the_place_hung_on_the_subject_or_object_is_the_events():
    def places(text: str) -> set[str]:
        found = facts(text, "place")
        assert all(f.value.geonameid for f in found if "Rotterdam" in f.value.text or "Lyon" in f.value.text)
        return {f.value.text for f in found}

    assert places("A crowd of striking dockers in Rotterdam blocked the harbour gates on Monday.") == {"in Rotterdam"}
    assert places("Protesters shouted down the finance minister and her aide in a cafe on Friday.") == {"in a cafe"}
    assert places("An officer shot a cyclist during a traffic stop in a Lyon suburb on Sunday.") == {"in a Lyon suburb"}


def test_a_clause_of_the_same_time_takes_the_day_of_its_main_clause():
    fact = one("The cup final was halted for nearly an hour on Sunday as fans stormed the pitch.", "date")
    assert fact.value.weekday == 7 and fact.value.text == "Sunday"
    later = facts("The cup final was halted on Sunday after fans had stormed the pitch.", "date")
    assert not [f for f in later if f.predicate == "stormed"]  # "after" is no clause of the same time


def test_a_window_that_belongs_to_another_noun_is_not_the_counts_period():
    assert one("Police arrested 40 people after the third protest in two weeks.", "arrested").period is None
    assert one("Police arrested 40 people over two weeks.", "arrested").period == "rolling:week"


def test_attackers_counted_under_any_perpetrator_noun_are_one_slot():
    assert one("Police shot dead five terrorists in the port.", "perpetrators").value.figure == 5
    assert one("The five attackers wore fake vests.", "perpetrators").value.figure == 5


def test_how_long_an_event_held_something_up_is_not_how_long_it_lasted():
    found = {f.slot for f in facts("Hundreds of fans stormed the pitch on Sunday, delaying the final for nearly an "
                                   "hour.") if f.value.unit == "hour"}
    assert found == {"duration/delay"}
    assert {f.slot for f in facts("The talks lasted nearly four hours.") if f.value.unit == "hour"} == {"duration"}


def test_a_verb_that_carries_the_event_noun_gives_it_its_day():
    fact = one("The government Friday slapped sanctions on three harbour banks.", "date")
    assert fact.event_type == "sanctions" and fact.value.weekday == 5


def test_a_place_after_a_two_word_preposition():
    fact = one("A gunman opened fire outside of the main station in Ghent on Monday.", "place")
    assert fact.value.text == "outside of the main station in Ghent"


def test_the_whole_a_part_is_counted_out_of_is_a_total():
    roles = {f.value.text: f.value.role for f in facts("The Greens won 41 of the 120 seats on Sunday.", "seats")}
    assert roles == {"41": "actual", "120": "total"}
    roles = {f.value.text: f.value.role for f in facts("The Greens took 41 seats of the 120 in the chamber.", "seats")}
    assert roles == {"41": "actual", "120": "total"}


def test_the_level_a_change_started_from_is_the_previous_figure_of_its_own_month():
    text = "The jobless rate in Moravia fell to 6.1% in March from 6.4% in February, the statistics office said."
    by_text = {f.value.text: f for f in facts(text) if f.value.kind == "quantity"}
    assert by_text["6.1%"].value.role == "actual" and by_text["6.1%"].period == "date:--03"
    assert by_text["6.4%"].value.role == "previous" and by_text["6.4%"].period == "date:--02"
    assert by_text["6.1%"].slot == by_text["6.4%"].slot
    # a "from" phrase on what is counted is not a starting level
    hurt = one("Forty people from the village were hurt when the bridge collapsed.", "injured")
    assert hurt.value.role == "actual"


def test_a_coordinated_clause_does_not_lend_its_verb_to_the_count():
    text = ("Economists had expected 90,000 new jobs, but employers added 41,000 jobs in October, "
            "the ministry said.")
    roles = {f.value.text: f.value.role for f in facts(text) if f.value.kind == "quantity"}
    assert roles == {"90,000": "expected", "41,000": "actual"}
    # a complement still takes it
    assert one("Analysts expected the jobless rate to fall to 4.9%.", "unemployment_rate").value.role == "expected"


def test_an_apposition_describing_a_count_is_not_its_period():
    text = "Inflation in Lusatia slowed to 2.2%, the lowest rate since March 2019, the central bank said."
    rate = one(text, "inflation")
    assert rate.period is None and rate.value.role == "actual"
    total = one("The floods have killed 61 people so far, officials said.", "killed")
    assert total.period == "since"  # a running total, said on the count itself


def test_a_number_that_is_the_value_of_a_measure_counts_that_measure():
    assert one("Officials reported a death toll of 41 after the landslide.", "killed").value.figure == 41
    rate = one("Economists had been looking for a jobless rate of 5.7%.", "unemployment_rate")
    assert rate.value.role == "expected"
    found = {f.value.text: f.value.role for f in facts("Two of the 12 passengers were hurt.")}
    assert found == {"Two": "actual", "12": "total"}  # a number's own "of" is still its whole


def test_a_superlatives_since_is_a_comparison_not_a_running_total():
    assert one("The unemployment rate of 5.4% was the lowest since 2019.", "unemployment_rate").period is None
    assert one("Since March, 5,000 people have died in the region.", "killed").period == "since"


def test_a_generic_head_noun_is_keyed_by_what_it_is_the_figure_of():
    expected = one("Economists expected the retail sales number to fall 12.3% in April.", "sale/change")
    actual = one("Retail sales fell 8.3% in March, the ministry said.", "sale/change")
    assert (expected.value.role, actual.value.role) == ("expected", "actual")


def test_a_bare_measure_takes_the_slot_of_the_measure_named_before_it():
    text = ("The jobless rate in Moravia fell to 6.1% in March, the statistics office said. "
            "Economists had expected a rate of 6.3%.")
    roles = {f.value.text: f.value.role for f in facts(text, "unemployment_rate")}
    assert roles == {"6.1%": "actual", "6.3%": "expected"}
