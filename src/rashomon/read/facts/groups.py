"""Facts about the sides of a story, read from an article's records: who each side sends (a
delegation or team the article lists), who leads it, and what each side's speakers say they seek.

These run on the Reading once its entities, descriptions and quotes are built (they need the people
the article names and describes), so they see records, not the Doc:

* ``participants`` (scope: the side): the people and role-only descriptions in a sentence that lists
  a side's delegation or team ("Portugal's team comprises ...", "On the Russian side, there were ...",
  "The Moroccan delegation included ..."); value kind ``entities`` with local ids (``desc:d2`` for a
  description);
* ``head`` (scope: the side): "led by X", "headed by X", "X heads the delegation";
* ``aims`` (scope: the speaker's side): a quote whose sentence states an aim ("will seek a
  ceasefire", "the main purpose of the meeting was ...").
"""

from __future__ import annotations

import re

from rashomon.knowledge import country_of, load_words
from rashomon.records import Asserter, Fact, Reading, Value

# How many words before a group noun may name its country ("the Portuguese government's team").
GROUP_WINDOW = 3
# Words by which a speaker states an aim ("will seek a ceasefire", "the main purpose ... was").
AIM_WORDS = re.compile(r"\b(seek|seeks|sought|aim|aims|aimed|purpose|goal|demand|demands|want|wants|wanted|call for|"
                       r"calls for|insist|insists|push for|hope to|intend)\b", re.I)
# "led by X", "headed by X" (X follows) and "X leads/heads the delegation" (X precedes).
HEAD_AFTER = re.compile(r"\b(?:led|headed|chaired)\s+by\s+", re.I)
HEAD_BEFORE = re.compile(r"\s+(?:leads|heads|led|headed|is leading|was leading)\s+the\b", re.I)
# How far from the cue the leader's name may start or end (characters): "led by Sea Minister Rui Tavares".
HEAD_REACH = 60
POSSESSIVES = ("’s", "'s")


def group_facts(reading: Reading) -> list[Fact]:
    """participants, head and aims facts of a Reading (ids are set by the caller)."""
    return participant_facts(reading) + head_facts(reading) + aim_facts(reading)


def group_side(sentence: str) -> str | None:
    """The country of a side's delegation or team a sentence lists people under, if any: a group
    noun with a country word among the ``GROUP_WINDOW`` words before it."""
    groups = load_words("groups.txt")
    words = re.findall(r"[\w’'-]+", sentence)
    for i, word in enumerate(words):
        if word.lower() in groups:
            for previous in reversed(words[max(0, i - GROUP_WINDOW):i]):
                country = country_of(previous)
                if country:
                    return country
    return None


def participant_facts(reading: Reading) -> list[Fact]:
    """One ``participants`` fact per sentence that lists a side's people."""
    text, facts = reading.article.text, []
    for start, end in reading.sentences:
        side = group_side(text[start:end])
        if side is None:
            continue
        members: dict[str, str] = {}
        for entity in reading.entities:
            if entity.type != "PERSON" or entity.side not in (side, None):
                continue
            for m in entity.mentions:
                if start <= m.start < end and text[m.end:m.end + 2] not in POSSESSIVES:
                    members.setdefault(entity.id, m.text)
        for d in reading.descriptions:
            if start <= d.start < end and d.side in (side, None):
                members.setdefault(f"desc:{d.id}", d.text)
        if members:
            value = Value("entities", "; ".join(members.values()), members=list(members))
            facts.append(Fact("", reading.article.id, "participants", value, reading.evidence(start, end), start, end,
                              scope=side))
    return facts


def people_between(reading: Reading, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, local id) of the people named or described between two offsets, in text order."""
    found = [(m.start, e.id) for e in reading.entities if e.type == "PERSON" for m in e.mentions
             if start <= m.start < end]
    found += [(d.start, f"desc:{d.id}") for d in reading.descriptions if start <= d.start < end]
    return sorted(found)


def head_facts(reading: Reading) -> list[Fact]:
    """Who leads a side's delegation, once per side."""
    text, facts, sides = reading.article.text, [], set()
    found = [(m.start(), people_between(reading, m.end(), m.end() + HEAD_REACH)[:1]) for m in HEAD_AFTER.finditer(text)]
    found += [(m.start(), people_between(reading, m.start() - HEAD_REACH, m.start())[-1:])
              for m in HEAD_BEFORE.finditer(text)]
    for cue, people in sorted(found):
        if not people:
            continue
        offset, local = people[0]
        label, side = label_and_side(reading, local)
        if side is None or side in sides:
            continue
        sides.add(side)
        value = Value("entity", label, entity=local, name=label)
        facts.append(Fact("", reading.article.id, "head", value, reading.evidence(cue, offset), offset,
                          offset + len(label), scope=side))
    return facts


def label_and_side(reading: Reading, local: str) -> tuple[str, str | None]:
    """The words and side of a local person id or ``desc:`` id."""
    if local.startswith("desc:"):
        desc = next(d for d in reading.descriptions if d.id == local[5:])
        return desc.text, desc.side
    entity = reading.entity(local)
    return entity.name, entity.side


def aim_facts(reading: Reading) -> list[Fact]:
    """What each side's speakers say they seek, once per side."""
    text, facts, sides = reading.article.text, [], set()
    for quote in reading.quotes:
        start, end = reading.sentence_at(quote.start, quote.end)
        speaker = reading.entity(quote.speaker.entity) if quote.speaker.entity else None
        if speaker is None or speaker.side is None or speaker.side in sides or not AIM_WORDS.search(text[start:end]):
            continue
        sides.add(speaker.side)
        facts.append(Fact("", reading.article.id, "aims", Value("text", quote.text), reading.evidence(quote.start, quote.end),
                          quote.start, quote.end, scope=speaker.side,
                          asserted_by=Asserter(quote.speaker.text, speaker.id), modality="reported"))
    return facts
