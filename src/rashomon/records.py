"""The records that flow between stages (ingest -> read -> link -> compare -> report).

Plain dataclasses with type hints. Every record has a JSON form (``to_json``) that matches the
published JSON Schema in ``rashomon/data/schemas/``. Offsets (``start``, ``end``) always index the
article's clean ``text`` unless a field says otherwise; ``Article.to_original`` maps them back to the
text as it came out of the file.

Records are the only currency between stages: no spaCy object ever appears here.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MentionKind = Literal["name", "alias", "description"]
QuoteKind = Literal["direct", "reported"]
TimeKind = Literal["date", "range", "vague"]


@dataclass
class Source:
    """Where an article came from."""

    path: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass
class Removed:
    """A piece of the original text that is not body text (caption, credit, footer, debris...).

    ``start``/``end`` index the *original* text (``Article.original``), since the piece is not in
    the clean text.
    """

    kind: str
    text: str
    start: int
    end: int


@dataclass
class OffsetMap:
    """Maps offsets in the clean text back to offsets in the original text.

    ``segments`` is a sorted list of ``(clean_start, original_start, length)`` runs: the clean
    characters ``clean_start .. clean_start+length`` come from the original characters
    ``original_start .. original_start+length`` (a newline turned into a space by unwrapping still
    maps one-to-one). A clean offset that falls outside every run (a character the cleaner inserted)
    maps to the original offset just after the previous run.
    """

    segments: list[tuple[int, int, int]] = field(default_factory=list)

    def to_original(self, offset: int) -> int:
        """Return the original-text offset of the clean-text ``offset``."""
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return self.segments[0][1]
        clean_start, orig_start, length = self.segments[i]
        delta = offset - clean_start
        if delta <= length:
            return orig_start + delta
        return orig_start + length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that the cleaner did not change."""
        return cls([(0, 0, length)] if length else [])


@dataclass
class Article:
    """One ingested article: clean body text, metadata, and what was removed."""

    id: str
    source: Source
    title: str | None
    published: str | None  # YYYY-MM-DD or None when the article does not state it
    language: str | None
    text: str
    removed: list[Removed] = field(default_factory=list)
    original: str = ""
    offset_map: OffsetMap = field(default_factory=OffsetMap)
    evidence: dict[str, str] = field(default_factory=dict)  # metadata field -> where it came from

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean-text span to the original text."""
        return self.offset_map.to_original(start), self.offset_map.to_original(end)

    def to_json(self) -> dict[str, Any]:
        """The article's JSON form (without the reading)."""
        return {
            "id": self.id,
            "source": asdict(self.source),
            "title": self.title,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "removed": [{"kind": r.kind, "text": r.text, "start": r.start, "end": r.end} for r in self.removed],
            "metadata_evidence": dict(self.evidence),
        }


@dataclass
class Mention:
    """One place in the text where an entity is named or described."""

    text: str
    start: int
    end: int
    kind: MentionKind = "name"


@dataclass
class Role:
    """A role, title or affiliation stated for an entity (``"Deputy Foreign Minister"``)."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A person, organisation, place... with all its mentions in one article."""

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC, ...
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    side: str | None = None  # the country the entity acts for, where the text says so


@dataclass
class Description:
    """A role-only mention: a person described but not named (``"Moscow's ambassador to Minsk"``).

    ``entity`` is the id of the person it stands for when the article itself tells (otherwise None;
    linking across articles may resolve it later).
    """

    id: str
    text: str
    start: int
    end: int
    role: str  # the role head, e.g. "ambassador"
    side: str | None = None
    entity: str | None = None
    reason: str | None = None
    count: int | None = 1  # how many people it describes ("four senior lawmakers" -> 4; None: unsaid)


@dataclass
class Speaker:
    """Who a quote is attributed to: an entity id when resolved, and the text that names them."""

    entity: str | None
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Quote:
    """A direct quotation or a piece of reported speech, with its cue and speaker."""

    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: str | None
    speaker: Speaker


@dataclass
class TimeRef:
    """A time expression normalised against the publication date.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM-DD/YYYY-MM-DD`` or None (when it cannot be anchored);
    ``partial`` keeps what the text fixes when the year is unknown (``--02-28``, ISO 8601 style).
    """

    text: str
    start: int
    end: int
    value: str | None
    kind: TimeKind
    partial: str | None = None
    direction: Literal["past", "future", "present"] | None = None
    clock: str | None = None  # time of day when stated ("12:00" for "noon"), local to the event


@dataclass
class Term:
    """Words in quotation marks used as a term (scare quotes), not as a statement."""

    text: str
    start: int
    end: int


@dataclass
class Reading:
    """What one article says: the article plus everything read from it."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_json(self) -> dict[str, Any]:
        """The flat JSON object that ``rashomon read --format jsonl`` prints (see read.schema.json)."""
        out = self.article.to_json()
        out["entities"] = [asdict(e) for e in self.entities]
        out["descriptions"] = [asdict(d) for d in self.descriptions]
        out["quotes"] = [asdict(q) for q in self.quotes]
        out["times"] = [asdict(t) for t in self.times]
        out["terms"] = [asdict(t) for t in self.terms]
        out["events"] = [asdict(e) for e in self.events]
        return out


@dataclass
class Failure:
    """An input that could not be read, with a one-line reason for the user."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Alias:
    """One surface form of a corpus entity and how many times the corpus uses it."""

    text: str
    count: int = 1


@dataclass
class CorpusMention:
    """A mention of a corpus entity in one article (``kind`` ``description`` for a role-only mention).

    ``reason`` says why a description was taken to stand for the entity (None for names).
    """

    article: str
    text: str
    start: int
    end: int
    kind: MentionKind = "name"
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article, "text": self.text, "start": self.start, "end": self.end,
                               "kind": self.kind}
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass
class CorpusRole:
    """A role stated for a corpus entity in one article."""

    article: str
    text: str
    start: int
    end: int


@dataclass
class CorpusEntity:
    """One real person, organisation or place across the articles of a corpus.

    ``members`` lists the ``(article id, local entity id)`` pairs merged into it; ``merge_evidence`` says
    for each merge why it was made. ``place`` holds the gazetteer record of a resolved place
    (geonameid, coordinates, country) for later stages.
    """

    id: str
    name: str
    type: str
    side: str | None = None
    aliases: list[Alias] = field(default_factory=list)
    roles: list[CorpusRole] = field(default_factory=list)
    mentions: list[CorpusMention] = field(default_factory=list)
    merge_evidence: list[str] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)
    place: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The entity's form in analysis.json."""
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "side": self.side,
            "aliases": [{"text": a.text, "count": a.count} for a in self.aliases],
            "roles": [asdict(r) for r in self.roles],
            "mentions": [m.to_json() for m in self.mentions],
            "merge_evidence": list(self.merge_evidence),
        }
        if self.place is not None:
            out["place"] = dict(self.place)
        return out


# ---------------------------------------------------------------------------------------------
# Cross-source records: events, comparison, framing, voices, timeline, stories, the analysis.
# ---------------------------------------------------------------------------------------------

Verdict = Literal["agree", "compatible", "conflict", "partial"]
Voice = Literal["own", "attributed", "distanced"]
EventStatus = Literal["happened", "planned", "unknown"]


@dataclass
class Evidence:
    """The sentence behind a value: article id, its text, and offsets into that article's clean text."""

    article: str
    text: str
    start: int
    end: int


@dataclass
class EventMention:
    """One article's report of an event (a typed frame read from one sentence or a few).

    ``participants`` are corpus entity ids once linked (local ids before); ``place``, ``time``,
    ``duration``, ``outcome`` keep the words of the article; ``date`` is normalised (YYYY-MM-DD or a
    range) where the time could be anchored.
    """

    article: str
    type: str  # talks, statement, decree, military_action, travel, agreement, ...
    trigger: str
    evidence: Evidence
    participants: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    place: str | None = None
    time: str | None = None
    date: str | None = None
    start_time: str | None = None
    duration: str | None = None
    outcome: str | None = None
    status: EventStatus = "happened"


@dataclass
class Event:
    """One event across the articles of a story: its mentions and what they agree on."""

    id: str
    type: str
    articles: list[str] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    date: str | None = None
    status: EventStatus = "happened"


@dataclass
class FacetValue:
    """What one source says about a facet, with the sentence behind it."""

    article: str
    value: Any
    entities: list[str] = field(default_factory=list)
    evidence: Evidence | None = None


@dataclass
class Facet:
    """One fact of a story lined up across its sources, with a verdict and its explanation."""

    name: str  # date, start_time, place, duration, participants, aims, outcome, next_steps, count
    verdict: Verdict
    explanation: str
    values: list[FacetValue] = field(default_factory=list)
    missing_in: list[str] = field(default_factory=list)
    side: str | None = None
    event: str | None = None


@dataclass
class FramingUse:
    """How one article names a contested concept: which variant, in whose voice."""

    article: str
    text: str
    variant: str
    voice: Voice
    start: int
    end: int


@dataclass
class Framing:
    """A contested concept (invasion / special military operation / ...) and its uses in a story."""

    concept: str
    uses: list[FramingUse] = field(default_factory=list)


@dataclass
class TimelineItem:
    """A dated item of a story's merged timeline, with the articles that state it."""

    date: str  # YYYY-MM-DD, a range, or a vague label ("in the coming days")
    what: str
    articles: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    vague: bool = False


@dataclass
class Story:
    """Articles about the same event, and how their sources line up."""

    id: str
    title: str
    articles: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    facets: list[Facet] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    distinctive_words: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # article -> [{word, z}]
    voices: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # article -> side -> entity ids
    timeline: list[TimelineItem] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything ``rashomon analyze`` finds: readings, linked entities, stories, events, failures."""

    readings: list[Reading] = field(default_factory=list)
    entities: list[CorpusEntity] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> story id

    def to_json(self) -> dict[str, Any]:
        """The analysis.json form (see data/schemas/analysis.schema.json)."""
        articles = [{"id": r.article.id, "title": r.article.title, "outlet": r.article.source.outlet,
                     "published": r.article.published, "language": r.article.language,
                     "story": self.story_of.get(r.article.id), "path": r.article.source.path,
                     "url": r.article.source.url} for r in self.readings]
        return {
            "articles": articles,
            "entities": [e.to_json() for e in self.entities],
            "stories": [asdict(s) for s in self.stories],
            "events": [asdict(e) for e in self.events],
            "failures": [asdict(f) for f in self.failures],
        }
