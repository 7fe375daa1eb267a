"""Which entity a speaker phrase names: shared by the quote, event and fact readers."""

from __future__ import annotations

from rashomon.read.people import Cluster
from rashomon.read.spans import Intervals


# Types that can speak; a place ("Russia said") speaks through its government.
SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP")


def speaker_cluster(span: tuple[int, int], clusters: list[Cluster], text: str) -> int | None:
    """The entity that heads the speaker phrase: the widest mention covering its last word.

    English noun phrases end in their head: "Zelenskiy's office" -> the office, not Zelenskiy;
    "Belarusian state television" -> no entity (the NORP "Belarusian" only modifies it).
    """
    start, end = span
    head = text[start:end].rstrip(" .,;:")
    last_word = head.rsplit(None, 1)[-1] if head.strip() else ""  # "..." alone: no word
    head_end = start + len(head)
    head_start = head_end - len(last_word)
    mentions, index = mention_index(clusters)
    best, best_cover = None, 0
    for n in index.candidates(head_start, head_end):  # in cluster and mention order
        i, m_start, m_end = mentions[n]
        cover = min(end, m_end) - max(start, m_start)
        if cover > best_cover:
            best, best_cover = i, cover
    return best


_INDEX: list = [None, None, None]  # the clusters list, its length, (mentions, Intervals)


def mention_index(clusters: list[Cluster]) -> tuple[list[tuple[int, int, int]], Intervals]:
    """The speaker mentions of ``clusters`` as (cluster, start, end) with an interval index over
    (start, end + ``POSSESSIVE_SLACK``), built once per list of clusters (a speaker look-up per quote
    scanned every mention of the article)."""
    count = len(clusters)  # (the readers that ask, after rashomon_people, add no mentions)
    if _INDEX[0] is not clusters or _INDEX[1] != count:
        mentions = [(i, m_start, m_end) for i, cluster in enumerate(clusters) if cluster.type in SPEAKER_TYPES
                    for m_start, m_end, _ in cluster.mentions]
        _INDEX[:] = [clusters, count, (mentions, Intervals([(s, e + POSSESSIVE_SLACK) for _, s, e in mentions]))]
    return _INDEX[2]


# A mention ending in "Putin" still heads "Putin's" (two characters of possessive).
POSSESSIVE_SLACK = 2
