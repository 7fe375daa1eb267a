"""Voices: who each article quotes or paraphrases, grouped by side, with counts.

A voice is the speaker of a direct quote or of a reported-speech clause. The speaker is named by its
corpus entity id when the linker knows it (``entity_of``), else by the name of the article's own
entity, else by the speaker's words ("Belarusian state television"). Its side is the side of the
corpus entity, else of the article's entity, else the country its words name ("Belarusian" ->
Belarus, "the Kremlin" -> Russia), else ``other``. Sides are countries: a side that is neither party
of a conflict keeps its country (grouping them under ``other`` is for the report to decide).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Optional

from rashomon.knowledge import countries, country_of, load_table
from rashomon.records import CorpusEntity, Quote, Reading

EntityOf = Callable[[str, str], Optional[CorpusEntity]]

NO_SIDE = "other"
# A speaker that is only a pronoun with no entity behind it cannot be named; it is left out rather
# than counted as an unknown voice (the reader resolves the pronouns it can).
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "this", "that"})
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def side_of_text(text: str) -> str | None:
    """The country that a speaker's words name, if any.

    The whole text first (``country_of``: "Moscow", "the Kremlin", "Kyiv's"); then, left to right and
    longest first, a country name, demonym or state institution among its words ("Belarusian state
    television" -> Belarus). A capital inside a longer name does not count: "The Moscow Times" or
    "The Jerusalem Post" is named after a city, not speaking for its government.
    """
    whole = country_of(text)
    if whole:
        return whole
    words = [re.sub(r"['’]s$", "", w) for w in WORD_RE.findall(text)]
    tables = (countries(), load_table("demonyms.tsv"), load_table("institutions.tsv"))
    for i in range(len(words)):
        for n in (3, 2, 1):
            gram = " ".join(words[i:i + n])
            if len(words) - i < n:
                continue
            for table in tables:
                if gram in table:
                    found = table[gram]
                    return found["name"] if isinstance(found, dict) else found
    return None


def speaker_of(reading: Reading, quote: Quote, entity_of: EntityOf | None) -> tuple[str, str] | None:
    """``(who, side)`` for the speaker of ``quote``, or None when it cannot be named (a bare pronoun)."""
    speaker = quote.speaker
    local = reading.entity(speaker.entity) if speaker.entity else None
    corpus = entity_of(reading.article.id, speaker.entity) if entity_of and speaker.entity else None
    if corpus is not None:
        who = corpus.id
    elif local is not None:
        who = local.name
    elif speaker.text.strip().lower() not in PRONOUNS and speaker.text.strip():
        who = " ".join(speaker.text.split())
    else:
        return None
    side = ((corpus.side if corpus else None) or (local.side if local else None)
            or (side_of_text(speaker.text) if speaker.text.lower() not in PRONOUNS else None)
            or (side_of_text(local.name) if local else None) or NO_SIDE)
    return who, side


def voice_counts(readings: Iterable[Reading], entity_of: EntityOf | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """``{article: {side: {who: number of quotes and reported statements}}}``.

    Sides appear in the order of their first voice in the article, voices likewise; articles with no
    voice map to ``{}``. ``entity_of(article_id, local_entity_id)`` gives the corpus entity (pass the
    linker's lookup); without it, voices are named by the article's own entities.
    """
    result: dict[str, dict[str, dict[str, int]]] = {}
    for reading in readings:
        by_side = result.setdefault(reading.article.id, {})
        for quote in sorted(reading.quotes, key=lambda q: q.start):
            if not quote.statement:  # an act reported in the outlet's words (read marks it)
                continue
            found = speaker_of(reading, quote, entity_of)
            if found:
                who, side = found
                by_side.setdefault(side, {})
                by_side[side][who] = by_side[side].get(who, 0) + 1
    return result


def voices(readings: Iterable[Reading], entity_of: EntityOf | None = None) -> dict[str, dict[str, list[str]]]:
    """``{article: {side: [who, ...]}}`` (the shape of ``Story.voices``), most quoted first.

    The counts behind the order are ``voice_counts``.
    """
    return {article: {side: sorted(whos, key=lambda w: -whos[w]) for side, whos in by_side.items()}
            for article, by_side in voice_counts(readings, entity_of).items()}
