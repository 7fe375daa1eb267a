"""Line the sources of a story up fact by fact: facts aligned by event and slot, one value per source,
a verdict over the sources that state it.

``story_facets`` is the orchestrator. It reads only records (the Readings' ``facts``, the story's
linked events and entities), never article text:

1. **collect**: every fact of the story's articles, lifted to the corpus: its event mention becomes
   the story event it was linked to, local entity ids become corpus ids (in the slot
   ``title_of:<entity>``, the scope and the value);
2. **group** by alignment key (``compare.align``): the slot; for counts also the role (actual /
   expected / revised / total / part / target), the unit, the period and the scope; for event slots
   the event type's family, split by linked event where one article reports two occurrences; claims
   by verb class and a shared argument, or by most of their words or their meaning. Facts of
   different roles, units, periods, scopes or occurrences never share a facet, so an expected figure
   never conflicts with the actual one, last month's with this month's, a part with its total;
3. **merge** groups whose keys differ only where one of them is silent (no event, no period, no
   scope stated) into the one group they fit, when exactly one fits, and groups that give the same
   specific figure under different nouns;
4. **fill**: a source missing from a group is searched for the same slot in other words (the same
   slot under another key, the same figure under another noun, a text of the same meaning) before
   it is called silent;
5. **judge**: per source its best value (the body before the headline, the most precise), pairwise
   verdicts (``compare.verdicts``), then ``conflict`` if any pair conflicts, ``agree`` if all
   agree, else ``compatible``; ``single`` when one source states it. ``coverage`` and
   ``missing_in`` say who states it;
6. **next steps**: planned events of the main event's type (the next round, a follow-up).

Facets are ordered: the main event's first, then by how many sources state them.
"""

from __future__ import annotations

from rashomon.compare.align import (CLAIM, INFORMATIVE_ONLY, Candidate, Group, Resolve, StoryContext, fill_gaps,
                                    group_candidates, lift, merge_groups)
from rashomon.compare.verdicts import Judgement, judge_pair, title_words
from rashomon.read.events import Lexicon, load_lexicon
from rashomon.records import CorpusEntity, Event, Evidence, Facet, FacetValue, Fact, Reading, Value

MODALITY_RANK = {"asserted": 0, "reported": 1, "expected": 2, "denied": 3}


def story_facets(articles: list[str], readings: dict[str, Reading], events: list[Event],
                 entities: dict[str, CorpusEntity], resolve: Resolve, lexicon: Lexicon | None = None) -> list[Facet]:
    """All facets of one story (see the module docstring for the steps)."""
    ctx = StoryContext(articles, readings, events, entities, resolve, lexicon or load_lexicon())
    candidates = [lift(ctx, f) for a in articles for f in readings[a].facts]
    groups = merge_groups(group_candidates(candidates), ctx.lexicon)
    fill_gaps(groups, candidates, articles)
    main = main_event(events)
    facets = [f for g in groups if (f := make_facet(ctx, g)) is not None]
    if main is not None:
        facets += next_step_facets(ctx, main)
    return order_facets(facets, main)


# --- 5. judge ------------------------------------------------------------------------------------------

def best_candidate(candidates: list[Candidate]) -> Candidate:
    """An article's value for a fact: the body before the headline, stated before expected, the
    narrowest interval, the first in the text."""
    def width(c: Candidate) -> float:
        v = c.value
        if v.kind != "quantity" or v.low is None:
            return 0.0
        return (v.high if v.high is not None else float("inf")) - v.low
    return min(candidates, key=lambda c: (c.in_title, MODALITY_RANK.get(c.fact.modality, 0), width(c), c.fact.start))


def prefer_shared_predicates(group: Group, chosen: dict[str, Candidate]) -> dict[str, Candidate]:
    """An article with several values for a fact gives the one whose verb the other sources use ("about
    60 vessels were waiting", not "the two vessels collided", beside "43 vessels waited")."""
    for article, candidates in group.members.items():
        if len(candidates) < 2:
            continue
        if candidates[0].value.kind == "title":  # the title the others use ("Deputy Mayor", not "the plan's author")
            others = [w for a in chosen if a != article for w in title_words(chosen[a].value.text)]
            chosen[article] = max(candidates, key=lambda c: (sum(w in others for w in title_words(c.value.text)),
                                                             -c.fact.start))
            continue
        others = [chosen[a].fact.predicate for a in chosen if a != article and chosen[a].fact.predicate]
        shared = [c for c in candidates if c.fact.predicate and c.fact.predicate in others]
        if shared and chosen[article] not in shared:
            chosen[article] = best_candidate(shared)
    return chosen


def make_facet(ctx: StoryContext, group: Group) -> Facet | None:
    """The Facet of a group: values, verdict, explanation, coverage (step 5); None for a status
    everyone gives as the plain case, and for when or where one source alone says someone spoke
    (a statement's day is a fact to compare, not one to list)."""
    chosen = {a: best_candidate(cs) for a, cs in group.members.items()}
    chosen = prefer_shared_predicates(group, chosen)
    order = [a for a in ctx.articles if a in chosen]
    plain = INFORMATIVE_ONLY.get(group.slot)
    if plain is not None and all(chosen[a].value.status == plain for a in order):
        return None
    if len(order) == 1 and repeatable(ctx, chosen[order[0]], chosen[order[0]]) and group.slot in ("date", "place"):
        return None
    exclusive = is_exclusive(ctx.lexicon, group.slot)
    values = [facet_value(chosen[a]) for a in order]
    verdict, conflicts, explanation = verdict_of(ctx, order, chosen, exclusive)
    if verdict != "single" and chosen[order[0]].value.kind == "entities":
        explanation = members_explanation(ctx, order, chosen, explanation)
    side = group.scope if group.slot in ("participants", "head", "aims") else None
    event_type = ctx.event_types.get(group.event or "") or next((c.fact.event_type for c in chosen.values()
                                                                  if c.fact.event_type), None)
    return Facet(name=group.slot, verdict=verdict, explanation=explanation, values=values,
                 missing_in=[a for a in ctx.articles if a not in chosen], side=side, event=group.event,
                 label=facet_label(ctx, group, event_type), event_type=event_type,
                 coverage={"stated": len(order), "sources": len(ctx.articles)}, conflicts=conflicts)


# Slots of the side facts that one person fills: a delegation has one head.
EXCLUSIVE_SLOTS = frozenset({"head"})


def is_exclusive(lexicon: Lexicon, slot: str) -> bool:
    """Whether one entity fills the slot ("the head", "the attacker" in every type that declares it)."""
    if slot in EXCLUSIVE_SLOTS:
        return True
    rules = [r for t in lexicon.types.values() for r in t.slot_rules if r.name == slot]
    return bool(rules) and all(r.exclusive for r in rules)


def facet_value(candidate: Candidate) -> FacetValue:
    """What one source says, with the sentence behind it and the value's words in it."""
    fact, value = candidate.fact, candidate.value
    entities = [value.entity] if value.entity else list(value.members or [])
    asserter = fact.asserted_by.text if fact.asserted_by is not None else None
    return FacetValue(article=fact.article, value=value.text, entities=entities, evidence=fact.evidence,
                      typed=value, span=(fact.start, fact.end), asserted_by=asserter, modality=fact.modality,
                      fact=fact.id)


def verdict_of(ctx: StoryContext, order: list[str], chosen: dict[str, Candidate],
               exclusive: bool) -> tuple[str, list[list[str]], str]:
    """(verdict, conflicting pairs, one-sentence explanation) over the sources that state the fact."""
    if len(order) == 1:
        return "single", [], f"only {ctx.labels[order[0]]} states it"
    judgements: list[tuple[str, str, Judgement]] = []
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            judgement = judge_pair(chosen[a].value, chosen[b].value, exclusive)
            if judgement.verdict == "conflict" and chosen[a].value.kind == "status" and \
                    (chosen[a].event is None or chosen[a].event != chosen[b].event):
                judgement = Judgement("compatible", f"{chosen[a].value.text} / {chosen[b].value.text}: nothing links "
                                      "them as one act")
            elif judgement.verdict == "conflict" and repeatable(ctx, chosen[a], chosen[b]):
                judgement = Judgement("compatible", f"{chosen[a].value.text} and {chosen[b].value.text}: "
                                      "perhaps two occurrences (statements repeat)")
            elif judgement.verdict == "conflict" and not same_context(ctx, chosen[a], chosen[b]):
                judgement = Judgement("compatible", f"{chosen[a].value.text} and {chosen[b].value.text} count "
                                      f"{chosen[a].value.counted or 'it'} in different contexts")
            judgements.append((a, b, judgement))
    conflicts = [[a, b] for a, b, j in judgements if j.verdict == "conflict"]
    if conflicts:
        a, b, j = next(x for x in judgements if x[2].verdict == "conflict")
        return "conflict", conflicts, f"{ctx.labels[a]} vs {ctx.labels[b]}: {j.explanation}"
    if all(j.verdict == "agree" for _, _, j in judgements):
        return "agree", [], f"{len(order)} sources: {judgements[0][2].explanation}"
    a, b, j = next(x for x in judgements if x[2].verdict == "compatible")
    return "compatible", [], j.explanation


def members_explanation(ctx: StoryContext, order: list[str], chosen: dict[str, Candidate], reason: str) -> str:
    """Who each source alone lists, by name, and how many people it only describes."""
    sets = {a: set(chosen[a].value.members or ()) for a in order}
    parts = []
    for a in order:
        others = set().union(*(sets[b] for b in order if b != a))
        only = sorted(ctx.name_of(m) for m in sets[a] - others if not m.startswith("desc:"))
        if only:
            parts.append(f"only {ctx.labels[a]}: {', '.join(only)}")
    unnamed = sum(1 for a in order for m in sets[a] if m.startswith("desc:"))
    if unnamed:
        parts.append(f"{unnamed} described but not named")
    return "; ".join([reason.split(";")[0]] + parts)


def repeatable(ctx: StoryContext, a: Candidate, b: Candidate) -> bool:
    """Whether both facts belong to events of a type whose occurrences repeat (statements)."""
    types = ctx.lexicon.types
    return all(c.fact.event_type in types and types[c.fact.event_type].repeatable for c in (a, b))


def same_context(ctx: StoryContext, a: Candidate, b: Candidate) -> bool:
    """Whether two counts of a slot no event type declares ("trawler", "count") count the same thing:
    the same words counted, their complement included ("41 counts" is not "eight counts of fraud"),
    under verbs of one class or an unsaid one ("seized" / "held", not "waiting" / "collided").
    Declared slots (killed, seats, jobs added) and other kinds of value always do."""
    if a.value.kind != "quantity" or a.slot.split("/")[0] in ctx.lexicon.quantity_slots or a.slot == "duration":
        return True
    ca, cb = a.value.counted or "", b.value.counted or ""
    if ca != cb and (" of " in ca or " of " in cb):
        return False
    return ctx.lexicon.same_verb_class(a.fact.predicate, b.fact.predicate)


def facet_label(ctx: StoryContext, group: Group, event_type: str | None) -> str:
    """The fact as a reader reads it: "people killed", "title of Jane Roe", "date of the vote",
    "jobs added (expected)"."""
    slot, rule = group.slot, ctx.lexicon.quantity_slots.get(group.slot.split("/")[0])
    kind, _, who = slot.partition(":")
    if slot.startswith(CLAIM):
        keys = [k for cs in group.members.values() for c in cs for k in (c.value.members or ())]
        subject = next((ctx.name_of(k) for k in keys), "")
        label = f"{subject}: {who}" if subject else who
    elif who:
        label = f"{kind.replace('_of', '')} of {ctx.name_of(who)}"
    elif rule is not None and rule.label:
        label = rule.label + (" (change)" if slot.endswith("/change") else "")
    elif slot in ("date", "place", "start_time", "duration", "outcome", "status", "decision", "cause") and event_type:
        type_label = ctx.lexicon.types[event_type].label if event_type in ctx.lexicon.types else event_type
        label = f"{slot.replace('_', ' ')} of the {type_label or event_type}"
    else:
        label = slot.replace("_", " ").replace("/", " ")
    if group.role and group.role != "actual":
        label += f" ({group.role})"
    if group.scope and group.slot not in ("participants", "head", "aims"):
        label += ", " + " and ".join(ctx.name_of(p).removeprefix("holder:") for p in group.scope.split("+"))
    return label


# --- 6. next steps, order -------------------------------------------------------------------------

def main_event(events: list[Event]) -> Event | None:
    """The event most articles report (happened before planned; more mentions first)."""
    if not events:
        return None
    return max(events, key=lambda e: (len(set(e.articles)), e.status == "happened", len(e.mentions)))


def next_step_facets(ctx: StoryContext, event: Event) -> list[Facet]:
    """What the sources say comes next: planned events of the main event's type (step 6)."""
    chosen: dict[str, tuple[Value, Evidence, Event]] = {}
    for article in ctx.articles:
        for other in ctx.events:
            if other.id == event.id or other.status != "planned" or other.type != event.type:
                continue
            mention = next((m for m in other.mentions if m.article == article), None)
            if mention is not None:
                parts = [other.type.replace("_", " "), mention.time or "", mention.place or ""]
                text = ", ".join(p for p in parts if p)
                value = Value("date", text, date=mention.date) if mention.date and not mention.date.startswith("--") \
                    else Value("text", text)
                chosen[article] = (value, mention.evidence, other)
                break
    if not chosen:
        return []
    group = Group("next_steps", None, None, None, None, None)
    for article, (value, evidence, other) in chosen.items():
        fact = Fact(f"next:{other.id}", article, "next_steps", value, evidence, evidence.start, evidence.end,
                    event=None, event_type=other.type)
        group.add(Candidate(fact, value, "next_steps", None, None, None, None, None, False))
    facet = make_facet(ctx, group)
    return [facet] if facet is not None else []


def order_facets(facets: list[Facet], main: Event | None) -> list[Facet]:
    """The main event's facets first (in slot order), then the others by coverage, then by name."""
    slot_order = {s: i for i, s in enumerate(("date", "start_time", "place", "duration", "outcome", "status",
                                              "decision", "next_steps"))}
    def key(f: Facet):
        main_first = 0 if (main is not None and f.event == main.id) or f.name == "next_steps" else 1
        rank = slot_order.get(f.name, 99) if main_first == 0 else -f.coverage.get("stated", 0)
        return (main_first, rank, f.name, f.side or "")
    return sorted(facets, key=key)
