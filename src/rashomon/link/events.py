"""Events across articles: the mentions of one story that report the same occurrence become one Event.

``merge_events(mentions, resolve)``:

1. map each mention's participants (local entity ids of its article) to corpus ids with
   ``resolve(article, local_id)``; a participant with no corpus entity is dropped;
2. take the mentions in a fixed order (article id, then position) and put each into the
   best-fitting event of its type, or start a new one. A mention fits an event when
   * the dates are compatible (equal, one range holding the other, a year-less ``--02-28`` fitting
     ``2022-02-28``), or one is unknown and they share a place or participants;
   * planned and happened meet only on compatible stated dates (the talks expected on Monday and
     the talks held on Monday), so "the next round" stays apart from the round that took place;
   * participants or sides overlap (a mention with neither may join on a shared place);
   * the event has no mention of that article yet (``read`` already merged each article's mentions
     of one occurrence);
3. number the events ``V1``, ``V2``... in that order; an event's date is the most precise of its
   mentions' dates, its status happened when any article says it happened, else planned;
4. before numbering, events of one type that only their dates keep apart join
   (``merge_lone_instances``): one occurrence per article, the same status, shared people or place.

The result depends only on the mentions and ``resolve``, never on input order.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rashomon.dates import dates_compatible, more_precise
from rashomon.records import CorpusEntity, Event, EventMention

Resolve = Callable[[str, str], "str | None"]

# Words of a place phrase that say nothing about where it is.
PLACE_STOPWORDS = frozenset({"in", "on", "at", "near", "to", "into", "from", "the", "a", "an", "of", "and",
                             "outside", "inside", "along", "across", "within", "off"})


def resolver(entities: Iterable[CorpusEntity]) -> Resolve:
    """A ``resolve`` function from linked corpus entities (their ``members``)."""
    table = {(article, local): entity.id for entity in entities for article, local in entity.members}
    return lambda article, local: table.get((article, local))


def place_words(place: str | None) -> frozenset[str]:
    """Content words of a place phrase ("on the Polish-Belarusian border" -> polish, belarusian, border)."""
    words = re.findall(r"[\w']+", (place or "").lower())
    return frozenset(w for w in words if w not in PLACE_STOPWORDS)


@dataclass
class _Group:
    """An event being built: its mentions and what later mentions are compared with."""

    type: str
    mentions: list[EventMention] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    sides: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    def add(self, mention: EventMention) -> None:
        self.mentions.append(mention)
        self.participants += [p for p in mention.participants if p not in self.participants]
        self.sides |= set(mention.sides)
        self.places |= place_words(mention.place)


def linked(mention: EventMention, resolve: Resolve) -> EventMention:
    """A copy of the mention with corpus entity ids as participants."""
    ids = [resolve(mention.article, local) for local in mention.participants]
    return dataclasses.replace(mention, participants=list(dict.fromkeys(i for i in ids if i)),
                               sides=list(mention.sides))


# People two mentions must share for "plans to nominate X" and "has nominated X" to be one act
# whose sources disagree on whether it happened (with no round or sequence word on either).
SHARED_FOR_STATUS = 2


def statuses_fit(group: _Group, mention: EventMention) -> bool:
    """Planned and happened are one event where both state compatible dates, or where they share
    ``SHARED_FOR_STATUS`` people and neither is numbered or timed ("the next round", "talks in the
    coming days" stay apart from the talks held)."""
    for other in group.mentions:
        if {other.status, mention.status} == {"planned", "happened"}:
            dated = other.date and mention.date and dates_compatible(other.date, mention.date)
            same_act = (len(set(other.participants) & set(mention.participants)) >= SHARED_FOR_STATUS
                        and other.sequence is None and mention.sequence is None and other.article != mention.article
                        and not (other.time or mention.time))  # "in the coming days": a later occurrence
            if not (dated or same_act):
                return False
    return True


def fit_score(group: _Group, mention: EventMention) -> int | None:
    """How well a mention fits an event (None: it cannot be the same occurrence)."""
    if group.type != mention.type or any(m.article == mention.article for m in group.mentions):
        return None
    if not all(dates_compatible(m.date, mention.date) for m in group.mentions) or not statuses_fit(group, mention):
        return None
    shared_people = set(group.participants) & set(mention.participants)
    shared_sides = group.sides & set(mention.sides)
    shared_place = bool(group.places & place_words(mention.place))
    has_people = bool(mention.participants or mention.sides) and bool(group.participants or group.sides)
    if has_people and not (shared_people or shared_sides):
        return None
    if not has_people and not shared_place:
        return None
    dated = [m.date for m in group.mentions if m.date]
    if not (mention.date and dated) and not (shared_place or shared_people):
        return None  # a date unknown on one side: the same place or people must say it is the same
    score = 2 * len(shared_people) + bool(shared_sides) + 2 * shared_place
    score += bool(mention.date and mention.date in dated)
    score += any(m.status == mention.status for m in group.mentions)
    return score


def make_event(index: int, group: _Group) -> Event:
    """The Event record of a finished group."""
    date = None
    for mention in group.mentions:
        date = more_precise(date, mention.date) if date else mention.date
    statuses = {m.status for m in group.mentions}
    status = next(s for s in ("happened", "planned", "denied", "unknown") if s in statuses)
    return Event(id=f"V{index + 1}", type=group.type, articles=list(dict.fromkeys(m.article for m in group.mentions)),
                 mentions=list(group.mentions), participants=list(group.participants), date=date, status=status)


def merge_events(mentions: list[EventMention], resolve: Resolve) -> list[Event]:
    """One Event per occurrence reported by the mentions of a story (see the module docstring)."""
    ordered = sorted((linked(m, resolve) for m in mentions),
                     key=lambda m: (m.article, m.evidence.start, m.type, m.trigger))
    groups: list[_Group] = []
    for mention in ordered:
        fits = [(score, -n) for n, g in enumerate(groups) if (score := fit_score(g, mention)) is not None]
        if fits:
            groups[-max(fits)[1]].add(mention)
        else:
            group = _Group(mention.type)
            group.add(mention)
            groups.append(group)
    return [make_event(n, g) for n, g in enumerate(merge_lone_instances(groups))]


def merge_lone_instances(groups: list[_Group]) -> list[_Group]:
    """Join the events of one type that only their dates keep apart (step 4 of the module docstring):
    when each article reports one occurrence of the type, with the same status, and the two share
    people or a place, they are one occurrence whose sources disagree on the day; the date facet
    then shows the conflict instead of two events hiding it. An article that reports two
    occurrences of the type (two votes, two rounds) keeps them apart."""
    per_article: dict[tuple[str, str], int] = {}
    for group in groups:
        for article in {m.article for m in group.mentions}:
            per_article[(article, group.type)] = per_article.get((article, group.type), 0) + 1
    def lone(group: _Group) -> bool:
        return all(per_article[(m.article, group.type)] == 1 for m in group.mentions)
    merged: list[_Group] = []
    for group in groups:
        partner = next((g for g in merged if g.type == group.type and lone(g) and lone(group)
                        and not {m.article for m in g.mentions} & {m.article for m in group.mentions}
                        and {m.status for m in g.mentions} == {m.status for m in group.mentions}
                        and (set(g.participants) & set(group.participants) or g.places & group.places)), None)
        if partner is None:
            merged.append(group)
        else:
            for mention in group.mentions:
                partner.add(mention)
    return merged
