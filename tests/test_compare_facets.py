"""Facets of a story built from hand-made records (no model, no text re-read): alignment by event and
slot, roles and periods kept apart, sources searched before they are called silent, honest verdicts."""

from __future__ import annotations

from rashomon.compare.facets import story_facets
from rashomon.records import (Alias, Article, CorpusEntity, CorpusMention, Description, Entity, Event, EventMention,
                              Evidence, Fact, Mention, Reading, Source, Value)

TEXT_A = ("Portugal and Morocco held talks in Tangier on Tuesday. The talks lasted nearly four hours. "
          "Portugal's team comprises Sea Minister Rui Tavares and its deputy foreign minister. "
          "Lisbon said 12 trawlers were seized. Economists had expected 30 boats to be stopped.")
TEXT_B = ("Talks between Portugal and Morocco took place in northern Morocco on March 14. "
          "They lasted about six hours and the sides agreed to meet again. "
          "On the Portuguese side, there were Sea Minister Rui Tavares and Deputy Foreign Minister Ana Rojas. "
          "Eleven trawlers were held. Last month 40 trawlers were inspected.")
TEXT_C = "A ferry crossing between the two countries closed on Tuesday. About 1,200 crew members were stranded."


def sentence(text: str, words: str) -> Evidence:
    at = text.index(words)
    start = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(".", at) + 1
    return Evidence("", text[start:end], start, end)


def fact(article: str, text: str, slot: str, value: Value, words: str | None = None, **kw) -> Fact:
    words = words or value.text
    ev = sentence(text, words)
    ev.article = article
    start = text.index(words)
    return Fact("", article, slot, value, ev, start, start + len(words), **kw)


def count(text: str, figure: float, low=None, high=None, hedge=None, role="actual", counted="trawler") -> Value:
    return Value("quantity", text, figure=figure, low=figure if low is None else low,
                 high=figure if high is None else high, hedge=hedge, role=role, counted=counted)


def reading(article_id: str, text: str, facts: list[Fact], entities=(), descriptions=()) -> Reading:
    article = Article(article_id, Source(outlet=f"{article_id}.example"), "t", "2023-03-14", "en", text)
    for n, f in enumerate(facts):
        f.id = f"f{n + 1}"
    return Reading(article, entities=list(entities), descriptions=list(descriptions), facts=facts,
                   events=[EventMention(article_id, "talks", "talks", sentence(text, text.split(".")[0]), id="ev1")])


def build(with_c: bool = False):
    a_tavares = Entity("e1", "Rui Tavares", "PERSON", [Mention("Rui Tavares", TEXT_A.index("Rui Tavares"),
                                                               TEXT_A.index("Rui Tavares") + 11)], side="Portugal")
    d1 = Description("d1", "its deputy foreign minister", TEXT_A.index("its deputy"),
                     TEXT_A.index("its deputy") + len("its deputy foreign minister"), "minister", "Portugal")
    a = reading("a", TEXT_A, [
        fact("a", TEXT_A, "date", Value("date", "Tuesday", date="2023-03-14", weekday=2), event="ev1", event_type="talks"),
        fact("a", TEXT_A, "place", Value("place", "in Tangier", name="Tangier", geonameid=2530335, country="MA"),
             event="ev1", event_type="talks"),
        fact("a", TEXT_A, "duration", Value("quantity", "nearly four hours", figure=4, low=3.4, high=4, hedge="nearly",
                                            unit="hour"), event="ev1", event_type="talks"),
        fact("a", TEXT_A, "participants", Value("entities", "Sea Minister Rui Tavares", members=["e1", "desc:d1"]),
             scope="Portugal"),
        fact("a", TEXT_A, "trawler", count("12", 12), predicate="seize"),
        fact("a", TEXT_A, "boat", count("30", 30, role="expected", counted="boat"), predicate="stop"),
    ], [a_tavares], [d1])
    b = reading("b", TEXT_B, [
        fact("b", TEXT_B, "date", Value("date", "March 14", partial="--03-14"), event="ev1", event_type="talks"),
        fact("b", TEXT_B, "place", Value("place", "in northern Morocco", name="Morocco", geonameid=2542007, country="MA"),
             event="ev1", event_type="talks"),
        fact("b", TEXT_B, "duration", Value("quantity", "about six hours", figure=6, low=5.4, high=6.6, hedge="about",
                                            unit="hour"), event="ev1", event_type="talks"),
        fact("b", TEXT_B, "outcome", Value("text", "agreed to meet again"), event="ev1", event_type="talks"),
        fact("b", TEXT_B, "participants", Value("entities", "Rui Tavares; Ana Rojas", members=["e1", "e2"]),
             words="Rui Tavares", scope="Portugal"),
        fact("b", TEXT_B, "trawler", count("Eleven", 11), predicate="hold"),
        fact("b", TEXT_B, "trawler", count("40", 40), predicate="inspect", period="month:-1"),
    ], [Entity("e1", "Rui Tavares", "PERSON", side="Portugal"), Entity("e2", "Ana Rojas", "PERSON", side="Portugal")])
    readings = {"a": a, "b": b}
    if with_c:
        a.facts.append(fact("a", TEXT_A, "fisherman", count("1,200", 1200, counted="fisherman"), words="Lisbon said",
                            predicate="strand"))
        readings["c"] = reading("c", TEXT_C, [fact("c", TEXT_C, "crew member", count("About 1,200", 1200, 1080, 1320,
                                                                                     "about", counted="crew member"))])
    entities = {
        "P1": CorpusEntity("P1", "Rui Tavares", "PERSON", "Portugal", [Alias("Rui Tavares", 2)]),
        "P2": CorpusEntity("P2", "Ana Rojas", "PERSON", "Portugal", [Alias("Ana Rojas", 1)],
                           mentions=[CorpusMention("a", d1.text, d1.start, d1.end, "description")]),
    }
    ids = {("a", "e1"): "P1", ("b", "e1"): "P1", ("b", "e2"): "P2"}
    events = [Event("V1", "talks", ["a", "b"], [a.events[0], b.events[0]])]
    return story_facets(list(readings), readings, events, entities, lambda art, local: ids.get((art, local)))


def facet(facets, name, side=None):
    found = [f for f in facets if f.name == name and (side is None or f.side == side)]
    assert found, f"no {name} facet among {[f.name for f in facets]}"
    return found[0]


def test_date_agrees_across_precision():
    date = facet(build(), "date")
    assert date.verdict == "agree" and not date.missing_in and date.coverage == {"stated": 2, "sources": 2}


def test_place_named_at_two_levels_is_compatible():
    place = facet(build(), "place")
    assert place.verdict == "compatible" and "Tangier" in place.explanation and "Morocco" in place.explanation


def test_durations_that_cannot_both_be_true_conflict_between_the_right_sources():
    duration = facet(build(), "duration")
    assert duration.verdict == "conflict" and duration.conflicts == [["a", "b"]]
    assert all(v.evidence and "lasted" in v.evidence.text for v in duration.values)
    assert all(v.span and v.evidence.start <= v.span[0] < v.span[1] <= v.evidence.end for v in duration.values)


def test_a_fact_one_source_states_is_single_and_claims_no_agreement():
    outcome = facet(build(), "outcome")
    assert outcome.verdict == "single" and outcome.missing_in == ["a"]
    assert outcome.coverage == {"stated": 1, "sources": 2} and "only" in outcome.explanation


def test_description_aligned_by_the_linker_counts_as_the_person():
    participants = facet(build(), "participants", side="Portugal")
    by_article = {v.article: set(v.entities) for v in participants.values}
    assert by_article["a"] == {"P1", "P2"} == by_article["b"]
    assert participants.verdict == "agree"


def test_counts_of_the_same_thing_conflict_and_other_roles_and_periods_stay_apart():
    facets = build()
    trawlers = [f for f in facets if f.name == "trawler"]
    seized = next(f for f in trawlers if len(f.values) == 2)
    assert seized.verdict == "conflict" and {v.value for v in seized.values} == {"12", "Eleven"}
    last_month = next(f for f in trawlers if f.values[0].value == "40")
    assert last_month.verdict == "single"  # another month's figure is not this one
    expected = facet(facets, "boat")
    assert expected.verdict == "single" and expected.values[0].typed.role == "expected"


def test_the_same_large_figure_under_another_noun_is_the_same_fact_in_other_words():
    facets = build(with_c=True)
    stranded = next(f for f in facets if {v.article for v in f.values} == {"a", "c"})
    assert stranded.verdict == "compatible"  # 1,200 and "about 1,200"
    assert not [f for f in facets if f.name in ("fisherman", "crew member") and f.verdict == "single"]


SMALL_A = "Two men were charged on Tuesday with setting fire to the depot. Nine fire engines attended."
SMALL_B = "On Tuesday two men were arrested for setting the depot on fire. Four people were hurt."


def small_count_story(b_figure: float, b_words: str, b_slot: str = "arrested"):
    text_b = SMALL_B.replace("two", b_words)
    a = reading("a", SMALL_A, [fact("a", SMALL_A, "charged", count("Two", 2, counted="man")),
                               fact("a", SMALL_A, "fire engine", count("Nine", 9, counted="fire engine"))])
    b = reading("b", text_b, [fact("b", text_b, b_slot, count(b_words, b_figure, counted="man")),
                              fact("b", text_b, "injured", count("Four", 4, counted="people"))])
    readings = {"a": a, "b": b}
    return story_facets(list(readings), readings, [], {}, lambda art, local: None)


def test_a_small_figure_said_in_a_sentence_of_the_same_meaning_is_one_fact():
    facets = small_count_story(2, "two")
    joined = next(f for f in facets if {v.article for v in f.values} == {"a", "b"})
    assert joined.verdict == "agree" and {v.value for v in joined.values} == {"Two", "two"}
    # other counts of sentences that mean something else stay single
    assert {f.name for f in facets if f.verdict == "single"} == {"fire engine", "injured"}


def test_different_figures_under_different_slots_are_never_joined_into_a_conflict():
    facets = small_count_story(3, "three")
    assert not [f for f in facets if f.verdict == "conflict"]
    assert all(len(f.values) == 1 for f in facets)
