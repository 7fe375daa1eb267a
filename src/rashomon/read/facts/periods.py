"""What a count covers: the period it is for and whose count it is (the scope).

* **the period**: a time expression hanging on the count ("in July", "last week", "the previous
  week", "since May 2020"), a rolling window ("in the past 24 hours", "in a single day"), a total
  "since" or "so far"; for a change with nothing named, what it is measured against ("a 13 percent
  increase over June", "over the previous month" taken back from the sentence's month). Periods
  are keys compare can match (``period_key``: ``date:--07``, ``week:-1``, ``rolling:day``, ``since``).
* **the scope**: whose count it is when the text says: places "in/for/to/with X" on the counted noun's
  phrase or its verb ("doses to Chile"), a possessor ("Italy's toll"), a country that is the verb's
  subject, the noun a relative clause describes ("Italy, which is reporting 19,468 deaths"), the holder
  of a possession verb ("the coalition holds 33 seats").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from rashomon.read.facts.context import CLAUSE_DEPS, FactContext
from rashomon.read.spans import entity_id

if TYPE_CHECKING:
    from rashomon.read.facts.quantities import Counted

# A rolling window: "in the past 24 hours", "over three weeks", "in a single day", "per day".
ROLLING_RE = re.compile(r"\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:past|last|first|latest\s+)?\s*"
                        r"(?:\d+|a single|a|one|two|three|four|five|six|seven|ten)\s+(?:single\s+)?"
                        r"(hour|day|week|month)s?\b|\b(?:per|a)\s+(day|week|month)\b", re.I)
# "the previous week", "the prior month": the period before the one the story is about.
PREVIOUS_RE = re.compile(r"\b(?:previous|prior|preceding)\s+(day|week|month|quarter|year)\b|"
                         r"\b(day|week|month|quarter|year)\s+before\b", re.I)
SINCE_RE = re.compile(r"\b(?:since|so far|to date|in all|in total|altogether)\b", re.I)


def period_of(ctx: FactContext, span: Span, counted: Counted) -> str | None:
    """The period a count covers, as a key compare can match (see ``period_key``); for a change with
    nothing measured, the period it is measured against (``base_period``)."""
    if counted.noun is None and counted.change_noun is not None:
        return base_period(ctx, counted.change_noun)
    return count_period(ctx, span, counted)


BASE_PREPS = frozenset({"over", "from", "than", "since", "on"})


def base_period(ctx: FactContext, change: Token) -> str | None:
    """What a change is measured against: "over June", "over the influx ... in June", "from the
    previous month" (taken back one from the month the sentence is about: "in July" -> June)."""
    for prep in (c for c in change.children if c.dep_ == "prep" and c.lower_ in BASE_PREPS):
        inside = {t.i for t in prep.subtree}
        for ref, tspan in ctx.base.times_rooted_in(inside):
            if is_period(ref):
                return period_key(ref.text, ref.value or ref.partial, ctx.lex)
        words = " ".join(t.lower_ for t in prep.subtree)
        if PREVIOUS_RE.search(words):
            return previous_month(ctx, change) or "month:-1"
    return None


def previous_month(ctx: FactContext, token: Token) -> str | None:
    """The month before the one the sentence names ("in July ... over the previous month" -> --06)."""
    start, end = ctx.sentence_of(token)
    for ref, _ in ctx.base.times_starting(start, end):
        value = ref.partial or ref.value or ""
        if len(value) == 4 and value.startswith("--"):
            month = int(value[2:]) - 1 or 12
            return f"date:--{month:02d}"
    return None


def count_period(ctx: FactContext, span: Span, counted: Counted) -> str | None:
    """The period a count covers, from the times hanging on it, "the previous week", rolling windows
    and totals "since"."""
    clause = clause_tokens(counted.verb or span.root)
    inside = {t.i for t in clause}
    targets = {t.i for t in (counted.verb, counted.token, span.root) if t is not None}
    if counted.token is not None:  # "188,000 migrants encountered in June": the participle on the noun
        own = [c for c in counted.token.children if c.dep_ == "acl" and c.pos_ == "VERB"]
        if own:
            targets = {t.i for t in (counted.token, span.root, *own)}
    # a time on the number's own phrase first ("from 3.7% in August"), then one on its verb ("fell
    # to 3.5% in September")
    phrase = {t.i for t in (counted.token, span.root) if t is not None}
    if span.root.dep_ == "pobj":  # the preposition it hangs under: "from 3.7% in August"
        phrase.add(span.root.head.i)
    times = [(ref, tspan) for ref, tspan in ctx.base.times_rooted_in(inside)
             if not (tspan.start <= span.start < tspan.end) and is_period(ref)]
    for wanted in (phrase, targets):
        for ref, tspan in times:
            if hangs_on(tspan.root, wanted):
                if tspan.start > 0 and ctx.doc[tspan.start - 1].lower_ == "since":
                    return "since"
                return period_key(ref.text, ref.value or ref.partial, ctx.lex)
    own = own_phrases(ctx, clause, targets)
    previous = PREVIOUS_RE.search(own)
    if previous:
        return f"{(previous.group(1) or previous.group(2)).lower()}:-1"
    rolling = ROLLING_RE.search(own)
    if rolling:
        return f"rolling:{(rolling.group(1) or rolling.group(2)).lower()}"
    # a running total, said on the count's own phrases ("61 killed so far") or by a clause on its
    # verb ("have died since the outbreak began"); an apposition's "the lowest rate since 1969" is not
    marks = [m.text for c in (counted.verb.children if counted.verb is not None else ())
             if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]
    if SINCE_RE.search(own) or any(SINCE_RE.fullmatch(m) for m in marks):
        return "since"
    return None


def own_phrases(ctx: FactContext, clause: list[Token], targets: set[int]) -> str:
    """The words of the phrases that hang on the count's own words (its verb, noun, number), without
    what hangs on another noun inside them: "five were shot dead after a third attack in two days"
    keeps "after a third attack", not the attacks' window."""
    inside = {t.i for t in clause}
    kept: set[int] = set()
    for target in (t for t in clause if t.i in targets):
        for child in target.children:
            # an apposition describes the count ("3.5%, the lowest rate since 1969"), it is not its
            # period; nor is a superlative's comparison ("was the lowest since 2019")
            if child.i not in inside or child.dep_ in ("nsubj", "nsubjpass", "dobj", "conj", "appos") \
                    or is_superlative(child):
                continue
            todo = [child]
            while todo:
                current = todo.pop()
                kept.add(current.i)
                todo.extend(c for c in current.children if c.i in inside and c.dep_ != "appos"
                            and not (c.dep_ == "prep" and current.pos_ in ("NOUN", "PROPN") and current.i != child.i
                                     and current.dep_ == "pobj" and not is_time_noun(current)))
    return " ".join(t.text for t in clause if t.i in kept or t.i in targets)


def is_superlative(token: Token) -> bool:
    """A superlative, or a noun it qualifies ("the lowest", "the biggest gain"): what hangs on it
    compares the figure with the past, it does not bound the period counted."""
    return "Sup" in token.morph.get("Degree") or any(
        c.dep_ == "amod" and "Sup" in c.morph.get("Degree") for c in token.children)


def is_time_noun(token: Token) -> bool:
    """A noun that is itself a time or period ("the past week", "a single day")."""
    return token.ent_type_ in ("DATE", "TIME")


# Links by which a period hangs on the count it is the period of ("added 943,000 jobs in July",
# "claims last week"); a time inside an apposition ("the lowest rate since 1969") is another's.
PERIOD_LINKS = frozenset({"pobj", "prep", "npadvmod", "advmod", "tmod", "obl", "nmod", "pcomp"})


def hangs_on(token: Token, targets: set[int]) -> bool:
    """Whether a time expression hangs on one of the count's words through period links only."""
    current = token
    for _ in range(5):
        if current.i in targets:
            return True
        if current.dep_ not in PERIOD_LINKS or current.head.i == current.i:
            return False
        current = current.head
    return current.i in targets


def clause_tokens(token: Token) -> list[Token]:
    """The tokens of the clause a word heads, without the clauses below it."""
    if token.pos_ not in ("VERB", "AUX"):
        return list(token.subtree)
    out = [token]
    todo = [c for c in token.children if c.dep_ not in CLAUSE_DEPS and c.dep_ != "conj"]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(c for c in current.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


UNIT_RE = re.compile(r"\b(day|week|month|quarter|year)\b")
PERIOD_WORDS_RE = re.compile(r"\b(week|weekend|month|quarter|year)s?\b")


def is_period(ref) -> bool:
    """A time that a count can cover: a range (a month, a week, a year), not a single day ("on
    Sunday" dates the event, it is not what the count covers) and not an age ("6-year-old")."""
    text = ref.text.lower()
    if "-year-old" in text or "year old" in text:
        return False
    if ref.value and "/" in ref.value:
        return True
    if ref.partial and len(ref.partial) == 4:  # --MM: a month
        return True
    if ref.value and len(ref.value) in (4, 7):  # YYYY, YYYY-MM
        return True
    return bool(PERIOD_WORDS_RE.search(text)) and not ref.weekday


def period_key(text: str, value: str | None, lex) -> str:
    """``date:<value>`` for an anchored or year-less date, else ``<unit>:<offset>`` from the words
    ("last week" -> week:0, "the previous week" -> week:-1), else the words."""
    if value:
        return f"date:{value}"
    lowered = text.lower()
    unit = UNIT_RE.search(lowered)
    if unit is None:
        return " ".join(lowered.split())
    previous = any(w in lex.lists["previous_period_words"] for w in re.findall(r"[a-z]+", lowered))
    return f"{unit.group(1)}:{-1 if previous else 0}"


def scope_of(ctx: FactContext, counted: Counted) -> str | None:
    """Whose count it is when the text says: the places "in/for/to/with X" on the counted noun's
    phrase or on its verb (several joined by "+": "to Mexico and Canada"), else a possessor of the
    noun or a country that is the verb's subject, else the noun a relative clause describes ("Italy,
    which is reporting 19,468 deaths"), else the holder of a possession verb."""
    base = ctx.base
    for token in [t for t in (counted.token, counted.verb) if t is not None]:
        preps = noun_preps(counted.token) if token is counted.token else \
            [c for c in scope_children(token, counted) if c.dep_ == "prep"]
        for prep in preps:
            if prep.lower_ in SCOPE_PREPS:
                places = [p for g in prep.children if g.dep_ == "pobj" for p in places_of(ctx, g)]
                if places:
                    return "+".join(entity_id(i) for i in dict.fromkeys(places))
        for child in token.children:
            if child.dep_ == "poss" or (child.dep_ == "nsubj" and token is counted.verb):
                index = base.cluster_of.get(child.i)
                kinds = ("GPE", "ORG") if child.dep_ == "poss" else ("GPE",)
                if index is not None and base.clusters[index].type in kinds:
                    return entity_id(index)
    verb = counted.verb
    if verb is not None and verb.dep_ == "relcl":
        index = base.cluster_of.get(verb.head.i)
        if index is not None and base.clusters[index].type in ("GPE", "ORG"):
            return entity_id(index)
    if verb is not None and ctx.lex.has("possession_verbs", verb.lemma_.lower()):
        return holder_of(ctx, verb)
    return None


def holder_of(ctx: FactContext, verb: Token) -> str | None:
    """Who holds what a possession verb counts ("the coalition, which holds 33 of the 55 seats";
    "the opposition holds 22"): its entity id, else the lemma of its noun."""
    holder = verb.head if verb.dep_ == "relcl" else next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if holder is None or holder.pos_ not in ("NOUN", "PROPN"):
        return None
    index = ctx.base.cluster_of.get(holder.i)
    return entity_id(index) if index is not None else f"holder:{holder.lemma_.lower()}"


def noun_preps(noun: Token) -> list[Token]:
    """The prepositions in a noun's phrase, its conjuncts left out ("doses of the vaccine with Mexico
    and 1.5 million with Canada": only "of", "with Mexico")."""
    found, todo = [], [c for c in noun.children if c.dep_ == "prep"]
    while todo:
        prep = todo.pop(0)
        found.append(prep)
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            todo.extend(c for c in obj.children if c.dep_ == "prep")
    return found


SCOPE_PREPS = frozenset({"in", "for", "to", "with"})


def scope_children(token: Token, counted: Counted) -> list[Token]:
    """The children of a noun or verb that may say whose count it is. On the verb, of its
    prepositions only the first after the counted noun: "send 3.5 million doses to Chile and 2
    million doses to Peru" gives each count its own country."""
    children = list(token.children)
    if token is not counted.verb or counted.token is None:
        return children
    after = [c for c in children if c.dep_ == "prep" and c.i > counted.token.i]
    nearest = min(after, key=lambda c: c.i, default=None)
    return [c for c in children if c.dep_ != "prep" or c is nearest]


def places_of(ctx: FactContext, token: Token) -> list[int]:
    """The GPE entities a noun phrase and its conjuncts name ("Mexico and Canada")."""
    found = []
    for t in [token, *[c for c in token.children if c.dep_ == "conj"]]:
        index = ctx.base.cluster_of.get(t.i)
        if index is not None and ctx.base.clusters[index].type == "GPE":
            found.append(index)
    return found
