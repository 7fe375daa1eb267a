"""Time expressions: find them in a Doc and normalise them against the publication date.

Two layers, so that the rules can be tested without a model:

* ``normalise_time(text, anchor)``: a pure function from the words of one expression to
  ``(value, kind, partial, direction, clock)``. Rules, in order: durations (rejected), vague
  phrases, times of day, today/yesterday/tomorrow, "N units ago", weekday names, the weekend,
  relative periods (this/last/next week, month, year, with earlier/later), explicit dates, month
  names, years, then dateparser as a cached fallback for numeric dates only.
* the ``rashomon_times`` component: candidates are spaCy's DATE and TIME entities plus phrases the
  NER misses (``data/time_phrases.yaml``); ``match`` finds spans, ``set_annotations`` writes
  ``doc._.times`` (a list of ``records.TimeRef``).

Conventions (news reads backwards from its date):
* a weekday name is the most recent such day, the publication day included; "next Monday", or a
  verb in the future tense, looks forward;
* a year-less date is put in the anchor's year unless that lands more than ``YEARLESS_AHEAD_DAYS``
  after the anchor (then the year before); a month name alone is the most recent one not after the
  anchor's month; the future tense picks the next occurrence instead; ``partial`` keeps what the
  text fixes (``--02-28``, ``--03``) whenever the year was not written, so a reader can tell an
  inferred year from a stated one;
* a quarter ("the third quarter") is the most recent such calendar quarter;
* with no publication date, year-less dates take their year from the latest full date (with a year)
  stated in the same text; failing that, value is None and ``partial`` keeps ``--MM-DD``;
* relative words ("Monday", "yesterday") with no publication date get value None;
* a DATE/TIME entity that no rule reads ("the latest quarter") is kept as kind ``vague`` with no
  direction and no value: it is a time, just not one we can place;
* vague references ("recently", "in the coming days") get kind ``vague``, value None, a direction;
* durations ("nearly five hours", "for two weeks") are not time points and are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from rashomon.dates import date_bounds, month_range, parse_day
from rashomon.knowledge.calendar import load_calendar, words_pattern
from rashomon.knowledge.lexicons import load_time_phrases
from rashomon.numbers import count_words, parse_count
from rashomon.read import spans as _spans  # noqa: F401  (registers Doc extensions)
from rashomon.records import TimeRef

Date = dt.date
Normalised = tuple[str | None, str, str | None, str | None, str | None]

# A year-less date up to this many days after the anchor stays in the anchor's year: articles
# announce upcoming dates ("the vote on March 3" in late February), while a date almost a year back
# written without its year is rare. Beyond it, the date is read as last year's. Calibrated on
# TimeBank/AQUAINT (bench/timeml.py): 14 days put many announced dates a year back; a quarter
# (92 days) fixes them without moving past dates.
YEARLESS_AHEAD_DAYS = 92
# Years outside this window are numbers, not years ("in 1500 cases", "by 9000").
MIN_YEAR, MAX_YEAR = 1800, 2100
# Distinct expressions kept per process; a corpus repeats "Monday", "last week" all the time.
CACHE_SIZE = 8192
# Words searched around a span for the future tense ("will", "'ll", "shall", "going to").
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
ENTITY_LABELS = ("DATE", "TIME")

# Month names and abbreviations -> 1-12; weekday names (written out) -> 0-6 from Monday (data/calendar.yaml).
MONTHS = load_calendar().months
WEEKDAYS = {name: n for n, name in enumerate(load_calendar().weekday_names)}
# Counts that name no number: "several days ago" is a time, but a vague one. Written-out counts
# ("two", "a") are the number reader's words (rashomon/numbers.py, count_words and parse_count).
VAGUE_COUNTS = ("several", "a few", "few", "some", "many", "a couple of", "couple of", "a number of")

_MONTH = rf"(?P<month>{words_pattern(MONTHS)})\.?"
_WEEKDAY = rf"(?:{words_pattern(WEEKDAYS)})"
_COUNT = rf"(?:\d+|{words_pattern([*count_words(), *VAGUE_COUNTS])})"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|month|year|decade)s?"

DURATION_RE = re.compile(
    r"^(?:(?:for|over|within|nearly|almost|about|around|roughly|more than|less than|at least|"
    r"up to|only|just|some|the (?:first|last|past|next|previous|following|final))\s+)*"
    rf"(?:{_COUNT}[\s-]+)?(?:(?:and )?(?:a )?half[\s-]+)?{_UNIT}(?:\s+(?:long|old|running|straight))?$")
AGO_RE = re.compile(rf"^(?P<count>{_COUNT})\s+{_UNIT}\s+(?:ago|earlier|before)$")
RELATIVE_EVENT_RE = re.compile(rf"^(?:{_COUNT})\s+{_UNIT}\s+(?P<rel>after|before|later|earlier|since)\b")
CLOCK_RE = re.compile(
    r"(?:\b(?:at|around|about|by|until|before|after|from)\s+)?"
    r"(?P<clock>noon|midday|midnight|"
    r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?)|"
    r"(?P<h2>\d{1,2})\s+o'clock|(?P<h3>\d{1,2}):(?P<m3>\d{2}))"
    r"(?:\s+(?:local time|[a-z]{1,4}t|gmt|utc|\w+ time))?")
WEEKDAY_RE = re.compile(
    rf"^(?:(?:early|late)\s+(?:on\s+)?)?(?P<mod>last|next|this|this coming|this past|coming|past)?\s*(?P<day>{_WEEKDAY})"
    r"(?:\s+(?:morning|afternoon|evening|night))?$")
DEICTIC_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
                "yesterday evening": -1, "tomorrow": 1, "tomorrow morning": 1, "tomorrow night": 1,
                "tomorrow afternoon": 1, "tomorrow evening": 1}
PERIOD_RE = re.compile(
    r"^(?P<qual>earlier|later|early|late|the end of|the start of|the beginning of)?\s*"
    r"(?P<det>this|last|next|past|coming|the|this past|this coming)\s+(?P<unit>week|month|year|weekend)$")
WEEKEND_RE = re.compile(r"^(?P<det>the|this|last|next|this past|this coming|past|coming)?\s*weekend$")
_ORD = r"(?:st|nd|rd|th)?"
MONTH_DAY_RE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_MONTH}\s+(?P<day>\d{{1,2}}){_ORD}(?:,?\s+(?P<year>\d{{4}}))?$")
DAY_MONTH_RE = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?$")
ISO_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
MONTH_RE = re.compile(
    rf"^(?P<mod>early|mid|late|last|next|this|the end of|the start of|the beginning of)?[\s-]*{_MONTH}"
    r"(?:,?\s+(?P<year>\d{4}))?$")
YEAR_RE = re.compile(r"^(?:the year\s+|fiscal\s+|early\s+|mid-?\s*|late\s+)?(?P<year>\d{4})$")
QUARTER_RE = re.compile(
    r"^(?:(?P<det>this|last|next|the|its|the latest|the fiscal|the current)\s+)?(?:fiscal\s+)?"
    r"(?P<nth>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?P<year>\d{4}))?$")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
EMBEDDED_DATE_RE = re.compile(
    rf"\b{_MONTH}\s+(?:\d{{1,2}}{_ORD}(?:,?\s+\d{{4}})?|\d{{4}})\b|"
    rf"\b\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH.replace('?P<month>', '?:')}(?:,?\s+\d{{4}})?\b")
NUMERIC_DATE_RE = re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")


@dataclass(frozen=True)
class Resolved:
    """What a rule makes of an expression: a first and last day (both None when not anchored)."""

    first: Date | None
    last: Date | None
    kind: str = "date"
    partial: str | None = None
    direction: str | None = None


@dataclass(frozen=True)
class Context:
    """What a rule may use: the anchor, a year hint for year-less dates, and the tense."""

    anchor: Date | None
    year_hint: Date | None = None
    future: bool = False


def strip_leading(text: str) -> str:
    """Lower-case ``text``, squeeze spaces and drop leading prepositions ("on", "over", "in")."""
    text = re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" ,.;:()")
    text = re.sub(r"'s$", "", text)  # "last year's results"
    words = sorted(load_time_phrases()["leading_words"], key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for word in words:
            if text.startswith(word + " "):
                text, changed = text[len(word) + 1:], True
    return text


# --- calendar helpers -------------------------------------------------------------------------

def week_range(day: Date) -> tuple[Date, Date]:
    """Monday and Sunday of the ISO week that holds ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def shift_months(day: Date, months: int) -> Date:
    """The first day of the month ``months`` away from ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return Date(index // 12, index % 12 + 1, 1)


def safe_date(year: int, month: int, day: int) -> Date | None:
    """A date, or None when the numbers make none (February 30)."""
    try:
        return Date(year, month, day)
    except ValueError:
        return None


def direction_of(first: Date | None, last: Date | None, anchor: Date | None) -> str | None:
    """past / present / future of a day range relative to the anchor (None when unanchored)."""
    if anchor is None or first is None or last is None:
        return None
    if last < anchor:
        return "past"
    return "future" if first > anchor else "present"


# --- rules: each takes the cleaned text and a Context, returns Resolved or None -------------------

def is_duration_text(text: str) -> bool:
    """Whether ``text`` is a length of time ("nearly five hours", "the first five days")."""
    text = re.sub(r"\s+", " ", text.lower()).strip(" ,.;:")
    return bool(DURATION_RE.match(text)) or bool(re.match(rf"^{_COUNT}-{_UNIT}$", text))


def resolve_vague(text: str, ctx: Context) -> Resolved | None:
    """Vague references from the phrase list, and "several days after ..." (relative to an event)."""
    index = load_time_phrases()["vague_index"]
    direction = index.get(text) or index.get(strip_leading(text))
    if direction:
        return Resolved(None, None, "vague", direction=direction)
    if RELATIVE_EVENT_RE.match(text):
        # Relative to an event the text names, not to the calendar: news narrates the past.
        return Resolved(None, None, "vague", direction="future" if ctx.future else "past")
    return None


def resolve_deictic(text: str, ctx: Context) -> Resolved | None:
    """today, tonight, yesterday, last night, tomorrow."""
    offset = DEICTIC_DAYS.get(text)
    if offset is None:
        return None
    word_direction = {-1: "past", 0: "present", 1: "future"}[offset]
    if ctx.anchor is None:
        return Resolved(None, None, direction=word_direction)
    day = ctx.anchor + dt.timedelta(days=offset)
    return Resolved(day, day, direction=word_direction)


def resolve_ago(text: str, ctx: Context) -> Resolved | None:
    """"two days ago", "a year earlier", "three weeks ago" (a week, month or year as a range)."""
    match = AGO_RE.match(text)
    if not match:
        return None
    count, unit = parse_count(match["count"]), match["unit"]
    if count is None or unit in ("second", "minute", "hour", "decade") or ctx.anchor is None:
        kind = "vague" if count is None else "date"
        return Resolved(None, None, kind, direction="past")
    if unit in ("day", "night"):
        day = ctx.anchor - dt.timedelta(days=count)
        return Resolved(day, day, direction="past")
    if unit == "week":
        return Resolved(*week_range(ctx.anchor - dt.timedelta(weeks=count)), "range", direction="past")
    if unit == "month":
        first = shift_months(ctx.anchor, -count)
        return Resolved(*month_range(first.year, first.month), "range", direction="past")
    year = ctx.anchor.year - count
    return Resolved(Date(year, 1, 1), Date(year, 12, 31), "range", direction="past")


def resolve_weekday(text: str, ctx: Context) -> Resolved | None:
    """A weekday name: the most recent such day (anchor included) unless "next" or future tense."""
    match = WEEKDAY_RE.match(text)
    if not match:
        return None
    mod = match["mod"] or ""
    forward = mod in ("next", "this coming", "coming") or (ctx.future and mod not in ("last", "this past", "past"))
    if ctx.anchor is None:
        return Resolved(None, None, direction="future" if forward else ("past" if mod else None))
    target = WEEKDAYS[match["day"]]
    if forward:
        # "next Monday" is never today; "will meet Monday" on a Monday is today.
        ahead = (target - ctx.anchor.weekday()) % 7 or (7 if mod else 0)
        day = ctx.anchor + dt.timedelta(days=ahead)
    else:
        back = (ctx.anchor.weekday() - target) % 7 or (7 if mod in ("last", "this past", "past") else 0)
        day = ctx.anchor - dt.timedelta(days=back)
    return Resolved(day, day, direction=direction_of(day, day, ctx.anchor))


def resolve_weekend(text: str, ctx: Context) -> Resolved | None:
    """The weekend: the one holding the anchor (Saturday/Sunday anchor), else the last one."""
    match = WEEKEND_RE.match(text)
    if not match:
        return None
    det = match["det"] or "the"
    forward = det in ("next", "this coming", "coming") or (ctx.future and det in ("the", "this"))
    if ctx.anchor is None:
        return Resolved(None, None, "range", direction="future" if forward else "past")
    saturday = ctx.anchor - dt.timedelta(days=(ctx.anchor.weekday() - 5) % 7)
    if forward and (ctx.anchor.weekday() < 5 or det == "next"):
        saturday += dt.timedelta(days=7)
    if det in ("last", "this past", "past") and ctx.anchor.weekday() >= 5:
        saturday -= dt.timedelta(days=7)  # "last weekend" said on a weekend: the one before
    sunday = saturday + dt.timedelta(days=1)
    return Resolved(saturday, sunday, "range", direction=direction_of(saturday, sunday, ctx.anchor))


def period_bounds(unit: str, det: str, anchor: Date) -> tuple[Date, Date]:
    """The week, month or year that ``det`` ("this", "last", "next") picks around ``anchor``."""
    step = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(det, 0)
    if unit == "week":
        return week_range(anchor + dt.timedelta(weeks=step))
    if unit == "month":
        first = shift_months(anchor, step)
        return month_range(first.year, first.month)
    year = anchor.year + step
    return Date(year, 1, 1), Date(year, 12, 31)


def resolve_period(text: str, ctx: Context) -> Resolved | None:
    """this/last/next week, month or year, with "earlier"/"later" cutting it at the anchor."""
    match = PERIOD_RE.match(text)
    if not match or match["unit"] == "weekend":
        return resolve_weekend(re.sub(r"^(?:earlier|later|early|late)\s+", "", text), ctx)
    qual, det = match["qual"] or "", match["det"]
    if det == "the" and qual not in ("earlier", "later"):
        return None  # "the year", "the month": not anchored by themselves
    if ctx.anchor is None:
        direction = "past" if det in ("last", "past") or qual == "earlier" else None
        direction = "future" if det in ("next", "coming") or qual == "later" else direction
        return Resolved(None, None, "range", direction=direction)
    first, last = period_bounds(match["unit"], det, ctx.anchor)
    if qual == "earlier" and first < ctx.anchor:
        last = min(last, ctx.anchor - dt.timedelta(days=1))
    elif qual == "later" and last > ctx.anchor:
        first = max(first, ctx.anchor + dt.timedelta(days=1))
    return Resolved(first, last, "range", direction=direction_of(first, last, ctx.anchor))


def pick_year(month: int, day: int, ctx: Context) -> int | None:
    """The year of a year-less date: see the module docstring (anchor, future tense, year hint)."""
    anchor = ctx.anchor or ctx.year_hint
    if anchor is None:
        return None
    candidate = safe_date(anchor.year, month, day) or Date(anchor.year, month, 28)
    if ctx.future and ctx.anchor is not None:
        return anchor.year if candidate >= anchor else anchor.year + 1
    if candidate > anchor + dt.timedelta(days=YEARLESS_AHEAD_DAYS):
        return anchor.year - 1
    return anchor.year


def resolve_explicit(text: str, ctx: Context) -> Resolved | None:
    """"February 24", "24 February 2022", "Monday, Feb. 28", "2022-02-28"."""
    match = MONTH_DAY_RE.match(text) or DAY_MONTH_RE.match(text) or ISO_RE.match(text)
    if not match:
        return None
    month_word = match["month"]
    month = int(month_word) if month_word.isdigit() else MONTHS[month_word]
    day = int(match["day"])
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    partial = f"--{month:02d}-{day:02d}"
    year = int(match["year"]) if match["year"] else pick_year(month, day, ctx)
    found = safe_date(year, month, day) if year else None
    if found is None:
        return Resolved(None, None, partial=partial) if year is None else None
    return Resolved(found, found, partial=None if match["year"] else partial,
                    direction=direction_of(found, found, ctx.anchor))


def resolve_month(text: str, ctx: Context) -> Resolved | None:
    """A month name: the most recent one not after the anchor's month (the next one if future)."""
    match = MONTH_RE.match(text)
    if not match:
        return None
    month, mod = MONTHS[match["month"]], match["mod"] or ""
    anchor = ctx.anchor or ctx.year_hint
    if match["year"]:
        year: int | None = int(match["year"])
    elif anchor is None:
        return Resolved(None, None, "range", partial=f"--{month:02d}")
    elif mod == "next" or (ctx.future and mod != "last" and ctx.anchor is not None):
        year = anchor.year + (month <= anchor.month if mod == "next" else month < anchor.month)
    else:
        year = anchor.year - (month > anchor.month or (mod == "last" and month == anchor.month))
    first, last = month_range(year, month)
    partial = None if match["year"] else f"--{month:02d}"
    return Resolved(first, last, "range", partial=partial, direction=direction_of(first, last, ctx.anchor))


def resolve_year(text: str, ctx: Context) -> Resolved | None:
    """A year written in digits ("2021", "in 2021", "the year 1998")."""
    match = YEAR_RE.match(text)
    if not match or not MIN_YEAR <= int(match["year"]) <= MAX_YEAR:
        return None
    year = int(match["year"])
    first, last = Date(year, 1, 1), Date(year, 12, 31)
    return Resolved(first, last, "range", direction=direction_of(first, last, ctx.anchor))


@functools.lru_cache(maxsize=CACHE_SIZE)
def parse_with_dateparser(text: str, anchor: Date | None) -> Resolved | None:
    """Fallback for numeric dates ("28/02/2022"): dateparser, past-preferring, cached (it is slow)."""
    from dateparser.date import DateDataParser  # imported late: costly, rarely needed

    base = dt.datetime.combine(anchor or Date.today(), dt.time())
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"})
    data = parser.get_date_data(text)
    if data.date_obj is None or data.period != "day":
        return None
    day = data.date_obj.date()
    return Resolved(day, day, direction=direction_of(day, day, anchor))


def resolve_quarter(text: str, ctx: Context) -> Resolved | None:
    """"the third quarter", "fourth-quarter": the most recent such calendar quarter."""
    match = QUARTER_RE.match(text)
    if not match:
        return None
    quarter = ORDINALS[match["nth"]]
    if match["year"]:
        year = int(match["year"])
    elif ctx.anchor is None:
        return Resolved(None, None, "range")
    else:
        year = ctx.anchor.year - (Date(ctx.anchor.year, 3 * quarter - 2, 1) > ctx.anchor)
    first, last = Date(year, 3 * quarter - 2, 1), month_range(year, 3 * quarter)[1]
    return Resolved(first, last, "range", direction=direction_of(first, last, ctx.anchor))


RULES = (resolve_vague, resolve_deictic, resolve_ago, resolve_weekday, resolve_period,
         resolve_explicit, resolve_month, resolve_year, resolve_quarter)


def resolve_text(text: str, ctx: Context) -> Resolved | None:
    """Run the rules on the cleaned text, then dateparser for numeric dates."""
    for rule in RULES:
        found = rule(text, ctx)
        if found is not None:
            return found
    if NUMERIC_DATE_RE.search(text):
        return parse_with_dateparser(NUMERIC_DATE_RE.search(text).group(0), ctx.anchor)
    return resolve_embedded(text, ctx)


def resolve_embedded(text: str, ctx: Context) -> Resolved | None:
    """A date inside a longer phrase ("the fiscal year ended Sept. 30"): read the date alone."""
    match = EMBEDDED_DATE_RE.search(text)
    if not match or match.group(0) == text:
        return None
    return resolve_explicit(match.group(0), ctx) or resolve_month(match.group(0), ctx)


def split_clock(text: str) -> tuple[str | None, str]:
    """Take a time of day out of ``text``: ("15:30", what is left) or (None, text)."""
    match = CLOCK_RE.search(text)
    if not match:
        return None, text
    word = match["clock"]
    if word in ("noon", "midday"):
        clock = "12:00"
    elif word == "midnight":
        clock = "00:00"
    else:
        hour = int(match["h"] or match["h2"] or match["h3"])
        minute = int(match["m"] or match["m3"] or 0)
        ampm = (match["ampm"] or "").replace(".", "").replace(" ", "")
        hour = hour % 12 + (12 if ampm == "pm" else 0) if ampm else hour
        if hour > 23 or minute > 59:
            return None, text
        clock = f"{hour:02d}:{minute:02d}"
    rest = (text[:match.start()] + " " + text[match.end():]).strip(" ,")
    rest = re.sub(r"^(?:on|of|at)\s+|\s+(?:on|of|at)$", "", re.sub(r"\s+", " ", rest)).strip(" ,")
    return clock, rest


def format_value(found: Resolved) -> str | None:
    """``YYYY-MM-DD`` for a day, ``first/last`` for a range, None when unanchored."""
    if found.first is None or found.last is None:
        return None
    if found.first == found.last:
        return found.first.isoformat()
    return f"{found.first.isoformat()}/{found.last.isoformat()}"


def normalise_time(text: str, anchor: Date | None = None, *, year_hint: Date | None = None,
                   future: bool = False) -> Normalised | None:
    """Normalise one time expression against ``anchor`` (the publication date).

    Returns ``(value, kind, partial, direction, clock)`` or None for a duration or an expression
    no rule reads. ``year_hint`` dates year-less expressions when ``anchor`` is None (the latest
    full date in the same text); ``future`` says the verb is in the future tense.
    """
    return _normalise_cached(text, anchor, year_hint, future)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _normalise_cached(text: str, anchor: Date | None, year_hint: Date | None,
                      future: bool) -> Normalised | None:
    """The work of ``normalise_time`` (cached: corpora repeat the same expressions).

    1. clean (lower case, drop leading prepositions); 2. reject durations; 3. take out a time of
    day; 4. run the rules; 5. a bare time of day belongs to the anchor day; 6. pack the tuple.
    """
    ctx = Context(anchor, year_hint, future)
    cleaned = strip_leading(text)
    if is_duration_text(cleaned) or is_duration_text(text):
        return None
    found = resolve_vague(text.lower().strip(" ,.;:"), ctx)
    if found is not None:
        return None, "vague", None, found.direction, None
    clock, rest = split_clock(cleaned)
    rest = strip_leading(rest) if rest else rest
    found = resolve_text(rest, ctx) if rest else None
    if found is None and clock is None:
        return None
    if found is None:
        if rest and rest not in ("local time",) and not rest.endswith("time"):
            return None  # a time of day with words no rule reads: keep the clock, no date
        found = Resolved(anchor, anchor, direction=direction_of(anchor, anchor, anchor))
    kind = "date" if clock else found.kind
    return format_value(found), kind, found.partial, found.direction, clock


# --- TimeML view (for benchmarks against TIMEX3 values) ------------------------------------------

VAGUE_TIMEX = {"past": "PAST_REF", "future": "FUTURE_REF", "present": "PRESENT_REF"}


def range_to_timex(first: Date, last: Date) -> str:
    """A day range at TIMEX3 granularity: a year, a month, an ISO week, a weekend, else first/last."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and month_range(first.year, first.month)[1] == last:
        return f"{first.year:04d}-{first.month:02d}"
    if first.day == 1 and first.month % 3 == 1 and last == month_range(first.year, first.month + 2)[1]:
        return f"{first.year:04d}-Q{first.month // 3 + 1}"
    year, week, weekday = first.isocalendar()
    if weekday == 1 and last - first == dt.timedelta(days=6):
        return f"{year:04d}-W{week:02d}"
    if weekday == 6 and last - first == dt.timedelta(days=1):
        return f"{year:04d}-W{week:02d}-WE"
    return f"{first.isoformat()}/{last.isoformat()}"


def to_timex(ref: TimeRef) -> str | None:
    """The TIMEX3 ``value`` of a TimeRef ("1998-08", "1998-W32", "PAST_REF", "XXXX-02-28")."""
    if ref.kind == "vague":
        return VAGUE_TIMEX.get(ref.direction or "")
    if ref.value is None:
        return "XXXX" + ref.partial[1:] if ref.partial else None
    if "/" in ref.value:
        return range_to_timex(*date_bounds(ref.value))
    return f"{ref.value}T{ref.clock}" if ref.clock else ref.value


# --- the spaCy component -------------------------------------------------------------------------

def is_duration(span: Span) -> bool:
    """Whether a span is a length of time, not a point ("nearly five hours", "for two weeks")."""
    if is_duration_text(span.text):
        return True
    cues = load_time_phrases()["duration_cues"]
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in cues and bool(re.match(rf"^{_COUNT}\s", span.text.lower()))


def is_comparison(doc: Doc, start: int) -> bool:
    """Whether a phrase is part of "as soon as", "as recently as" (a comparison, not a time)."""
    return start > 0 and doc[start - 1].lower_ == "as"


def is_future(span: Span) -> bool:
    """Whether the verb that governs ``span`` is in the future tense ("will meet Monday")."""
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    words = {child.lower_ for child in verb.children if child.dep_ in ("aux", "auxpass")}
    if words & FUTURE_AUX:
        return True
    # "is going to meet", "is expected to meet": look at the governing verb of an xcomp too.
    if verb.dep_ == "xcomp" and verb.head.lower_ in ("going", "expected", "due", "set", "scheduled"):
        return True
    return False


def extend_span(span: Span) -> Span:
    """Widen a span to what normalising needs: a year after ", " and the event after "after"."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].shape_ == "dddd" \
            and re.search(_MONTH + r"\s+\d{1,2}\w*$", span.text.lower()):
        return doc[span.start:end + 2]  # "February 28, 2021": the NER often stops before the year
    if end < len(doc) and doc[end].lower_ in ("after", "before", "since") \
            and re.match(rf"^{_COUNT}\s+{_UNIT}$", span.text.lower()):
        objects = [t for t in doc[end].children if t.dep_ == "pobj"]
        if objects:
            return doc[span.start:objects[0].i + 1]  # "several days after the start"
    return span


def find_year_hint(spans: list[Span]) -> Date | None:
    """The latest full date with a year stated in the text (dates year-less ones when unpublished)."""
    dates = []
    for span in spans:
        found = normalise_time(span.text)
        if found and found[0] and found[2] is None and found[1] == "date" and ("/" not in found[0]):
            dates.append(Date.fromisoformat(found[0]))
    return max(dates) if dates else None


def make_matcher(vocab) -> tuple[Matcher, PhraseMatcher]:
    """Token patterns for relative periods and years, and the vague phrase list."""
    phrases = load_time_phrases()
    matcher = Matcher(vocab)
    matcher.add("PERIOD", [[
        {"LOWER": {"IN": [q for q in phrases["period_qualifiers"] if " " not in q]}, "OP": "?"},
        {"LOWER": {"IN": phrases["period_determiners"]}},
        {"LOWER": {"IN": phrases["period_units"]}}]])
    matcher.add("YEAR", [[{"LOWER": {"IN": ["in", "since", "by", "until", "during", "of", "from"]}},
                          {"SHAPE": "dddd"}]])
    phrase_matcher = PhraseMatcher(vocab, attr="LOWER")
    phrase_matcher.add("VAGUE", [vocab_doc(vocab, p) for p in phrases["vague_index"]])
    return matcher, phrase_matcher


def vocab_doc(vocab, text: str) -> Doc:
    """A tokenised pattern without running a pipeline (whitespace tokens suffice for these phrases)."""
    words = text.replace("'s", " 's").split()
    return Doc(vocab, words=words)


CLOCK_DATE_GLUE = frozenset({"on", "at", ",", "of"})
PREPOSITIONS = frozenset({"on", "over", "in", "at", "during", "by", "since", "until", "from", "of"})


@dataclass
class Candidate:
    """A time expression found in a Doc: the span to report and the span to normalise."""

    span: Span      # the time expression itself (leading prepositions trimmed)
    context: Span   # what normalisation reads (may keep "in"/"over" or extend to "after the start")
    from_ner: bool  # a DATE/TIME entity (kept even when no rule reads it) or a rule match


class TimeReader:
    """The ``rashomon_times`` component: finds time expressions and writes ``doc._.times``."""

    def __init__(self, vocab) -> None:
        self.matcher, self.phrase_matcher = make_matcher(vocab)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Candidate]:
        """DATE/TIME entities plus rule matches, longest first, durations dropped."""
        found = [ent for ent in doc.ents if ent.label_ in ENTITY_LABELS]
        for match_id, start, end in self.matcher(doc):
            if doc.vocab.strings[match_id] == "YEAR":
                if MIN_YEAR <= int(doc[end - 1].text) <= MAX_YEAR:
                    found.append(doc[end - 1:end])
            else:
                found.append(doc[start:end])
        found.extend(doc[start:end] for _, start, end in self.phrase_matcher(doc)
                     if not is_comparison(doc, start))
        candidates = [make_candidate(span) for span in merge_clock_dates(filter_spans(found))]
        return [c for c in candidates if not is_duration(c.context)]

    def set_annotations(self, doc: Doc, candidates: list[Candidate]) -> None:
        """Normalise each candidate against ``doc._.published`` and store the TimeRefs."""
        anchor = parse_day(doc._.published)
        hint = None if anchor else find_year_hint([c.context for c in candidates])
        doc._.times = [ref for c in candidates
                       if (ref := make_timeref(c, anchor, hint)) is not None]


def merge_clock_dates(spans: list[Span]) -> list[Span]:
    """Join a TIME entity and the DATE entity next to it ("10 p.m. Wednesday", "Monday at 3 pm").

    The NER splits them; joined, the clock gets the day it belongs to. A TIME entity that is a length
    of time ("delayed for almost an hour on Saturday") stays apart: it is no clock.
    """
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        prev = merged[-1] if merged else None
        if prev is not None and {prev.label_, span.label_} == set(ENTITY_LABELS) \
                and all(t.lower_ in CLOCK_DATE_GLUE for t in span.doc[prev.end:span.start]) \
                and not any(s.label_ == "TIME" and is_duration(s) for s in (prev, span)):
            merged[-1] = Span(span.doc, prev.start, span.end, label="TIME")
        else:
            merged.append(span)
    return merged


def make_candidate(span: Span) -> Candidate:
    """Trim leading prepositions from the reported span; widen the span read for normalising."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in PREPOSITIONS:
        start += 1
    context = extend_span(span)
    return Candidate(span.doc[start:max(context.end, span.end)], context, span.label_ in ENTITY_LABELS)


def make_timeref(candidate: Candidate, anchor: Date | None, hint: Date | None) -> TimeRef | None:
    """One TimeRef; an entity no rule reads is kept as vague with no direction (it is a time)."""
    span = candidate.span
    found = normalise_time(candidate.context.text, anchor, year_hint=hint, future=is_future(span))
    if found is None:
        if not candidate.from_ner:
            return None
        found = (None, "vague", None, None, None)
    value, kind, partial, direction, clock = found
    weekday, part = day_and_part(span)
    return TimeRef(text=span.text, start=span.start_char, end=span.end_char, value=value, kind=kind,
                   partial=partial, direction=direction, clock=clock, weekday=weekday, part=part)


def day_and_part(span: Span) -> tuple[int | None, str | None]:
    """The ISO weekday an expression names ("late Friday" -> 5) and the part of the day or period it
    names ("early", "late", "morning", "night"...), with an "early"/"late" just before the span.

    Kept whether or not the expression can be anchored: with no publication date, two sources can
    still be compared on "early Tuesday" against "early Thursday"."""
    words = [t.lower_ for t in span]
    if span.start > 0 and span.doc[span.start - 1].lower_ in PART_WORDS:
        words.insert(0, span.doc[span.start - 1].lower_)
    weekday = next((WEEKDAYS[w] + 1 for w in words if w in WEEKDAYS), None)
    part = next((PART_WORDS[w] for w in words if w in PART_WORDS), None)
    return weekday, part


# Words naming a part of a day (or of a period: "early March"), mapped to one label each.
PART_WORDS = {"early": "early", "late": "late", "morning": "morning", "afternoon": "afternoon",
              "evening": "evening", "night": "night", "tonight": "night", "overnight": "night",
              "midday": "midday", "noon": "midday", "midnight": "night", "dawn": "morning"}


@Language.factory("rashomon_times", requires=["doc.ents"], assigns=["doc._.times"])
def make_time_reader(nlp: Language, name: str) -> TimeReader:
    """Build the component (registered as ``rashomon_times``)."""
    return TimeReader(nlp.vocab)
