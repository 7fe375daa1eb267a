"""Article metadata from the text and from what the format tells: title, dateline, outlet, dates.

Every function here works on plain strings (a paragraph, a URL, a field value); the choice of which
paragraph is the title or the dateline is made by ``ingest.article`` with these predicates.

Rules that keep the metadata honest:

* ``published`` is never guessed from a URL found in the text (a print footer or a link often points
  to *another* article, with another date); only the article's own URL (HTML canonical link, the
  ``url`` field of a JSON record) may give a date.
* the outlet from a URL is its registered domain without ``www.`` (``themoscowtimes.com``); the
  user's ``outlet_map`` (domain or name -> outlet) is applied last.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from rashomon.knowledge.calendar import load_calendar, words_pattern
from rashomon.lang import all_year_words

# A title is short: headlines rarely pass 15 words; 20 leaves room for long ones without taking a
# one-sentence lede (ledes run 25-40 words).
TITLE_MAX_WORDS = 20
# Years a news date may have; anything else in a dateline or URL is a number, not a date.
YEAR_MIN, YEAR_MAX = 1900, 2100

_CALENDAR = load_calendar()
_MONTH = rf"(?P<month>{words_pattern(_CALENDAR.months)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# "Published:", "Updated on", a weekday: words that may stand before the date on a dateline.
_PREFIX = (r"(?:(?:published|updated|posted|last updated|first published)(?:\s+on)?\s*:?\s*)?"
           rf"(?:(?:{words_pattern(_CALENDAR.weekdays)})\.?,?\s+)?")
# A time of day and zone after the date: "10:32 AM", ", 14:05 MSK", "at 9.15 a.m. (GMT+3)".
_TIME = (r"(?:\s*(?:,|at|-|–|—|\|)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
         r"(?:\s*\(?(?:[a-z]{2,5})?(?:[+-]\d{1,2}(?::?\d{2})?)?\)?)?)?")
_ISO = (r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_DATELINES = tuple(
    re.compile(rf"^\s*{_PREFIX}{date}{_TIME}\s*$", re.IGNORECASE)
    for date in (rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}", _ISO)
)
_URL_DATE = re.compile(r"/(?P<year>\d{4})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?:/|-|$)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.,;:][\"'”’»)\]]*$")


# Datelines in any language: a numeric date (2023-03-17, 17.03.2023, 17/03/2023) after at most
# ``DATELINE_PREFIX_WORDS`` words ("Опубликовано", "نشر في", "Veröffentlicht am"), with an optional time;
# or a day, a month word of any language and a year ("28 февраля 2022", "16 مارس 2023"), read by
# dateparser (loaded only for such a line).
DATELINE_PREFIX_WORDS = 2
_FOREIGN_PREFIX = rf"(?:[^\W\d_][\w'’-]*\.?:?\s+){{0,{DATELINE_PREFIX_WORDS}}}"
_NUMERIC_DATELINES = (
    re.compile(rf"^\s*{_FOREIGN_PREFIX}(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}}){_TIME}\s*$"),
    re.compile(rf"^\s*{_FOREIGN_PREFIX}(?P<day>\d{{1,2}})[./](?P<month>\d{{1,2}})[./](?P<year>\d{{4}}){_TIME}\s*$"),
)
_WORD_MONTH_DATELINE = re.compile(r"^\s*(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d_]{3,12})\.?,?\s+(?P<year>\d{4})"
                                  r"(?:\s+(?P<after>[^\W\d_]{1,5})\.?)?\s*$")


def parse_dateline(text: str) -> str | None:
    """Return ``YYYY-MM-DD`` when ``text`` is nothing but a date (with optional prefix and time), in
    English or, numeric or with a month word, in another language."""
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match:
            return make_date(match["year"], match["month"], match["day"])
    for pattern in _NUMERIC_DATELINES:
        match = pattern.match(text)
        if match:
            return make_date(match["year"], match["month"], match["day"])
    match = _WORD_MONTH_DATELINE.match(text)
    if match and (match["after"] is None or match["after"].lower() in all_year_words()):
        return foreign_month_date(match["day"], match["month"], match["year"])
    return None


def foreign_month_date(day: str, month: str, year: str) -> str | None:
    """The date of a day, a month word in any language dateparser knows, and a year, or None."""
    import dateparser

    parsed = dateparser.parse(f"{day} {month} {year}", settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return make_date(str(parsed.year), str(parsed.month), str(parsed.day)) if parsed else None


def make_date(year: str, month: str, day: str) -> str | None:
    """Return the ISO date of the parts (month as a number or an English name), or None if invalid."""
    month_no = int(month) if month.isdigit() else _CALENDAR.months.get(month.lower())
    try:
        date = dt.date(int(year), month_no or 0, int(day))
    except ValueError:
        return None
    return date.isoformat() if YEAR_MIN <= date.year <= YEAR_MAX else None


def normalise_date(value: object) -> str | None:
    """Turn a date given by a format (JSON field, HTML metadata) into ``YYYY-MM-DD``, or None.

    Reads ISO dates, datelines ("12 April 2021", "Feb. 28, 2022 10:32 AM") and RFC 2822 dates of
    feeds ("Fri, 02 Apr 2021 10:00:00 GMT"). dateparser would read more, but costs seconds to load;
    a value without a day ("April 2021") is not a publication date anyway.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return make_date(*iso.groups())
    found = parse_dateline(text)
    if found:
        return found
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return make_date(str(parsed.year), str(parsed.month), str(parsed.day))


def is_title_like(text: str) -> bool:
    """Whether a paragraph reads like a headline: short, with letters, not ending like a sentence.

    A headline may end with "?" or "!" but not with ".", ",", ";" or ":" (a lede or a lead-in does),
    except a headline in Title Case, which some outlets and datasets end with a full stop
    ("Clinton Plan for Taxes Is Expansive but Complex.").
    """
    words = text.split()
    if not words or len(words) > TITLE_MAX_WORDS or not any(c.isalpha() for c in text):
        return False
    if words[0].lower() == "by":  # "By Jane Roe" is a byline
        return False
    if _SENTENCE_END.search(text) and not (text.rstrip().endswith(".") and is_title_case(words)):
        return False
    return parse_dateline(text) is None and not is_url(text)


# Share of the longer words that must be capitalised for a line to count as Title Case (short
# function words like "for", "but", "is" are often left lower case in headlines).
TITLE_CASE_SHARE = 0.8


def is_title_case(words: list[str]) -> bool:
    """True for headline capitalisation: most words of four letters or more start with a capital."""
    long_words = [w for w in words if len(w.strip(".,;:!?\"'’“”")) >= 4]
    if len(long_words) < 2:
        return False
    capitalised = sum(1 for w in long_words if w.lstrip("\"'“‘(")[:1].isupper())
    return capitalised / len(long_words) >= TITLE_CASE_SHARE


def is_url(text: str) -> bool:
    """Whether ``text`` is a single URL (``https://...``, ``www....``), possibly in angle brackets."""
    match = _URL.fullmatch(text.strip().strip("<>"))
    return match is not None


def find_urls(text: str) -> list[str]:
    """Every URL written out in ``text``, in order."""
    return [m.group().rstrip(".,;:") for m in _URL.finditer(text)]


def registered_domain(url: str) -> str | None:
    """The registered domain of ``url`` without ``www.`` (``news.bbc.co.uk`` -> ``bbc.co.uk``).

    Uses the public-suffix list bundled with ``tld`` (a dependency of trafilatura); an unknown suffix
    falls back to the host name without ``www.``.
    """
    full = url if "://" in url else "http://" + url
    try:
        host = (urlsplit(full).hostname or "").lower().rstrip(".")
    except ValueError:  # "https://[::1": not a URL anyone can visit
        return None
    if not host or "." not in host:
        return None
    try:
        from tld import get_fld

        domain = get_fld(full, fail_silently=True)
    except ImportError:  # tld comes with trafilatura; without it the host name is good enough
        domain = None
    return domain or host.removeprefix("www.")


def date_from_url(url: str) -> str | None:
    """The date in an article's *own* URL path (``/2022/02/28/``, ``/2022-02-28-``), or None."""
    try:
        match = _URL_DATE.search(urlsplit(url).path)
    except ValueError:  # a malformed URL ("https://[::1") has no path to read
        return None
    return make_date(match["year"], match["month"], match["day"]) if match else None


def map_outlet(candidates: list[str], outlet_map: dict[str, str]) -> tuple[str, str] | None:
    """The first candidate (domain or name) found in the user's ``outlet_map``: (key, outlet name)."""
    lowered = {str(k).lower(): v for k, v in outlet_map.items()}
    for candidate in candidates:
        if candidate and candidate.lower() in lowered:
            return candidate, lowered[candidate.lower()]
    return None
