"""Events: typed event frames (talks, decree, military action, travel, agreement, ...) of one article.

The ``rashomon_events`` component runs last (after people, quotes and times) and writes
``doc._.events``, a list of :class:`~rashomon.read.spans.EventSpan`, one per occurrence:

1. ``match``: trigger words and phrases of ``data/events/<type>.yaml`` (types are data; the code
   has slot rules, no rule for one type), less triggers used as modifiers ("negotiating room"),
   inside names, negated ("did not attack") or aims ("will seek a ceasefire");
2. ``read_frame``: per trigger, from the parse of its sentence: participants (entities of
   ``doc._.people`` tied to the trigger: subject, object, conjuncts, "between X and Y", modifiers,
   the subject of a light verb as in "X and Y kicked off talks"), their sides, the place (a
   prepositional phrase on a named place or a place noun, kept whole), the time expressions of
   ``doc._.times`` attached to it (date, clock time), a duration, an outcome (an agreed / reached
   clause in the same or the next sentence), the status (planned / happened / unknown) and a
   sequence word ("second round", "next meeting");
3. ``merge_frames``: frames of one type that refer to the same occurrence (compatible dates,
   statuses and sequences, no contradicting participants or places) become one, their slots combined.

Sentences are spaCy's, cut again at line breaks: a paragraph never continues across one, and the
parser sometimes runs two paragraphs together.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from rashomon.knowledge import country_of
from rashomon.knowledge.lexicons import data_path, load_yaml, merge_lexicon, read_yaml
from rashomon.read.people import Cluster
from rashomon.read.speakers import speaker_cluster
from rashomon.dates import date_precision, dates_compatible, more_precise
from rashomon.read.spans import CharSpan, EventSpan, QuoteSpan, doc_text, entities_within, sentence_of, sentence_units
from rashomon.read.times import is_duration
from rashomon.records import TimeRef

# Entity types that take part in an event; places (GPE/LOC/FAC) after in/on/at are the place instead.
PARTICIPANT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Entity labels a trigger word is never part of ("Operation Barbarossa" is a name, not an operation).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT"})
# Heads climbed from a time expression to the word it modifies; beyond this many the parse is too
# deep to trust (the longest chain in the seeds and test texts is five: noon -> at -> start ...).
MAX_CLIMB = 8
# A pronoun participant ("he announced") is resolved to the nearest person named in its sentence
# or the two before; further back it is more often someone else (as for quote speakers).
PRONOUN_SENTENCE_WINDOW = 2
# Preposition-phrase nesting searched for a place: "took place in the coming days on the border"
# hangs the place on the time phrase; deeper nesting belongs to something else.
MAX_PLACE_NESTING = 1
# Dependencies that start a new clause: a trigger below one of them is not part of the other's frame.
CLAUSE_DEPS = frozenset({"conj", "ccomp", "advcl", "parataxis", "relcl", "csubj"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
SPEAKER_PRONOUNS = frozenset({"we", "us", "our"})
PARTICIPANT_PREPS = frozenset({"between", "with", "among", "of", "by", "against", "involving"})
FUTURE_DIRECTION = "future"
# A length after these is a time ("after three days of fighting", "in two weeks"), not how long it lasted.
NOT_DURATION_PREPS = frozenset({"after", "before", "since", "in", "within", "until", "by", "ago"})


# --- the lexicon --------------------------------------------------------------------------------

@dataclass(frozen=True)
class TriggerRule:
    """One trigger word of a type, with the conditions of its type file (``data/events/<type>.yaml``)."""

    type: str
    lemma: str
    pos: str = "ANY"
    plural: bool = False
    needs: str | None = None
    active: bool = False
    nouns: frozenset[str] = frozenset()  # ``needs: argument``: a subject or object that makes it the event


@dataclass(frozen=True)
class SlotRule:
    """One slot of a type: its value type, the reader's role that fills it, and for counts the words
    that tell which counts fill it."""

    name: str
    value: str
    role: str | None = None  # agent / patient for entity slots
    exclusive: bool = False  # two different entities in this slot cannot both be right
    label: str | None = None
    nouns: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()  # kinds of number the slot takes (count, money, percent); all when empty
    changes: frozenset[str] = frozenset()  # nouns whose change fills the slot ("payrolls increased" -> jobs_added)
    context: frozenset[str] = frozenset()  # words one of which the clause must hold for the slot to apply


@dataclass(frozen=True)
class TypeRules:
    """The slot rules one type uses (all data)."""

    name: str
    slots: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()
    objects_are_places: str | None = None  # "all" or "not_countries"
    distinct_places: bool = False
    label: str | None = None
    slot_rules: tuple[SlotRule, ...] = ()
    repeatable: bool = False  # occurrences repeat (statements): their days and places never conflict
    periodic: bool = False  # its counts are for a period (releases): another period is another occasion


@dataclass
class Lexicon:
    """The event types of ``data/events/`` loaded: types, trigger words, phrases, the shared word
    lists, and the quantity slots and role cues of the fact reader."""

    types: dict[str, TypeRules]
    words: dict[str, list[TriggerRule]]
    phrases: list[tuple[str, str]]
    lists: dict[str, frozenset[str]]
    sequence_words: dict[str, int | str]
    quantity_slots: dict[str, SlotRule] = field(default_factory=dict)
    role_cues: dict[str, frozenset[str]] = field(default_factory=dict)
    agent_nouns: dict[str, str] = field(default_factory=dict)  # noun lemma -> type ("judge" -> court)
    families: dict[str, str] = field(default_factory=dict)  # type -> the first type of its family
    verb_classes: dict[str, int] = field(default_factory=dict)  # verb lemma -> its class (see _shared.yaml)
    class_heads: dict[str, str] = field(default_factory=dict)  # verb lemma -> the first verb of its class

    def same_verb_class(self, a: str | None, b: str | None) -> bool:
        """Whether two verbs count the same thing in other words (equal, or of one class)."""
        if a is None or b is None or a == b:
            return True
        return a in self.verb_classes and self.verb_classes.get(a) == self.verb_classes.get(b)

    @functools.cached_property
    def periodic_slots(self) -> frozenset[str]:
        """The quantity slots of the periodic types (jobs added, unemployment rate...)."""
        return frozenset(r.name for t in self.types.values() if t.periodic for r in t.slot_rules
                         if r.value == "quantity")

    def family(self, kind: str | None) -> str | None:
        """The family a type belongs to (itself when it has none)."""
        return self.families.get(kind, kind) if kind else None

    def has(self, name: str, word: str) -> bool:
        """Whether ``word`` (lower case) is in the shared list ``name``."""
        return word in self.lists[name]


SHARED_FILE = "_shared.yaml"


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read the event types: the packaged ``data/events/`` folder, extended by ``path`` (a folder of
    type files or one file) when given, by the rule of every user lexicon (``merge_lexicon``). A user
    type replaces the packaged type of the same name; ``replace: true`` in a user file drops every
    packaged type first."""
    shared = load_yaml(f"events/{SHARED_FILE}")
    packaged = {spec["type"]: spec for spec in type_files(data_path("events"))}
    user = user_types(type_files(Path(path))) if path else {}
    return build_lexicon(shared, merge_lexicon(packaged, user))


def type_files(where: Path) -> list[dict[str, Any]]:
    """The type specs of a folder (every ``*.yaml`` but the shared lists) or of one file."""
    files = sorted(p for p in where.glob("*.yaml") if p.name != SHARED_FILE) if where.is_dir() else [where]
    return [read_yaml(p) for p in files]


def user_types(specs: list[dict[str, Any]]) -> dict[str, Any]:
    """The user's type files as one lexicon for ``merge_lexicon``: a type file is a whole type, so it
    replaces ours of its name (``replace: true`` on the type), and ``replace: true`` written in any
    file replaces all of ours (``replace: true`` on the whole)."""
    user: dict[str, Any] = {spec["type"]: {**spec, "replace": True} for spec in specs if spec.get("type")}
    if any(spec.get("replace") for spec in specs):
        user["replace"] = True
    return user


def build_lexicon(shared: dict[str, Any], specs: dict[str, dict[str, Any]]) -> Lexicon:
    """The Lexicon of the shared lists and the type specs."""
    types, words, phrases = {}, {}, []
    quantity_slots = {name: slot_rule(name, dict(spec, value="quantity"))
                      for name, spec in (shared.get("quantity_slots") or {}).items()}
    for name, spec in specs.items():
        rules = tuple(slot_rule(slot, value) for slot, value in (spec.get("slots") or {}).items())
        for rule in rules:
            if rule.value == "quantity":
                quantity_slots[rule.name] = pooled(quantity_slots.get(rule.name), rule)
        types[name] = TypeRules(name, frozenset(r.name for r in rules), frozenset(spec.get("place_preps", ())),
                                spec.get("objects_are_places"), bool(spec.get("distinct_places")),
                                spec.get("label"), rules, bool(spec.get("repeatable")), bool(spec.get("periodic")))
        for rule in spec.get("triggers", ()):
            words.setdefault(rule["lemma"].lower(), []).append(TriggerRule(
                name, rule["lemma"].lower(), rule.get("pos", "ANY"), bool(rule.get("plural")),
                rule.get("needs"), bool(rule.get("active")),
                frozenset(str(n).lower() for n in rule.get("nouns", ()))))
        phrases.extend((name, phrase) for phrase in spec.get("phrases", ()))
    lists = {key: frozenset(str(w).lower() for w in value) for key, value in shared.items()
             if isinstance(value, list)}
    sequence = {str(k).lower(): v for k, v in shared.get("sequence_words", {}).items()}
    cues = {role: frozenset(str(w).lower() for w in words_) for role, words_ in (shared.get("role_cues") or {}).items()}
    agents = {str(noun).lower(): name for name, spec in specs.items() for noun in spec.get("agent_nouns", ())}
    families = {kind: family[0] for family in shared.get("type_families", ()) for kind in family}
    groups = shared.get("verb_classes", ())
    classes = {str(verb).lower(): n for n, group in enumerate(groups) for verb in group}
    heads = {str(verb).lower(): str(group[0]).lower() for group in reversed(groups) for verb in group}
    return Lexicon(types, words, phrases, lists, sequence, quantity_slots, cues, agents, families, classes, heads)


def slot_rule(name: str, spec: str | dict[str, Any]) -> SlotRule:
    """A slot of a type file: ``name: date`` or ``name: {value: quantity, nouns: [...], ...}``."""
    if isinstance(spec, str):
        return SlotRule(name, spec)
    lower = lambda key: frozenset(str(w).lower() for w in spec.get(key, ()))  # noqa: E731
    return SlotRule(name, spec.get("value", "text"), spec.get("role"), bool(spec.get("exclusive")),
                    spec.get("label"), lower("nouns"), lower("verbs"), lower("adjectives"), lower("units"),
                    lower("changes"), lower("context"))


def pooled(old: SlotRule | None, new: SlotRule) -> SlotRule:
    """One quantity slot declared in several files: its words pooled, the first label kept."""
    if old is None:
        return new
    return dataclasses.replace(old, label=old.label or new.label, nouns=old.nouns | new.nouns,
                               verbs=old.verbs | new.verbs, adjectives=old.adjectives | new.adjectives,
                               units=old.units | new.units, changes=old.changes | new.changes,
                               context=old.context | new.context)


# Words a "..." in a phrase lets stand between its neighbours.
PHRASE_GAP = 3


class PhraseIndex:
    """The type files' phrases, indexed by their first lemma.

    Written instead of spaCy's ``Matcher`` because gap patterns (``{"OP": "{0,3}"}``) make the
    Matcher try every quantifier path at every token: with the phrases of all types it cost more than
    the rest of the event reader. Here a phrase is only tried where its first word stands, and the
    shortest match from that word is kept (as the Matcher's longest-first filtering then did)."""

    def __init__(self, phrases: list[tuple[str, str]]) -> None:
        self.by_first: dict[str, list[tuple[str, list[str]]]] = {}
        for kind, phrase in phrases:
            words = phrase.lower().split()
            self.by_first.setdefault(words[0], []).append((kind, words[1:]))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(type, start, end) of every phrase match, by token."""
        lemmas = [t.lemma_.lower() for t in doc]
        found = []
        for start, lemma in enumerate(lemmas):
            for kind, rest in self.by_first.get(lemma, ()):
                end = match_rest(lemmas, start + 1, rest)
                if end is not None:
                    found.append((kind, start, end))
        return found


def match_rest(lemmas: list[str], i: int, rest: list[str]) -> int | None:
    """The end of the shortest match of ``rest`` (lemmas and "..." gaps) from token ``i``."""
    gap = 0
    for word in rest:
        if word == "...":
            gap = PHRASE_GAP
            continue
        for j in range(i, min(i + gap + 1, len(lemmas))):
            if lemmas[j] == word:
                i = j + 1
                break
        else:
            return None
        gap = 0
    return i


# --- the document as the rules see it ------------------------------------------------------------

@dataclass
class DocContext:
    """What the slot rules read: the Doc, the lexicon, sentence units, entities and times by token."""

    doc: Doc
    lex: Lexicon
    clusters: list[Cluster]
    units: list[tuple[int, int]]
    unit_of: list[int]
    cluster_of: dict[int, int]
    times: list[tuple[TimeRef, Span]]
    quotes: list[QuoteSpan]
    # Indexes built once per Doc, so that no rule scans every time, person or quote of the article
    # per sentence or per token (which made long articles quadratic).
    times_by_unit: dict[int, list[tuple[int, TimeRef, Span]]] = field(default_factory=dict)  # (position, ...)
    time_tokens: set[int] = field(default_factory=set)
    person_mentions: list[tuple[int, int]] = field(default_factory=list)  # (start char, cluster), sorted
    direct_quotes: list[QuoteSpan] = field(default_factory=list)  # sorted by start
    quote_starts: list[int] = field(default_factory=list)
    time_starts: list[tuple[int, int]] = field(default_factory=list)  # (start char, position in times)

    def __post_init__(self) -> None:
        for n, (ref, span) in enumerate(self.times):
            self.times_by_unit.setdefault(self.unit_of[span.root.i], []).append((n, ref, span))
            self.time_tokens.update(range(span.start, span.end))
        self.person_mentions = sorted((start, index) for index, cluster in enumerate(self.clusters)
                                      if cluster.type == "PERSON" for start, _, _ in cluster.mentions)
        self.direct_quotes = sorted((q for q in self.quotes if q.kind == "direct"), key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.direct_quotes]
        self.time_starts = sorted((ref.start, n) for n, (ref, _) in enumerate(self.times))

    def times_starting(self, start: int, end: int) -> list[tuple[TimeRef, Span]]:
        """The time expressions whose words start at a character in ``start..end``, in order."""
        lo = bisect.bisect_left(self.time_starts, (start, -1))
        hi = bisect.bisect_left(self.time_starts, (end, -1))
        return [self.times[n] for n in sorted(n for _, n in self.time_starts[lo:hi])]

    def times_rooted_in(self, tokens: set[int]) -> list[tuple[TimeRef, Span]]:
        """The time expressions whose root token is one of ``tokens`` (a clause, a subtree), in order:
        only those of the units the tokens lie in are looked at."""
        units = sorted({self.unit_of[i] for i in tokens if 0 <= i < len(self.unit_of)})
        found = [item for unit in units for item in self.times_by_unit.get(unit, []) if item[2].root.i in tokens]
        return [(ref, span) for _, ref, span in sorted(found, key=lambda item: item[0])]

    def times_in(self, unit: int) -> list[tuple[TimeRef, Span]]:
        """The time expressions of unit ``unit`` (by the unit of their root token)."""
        return [(ref, span) for _, ref, span in self.times_by_unit.get(unit, [])]

    @classmethod
    def build(cls, doc: Doc, lex: Lexicon) -> DocContext:
        """Index the Doc once: units, the narrowest entity mention over each token, the time spans."""
        units = sentence_units(doc)
        unit_of = [-1] * len(doc)
        for n, (start, end) in enumerate(units):
            for i in range(start, end):
                unit_of[i] = n
        clusters = doc._.people or []
        widths: dict[int, int] = {}
        cluster_of: dict[int, int] = {}
        for index, cluster in enumerate(clusters):
            for start, end, _ in cluster.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                for token in span or ():
                    if token.i not in widths or end - start < widths[token.i]:
                        widths[token.i], cluster_of[token.i] = end - start, index
        times = []
        for ref in doc._.times or []:
            span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
            if span is not None and len(span):
                times.append((ref, span))
        return cls(doc, lex, clusters, units, unit_of, cluster_of, times, list(doc._.quotes or []))

    def unit_span(self, n: int) -> CharSpan:
        """Character offsets of unit ``n``."""
        start, end = self.units[n]
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last.text)

    def same_unit(self, a: Token, b: Token) -> bool:
        return self.unit_of[a.i] == self.unit_of[b.i]

    def entity_at(self, token: Token) -> int | None:
        """The participant entity a token names, a pronoun resolved where the text allows."""
        index = self.cluster_of.get(token.i)
        if index is not None:
            return index if self.clusters[index].type in PARTICIPANT_TYPES else None
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return self.nearest_person(token)
        if lower in SPEAKER_PRONOUNS:
            return self.quote_speaker(token)
        return None

    def nearest_person(self, token: Token) -> int | None:
        """The person mentioned last before ``token`` in its sentence or the two before."""
        first_unit = max(0, self.unit_of[token.i] - PRONOUN_SENTENCE_WINDOW)
        lower = self.doc[self.units[first_unit][0]].idx
        i = bisect.bisect_left(self.person_mentions, (token.idx, -1)) - 1
        if i < 0 or self.person_mentions[i][0] < lower:
            return None
        start = self.person_mentions[i][0]  # of two clusters mentioned there, the first (as they are listed)
        return self.person_mentions[bisect.bisect_left(self.person_mentions, (start, -1))][1]

    def quote_speaker(self, token: Token) -> int | None:
        """For "we" inside a direct quotation: the speaker the quote is attributed to."""
        i = bisect.bisect_right(self.quote_starts, token.idx) - 1
        for quote in self.direct_quotes[max(0, i - 1):i + 1]:  # quotes do not nest: the last that starts before
            if quote.start <= token.idx < quote.end:
                target = quote.antecedent or quote.speaker
                return speaker_cluster(target, self.clusters, doc_text(self.doc)) if target else None
        return None

    def sides_of(self, index: int) -> list[str]:
        """The countries an entity acts for: its side, or what a country or demonym name says."""
        cluster = self.clusters[index]
        if cluster.side and not cluster.side.startswith("<"):
            return [cluster.side]
        if cluster.type not in ("GPE", "NORP"):
            return []
        found = [country_of(part) for part in re.split(r"[-–]", cluster.name)]
        return list(dict.fromkeys(c for c in found if c))


# --- 1. match ------------------------------------------------------------------------------------

@dataclass
class Trigger:
    """A trigger found in the text: its type, its syntactic head and the words that matched."""

    type: str
    token: Token
    start: int  # token offsets of the matched words
    end: int

    @property
    def words(self) -> Span:
        return self.token.doc[self.start:self.end]


def is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or (token.lower_.endswith("s") and token.lower_ != token.lemma_.lower())


def sequence_of(token: Token, lex: Lexicon) -> int | str | None:
    """The sequence word modifying an event noun ("second round" -> 2, "next meeting" -> "next")."""
    for child in token.children:
        if child.dep_ in ("amod", "advmod", "nummod", "det", "compound") and child.lower_ in lex.sequence_words:
            return lex.sequence_words[child.lower_]
    return None


def word_rule_fits(token: Token, rule: TriggerRule, lex: Lexicon, timed: frozenset[int] = frozenset()) -> bool:
    """Whether a token with the rule's lemma meets its conditions (part of speech, plural, a time
    expression hanging on it, ...); ``timed`` holds the token indices of the Doc's time expressions."""
    pos = token.pos_
    if rule.pos == "NOUN" and pos not in ("NOUN", "PROPN"):
        return False
    if rule.pos == "VERB" and pos != "VERB":
        return False
    if rule.plural and not is_plural(token):
        return False
    if rule.active and any(c.dep_ in ("auxpass", "agent") for c in token.children):
        return False
    if rule.needs == "time":
        return has_time(token, timed)
    if rule.needs == "argument":
        return has_argument(token, rule, lex)
    if rule.needs == "sequence_or_of":
        of_trigger = any(c.lower_ == "of" and any(g.lemma_.lower() in lex.words for g in c.children)
                         for c in token.children)
        return of_trigger or sequence_of(token, lex) is not None
    return True


def has_argument(verb: Token, rule: TriggerRule, lex: Lexicon) -> bool:
    """Whether a subject or object of the verb makes it the rule's event: one of the rule's nouns or
    an agent noun of its type ("the House passed the bill"), or, with no object, a proper name that
    is no person, place or group ("H.R. 1154 passed on Friday"); not "passing Italy to become"."""
    arguments = [c for c in verb.children if c.dep_ in ARGUMENT_DEPS]
    if any(c.lemma_.lower() in rule.nouns or lex.agent_nouns.get(c.lemma_.lower()) == rule.type for c in arguments):
        return True
    return not any(c.dep_ == "dobj" for c in arguments) and any(
        c.pos_ == "PROPN" and c.ent_type_ not in NOT_NAMES_OF_THINGS for c in arguments)


# Entity types that are no name of a bill, a law or a measure.
NOT_NAMES_OF_THINGS = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC"})


def has_time(verb: Token, timed: frozenset[int]) -> bool:
    """Whether a time expression hangs on ``verb``: a child ("said Friday") or the object of a
    preposition child ("said on Friday"), not a time inside its object clause."""
    for child in verb.children:
        if child.i in timed and child.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod", "dobj"):
            return True
        if child.dep_ == "prep" and any(g.i in timed for g in child.children if g.dep_ == "pobj"):
            return True
    return False


def is_modifier_use(token: Token) -> bool:
    """A trigger word that only modifies another noun ("negotiating room", "negotiation process")."""
    return token.dep_ in ("compound", "amod") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i


def in_name(token: Token) -> bool:
    """A word inside a name or a date is no trigger ("Operation Barbarossa", "in March")."""
    return token.ent_type_ in NAME_LABELS or token.ent_type_ in ("DATE", "TIME")


def timed_tokens(doc: Doc) -> frozenset[int]:
    """Token indices of the Doc's time expressions (``doc._.times``)."""
    found: set[int] = set()
    for ref in doc._.times or []:
        span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
        found.update(t.i for t in span or ())
    return frozenset(found)


def find_triggers(doc: Doc, lex: Lexicon, matcher: PhraseIndex) -> list[Trigger]:
    """Phrase matches (longest first), then single trigger words not inside a phrase of their type."""
    found: list[Trigger] = []
    covered: set[tuple[str, int]] = set()
    matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    for kind, start, end in matches:
        if any((kind, i) in covered for i in range(start, end)):
            continue
        span = doc[start:end]
        found.append(Trigger(kind, span.root, start, end))
        covered.update((kind, i) for i in range(start, end))
    timed = timed_tokens(doc)
    for token in doc:
        for rule in lex.words.get(token.lemma_.lower(), ()):
            if (rule.type, token.i) in covered or is_modifier_use(token) or in_name(token):
                continue
            if word_rule_fits(token, rule, lex, timed):
                found.append(Trigger(rule.type, token, token.i, token.i + 1))
                covered.add((rule.type, token.i))
        kind = agent_type(token, lex)
        if kind is not None and (kind, token.i) not in covered:
            found.append(Trigger(kind, token, token.i, token.i + 1))
            covered.add((kind, token.i))
    return sorted(found, key=lambda t: t.start)


def agent_type(verb: Token, lex: Lexicon) -> str | None:
    """The type a verb's subject (or its agent "by X") gives it ("A federal judge ... issued a halt": a
    judge acts -> court; "the Senate approved"; "driven from a restaurant by a crowd of protesters"):
    the ``agent_nouns`` of the type files. Speech verbs are statements, not this."""
    if verb.pos_ != "VERB" or not lex.agent_nouns or verb.lemma_.lower() in lex.lists.get("speech_like", ()):
        return None
    for child in verb.children:
        agent = child if child.dep_ == "nsubj" else next(
            (g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "agent" else None
        if agent is None:
            continue
        heads = [agent] + [g for c in agent.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"]  # "a crowd of protesters"
        for head in heads:
            if head.lemma_.lower() in lex.agent_nouns:
                return lex.agent_nouns[head.lemma_.lower()]
    return None


def absorb_nested(triggers: list[Trigger]) -> list[Trigger]:
    """Drop a trigger that sits inside the phrase of another of its type ("a decree recognizing them",
    "the second round of negotiations"), unless a new clause separates them."""
    kept = []
    by_sentence: dict[int, list[Trigger]] = {}  # a trigger governs only triggers of its own sentence
    for trigger in triggers:
        by_sentence.setdefault(sentence_of(trigger.token).start, []).append(trigger)
    for trigger in triggers:
        if not any(other is not trigger and other.type == trigger.type and governs(other.token, trigger.token)
                   for other in by_sentence[sentence_of(trigger.token).start]):
            kept.append(trigger)
    return kept


def governs(top: Token, token: Token) -> bool:
    """Whether ``top`` is an ancestor of ``token`` through no clause boundary."""
    current = token
    while current.head.i != current.i:
        if current.dep_ in CLAUSE_DEPS:
            return False
        current = current.head
        if current.i == top.i:
            return True
    return False


# --- 2. one frame per trigger --------------------------------------------------------------------

def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def governing_verb(trigger: Token, lex: Lexicon) -> tuple[Token | None, list[Token]]:
    """The verb an event noun is an argument of, and the words climbed to reach it.

    "talks took place" -> took; "kicked off talks" -> kicked; "announced the start of an operation"
    -> announced (a phase noun is passed through); "waiting for the arrival" -> waiting (a verb of
    expectation governs through its preposition). A verb trigger governs itself.
    """
    if is_verb(trigger):
        return trigger, [trigger]
    path, current = [trigger], trigger
    for _ in range(MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            return None, path
        if current.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "oprd", "dative") and is_verb(head):
            return head, path + [head]
        if current.dep_ in ("conj", "appos"):
            current = head
        elif current.dep_ == "pobj" and head.head.i != head.i:
            owner = head.head
            if lex.has("aspect_nouns", owner.lemma_.lower()) and head.lower_ == "of":
                path += [head, owner]
                current = owner
                continue
            if is_verb(owner) and lex.has("expectation_words", owner.lemma_.lower()):
                return owner, path + [head, owner]
            return None, path
        else:
            return None, path
        path.append(current)
    return None, path


def carries_event(verb: Token, lex: Lexicon) -> bool:
    """Whether the verb an event noun depends on says the event itself happens (hold talks, sign a deal,
    the talks took place, expected to start), so that its time and place are the event's; a verb of
    its own ("welcomed the agreement", "criticised the strike") has its own time."""
    lemma = verb.lemma_.lower()
    return any(lex.has(name, lemma) for name in ("light_verbs", "happening_verbs", "expectation_words",
                                                  "aspect_nouns"))


def happening_verbs(trigger: Token, lex: Lexicon) -> list[Token]:
    """Verbs of a relative clause on an event noun that only say it happened ("a shooting that took
    place on Sunday", "the talks, which began at noon"): their times and places are the event's."""
    if is_verb(trigger):
        return []
    return [c for c in trigger.children if c.dep_ in ("relcl", "acl") and is_verb(c)
            and (lex.has("happening_verbs", c.lemma_.lower()) or lex.has("light_verbs", c.lemma_.lower()))]


def is_negated(token: Token | None) -> bool:
    return token is not None and any(c.dep_ == "neg" for c in token.children)


def is_denied(verb: Token | None, lex: Lexicon) -> bool:
    """Whether the clause of ``verb`` is what someone denies ("denied that its forces attacked")."""
    return verb is not None and verb.dep_ == "ccomp" and lex.has("denial_words", verb.head.lemma_.lower())


def complements(verb: Token) -> list[Token]:
    """The verbs completing a governing verb ("expected to start", "set to begin", "took place")."""
    found, current = [], verb
    for _ in range(MAX_CLIMB):
        nxt = next((c for c in current.children if c.dep_ in ("xcomp", "ccomp") and is_verb(c)
                    and any(a.lower_ == "to" for a in c.children)), None)
        if nxt is None:
            return found
        found.append(nxt)
        current = nxt
    return found


def is_aim(trigger: Token, lex: Lexicon) -> bool:
    """Whether the event is only sought or discussed ("will seek a ceasefire", "an interest in
    reaching agreements", "calls for a truce"): such mentions are not events."""
    current = trigger
    for _ in range(MAX_CLIMB):
        head = current.head
        if head.i == current.i or current.dep_ not in ("dobj", "pobj", "prep", "pcomp", "xcomp", "conj", "acl"):
            return False
        owner_of = current.dep_ == "pobj" and head.lower_ == "of" and current.i == trigger.i
        if not owner_of and lex.has("aim_words", head.lemma_.lower()):
            return True
        if is_verb(head) and head.dep_ not in ("xcomp", "pcomp", "acl"):
            return False  # a finite verb ends the chain: "Russia reached a deal"
        current = head
    return False


def subjects(ctx: DocContext, verb: Token, depth: int = 0) -> list[int]:
    """Entities that are the subject (or agent) of a verb; inherited from the verb it depends on
    when it has none ("agreed to send" -> the subject of agreed; "the delegation arriving")."""
    found: list[int] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                found += np_entities(ctx, verb.head)
            else:
                found += np_entities(ctx, child)
        elif child.dep_ == "agent":
            found += [e for g in child.children if g.dep_ == "pobj" for e in np_entities(ctx, g)]
    if found or depth > 3 or verb.head.i == verb.i or not ctx.same_unit(verb, verb.head):
        return found
    if verb.dep_ in ("xcomp", "conj", "advcl") and is_verb(verb.head):
        return subjects(ctx, verb.head, depth + 1)
    if verb.dep_ in ("acl", "relcl"):
        return np_entities(ctx, verb.head)
    return found


def np_entities(ctx: DocContext, token: Token, depth: int = 0) -> list[int]:
    """The entities a noun phrase stands for: the entity it names, else the entities modifying it
    ("the Ukrainian delegation", "Russia-Ukraine negotiations", "Russia's invasion"); conjuncts too."""
    if depth > 4 or not 0 <= token.i < len(ctx.doc):
        return []
    found: list[int] = []
    index = ctx.entity_at(token)
    if index is not None:
        found.append(index)
        for child in token.children:  # "Russia-Ukraine negotiations": Russia is hyphened to Ukraine
            hyphened = child.i + 1 < len(ctx.doc) and ctx.doc[child.i + 1].text in ("-", "–")
            if child.dep_ == "compound" and hyphened and ctx.entity_at(child) is not None:
                found.append(ctx.entity_at(child))
    else:
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod", "appos") and ctx.same_unit(child, token):
                found += np_entities(ctx, child, depth + 1)
    for child in token.children:
        if child.dep_ == "conj" and ctx.same_unit(child, token):
            found += np_entities(ctx, child, depth + 1)
    return found


def object_entities(ctx: DocContext, token: Token, rules: TypeRules) -> tuple[list[int], list[Token]]:
    """Objects and "with/between/against/by X" of a trigger: (participants, objects that are places)."""
    found, places = [], []
    for child in token.children:
        if child.dep_ in ("dobj", "dative") and is_verb(token):
            for index in np_entities(ctx, child):
                if is_object_place(ctx.clusters[index], rules):
                    places.append(child)
                else:
                    found.append(index)
        elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and not (child.lower_ == "of" and is_verb(token)):
                    found += np_entities(ctx, grandchild)
    return found, places


def is_object_place(cluster: Cluster, rules: TypeRules) -> bool:
    """Whether a place named as the object is where the event is, by the type's rule."""
    if cluster.type not in PLACE_TYPES or not rules.objects_are_places:
        return False
    return rules.objects_are_places == "all" or country_of(cluster.name) != cluster.name


def participants_of(ctx: DocContext, trigger: Trigger, verb: Token | None,
                    rules: TypeRules) -> tuple[list[int], list[Token]]:
    """Participants of a frame, as entity indices, and objects that are the place (see module doc)."""
    token = trigger.token
    found, places = object_entities(ctx, token, rules)
    if is_verb(token):
        found = subjects(ctx, token) + found
        if not found:
            found = unit_initial_entity(ctx, token)
    else:
        found = np_entities(ctx, token) + found
        if verb is not None and verb.i != token.i and ctx.lex.has("light_verbs", verb.lemma_.lower()):
            found += subjects(ctx, verb)
        found += attendee_entities(ctx, token)
    return list(dict.fromkeys(found)), places


def attendee_entities(ctx: DocContext, token: Token) -> list[int]:
    """"Another Russian representative at the talks", "the delegation to the summit": the people
    noun the event phrase hangs on takes part."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in ("at", "to", "for", "in") or prep.head.i == prep.i:
        return []
    owner = prep.head
    if owner.pos_ not in ("NOUN", "PROPN"):
        return []
    if ctx.cluster_of.get(owner.i) is None and not ctx.lex.has("group_nouns", owner.lower_):
        return []
    return np_entities(ctx, owner)


def unit_initial_entity(ctx: DocContext, verb: Token) -> list[int]:
    """When the parse gives a verb no subject in its sentence, an entity opening the sentence is taken
    (English puts the subject first; this mends parses run across a line break)."""
    start, _ = ctx.units[ctx.unit_of[verb.i]]
    for token in ctx.doc[start:verb.i]:
        if token.is_punct or token.pos_ == "DET":
            continue
        index = ctx.entity_at(token)
        return [index] if index is not None and ctx.clusters[index].type in ("PERSON", "ORG") else []
    return []


# --- places ----------------------------------------------------------------------------------

def restricted_end(token: Token) -> int:
    """The last token of a phrase without its relative or adverbial clauses and final punctuation."""
    end = token.i
    for child in token.children:
        if child.i > token.i and child.dep_ not in ("relcl", "acl", "advcl", "punct", "parataxis"):
            end = max(end, restricted_end(child))
    return end


def is_time_token(ctx: DocContext, token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.i in ctx.time_tokens


def place_clusters(ctx: DocContext, head: Token) -> list[int]:
    """Named places a place phrase's head names (itself, its compounds and appositions)."""
    found = []
    for token in [head] + [c for c in head.children if c.dep_ in ("compound", "appos", "conj", "amod")]:
        index = ctx.cluster_of.get(token.i)
        if index is not None and ctx.clusters[index].type in PLACE_TYPES:
            found.append(index)
    return found


def is_place_head(ctx: DocContext, token: Token) -> bool:
    """A named place or a place noun ("border", "banks"), not a time ("in the coming days")."""
    if is_time_token(ctx, token):
        return False
    return bool(place_clusters(ctx, token)) or ctx.lex.has("place_nouns", token.lemma_.lower())


def find_places(ctx: DocContext, roots: list[Token], preps: frozenset[str]) -> list[tuple[Span, list[int]]]:
    """Prepositional phrases on the roots that name a place, kept whole ("on the banks of the River
    Pripyat", "in Gomel, Belarus"); one level deeper behind a phrase that is no place ("during a
    traffic stop in a suburb", "on Monday at the border"). When the roots themselves carry none, the
    place phrases of their subjects and objects ("protesters in Washington shouted down ...", "shouted
    down the senator and his wife in a restaurant": the parser hangs the place on the nearest noun)."""
    found: list[tuple[Span, list[int]]] = []

    def visit(prep: Token, depth: int) -> None:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:  # "outside of the building", "near to the border": the second word's object
            objects = [g for c in prep.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for pobj in objects:
            if prep.lower_ in preps and is_place_head(ctx, pobj):
                phrase = ctx.doc[prep.i:restricted_end(pobj) + 1]
                found.append((phrase, place_clusters(ctx, pobj)))
            elif depth < MAX_PLACE_NESTING:
                for inner in (c for c in pobj.children if c.dep_ == "prep"):
                    visit(inner, depth + 1)

    def visit_preps(head: Token, root: Token) -> None:
        for child in head.children:  # "outside of" is often parsed as an adverb with its "of"
            if (child.dep_ == "prep" or child.dep_ == "advmod" and child.lower_ in preps) \
                    and ctx.same_unit(child, root):
                visit(child, 0)

    for root in roots:
        visit_preps(root, root)
    if not found:
        for root in roots:
            for arg in argument_nouns(root):
                visit_preps(arg, root)
    found.sort(key=lambda p: p[0].start)
    return [p for p in found if not any(o[0] is not p[0] and o[0].start <= p[0].start and p[0].end <= o[0].end
                                         for o in found)]


def argument_nouns(verb: Token) -> list[Token]:
    """The nouns a verb's subject and object phrases are about (with their conjuncts), people aside:
    a place hung on them is where the act happened."""
    found = []
    for child in verb.children:
        if child.dep_ in ARGUMENT_DEPS and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.append(child)
            found += [c for c in child.children if c.dep_ == "conj"]
    return found


# Dependencies of a verb's subject and object phrases (see ``argument_nouns``).
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


# --- times, duration ------------------------------------------------------------------------------

def attachment(ctx: DocContext, span: Span, anchors: set[int]) -> str:
    """Where a time or duration span hangs: "anchor" (on the frame), "other" (another verb) or
    "loose" (no verb in its sentence: a parse run across a line break)."""
    token, unit = span.root, ctx.unit_of[span.root.i]
    for _ in range(MAX_CLIMB):
        if token.i in anchors:
            return "anchor"
        if token.i != span.root.i and is_verb(token):
            return "other"
        if token.head.i == token.i or ctx.unit_of[token.head.i] != unit:
            return "loose"
        token = token.head
    return "other"


def conjunct_verbs(verb: Token, ctx: DocContext) -> set[int]:
    """The verbs coordinated with ``verb`` in its sentence ("held out little hope but agreed")."""
    group, todo = {verb.i}, [verb]
    while todo:
        current = todo.pop()
        links = [c for c in current.children if c.dep_ == "conj"]
        if current.dep_ == "conj":
            links.append(current.head)
        for other in links:
            if other.i not in group and is_verb(other) and ctx.same_unit(other, verb):
                group.add(other.i)
                todo.append(other)
    return group


def attached(ctx: DocContext, spans: list[tuple[Any, Span]], anchors: set[int], verb: Token | None,
             unit: int) -> list[Any]:
    """The items whose span hangs on the frame; else on a coordinated verb; else loose in the sentence."""
    mine = [(item, s) for item, s in spans if ctx.unit_of[s.root.i] == unit]
    direct = [item for item, s in mine if attachment(ctx, s, anchors) == "anchor"]
    if direct or verb is None:
        return direct
    wider = anchors | conjunct_verbs(verb, ctx)
    via_conjunct = [item for item, s in mine if attachment(ctx, s, wider) == "anchor"]
    if via_conjunct:
        return via_conjunct
    return [item for item, s in mine if attachment(ctx, s, wider) == "loose"]


def time_words(ctx: DocContext, ref: TimeRef, span: Span) -> CharSpan:
    """The words of a time expression, with "local time" or a zone after a clock time."""
    end = span.end
    doc = ctx.doc
    if ref.clock and end + 1 < len(doc) and doc[end + 1].lower_ == "time" and doc[end].lower_ in ("local", "moscow"):
        end += 2
    elif ref.clock and end < len(doc) and doc[end].lower_ in ("gmt", "utc", "cet", "est", "msk"):
        end += 1
    return ref.start, doc[end - 1].idx + len(doc[end - 1].text)


def date_of(refs: list[TimeRef]) -> str | None:
    """The most precise date stated: a day, a range, or a year-less ``--MM-DD``. A bare clock time
    ("at noon") only dates the frame when nothing else does (its day is the publication day)."""
    ref = date_ref(refs)
    return (ref.value or ref.partial) if ref is not None else None


def date_ref(refs: list[TimeRef]) -> TimeRef | None:
    """The time expression that dates a frame (see ``date_of``); with no anchored value, the first
    that names a weekday ("late Friday" in an undated text), so the words can still be compared."""
    best, best_value = None, None
    for ref in [r for r in refs if not r.clock] or refs:
        value = ref.value or ref.partial
        if value and (best_value is None or date_precision(value) < date_precision(best_value)):
            best, best_value = ref, value
    if best is None:
        best = next((r for r in refs if r.weekday is not None and not r.clock), None)
    return best


def roles_of(ctx: DocContext, trigger: Trigger, verb: Token | None) -> tuple[list[int], list[int]]:
    """Who acts (agents) and who or what is acted on (patients), as entity indices.

    A verb: its subject and object, or in the passive the object of "by" and the subject ("Smith
    was nominated by the president"). A noun: its possessor, "by X" and the subject of a light verb
    ("Putin signed a decree") act; "of/against X" is acted on ("the killing of X")."""
    token = trigger.token
    agents, patients = [], []
    if is_verb(token):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        for child in token.children:
            if child.dep_ == "nsubjpass" or (child.dep_ == "dobj" and not passive):
                patients += np_entities(ctx, child)
            elif child.dep_ == "agent":
                agents += [e for g in child.children if g.dep_ == "pobj" for e in np_entities(ctx, g)]
        if not passive:
            agents += [e for e in subjects(ctx, token) if e not in patients]
    else:
        for child in token.children:
            if child.dep_ == "poss":
                agents += np_entities(ctx, child)
            elif child.dep_ == "prep" and child.lower_ in ("by", "of", "against"):
                found = [e for g in child.children if g.dep_ == "pobj" for e in np_entities(ctx, g)]
                (agents if child.lower_ == "by" else patients).extend(found)
        if verb is not None and verb.i != token.i and ctx.lex.has("light_verbs", verb.lemma_.lower()):
            agents += subjects(ctx, verb)
    return list(dict.fromkeys(agents)), list(dict.fromkeys(patients))


def duration_spans(ctx: DocContext, unit: int) -> list[tuple[Span, Span]]:
    """Durations of a sentence: DATE/TIME entities that are lengths ("nearly five hours"), not part
    of a time expression ("several days after the start")."""
    start, end = ctx.units[unit]
    return [(ent, ent) for ent in entities_within(ctx.doc, start, end)
            if ent.label_ in ("DATE", "TIME") and is_duration(ent)
            and not any(i in ctx.time_tokens for i in range(ent.start, ent.end))
            and not (ent.start > 0 and ctx.doc[ent.start - 1].lower_ in NOT_DURATION_PREPS)]


# --- status, outcome -----------------------------------------------------------------------------

def verb_status(verb: Token, trigger: Token, lex: Lexicon) -> str | None:
    """planned / happened from the verb's tense, modal or expectation, None when it does not tell."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in lex.lists["modal_aux"] for a in aux):
        return "planned"
    if verb.i != trigger.i and lex.has("expectation_words", verb.lemma_.lower()) and expects(verb, trigger):
        return "planned"
    if any(a.lower_ == "to" for a in aux):
        return infinitive_status(verb, lex)
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and aux):
        return "happened"
    if verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and aux):
        return "happened"  # the present in news: under way ("talks are taking place")
    return None


def expects(verb: Token, trigger: Token) -> bool:
    """Whether a verb of expectation makes its event planned: with an infinitive or in the passive
    ("talks are expected to start", "talks are scheduled"), or with the event as its object ("waiting
    for the arrival"); not with the event as its subject ("his death set off protests")."""
    if any(c.dep_ in ("xcomp", "auxpass") for c in verb.children):
        return True
    subject = any(c.dep_ in ("nsubj", "csubj") and c.i <= trigger.i <= max(t.i for t in c.subtree)
                  for c in verb.children)
    return not subject


def infinitive_status(verb: Token, lex: Lexicon) -> str | None:
    """An infinitive is planned under a verb of expectation ("expected the talks to start") or a
    future ("will travel to Brussels to meet"); otherwise its tense is unsaid."""
    head = verb
    for _ in range(MAX_CLIMB):
        if head.dep_ not in ("xcomp", "ccomp", "acomp", "advcl") or head.head.i == head.i:
            return None
        head = head.head
        if lex.has("expectation_words", head.lemma_.lower()):
            return "planned"
        if any(c.dep_ == "aux" and c.lower_ in lex.lists["modal_aux"] for c in head.children):
            return "planned"
    return None


def status_of(trigger: Token, verb: Token | None, refs: list[TimeRef], lex: Lexicon) -> str:
    """Status of a frame: the verb first, then the words before the noun, then the time's direction.
    A planned word on the noun wins over a verb that does not carry the event ("Trump's expected
    nomination appeared in jeopardy": the nomination is expected, whatever "appeared" says)."""
    modifiers = {c.lower_ for c in trigger.children if c.dep_ in ("amod", "advmod", "compound")}
    if modifiers & lex.lists["planned_modifiers"] and (verb is None or verb.i == trigger.i
                                                       or not carries_event(verb, lex)):
        return "planned"
    found = verb_status(verb, trigger, lex) if verb is not None else None
    if found:
        return found
    if modifiers & lex.lists["planned_modifiers"]:
        return "planned"
    if modifiers & lex.lists["happened_modifiers"]:
        return "happened"
    directions = {ref.direction for ref in refs if ref.direction}
    if FUTURE_DIRECTION in directions:
        return "planned"
    if "past" in directions:
        return "happened"
    return "unknown"


def is_finite(verb: Token) -> bool:
    return verb.tag_ in ("VBD", "VBZ", "VBP") or (verb.tag_ == "VBN" and any(c.dep_ == "aux" for c in verb.children))


OUTCOME_CUT_DEPS = frozenset({"advcl", "relcl", "parataxis", "conj", "cc", "punct", "mark", "nsubj", "nsubjpass"})


def outcome_span(verb: Token) -> Span:
    """The clause of an outcome verb from the verb on ("reached a number of points"), without its
    subject, adverbial clauses or coordinated clauses; a negation is kept ("did not reach")."""
    start = verb.i
    if is_negated(verb):
        start = min((c.i for c in verb.children if c.dep_ in ("neg", "aux") and c.i < verb.i), default=verb.i)
    end = verb.i
    for child in verb.children:
        if child.i > verb.i and child.dep_ not in OUTCOME_CUT_DEPS and not is_time_phrase(child):
            end = max(end, restricted_end(child))
    return verb.doc[start:end + 1]


def is_time_phrase(token: Token) -> bool:
    """"on Saturday", "Monday", "after three days": a time adjunct, not part of what was agreed."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    return token.dep_ == "prep" and any(c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in token.children)


def find_outcomes(ctx: DocContext, unit: int) -> list[CharSpan]:
    """Outcome clauses (agreed / reached / decided / identified ...) in a sentence and the next."""
    found = []
    for n in (unit, unit + 1):
        if n >= len(ctx.units):
            break
        start, end = ctx.units[n]
        for token in ctx.doc[start:end]:
            if token.pos_ == "VERB" and ctx.lex.has("outcome_verbs", token.lemma_.lower()) and is_finite(token) \
                    and not any(c.lower_ in ctx.lex.lists["modal_aux"] for c in token.children):
                span = outcome_span(token)
                found.append((span.start_char, span.end_char))
    return found


# --- a frame -----------------------------------------------------------------------------------------

def read_frame(ctx: DocContext, trigger: Trigger) -> EventSpan | None:
    """The frame of one trigger (None for an event only sought; status ``denied`` for one the text
    negates or someone denies: "did not attack", "denied that its forces attacked")."""
    lex, token = ctx.lex, trigger.token
    rules = lex.types[trigger.type]
    verb, path = governing_verb(token, lex)
    if is_aim(token, lex):
        return None
    denied = is_negated(token) or is_negated(verb) or is_denied(verb, lex)
    unit = ctx.unit_of[token.i]
    if verb is not None and verb.i != token.i:
        path += complements(verb)  # "talks are expected to start at noon"
    path += happening_verbs(token, lex)  # "a shooting that took place ... on Sunday"
    if verb is not None and verb.i != token.i and not carries_event(verb, lex):
        # "welcomed the agreement in a statement on Wednesday": the day is the welcoming's
        path = [t for t in path if t.i != verb.i]
        time_verb = None
    else:
        time_verb = verb
    anchors = {t.i for t in path} | set(range(trigger.start, trigger.end))
    refs = attached(ctx, ctx.times_in(unit), anchors, time_verb, unit)
    participants, object_places = participants_of(ctx, trigger, verb, rules)
    roots = [token] + [t for t in path if is_verb(t) and t.i != token.i]
    places = find_places(ctx, roots, lex.lists["place_preps"] | rules.place_preps)
    places += [(ctx.doc[t.left_edge.i:t.i + 1], place_clusters(ctx, t)) for t in object_places]
    durations = attached(ctx, duration_spans(ctx, unit), anchors, verb, unit)
    status = "denied" if denied else status_of(token, verb, refs, lex)
    clock = next((ref for ref in refs if ref.clock), None)
    dating = date_ref(refs)
    agents, patients = roles_of(ctx, trigger, verb)
    frame = EventSpan(
        type=trigger.type,
        trigger=(trigger.words.start_char, trigger.words.end_char),
        sentence=ctx.unit_span(unit),
        participants=participants,
        sides=list(dict.fromkeys(s for p in participants for s in ctx.sides_of(p))),
        places=[(p.start_char, p.end_char) for p, _ in places],
        times=[time_words(ctx, ref, span) for ref, span in ctx.times_in(unit) if ref in refs],
        date=date_of(refs),
        start_time=clock.clock if clock else None,
        duration=(durations[0].start_char, durations[0].end_char) if durations else None,
        status=status,
        sequence=sequence_of(token, lex) or next((sequence_of(t, lex) for t in trigger.words
                                                  if sequence_of(t, lex) is not None), None),
        named_places=[c for _, clusters in places for c in clusters],
        future_vague=any(ref.kind == "vague" and ref.direction == FUTURE_DIRECTION for ref in refs),
        agents=agents,
        patients=patients,
        triggers=[(trigger.words.start_char, trigger.words.end_char)],
        date_span=(dating.start, dating.end) if dating is not None else None,
        clock_span=time_words(ctx, clock, next(sp for r, sp in ctx.times if r is clock)) if clock else None,
    )
    if "outcome" in rules.slots and status == "happened":
        frame.outcomes = find_outcomes(ctx, unit)
    return frame


# --- 3. merging within the article ----------------------------------------------------------------

def sequences_compatible(a: EventSpan, b: EventSpan) -> bool:
    """Rounds apart: different numbers, "next" against the first, or a later round that has not
    happened against an unnumbered one that has."""
    sa, sb = a.sequence, b.sequence
    if sa is not None and sb is not None:
        if sa == sb:
            return True
        if "next" in (sa, sb):
            number = sb if sa == "next" else sa
            return number != 1
        return False
    later, plain = (a, b) if sa is not None else (b, a)
    if later.sequence is None or later.sequence == 1:
        return True
    return not (later.status != "happened" and plain.status == "happened")


def statuses_compatible(a: EventSpan, b: EventSpan) -> bool:
    """Planned and happened are one occurrence only when both give the same day (the expected start
    of talks that then took place); never with "in the coming days"."""
    if "denied" in (a.status, b.status):
        return a.status == b.status
    if {a.status, b.status} != {"planned", "happened"}:
        return True
    if a.future_vague or b.future_vague:
        return False
    return bool(a.date and b.date and dates_compatible(a.date, b.date))


def merge_score(group: EventSpan, frame: EventSpan, lex: Lexicon) -> int | None:
    """How well a frame fits a group of the same occurrence (None: it cannot be the same)."""
    if group.type != frame.type or not dates_compatible(group.date, frame.date):
        return None
    if not statuses_compatible(group, frame) or not sequences_compatible(group, frame):
        return None
    shared_people = set(group.participants) & set(frame.participants)
    shared_sides = set(group.sides) & set(frame.sides)
    if group.sides and frame.sides and not shared_people and not shared_sides:
        return None
    shared_places = set(group.named_places) & set(frame.named_places)
    if lex.types[group.type].distinct_places and group.named_places and frame.named_places and not shared_places:
        return None
    score = 2 * (group.sequence is not None and group.sequence == frame.sequence)
    score += bool(shared_people) + bool(shared_sides) + bool(shared_places)
    score += bool(group.date and group.date == frame.date) + (group.status == frame.status)
    return score


def richness(frame: EventSpan) -> int:
    """How many slots a frame fills (the richest frame of a group gives its evidence)."""
    return (len(frame.participants) + bool(frame.places) + bool(frame.date) + bool(frame.start_time)
            + bool(frame.duration) + bool(frame.outcomes))


def merge_frames(frames: list[EventSpan], lex: Lexicon) -> list[EventSpan]:
    """Group the frames of one article by occurrence (the best-fitting group, the earliest on a tie,
    else a new one)."""
    groups: list[FrameGroup] = []
    merged: list[EventSpan] = []
    for frame in frames:
        fits = [(score, -n) for n, m in enumerate(merged) if (score := merge_score(m, frame, lex)) is not None]
        if fits:
            n = -max(fits)[1]
            groups[n].add(frame)
            merged[n] = groups[n].frame()
        else:
            groups.append(FrameGroup(frame))
            merged.append(groups[-1].frame())
    return merged


UNITED = ("participants", "sides", "places", "times", "outcomes", "named_places", "agents", "patients", "triggers")


class FrameGroup:
    """The frames of one occurrence, combined as they come: ``frame()`` equals ``combine`` of all the
    frames added, at the cost of the new frame only (recombining the whole group on every addition
    made an article that repeats one event thousands of times quadratic)."""

    def __init__(self, frame: EventSpan) -> None:
        self.best = frame
        self.date = frame.date
        self.status_seen = {frame.status}
        self.united = {attr: dict.fromkeys(getattr(frame, attr)) for attr in UNITED}
        self.first = {attr: getattr(frame, attr) for attr in ("start_time", "duration", "clock_span")}
        self.sequence = frame.sequence
        self.future_vague = frame.future_vague
        self.span_by_date: dict[str | None, CharSpan] = {}
        self.any_span = frame.date_span
        self.note_span(frame)

    def note_span(self, frame: EventSpan) -> None:
        if frame.date_span and frame.date not in self.span_by_date:
            self.span_by_date[frame.date] = frame.date_span

    def add(self, frame: EventSpan) -> None:
        if (richness(frame), -frame.sentence[0]) > (richness(self.best), -self.best.sentence[0]):
            self.best = frame
        self.date = more_precise(self.date, frame.date) if self.date else frame.date
        self.status_seen.add(frame.status)
        for attr in UNITED:
            self.united[attr].update(dict.fromkeys(getattr(frame, attr)))
        for attr, value in self.first.items():
            if not value:
                self.first[attr] = getattr(frame, attr)
        self.sequence = self.sequence if self.sequence is not None else frame.sequence
        self.future_vague = self.future_vague or frame.future_vague
        self.any_span = self.any_span or frame.date_span
        self.note_span(frame)

    def frame(self) -> EventSpan:
        status = next(s for s in ("happened", "planned", "denied", "unknown") if s in self.status_seen)
        lists = {attr: list(values) for attr, values in self.united.items()}
        return EventSpan(type=self.best.type, trigger=self.best.trigger, sentence=self.best.sentence, date=self.date,
                         status=status, sequence=self.sequence, future_vague=self.future_vague,
                         date_span=self.span_by_date.get(self.date) or self.any_span, **self.first, **lists)


# --- the component -----------------------------------------------------------------------------------

class EventReader:
    """The ``rashomon_events`` component: finds event frames and writes ``doc._.events``."""

    def __init__(self, vocab, triggers: str | None = None) -> None:
        self.lex = load_lexicon(triggers)
        self.matcher = PhraseIndex(self.lex.phrases)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Trigger]:
        """Trigger words and phrases, less modifiers, names and nested triggers of the same type."""
        return absorb_nested(find_triggers(doc, self.lex, self.matcher))

    def set_annotations(self, doc: Doc, triggers: list[Trigger]) -> None:
        """Read a frame per trigger, merge them by occurrence and store them."""
        ctx = DocContext.build(doc, self.lex)
        frames = [f for t in triggers if ctx.unit_of[t.token.i] >= 0 and (f := read_frame(ctx, t)) is not None]
        doc._.events = merge_frames(frames, self.lex)


@Language.factory("rashomon_events", default_config={"triggers": None},
                  requires=["doc.ents", "token.dep", "doc._.people", "doc._.times"], assigns=["doc._.events"])
def make_event_reader(nlp: Language, name: str, triggers: str | None) -> EventReader:
    """Build the component (registered as ``rashomon_events``); ``triggers``: a YAML file replacing
    extending the packaged ``data/events/`` types (see its README)."""
    return EventReader(nlp.vocab, triggers)
