"""Judging two typed values two sources give for the same fact: quantities, dates, places, entities,
titles, tallies, statuses and short texts.

``judge_pair(a, b)`` returns a ``Judgement``: ``agree`` (the same value, allowing format and
paraphrase), ``compatible`` (both can be true: one more specific, one a hedge of the other, two
forecasts), or ``conflict`` (they cannot both be true as printed), with a one-line reason a reader
can check ("37 vs at least 40: the ranges do not overlap"). Values are ``records.Value``: everything
was read in ``read``; nothing here looks at article text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from rashomon.meaning import SAME_MEANING, similarity
from rashomon.dates import date_bounds, partial_fits
from rashomon.knowledge import load_words
from rashomon.places import contains, distance_km, place_by_id
from rashomon.records import Value

# Two cities closer than this are compatible ways of naming one place (a town and its neighbouring
# venue); farther apart they are different places. Kept from the seeds' calibration (Gomel and the
# banks of the Pripyat are 40 km apart).
NEAR_KM = 50.0
# Share of the smaller side's content words the other must hold for two short texts (outcomes,
# decisions, aims) to say the same thing ("ceasefire and withdrawal of troops" in both).
TEXT_AGREE = 0.5
ROLES_THAT_DIFFER_FREELY = frozenset({"expected", "target"})
# A count "including the shooter" may exceed a count of victims by this many (the attackers it adds).
INCLUDED_MAX = 3
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Judgement:
    """A verdict on two values, with its reason."""

    verdict: str  # agree | compatible | conflict
    explanation: str


def judge_pair(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Compare two values of one fact by their kind (see the module docstring). The day or place of
    acts by two different actors (who each side says acted) do not contradict each other."""
    if a.kind != b.kind:
        return Judgement("compatible", f"'{a.text}' and '{b.text}' say it in different terms")
    judgement = JUDGES.get(a.kind, judge_texts)(a, b, exclusive)
    if judgement.verdict == "conflict" and a.kind in ("date", "place") and a.members and b.members \
            and not set(a.members) & set(b.members):
        return Judgement("compatible", f"{a.text} and {b.text}: different actors, perhaps two occurrences")
    return judgement


# --- quantities ------------------------------------------------------------------------------------

def judge_quantities(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Equal figures agree; intervals that overlap (or a figure inside the other's range) are
    compatible; two forecasts or targets never conflict; otherwise the figures conflict."""
    if same_figure(a, b):
        return Judgement("agree", f"{a.text} and {b.text} are the same figure")
    inclusive = a if a.note else b if b.note else None
    if inclusive is not None and a.figure is not None and b.figure is not None \
            and 0 < inclusive.figure - min(a.figure, b.figure) <= INCLUDED_MAX:
        return Judgement("compatible", f"{a.text} and {b.text}: one count is {inclusive.note}")
    if overlaps(a, b):
        return Judgement("compatible", f"{a.text} and {b.text} can both be true: {range_reason(a, b)}")
    if a.role in ROLES_THAT_DIFFER_FREELY and b.role in ROLES_THAT_DIFFER_FREELY:
        return Judgement("compatible", f"{a.text} and {b.text} are different {a.role} figures, not facts that exclude each other")
    return Judgement("conflict", f"{a.text} vs {b.text}: {'the ranges do not overlap' if a.hedge or b.hedge else 'different figures'}")


def same_figure(a: Value, b: Value) -> bool:
    """The same stated figure with the same hedge ("943,000" and "943,000"; "a dozen" and "12")."""
    if a.figure is None or b.figure is None:
        return a.low == b.low and a.high == b.high and a.figure is None and b.figure is None
    return abs(a.figure - b.figure) <= 1e-9 * max(1.0, abs(a.figure)) and a.hedge == b.hedge


def bounds(v: Value) -> tuple[float, float]:
    low = v.low if v.low is not None else (v.figure if v.figure is not None else float("-inf"))
    high = v.high if v.high is not None else float("inf")
    return low, high


def overlaps(a: Value, b: Value) -> bool:
    """Whether two intervals share more than a touching end, or one is a figure inside the other.

    Rounded figures are closed intervals of half a unit ("6.8 million" = 6.75-6.85 million), so two
    different figures at the same precision only touch: that is no overlap."""
    (la, ha), (lb, hb) = bounds(a), bounds(b)
    if max(la, lb) < min(ha, hb):
        return True
    point_a, point_b = la == ha, lb == hb
    return (point_a and lb <= la <= hb) or (point_b and la <= lb <= ha)


def range_reason(a: Value, b: Value) -> str:
    if a.hedge or b.hedge:
        return "the ranges overlap once the hedges are read"
    return "one is a rounding of the other"


# --- dates -----------------------------------------------------------------------------------------

def judge_dates(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Anchored dates as ranges; a year-less date against a full one; else weekday against weekday;
    clock times against clock times or parts of the day."""
    if a.clock and b.clock and not (a.date or b.date or a.weekday or b.weekday):
        return judge_clocks(a, b)
    da, db = a.date or a.partial, b.date or b.partial
    if da and db:
        return judge_day_values(a, b, da, db)
    if a.weekday and b.weekday:
        if a.weekday != b.weekday:
            return Judgement("conflict", f"{a.text} vs {b.text}: different days")
        if a.part and b.part and a.part != b.part and {a.part, b.part} != {"late", "night"}:
            return Judgement("compatible", f"both {WEEKDAY_NAMES[a.weekday - 1]}, at different times of the day "
                             f"({a.text} / {b.text})")
        return Judgement("agree", f"both {WEEKDAY_NAMES[a.weekday - 1]}")
    if (a.clock or a.part) and (b.clock or b.part) and not (da or db):
        return judge_clocks(a, b)
    return Judgement("compatible", f"{a.text} and {b.text} name the day differently (one cannot be placed)")


def judge_day_values(a: Value, b: Value, da: str, db: str) -> Judgement:
    """Two normalised day values (YYYY-MM-DD, ranges, year-less --MM-DD)."""
    if da == db:
        return Judgement("agree", f"both give {da}")
    if da.startswith("--") or db.startswith("--"):
        partial, full = (da, db) if da.startswith("--") else (db, da)
        if partial_fits(partial, full):
            bounds_ = date_bounds(full)
            if bounds_ is not None and bounds_[0] == bounds_[1] and len(partial) == 7:
                return Judgement("agree", f"the same day, {full}; one source gives no year")
            return Judgement("compatible", f"{partial} falls within {full}; one source gives no year")
        return Judgement("conflict", f"{a.text} vs {b.text}: different days")
    ra, rb = date_bounds(da), date_bounds(db)
    if ra is None or rb is None:
        return Judgement("compatible", f"{a.text} and {b.text} cannot be placed on one calendar")
    if ra[0] <= rb[0] and rb[1] <= ra[1] or rb[0] <= ra[0] and ra[1] <= rb[1]:
        return Judgement("compatible", f"{da} and {db}: one lies within the other (different precision)")
    return Judgement("conflict", f"{a.text} ({da}) vs {b.text} ({db}): the dates do not overlap")


PART_HOURS = {"morning": (5, 12), "midday": (11, 14), "afternoon": (12, 18), "evening": (17, 22),
              "night": (19, 29), "early": (0, 12), "late": (17, 29)}


def judge_clocks(a: Value, b: Value) -> Judgement:
    """Times of day: the same clock agrees, a clock within the other's part of day is compatible."""
    if a.clock and b.clock:
        if a.clock == b.clock:
            return Judgement("agree", f"both at {a.clock}")
        return Judgement("conflict", f"{a.text} vs {b.text}: different times")
    clock, part = (a, b) if a.clock else (b, a)
    if clock.clock and part.part in PART_HOURS:
        hour = int(clock.clock.split(":")[0])
        low, high = PART_HOURS[part.part]
        if low <= hour < high or low <= hour + 24 < high:
            return Judgement("compatible", f"{clock.text} falls in the {part.part} ({part.text}): different precision")
        return Judgement("conflict", f"{clock.text} is not in the {part.part} ({part.text})")
    return Judgement("compatible", f"{a.text} and {b.text} give the time with different precision")


# --- places, entities, titles ----------------------------------------------------------------------

def judge_places(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """By gazetteer identity, containment and distance; places the gazetteer does not know by words."""
    pa = place_by_id(a.geonameid) if a.geonameid else None
    pb = place_by_id(b.geonameid) if b.geonameid else None
    if pa is None or pb is None:
        return judge_texts(a, b)
    if pa.geonameid == pb.geonameid:
        return Judgement("agree", f"'{a.text}' and '{b.text}' name the same place ({pa.name})")
    if contains(pa, pb) or contains(pb, pa):
        inner, outer = (pb, pa) if contains(pa, pb) else (pa, pb)
        return Judgement("compatible", f"different specificity: {inner.name} lies in {outer.name}")
    distance = distance_km(pa, pb)
    if distance is not None and distance <= NEAR_KM:
        return Judgement("compatible", f"{pa.name} and {pb.name} are {distance:.0f} km apart")
    return Judgement("conflict", f"'{a.text}' vs '{b.text}': different places ({pa.name} / {pb.name})")


def judge_entities(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """The same linked entity agrees; two different ones conflict only in a slot one entity fills
    ("the attacker"), else both can be true."""
    if a.entity and a.entity == b.entity or not (a.entity or b.entity) and a.name and a.name == b.name:
        return Judgement("agree", f"both name {a.name or a.text}")
    wa = {w.rstrip("s") for w in title_words(a.name or a.text)}
    wb = {w.rstrip("s") for w in title_words(b.name or b.text)}
    if wa and wb and (wa <= wb or wb <= wa):  # "the House" / "the House of Representatives"; "the Liberals"
        return Judgement("agree", f"{a.name or a.text} and {b.name or b.text} name the same, one more fully")
    if exclusive and a.entity and b.entity:  # two named ones; "the gunman" may be either
        return Judgement("conflict", f"{a.name or a.text} vs {b.name or b.text}: two different people credited")
    return Judgement("compatible", f"{a.name or a.text} and {b.name or b.text}: each names a different one")


def title_words(text: str) -> list[str]:
    """The words of a title that name the office, in order: stop words left out, but not its rank
    words or "former" (spaCy's English list holds "first" and "former")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    keep = load_words("title_ranks.txt") | {"former"}
    return [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOP_WORDS or w in keep]


def judge_titles(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Titles of one person: the same words agree; the same office with and without a rank word
    ("Deputy Mayor" / "Mayor") conflict; one title within the other is compatible. A title read in
    another language is compared as its English role word (``Value.role``: "Капитан" -> captain)."""
    wa, wb = title_words(a.role or a.text), title_words(b.role or b.text)
    if wa == wb:
        return Judgement("agree", f"both: {a.text}")
    sa, sb = set(wa) - {"former"}, set(wb) - {"former"}
    if sa == sb:
        return Judgement("compatible", f"{a.text} / {b.text}: one says former")
    if wa and wb and wa[-1] == wb[-1] and (sa ^ sb) and (sa ^ sb) <= load_words("title_ranks.txt"):
        return Judgement("conflict", f"{a.text} vs {b.text}: different ranks of one office")
    if sa <= sb or sb <= sa or sa & sb:
        return Judgement("compatible", f"{a.text} / {b.text}: the same office, said with more or less detail")
    return Judgement("compatible", f"{a.text} / {b.text}: two different titles, both can be held")


def judge_member_sets(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Two lists of people (a delegation): equal agree, one within the other or sharing people is
    compatible, no one in common conflicts unless some are only described."""
    ma, mb = set(a.members or ()), set(b.members or ())
    named_a, named_b = {m for m in ma if not m.startswith("desc:")}, {m for m in mb if not m.startswith("desc:")}
    unnamed = len(ma - named_a) + len(mb - named_b)
    suffix = f"; {unnamed} described but not named" if unnamed else ""
    if named_a == named_b and not unnamed:
        return Judgement("agree", "the same people")
    if named_a <= named_b or named_b <= named_a or named_a & named_b:
        return Judgement("compatible", f"one source names more people{suffix}")
    if unnamed:
        return Judgement("compatible", f"no one named in common, but unnamed members may be the same people{suffix}")
    return Judgement("conflict", "no one in common")


# --- tallies, statuses, texts ----------------------------------------------------------------------

def judge_tallies(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    if (a.figure, a.against) == (b.figure, b.against):
        return Judgement("agree", f"both {a.figure:g}-{a.against:g}")
    return Judgement("conflict", f"{a.text} vs {b.text}: different tallies")


def judge_statuses(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Happened, planned and denied exclude each other ("has nominated" vs "plans to nominate")."""
    if a.status == b.status:
        return Judgement("agree", f"both: {a.status}")
    if not set(a.members or ()) & set(b.members or ()):
        return Judgement("compatible", f"one says {a.text} {describe_status(a.status)}, the other {b.text} "
                         f"{describe_status(b.status)}: nothing says it is the same act")
    return Judgement("conflict", f"one says it {describe_status(a.status)}, the other that it {describe_status(b.status)}")


def describe_status(status: str | None) -> str:
    return {"happened": "happened", "planned": "is only planned", "denied": "did not happen"}.get(status or "", "is unclear")


@functools.lru_cache(maxsize=1 << 16)
def content_words(text: str) -> frozenset[str]:
    """Content words of four letters or more (framing's stopword-free words), crudely singularised.
    Kept for the texts seen last: grouping a story's claims asks for the same texts again and again
    (a fifth of comparing a story's facts went here)."""
    from rashomon.compare.framing import content_words as words

    return frozenset(w.rstrip("s") for w in words(text) if len(w) >= 4)


def judge_texts(a: Value, b: Value, exclusive: bool = False) -> Judgement:
    """Short texts by shared content words or by meaning (``rashomon.meaning``): agree when most
    words are shared or the embeddings say the same, else compatible (texts are
    not read as contradicting each other); a claim one source makes and another negates, about the
    same subject and object, conflicts ("police shot the man" / "police did not shoot the man"; "the
    seizure was routine" / "the seizure is not an inspection" share only a subject). Planned against
    done is left compatible: "will hold on to power" and "has retained power" are told at different
    times."""
    if {a.status, b.status} == {"happened", "denied"} and a.members and a.members == b.members and len(a.members) >= 2:
        return Judgement("conflict", f"'{a.text}' vs '{b.text}': one says it {describe_status(a.status)}, "
                         f"the other that it {describe_status(b.status)}")
    wa, wb = content_words(a.text), content_words(b.text)
    if not wa or not wb:
        return Judgement("compatible", f"'{a.text}' and '{b.text}' cannot be compared word by word")
    shared = wa & wb
    if len(shared) / min(len(wa), len(wb)) >= TEXT_AGREE:
        return Judgement("agree", f"both say: {', '.join(sorted(shared))}")
    alike = similarity(a.text, b.text)
    if alike is not None and alike >= SAME_MEANING:
        return Judgement("agree", f"'{a.text}' and '{b.text}' say the same in other words")
    if shared:
        return Judgement("compatible", f"overlap on {', '.join(sorted(shared))}; each adds its own details")
    return Judgement("compatible", "different details, neither contradicts the other in words")


JUDGES: dict[str, Callable[[Value, Value, bool], Judgement]] = {
    "quantity": judge_quantities, "date": judge_dates, "place": judge_places, "entity": judge_entities,
    "title": judge_titles, "entities": judge_member_sets, "tally": judge_tallies, "status": judge_statuses,
    "text": judge_texts,
}
