"""Events across articles (rashomon.link.events.merge_events).

Hand-built mentions test each merging rule without a model; the seeds test that the talks of
2022-02-28 are one event across both articles and the next round another (../shared/gold/seeds.yaml).
"""

from __future__ import annotations

import random

import pytest

from rashomon.link.events import merge_events, place_words, resolver
from rashomon.records import CorpusEntity, EventMention, Evidence

# Corpus ids of the local entities of two invented articles: "a" (Chile e1, Peru e2, Ana Souza e3)
# and "b" (Peru e1, Chile e2, Ivo Marin e3).
CORPUS = [CorpusEntity("E1", "Chile", "GPE", members=[("a", "e1"), ("b", "e2")]),
          CorpusEntity("E2", "Peru", "GPE", members=[("a", "e2"), ("b", "e1")]),
          CorpusEntity("E3", "Ana Souza", "PERSON", side="Chile", members=[("a", "e3")]),
          CorpusEntity("E4", "Ivo Marin", "PERSON", side="Peru", members=[("b", "e3")])]
RESOLVE = resolver(CORPUS)


def mention(article: str, start: int, kind: str = "talks", **slots) -> EventMention:
    return EventMention(article=article, type=kind, trigger=kind, evidence=Evidence(article, "...", start, start + 3),
                        **slots)


def test_resolver_maps_local_ids_to_corpus_ids():
    assert RESOLVE("a", "e1") == "E1" and RESOLVE("b", "e2") == "E1" and RESOLVE("b", "e9") is None


def test_the_same_talks_in_two_articles_are_one_event():
    a = mention("a", 10, participants=["e1", "e2"], sides=["Chile", "Peru"], date="2024-03-11",
                place="in Lima", status="happened")
    b = mention("b", 50, participants=["e1", "e2"], date="--03-11", place="in Lima, Peru", status="happened")
    [event] = merge_events([a, b], RESOLVE)
    assert event.id == "V1" and event.articles == ["a", "b"]
    assert event.participants == ["E1", "E2"] and event.date == "2024-03-11" and event.status == "happened"
    assert [m.participants for m in event.mentions] == [["E1", "E2"], ["E2", "E1"]]


def test_an_undated_mention_joins_on_shared_people_or_place():
    a = mention("a", 10, participants=["e3"], date="2024-03-11", status="happened")
    b = mention("b", 10, participants=["e3"], sides=["Peru"], status="happened")  # Ivo Marin: no one shared
    c = mention("c", 10, place="in Lima", status="happened")
    d = mention("d", 10, date="2024-03-11", place="at the palace in Lima", status="happened")
    events = merge_events([a, b, c, d], lambda art, local: f"{art}:{local}" if art != "a" else "E3")
    assert [e.articles for e in events] == [["a"], ["b"], ["c", "d"]]


def test_planned_next_round_and_round_held_are_two_events():
    held = mention("a", 10, participants=["e1", "e2"], date="2024-03-11", status="happened")
    nxt = mention("b", 90, participants=["e1", "e2"], time="in the coming days", status="planned",
                  place="in Quito")
    events = merge_events([held, nxt], RESOLVE)
    assert [(e.status, e.articles) for e in events] == [("happened", ["a"]), ("planned", ["b"])]


def test_planned_and_happened_on_the_same_day_are_one_event():
    preview = mention("a", 10, participants=["e1"], date="2024-03-11", status="planned", start_time="10:00")
    report = mention("b", 10, participants=["e2"], date="2024-03-11", status="happened")
    [event] = merge_events([preview, report], RESOLVE)
    assert event.status == "happened" and event.articles == ["a", "b"]


def test_different_dates_types_or_sides_stay_apart():
    base = dict(participants=["e1"], sides=["Chile"], status="happened")
    events = merge_events([mention("a", 1, date="2024-03-11", **base), mention("b", 1, date="2024-03-04", **base),
                           mention("c", 1, kind="decree", date="2024-03-11", **base),
                           mention("d", 1, date="2024-03-11", participants=["e9"], sides=["Japan"])],
                          RESOLVE)
    assert len(events) == 4


def test_one_article_never_gives_two_mentions_to_one_event():
    first = mention("a", 10, participants=["e1"], status="happened")
    second = mention("a", 90, participants=["e1"], status="happened")
    assert len(merge_events([first, second], RESOLVE)) == 2


def test_ids_and_order_do_not_depend_on_input_order():
    mentions = [mention("a", 10, participants=["e1", "e2"], date="2024-03-11", status="happened"),
                mention("b", 50, participants=["e1"], date="--03-11", status="happened"),
                mention("a", 90, kind="travel", participants=["e3"], place="to Lima", status="happened"),
                mention("b", 5, kind="decree", participants=["e3"], date="2024-03-01", status="happened")]
    expected = merge_events(mentions, RESOLVE)
    shuffled = mentions[:]
    random.Random(7).shuffle(shuffled)
    assert merge_events(shuffled, RESOLVE) == expected
    assert [e.id for e in expected] == ["V1", "V2", "V3"] and expected[0].type == "talks"


def test_place_words_drop_prepositions():
    assert place_words("on the Polish-Belarusian border") == {"polish", "belarusian", "border"}


@pytest.mark.model
def test_seed_talks_are_one_event_and_the_next_round_another(seed_paths):
    import rashomon
    from rashomon.link.entities import link

    readings = [rashomon.read(path) for path in seed_paths.values()]
    linker = link(readings)
    events = merge_events([m for r in readings for m in r.events], linker.resolve)
    talks = [e for e in events if e.type == "talks"]
    held = [e for e in talks if e.status == "happened"]
    assert len(held) == 1 and len(held[0].articles) == 2 and held[0].date == "2022-02-28"
    names = {linker.entity(p).name for p in held[0].participants}
    assert {"Russia", "Ukraine"} <= names
    planned = [e for e in talks if e.status == "planned"]
    assert len(planned) == 1 and planned[0].articles == [a for a in held[0].articles if a.startswith("001")]
    decree = [e for e in events if e.type == "decree"]
    assert len(decree) == 1 and linker.entity(decree[0].participants[0]).name == "Vladimir Putin"
