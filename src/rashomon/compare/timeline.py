"""Timeline: one merged timeline per story.

Each time expression that an article anchors to a date (``TimeRef.value``, or ``partial`` when the year
is unknown) becomes a mention: its date, a short summary of the sentence holding it (``what``), and
the sentence as evidence. Mentions of the same date whose sentences share content words are one item,
stated by several articles. Time expressions that cannot be dated ("in the coming days", a weekday in
an undated article) are kept as vague items, labelled with their words and the date they hang from.

Rules:
- **partial dates**: a year-less date (``--02-21``) takes the year of the story's other dated items
  (publication dates and full time values of all its articles) when they all fall in one year; when
  they span several years or there are none, it stays partial (and sorts after the full dates).
- **vague labels**: ``"<words> (<after|before|around> <anchor>)"`` by the expression's direction; the
  anchor is the article's publication date, else the latest date the article states (an article is
  written after the days it reports), else the label is the words alone.
- **order**: full dates and ranges by their (start) date, then time of day; then partial dates; then
  vague items, by anchor and label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rashomon.compare.framing import content_words
from rashomon.records import Event, Evidence, Reading, TimelineItem, TimeRef

# Words of a sentence kept in ``what`` (the time words themselves are removed). Fifteen words hold the
# subject, verb and object of one news clause around the time expression.
WHAT_WORDS = 15
# Of those, at most this many come before the time words: a news clause has its subject and verb
# before a trailing time ("talks opened on the border Monday"), and a fronted time is followed by them.
WHAT_BEFORE = 10
# Two mentions of one date are one item when their sentences share this many content words (after
# stopwords and the time words). One shared word (often just a country) merged unrelated facts in the
# seed story; two kept "talks on Monday" together across articles.
MERGE_MIN_SHARED = 2
# A preposition right before a time expression belongs to it ("*on* February 28", "*in* the coming days").
TIME_PREPOSITIONS = frozenset("on in at by over during since until till from within before after".split())
RELATION = {"future": "after", "past": "before", "present": "around"}
# Abbreviations that end with a full stop without ending a sentence.
TOKEN_RE = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")


# --- the summary ------------------------------------------------------------------------------

def time_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The time expression's span with the preposition right before it ("on February 28")."""
    m = re.search(r"(\w+)\s+$", text[max(0, start - 12):start])
    if m and m.group(1).lower() in TIME_PREPOSITIONS:
        return start - len(m.group(0)), end
    return start, end


def summarize(text: str, sentence: tuple[int, int], cut: tuple[int, int], words: int = WHAT_WORDS) -> str:
    """About ``words`` words of the sentence around ``cut`` (the time words), with the cut left out."""
    tokens = [m.span() for m in TOKEN_RE.finditer(text, sentence[0], sentence[1])
              if m.end() <= cut[0] or m.start() >= cut[1]]
    if not tokens:
        return ""
    at = sum(1 for t in tokens if t[1] <= cut[0])
    lo = max(0, min(at - min(WHAT_BEFORE, words * 2 // 3), len(tokens) - words))
    chosen = tokens[lo:lo + words]
    a, b = chosen[0][0], chosen[-1][1]
    if a < cut[0] < b:
        head, tail = text[a:cut[0]].rstrip(), text[cut[1]:b].lstrip()
        if re.search(r"(?:^|[,;:]|\b(?:and|but|or|then))$", head):
            tail = tail.lstrip(",")  # "and on February 24, he announced" -> "and he announced"
        piece = head + " " + tail
    else:
        piece = text[a:b]
    piece = re.sub(r"\s+([,.;:])", r"\1", " ".join(piece.split()))
    piece = re.sub(r",(?:\s*,)+", ",", piece).strip(" ,;:")
    return ("… " if lo > 0 else "") + piece + (" …" if lo + words < len(tokens) else "")


# --- mentions -----------------------------------------------------------------------------------

@dataclass
class _Mention:
    date: str
    vague: bool
    what: str
    evidence: Evidence
    words: set[str]
    clock: str = ""
    anchor: str = ""
    event: str | None = None


@dataclass
class _Item:
    mentions: list[_Mention] = field(default_factory=list)


def story_year(readings: Iterable[Reading], events: Iterable[Event] = ()) -> int | None:
    """The one year of all the story's full dates (publication dates, time values, event dates), or None."""
    dates: list[str] = []
    for r in readings:
        dates += [r.article.published or ""] + [t.value or "" for t in r.times]
    dates += [m.date or "" for e in events for m in e.mentions]
    years = {int(d[:4]) for value in dates for d in value.split("/") if re.match(r"\d{4}-", d)}
    return years.pop() if len(years) == 1 else None


def resolve_partial(partial: str, year: int | None) -> str:
    """``--02-21`` -> ``2022-02-21`` with ``year`` (ranges part by part); unchanged without a year."""
    if year is None:
        return partial
    return "/".join(f"{year:04d}-{p[2:]}" if p.startswith("--") else p for p in partial.split("/"))


def is_full_date(value: str) -> bool:
    """True for ``YYYY-MM-DD``, ``YYYY-MM`` or a range of them (not a partial ``--MM-DD``)."""
    return bool(re.match(r"\d{4}-", value))


def article_anchor(reading: Reading, year: int | None) -> str:
    """The date a reading's vague expressions hang from: its publication date, else the latest full
    date it states, else ''."""
    if reading.article.published:
        return reading.article.published
    dates = [resolve_partial(t.value or t.partial or "", year).split("/")[-1] for t in reading.times]
    return max((d for d in dates if is_full_date(d)), default="")


def vague_label(text: str, time: TimeRef, anchor: str) -> str:
    """``"in the coming days (after 2022-02-28)"``: the words, with their preposition, and the anchor."""
    a, b = time_span(text, time.start, time.end)
    words = " ".join(text[a:b].split())
    return f"{words} ({RELATION.get(time.direction or '', 'around')} {anchor})" if anchor else words


def time_mentions(reading: Reading, year: int | None) -> list[_Mention]:
    """One mention per time expression of ``reading`` (see the module's rules)."""
    text, article = reading.article.text, reading.article.id
    anchor = article_anchor(reading, year)
    found = []
    for time in reading.times:
        date = time.value or (resolve_partial(time.partial, year) if time.partial else None)
        sentence = reading.sentence_at(time.start, time.end)
        cut = time_span(text, time.start, time.end)
        what = summarize(text, sentence, cut)
        if time.clock and date:
            what = f"{what} (at {time.clock})"
        words = set(content_words(text[sentence[0]:cut[0]] + " " + text[cut[1]:sentence[1]]))
        evidence = Evidence(article, text[sentence[0]:sentence[1]], sentence[0], sentence[1])
        vague = time.kind == "vague" or not date
        found.append(_Mention(vague_label(text, time, anchor) if vague else date, vague, what, evidence, words,
                              time.clock or "", anchor))
    return found


def event_mentions(events: Iterable[Event], year: int | None) -> list[_Mention]:
    """One mention per dated event mention (what: the start of its sentence)."""
    found = []
    for event in events:
        for m in event.mentions:
            if not m.date:
                continue
            ev = m.evidence
            what = summarize(ev.text, (0, len(ev.text)), (0, 0))
            found.append(_Mention(resolve_partial(m.date, year), False, what, ev, set(content_words(ev.text)),
                                  m.start_time or "", event=event.id))
    return found


# --- merging ------------------------------------------------------------------------------------

def _belongs(mention: _Mention, item: _Item) -> int:
    """How strongly ``mention`` belongs to ``item`` (0: not at all): shared words, or the same event."""
    first = item.mentions[0]
    if first.date != mention.date:
        return 0
    if mention.event and any(m.event == mention.event for m in item.mentions):
        return 1000
    shared = max(len(mention.words & m.words) for m in item.mentions)
    return shared if shared >= MERGE_MIN_SHARED else 0


def merge_mentions(mentions: list[_Mention]) -> list[_Item]:
    """Group mentions into items: each joins the item of its date it shares most words with, if any."""
    items: list[_Item] = []
    for mention in mentions:
        best = max(items, key=lambda it: _belongs(mention, it), default=None)
        if best is not None and _belongs(mention, best):
            best.mentions.append(mention)
        else:
            items.append(_Item([mention]))
    return items


def _sort_key(item: _Item) -> tuple:
    first = item.mentions[0]
    rank = 2 if first.vague else (0 if is_full_date(first.date) else 1)
    return rank, (first.anchor if first.vague else first.date), first.clock, first.date


def to_timeline_item(item: _Item) -> TimelineItem:
    """The record of an item: the first mention's date and summary, every article and sentence."""
    first = item.mentions[0]
    articles = list(dict.fromkeys(m.evidence.article for m in item.mentions))
    evidence = list({(e.article, e.start, e.end): e for e in (m.evidence for m in item.mentions)}.values())
    return TimelineItem(date=first.date, what=first.what, articles=articles, evidence=evidence, vague=first.vague)


def timeline(readings: Iterable[Reading], events: Iterable[Event] | None = None) -> list[TimelineItem]:
    """The merged timeline of a story.

    1. find the story's year, if it has one (``story_year``);
    2. make a mention of every time expression of every reading and of every dated event mention,
       resolving year-less dates with the story's year and labelling vague ones;
    3. merge mentions of one date that share content words (or one event);
    4. sort: full dates, then partial ones, then vague items (see the module's rules).
    """
    readings, events = list(readings), list(events or [])
    year = story_year(readings, events)
    mentions = [m for r in readings for m in time_mentions(r, year)] + event_mentions(events, year)
    return [to_timeline_item(item) for item in sorted(merge_mentions(mentions), key=_sort_key)]
