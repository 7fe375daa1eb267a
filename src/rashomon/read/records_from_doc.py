"""Turn a processed spaCy ``Doc`` into a ``Reading`` record: the one place where the Doc is read.

After this function the Doc is dropped; nothing of spaCy leaves the read stage.
"""

from __future__ import annotations

from spacy.tokens import Doc

from rashomon.knowledge.places import locate
from rashomon.read.facts.groups import group_facts
from rashomon.records import (Article, Asserter, Description, Entity, EventMention, Evidence, Fact, Mention, Quote,
                              Reading, Role, Speaker, Term)
from rashomon.read.people import Cluster
from rashomon.read.quotes import load_lexicon as load_speech_cues
from rashomon.read.speakers import speaker_cluster
from rashomon.read.spans import CharSpan, EventSpan, FactSpan, QuoteSpan, doc_text, entity_id, unit_chars


def doc_to_reading(doc: Doc, article: Article) -> Reading:
    """Build the Reading of ``article`` from its processed Doc.

    1. entities, descriptions, quotes, terms, times, event mentions (ids ``ev1``...), sentences;
    2. the Doc's facts as ``Fact`` records, with the facts read from the records themselves
       (delegations, their heads, each side's aims: ``facts.groups``); ids ``f1``... in text order.
    """
    clusters: list[Cluster] = doc._.people or []
    entities = [make_entity(doc, i, c) for i, c in enumerate(clusters)]
    descriptions = [make_description(doc, i, d) for i, d in enumerate(doc._.descriptions or [])]
    quotes = [make_quote(doc, q, clusters, entities) for q in doc._.quotes or []]
    terms = [Term(doc_text(doc)[s:e], s, e) for s, e in doc._.terms or []]
    events = [make_event_mention(doc, article.id, e, n) for n, e in enumerate(doc._.events or [])]
    reading = Reading(article=article, entities=entities, descriptions=descriptions, quotes=quotes,
                      times=list(doc._.times or []), terms=terms, events=events, sentences=unit_chars(doc))
    facts = [make_fact(reading, f) for f in doc._.facts or []] + group_facts(reading)
    facts.sort(key=lambda f: (f.start, f.slot))
    for n, fact in enumerate(facts):
        fact.id = f"f{n + 1}"
    reading.facts = facts
    return reading


def make_fact(reading: Reading, fact: FactSpan) -> Fact:
    """A Fact record from a fact span (event index -> the mention's id)."""
    start, end = fact.sentence
    evidence = Evidence(reading.article.id, reading.article.text[start:end], start, end)
    asserter = Asserter(fact.asserter[0], fact.asserter[1]) if fact.asserter else None
    event = reading.events[fact.event].id if fact.event is not None else None
    return Fact("", reading.article.id, fact.slot, fact.value, evidence, fact.span[0], fact.span[1], event=event,
                event_type=fact.event_type, predicate=fact.predicate, period=fact.period, scope=fact.scope,
                asserted_by=asserter, modality=fact.modality)


def clean(text: str) -> str:
    """Collapse the whitespace of a surface form (clean text keeps paragraph newlines)."""
    return " ".join(text.split())


def make_entity(doc: Doc, index: int, cluster: Cluster) -> Entity:
    """An Entity record from a cluster."""
    mentions = [Mention(clean(doc_text(doc)[s:e]), s, e, kind) for s, e, kind in cluster.mentions]
    roles = [Role(clean(doc_text(doc)[s:e]), s, e) for s, e in cluster.roles]
    return Entity(id=entity_id(index), name=clean(cluster.name), type=cluster.type, mentions=mentions,
                  roles=roles, side=cluster.side, place=place_of(cluster))


PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


def place_of(cluster: Cluster) -> dict | None:
    """The gazetteer place a place entity names ({geonameid, name, country}), when it resolves."""
    if cluster.type not in PLACE_TYPES:
        return None
    found = locate(clean(cluster.name))
    return {"geonameid": found.geonameid, "name": found.name, "country": found.country_code} if found else None


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
                 cue=cue, speaker=speaker, statement=is_statement(doc, quote))


def is_statement(doc: Doc, quote: QuoteSpan) -> bool:
    """Whether a quote carries someone's words: a direct quote, or reported speech that is a clause.

    Reported speech whose content is only the object of a verb like "announce" or "confirm" and holds
    no verb ("he announced the start of a special military operation") reports an act in the
    article's own words, not a statement."""
    if quote.kind == "direct" or quote.cue is None:
        return True
    cue = doc.char_span(*quote.cue, alignment_mode="expand")
    if cue is None or not len(cue) or cue.root.lemma_.lower() not in load_speech_cues().object_verbs:
        return True
    content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return content is None or any(t.pos_ in ("VERB", "AUX") for t in content)


def joined(doc: Doc, spans: list[CharSpan]) -> str | None:
    """The words of several spans, in text order, joined by "; " (None when there are none)."""
    words = list(dict.fromkeys(clean(doc_text(doc)[s:e]) for s, e in sorted(spans)))
    return "; ".join(words) or None


def make_event_mention(doc: Doc, article_id: str, event: EventSpan, index: int = 0) -> EventMention:
    """An EventMention record from an event span (participants as local entity ids)."""
    start, end = event.sentence
    evidence = Evidence(article=article_id, text=doc_text(doc)[start:end], start=start, end=end)
    return EventMention(
        article=article_id, type=event.type, trigger=clean(doc_text(doc)[event.trigger[0]:event.trigger[1]]),
        evidence=evidence, participants=[entity_id(i) for i in event.participants], sides=list(event.sides),
        place=joined(doc, event.places), time=joined(doc, event.times), date=event.date,
        start_time=event.start_time, duration=joined(doc, [event.duration]) if event.duration else None,
        outcome=joined(doc, event.outcomes), status=event.status, id=f"ev{index + 1}",
        place_entities=[entity_id(i) for i in dict.fromkeys(event.named_places)], sequence=event.sequence)
