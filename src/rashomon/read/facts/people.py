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
from rashomon.read.spans import FactSpan, entity_id
from rashomon.records import Value

# Ages people reach; a larger number beside a name is something else (a count, a year).
MAX_AGE = 120
AGE_AFTER = re.compile(r"^(?:,|\s\()\s*(?:aged?\s+)?(\d{1,3})\s*(?:,|\)|$|\.\s)")
AGE_BEFORE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\s+(?:[\w’'.-]+\s+){0,3}$")
AGE_AT_DEATH = re.compile(r"^\s+(?:on\s+\w+\s+)?(?:died|dies|passed away)\s+(?:\w+\s+){0,3}?at\s+(?:the\s+age\s+of\s+|age\s+)?"
                          r"(\d{1,3})\b")
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
        text = " ".join(ctx.text[start:end].split())
        if text.lower() in seen:
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


def age_fact(ctx: FactContext, index: int) -> FactSpan | None:
    """The first age written beside one of the person's names (see the module docstring)."""
    cluster = ctx.base.clusters[index]
    text = ctx.text
    for start, end, kind in cluster.mentions:
        if kind == "description":
            continue
        after = AGE_AFTER.match(text[end:end + 12]) or AGE_AT_DEATH.match(text[end:end + 60])
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
