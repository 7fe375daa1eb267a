"""Facts about named people: the titles an article gives them and their ages.

* ``title_of:<entity>``: every role the people reader attached to a person ("Deputy Foreign
  Minister", "chairman of the House Oversight Committee"), one fact per distinct title;
* ``age_of:<entity>``: an age written beside a name: "Cummings, 68,", "Ginsburg (87)",
  "the 20-year-old Daunte Wright", "Smith, aged 53", and for a death "died at 87" / "died at the
  age of 87" when the person is the one who died.
"""

from __future__ import annotations

import re

from rashomon.read.facts.context import FactContext
from rashomon.read.people import is_role_word
from rashomon.read.spans import FactSpan, entity_id
from rashomon.records import Value

# Ages people reach; a larger number beside a name is something else (a count, a year).
MAX_AGE = 120
AGE_AFTER = re.compile(r"^(?:,|\s\()\s*(?:aged?\s+)?(\d{1,3})\s*(?:,|\)|$|\.\s)")
AGE_BEFORE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\s+(?:[\w’'.-]+\s+){0,3}$")
AGE_AT_DEATH = re.compile(r"^\s+(?:on\s+\w+\s+)?(?:died|dies|passed away)\s+(?:\w+\s+){0,3}?at\s+(?:the\s+age\s+of\s+|age\s+)?"
                          r"(\d{1,3})\b", re.I)
# "He was 68." in the sentence after a person is named: the age of the person the pronoun stands for.
AGE_SENTENCE = re.compile(r"^\s*(?:He|She) (?:was|is) (\d{1,3})(?: years old)?\.")
# How far before a name an "N-year-old" may stand ("a 20-year-old Black man, Daunte Wright").
AGE_BEFORE_REACH = 40


def people_facts(ctx: FactContext) -> list[FactSpan]:
    """Title and age facts of every named person of the Doc."""
    facts: list[FactSpan] = []
    for index, cluster in enumerate(ctx.base.clusters):
        if cluster.type != "PERSON":
            continue
        facts += title_facts(ctx, index)
        age = age_fact(ctx, index)
        if age is not None:
            facts.append(age)
    return facts


def title_facts(ctx: FactContext, index: int) -> list[FactSpan]:
    """One ``title_of`` fact per distinct title of a person."""
    cluster = ctx.base.clusters[index]
    eid, seen, facts = entity_id(index), set(), []
    for start, end in cluster.roles:
        start = title_start(ctx, start, end)
        text = " ".join(ctx.text[start:end].split())
        if not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        span = ctx.span_of(start, end)
        if span is None or not len(span):
            continue
        modality, asserter = ctx.modality_of(span.root)
        facts.append(FactSpan(f"title_of:{eid}", Value("title", text, entity=eid, name=cluster.name), (start, end),
                              ctx.sentence_of(span.root), asserter=asserter,
                              modality="reported" if asserter else "asserted"))
    return facts


def pronoun_age(ctx: FactContext, index: int, end: int) -> re.Match | None:
    """"... has died. He was 68.": the next sentence gives the age, its pronoun standing for the person
    (only when this person is the last one named before it)."""
    span = ctx.span_of(end - 1, end)
    if span is None or not len(span):
        return None
    unit = ctx.base.unit_of[span.root.i]
    if unit < 0 or unit + 1 >= len(ctx.base.units):
        return None
    start, stop = ctx.base.unit_span(unit + 1)
    match = AGE_SENTENCE.match(ctx.text[start:stop])
    if match is None:
        return None
    return _Shifted(match, start - end) if subject_person(ctx, unit) == index else None


def subject_person(ctx: FactContext, unit: int) -> int | None:
    """The person a sentence is about: the subject of its main verb, else the last person it names."""
    first, last = ctx.base.units[unit]
    roots = [t for t in ctx.doc[first:last] if t.dep_ == "ROOT"]
    for root in roots:
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                index = ctx.base.cluster_of.get(child.i)
                if index is not None and ctx.base.clusters[index].type == "PERSON":
                    return index
    start, end = ctx.base.unit_span(unit)
    named = [(s, i) for i, c in enumerate(ctx.base.clusters) if c.type == "PERSON" for s, _, _ in c.mentions
             if start <= s < end]
    return max(named)[1] if named else None


class _Shifted:
    """A match found further on, its offsets shifted to count from the end of the name."""

    def __init__(self, match: re.Match, shift: int) -> None:
        self.match, self.shift = match, shift

    def group(self, n: int) -> str:
        return self.match.group(n)

    def start(self, n: int = 0) -> int:
        return self.match.start(n) + self.shift

    def end(self, n: int = 0) -> int:
        return self.match.end(n) + self.shift


# Words that may open a title ("former pizza chain executive", "acting director").
TITLE_OPENERS = frozenset({"former", "deputy", "acting", "vice", "senior", "chief", "first", "interim", "assistant",
                           "associate", "executive", "special", "top", "lead", "founding"})


def title_start(ctx: FactContext, start: int, end: int) -> int:
    """Where a title really starts: the role reader's left scan can take in words before it
    ("nomination of former pizza chain executive", "new legal blockade to President"); the title
    starts at the first word after which every word is capitalised, a title opener or a role word
    (connectors "of", "the", "for", "on" allowed inside), or at the role word itself."""
    span = ctx.span_of(start, end)
    if span is None or not len(span):
        return start
    tokens = list(span)
    def fits(t) -> bool:
        return t.text[:1].isupper() or t.lower_ in TITLE_OPENERS or is_role_word(t.text) or \
            t.lower_ in ("of", "the", "for", "on", "and", "-", "’s", "'s")
    cut = len(tokens)
    for i in range(len(tokens) - 1, -1, -1):
        if not fits(tokens[i]):
            break
        cut = i
    while cut < len(tokens) and tokens[cut].lower_ in ("of", "the", "for", "on", "and", "-", "’s", "'s"):
        cut += 1
    return tokens[cut].idx if cut < len(tokens) else start


def age_fact(ctx: FactContext, index: int) -> FactSpan | None:
    """The first age written beside one of the person's names (see the module docstring)."""
    cluster = ctx.base.clusters[index]
    text = ctx.text
    for start, end, kind in cluster.mentions:
        if kind == "description":
            continue
        after = AGE_AFTER.match(text[end:end + 12]) or AGE_AT_DEATH.match(text[end:end + 60]) \
            or pronoun_age(ctx, index, end)
        before = AGE_BEFORE.search(text[max(0, start - AGE_BEFORE_REACH):start])
        if after:
            age, (a, b) = int(after.group(1)), (end + after.start(1), end + after.end(1))
        elif before:
            offset = max(0, start - AGE_BEFORE_REACH)
            age, (a, b) = int(before.group(1)), (offset + before.start(), offset + before.end(1) + len("-year-old"))
        else:
            continue
        if not 0 < age <= MAX_AGE:
            continue
        span = ctx.span_of(a, b)
        if span is None or not len(span):
            continue
        eid = entity_id(index)
        value = Value("quantity", " ".join(text[a:b].split()), figure=float(age), low=float(age), high=float(age),
                      unit="year", counted="age", role="actual")
        return FactSpan(f"age_of:{eid}", value, (a, b), ctx.sentence_of(span.root))
    return None
