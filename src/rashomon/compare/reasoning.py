"""Reasoning about values two sources give for the same fact: numbers, dates, places, sets, texts.

Each ``compare_*`` function takes two values as the sources state them and returns a ``Judgement``:
a verdict (``agree``, ``compatible`` for a difference of specificity or within the hedges,
``conflict``) and an explanation a reader can check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.dates import date_bounds, partial_fits
from rashomon.knowledge import country_of

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100, "a dozen": 12, "dozen": 12, "half": 0.5, "several": None,
}
# How far a hedge widens a stated number, as a share of it. "nearly five hours" is a little under
# five; "about/roughly six" is five-and-a-half to six-and-a-half. Chosen so that hedged figures
# that a careful reader would call consistent ("about 12" / "eleven") overlap, and plainly different
# ones ("nearly five hours" / "roughly six hours") do not.
HEDGES = {
    "nearly": (-0.15, 0.0), "almost": (-0.15, 0.0), "just under": (-0.1, 0.0), "under": (-0.3, 0.0),
    "less than": (-0.3, 0.0), "fewer than": (-0.3, 0.0), "up to": (-0.3, 0.0),
    "about": (-0.1, 0.1), "around": (-0.1, 0.1), "roughly": (-0.1, 0.1), "approximately": (-0.1, 0.1),
    "some": (-0.1, 0.1), "some time": (-0.1, 0.1),
    "more than": (0.0, 0.3), "over": (0.0, 0.3), "at least": (0.0, 0.5), "just over": (0.0, 0.1),
}
UNITS = {"minute": 1 / 60, "minutes": 1 / 60, "hour": 1.0, "hours": 1.0, "day": 24.0, "days": 24.0,
         "week": 168.0, "weeks": 168.0}


@dataclass
class Judgement:
    """A verdict on two values, with its explanation."""

    verdict: str  # agree | compatible | conflict
    explanation: str


@dataclass
class Quantity:
    """A stated number with its hedge as an interval (durations in hours)."""

    low: float
    high: float
    unit: str | None
    text: str


def parse_quantity(text: str) -> Quantity | None:
    """Read "nearly five hours", "about 12", "eleven", "more than 40 minutes" as an interval."""
    lowered = " ".join(text.lower().replace("-", " ").split())
    hedge = next((h for h in sorted(HEDGES, key=len, reverse=True) if re.search(rf"\b{h}\b", lowered)), None)
    number = None
    match = re.search(r"\d+(?:\.\d+)?", lowered)
    if match:
        number = float(match.group())
    else:
        for word in sorted(NUMBER_WORDS, key=len, reverse=True):
            if re.search(rf"\b{word}\b", lowered) and NUMBER_WORDS[word] is not None and word not in {"a", "an"}:
                number = float(NUMBER_WORDS[word])
                break
    if number is None:
        return None
    unit = next((u for u in UNITS if re.search(rf"\b{u}\b", lowered)), None)
    scale = UNITS.get(unit, 1.0) if unit else 1.0
    lo, hi = HEDGES.get(hedge, (0.0, 0.0))
    value = number * scale
    return Quantity(value * (1 + lo), value * (1 + hi), "hours" if unit else None, text)


def compare_quantities(a: str, b: str) -> Judgement:
    """Agree when equal, compatible when the hedged intervals overlap, else conflict."""
    qa, qb = parse_quantity(a), parse_quantity(b)
    if qa is None or qb is None:
        return compare_texts(a, b)
    if (qa.low, qa.high) == (qb.low, qb.high):
        return Judgement("agree", f"'{a}' and '{b}' state the same figure")
    if qa.low <= qb.high and qb.low <= qa.high:
        return Judgement("compatible", f"'{a}' and '{b}' overlap once their hedges are read as ranges")
    return Judgement("conflict", f"'{a}' ({fmt(qa)}) and '{b}' ({fmt(qb)}) cannot both be true")


def fmt(q: Quantity) -> str:
    """An interval as a reader reads it."""
    unit = f" {q.unit}" if q.unit else ""
    if q.low == q.high:
        return f"{q.low:g}{unit}"
    return f"{q.low:.3g}-{q.high:.3g}{unit}"


def compare_dates(a: str, b: str) -> Judgement:
    """Dates as normalised ranges; a year-less "--MM-DD" agrees with a full date on the same day."""
    if a == b:
        return Judgement("agree", f"both give {a}")
    if a.startswith("--") or b.startswith("--"):
        partial, full = (a, b) if a.startswith("--") else (b, a)
        if partial_fits(partial, full):
            verdict = "agree" if date_bounds(full) and date_bounds(full)[0] == date_bounds(full)[1] else "compatible"
            return Judgement(verdict, f"same day: {full}; one source gives no year ({partial})" if verdict == "agree"
                             else f"{partial} falls within {full}; one source gives no year")
        return Judgement("conflict", f"different days: {a} vs {b}")
    ra, rb = date_bounds(a), date_bounds(b)
    if ra is None or rb is None:
        return compare_texts(a, b)
    if ra[0] <= rb[0] and rb[1] <= ra[1] or rb[0] <= ra[0] and ra[1] <= rb[1]:
        return Judgement("compatible", f"{a} and {b}: one lies within the other (different precision)")
    return Judgement("conflict", f"{a} and {b} do not overlap")


def places_in(phrase: str) -> list:
    """Gazetteer places a phrase names: cities and countries, and countries behind demonyms ("Belarusian-Ukrainian border")."""
    from rashomon.link.places import locate

    found = []
    for word in re.findall(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*", phrase):
        for part in re.split(r"[-–]", word) if "-" in word or "–" in word else [word]:
            place = locate(part) or (locate(country_of(part)) if country_of(part) else None)
            if place is None and " " in part:
                place = next((p for p in (locate(w) for w in part.split()) if p), None)
            if place is not None and place not in found:
                found.append(place)
    return most_specific(found)


def most_specific(places: list) -> list:
    """Drop a country when the same phrase names a place inside it ("the Moroccan city of Tangier" -> Tangier)."""
    from rashomon.link.places import contains

    return [p for p in places if not any(q is not p and contains(p, q) for q in places)]


# Two cities closer than this are compatible ways of naming one meeting place (a town and its
# neighbouring venue); farther apart they are different places.
NEAR_KM = 50.0


def compare_places(a: str, b: str) -> Judgement:
    """Places by gazetteer identity, containment (a city in a country named by the other) and distance."""
    from rashomon.link.places import contains, distance_km

    pa, pb = places_in(a), places_in(b)
    if not pa or not pb:
        return compare_texts(a, b)
    if {p.geonameid for p in pa} == {p.geonameid for p in pb}:
        return Judgement("agree", f"'{a}' and '{b}' name the same place ({', '.join(p.name for p in pa)})")
    for x in pa:
        for y in pb:
            if x.geonameid == y.geonameid or contains(x, y) or contains(y, x):
                (inner, inner_text), (outer, outer_text) = ((y, b), (x, a)) if contains(x, y) else ((x, a), (y, b))
                return Judgement("compatible", f"different specificity: '{inner_text}' ({inner.name}) lies in "
                                 f"{outer.name}, which '{outer_text}' names")
            distance = distance_km(x, y)
            if distance is not None and distance <= NEAR_KM:
                return Judgement("compatible", f"{x.name} and {y.name} are {distance:.0f} km apart")
    return Judgement("conflict", f"'{a}' and '{b}' name different places "
                     f"({', '.join(p.name for p in pa)} vs {', '.join(p.name for p in pb)})")


def content_words(text: str) -> set[str]:
    """Content words of at least four letters (framing's stopword-free words), crudely singularised."""
    from rashomon.compare.framing import content_words as words

    return {w.rstrip("s") for w in words(text) if len(w) >= 4}


# Share of the smaller side's content words that the other must contain for two statements of
# aims or outcomes to count as the same ("ceasefire and withdrawal of troops" in both).
TEXT_AGREE = 0.5


def compare_texts(a: str, b: str) -> Judgement:
    """Statements by shared content words: agree when most are shared, compatible when some, else conflict-free difference."""
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return Judgement("compatible", "the values cannot be compared word by word")
    shared = wa & wb
    share = len(shared) / min(len(wa), len(wb))
    if share >= TEXT_AGREE:
        return Judgement("agree", f"both say: {', '.join(sorted(shared))}")
    if shared:
        return Judgement("compatible", f"overlap on {', '.join(sorted(shared))}; each adds its own details")
    return Judgement("compatible", "different details, neither contradicts the other in words")


def compare_sets(a: set[str], b: set[str], names: dict[str, str]) -> Judgement:
    """Two sets of entities (e.g. a delegation): agree when equal, compatible when one holds the other."""
    label = lambda ids: ", ".join(sorted(names.get(i, i) for i in ids))  # noqa: E731
    if a == b:
        return Judgement("agree", f"the same: {label(a)}")
    if a <= b or b <= a:
        small, big = (a, b) if a <= b else (b, a)
        return Judgement("compatible", f"one source names more: {label(big - small)} only in one")
    if a & b:
        return Judgement("compatible", f"shared: {label(a & b)}; only in one: {label(a ^ b)}")
    return Judgement("conflict", f"no one in common: {label(a)} vs {label(b)}")
