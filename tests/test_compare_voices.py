"""Tests for rashomon.compare.voices: who is quoted, by side, with counts.

Readings are built by hand from invented sentences; the seed test reads the seeds from ../shared and
checks the voices named in gold/seeds.yaml (comparison.voices).
"""

from __future__ import annotations

import pytest

from rashomon.compare.voices import NO_SIDE, side_of_text, voice_counts, voices
from rashomon.records import Article, CorpusEntity, Entity, Quote, Reading, Source, Speaker


def quote(kind: str, text: str, speaker: str, entity: str | None = None, cue: str = "said",
          statement: bool = True) -> Quote:
    return Quote(kind=kind, text=text, start=0, end=len(text), cue=cue, speaker=Speaker(entity=entity, text=speaker),
                 statement=statement)


def reading(article_id: str, quotes: list[Quote], entities: list[Entity] = ()) -> Reading:
    article = Article(id=article_id, source=Source(), title=None, published=None, language="en", text="...")
    return Reading(article=article, quotes=quotes, entities=list(entities))


ENTITIES = [Entity("e1", "Anna Petrenko", "PERSON", side="Ukraine"),
            Entity("e2", "Foreign Ministry", "ORG", side=None),
            Entity("e3", "Ivan Sorokin", "PERSON", side=None)]


def test_voices_grouped_by_side_with_counts():
    r = reading("a", [
        quote("direct", "We will not give up.", "Petrenko", "e1"),
        quote("reported", "the talks had failed", "she", "e1"),
        quote("reported", "the convoy was delayed", "Belarusian state radio"),
        quote("reported", "the minister would resign", "The Harbour Gazette"),
        quote("direct", "Nothing was agreed.", "Sorokin", "e3"),
    ], ENTITIES)
    assert voice_counts([r]) == {"a": {"Ukraine": {"Anna Petrenko": 2}, "Belarus": {"Belarusian state radio": 1},
                                       NO_SIDE: {"The Harbour Gazette": 1, "Ivan Sorokin": 1}}}
    assert voices([r])["a"]["Ukraine"] == ["Anna Petrenko"]


def test_corpus_entity_gives_id_and_side():
    corpus = {("a", "e2"): CorpusEntity("O7", "Foreign Ministry of Russia", "ORG", side="Russia"),
              ("a", "e3"): CorpusEntity("P3", "Ivan Sorokin", "PERSON", side="Russia")}
    r = reading("a", [quote("reported", "the delegation had left", "the Foreign Ministry", "e2"),
                      quote("direct", "We leave today.", "Sorokin", "e3"),
                      quote("direct", "We stay.", "Sorokin", "e3")], ENTITIES)
    found = voice_counts([r], lambda article, local: corpus.get((article, local)))
    assert found == {"a": {"Russia": {"O7": 1, "P3": 2}}}
    assert voices([r], lambda article, local: corpus.get((article, local))) == {"a": {"Russia": ["P3", "O7"]}}


def test_unnamed_pronouns_and_reported_acts_are_not_voices():
    r = reading("a", [quote("reported", "the plan would work", "it"),
                      quote("reported", "the start of an offensive", "the general", cue="announced",
                            statement=False)])  # read marks an act reported in the outlet's words
    assert voice_counts([r]) == {"a": {}}


@pytest.mark.parametrize("text, side", [
    ("the Kremlin", "Russia"),
    ("Kyiv", "Ukraine"),
    ("Belarusian state television", "Belarus"),
    ("Russian Ambassador to Belarus", "Russia"),
    ("The Moscow Times", None),       # named after a city, not speaking for its government
    ("a harbour official", None),
])
def test_side_of_text(text, side):
    assert side_of_text(text) == side


@pytest.mark.model
def test_seed_voices(seed_paths):
    import rashomon
    from rashomon.link.entities import link

    readings = [rashomon.read(seed_paths[k]) for k in sorted(seed_paths) if k[:3] in {"000", "001"}]
    assert len(readings) == 2, "the seeds 000 and 001 are needed"
    linker = link(readings)

    def entity_of(article, local):
        found = linker.resolve(article, local)
        return linker.entity(found) if found else None

    def names(article_prefix: str) -> dict[str, str]:
        by_side = next(v for k, v in voices(readings, entity_of).items() if k.startswith(article_prefix))
        return {side: " | ".join(linker.entity(w).name if linker.entity(w) else w for w in whos)
                for side, whos in by_side.items()}

    v000, v001 = names("000"), names("001")
    assert "Kremlin" in v000["Russia"] and "Medinsky" in v000["Russia"]
    assert "Zelenskiy" in v000["Ukraine"]
    assert "Belarusian state television" in v000["Belarus"]   # a side that is neither party keeps its country
    assert "Jerusalem Post" in v000[NO_SIDE]
    assert all(n in v001["Russia"] for n in ("Medinsky", "Slutsky", "Defense Ministry"))
    assert "Podolyak" in v001["Ukraine"]
    assert "Putin" not in v001["Russia"]   # "he announced the start of ..." reports an act, not words
