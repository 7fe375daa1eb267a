"""What every fact rule reads: the Doc indexed once, the event frames, quotes, and who asserts what.

A fact's modality and asserter come from where its words stand: inside a quotation or reported
speech it is ``reported`` by the speaker; under a modal or a verb of expectation ("will add",
"plans to nominate") it is ``expected``; under a negation or a denial ("did not kill", "denied
that ...") it is ``denied``; else the outlet ``asserted`` it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from rashomon.numbers import Number, find_numbers
from rashomon.read.events import DocContext, Lexicon, is_verb
from rashomon.read.speakers import speaker_cluster
from rashomon.read.spans import CharSpan, EventSpan, Intervals, QuoteSpan, doc_text, entity_id

# Heads climbed from a word to the verb that governs it; a deeper parse is not trusted (as in events).
MAX_CLIMB = 8
# Dependencies that start a clause of their own: the verb above one is not the governor of the words.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})


@dataclass
class FactContext:
    """The Doc as the fact rules see it: ``DocContext`` plus the frames and the quotes' speakers."""

    base: DocContext
    events: list[EventSpan]
    trigger_of: dict[int, int] = field(default_factory=dict)  # trigger token index -> frame index

    @classmethod
    def build(cls, doc: Doc, lex: Lexicon) -> FactContext:
        """Index the Doc once (units, entities by token, time spans) and the frames by trigger token."""
        base = DocContext.build(doc, lex)
        events = list(doc._.events or [])
        trigger_of = {}
        for n, frame in enumerate(events):
            for trigger in frame.triggers or [frame.trigger]:
                span = doc.char_span(*trigger, alignment_mode="expand")
                for token in span or ():
                    trigger_of.setdefault(token.i, n)
        return cls(base, events, trigger_of)

    @functools.cached_property
    def numbers(self) -> list[Number]:
        """The numbers of the text (``rashomon.numbers.find_numbers``), read once for every rule."""
        return find_numbers(self.text, "en")

    @property
    def doc(self) -> Doc:
        return self.base.doc

    @property
    def lex(self) -> Lexicon:
        return self.base.lex

    @property
    def text(self) -> str:
        return doc_text(self.base.doc)

    def sentence_of(self, token: Token) -> CharSpan:
        """Character offsets of the sentence unit holding ``token``."""
        return self.base.unit_span(self.base.unit_of[token.i])

    def span_of(self, start: int, end: int) -> Span | None:
        """The tokens covering characters ``start``..``end``."""
        return self.doc.char_span(start, end, alignment_mode="expand")

    def event_of(self, token: Token) -> int | None:
        """The frame whose trigger governs ``token`` (the token itself, or an ancestor in its sentence)."""
        current = token
        for _ in range(MAX_CLIMB):
            if current.i in self.trigger_of:
                return self.trigger_of[current.i]
            if current.head.i == current.i or not self.base.same_unit(current.head, token):
                return None
            current = current.head
        return None

    @functools.cached_property
    def quote_index(self) -> Intervals:
        return Intervals([(q.start, q.end) for q in self.base.quotes])

    def quote_at(self, offset: int) -> QuoteSpan | None:
        """The quotation or reported speech holding character ``offset`` (the first listed)."""
        n = self.quote_index.first_holding(offset)
        return self.base.quotes[n] if n is not None else None

    def asserter_of(self, quote: QuoteSpan) -> tuple[str, str | None]:
        """(the words naming a quote's speaker, its entity id or None)."""
        if quote.speaker is None:
            return "", None
        target = quote.antecedent or quote.speaker
        index = speaker_cluster(target, self.base.clusters, self.text)
        words = " ".join(self.text[quote.speaker[0]:quote.speaker[1]].split())
        return words, entity_id(index) if index is not None else None

    def modality_of(self, token: Token) -> tuple[str, tuple[str, str | None] | None]:
        """(modality, asserter) of the words at ``token`` (see the module docstring)."""
        quote = self.quote_at(token.idx)
        asserter = self.asserter_of(quote) if quote is not None else None
        verb = governing_verb(token)
        if verb is not None and (is_negated(verb) or is_denied(verb, self.lex)):
            return "denied", asserter
        if verb is not None and is_expected(verb, self.lex):
            return "expected", asserter
        return ("reported" if quote is not None else "asserted"), asserter


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` (the token itself when it is a verb)."""
    current = token
    for _ in range(MAX_CLIMB):
        if is_verb(current) and current.pos_ == "VERB":
            return current
        if current.head.i == current.i:
            return current if is_verb(current) else None
        current = current.head
    return None


def is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def is_denied(verb: Token, lex: Lexicon) -> bool:
    """A clause someone denies ("denied that its forces had attacked")."""
    return verb.dep_ == "ccomp" and lex.has("denial_words", verb.head.lemma_.lower())


def is_expected(verb: Token, lex: Lexicon) -> bool:
    """Future or planned: a modal on the verb, or a verb of expectation above it ("plans to nominate",
    "is expected to announce", "will vote")."""
    current = verb
    for _ in range(MAX_CLIMB):
        if any(c.dep_ == "aux" and c.lower_ in lex.lists["modal_aux"] for c in current.children):
            return True
        if current is not verb and lex.has("expectation_words", current.lemma_.lower()):
            return True
        if current.dep_ not in ("xcomp", "ccomp") or current.head.i == current.i:
            return False
        current = current.head
    return False
