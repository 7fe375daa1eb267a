"""Which entity a speaker phrase names: shared by the quote, event and fact readers."""

from __future__ import annotations

from rashomon.read.people import Cluster


# Types that can speak; a place ("Russia said") speaks through its government.
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")


def speaker_cluster(span: tuple[int, int], clusters: list[Cluster], text: str) -> int | None:
    """The entity that heads the speaker phrase: the widest mention covering its last word.

    English noun phrases end in their head: "Zelenskiy's office" -> the office, not Zelenskiy;
    "Belarusian state television" -> no entity (the NORP "Belarusian" only modifies it).
    """
    start, end = span
    last_word = text[start:end].rstrip(" .,;:").rsplit(None, 1)[-1] if text[start:end].strip() else ""
    head_end = start + len(text[start:end].rstrip(" .,;:"))
    head_start = head_end - len(last_word)
    best, best_cover = None, 0
    for i, cluster in enumerate(clusters):
        if cluster.type not in SPEAKER_TYPES:
            continue
        for m_start, m_end, _ in cluster.mentions:
            if not (m_start <= head_start and head_end <= m_end + POSSESSIVE_SLACK):
                continue
            cover = min(end, m_end) - max(start, m_start)
            if cover > best_cover:
                best, best_cover = i, cover
    return best


# A mention ending in "Putin" still heads "Putin's" (two characters of possessive).
POSSESSIVE_SLACK = 2
