"""Turn a processed spaCy ``Doc`` into a ``Reading`` record: the one place where the Doc is read.

After this function the Doc is dropped; nothing of spaCy leaves the read stage.
"""

from __future__ import annotations

from spacy.tokens import Doc

from rashomon.records import (Article, Description, Entity, EventMention, Evidence, Mention, Quote, Reading, Role,
                              Speaker, Term)
from rashomon.read.people import Cluster
from rashomon.read.spans import CharSpan, EventSpan, QuoteSpan, doc_text


def doc_to_reading(doc: Doc, article: Article) -> Reading:
    """Build the Reading of ``article`` from its processed Doc."""
    clusters: list[Cluster] = doc._.people or []
    entities = [make_entity(doc, i, c) for i, c in enumerate(clusters)]
    descriptions = [make_description(doc, i, d) for i, d in enumerate(doc._.descriptions or [])]
    quotes = [make_quote(doc, q, clusters, entities) for q in doc._.quotes or []]
    terms = [Term(doc_text(doc)[s:e], s, e) for s, e in doc._.terms or []]
    events = [make_event_mention(doc, article.id, e) for e in doc._.events or []]
    return Reading(article=article, entities=entities, descriptions=descriptions, quotes=quotes,
                   times=list(doc._.times or []), terms=terms, events=events)


def entity_id(index: int) -> str:
    """Id of the ``index``-th entity of a reading (unique within the article)."""
    return f"e{index + 1}"


def clean(text: str) -> str:
    """Collapse the whitespace of a surface form (clean text keeps paragraph newlines)."""
    return " ".join(text.split())


def make_entity(doc: Doc, index: int, cluster: Cluster) -> Entity:
    """An Entity record from a cluster."""
    mentions = [Mention(clean(doc_text(doc)[s:e]), s, e, kind) for s, e, kind in cluster.mentions]
    roles = [Role(clean(doc_text(doc)[s:e]), s, e) for s, e in cluster.roles]
    return Entity(id=entity_id(index), name=clean(cluster.name), type=cluster.type, mentions=mentions,
                  roles=roles, side=cluster.side)


def make_description(doc: Doc, index: int, desc) -> Description:
    """A Description record from a description span."""
    return Description(id=f"d{index + 1}", text=clean(doc_text(doc)[desc.start:desc.end]), start=desc.start,
                       end=desc.end, role=desc.head, side=desc.side,
                       entity=entity_id(desc.cluster) if desc.cluster is not None else None,
                       reason=desc.reason, count=desc.count)


def make_quote(doc: Doc, quote: QuoteSpan, clusters: list[Cluster], entities: list[Entity]) -> Quote:
    """A Quote record, its speaker resolved to an entity where the text allows."""
    speaker_text, start, end = None, None, None
    if quote.speaker:
        start, end = quote.speaker
        speaker_text = clean(doc_text(doc)[start:end])
    target = quote.antecedent or quote.speaker
    index = speaker_cluster(target, clusters, doc_text(doc)) if target else None
    speaker = Speaker(entity=entity_id(index) if index is not None else None, text=speaker_text or "",
                      start=start, end=end)
    cue = clean(doc_text(doc)[quote.cue[0]:quote.cue[1]]) if quote.cue else None
    return Quote(kind=quote.kind, text=doc_text(doc)[quote.start:quote.end], start=quote.start, end=quote.end,
                 cue=cue, speaker=speaker)


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


def joined(doc: Doc, spans: list[CharSpan]) -> str | None:
    """The words of several spans, in text order, joined by "; " (None when there are none)."""
    words = list(dict.fromkeys(clean(doc_text(doc)[s:e]) for s, e in sorted(spans)))
    return "; ".join(words) or None


def make_event_mention(doc: Doc, article_id: str, event: EventSpan) -> EventMention:
    """An EventMention record from an event span (participants as local entity ids)."""
    start, end = event.sentence
    evidence = Evidence(article=article_id, text=doc_text(doc)[start:end], start=start, end=end)
    return EventMention(
        article=article_id, type=event.type, trigger=clean(doc_text(doc)[event.trigger[0]:event.trigger[1]]),
        evidence=evidence, participants=[entity_id(i) for i in event.participants], sides=list(event.sides),
        place=joined(doc, event.places), time=joined(doc, event.times), date=event.date,
        start_time=event.start_time, duration=joined(doc, [event.duration]) if event.duration else None,
        outcome=joined(doc, event.outcomes), status=event.status)
