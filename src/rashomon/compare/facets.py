"""Line the sources of a story up fact by fact: one facet per fact, a value per source, a verdict.

``story_facets`` is the orchestrator. For the story's main event (the one most of its articles
report) it builds, in order:

1. ``date``, ``start_time``, ``place``, ``duration``, ``outcome`` from each article's event mention;
2. ``next_steps`` from planned events of the story (the next round, a follow-up meeting);
3. ``participants`` per side: who each article lists in a side's delegation or team, named people
   and role-only descriptions (a description the linker aligned to a person counts as that person);
4. ``aims`` per side: what that side's speakers say they seek;
5. ``count``: the same counted thing given different numbers ("12 trawlers" / "eleven trawlers");
6. ``head`` per side: who leads a side's delegation ("led by", "headed by", "X heads the ..."):
   two different heads are a conflict.

Each value carries the sentence behind it. The verdict over all sources: ``conflict`` if any two
values contradict, else ``partial`` if some sources are silent (listed in ``missing_in``), else
``compatible`` if they differ only in specificity or within their hedges, else ``agree``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from rashomon.compare import reasoning
from rashomon.compare.reasoning import Judgement
from rashomon.compare.sentences import sentence_of, split_sentences
from rashomon.knowledge import country_of, load_words
from rashomon.records import CorpusEntity, Event, EventMention, Evidence, Facet, FacetValue, Reading

Resolve = Callable[[str, str], "str | None"]  # (article id, local entity id) -> corpus entity id

COMPARATORS: dict[str, Callable[[str, str], Judgement]] = {
    "date": reasoning.compare_dates,
    "start_time": reasoning.compare_texts,
    "place": reasoning.compare_places,
    "duration": reasoning.compare_quantities,
    "outcome": reasoning.compare_texts,
    "next_steps": reasoning.compare_texts,
    "aims": reasoning.compare_texts,
    "count": reasoning.compare_quantities,
}
# Words by which a speaker states an aim ("will seek a ceasefire", "the main purpose ... was").
AIM_WORDS = re.compile(r"\b(seek|seeks|sought|aim|aims|aimed|purpose|goal|demand|demands|want|wants|wanted|call for|"
                       r"calls for|insist|insists|push for|hope to|intend)\b", re.I)
# "led by X", "headed by X" (X follows) and "X leads/heads the delegation" (X precedes).
HEAD_AFTER = re.compile(r"\b(?:led|headed|chaired)\s+by\s+", re.I)
HEAD_BEFORE = re.compile(r"\s+(?:leads|heads|led|headed|is leading|was leading)\s+the\b", re.I)
# How far from the cue the leader's name may start or end (characters): "led by Sea Minister Rui Tavares".
HEAD_REACH = 60
# A counted thing: a number (digits or words) then up to two modifiers and a plural noun.
COUNT_PATTERN = re.compile(r"\b(?:nearly |about |around |roughly |some |more than |at least |over )?"
                           r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                           r"fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:[A-Za-z-]+\s+){0,2}([a-z]+s)\b")


@dataclass
class StoryContext:
    """What the facet builders need of a story."""

    articles: list[str]
    readings: dict[str, Reading]
    events: list[Event]
    entities: dict[str, CorpusEntity]
    resolve: Resolve

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        """How sources are named in explanations: outlet (or article id), with the id when an outlet repeats."""
        outlets = {a: self.readings[a].article.source.outlet or a for a in self.articles}
        repeated = {o for o in outlets.values() if list(outlets.values()).count(o) > 1}
        return {a: f"{o} ({a})" if o in repeated else o for a, o in outlets.items()}

    @functools.cached_property
    def described(self) -> dict[tuple[str, int, int], str]:
        """(article, start, end) of each aligned description of the story -> its corpus entity."""
        wanted = set(self.articles)
        return {(m.article, m.start, m.end): e.id for e in self.entities.values() for m in e.mentions
                if m.kind == "description" and m.article in wanted}


def sentence_at(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence of ``text`` holding offsets ``start``..``end``."""
    return sentence_of(split_sentences(text), start, start if end is None else end)


def evidence_of(reading: Reading, start: int, end: int) -> Evidence:
    """The sentence behind a value as an Evidence record."""
    s, e = sentence_at(reading.article.text, start, end)
    return Evidence(reading.article.id, reading.article.text[s:e].strip(), s, e)


def judge(name: str, values: list[FacetValue], articles: list[str], side: str | None = None,
          compare: Callable[[FacetValue, FacetValue], Judgement] | None = None,
          labels: dict[str, str] | None = None) -> Facet:
    """Pairwise judgements over the stated values, folded into one verdict with its explanation."""
    if compare is None:
        by_text = COMPARATORS.get(name, reasoning.compare_texts)
        compare = lambda a, b: by_text(str(a.value), str(b.value))  # noqa: E731
    stated = {v.article for v in values}
    missing = [a for a in articles if a not in stated]
    distinct = list({value_key(v): v for v in reversed(values)}.values())[::-1]  # each distinct value once
    judgements = [compare(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:]]
    verdicts = {j.verdict for j in judgements}
    if "conflict" in verdicts:
        verdict = "conflict"
    elif missing:
        verdict = "partial"
    elif "compatible" in verdicts:
        verdict = "compatible"
    else:
        verdict = "agree"
    reasons = list(dict.fromkeys(j.explanation for j in judgements if verdict != "partial" or j.verdict != "agree"))
    if missing:
        names = [(labels or {}).get(a, a) for a in missing]
        reasons.append(f"stated by {len(stated)} of {len(articles)} sources; not stated in {', '.join(names)}")
    if not judgements and len(stated) > 1:
        reasons.insert(0, f"all {len(stated)} sources that state it give the same value")
    elif not judgements:
        reasons.insert(0, "only one source states it")
    return Facet(name=name, verdict=verdict, explanation="; ".join(reasons), values=values, missing_in=missing, side=side)


def value_key(value: FacetValue) -> str:
    """What makes two values the same for comparison: their words, or the entities they resolve to."""
    if value.entities:
        return " ".join(sorted(value.entities))
    return " ".join(str(value.value).lower().split())


def main_event(events: list[Event]) -> Event | None:
    """The event most articles report (happened before planned; more mentions first)."""
    if not events:
        return None
    return max(events, key=lambda e: (len(set(e.articles)), e.status == "happened", len(e.mentions)))


def mention_facets(ctx: StoryContext, event: Event) -> list[Facet]:
    """date, start_time, place, duration, outcome from each article's mention of the main event (step 1)."""
    facets = []
    for name, attribute in (("date", "date"), ("start_time", "start_time"), ("place", "place"),
                            ("duration", "duration"), ("outcome", "outcome")):
        values = []
        for article in ctx.articles:
            mention = first_with(event.mentions, article, attribute)
            if mention is None:
                continue
            value = getattr(mention, attribute)
            evidence = value_evidence(ctx.readings[article], str(value), mention.evidence)
            values.append(FacetValue(article, value, evidence=evidence))
        if values:
            facets.append(judge(name, values, ctx.articles, labels=ctx.labels))
    return facets


def value_evidence(reading: Reading, value: str, fallback: Evidence) -> Evidence:
    """The sentence where the value's own words stand (nearest the event's sentence), else the event's sentence."""
    text = reading.article.text
    positions = [m.start() for m in re.finditer(re.escape(value), text)] if value else []
    if not positions:
        return fallback
    start = min(positions, key=lambda p: abs(p - fallback.start))
    return evidence_of(reading, start, start + len(value))


def first_with(mentions: list[EventMention], article: str, attribute: str) -> EventMention | None:
    """The article's first mention of an event with ``attribute`` stated."""
    return next((m for m in mentions if m.article == article and getattr(m, attribute)), None)


def next_step_facet(ctx: StoryContext, event: Event) -> list[Facet]:
    """What the sources say comes next: planned events of the story other than the main one (step 2)."""
    values = []
    for article in ctx.articles:
        for other in ctx.events:
            if other.id == event.id or other.status != "planned" or other.type != event.type:
                continue
            mention = next((m for m in other.mentions if m.article == article), None)
            if mention is not None:
                parts = [other.type.replace("_", " "), mention.time or "", mention.place or ""]
                values.append(FacetValue(article, ", ".join(p for p in parts if p), evidence=mention.evidence))
                break
    return [judge("next_steps", values, ctx.articles, labels=ctx.labels)] if values else []


def is_group_sentence(sentence: str) -> str | None:
    """The country of a side's delegation or team a sentence lists people under, if any.

    A group noun ("delegation", "team", "side") with a country word among the three words before it:
    "Portugal's team comprises", "On the Portuguese side, there were", "The Moroccan delegation included".
    """
    groups = load_words("groups.txt")
    words = re.findall(r"[\w’'-]+", sentence)
    for i, word in enumerate(words):
        if word.lower() in groups:
            for previous in reversed(words[max(0, i - GROUP_WINDOW):i]):
                country = country_of(previous)
                if country:
                    return country
    return None


# How many words before a group noun may name its country ("the Portuguese government's team").
GROUP_WINDOW = 3


def delegations(ctx: StoryContext, article: str) -> dict[str, dict[str, str]]:
    """Side -> {corpus id or description key: label} for the people an article lists in a side's team."""
    reading = ctx.readings[article]
    text = reading.article.text
    found: dict[str, dict[str, str]] = {}
    for start, end in split_sentences(text):
        side = is_group_sentence(text[start:end])
        if side is None:
            continue
        members = found.setdefault(side, {})
        for entity in reading.entities:
            if entity.type != "PERSON" or entity.side not in (side, None):
                continue
            for m in entity.mentions:
                if start <= m.start < end and not text[m.end:m.end + 2] in ("’s", "'s"):
                    corpus_id = ctx.resolve(article, entity.id) or f"{article}:{entity.id}"
                    members[corpus_id] = m.text
        for d in reading.descriptions:
            if start <= d.start < end and d.side in (side, None):
                corpus_id = aligned_entity(ctx, article, d.start, d.end)
                members[corpus_id or f"desc:{article}:{d.id}"] = d.text
    return found


def aligned_entity(ctx: StoryContext, article: str, start: int, end: int) -> str | None:
    """The corpus entity a role-only description was aligned to, if the linker aligned it."""
    return ctx.described.get((article, start, end))


def participant_facets(ctx: StoryContext) -> list[Facet]:
    """Who each source lists for each side (step 3).

    A value lists everyone the source names or describes; ``entities`` holds the linked people only,
    so the people described but not aligned to anyone are the difference between the two.
    """
    by_article = {a: delegations(ctx, a) for a in ctx.articles}
    sides = sorted({side for d in by_article.values() for side in d})
    names = {e.id: e.name for e in ctx.entities.values()}
    facets = []
    for side in sides:
        values = []
        for a in ctx.articles:
            if side in by_article[a]:
                members = by_article[a][side]
                linked = sorted(k for k in members if not k.startswith("desc:"))
                values.append(FacetValue(a, sorted(members.values()), entities=linked,
                                         evidence=group_evidence(ctx.readings[a], side)))
        facets.append(judge("participants", values, ctx.articles, side=side,
                            compare=lambda a, b: compare_members(a, b, names), labels=ctx.labels))
    return facets


def compare_members(va: FacetValue, vb: FacetValue, names: dict[str, str]) -> Judgement:
    """Compare two delegations by the people they resolve to; unaligned descriptions never contradict."""
    known_a, known_b = set(va.entities), set(vb.entities)
    unnamed = len(va.value) - len(known_a) + len(vb.value) - len(known_b)
    judgement = reasoning.compare_sets(known_a, known_b, names)
    if judgement.verdict == "conflict" and unnamed:
        judgement = Judgement("compatible", f"{judgement.explanation}; unnamed members may be the same people")
    if unnamed:
        judgement.explanation += f"; {unnamed} described but not named"
    return judgement


def group_evidence(reading: Reading, side: str) -> Evidence | None:
    """The sentence listing a side's delegation."""
    text = reading.article.text
    for start, end in split_sentences(text):
        if is_group_sentence(text[start:end]) == side:
            return Evidence(reading.article.id, text[start:end].strip(), start, end)
    return None


def aim_facets(ctx: StoryContext) -> list[Facet]:
    """What each side's speakers say they seek (step 4)."""
    per_side: dict[str, list[FacetValue]] = {}
    for article in ctx.articles:
        reading = ctx.readings[article]
        seen: set[str] = set()
        for quote in reading.quotes:
            sentence = reading.article.text[slice(*sentence_at(reading.article.text, quote.start, quote.end))]
            if not AIM_WORDS.search(sentence) or quote.speaker.entity is None:
                continue
            corpus_id = ctx.resolve(article, quote.speaker.entity)
            side = ctx.entities[corpus_id].side if corpus_id in ctx.entities else None
            if side is None or side in seen:
                continue
            seen.add(side)
            per_side.setdefault(side, []).append(
                FacetValue(article, quote.text, entities=[corpus_id], evidence=evidence_of(reading, quote.start, quote.end)))
    return [judge("aims", values, ctx.articles, side=side, labels=ctx.labels) for side, values in sorted(per_side.items())]


def count_facets(ctx: StoryContext) -> list[Facet]:
    """The same counted thing with numbers in two or more sources (step 5)."""
    per_noun: dict[str, list[FacetValue]] = {}
    for article in ctx.articles:
        reading = ctx.readings[article]
        seen: set[str] = set()
        for match in COUNT_PATTERN.finditer(reading.article.text):
            noun = match.group(2).lower()
            if noun in seen or noun in {"years", "days", "hours", "minutes", "weeks", "months", "times"}:
                continue
            seen.add(noun)
            per_noun.setdefault(noun, []).append(
                FacetValue(article, match.group(0), evidence=evidence_of(reading, match.start(), match.end())))
    facets = []
    for noun, values in sorted(per_noun.items()):
        if len({v.article for v in values}) >= 2:
            facet = judge("count", values, ctx.articles, labels=ctx.labels)
            facet.explanation = f"{noun}: {facet.explanation}"
            facets.append(facet)
    return facets


def people_in(reading: Reading, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, local entity id) of person mentions and descriptions that start within [start, end)."""
    found = [(m.start, e.id) for e in reading.entities if e.type == "PERSON" for m in e.mentions
             if start <= m.start < end]
    found += [(d.start, f"desc:{d.id}") for d in reading.descriptions if start <= d.start < end]
    return sorted(found)


def heads(ctx: StoryContext, article: str) -> list[tuple[str, str, Evidence]]:
    """(corpus id, label, evidence) of each delegation head an article names."""
    reading = ctx.readings[article]
    text = reading.article.text
    found = []
    for match in HEAD_AFTER.finditer(text):
        people = people_in(reading, match.end(), match.end() + HEAD_REACH)
        if people:
            found.append(head_record(ctx, reading, people[0][1], match.start()))
    for match in HEAD_BEFORE.finditer(text):
        people = [p for p in people_in(reading, match.start() - HEAD_REACH, match.start())]
        if people:
            found.append(head_record(ctx, reading, people[-1][1], match.start()))
    return found


def head_record(ctx: StoryContext, reading: Reading, local: str, offset: int) -> tuple[str, str, Evidence]:
    """The corpus id, a label and the evidence of a head found in a reading."""
    article = reading.article.id
    if local.startswith("desc:"):
        desc = next(d for d in reading.descriptions if d.id == local[5:])
        corpus_id = aligned_entity(ctx, article, desc.start, desc.end) or f"{article}:{local}"
        label = desc.text
    else:
        corpus_id = ctx.resolve(article, local) or f"{article}:{local}"
        label = next(e.name for e in reading.entities if e.id == local)
    if corpus_id in ctx.entities:
        label = ctx.entities[corpus_id].name
    return corpus_id, label, evidence_of(reading, offset, offset)


def head_facets(ctx: StoryContext) -> list[Facet]:
    """Who leads each side's delegation, by source (step 6)."""
    per_side: dict[str, list[FacetValue]] = {}
    for article in ctx.articles:
        for corpus_id, label, evidence in heads(ctx, article):
            entity = ctx.entities.get(corpus_id)
            side = entity.side if entity else None
            if side is None or any(v.article == article for v in per_side.get(side, [])):
                continue
            per_side.setdefault(side, []).append(FacetValue(article, label, entities=[corpus_id], evidence=evidence))
    names = {e.id: e.name for e in ctx.entities.values()}
    compare = lambda a, b: reasoning.compare_sets(set(a.entities), set(b.entities), names)  # noqa: E731
    return [judge("head", values, ctx.articles, side=side, compare=compare, labels=ctx.labels) for side, values in sorted(per_side.items())]


def story_facets(articles: list[str], readings: dict[str, Reading], events: list[Event],
                 entities: dict[str, CorpusEntity], resolve: Resolve) -> list[Facet]:
    """All facets of one story (see the module docstring for the steps)."""
    ctx = StoryContext(articles, readings, events, entities, resolve)
    facets: list[Facet] = []
    event = main_event(events)
    if event is not None:
        facets += mention_facets(ctx, event)
        facets += next_step_facet(ctx, event)
        for facet in facets:
            facet.event = event.id
    facets += participant_facets(ctx)
    facets += head_facets(ctx)
    facets += aim_facets(ctx)
    facets += count_facets(ctx)
    return facets
