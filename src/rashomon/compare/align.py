"""Alignment: the facts of a story's articles lifted to the corpus and grouped into the facts they
state together (see ``compare.facets`` for the steps: collect, group, merge, fill).

Every fact becomes a ``Candidate`` with its alignment key (slot; for counts the role, unit, period
and scope; for event slots the event type's family); ``Group``s of candidates are what ``facets``
judges. No article text is read: only the Readings' facts and the story's linked records.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from rashomon.meaning import SAME_MEANING, similarity, warm
from rashomon.compare.verdicts import judge_pair
from rashomon.dates import partial_fits
from rashomon.read.events import Lexicon
from rashomon.records import CorpusEntity, Event, Fact, Reading, Value

Resolve = Callable[[str, str], "str | None"]  # (article id, local entity id) -> corpus entity id

# Slots whose facts only matter when they differ from the plain case: every event "happened" in most
# articles, so a status facet is shown only when some source says planned or denied.
INFORMATIVE_ONLY = {"status": "happened"}
# Key components that may be unstated; a group silent on one merges into the one group it fits.
WILDCARDS = ("event", "scope", "period")
PERIOD_CLASSES_APART = ("rolling", "since")
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
    warm([c.value.text for c in claims])
    alone = [g for g in groups if len(g.members) == 1]
    for group in alone:
        if len(group.members) != 1:
            continue
        others = [g for g in groups if g is not group and g.members and not set(g.members) & set(group.members)]
        partner = max(others, key=lambda g: claim_affinity(group, g), default=None)
        if partner is not None and claim_affinity(group, partner) >= 1.0:
            partner.absorb(group)
            group.members.clear()
    return [g for g in groups if len(g.members) >= 2]


def claim_affinity(a: Group, b: Group) -> float:
    """How surely two claims say the same: their shared words' share over ``CLAIM_SAME``, or their
    meaning (embedding cosine) over ``SAME_MEANING`` (1.0 or more: the same)."""
    words = overlap_share(claim_words(a), claim_words(b)) / CLAIM_SAME
    texts = [(x.value.text, y.value.text) for xs in a.members.values() for x in xs for ys in b.members.values()
             for y in ys]
    meaning = max((similarity(x, y) or 0.0 for x, y in texts), default=0.0) / SAME_MEANING
    return max(words, meaning)


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
    """Whether two groups may be one fact: the same slot, role and unit, compatible event type,
    event, scope and period (equal, or unstated on one side), and no source in both."""
    if (a.slot, a.role, a.unit) != (b.slot, b.role, b.unit) or set(a.members) & set(b.members):
        return False
    # a day or place read with no event type (the lexicon tier's lead) fits the story's of any type
    if a.event_type != b.event_type and a.event_type is not None and b.event_type is not None:
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
    groups that give the same exact figure under different nouns; then a fact one source alone states
    into the fact another source states in a sentence of the same meaning (step 3)."""
    groups = merge_fitting(sorted(groups, key=lambda g: (-len(g.members), g.slot)))
    groups = merge_same_figures(groups, lexicon)
    return merge_same_sentences(groups)


# Cosine of two evidence sentences' embeddings at or above which they report the same thing. Swept
# on the dev fact gold at 0.88 / 0.90 / 0.92 / 0.94: aligned 0.589 / 0.584 / 0.584 / 0.579, exact
# 0.553 / 0.547 / 0.547 / 0.543, no false conflict at any; 0.90 keeps a margin above the
# related-but-different range of ``rashomon.meaning``.
SAME_SENTENCE = 0.90


def sentence_meaning(a: Group, b: Group) -> float:
    """The highest cosine between the evidence sentences of two groups (0 without the model)."""
    texts_a = {c.fact.evidence.text for cs in a.members.values() for c in cs}
    texts_b = {c.fact.evidence.text for cs in b.members.values() for c in cs}
    return max((similarity(x, y) or 0.0 for x in texts_a for y in texts_b), default=0.0)


def same_fact_in_other_words(single: Group, other: Group) -> bool:
    """Whether a one-source fact can be the other group's fact: of the same kind of value, no source in
    both, and either the same slot of the same kind of event (a day or place the events kept apart) or
    the same value under
    another name ("two men were charged" / "two were arrested"): different slots never conflict."""
    if set(single.members) & set(other.members) or (single.unit, single.role) != (other.unit, other.role):
        return False
    mine = next(iter(single.members.values()))[0]
    theirs = [c for cs in other.members.values() for c in cs]
    if mine.value.kind != theirs[0].value.kind or mine.value.kind == "title":
        return False
    if single.slot == other.slot and single.event_type == other.event_type:  # a day the events kept apart
        return periods_compatible(single.period, other.period)
    # another slot, or another kind of event (a statement's day is not the attack's): only the same value
    return all(judge_pair(mine.value, c.value).verdict == "agree" for c in theirs)


def merge_same_sentences(groups: list[Group]) -> list[Group]:
    """Join a fact stated by one source to the fact another source states in a sentence of the same
    meaning (``SAME_SENTENCE``), when ``same_fact_in_other_words``: the other group keeps its slot
    (the larger, else the earlier)."""
    warm([c.fact.evidence.text for g in groups for cs in g.members.values() for c in cs])
    for single in [g for g in groups if len(g.members) == 1 and not g.slot.startswith(CLAIM)]:
        if single not in groups:
            continue
        partners = [(sentence_meaning(single, g), g) for g in groups if g is not single
                    and not g.slot.startswith(CLAIM) and same_fact_in_other_words(single, g)]
        partners = [(m, g) for m, g in partners if m >= SAME_SENTENCE]
        if not partners:
            continue
        _, target = max(partners, key=lambda x: (x[0], len(x[1].members)))
        for candidates in single.members.values():
            for c in candidates:
                c.slot = target.slot
        target.absorb(single)
        groups.remove(single)
    return groups


# A figure this large repeated exactly by two sources is one fact in other words ("6.6 million people
# applied" / "6.6 million filed claims"); small numbers (three, 12) repeat by chance.
SAME_FIGURE_MIN = 100


def figures(group: Group) -> set[float]:
    """The figures of a group specific enough to tell one fact: large counts, and any figure with
    decimals ("5.4%", "6.6 million" is large anyway)."""
    return {c.value.figure for cs in group.members.values() for c in cs
            if c.value.kind == "quantity" and c.value.figure is not None
            and (c.value.figure >= SAME_FIGURE_MIN or c.value.figure != int(c.value.figure))}


# The slot prefix of a count the lexicon tier reads with only the word after it (read/lexicon.py).
BARE_COUNT = "count/"


def merge_same_figures(groups: list[Group], lexicon: Lexicon | None) -> list[Group]:
    """Join counts under different slots that state the same large exact figure, with the same unit
    and role (or one unstated) and no source in both; the declared slot (or the larger group) names
    the result. This is how counts line up across languages: "214 Passagiere" and "214 people"."""
    declared = set(lexicon.quantity_slots) if lexicon is not None else set()
    merged = True
    while merged:
        merged = False
        for a in groups:
            for b in groups:
                if a is b or a.unit is None or a.unit != b.unit or set(a.members) & set(b.members):
                    continue
                if a.role != b.role and a.role and b.role:  # an unstated role (a lexicon-tier count) fits any
                    continue
                if not (figures(a) & figures(b)) or not periods_compatible(a.period, b.period):
                    continue
                # the slot named by an event type, else one a model read (not a bare lexicon-tier
                # "count/<word>"), else the larger group's
                keep, drop = (a, b) if (a.slot.split("/")[0] in declared, not a.slot.startswith(BARE_COUNT),
                                        len(a.members)) >= \
                    (b.slot.split("/")[0] in declared, not b.slot.startswith(BARE_COUNT), len(b.members)) else (b, a)
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
    the same figure under another slot, or a text of the same meaning (a decision it words as a
    claim) before it is called silent (step 4). A candidate that already stands in a fact stated by
    two or more sources stays there."""
    used = {id(c) for g in groups if len(g.members) >= 2 for cs in g.members.values() for c in cs}
    own_of: dict[str, list[Candidate]] = {}  # by article once: not every candidate per group and article
    for c in candidates:
        own_of.setdefault(c.article, []).append(c)
    for group in sorted(groups, key=lambda g: -len(g.members)):
        if not group.members:
            continue
        reference = next(iter(group.members.values()))[0]
        for article in articles:
            if article in group.members:
                continue
            match = best_filler(group, reference, [c for c in own_of.get(article, ()) if id(c) not in used])
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
    if value.kind == "text":  # a decision or cause the other source words as a claim, or the reverse
        alike = [(similarity(value.text, c.value.text) or 0.0, c) for c in own if c.value.kind == "text"]
        best = max(alike, key=lambda x: x[0], default=(0.0, None))
        if best[0] >= SAME_MEANING:
            return best[1]
    return None
