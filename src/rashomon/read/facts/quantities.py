"""Counted facts: every quantity of an article keyed by what it counts, with its role, period and scope.

For each quantity ``rashomon.numbers`` finds in the text (counts, money, percentages, durations;
years, ages, clock times, ordinals and identifiers are never counted):

1. **what is counted**: the noun the number modifies ("three people", "$1.9 trillion bill", "dozens
   of protesters"), else, for a number that is the object of a change verb ("payrolls increased by
   943,000", "the death toll climbed to 19,882", "the rate fell to 5.4%"), that verb's subject;
   with compounds kept ("death toll", "unemployment rate");
2. **the slot**: a quantity slot of the event types whose nouns, verbs or adjectives fit ("three
   dead" -> killed, "seats" -> seats, "payrolls increased" -> jobs_added); a count of people nouns
   takes its slot from its verb ("15 people were injured"); anything else is keyed by its noun
   ("oligarch"), else its verb; a percentage moved by a change verb is the slot's ``/change``;
   a count with no noun in a sentence that has a keyed count of the same kind inherits its slot
   ("more than the 870,000 economists had expected" beside "943,000 jobs");
3. **the role** from the words that govern it: expected (forecast, survey, "economists had
   expected"), revised, total, part ("including"), target, previous (the level a change started
   from: "fell to 3.5% from 3.7%"); else actual;
4. **the period** it covers and 5. **the scope** (whose count it is): ``periods``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from rashomon.numbers import Number
from rashomon.read.facts.context import CLAUSE_DEPS, MAX_CLIMB, FactContext
from rashomon.read.facts.periods import clause_tokens, period_of, scope_of
from rashomon.read.spans import FactSpan, Intervals
from rashomon.records import Value

# Kinds of number that are facts (the others are years, clock times, ordinals, ...).
QUANTITY_KINDS = frozenset({"count", "money", "percent", "duration"})
# Dependencies climbed from a number to the noun or verb it belongs to.
NOUN_LINKS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"})
ARGUMENT_LINKS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "prep", "agent", "attr", "oprd", "npadvmod", "conj",
                            "acomp", "advmod", "dative", "quantmod", "nummod", "appos", "compound", "amod"})
# Verbs that move a level: their subject is what a bare number measures ("claims rose to 6.6 million").
CHANGE_VERBS = frozenset("rise climb fall drop increase decrease decline jump grow slide plunge surge tumble "
                         "gain reach total top hit exceed surpass stand soar sink dip slip ease edge inch "
                         "shrink expand swell balloon rebound revise revised slow accelerate quicken cool "
                         "double triple halve".split())
# Verbs whose length a duration states when no event frame holds it ("the delay lasted nearly an hour").
DURATION_VERBS = frozenset({"last", "delay", "take", "run", "continue", "go", "stretch", "drag", "halt", "suspend",
                            "stop", "close", "shut", "hold", "wait"})
# Verbs whose duration is how long something was held up, not how long the event lasted ("swarmed the
# field, delaying the game for nearly an hour"): keyed by the verb even on an event's verb.
HOLDUP_VERBS = frozenset({"delay", "halt", "suspend", "stop", "close", "shut", "wait", "interrupt"})
# Nouns that only say "the figure of" what their compound names ("the retail sales number", "the
# payrolls figure", "the jobs data"): the compound is what is counted.
GENERIC_HEADS = frozenset({"number", "figure", "reading", "data", "datum", "statistic", "tally", "count", "level"})
# A measure named by one of these alone ("a rate of 6.3%", "the figure rose to 41") is the measure the
# sentence or the one before names in full ("the jobless rate fell to 6.1%").
# ("count" and "tally" alone are not: "41 counts" are charges.)
BARE_MEASURES = frozenset({"rate", "figure", "number", "reading", "level", "percentage", "share"})
# Nouns of forecasters: a count they modify is what they expected, its counted thing said elsewhere.
FORECASTERS = frozenset({"economist", "analyst", "forecaster", "expert", "observer", "pollster"})


@dataclass
class Counted:
    """What a number counts: the noun (lemma, compounds kept), its token, the governing verb, and an
    adjective after the number ("three dead")."""

    noun: str | None
    token: Token | None
    verb: Token | None
    adjective: str | None
    change: bool = False  # the number is how much a level moved ("rose 16.4%", "increased by 88,000")
    change_noun: Token | None = None  # "a 13 percent increase over June": the increase


def quantity_facts(ctx: FactContext) -> list[FactSpan]:
    """The counted facts of the Doc (see the module docstring), in text order."""
    times = Intervals([(span.start, span.end) for _, span in ctx.base.times])
    facts = []
    for number in ctx.numbers:
        if number.kind not in QUANTITY_KINDS:
            continue
        span = ctx.span_of(number.start, number.end)
        if span is None or not len(span) or inside_time(span, times) or inside_name(span):
            continue
        fact = read_quantity(ctx, number, span)
        if fact is not None:
            facts.append(fact)
    return inherit_slots(facts)


def tally_facts(ctx: FactContext) -> list[FactSpan]:
    """Vote tallies and rulings ("57-43", "5-to-4", "220 to 211"): ``vote_tally`` of the event they
    stand in."""
    facts = []
    for number in ctx.numbers:
        if number.kind != "tally":
            continue
        span = ctx.span_of(number.start, number.end)
        if span is None or not len(span):
            continue
        event = ctx.event_of(span.root)
        modality, asserter = ctx.modality_of(span.root)
        value = Value("tally", number.text, figure=number.value, against=number.against)
        facts.append(FactSpan("vote_tally", value, (number.start, number.end), ctx.sentence_of(span.root),
                              event=event, event_type=ctx.events[event].type if event is not None else None,
                              asserter=asserter, modality=modality))
    return facts


def inside_time(span: Span, times: Intervals) -> bool:
    """A number inside a time expression ("the past 24 hours", "May 25") is part of the time."""
    return times.any_covering(span.start, span.end)


def inside_name(span: Span) -> bool:
    """A number inside a name ("Fox 5", "Apollo 11") that NER did not label as a number."""
    return any(t.ent_type_ in ("PERSON", "ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT") for t in span)


def read_quantity(ctx: FactContext, number: Number, span: Span) -> FactSpan | None:
    """The fact of one number, or None when nothing says what it counts."""
    counted = counted_of(span, number, ctx.lex)
    clause = {t.lemma_.lower() for t in clause_tokens(counted.verb or span.root)}
    slot = slot_of(ctx, counted, number, clause)
    if slot is None:
        return None
    anchor = counted.token or span.root
    role = role_of(ctx, span, counted)
    modality, asserter = ctx.modality_of(counted.verb or anchor)
    event = ctx.event_of(span.root)
    value = Value("quantity", number.text, figure=number.value, low=number.low, high=number.high,
                  unit=number.unit, counted=counted.noun, role=role, hedge=number.hedge,
                  note=inclusion_of(ctx, counted))
    return FactSpan(slot=slot, value=value, span=(number.start, number.end), sentence=ctx.sentence_of(span.root),
                    event=event, event_type=ctx.events[event].type if event is not None else None,
                    predicate=predicate_of(counted),
                    period=period_of(ctx, span, counted), scope=scope_of(ctx, counted),
                    asserter=asserter, modality=modality)


def inclusion_of(ctx: FactContext, counted: Counted) -> str | None:
    """"including the shooter": a count that says it counts a perpetrator too (the phrase on the
    counted noun, or on the verb it is the object of: "left four people dead, including the
    assailant")."""
    if counted.token is None:
        return None
    heads = [counted.token] + ([counted.token.head] if counted.token.dep_ in ("dobj", "nsubjpass") else [])
    for child in (c for head in heads for c in head.children):
        if child.dep_ == "prep" and child.lower_ in ("including", "counting"):
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.lower_ in ctx.lex.lists["perpetrator_nouns"]:
                    return " ".join(ctx.text[child.idx:grand.idx + len(grand.text)].split())
    return None


# --- 1. what is counted ---------------------------------------------------------------------------

def counted_of(span: Span, number: Number, lex=None) -> Counted:
    """What a number counts (see ``Counted``); a duration counts its own unit."""
    root = span.root
    adjective = adjective_after(span)
    verb = verb_above(root)
    if number.kind == "duration":
        return Counted(number.unit, None, verb, adjective)
    noun = noun_of(root, span)
    if noun is not None and noun.lemma_.lower() in CHANGE_NOUNS:
        measured = measured_by(noun, lex)
        verb = verb_above(noun)
        if measured is not None:
            return Counted(compound_lemma(measured), measured, verb, adjective, change=True, change_noun=noun)
        return Counted(None, None, verb, adjective, change=True, change_noun=noun)
    if noun is not None:
        return Counted(compound_lemma(noun), noun, verb_above(noun), adjective, change=is_change(root, verb))
    if verb is not None and verb.lemma_.lower() in CHANGE_VERBS:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None and verb.dep_ in ("relcl", "acl"):
            subject = verb.head  # "the unemployment rate to fall to 5.7%": the rate the clause is on
        prep = root.head if root.dep_ == "pobj" else None
        change = prep.lower_ == "by" if prep is not None else root.head.i == verb.i  # "fell 16.4%", "rose by 2%"
        if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
            return Counted(compound_lemma(subject), subject, verb, adjective, change)
        return Counted(None, None, verb, adjective, change)
    return Counted(None, None, verb, adjective)


def is_change(root: Token, verb: Token | None) -> bool:
    """A number after "by" under a change verb is how much a level moved ("revised up by 88,000 jobs")."""
    current = root
    for _ in range(3):
        if current.dep_ == "pobj" and current.head.lower_ == "by":
            return verb is not None and verb.lemma_.lower() in CHANGE_VERBS
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def measured_by(change: Token, lex=None) -> Token | None:
    """What a change noun measures: "a 16.4% drop in retail sales" -> sales; "sales posted a drop" ->
    the subject of a verb that reports a change (``change_reporting_verbs``)."""
    for child in change.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "of"):
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
    verb = verb_above(change)
    reporting = lex.lists.get("change_reporting_verbs", frozenset()) if lex is not None else frozenset()
    if verb is not None and change.dep_ in ("dobj", "attr") and verb.lemma_.lower() in reporting:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and subject.lemma_.lower() not in CHANGE_NOUNS:
            return subject
    return None


def noun_of(root: Token, span: Span) -> Token | None:
    """The noun a number modifies: its head ("three people"), the object of its "of" ("dozens of
    protesters"), the measure it is the value of ("a rate of 5.7%"), or the number's own noun when
    the span ends in one ("15 others")."""
    last = span[-1]
    if last.pos_ in ("NOUN", "PROPN") and not last.like_num and last.lower_ not in SCALE_OR_UNIT:
        return last
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
    # the measure a number is the value of: "a jobless rate of 5.7%", "a death toll of 41", "a fine
    # of $5,000" (not a number's own "of": "157 of 338 seats")
    of = root.head
    if root.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN" and not of.head.like_num \
            and of.head.i < root.i and any(c.dep_ in ("det", "poss") for c in of.head.children):  # not "on top of"
        return phrase_head(of.head)
    current = root
    for _ in range(2):
        if current.dep_ in NOUN_LINKS and current.head.pos_ in ("NOUN", "PROPN") and current.head.i > current.i \
                and current.head.i not in range(span.start, span.end):
            return phrase_head(current.head)
        if current.head.i == current.i or current.head.i not in range(span.start, span.end):
            break
        current = current.head
    return None


def phrase_head(noun: Token) -> Token:
    """The head of a noun compound ("COVID-19 relief bill": COVID-19 -> bill)."""
    for _ in range(3):
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
            noun = noun.head
        else:
            break
    return noun


# Nouns of a change: a percentage or count modifying one is how much something moved ("a 16.4% drop").
CHANGE_DIRECTION = {**{w: "rise" for w in "increase rise gain jump surge growth hike climb spike".split()},
                    **{w: "fall" for w in "drop decline fall plunge dive slump decrease loss cut slide tumble".split()}}
CHANGE_NOUNS = frozenset(CHANGE_DIRECTION)
# Words that are part of a number expression, not the counted thing ("million", "percent", "dollars").
SCALE_OR_UNIT = frozenset("thousand million billion trillion percent per cent dollar dollars euro euros pound "
                          "pounds hundred dozen dozens hundreds thousands millions billions point points "
                          "k m bn % $ € £".split())


def compound_lemma(noun: Token, adjectives: bool = False) -> str:
    """The lemma of a noun with its compounds before it ("death toll", "unemployment rate"), with its
    adjectives too when asked ("jobless rate"), and the noun of its "of" complement ("count of
    fraud"), which keeps apart counts of different things."""
    deps = ("compound", "amod") if adjectives else ("compound",)
    parts = [c.lemma_.lower() for c in noun.children if c.dep_ in deps and c.i < noun.i
             and not c.like_num and c.pos_ in ("NOUN", "PROPN", "ADJ") and c.lower_ not in SCALE_OR_UNIT]
    of = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"
               and g.lower_ not in SCALE_OR_UNIT), None)  # "a rate of 6.3%": the % is the value
    head = noun.lemma_.lower()
    if not (parts and head in GENERIC_HEADS and not adjectives):  # "the retail sales number" is sales
        parts.append(head)
    return " ".join(parts) + (f" of {of.lemma_.lower()}" if of is not None else "")


def adjective_after(span: Span) -> str | None:
    """An adjective or participle right after the number or its people noun ("three dead", "15 others
    injured", "two people wounded")."""
    doc, end = span.doc, span.end
    for i in range(end, min(end + 3, len(doc))):
        token = doc[i]
        if token.pos_ in ("ADJ", "VERB") and token.tag_ in ("JJ", "VBN", "VBD"):
            return token.lower_
        if token.pos_ not in ("NOUN", "ADV") or token.is_punct:
            return None
    return None


def predicate_of(counted: Counted) -> str | None:
    """The word that says what happened to what is counted: an event noun the counted noun is the "of"
    object of ("the detention of eleven trawlers" -> detention), else the governing verb."""
    token = counted.token
    if token is not None and token.dep_ == "pobj" and token.head.lower_ == "of" \
            and token.head.head.pos_ == "NOUN" and token.head.head.i != token.i:
        return token.head.head.lemma_.lower()
    return counted.verb.lemma_.lower() if counted.verb is not None else None


def verb_above(token: Token) -> Token | None:
    """The verb the number's phrase is an argument of, within its clause."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.pos_ in ("VERB", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i or current.dep_ not in ARGUMENT_LINKS:
            return current if current.pos_ == "VERB" else None
        current = current.head
    return None


# --- 2. the slot ------------------------------------------------------------------------------------

def slot_of(ctx: FactContext, counted: Counted, number: Number, clause: set[str] = frozenset()) -> str | None:
    """The slot key of a count (see the module docstring, step 2); None when nothing names it.
    ``clause`` holds the lemmas of the number's clause, for slots that need a context word."""
    lex = ctx.lex
    noun, verb = counted.noun, counted.verb.lemma_.lower() if counted.verb is not None else None
    if number.kind == "duration":
        if span_after_time_prep(counted, number, ctx):
            return None  # "within a minute", "after three days": a time, not how long it lasted
        if counted.verb is not None and ctx.event_of(counted.verb) is not None and verb not in HOLDUP_VERBS:
            return "duration"
        return f"duration/{verb}" if verb in DURATION_VERBS else None
    if noun is None and counted.change_noun is not None:
        return CHANGE_DIRECTION.get(counted.change_noun.lemma_.lower())  # "a 13 percent increase over June"
    head = noun.split(" of ")[0] if noun is not None else None
    bare = counted.token is not None and compound_lemma(counted.token, adjectives=True) in BARE_MEASURES
    if head is not None and (head.split()[-1] in FORECASTERS or bare):
        return "?"  # inherits the slot of a keyed count beside it ("expected a rate of 6.3%")
    people = head is None or head.split()[-1] in lex.lists["people_nouns"]
    noun = head
    rules = [(name, rule) for name, rule in lex.quantity_slots.items() if not rule.units or number.kind in rule.units]
    described = compound_lemma(counted.token, adjectives=True).split(" of ")[0] if counted.token is not None else noun
    for suffix in dict.fromkeys(noun_suffixes(described) + noun_suffixes(noun)):
        for name, rule in rules:
            if counted.change and suffix in rule.changes:
                return name
            if suffix in rule.nouns:
                return with_change(name, counted)
    for name, rule in rules:
        if counted.adjective and counted.adjective in rule.adjectives:
            return name
    if people and verb is not None:
        for name, rule in rules:
            if verb in rule.verbs and (not rule.context or rule.context & clause):
                return name
    if noun is not None and not people:
        return with_change(noun.split()[-1] if len(noun.split()) > 2 else noun, counted)
    if noun is not None:
        return f"{noun}/{verb}" if verb else None
    return "?" if number.kind in ("count", "money", "percent") else None


# A length after these is a time ("after three days of fighting", "within a minute"), not a duration.
TIME_PREPS = frozenset({"after", "before", "since", "in", "within", "until", "by", "ago", "later"})


def span_after_time_prep(counted: Counted, number: Number, ctx: FactContext) -> bool:
    """Whether the word before a duration, or after it ("two days later"), makes it a time."""
    before = ctx.text[:number.start].split()[-1:] or [""]
    after = ctx.text[number.end:].split()[:1] or [""]
    return before[0].lower() in TIME_PREPS or after[0].lower().strip(".,") in ("ago", "later", "earlier")


def noun_suffixes(noun: str | None) -> list[str]:
    """A compound noun and its shorter endings, longest first ("u.s. unemployment rate",
    "unemployment rate", "rate")."""
    if not noun:
        return []
    words = noun.split()
    return [" ".join(words[i:]) for i in range(len(words))]


def with_change(slot: str, counted: Counted) -> str:
    """How much a level moved is that level's change ("retail sales fell 16.4%", "revised higher by
    88,000 jobs"), apart from the level itself ("the rate fell to 5.4%")."""
    return f"{slot}/change" if counted.change else slot


def inherit_slots(facts: list[FactSpan]) -> list[FactSpan]:
    """Counts with no slot of their own ("?") take the slot of the nearest keyed count of the same
    unit before them in their sentence or the one before ("... 6.6 million people filed claims. That
    is on top of a revised 6.9 million in the prior week"); those that find none are dropped."""
    keyed = [f for f in facts if f.slot != "?"]
    for fact in facts:
        if fact.slot != "?":
            continue
        near = [k for k in keyed if k.value.unit == fact.value.unit and
                (k.sentence == fact.sentence or 0 <= fact.sentence[0] - k.sentence[1] <= INHERIT_REACH)]
        if near:
            nearest = min(near, key=lambda k: (k.sentence != fact.sentence, abs(k.span[0] - fact.span[0])))
            fact.slot = nearest.slot.removesuffix("/change")
            fact.value.counted = nearest.value.counted
    return [f for f in facts if f.slot != "?"]


# How far (characters between sentences) a count without a noun looks back for one: the sentence
# just before, with its closing space.
INHERIT_REACH = 3


# --- 3. the role ---------------------------------------------------------------------------------------

def role_of(ctx: FactContext, span: Span, counted: Counted) -> str:
    """actual, expected, revised, target, total, previous (the level a change started from: "fell to
    3.5% from 3.7%") or part, from the words that govern the number (a
    part only when "including"/"among" stands right above it: "including three children")."""
    # the level a change started from is the previous figure, whoever expected the change
    # ("expecting the rate to fall to 5.7% from 5.9%")
    if is_start_level(span, ctx.lex.role_cues.get("previous", frozenset())):
        return "previous"
    words = governing_words(span, counted) | expecting_words(counted)
    for role in ("expected", "revised", "target", "total"):
        if words & ctx.lex.role_cues.get(role, frozenset()):
            return role
    head = (counted.token or span.root).head
    if head.lemma_.lower() in ctx.lex.role_cues.get("part", frozenset()) or head.lower_ in ctx.lex.role_cues.get("part", ()):
        return "part"
    if counted.verb is not None and any(c.lemma_.lower() in FORECASTERS for c in counted.verb.children
                                        if c.dep_ in ("nsubj", "nsubjpass")):
        return "expected"
    if counted.noun is not None and counted.noun.split(" of ")[0].split()[-1] in FORECASTERS:
        return "expected"
    if span.start > 0 and span.doc[span.start - 1].lower_ == "all":
        return "total"  # "all 12 spending bills"
    if is_whole_of(span, counted):
        return "total"  # "156 seats of the 338", "157 out of 338 seats"
    return "actual"


def is_start_level(span: Span, preps: frozenset) -> bool:
    """Whether the number is the level a change started from: the object of "from" (the pack's
    ``previous`` cues) on a verb ("dropped to 3.5% from 3.7%", "rose from 20 to 35"), not a
    "from" phrase on the counted noun ("40 people from the village")."""
    token = span.root
    while token.dep_ in ("nummod", "quantmod", "compound") and token.head.i != token.i:
        token = token.head
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ in preps and prep.head.pos_ in ("VERB", "AUX")


def is_whole_of(span: Span, counted: Counted) -> bool:
    """Whether the number is the whole another number is a part of: the object of "of" (or "out of")
    that hangs on a number or on a noun a number counts."""
    own_noun = counted.token if counted.token is not None and span.root.head.i == counted.token.i else None
    for token in (span.root, own_noun):  # the noun the number modifies, not the one it counts ("157 of 338 seats")
        if token is None or token.dep_ != "pobj" or token.head.lower_ != "of":
            continue
        owner = token.head.head
        if owner.lower_ == "out" and owner.head.i != owner.i:
            owner = owner.head
        if owner.like_num or any(c.dep_ == "nummod" and c.like_num for c in owner.children):
            return True
    return False


def expecting_words(counted: Counted) -> set[str]:
    """Lemmas of the verbs a count's verb is the complement of ("were expecting ... the rate to fall
    to 5.7%": fall -> expecting), two levels up."""
    found, current = set(), counted.verb
    for _ in range(3):
        if current is None or current.dep_ not in ("xcomp", "ccomp", "conj") or current.head.i == current.i:
            break
        # A coordinated finite clause has a verb of its own ("economists expected 200,000 but the
        # economy added 136,000", "revised up ... and the rate dropped to 3.5%"): its head's verb
        # is not this count's. A coordinated infinitive shares the verb it complements ("expected
        # the rate to fall and employers to add 30,000 jobs").
        finite = current.dep_ == "conj" and "Inf" not in current.morph.get("VerbForm")
        current = current.head
        if not finite:
            found.add(current.lemma_.lower())
    return found


def governing_words(span: Span, counted: Counted) -> set[str]:
    """Lemmas of the number's own modifiers, of the counted noun's, and of the verbs above them up to
    the clause (with their auxiliaries and subjects' modifiers: "economists surveyed by Dow Jones")."""
    words = {t.lemma_.lower() for t in span} | {t.lower_ for t in span}
    tokens = [span.root] + ([counted.token] if counted.token is not None else [])
    for token in tokens:
        words |= {c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "advmod", "compound", "prep")}
        current = token
        for _ in range(MAX_CLIMB):
            words.add(current.lemma_.lower())
            if current.dep_ in CLAUSE_DEPS or current.head.i == current.i or \
                    (current.dep_ == "conj" and current.pos_ in ("VERB", "AUX")):
                break  # a clause of its own, or a verb coordinated with another clause's verb
            current = current.head
        words |= {g.lemma_.lower() for c in current.children if c.dep_ in ("nsubj", "nsubjpass", "aux")
                  for g in [c, *c.children]}
    return words
