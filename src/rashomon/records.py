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
ValueKind = Literal["quantity", "date", "place", "entity", "entities", "title", "tally", "status", "text"]
Modality = Literal["asserted", "reported", "expected", "denied"]
QuantityRole = Literal["actual", "expected", "revised", "previous", "total", "part", "target"]


def drop_none(data: dict[str, Any]) -> dict[str, Any]:
    """A JSON object without its unset (None) fields."""
    return {k: v for k, v in data.items() if v is not None}


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
    place: dict[str, Any] | None = None  # a place the gazetteer resolves: {geonameid, name, country}


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
    statement: bool = True  # a statement someone makes (not "asked", "described" or a cue-less fragment)


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
    weekday: int | None = None  # ISO weekday (1 = Monday) when the words name one, anchored or not
    part: str | None = None  # part of the day or period the words name: early, late, morning, evening, night...


@dataclass
class Term:
    """Words in quotation marks used as a term (scare quotes), not as a statement."""

    text: str
    start: int
    end: int


@dataclass
class Value:
    """A typed fact value: what one article states, read once in ``read`` so that ``compare`` never
    reads the text again. ``kind`` says which fields are set; ``text`` is always the article's words.

    * ``quantity``: ``figure`` as stated (scale applied: "$1.2 trillion" -> 1.2e12; None for "dozens"
      or a range), ``low``..``high`` the interval the words allow (hedges and rounding; ``high`` None
      is unbounded: "at least 40"), ``unit`` (``percent``, an ISO 4217 currency, a time unit),
      ``counted`` (the lemma of what is counted: people, jobs, seats), ``role`` (actual, expected,
      revised, total, part, target), ``hedge`` (at_least, about, nearly, vague...);
    * ``tally``: ``figure`` for, ``against`` against ("57-43");
    * ``date``: ``date`` (``YYYY-MM-DD`` or a range, when anchored), ``partial`` (``--MM-DD``),
      ``weekday`` (ISO, 1 = Monday), ``part`` (early, late, morning, night...), ``clock`` (``HH:MM``);
    * ``place``: ``name``, ``geonameid`` and ``country`` (ISO code) when the gazetteer resolves it;
    * ``entity`` / ``title``: ``entity`` (a local entity id in a Reading, a corpus id once linked)
      and ``name``; a title's ``text`` is the title ("former vice president"), its ``role`` the
      English role word when the title is in another language ("Капитан" -> captain);
    * ``entities``: ``members``, the entity ids (and ``desc:`` ids of people described but not named);
    * ``status``: ``status`` (happened, planned, denied) of the event the fact belongs to;
    * ``text``: a short text for decisions, outcomes and aims.
    """

    kind: ValueKind
    text: str
    figure: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    counted: str | None = None
    role: str | None = None
    hedge: str | None = None
    against: float | None = None
    date: str | None = None
    partial: str | None = None
    weekday: int | None = None
    part: str | None = None
    clock: str | None = None
    name: str | None = None
    geonameid: int | None = None
    country: str | None = None
    entity: str | None = None
    members: list[str] | None = None
    status: str | None = None
    note: str | None = None  # a qualifier the words give: "including the shooter"

    def to_json(self) -> dict[str, Any]:
        return drop_none(asdict(self))


@dataclass
class Asserter:
    """Who asserts a fact when it is not the outlet itself: a quoted or cited source."""

    text: str
    entity: str | None = None


@dataclass
class Fact:
    """One checkable fact an article states: an event's slot and its typed value, with evidence.

    ``slot`` is a normalised key (``killed``, ``injured``, ``jobs_added``, ``vote_tally``, ``cost``,
    ``date``, ``place``, ``duration``, ``decision``, ``title_of:<entity>``, ``age_of:<entity>``...);
    ``event``/``event_type`` name the article's event mention it belongs to (None when the fact
    hangs on no typed event). ``period`` (a normalised date or range, or the words: "in the past
    24 hours") and ``scope`` (a place or entity the value is about: the US toll, Italy's) keep
    apart values that are not about the same thing. ``asserted_by`` is None when the outlet states
    it; ``modality`` says how (asserted, reported by a source, expected/planned, denied).
    ``start``/``end`` are the value's words and ``evidence`` its sentence, in the clean text.
    """

    id: str
    article: str
    slot: str
    value: Value
    evidence: Evidence
    start: int
    end: int
    event: str | None = None
    event_type: str | None = None
    predicate: str | None = None
    period: str | None = None
    scope: str | None = None
    asserted_by: Asserter | None = None
    modality: Modality = "asserted"

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["value"] = self.value.to_json()
        return drop_none(out)


@dataclass
class Reading:
    """What one article says: the article plus everything read from it.

    ``sentences`` are the clean text's sentence spans (the evidence of every value is one of them);
    ``facts`` are the typed facts compare lines up. ``tier`` says how the article was read: ``model``
    (a full pipeline: every record) or ``lexicon`` (sentences, names, places, dates and quotes from
    the language pack's data; no events or facts: see ``rashomon.read.lexicon``).
    """

    article: Article
    entities: list[Entity] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    tier: Literal["model", "lexicon"] = "model"

    def entity(self, entity_id: str) -> Entity | None:
        """Return the entity with this id, or None."""
        return next((e for e in self.entities if e.id == entity_id), None)

    def sentence_starts(self) -> list[int]:
        """The sentences' starts, kept while the sentences stay the same (one list per Reading, not
        one per look-up: compare and the fact rules look up thousands of spans in a long article)."""
        cached = self.__dict__.get("_starts")
        if cached is None or cached[0] is not self.sentences or cached[1] != len(self.sentences):
            cached = self.__dict__["_starts"] = (self.sentences, len(self.sentences), [s for s, _ in self.sentences])
        return cached[2]

    def sentence_at(self, start: int, end: int | None = None) -> tuple[int, int]:
        """The sentence span holding ``start`` (and reaching ``end`` when the words cross a break)."""
        end = start if end is None else end
        starts = self.sentence_starts()
        i = max(0, bisect.bisect_right(starts, start) - 1)
        if not self.sentences:
            return start, end
        first = self.sentences[i]
        j = max(i, bisect.bisect_left(starts, end) - 1) if end > first[1] else i
        return first[0], max(first[1], self.sentences[min(j, len(self.sentences) - 1)][1])

    def evidence(self, start: int, end: int | None = None) -> Evidence:
        """The sentence behind the words ``start``..``end`` as an Evidence record."""
        s, e = self.sentence_at(start, end)
        return Evidence(self.article.id, self.article.text[s:e], s, e)

    def to_json(self) -> dict[str, Any]:
        """The flat JSON object that ``rashomon read --format jsonl`` prints (see read.schema.json)."""
        out = self.article.to_json()
        out["entities"] = [asdict(e) for e in self.entities]
        out["descriptions"] = [asdict(d) for d in self.descriptions]
        out["quotes"] = [asdict(q) for q in self.quotes]
        out["times"] = [asdict(t) for t in self.times]
        out["terms"] = [asdict(t) for t in self.terms]
        out["events"] = [asdict(e) for e in self.events]
        out["sentences"] = [list(s) for s in self.sentences]
        out["facts"] = [f.to_json() for f in self.facts]
        out["tier"] = self.tier
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

Verdict = Literal["agree", "compatible", "conflict", "single"]
Voice = Literal["own", "attributed", "distanced"]
EventStatus = Literal["happened", "planned", "denied", "unknown"]


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
    id: str = ""  # "ev1", "ev2"... within the article; facts name it
    participants: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    place: str | None = None
    time: str | None = None
    date: str | None = None
    start_time: str | None = None
    duration: str | None = None
    outcome: str | None = None
    status: EventStatus = "happened"
    place_entities: list[str] = field(default_factory=list)  # local ids of the places named (corpus ids once linked)
    sequence: int | str | None = None  # "second round" -> 2, "next meeting" -> "next": repeats apart


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
    """What one source says about a facet: the value as a reader reads it, the typed value, the
    sentence behind it (``evidence``) and where the value's own words stand in it (``span``)."""

    article: str
    value: Any
    entities: list[str] = field(default_factory=list)
    evidence: Evidence | None = None
    typed: Value | None = None
    span: tuple[int, int] | None = None
    asserted_by: str | None = None
    modality: Modality = "asserted"
    fact: str | None = None  # the id of the Fact in its article's Reading

    def to_json(self) -> dict[str, Any]:
        """The value's form in analysis.json: the typed value without its unset fields, the span as
        ``{"start", "end"}`` (None when unknown)."""
        out = asdict(self)
        out["typed"] = self.typed.to_json() if self.typed is not None else None
        out["span"] = {"start": self.span[0], "end": self.span[1]} if self.span is not None else None
        return out


@dataclass
class Facet:
    """One fact of a story lined up across its sources, with a verdict and its explanation.

    The verdict is taken over the sources that state the fact (``single`` when only one does);
    ``coverage`` says how many of the story's sources state it, ``missing_in`` which do not (their
    own facts were searched for the same slot in other words first). ``conflicts`` lists the pairs
    of articles whose values cannot both be true.
    """

    name: str  # the slot: date, place, killed, jobs_added, vote_tally, title_of:<entity>, participants, ...
    verdict: Verdict
    explanation: str
    values: list[FacetValue] = field(default_factory=list)
    missing_in: list[str] = field(default_factory=list)
    side: str | None = None
    event: str | None = None
    label: str | None = None  # the slot as a reader reads it ("people killed", "title of Jane Roe")
    event_type: str | None = None
    coverage: dict[str, int] = field(default_factory=dict)  # {"stated": n, "sources": m}
    conflicts: list[list[str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The facet's form in analysis.json (its values through ``FacetValue.to_json``)."""
        out = asdict(self)
        out["values"] = [v.to_json() for v in self.values]
        return out


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
    topic: str | None = None  # the topic id: stories on one subject, in any language (link/topics.py)


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
            "stories": [{**asdict(s), "facets": [f.to_json() for f in s.facets]} for s in self.stories],
            "events": [asdict(e) for e in self.events],
            "failures": [asdict(f) for f in self.failures],
        }
