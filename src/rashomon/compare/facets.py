"""Line the sources of a story up fact by fact: facts aligned by event and slot, one value per source,
a verdict over the sources that state it.

``story_facets`` is the orchestrator. It reads only records (the Readings' ``facts``, the story's
linked events and entities), never article text:

1. **collect**: every fact of the story's articles, lifted to the corpus: its event mention becomes
   the story event it was linked to, local entity ids become corpus ids (in the slot
   ``title_of:<entity>``, the scope and the value);
2. **group** by alignment key: the slot; for counts also the role (actual / expected / revised /
   total / part / target), the unit, the period and the scope; for event slots the event. Facts
   of different roles, units, periods, scopes or events never share a facet, so an expected figure
   never conflicts with the actual one, last month's with this month's, a part with its total;
3. **merge** groups whose keys differ only where one of them is silent (no event, no period, no
   scope stated) into the one group they fit, when exactly one fits;
4. **fill**: a source missing from a group is searched for the same slot in other words (the same
   slot under another key, or the same figure under another noun) before it is called silent;
5. **judge**: per source its best value (the body before the headline, the most precise), pairwise
   verdicts (``compare.verdicts``), then ``conflict`` if any pair conflicts, ``agree`` if all
   agree, else ``compatible``; ``single`` when one source states it. ``coverage`` and
   ``missing_in`` say who states it;
6. **next steps**: planned events of the main event's type (the next round, a follow-up).

Facets are ordered: the main event's first, then by how many sources state them.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.compare.verdicts import Judgement, judge_pair, title_words
from rashomon.dates import partial_fits
from rashomon.read.events import Lexicon, load_lexicon
from rashomon.records import CorpusEntity, Event, Evidence, Facet, FacetValue, Fact, Reading, Value

Resolve = Callable[[str, str], "str | None"]  # (article id, local entity id) -> corpus entity id

# Slots whose facts only matter when they differ from the plain case: every event "happened" in most
# articles, so a status facet is shown only when some source says planned or denied.
INFORMATIVE_ONLY = {"status": "happened"}
# Key components that may be unstated; a group silent on one merges into the one group it fits.
WILDCARDS = ("event", "scope", "period")
PERIOD_CLASSES_APART = ("rolling", "since")
MODALITY_RANK = {"asserted": 0, "reported": 1, "expected": 2, "denied": 3}
# Kinds of value that belong to one occurrence (its day, place, status, who acted): they line up
# within one kind of event. Counts, tallies, titles and ages line up by what they are about.
EVENT_KINDS = frozenset({"date", "place", "status", "text", "entity"})


@dataclass
class Candidate:
    """One fact of the story, lifted to the corpus, with its alignment key."""

    fact: Fact
    value: Value
    slot: str
    event: str | None
    scope: str | None
    period: str | None
    role: str | None
    unit: str | None
    in_title: bool
    family: str | None = None  # the event type's family (statement / announcement / release are one)

    @property
    def article(self) -> str:
        return self.fact.article

    def key(self) -> tuple:
        """What two facts must share to be one fact (the event is checked apart: see ``split_by_event``)."""
        event_type = self.family if self.value.kind in EVENT_KINDS else None  # the same kind of event
        return (self.slot, self.role, self.unit, event_type, self.scope, self.period)


@dataclass
class Group:
    """Candidates that state one fact, by article."""

    slot: str
    role: str | None
    unit: str | None
    event: str | None
    scope: str | None
    period: str | None
    event_type: str | None = None
    members: dict[str, list[Candidate]] = field(default_factory=dict)

    def add(self, candidate: Candidate) -> None:
        self.members.setdefault(candidate.article, []).append(candidate)
        for name in WILDCARDS:
            if getattr(self, name) is None:
                setattr(self, name, getattr(candidate, name))

    def absorb(self, other: Group) -> None:
        for candidates in other.members.values():
            for candidate in candidates:
                self.add(candidate)


@dataclass
class StoryContext:
    """What the facet builders need of a story."""

    articles: list[str]
    readings: dict[str, Reading]
    events: list[Event]
    entities: dict[str, CorpusEntity]
    resolve: Resolve
    lexicon: Lexicon

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """How sources are named in explanations: outlet (or article id), with the id when an outlet repeats."""
        outlets = {a: self.readings[a].article.source.outlet or a for a in self.articles}
        repeated = {o for o in outlets.values() if list(outlets.values()).count(o) > 1}
        return {a: f"{o} ({a})" if o in repeated else o for a, o in outlets.items()}

    @functools.cached_property
    def event_of(self) -> dict[tuple[str, str], str]:
        """(article, mention id) -> the story event it was linked to."""
        return {(m.article, m.id): e.id for e in self.events for m in e.mentions if m.id}

    @functools.cached_property
    def event_types(self) -> dict[str, str]:
        return {e.id: e.type for e in self.events}

    @functools.cached_property
    def described(self) -> dict[tuple[str, int, int], str]:
        """(article, start, end) of each aligned description of the story -> its corpus entity."""
        wanted = set(self.articles)
        return {(m.article, m.start, m.end): e.id for e in self.entities.values() for m in e.mentions
                if m.kind == "description" and m.article in wanted}

    def corpus_id(self, article: str, local: str) -> str:
        """The corpus id of a local entity (or ``desc:`` id); an unlinked one keeps an article-scoped id."""
        if local.startswith("desc:"):
            desc = next((d for d in self.readings[article].descriptions if d.id == local[5:]), None)
            found = self.described.get((article, desc.start, desc.end)) if desc is not None else None
            return found or f"desc:{article}:{local[5:]}"
        return self.resolve(article, local) or f"{article}:{local}"

    def name_of(self, corpus_id: str) -> str:
        entity = self.entities.get(corpus_id)
        return entity.name if entity is not None else corpus_id


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


# --- 1. collect -----------------------------------------------------------------------------------------

def lift(ctx: StoryContext, fact: Fact) -> Candidate:
    """A fact with corpus ids and its story event (step 1)."""
    article = fact.article
    value = dataclasses.replace(fact.value)
    if value.entity:
        value.entity = ctx.corpus_id(article, value.entity)
        value.name = ctx.name_of(value.entity) if value.entity in ctx.entities else value.name
    if value.members:
        value.members = list(dict.fromkeys(ctx.corpus_id(article, m) if is_local_id(m) or m.startswith("desc:") else m
                                           for m in value.members))
    slot = fact.slot
    kind, _, local = slot.partition(":")
    if local and is_local_id(local):  # title_of:e3 -> title_of:P7
        slot = f"{kind}:{ctx.corpus_id(article, local)}"
    scope = fact.scope
    if scope:
        scope = "+".join(sorted(ctx.corpus_id(article, part) if is_local_id(part) else part
                                for part in scope.split("+")))
    event = ctx.event_of.get((article, fact.event)) if fact.event else None
    quantity = value.kind == "quantity" and slot != "duration"
    title = ctx.readings[article].article.title
    in_title = bool(title) and " ".join(fact.evidence.text.split()) == " ".join(title.split())
    return Candidate(fact, value, slot, event, scope, fact.period if quantity else None,
                     value.role if quantity else None, unit_class(value) if quantity else None, in_title,
                     ctx.lexicon.family(fact.event_type))


def is_local_id(text: str) -> bool:
    """A reading's entity id ("e3")."""
    return text.startswith("e") and text[1:].isdigit()


def unit_class(value: Value) -> str:
    """The unit a count is compared in: a currency, percent, a time unit, or plain counts."""
    return value.unit or "count"


# --- 2. group, 3. merge --------------------------------------------------------------------------------

def group_candidates(candidates: list[Candidate]) -> list[Group]:
    """One group per alignment key, split by event where an article reports two occurrences (step 2)."""
    keyed: dict[tuple, list[Candidate]] = {}
    for c in candidates:
        keyed.setdefault(c.key(), []).append(c)
    groups = []
    for members in keyed.values():
        if not members[0].slot.startswith(CLAIM):
            groups += split_by_event(members)
    claims = [c for c in candidates if c.slot.startswith(CLAIM)]
    return groups + claim_groups(claims)


CLAIM = "claim:"


def claim_groups(claims: list[Candidate]) -> list[Group]:
    """Claims joined across articles: of one verb (class) sharing an argument (an entity, or the same
    noun: "the gunman"), else of any verb saying the same in most of their words (``CLAIM_SAME``);
    a claim only one source makes is left out (it is not a fact compare can check)."""
    groups: list[Group] = []
    for c in sorted(claims, key=lambda c: (c.slot, c.article, c.fact.start)):
        target = next((g for g in groups if g.slot == c.slot and c.article not in g.members
                       and set(c.value.members or ()) & claim_keys(g)), None)
        if target is None:
            target = Group(c.slot, None, None, None, None, None)
            groups.append(target)
        target.add(c)
    alone = [g for g in groups if len(g.members) == 1]
    for group in alone:
        if len(group.members) != 1:
            continue
        words = claim_words(group)
        partner = max((g for g in groups if g is not group and not set(g.members) & set(group.members)),
                      key=lambda g: overlap_share(words, claim_words(g)), default=None)
        if partner is not None and overlap_share(words, claim_words(partner)) >= CLAIM_SAME:
            partner.absorb(group)
            group.members.clear()
    return [g for g in groups if len(g.members) >= 2]


# Share of the smaller claim's content words the other must hold for two claims of different verbs
# to say the same thing ("temporarily allowed Texas to resume banning abortions" / "allowed the ban
# to again be enforced"); with at least two words in common.
CLAIM_SAME = 0.5


def claim_keys(group: Group) -> set[str]:
    return {k for cs in group.members.values() for c in cs for k in (c.value.members or ())}


def claim_words(group: Group) -> set[str]:
    from rashomon.compare.verdicts import content_words

    return {w for cs in group.members.values() for c in cs for w in content_words(c.value.text)}


# Fewest content words a claim needs to be matched on its words alone ("were killed" says too little).
CLAIM_MIN_WORDS = 3


def overlap_share(a: set[str], b: set[str]) -> float:
    """Share of the smaller word set the other holds (0 when either is too short or fewer than two
    words are shared)."""
    shared = a & b
    if min(len(a), len(b)) < CLAIM_MIN_WORDS or len(shared) < 2:
        return 0.0
    return len(shared) / min(len(a), len(b))


def split_by_event(members: list[Candidate]) -> list[Group]:
    """The facts of one key as one group, unless an article gives them for two different events (two
    votes, two rulings): then one group per event of such an article, and every other fact joins
    the group of its own (linked) event, else the group whose values it matches, else the group most
    sources are in.

    Linked events are not required to join facts: the linker keeps apart mentions whose dates
    disagree, and that disagreement is exactly what the date facet must show."""
    by_article: dict[str, list[str]] = {}
    for c in members:
        if c.event and c.event not in by_article.setdefault(c.article, []):
            by_article[c.article].append(c.event)
    split = [events for events in by_article.values() if len(events) > 1]
    first = members[0]
    if not split:
        group = Group(first.slot, first.role, first.unit, None, first.scope, first.period, first.key()[3])
        for c in members:
            group.add(c)
        return [group]
    groups = {event: Group(first.slot, first.role, first.unit, event, first.scope, first.period, first.key()[3])
              for event in split[0]}
    for c in sorted(members, key=lambda c: c.event not in groups):
        target = groups.get(c.event) or max(groups.values(), key=lambda g: (value_affinity(g, c), len(g.members)))
        target.add(c)
    return [g for g in groups.values() if g.members]


def value_affinity(group: Group, candidate: Candidate) -> int:
    """How well a fact fits a group by its value: 2 when a member gives the same value, 1 when one
    is compatible with it, else 0."""
    best = 0
    for members in group.members.values():
        for other in members:
            verdict = judge_pair(other.value, candidate.value).verdict
            best = max(best, {"agree": 2, "compatible": 1}.get(verdict, 0))
    return best


def fits(a: Group, b: Group) -> bool:
    """Whether two groups may be one fact: the same slot, role and unit, compatible event, scope and
    period (equal, or unstated on one side), and no source in both."""
    if (a.slot, a.role, a.unit, a.event_type) != (b.slot, b.role, b.unit, b.event_type) or set(a.members) & set(b.members):
        return False
    if not all(getattr(a, n) is None or getattr(b, n) is None or getattr(a, n) == getattr(b, n)
               for n in ("event", "scope")):
        return False
    return periods_compatible(a.period, b.period)


def periods_compatible(p: str | None, q: str | None) -> bool:
    """Two period keys can be the same period: equal; unstated beside a plain one (never beside a
    rolling window or a "since"); two dates that overlap; two keys of different kinds ("last week"
    and "the week ended April 4")."""
    if p == q:
        return True
    if p is None or q is None:
        other = p or q  # an unstated period is the plain one: a running total, this month's figure
        return not other.startswith("rolling") and not other.endswith(":-1")
    kp, _, vp = p.partition(":")
    kq, _, vq = q.partition(":")
    if kp != kq:
        return not ({kp, kq} & set(PERIOD_CLASSES_APART)) and not (p.endswith(":-1") or q.endswith(":-1"))
    if kp == "date":
        return partial_fits(vp, vq) if vp.startswith("--") or vq.startswith("--") else False
    return False


def merge_groups(groups: list[Group], lexicon: Lexicon | None = None) -> list[Group]:
    """Merge each group into the one other group it fits, largest first, while a merge is unique; then
    groups that give the same exact figure under different nouns (step 3)."""
    groups = merge_fitting(sorted(groups, key=lambda g: (-len(g.members), g.slot)))
    return merge_same_figures(groups, lexicon)


# A figure this large repeated exactly by two sources is one fact in other words ("6.6 million people
# applied" / "6.6 million filed claims"); small numbers (three, 12) repeat by chance.
SAME_FIGURE_MIN = 100


def figures(group: Group) -> set[float]:
    """The figures of a group specific enough to tell one fact: large counts, and any figure with
    decimals ("5.4%", "6.6 million" is large anyway)."""
    return {c.value.figure for cs in group.members.values() for c in cs
            if c.value.kind == "quantity" and c.value.figure is not None
            and (c.value.figure >= SAME_FIGURE_MIN or c.value.figure != int(c.value.figure))}


def merge_same_figures(groups: list[Group], lexicon: Lexicon | None) -> list[Group]:
    """Join counts under different slots that state the same large exact figure, with the same unit
    and role and no source in both; the declared slot (or the larger group) names the result."""
    declared = set(lexicon.quantity_slots) if lexicon is not None else set()
    merged = True
    while merged:
        merged = False
        for a in groups:
            for b in groups:
                if a is b or a.unit is None or (a.unit, a.role) != (b.unit, b.role) or set(a.members) & set(b.members):
                    continue
                if not (figures(a) & figures(b)) or not periods_compatible(a.period, b.period):
                    continue
                keep, drop = (a, b) if (a.slot.split("/")[0] in declared, len(a.members)) >= \
                    (b.slot.split("/")[0] in declared, len(b.members)) else (b, a)
                for candidates in drop.members.values():
                    for c in candidates:
                        c.slot = keep.slot
                keep.absorb(drop)
                groups.remove(drop)
                merged = True
                break
            if merged:
                break
    return groups


def merge_fitting(groups: list[Group]) -> list[Group]:
    """Merge each group into the one other group it fits while a merge is unique."""
    merged = True
    while merged:
        merged = False
        for group in groups:
            partners = [g for g in groups if g is not group and fits(group, g)]
            if len(partners) == 1 and len(group.members) <= len(partners[0].members):
                partners[0].absorb(group)
                groups.remove(group)
                merged = True
                break
    return groups


# --- 4. fill -------------------------------------------------------------------------------------------

def fill_gaps(groups: list[Group], candidates: list[Candidate], articles: list[str]) -> None:
    """A source missing from a stated fact gives its own fact of the same slot (under another key),
    or the same figure under another slot, before it is called silent (step 4). A candidate that
    already stands in a fact stated by two or more sources stays there."""
    used = {id(c) for g in groups if len(g.members) >= 2 for cs in g.members.values() for c in cs}
    for group in sorted(groups, key=lambda g: -len(g.members)):
        if not group.members:
            continue
        reference = next(iter(group.members.values()))[0]
        for article in articles:
            if article in group.members:
                continue
            match = best_filler(group, reference, [c for c in candidates if c.article == article and id(c) not in used])
            if match is not None:
                group.add(match)
                used.add(id(match))


def best_filler(group: Group, reference: Candidate, own: list[Candidate]) -> Candidate | None:
    """The article's fact that states the group's fact in other words, if one does."""
    same_slot = [c for c in own if c.slot == group.slot and c.role == group.role and c.unit == group.unit
                 and c.key()[3] == group.event_type and periods_compatible(c.period, group.period)
                 and (c.scope is None or group.scope is None or c.scope == group.scope)
                 and (c.event is None or group.event is None or c.event == group.event)]
    if len(same_slot) == 1 and (group.slot not in INFORMATIVE_ONLY):
        return same_slot[0]
    value = reference.value
    if value.kind == "quantity" and value.figure is not None and value.figure >= 10:
        same_figure = [c for c in own if c.value.kind == "quantity" and c.value.figure == value.figure
                       and c.unit == group.unit and c.role == group.role and periods_compatible(c.period, group.period)]
        if len(same_figure) == 1:
            return same_figure[0]
    return None


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
    everyone gives as the plain case."""
    chosen = {a: best_candidate(cs) for a, cs in group.members.items()}
    chosen = prefer_shared_predicates(group, chosen)
    order = [a for a in ctx.articles if a in chosen]
    plain = INFORMATIVE_ONLY.get(group.slot)
    if plain is not None and all(chosen[a].value.status == plain for a in order):
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
