"""The corpus as a graph: entities, events, stories and articles, and their links, as GraphML
(networkx's writer; opens in Gephi, Cytoscape, yEd) or JSON-LD (schema.org terms; opens in the
JSON-LD playground), and the story tables (framing, voices, timeline) as rows for JSONL/CSV.

Nodes: ``article:<id>`` (NewsArticle: title, outlet, date, language), ``story:<id>`` (a story:
title, counts), ``event:<id>`` (Event: type, date, status), ``entity:<id>`` (Person, Organization,
Place: name, aliases). Edges: article ``in_story`` story; entity ``mentioned_in`` article; event
``in_story`` story; entity ``takes_part_in`` event; story ``on_topic`` (stories of one topic).
JSON-LD is written by hand: it is JSON with an ``@context``; no library is needed to write it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rashomon.records import CorpusEntity, Event, Story

SCHEMA_TYPES = {"PERSON": "Person", "ORG": "Organization", "NORP": "Organization", "GPE": "Place", "LOC": "Place",
                "FAC": "Place"}


@dataclass
class ArticleMeta:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    url: str | None = None


@dataclass
class Corpus:
    """What the graph is made of: article metadata, stories (with their comparison), events, entities."""

    articles: list[ArticleMeta] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[CorpusEntity] = field(default_factory=list)


def entity_articles(entity: CorpusEntity) -> list[str]:
    return sorted({article for article, _ in entity.members})


def to_networkx(corpus: Corpus):
    """A networkx MultiDiGraph of the corpus (attribute values are text or numbers, as GraphML wants)."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for a in corpus.articles:
        graph.add_node(f"article:{a.id}", kind="article", label=a.title or a.id, outlet=a.outlet or "",
                       published=a.published or "", language=a.language or "", url=a.url or "")
    for s in corpus.stories:
        conflicts = sum(1 for f in s.facets if f.verdict == "conflict")
        graph.add_node(f"story:{s.id}", kind="story", label=s.title, articles=len(s.articles), conflicts=conflicts,
                       topic=s.topic or "")
        for article in s.articles:
            graph.add_edge(f"article:{article}", f"story:{s.id}", relation="in_story")
    topics: dict[str, list[str]] = {}
    for s in corpus.stories:
        if s.topic:
            topics.setdefault(s.topic, []).append(s.id)
    for members in topics.values():
        for a, b in zip(members, members[1:]):
            graph.add_edge(f"story:{a}", f"story:{b}", relation="on_topic")
    known = set(graph.nodes)
    for e in corpus.entities:
        node = f"entity:{e.id}"
        graph.add_node(node, kind="entity", label=e.name, type=e.type, side=e.side or "",
                       aliases="|".join(a.text for a in e.aliases))
        for article in entity_articles(e):
            if f"article:{article}" in known:
                graph.add_edge(node, f"article:{article}", relation="mentioned_in")
    story_of_event = {event_id: s.id for s in corpus.stories for event_id in s.events}
    for ev in corpus.events:
        node = f"event:{ev.id}"
        graph.add_node(node, kind="event", label=f"{ev.type} {ev.date or ''}".strip(), type=ev.type,
                       date=ev.date or "", status=ev.status)
        if ev.id in story_of_event:
            graph.add_edge(node, f"story:{story_of_event[ev.id]}", relation="in_story")
        for participant in ev.participants:
            if f"entity:{participant}" in graph:
                graph.add_edge(f"entity:{participant}", node, relation="takes_part_in")
    return graph


def write_graphml(corpus: Corpus, stream) -> None:
    """GraphML of the corpus to a binary stream."""
    import networkx as nx

    nx.write_graphml(to_networkx(corpus), stream, encoding="utf-8", prettyprint=True)


def to_jsonld(corpus: Corpus) -> dict[str, Any]:
    """JSON-LD of the corpus with schema.org terms (rashomon's own terms under ``rsh:``)."""
    graph: list[dict[str, Any]] = []
    story_of = {a: s.id for s in corpus.stories for a in s.articles}
    for a in corpus.articles:
        node = {"@id": f"article:{a.id}", "@type": "NewsArticle", "headline": a.title,
                "publisher": {"@type": "Organization", "name": a.outlet} if a.outlet else None,
                "datePublished": a.published, "inLanguage": a.language, "url": a.url,
                "isPartOf": {"@id": f"story:{story_of[a.id]}"} if a.id in story_of else None}
        graph.append({k: v for k, v in node.items() if v is not None})
    for s in corpus.stories:
        graph.append({"@id": f"story:{s.id}", "@type": "rsh:Story", "name": s.title,
                      "hasPart": [{"@id": f"article:{a}"} for a in s.articles],
                      "rsh:conflicts": sum(1 for f in s.facets if f.verdict == "conflict"),
                      **({"rsh:topic": s.topic} if s.topic else {})})
    for e in corpus.entities:
        node = {"@id": f"entity:{e.id}", "@type": SCHEMA_TYPES.get(e.type, "Thing"), "name": e.name,
                "alternateName": [a.text for a in e.aliases if a.text != e.name],
                "subjectOf": [{"@id": f"article:{a}"} for a in entity_articles(e)]}
        if e.place and e.place.get("geonameid"):
            node["sameAs"] = f"https://sws.geonames.org/{e.place['geonameid']}/"
        graph.append(node)
    story_of_event = {event_id: s.id for s in corpus.stories for event_id in s.events}
    for ev in corpus.events:
        node = {"@id": f"event:{ev.id}", "@type": "Event", "name": ev.type, "startDate": ev.date,
                "eventStatus": ev.status, "attendee": [{"@id": f"entity:{p}"} for p in ev.participants],
                "superEvent": {"@id": f"story:{story_of_event[ev.id]}"} if ev.id in story_of_event else None}
        graph.append({k: v for k, v in node.items() if v is not None})
    return {"@context": {"@vocab": "https://schema.org/", "rsh": "https://rashomon.example/terms#",
                         "article": "urn:rashomon:article:", "story": "urn:rashomon:story:",
                         "entity": "urn:rashomon:entity:", "event": "urn:rashomon:event:"},
            "@graph": graph}


# ---------------------------------------------------------------------------------------------
# Story tables as rows (JSONL / CSV)
# ---------------------------------------------------------------------------------------------

FRAMING_COLUMNS = ("story", "concept", "article", "outlet", "text", "variant", "voice", "start", "end")
VOICES_COLUMNS = ("story", "article", "outlet", "side", "entity", "name")
TIMELINE_COLUMNS = ("story", "date", "what", "vague", "articles", "evidence", "evidence_article",
                    "evidence_start", "evidence_end")


def framing_rows(stories: Iterable[Story], outlets: dict[str, str | None]) -> Iterator[dict[str, Any]]:
    for s in stories:
        for framing in s.framing:
            for use in framing.uses:
                yield {"story": s.id, "concept": framing.concept, "article": use.article,
                       "outlet": outlets.get(use.article), "text": use.text, "variant": use.variant,
                       "voice": use.voice, "start": use.start, "end": use.end}


def voices_rows(stories: Iterable[Story], outlets: dict[str, str | None],
                names: dict[str, str]) -> Iterator[dict[str, Any]]:
    for s in stories:
        for article, sides in s.voices.items():
            for side, entity_ids in sides.items():
                for entity_id in entity_ids:
                    yield {"story": s.id, "article": article, "outlet": outlets.get(article), "side": side,
                           "entity": entity_id, "name": names.get(entity_id)}


def timeline_rows(stories: Iterable[Story]) -> Iterator[dict[str, Any]]:
    for s in stories:
        for item in s.timeline:
            first = item.evidence[0] if item.evidence else None
            yield {"story": s.id, "date": item.date, "what": item.what, "vague": item.vague,
                   "articles": list(item.articles), "evidence": first.text if first else None,
                   "evidence_article": first.article if first else None,
                   "evidence_start": first.start if first else None, "evidence_end": first.end if first else None}
