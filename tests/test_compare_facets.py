"""Facets of a story built from hand-made records (no model): values, evidence and verdicts."""

from __future__ import annotations

from rashomon.compare.facets import sentence_at, story_facets
from rashomon.records import (Alias, Article, CorpusEntity, CorpusMention, Description, Entity, Event, EventMention,
                              Evidence, Mention, Quote, Reading, Source, Speaker)

TEXT_A = ("Portugal and Morocco held talks in Tangier on Tuesday. The talks lasted nearly four hours. "
          "Portugal's team comprises Sea Minister Rui Tavares and its deputy foreign minister. "
          "Tavares said Portugal will seek a joint inspection regime for the boats. "
          "Lisbon suspended the licences of 12 trawlers.")
TEXT_B = ("Talks between Portugal and Morocco took place in northern Morocco on March 14. "
          "They lasted about six hours and the sides agreed to meet again. "
          "On the Portuguese side, there were Sea Minister Rui Tavares and Deputy Foreign Minister Ana Rojas. "
          "Rojas said the aim was a joint inspection regime for the boats. "
          "The licences of eleven trawlers were suspended.")


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def reading(article_id: str, text: str, people: dict[str, tuple[str, str]], descriptions=(), quotes=()) -> Reading:
    entities = []
    for local, (name, surface) in people.items():
        s, e = span(text, surface)
        entities.append(Entity(local, name, "PERSON", [Mention(surface, s, e, "name")], side="Portugal"))
    descs = []
    for i, words in enumerate(descriptions):
        s, e = span(text, words)
        descs.append(Description(f"d{i + 1}", words, s, e, role="minister", side="Portugal"))
    quote_records = []
    for local, words in quotes:
        s, e = span(text, words)
        quote_records.append(Quote("reported", words, s, e, "said", Speaker(local, "x")))
    article = Article(article_id, Source(outlet=article_id + ".example"), "t", "2023-03-14", "en", text)
    return Reading(article, entities=entities, descriptions=descs, quotes=quote_records)


def mention(article: str, text: str, words: str, **slots) -> EventMention:
    s, e = sentence_at(text, text.index(words))
    return EventMention(article=article, type="talks", trigger="talks", evidence=Evidence(article, text[s:e], s, e), **slots)


def build():
    a = reading("a", TEXT_A, {"e1": ("Rui Tavares", "Rui Tavares")}, ["its deputy foreign minister"],
                [("e1", "Portugal will seek a joint inspection regime for the boats")])
    b = reading("b", TEXT_B, {"e1": ("Rui Tavares", "Rui Tavares"), "e2": ("Ana Rojas", "Ana Rojas")}, [],
                [("e2", "the aim was a joint inspection regime for the boats")])
    s, e = span(TEXT_A, "its deputy foreign minister")
    entities = {
        "P1": CorpusEntity("P1", "Rui Tavares", "PERSON", "Portugal", [Alias("Rui Tavares", 2)]),
        "P2": CorpusEntity("P2", "Ana Rojas", "PERSON", "Portugal", [Alias("Ana Rojas", 1)],
                           mentions=[CorpusMention("a", "its deputy foreign minister", s, e, "description")]),
    }
    ids = {("a", "e1"): "P1", ("b", "e1"): "P1", ("b", "e2"): "P2"}
    event = Event("V1", "talks", ["a", "b"], [
        mention("a", TEXT_A, "held talks", date="2023-03-14", place="in Tangier", duration=None),
        mention("a", TEXT_A, "lasted nearly", duration="nearly four hours"),
        mention("b", TEXT_B, "took place", date="--03-14", place="in northern Morocco", duration="about six hours",
                outcome="agreed to meet again"),
    ])
    return story_facets(["a", "b"], {"a": a, "b": b}, [event], entities, lambda art, local: ids.get((art, local)))


def facet(facets, name, side=None):
    found = [f for f in facets if f.name == name and (side is None or f.side == side)]
    assert found, f"no {name} facet among {[f.name for f in facets]}"
    return found[0]


def test_date_agrees_across_precision():
    date = facet(build(), "date")
    assert date.verdict == "agree" and not date.missing_in


def test_place_named_at_two_levels_is_compatible():
    place = facet(build(), "place")
    assert place.verdict == "compatible"
    assert "Tangier" in place.explanation and "Morocco" in place.explanation


def test_durations_that_cannot_both_be_true_conflict():
    duration = facet(build(), "duration")
    assert duration.verdict == "conflict"
    assert {v.article for v in duration.values} == {"a", "b"}
    assert all(v.evidence and "lasted" in v.evidence.text for v in duration.values)


def test_outcome_stated_by_one_source_is_partial():
    outcome = facet(build(), "outcome")
    assert outcome.verdict == "partial" and outcome.missing_in == ["a"]


def test_description_aligned_by_the_linker_counts_as_the_person():
    participants = facet(build(), "participants", side="Portugal")
    by_article = {v.article: set(v.entities) for v in participants.values}
    assert by_article["a"] == {"P1", "P2"} == by_article["b"]
    assert participants.verdict == "agree"


def test_aims_of_one_side_agree_on_content():
    aims = facet(build(), "aims", side="Portugal")
    assert aims.verdict == "agree"


def test_counts_of_the_same_thing_conflict():
    count = facet(build(), "count")
    assert count.verdict == "conflict" and "trawlers" in count.explanation
