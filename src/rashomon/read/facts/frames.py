"""Facts of the event frames: each frame's date, time of day, place, duration, outcome, status and
the entities in its type's slots (who acted, who was acted on), as the event reader found them.

One fact per slot and frame; the value's words are the frame's own (the time expression that dates
it, the place phrase, the outcome clause), its evidence their sentence, its modality the frame's
status (planned -> expected, denied -> denied).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from rashomon.knowledge import country_of

from rashomon.numbers import parse_number
from rashomon.places import locate
from rashomon.read.events import SlotRule, outcome_span
from rashomon.read.facts.context import FactContext
from rashomon.read.spans import CharSpan, EventSpan, FactSpan, entity_id
from rashomon.records import TimeRef, Value

STATUS_MODALITY = {"planned": "expected", "denied": "denied"}
# Entity types that fill an agent or patient slot.
SLOT_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Prepositions of a cause ("died of cancer", "from complications").
CAUSE_PREPS = frozenset({"of", "from", "due"})


def frame_facts(ctx: FactContext) -> list[FactSpan]:
    """Every slot fact of every frame (see the module docstring)."""
    facts: list[FactSpan] = []
    for n, frame in enumerate(ctx.events):
        facts += [f for f in (date_fact(ctx, n, frame), clock_fact(ctx, n, frame), place_fact(ctx, n, frame),
                              duration_fact(ctx, n, frame), outcome_fact(ctx, n, frame), status_fact(ctx, n, frame),
                              decision_fact(ctx, n, frame), cause_fact(ctx, n, frame), sequence_fact(ctx, n, frame))
                  if f is not None]
        facts += entity_facts(ctx, n, frame)
    return facts


def make_fact(ctx: FactContext, n: int, frame: EventSpan, slot: str, value: Value, span: CharSpan) -> FactSpan:
    """A fact of frame ``n``: evidence the sentence of ``span``, modality from the frame's status; a
    date, time or place keeps who acted (``members``), so that two statements by different people on
    different days are not one event's day."""
    if value.kind in ("date", "place") and value.members is None and frame.agents:
        value.members = [entity_id(i) for i in dict.fromkeys(frame.agents)]
    tokens = ctx.span_of(*span)
    sentence = ctx.sentence_of(tokens.root) if tokens is not None and len(tokens) else frame.sentence
    modality = STATUS_MODALITY.get(frame.status, "asserted")
    asserter = None
    quote = ctx.quote_at(span[0])
    if quote is not None:
        asserter = ctx.asserter_of(quote)
        modality = "reported" if modality == "asserted" else modality
    return FactSpan(slot, value, span, sentence, event=n, event_type=frame.type,
                    predicate=" ".join(ctx.text[frame.trigger[0]:frame.trigger[1]].lower().split()),
                    asserter=asserter, modality=modality)


def words(ctx: FactContext, span: CharSpan) -> str:
    return " ".join(ctx.text[span[0]:span[1]].split())


def time_at(ctx: FactContext, start: int) -> TimeRef | None:
    """The time expression that starts at character ``start``."""
    return next((ref for ref, _ in ctx.base.times_starting(start, start + 1)), None)


def date_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """When the event happened (or will): the normalised date, and the weekday and part of day the
    words name, so that undated texts still compare ("early Tuesday" / "early Thursday"). A frame
    the parse gives no time takes the one day its sentence names that no other frame holds ("four
    people were killed during a shooting ... on Sunday": "on Sunday" hangs on "killed")."""
    span = frame.date_span or unclaimed_day(ctx, n, frame)
    if span is None:
        return None
    ref = time_at(ctx, span[0])
    if ref is None or not (ref.value or ref.partial or ref.weekday):
        return None
    value = Value("date", words(ctx, span), date=ref.value, partial=ref.partial, weekday=ref.weekday,
                  part=ref.part, clock=ref.clock)
    return make_fact(ctx, n, frame, "date", value, span)


def unclaimed_day(ctx: FactContext, n: int, frame: EventSpan) -> CharSpan | None:
    """The one day named in the frame's sentence that no frame holds, when the frame is the only
    undated frame there and the day hangs on no speech verb ("police said Monday")."""
    start, end = frame.sentence
    others = [f for m, f in enumerate(ctx.events) if m != n and f.sentence == frame.sentence]
    if any(f.date_span is None for f in others):
        return None
    claimed = {f.date_span for f in ctx.events if f.date_span}
    speech = ctx.lex.lists.get("speech_like", frozenset())
    days = [(ref, tspan) for ref, tspan in ctx.base.times_starting(start, end) if (ref.start, ref.end) not in
            claimed and not ref.clock and (ref.weekday or ref.value or ref.partial) and ref.kind != "vague"
            and tspan.root.head.lemma_.lower() not in speech]
    trigger = trigger_token(ctx, frame)
    marks = ctx.lex.lists.get("simultaneity_marks", frozenset())
    if len(days) != 1 or trigger is None or not hangs_under(trigger, verb_of(days[0][1].root), marks):
        return None
    ref = days[0][0]
    return ref.start, ref.end


# Links by which an event noun may hang under the clause whose time it takes ("killed ... during a
# shooting"); an object ("categorizing the shooting as accidental on Monday") has a time of its own.
UNDER_LINKS = frozenset({"pobj", "prep", "conj", "appos", "acl"})


def verb_of(token: Token) -> Token:
    """The verb a time expression hangs on ("killed ... on Sunday": killed)."""
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def hangs_under(trigger: Token, head: Token, marks: frozenset[str] = frozenset()) -> bool:
    """Whether the trigger hangs under ``head`` through prepositions and conjuncts only, or through a
    clause of the same time (an adverbial clause opened by one of ``marks``: "as", "while")."""
    current = trigger
    for _ in range(8):
        if current.i == head.i:
            return True
        simultaneous = current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks
                                                       for c in current.children)
        if (current.dep_ not in UNDER_LINKS and not simultaneous) or current.head.i == current.i:
            return False
        current = current.head
    return False


def clock_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """The time of day it started ("at 5:41 p.m.", "at noon local time")."""
    if not frame.start_time or frame.clock_span is None:
        return None
    value = Value("date", words(ctx, frame.clock_span), clock=frame.start_time)
    return make_fact(ctx, n, frame, "start_time", value, frame.clock_span)


def place_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """Where: the place phrase, with the gazetteer's most specific place it names."""
    if not frame.places:
        return None
    span = frame.places[0]
    clusters = [ctx.base.clusters[i] for i in frame.named_places]
    places = [p for p in (locate(c.name) for c in clusters) if p is not None]
    if not places:  # "on the Belarusian-Ukrainian border": the countries its demonyms name
        countries = [country_of(w) for s in frame.places for w in re.split(r"[\s\-–]+", words(ctx, s)) if w[:1].isupper()]
        places = [p for p in (locate(c) for c in dict.fromkeys(c for c in countries if c)) if p is not None]
    value = Value("place", "; ".join(dict.fromkeys(words(ctx, s) for s in frame.places)))
    if places:
        best = next((p for p in places if p.kind != "country"), places[0])  # the first city named, else the country
        value.name, value.geonameid, value.country = best.name, best.geonameid, best.country_code
    return make_fact(ctx, n, frame, "place", value, span)


def duration_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """How long it lasted ("nearly five hours"), as an interval in hours."""
    if frame.duration is None:
        return None
    text = words(ctx, frame.duration)
    number = parse_number(text)
    if number is None or number.kind != "duration":
        return None
    value = Value("quantity", text, figure=number.value, low=number.low, high=number.high, unit=number.unit,
                  counted=number.unit, hedge=number.hedge, role="actual")
    return make_fact(ctx, n, frame, "duration", value, frame.duration)


def outcome_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """What it produced ("agreed to continue", "reached a number of points")."""
    if not frame.outcomes:
        return None
    span = frame.outcomes[0]
    text = "; ".join(dict.fromkeys(words(ctx, s) for s in frame.outcomes))
    return make_fact(ctx, n, frame, "outcome", Value("text", text), span)


def status_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """Whether it happened, is planned or is denied: two sources that disagree on it conflict. A
    statement's status says nothing (someone said something; it repeats), so statements have none."""
    if frame.status == "unknown" or ctx.lex.types[frame.type].repeatable:
        return None
    members = [entity_id(i) for i in dict.fromkeys(frame.agents + frame.patients)]
    value = Value("status", words(ctx, frame.trigger), status=frame.status, members=members or None)
    fact = make_fact(ctx, n, frame, "status", value, frame.trigger)
    fact.modality = "asserted" if fact.asserter is None else "reported"
    return fact


def sequence_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """Which one in a series an event that happened is ("a third attack in two days", "the second
    round"): two sources that number one event differently conflict."""
    if not isinstance(frame.sequence, int) or frame.status != "happened":
        return None
    token = trigger_token(ctx, frame)
    if token is None:
        return None
    number = next((c for c in token.children if c.lower_ in ctx.lex.sequence_words), None)
    span = (number.idx, token.idx + len(token.text)) if number is not None and number.i < token.i else frame.trigger
    value = Value("quantity", words(ctx, span), figure=float(frame.sequence), low=float(frame.sequence),
                  high=float(frame.sequence), unit="ordinal", counted=frame.type, role="actual")
    return make_fact(ctx, n, frame, "sequence", value, span)


def trigger_token(ctx: FactContext, frame: EventSpan) -> Token | None:
    span = ctx.span_of(*frame.trigger)
    return span.root if span is not None and len(span) else None


def decision_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """What a court or body decided: the clause of a verb trigger of a type with a ``decision`` slot
    ("blocked the president's order", "allowed the state to resume ...")."""
    if "decision" not in ctx.lex.types[frame.type].slots:
        return None
    token = trigger_token(ctx, frame)
    if token is None or token.pos_ != "VERB":
        return None
    clause = outcome_span(token)
    if len(clause) < 2:
        return None
    return make_fact(ctx, n, frame, "decision", Value("text", " ".join(clause.text.split())),
                     (clause.start_char, clause.end_char))


def cause_fact(ctx: FactContext, n: int, frame: EventSpan) -> FactSpan | None:
    """What it came from, for a type with a ``cause`` slot ("died of cancer", "died ... from
    complications", "due to complications"): the first such phrase under the trigger."""
    if "cause" not in ctx.lex.types[frame.type].slots:
        return None
    token = trigger_token(ctx, frame)
    if token is None:
        return None
    for prep in own_subtree(token):
        if prep.dep_ != "prep" or prep.lower_ not in CAUSE_PREPS:
            continue
        holder = next((c for c in prep.children if c.dep_ == "pcomp" and c.lower_ == "to"), prep)  # "due to"
        objects = [g for g in holder.children if g.dep_ == "pobj"]
        if objects:
            tokens = list(objects[0].subtree)
            start, end = prep.idx, tokens[-1].idx + len(tokens[-1].text)
            return make_fact(ctx, n, frame, "cause", Value("text", words(ctx, (start, end))), (start, end))
    return None


def own_subtree(token: Token) -> list[Token]:
    """The words under a verb but not under its subject or an apposition ("Cummings, the head of the
    committee, died ... from complications": "of the committee" is not what he died of)."""
    out, todo = [], [c for c in token.children if c.dep_ not in ("nsubj", "nsubjpass", "appos", "csubj")]
    while todo:
        current = todo.pop(0)
        out.append(current)
        todo.extend(c for c in current.children if c.dep_ not in ("appos", "relcl"))
    return sorted(out, key=lambda t: t.i)


def entity_facts(ctx: FactContext, n: int, frame: EventSpan) -> list[FactSpan]:
    """Who fills the type's agent and patient slots ("attacker", "court", "nominee"): the named
    entities the frame found, else the noun the parse puts there ("prosecutors announced the charges",
    "the gunman was shot": no name, but a checkable who)."""
    facts = []
    for rule in ctx.lex.types[frame.type].slot_rules:
        if rule.value != "entity" or rule.role not in ("agent", "patient"):
            continue
        indices = frame.agents if rule.role == "agent" else frame.patients
        found = [f for f in (entity_fact(ctx, n, frame, rule, i) for i in indices) if f is not None]
        facts += found or [f for f in [noun_fact(ctx, n, frame, rule)] if f is not None]
    return facts


# Nouns that name a group of what their "of" object names ("a group of protesters", "a crowd of fans").
COLLECTIVE_NOUNS = frozenset({"group", "crowd", "number", "band", "gang", "handful", "team", "bunch", "mob", "throng"})


def collective_head(head: Token) -> Token:
    """The noun a collective noun stands for: "a group of radical protesters" -> protesters."""
    if head.lemma_.lower() in COLLECTIVE_NOUNS:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
                if objects:
                    return objects[0]
    return head


def noun_fact(ctx: FactContext, n: int, frame: EventSpan, rule: SlotRule) -> FactSpan | None:
    """The common noun in a verb trigger's agent or patient place, as an entity value with no id."""
    token = trigger_token(ctx, frame)
    if token is None or token.pos_ != "VERB":
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if rule.role == "agent":
        deps = ("agent",) if passive else ("nsubj",)
    else:
        deps = ("nsubjpass",) if passive else ("dobj",)
    for child in token.children:
        head = next((g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "agent" else child
        if child.dep_ in deps and head is not None and head.pos_ == "NOUN":
            phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")]
            span = (phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
            value = Value("entity", words(ctx, span), name=collective_head(head).lemma_.lower())
            return make_fact(ctx, n, frame, rule.name, value, span)
    return None


def entity_fact(ctx: FactContext, n: int, frame: EventSpan, rule: SlotRule, index: int) -> FactSpan | None:
    """One entity slot fact, its words the entity's mention in the frame's sentence."""
    cluster = ctx.base.clusters[index]
    if cluster.type not in SLOT_ENTITY_TYPES:
        return None
    start, end = frame.sentence
    mention = next(((s, e) for s, e, _ in cluster.mentions if start <= s < end), None)
    if mention is None:
        return None
    value = Value("entity", words(ctx, mention), entity=entity_id(index), name=cluster.name)
    return make_fact(ctx, n, frame, rule.name, value, mention)
