"""Quotations and reported speech: who said what, as written.

The ``rashomon_quotes`` component reads a parsed Doc (parser + NER; it runs after ``rashomon_people``
and relies only on ``doc.ents``, the parse and the text) and writes two ``Doc._`` attributes:

* ``doc._.quotes``: :class:`~rashomon.read.spans.QuoteSpan` records, ``kind="direct"`` for words inside
  quotation marks that someone said, ``kind="reported"`` for indirect speech ("X said (that) ...",
  "..., X reported", "according to X, ...");
* ``doc._.terms``: character spans of short quoted words used as terms (scare quotes such as
  a so-called “reform”), which are framing, not statements.

Matching (:meth:`QuoteReader.match`) only computes candidates; :meth:`QuoteReader.set_annotations`
only writes them. Speech verbs and cue phrases are data (``data/speech_verbs.txt``), loaded once.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from rashomon.knowledge.lexicons import load_sections, load_title_words
from rashomon.read.spans import (CharSpan, QuoteSpan, doc_text, entities_before, entity_at, noun_chunks,
                                  paragraph_number, sentence_of)

# --- thresholds (named, with how they were chosen) -------------------------------------------------

# A quotation of at most this many word tokens, embedded in a clause and not introduced by a speech
# verb or a colon, is a term (“demilitarize”, so-called “reform”), not a statement. Scare quotes in
# news are one to three words; four keeps two-word names with articles ("the “special operation”")
# while the shortest real statements quoted on their own ("We will not sign") are longer or cue-led.
MAX_TERM_TOKENS = 4
# How many sentences back a pronoun speaker ("he said") may find its antecedent: the current one and
# the two before cover the usual "X said ... . “...,” he said" pattern; further back the nearest
# PERSON is more often someone else (checked by hand on the seeds and PolNeAR texts).
ANTECEDENT_SENTENCE_WINDOW = 2
# A reported-speech clause that is mostly (by characters) inside quotation marks already became a
# direct quote: more than half quoted means the quote carries the statement and the clause is dropped.
MAX_QUOTED_SHARE = 0.5
# How far up the dependency tree to look for the subject of a participle cue ("..., saying “...”"):
# saying -> declined -> (subject). Three hops cover advcl/xcomp/conj chains seen in news sentences.
MAX_SUBJECT_HOPS = 3

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
CONTENT_DEPS = ("ccomp",)                       # the clause a speech verb governs
OBJECT_DEPS = ("dobj",)
SUBJECT_DEPS = ("nsubj",)
PARTICIPLE_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp")
PARENTHETICAL_DEPS = ("parataxis", "advcl")    # "CLAUSE, X reported, ..." (spaCy uses either)
SPEAKER_CUT_DEPS = ("appos", "relcl", "acl", "punct", "advmod", "cc", "conj")
LEADING_TRIM = {"that", "whether", "if", ":", ",", "—", "-", "–"}
EDGE_PUNCT = " \t\n,;:.—–-\"'“”‘’«»"
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"it", "they", "them"}
PERSON_LABELS = {"PERSON"}
GROUP_LABELS = {"ORG", "GPE", "NORP"}


@dataclass(frozen=True)
class SpeechLexicon:
    """Speech cues from ``data/speech_verbs.txt``: verb lemmas, object-taking verbs, cue phrases."""

    verbs: frozenset[str]
    object_verbs: frozenset[str]
    phrases: tuple[str, ...]


@dataclass
class QuoteMatches:
    """What :meth:`QuoteReader.match` found in one Doc, before anything is written on it."""

    quotes: list[QuoteSpan] = field(default_factory=list)
    terms: list[CharSpan] = field(default_factory=list)


# --- data --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def load_lexicon(name: str = "speech_verbs.txt") -> SpeechLexicon:
    """Load the speech cue lexicon once per process."""
    sections = load_sections(name)
    return SpeechLexicon(frozenset(sections.get("verbs", ())), frozenset(sections.get("object", ())),
                         tuple(sections.get("phrases", ())))


# --- quotation marks -----------------------------------------------------------------------------


def is_opening_straight(text: str, i: int) -> bool:
    """Whether the straight mark at ``i`` opens (start of text, after space or bracket, before a word)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def is_apostrophe(text: str, i: int) -> bool:
    """Whether a ’ at ``i`` is an apostrophe (Ukraine’s, don’t): a letter follows it."""
    return i + 1 < len(text) and text[i + 1].isalnum()


def find_quotation_pairs(text: str) -> list[CharSpan]:
    """Return (open, close) mark positions of the top-level quotations in ``text``.

    Double marks (curly, straight, guillemets) pair first; single curly marks pair only outside
    double ones, and a ’ followed by a letter is an apostrophe. An opening mark left open when the
    next one opens after a line break is closed at that break: news style leaves a quotation that
    runs over several paragraphs unclosed until its last paragraph.
    """
    pairs: list[CharSpan] = []
    double_open: int | None = None
    single_open: int | None = None
    for i, ch in enumerate(text):
        opens = ch in DOUBLE_OPEN or (ch == '"' and is_opening_straight(text, i))
        closes = ch in DOUBLE_CLOSE or (ch == '"' and not opens)
        if double_open is None:
            if opens:
                double_open, single_open = i, None
            elif ch == SINGLE_OPEN and single_open is None:
                single_open = i
            elif ch == SINGLE_CLOSE and single_open is not None and not is_apostrophe(text, i):
                pairs.append((single_open, i))
                single_open = None
            elif ch == "\n":
                single_open = None
        elif closes:
            pairs.append((double_open, i))
            double_open = None
        elif opens and "\n" in text[double_open:i]:
            pairs.append((double_open, text.index("\n", double_open, i)))
            double_open = i
    return sorted(pairs)


def trim_chars(text: str, start: int, end: int) -> CharSpan:
    """Shrink ``[start, end)`` past surrounding whitespace, punctuation and quotation marks."""
    while start < end and text[start] in EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in EDGE_PUNCT:
        end -= 1
    return start, end


def quote_content(text: str, pair: CharSpan) -> CharSpan:
    """The quoted words between the marks, without edge spaces or a trailing comma."""
    start, end = pair[0] + 1, pair[1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:."):
        end -= 1
    return start, end


# --- syntax helpers ------------------------------------------------------------------------------


def is_speech_verb(token: Token, lexicon: SpeechLexicon) -> bool:
    """Whether ``token`` is a speech verb of the lexicon (a verb, not the noun "report")."""
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicon.verbs


def char_span_of(tokens: list[Token]) -> CharSpan | None:
    """The character span from the first to the last of ``tokens``, past whitespace tokens (None when empty)."""
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def noun_phrase(head: Token) -> CharSpan:
    """The noun phrase headed by ``head`` as written, cut before appositions and relative clauses.

    "Mikhail Podolyak, advisor to ..." -> "Mikhail Podolyak"; "Medinsky, who traveled ..." ->
    "Medinsky". Determiners, possessives, compounds, adjectives and "of" phrases stay; a head inside
    a PERSON entity gives the entity ("Russian presidential aide Vladimir Medinsky" -> "Vladimir Medinsky").
    """
    name = entity_at(head)
    if name is not None and name.label_ in PERSON_LABELS:
        # a named person: the name as the NER read it, without titles or descriptions before it
        return name.start_char, name.end_char
    kept = [head]
    for child in head.children:
        if child.dep_ not in SPEAKER_CUT_DEPS:
            kept.extend(child.subtree)
    lo, hi = min(t.i for t in kept), max(t.i for t in kept)
    tokens = [t for t in head.doc[lo : hi + 1] if not (t.is_punct and t.i in (lo, hi))]
    return char_span_of(tokens) or (head.idx, head.idx + len(head.text))


def best_speaker_head(subject: Token) -> Token:
    """Prefer a named PERSON in apposition to a descriptive subject ("A representative, X, said")."""
    if subject.ent_type_ in PERSON_LABELS:
        return subject
    for child in subject.children:
        if child.dep_ != "appos":
            continue
        names = [t for t in child.subtree if t.ent_type_ in PERSON_LABELS and t.head.ent_type_ not in PERSON_LABELS]
        if names:
            return names[0]
    return subject


def find_subject(verb: Token) -> Token | None:
    """The subject of a cue verb, climbing from participles ("..., saying") to the governing verb.

    A passive agent ("was told by X") counts as the subject. The climb stops after
    ``MAX_SUBJECT_HOPS`` heads or at a verb that has a subject of its own.
    """
    token = verb
    for _ in range(MAX_SUBJECT_HOPS + 1):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return best_speaker_head(child)
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return best_speaker_head(objects[0])
        if token.dep_ not in PARTICIPLE_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def paragraph_of(token: Token) -> int:
    """The number of line breaks before ``token``: a paragraph key (the parser may join paragraphs)."""
    return paragraph_number(token.doc, token.idx)


def paragraph_sentence(token: Token) -> list[Token]:
    """The tokens of ``token``'s sentence that lie in its paragraph."""
    paragraph = paragraph_of(token)
    return [t for t in sentence_of(token) if paragraph_of(t) == paragraph]


def clause_content(tokens: list[Token], anchor: Token) -> CharSpan | None:
    """A clause's character span without a leading "that"/"whether" and edge punctuation.

    Only tokens in the paragraph of ``anchor`` (the cue) count: spaCy's parser sometimes runs a
    sentence across a blank line, and reported speech never crosses a paragraph.
    """
    paragraph = paragraph_of(anchor)
    tokens = sorted((t for t in tokens if paragraph_of(t) == paragraph and not t.is_space), key=lambda t: t.i)
    while tokens and (tokens[0].lower_ in LEADING_TRIM or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    span = char_span_of(tokens)
    return balance_marks(doc_text(tokens[0].doc), span) if span else None


def balance_marks(text: str, span: CharSpan) -> CharSpan:
    """Extend a content span over a closing quotation mark whose opening mark it contains."""
    start, end = span
    opened = sum(text[start:end].count(m) for m in DOUBLE_OPEN)
    closed = sum(text[start:end].count(m) for m in DOUBLE_CLOSE)
    if opened > closed and end < len(text) and text[end] in DOUBLE_CLOSE:
        return start, end + 1
    return span


def contiguous(tokens: list[Token]) -> list[Token]:
    """All tokens from the first to the last of ``tokens`` (a clause as one stretch of text)."""
    if not tokens:
        return []
    doc = tokens[0].doc
    return list(doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1])


# --- pronouns ------------------------------------------------------------------------------------


def sentence_index(doc: Doc) -> dict[int, int]:
    """Map each token index to the number of its sentence."""
    index: dict[int, int] = {}
    for number, sent in enumerate(doc.sents):
        for token in sent:
            index[token.i] = number
    return index


def antecedent_candidates(pronoun: Token, sent_of: dict[int, int]) -> list[Span]:
    """Earlier mentions a pronoun may refer to, within ``ANTECEDENT_SENTENCE_WINDOW`` sentences."""
    doc, first_sent = pronoun.doc, sent_of[pronoun.i] - ANTECEDENT_SENTENCE_WINDOW
    person = pronoun.lower_ in PERSON_PRONOUNS
    labels = PERSON_LABELS if person else GROUP_LABELS
    found = []
    for ent in reversed(entities_before(doc, pronoun.i)):  # nearest first, back to the window's start
        if sent_of[ent.start] < first_sent:
            break
        if ent.label_ in labels:
            found.append(ent)
    found.reverse()
    if not person:  # "it"/"they" may also be an unnamed subject noun phrase ("the ministry")
        chunks = noun_chunks(doc)
        before = bisect.bisect_left([c.end for c in chunks], pronoun.i + 1) if chunks else 0
        found += [chunk for chunk in reversed_window(chunks[:before], sent_of, first_sent)
                  if chunk.root.dep_ in SUBJECT_DEPS and chunk.root.pos_ in ("NOUN", "PROPN")]
    return [span for span in found if sent_of[span.start] >= first_sent]


def reversed_window(spans: list[Span], sent_of: dict[int, int], first_sent: int) -> list[Span]:
    """The last of ``spans`` (in order) that start at or after sentence ``first_sent``."""
    i = len(spans)
    while i > 0 and sent_of[spans[i - 1].start] >= first_sent:
        i -= 1
    return spans[i:]


def resolve_antecedent(pronoun: Token, sent_of: dict[int, int]) -> CharSpan | None:
    """The nearest suitable earlier mention of a he/she/it/they speaker, subjects first."""
    if pronoun.lower_ not in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None
    candidates = antecedent_candidates(pronoun, sent_of)
    subjects = [span for span in candidates if span.root.dep_ in SUBJECT_DEPS + ("nsubjpass",)]
    chosen = max(subjects or candidates, key=lambda span: span.end, default=None)
    span = char_span_of(list(chosen)) if chosen is not None else None
    return trim_chars(doc_text(pronoun.doc), *span) if span else None


# --- the component -------------------------------------------------------------------------------


class QuoteReader:
    """spaCy component: finds direct quotations, reported speech and quoted terms."""

    def __init__(self, nlp: Language, name: str = "rashomon_quotes", lexicon: str = "speech_verbs.txt"):
        self.name = name
        self.lexicon = load_lexicon(lexicon)
        self.title_words = load_title_words()
        self.phrase_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrase_matcher.add("CUE", [nlp.make_doc(phrase) for phrase in self.lexicon.phrases])

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> QuoteMatches:
        """Find quotations, terms and reported speech in ``doc``; write nothing.

        1. pair the quotation marks; 2. attribute each quotation (cue verb, colon, continuation) or
        classify it as a term or title; 3. read reported speech off speech verbs and cue phrases;
        4. drop reported clauses that direct quotes already cover.
        """
        sent_of = sentence_index(doc)
        direct, terms = self.match_direct(doc, sent_of)
        reported = self.match_reported(doc, sent_of, direct) + self.match_phrases(doc, sent_of, direct)
        quotes = sorted(direct + reported, key=lambda q: (q.start, q.end))
        return QuoteMatches(quotes=quotes, terms=terms)

    def set_annotations(self, doc: Doc, matches: QuoteMatches) -> None:
        """Write the matches on ``doc._.quotes`` and ``doc._.terms``."""
        doc._.quotes = list(matches.quotes)
        doc._.terms = list(matches.terms)

    # -- direct quotations --

    def match_direct(self, doc: Doc, sent_of: dict[int, int]) -> tuple[list[QuoteSpan], list[CharSpan]]:
        """Attribute every quotation, or set it aside as a term or a title."""
        quotes: list[QuoteSpan] = []
        terms: list[CharSpan] = []
        for pair in find_quotation_pairs(doc_text(doc)):
            start, end = quote_content(doc_text(doc), pair)
            span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
            if span is None or len(span) == 0:
                continue
            cue, introduced = self.find_quote_cue(doc, pair, span)
            if self.is_title(doc, pair, span):
                continue
            if not introduced and self.is_term(span):
                terms.append((start, end))
                continue
            quote = self.make_quote(start, end, cue, sent_of)
            if cue is None:
                quote = self.continue_quote(quote, quotes, doc, span, sent_of)
            quotes.append(quote)
        return quotes, terms

    def find_quote_cue(self, doc: Doc, pair: CharSpan, span: Span) -> tuple[Token | None, bool]:
        """The speech verb attributing a quotation, and whether it introduces it directly.

        Direct: the verb governs the quotation, stands right after it ("“...,” X said"), or before it
        across a colon ("X said: “...”"). Indirect: the verb is a further ancestor (a partial quote
        inside reported speech); such a cue attributes long quotes but does not save a short term.
        """
        inside = set(range(span.start, span.end))
        roots = [t for t in span if t.head.i not in inside and not t.is_punct] or [span.root]
        for root in roots:
            if is_speech_verb(root.head, self.lexicon):
                return root.head, True
        adjacent = self.adjacent_cue(doc, pair, inside)
        if adjacent is not None:
            return adjacent, True
        for root in roots:
            for ancestor in root.ancestors:
                if ancestor.i not in inside and is_speech_verb(ancestor, self.lexicon):
                    return ancestor, False
        return None, False

    def adjacent_cue(self, doc: Doc, pair: CharSpan, inside: set[int]) -> Token | None:
        """A speech verb in the sentence right after a quote ending in , ? ! or before a colon.

        Only the characters and tokens next to the quote are looked at (slicing the text up to the
        quote, or spanning the rest of the Doc, for each quote made many quotes quadratic)."""
        text = doc_text(doc)
        end_at = last_visible(text, pair[1])
        last = text[end_at - 1] if end_at else ""
        start = min(pair[1] + 1, len(text))
        after = doc.char_span(start, min(len(text), start + CUE_WINDOW), alignment_mode="expand")
        words = [t for t in after if not (t.is_punct or t.is_space)][:1] if after is not None else []
        if after is not None and not words and after.end < len(doc):  # no word in the window: look further
            after = doc.char_span(start, len(text), alignment_mode="expand")
            words = [t for t in after if not (t.is_punct or t.is_space)][:1] if after is not None else []
        if last in ",?!—–-" and words:
            # the sentence of the first word after the mark ("?” Clinton said." may start a new one)
            for token in paragraph_sentence(words[0]):
                if token.i >= after.start and token.i not in inside and is_speech_verb(token, self.lexicon):
                    return token
        before = last_visible(text, pair[0])
        if before and text[before - 1] == ":" and pair[0] > 0:
            colon = doc.char_span(before - 1, before, alignment_mode="expand")
            if colon is not None and len(colon):
                sentence = sentence_of(colon[-1])
                verbs = [t for t in doc[sentence.start : colon.end] if is_speech_verb(t, self.lexicon)]
                return verbs[-1] if verbs else None
        return None

    def is_term(self, span: Span) -> bool:
        """Whether a quotation that no cue introduces is a term rather than a statement.

        A term is short (``MAX_TERM_TOKENS``), embedded in a sentence that has words outside the
        marks (a quotation standing as its own sentence is somebody's words), and not a clause of its
        own: a verb with a subject inside the marks ("“ferries run as usual”") is a statement.
        """
        words = [t for t in span if not t.is_punct]
        sentence = sentence_of(span[0])
        embedded = any(not t.is_punct and not (span.start <= t.i < span.end) for t in sentence)
        is_clause = any(t.dep_ in SUBJECT_DEPS + ("nsubjpass",) and t.head.i in range(span.start, span.end)
                        for t in span)
        return len(words) <= MAX_TERM_TOKENS and embedded and not is_clause

    def is_title(self, doc: Doc, pair: CharSpan, span: Span) -> bool:
        """Whether a quotation is a title: right after "book", "film", "titled" ... and capitalised."""
        preceding = doc.char_span(0, pair[0], alignment_mode="contract")
        if preceding is None or len(preceding) == 0:
            return False
        previous = [t for t in preceding[-2:] if not t.is_punct]
        capitalised = span[0].text[:1].isupper() and not span.root.pos_ == "VERB"
        return capitalised and any(t.lower_ in self.title_words for t in previous)

    def make_quote(self, start: int, end: int, cue: Token | None, sent_of: dict[int, int]) -> QuoteSpan:
        """A direct QuoteSpan with its cue, speaker and, for a pronoun speaker, antecedent."""
        quote = QuoteSpan(kind="direct", start=start, end=end)
        if cue is not None:
            self.attribute(quote, cue, sent_of)
        return quote

    def attribute(self, quote: QuoteSpan, cue: Token, sent_of: dict[int, int]) -> QuoteSpan:
        """Fill a QuoteSpan's cue, speaker and antecedent from its cue verb."""
        quote.cue = (cue.idx, cue.idx + len(cue.text))
        subject = find_subject(cue)
        if subject is not None:
            quote.speaker = noun_phrase(subject)
            if subject.pos_ == "PRON":
                quote.antecedent = resolve_antecedent(subject, sent_of)
        return quote

    def continue_quote(self, quote: QuoteSpan, earlier: list[QuoteSpan], doc: Doc, span: Span,
                       sent_of: dict[int, int]) -> QuoteSpan:
        """Give an uncued quotation that opens a sentence the speaker of the quote just before it.

        News style: "“A,” X said. “B.”" -- B continues X's words, if it follows within one sentence.
        """
        previous = earlier[-1] if earlier else None
        if previous is None or previous.speaker is None:
            return quote
        sentence = sentence_of(span[0])
        opens_sentence = all(t.is_punct for t in doc[sentence.start : span.start])
        prev_token = doc.char_span(previous.start, previous.end, alignment_mode="expand")
        gap = sent_of[span.start] - sent_of[prev_token.end - 1] if prev_token is not None else 99
        if opens_sentence and gap <= 1:
            quote.cue, quote.speaker, quote.antecedent = previous.cue, previous.speaker, previous.antecedent
        return quote

    # -- reported speech --

    def match_reported(self, doc: Doc, sent_of: dict[int, int], direct: list[QuoteSpan]) -> list[QuoteSpan]:
        """Reported speech governed by speech verbs outside direct quotations."""
        quoted = Quoted([(q.start, q.end) for q in direct])
        found: list[QuoteSpan] = []
        for token in doc:
            if not is_speech_verb(token, self.lexicon) or quoted.holds(token.idx):
                continue
            content = self.reported_content(token)
            if content is None or quoted.share(content) > MAX_QUOTED_SHARE:
                continue
            quote = QuoteSpan(kind="reported", start=content[0], end=content[1])
            found.append(self.attribute(quote, token, sent_of))
        return found

    def reported_content(self, verb: Token) -> CharSpan | None:
        """The content a speech verb reports: its clause, its object, or the clause it interrupts."""
        for child in verb.children:
            content = clause_content(contiguous(list(child.subtree)), verb) if child.dep_ in CONTENT_DEPS else None
            if content is not None:  # a ccomp in another paragraph is a misparse: try the next one
                return content
        if verb.lemma_.lower() in self.lexicon.object_verbs:
            for child in verb.children:
                if child.dep_ in OBJECT_DEPS and child.pos_ != "PRON":
                    return clause_content(contiguous(list(child.subtree)), verb)
        if self.is_parenthetical(verb):
            # "CLAUSE, X reported, ...": the content is the interrupted clause up to the cue.
            left = [t for t in verb.head.subtree if t.i < verb.left_edge.i]
            return clause_content(left, verb)
        return None

    def is_parenthetical(self, verb: Token) -> bool:
        """Whether a speech verb with a subject interrupts a clause before it ("..., X reported, ...")."""
        has_subject = any(child.dep_ in SUBJECT_DEPS for child in verb.children)
        has_mark = any(child.dep_ == "mark" and child.lower_ != "as" for child in verb.children)
        return (verb.dep_ in PARENTHETICAL_DEPS and verb.head.i < verb.i and has_subject
                and not has_mark)

    def match_phrases(self, doc: Doc, sent_of: dict[int, int], direct: list[QuoteSpan]) -> list[QuoteSpan]:
        """Reported speech cued by a phrase ("according to X"): source = its object, content = the rest."""
        quoted = Quoted([(q.start, q.end) for q in direct])
        found: list[QuoteSpan] = []
        for _, start, end in self.phrase_matcher(doc):
            cue = doc[start:end]
            sources = [t for t in cue[-1].children if t.dep_ == "pobj"] or list(doc[end : end + 1])
            if not sources or quoted.holds(cue.start_char):
                continue
            content = self.phrase_content(cue, sources[0])
            if content is None or quoted.share(content) > MAX_QUOTED_SHARE:
                continue
            speaker = noun_phrase(sources[0])
            found.append(QuoteSpan("reported", content[0], content[1], (cue.start_char, cue.end_char), speaker))
        return found

    def phrase_content(self, cue: Span, source: Token) -> CharSpan | None:
        """The clause a cue phrase attaches to, without the phrase: the longer side of it."""
        sentence = paragraph_sentence(cue[0])
        phrase_end = max(cue.end, max(t.i for t in source.subtree) + 1)
        before = [t for t in sentence if t.i < cue.start]
        after = [t for t in sentence if t.i >= phrase_end]
        words = lambda tokens: sum(not t.is_punct for t in tokens)  # noqa: E731
        return clause_content(before if words(before) >= words(after) else after, cue[0])


# Characters after a quote in which its cue's first word is looked for before the rest of the text.
CUE_WINDOW = 2000


def last_visible(text: str, end: int) -> int:
    """The offset just after the last non-space character before ``end`` (``len(text[:end].rstrip())``
    without copying the text)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


class Quoted:
    """The characters inside direct quotations, as sorted disjoint intervals: each look-up is a
    bisect (a scan of every quotation per speech verb made 30,000 short quotes quadratic)."""

    def __init__(self, spans: list[CharSpan]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def first_after(self, position: int) -> int:
        """The index of the first interval that ends after ``position``."""
        return bisect.bisect_right(self.ends, position)

    def holds(self, position: int) -> bool:
        i = self.first_after(position)
        return i < len(self.starts) and self.starts[i] <= position

    def share(self, content: CharSpan) -> float:
        """The share of ``content``'s characters that lie inside quotations."""
        start, end = content
        covered, i = 0, self.first_after(start)
        while i < len(self.starts) and self.starts[i] < end:
            covered += min(end, self.ends[i]) - max(start, self.starts[i])
            i += 1
        return covered / max(1, end - start)


@Language.factory(
    "rashomon_quotes",
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.quotes", "doc._.terms"],
    default_config={"lexicon": "speech_verbs.txt"},
)
def make_quote_reader(nlp: Language, name: str, lexicon: str) -> QuoteReader:
    """Create the ``rashomon_quotes`` component (speech cues from ``data/<lexicon>``)."""
    return QuoteReader(nlp, name, lexicon)
