"""What the read components write on a Doc, before it becomes records.

Components never leave ``read``; they communicate through these ``Doc._`` attributes (registered
once here) and these small span records, all with character offsets into ``doc.text``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span

from rashomon.records import Value

CharSpan = tuple[int, int]


@dataclass
class QuoteSpan:
    """A quotation or reported speech found in a Doc.

    ``start``/``end``: the quoted or reported content. ``cue``: the verb or phrase that attributes it
    ("said", "stressed", "according to"). ``speaker``: the words naming the speaker as written
    ("he", "Medinsky", "the Kremlin", "the Russian presidential aide"). ``antecedent``: for a pronoun
    speaker, the earlier mention it refers to.
    """

    kind: Literal["direct", "reported"]
    start: int
    end: int
    cue: CharSpan | None = None
    speaker: CharSpan | None = None
    antecedent: CharSpan | None = None


@dataclass
class EventSpan:
    """An event frame found in a Doc (one per occurrence per article, after merging).

    ``trigger``/``sentence``: the trigger words and the sentence of the richest frame merged in
    (the evidence). ``participants``: indices into ``doc._.people``. ``places``, ``times``,
    ``outcomes``: the article's words, each a character span; ``date``: the normalised date
    (``YYYY-MM-DD``, a range, or ``--MM-DD`` when the year is unknown); ``start_time``: ``HH:MM``.
    ``sequence`` (1, 2, ... or ``"next"``) tells rounds apart; ``named_places`` (cluster indices of the
    places) and ``future_vague`` ("in the coming days") are what merging compares.
    """

    type: str
    trigger: CharSpan
    sentence: CharSpan
    participants: list[int] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)
    places: list[CharSpan] = field(default_factory=list)
    times: list[CharSpan] = field(default_factory=list)
    date: str | None = None
    start_time: str | None = None
    duration: CharSpan | None = None
    outcomes: list[CharSpan] = field(default_factory=list)
    status: Literal["happened", "planned", "denied", "unknown"] = "unknown"
    sequence: int | str | None = None
    named_places: list[int] = field(default_factory=list)
    future_vague: bool = False
    agents: list[int] = field(default_factory=list)    # who acts (indices into doc._.people)
    patients: list[int] = field(default_factory=list)  # who or what is acted on
    triggers: list[CharSpan] = field(default_factory=list)  # every trigger merged into the frame
    date_span: CharSpan | None = None   # the words of the time expression that dates the frame
    clock_span: CharSpan | None = None  # the words of its time of day


@dataclass
class FactSpan:
    """A fact found in a Doc, before it becomes a ``records.Fact``: its slot, typed value (entity ids
    already local: ``e3``), the value's words and sentence, the frame it belongs to (an index into
    ``doc._.events``), what it covers (``period``, ``scope``) and who asserts it."""

    slot: str
    value: "Value"
    span: CharSpan
    sentence: CharSpan
    event: int | None = None
    event_type: str | None = None
    predicate: str | None = None
    period: str | None = None
    scope: str | None = None
    asserter: tuple[str, str | None] | None = None  # (words naming the source, its entity id)
    modality: str = "asserted"


def register_extensions() -> None:
    """Register the ``Doc._`` attributes used by rashomon components (idempotent)."""
    for name, default in (
        ("article_id", None),   # str: the Article id, set before the pipeline runs
        ("published", None),    # str | None: YYYY-MM-DD publication date, the anchor for times
        ("quotes", None),       # list[QuoteSpan], set by rashomon_quotes
        ("terms", None),        # list[CharSpan]: quoted words used as terms, set by rashomon_quotes
        ("times", None),        # list[records.TimeRef], set by rashomon_times
        ("people", None),       # list[people.Cluster], set by rashomon_people
        ("descriptions", None), # list[people.DescriptionSpan], set by rashomon_people
        ("events", None),       # list[EventSpan], set by rashomon_events
        ("facts", None),        # list[FactSpan], set by rashomon_facts
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


def sentence_units(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences, cut again at line breaks (space tokens left out), built once per
    Doc: a paragraph never continues across a line break, and the parser sometimes runs two
    paragraphs together. Every component and the Reading's ``sentences`` use these."""
    cached = doc.user_data.get("rashomon_units")  # plain ints: user_data travels between processes
    if cached is not None:
        return cached
    units = []
    for sent in doc.sents:
        start = None
        for token in sent:
            breaks_after = "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)
            if start is None and not token.is_space:
                start = token.i
            if breaks_after and start is not None:
                end = token.i if token.is_space else token.i + 1
                units.append((start, end))
                start = None
        if start is not None:
            end = sent.end
            while end > start and doc[end - 1].is_space:
                end -= 1
            units.append((start, end))
    doc.user_data["rashomon_units"] = units
    return units


def unit_chars(doc: Doc) -> list[CharSpan]:
    """Character spans of ``sentence_units``: the Reading's ``sentences``."""
    return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in sentence_units(doc)]


def entity_id(index: int) -> str:
    """Id of the ``index``-th entity of a reading (unique within the article)."""
    return f"e{index + 1}"


def sentence_of(token) -> Span:
    """The sentence holding ``token``, from a per-Doc index built once.

    spaCy's ``Token.sent``/``Span.sent`` check the sentence annotation of the whole Doc on every call,
    which made sentence look-ups the largest cost of the rashomon components on long articles.
    """
    doc = token.doc
    bounds = doc.user_data.get("rashomon_sentences")  # plain ints: user_data travels between processes
    if bounds is None:
        bounds = doc.user_data["rashomon_sentences"] = [[s.start for s in doc.sents], [s.end for s in doc.sents]]
    starts, ends = bounds
    i = bisect.bisect_right(starts, token.i) - 1
    return doc[starts[i]:ends[i]]


def paragraph_number(doc: Doc, offset: int) -> int:
    """How many line breaks come before character ``offset``: a paragraph key, from a per-Doc index.

    ``Doc.text`` rebuilds the whole text on every access, so counting line breaks in it per token
    made quote reading quadratic in the article's length.
    """
    newlines = doc.user_data.get("rashomon_newlines")
    if newlines is None:
        text = doc.text
        newlines = doc.user_data["rashomon_newlines"] = [i for i, ch in enumerate(text) if ch == "\n"]
    return bisect.bisect_left(newlines, offset)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy rebuilds it from the tokens on every access)."""
    text = doc.user_data.get("rashomon_text")
    if text is None:
        text = doc.user_data["rashomon_text"] = doc.text
    return text


ENTITY_INDEX = "rashomon_entities"


def entities(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    """``doc.ents`` and their start tokens, from a per-Doc index built once (``forget_entities``
    when a component sets ``doc.ents``).

    ``Doc.ents`` walks every token on each access, so reading it per sentence or per quote made the
    components quadratic in the article's length (10,000 sentences: 10,000 walks of the Doc)."""
    cached = doc.user_data.get(ENTITY_INDEX)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[ENTITY_INDEX] = (ents, [e.start for e in ents])
    return cached


def forget_entities(doc: Doc) -> None:
    """Drop the entity index after ``doc.ents`` changed."""
    doc.user_data.pop(ENTITY_INDEX, None)


def entities_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities inside tokens ``start..end`` (entities never overlap, so a bisect finds them)."""
    ents, starts = entities(doc)
    found = []
    for i in range(bisect.bisect_left(starts, start), len(ents)):
        if ents[i].start >= end:
            break
        if ents[i].end <= end:
            found.append(ents[i])
    return found


def entity_at(token) -> Span | None:
    """The entity holding ``token``, or None."""
    ents, starts = entities(token.doc)
    i = bisect.bisect_right(starts, token.i) - 1
    return ents[i] if i >= 0 and ents[i].end > token.i else None


def entities_before(doc: Doc, end: int) -> tuple[Span, ...]:
    """The entities that end at or before token ``end``, nearest last."""
    ents, starts = entities(doc)
    i = bisect.bisect_left(starts, end)
    return ents[:i] if not i or ents[i - 1].end <= end else ents[:i - 1]


def noun_chunks(doc: Doc) -> list[Span]:
    """``doc.noun_chunks``, computed once per Doc (each access walks the whole parse)."""
    cached = doc.user_data.get("rashomon_noun_chunks")
    if cached is None:
        cached = doc.user_data["rashomon_noun_chunks"] = list(doc.noun_chunks)
    return cached


class Intervals:
    """Intervals (start, end) looked up by position in logarithmic time rather than by a scan of all
    of them: sorted by start, with the running maximum of their ends, so that a look-up walks back
    only over the intervals that can still reach the position. Items keep their given order for ties
    (``first_holding`` answers as ``next(i for i in items if holds)`` would)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda n: (spans[n][0], n))
        self.starts = [spans[n][0] for n in self.order]
        self.ends = [spans[n][1] for n in self.order]
        self.reach: list[int] = []  # the furthest end among the first k intervals by start
        for end in self.ends:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def candidates(self, start: int, end: int) -> list[int]:
        """Given positions of the intervals with start <= ``start`` and end >= ``end``, in given order."""
        found = []
        k = bisect.bisect_right(self.starts, start) - 1
        while k >= 0 and self.reach[k] >= end:
            if self.ends[k] >= end:
                found.append(self.order[k])
            k -= 1
        return sorted(found)

    def first_holding(self, position: int) -> int | None:
        """The given position of the first interval with start <= ``position`` < end, or None."""
        found = self.candidates(position, position + 1)
        return found[0] if found else None

    def any_covering(self, start: int, end: int) -> bool:
        """Whether one interval holds all of ``start..end``."""
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end
