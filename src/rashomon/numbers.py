"""Numbers in news text: every numeric expression, what kind it is, and the interval it allows.

``find_numbers(text)`` returns each numeric expression of a text once, left to right, as a
:class:`Number`: the words as written, their character offsets, a kind, the value as stated and the
closed interval ``[low, high]`` that the words allow once hedges and rounding are applied. Two
outlets agree on a figure when their intervals overlap; that comparison is the caller's.

Why this is written here and not taken from a library: libraries that find quantities or prices
in text (quantulum3, price-parser) do not read hedges ("nearly", "at least") as intervals, and
none tells a year, a bill number, a phone number or a vote tally from a quantity, which is most
of the work here. Spelled-out cardinals ("twenty-five", "three hundred") are read by text2num
(``text_to_num.text2num``), which does that one job well. Dates are only recognised here (kind
"date"), not normalised: rashomon/read/times.py does that with dateparser. Phones are told apart
by their formats only; validating them (the phonenumbers library) is not needed to keep them out
of the figures. Everything else is regular expressions compiled once per language from
``rashomon/data/numbers/<language>.yaml`` (``build_grammar``, cached); this module holds no word
of any language, so a new language is a new YAML file (the decimal and group separators are data
too: English "2,000.5", German "2.000,5").

Rules
  1. Digits: group and decimal separators as the language writes them ("2,000" is 2000, never
     "000"). A leading sign is kept in the text but not in the value ("-16.4%" is 16.4; direction
     is for the caller). Glued abbreviations scale: "943K", "$5bn", "2.5m".
  2. Scale words multiply: "6.6 million", "a million", "half a million", "one and a half million".
     "tens of thousands", "hundreds of thousands" are vague quantities (rule 9).
  3. Rounding: a figure written with a rounding scale word or abbreviation stands for the interval
     of half a unit of its last digit: "1.4 trillion" is [1.35e12, 1.45e12], "17 million"
     [16.5e6, 17.5e6]. Plain digits ("943,000") and "three hundred" are exact. Bounds are closed
     and sit exactly at the half unit (decimal arithmetic, no float drift), so "6.8 million" and
     "6.9 million" touch at 6.85e6 only: callers should treat a zero-width touch as no overlap.
  4. Money: a currency symbol or ISO code before or after, or a currency word after; ``unit`` is
     the ISO 4217 code. "$" alone is US dollars (a data constant in en.yaml, with its reason).
  5. Percent: "13 percent", "12%", "5.4 per cent"; "13 percentage points" has unit
     "percentage_point".
  6. Hedges are intervals (constants below): "at least 40" and "more than 100" are [40, None] and
     [100, None] (the bound is closed even for "more than": a figure is rarely exact enough for
     the difference to matter); "nearly 5" is [5 * (1 - NEAR), 5]; "about 1,000" is
     [1000 * (1 - ABOUT), 1000 * (1 + ABOUT)], never narrower than its rounding; "up to 50" and
     "less than 10" start at 0; "just over"/"just under" reach JUST beyond the figure.
  7. Ranges ("between 50 and 100", "50 to 100", "50-100", "from 50 to 100") have value None,
     hedge "between" and the kind of their ends (count, money, percent or duration). A unit or
     scale written on one end applies to both ("10-15%", "$50-100 million"); scaled ends keep
     their rounding. Two years make a span of years ("2019-2021", "2019-20": kind "year").
  8. Tallies: a pair of whole numbers "57-43", "5-to-4", "220 to 211" whose first number is at
     least the second is a tally (value first, ``against`` second). A smaller first number makes a
     range, unless a tally word (vote, ruling, won, lost...) stands within TALLY_WINDOW_WORDS
     words ("lost 43-57"). "between"/"from" always make a range.
  9. Vague quantities ("dozens", "hundreds", "a few", "several") are counts with value None, hedge
     "vague" and the interval the YAML gives them; with a unit or currency they are durations or
     money ("several hours", "millions of dollars").
 10. Number words: "one" ... "twelve", "twenty-five", "three hundred" (text2num), "a dozen" (12),
     "two dozen" (24), "half" in "half a million". "a"/"an" alone are never numbers; before a
     time unit they count one only where a length is meant: after a hedge or a word such as
     "for", "within", "than" (``article_unit_after``), at a sentence start, or before "ago"
     ("nearly an hour", "An hour later"; not "twice a day", "14 sailings a day"). Fractions
     ("two-thirds", "a third of") and phrases such as "no one" are not numbers at all.
 11. Durations: a figure with a time unit ("two weeks": value 2, unit "week"; "two decades":
     value 20, unit "year"); ``seconds()`` converts. A length followed by "ago" is a point in
     time (kind "date", value and unit kept).
 12. Non-quantities keep their kind so that callers can skip them: "year" (four digits
     YEAR_FIRST-YEAR_LAST with no separator, hedge, currency or scale; "the 1990s"), "clock",
     "date", "ordinal", "age" (unit "year", or "month" for "a six-month-old"), "phone" (formats;
     a bare "555-0142" unless both halves end in 0, which reads as a range of round numbers),
     "address", "identifier", "list" (a number opening a line and followed by "." or ")").
 13. Expressions never overlap: the longest wins, then the more specific kind (PRIORITY), then
     the leftmost.

Non-quantities carry a value where one is meaningful (a year, an ordinal, an age, a list number,
a clock time as hours after midnight) with low == high == value; dates, phones, addresses and
identifiers have value None.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from text_to_num import text2num

from rashomon.knowledge.lexicons import data_path, load_yaml

# --- Interval constants ------------------------------------------------------------------------

# "about 12" is [10.8, 13.2]: wide enough to hold "eleven" (12 * 0.9 = 10.8 < 11), narrow enough
# that "roughly six hours" (from 5.4) stays clear of "nearly five hours" (up to 5).
ABOUT = Decimal("0.1")
# "nearly five" is [4.5, 5]: a writer who rounds up to "nearly" is rarely more than a tenth off.
NEAR = Decimal("0.1")
# "just over 100" is [100, 105]: "just" is tighter than "about".
JUST = Decimal("0.05")
# Half a unit of the last digit: the rounding interval of rule 3.
HALF = Decimal("0.5")
ONE = Decimal(1)
ZERO = Decimal(0)

# Hedge key -> (low, high) as multiples of the stated figure; None is unbounded. "about" also never
# narrows the rounding interval (rule 6).
HEDGE_FACTORS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "at_least": (ONE, None),
    "more_than": (ONE, None),
    "nearly": (ONE - NEAR, ONE),
    "about": (ONE - ABOUT, ONE + ABOUT),
    "up_to": (ZERO, ONE),
    "less_than": (ZERO, ONE),
    "just_over": (ONE, ONE + JUST),
    "just_under": (ONE - JUST, ONE),
}

# Years: modern news dates fall in this span; "1600 Pennsylvania Avenue" is an address before it
# is a year, and a four-digit count outside the span ("1,500" written "1500") stays a count.
YEAR_FIRST, YEAR_LAST = 1800, 2100
# A tally word counts within this many words of the pair: "the council voted 5-4", "a 6-3 ruling".
TALLY_WINDOW_WORDS = 4
# Characters searched on each side for those words (four words of news English fit in 60).
TALLY_WINDOW_CHARS = 60
# A day of the month is at most 31 and a month at most 12 (numeric dates).
LAST_DAY, LAST_MONTH = 31, 12
# "1/2", "3/4": a slash pair with a denominator this small and a smaller numerator is a fraction,
# not a date (so "9/11" is a date and "2/3" is not).
FRACTION_MAX_DENOMINATOR = 10
# "2019-20" ends in the century of its first year.
CENTURY = 100
# A tens word takes only a unit ordinal after it: "twenty-first", never "twenty-tenth".
TENS = 10
# Hours of a clock: "13:45" is a time, "25:10" is not; a.m./p.m. hours run to 12.
LAST_HOUR, LAST_HALF_DAY_HOUR = 23, 12
# Backward searches for a word before a figure look this much further than the word's own length,
# for the white space and punctuation between ("at least   40", "between\n50").
CONTEXT_SLACK = 20
# A separator of a pair ("-", "to", "and") may have this many characters of white space around it.
SEPARATOR_SLACK = 4
# A sign, a currency symbol and a space before digits: "-$5", "US$ 5".
PREFIX_SLACK = 3
# Parsed amounts are cached per (text, language): articles repeat the same few figures.
CACHE_SIZE = 4096

# Seconds in each canonical time unit; a month and a year are Gregorian averages (365.2425 days).
SECONDS_PER_UNIT = {
    "second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0,
    "month": 2629746.0, "year": 31556952.0,
}

QUANTITY_KINDS = frozenset({"count", "money", "percent", "duration", "tally"})

# Ties in length go to the more specific reading: "555-0142" is a phone before it is a tally.
PRIORITY = {"block": 0, "list": 1, "phone": 2, "date": 3, "clock": 4, "age": 5, "address": 6,
            "identifier": 7, "ordinal": 8, "decade": 9, "range": 10, "hedged": 11, "core": 12}

# Regex pieces that no language changes.
NEVER = r"(?!x)x"
WBB = r"(?<![^\W_])"  # not after a letter or digit
WBA = r"(?![^\W_])"   # not before a letter or digit
WORD = r"\w"           # a word character, for character classes
LEAD = r"[0-9](?<![^\W_][0-9])"  # a first digit not glued to a letter or digit (see build_lead_digit)
BLOCKED = object()    # a candidate that wins its span and then returns nothing ("no one")


@dataclass(frozen=True)
class Number:
    """One numeric expression: its words, offsets, kind, value and the interval it allows."""

    text: str
    start: int
    end: int
    kind: str
    value: float | None
    low: float | None
    high: float | None
    hedge: str | None
    unit: str | None
    against: float | None = None

    @property
    def is_quantity(self) -> bool:
        """Counts, money, percentages, durations and tallies: figures that outlets can disagree on."""
        return self.kind in QUANTITY_KINDS

    @property
    def is_exact(self) -> bool:
        """A stated value whose interval is that value alone (never true when value is None)."""
        return self.value is not None and self.low == self.high == self.value


@dataclass(frozen=True)
class Amount:
    """A figure as written, before hedges: its digits, scale and how it rounds."""

    figure: Decimal | None             # "6.6" in "6.6 million"; None when vague
    decimals: int = 0                  # digits after the decimal separator of the figure
    scale: Decimal = ONE               # product of scale words, currency minor units, unit multiples
    rounds: bool = False               # written with a rounding scale: half a unit of the last digit
    vague: tuple[Decimal, Decimal] | None = None
    plain: bool = False                # bare digits: no separator, decimals or scale
    article: bool = False              # "a"/"an" alone: one, but only before a unit

    @property
    def value(self) -> Decimal | None:
        return None if self.figure is None else self.figure * self.scale

    def bounds(self) -> tuple[Decimal, Decimal]:
        """The interval the figure allows before any hedge (rule 3)."""
        if self.vague is not None:
            return self.vague[0] * self.scale, self.vague[1] * self.scale
        value = self.value
        if not self.rounds:
            return value, value
        half = HALF * Decimal(10) ** -self.decimals * self.scale
        return value - half, value + half


@dataclass(frozen=True)
class Core:
    """A figure with what is glued to it (currency, percent, time unit, post-hedge, "ago")."""

    start: int
    end: int
    amount: Amount
    kind: str
    unit: str | None
    post_hedge: str | None
    year_like: bool
    is_integer: bool


# --- Language data -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def load_lexicon(language: str) -> dict:
    """The number words of ``language`` from ``rashomon/data/numbers/<language>.yaml``."""
    name = f"numbers/{language}.yaml"
    if not re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z]+)?", language) or not data_path(name).is_file():
        raise ValueError(f"no number words for language {language!r} under rashomon/data/numbers/")
    return load_yaml(name)


def build_alternation(phrases, case_sensitive: bool = False) -> str:
    """Phrases as one regex group, rendered as a trie ("seven(?:t(?:een|y))?").

    A trie tries the longer phrase first at every branch, so "tens of thousands" beats
    "thousands" as an ordered alternation would; it is also several times faster than a flat
    alternation, which the regex engine tries phrase by phrase at every position. (Packages such
    as trieregex do the same; twenty lines here spare a dependency.) A space in a phrase matches
    any run of white space.
    """
    trie: dict = {}
    for phrase in {" ".join(str(p).split()) for p in phrases or ()}:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    if not any(trie):
        return NEVER
    body = render_trie(trie)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def render_trie(node: dict) -> str:
    """The regex of a trie node: its branches, optional when a phrase may end here."""
    branches = [(r"\s+" if char == " " else re.escape(char)) + render_trie(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


def escape_phrase(phrase: str) -> str:
    """One phrase as a regex: escaped, any run of white space where it has a space."""
    return r"\s+".join(re.escape(part) for part in str(phrase).split())


def capitalise_words(words) -> list[str]:
    """Words with their first letter upper case ("sept." -> "Sept.")."""
    return [w[:1].upper() + w[1:] for w in map(str, words or ())]


def normalise(text: str) -> str:
    """Lower case with single spaces: the key under which the lexicon stores a phrase."""
    return " ".join(text.lower().split())


def lower_keys(mapping) -> dict:
    return {normalise(str(k)): v for k, v in (mapping or {}).items()}


def to_decimal(value) -> Decimal:
    return Decimal(str(value))


# --- Compiled grammar, one per language ---------------------------------------------------------


class Grammar:
    """Everything a language needs at run time: lookup tables and regexes compiled once."""

    def __init__(self, language: str):
        self.language = language
        lex = load_lexicon(language)
        self.lex = lex
        self.init_tables(lex)
        self.parts = build_fragments(lex, self)
        self.prefix_re = re.compile(build_prefix_pattern(self.parts), re.IGNORECASE)
        self.init_context(lex)
        self.scanned, self.digit_family, self.word_family = build_matchers(lex, self)

    def init_tables(self, lex: dict) -> None:
        self.text2num = lex.get("text2num")
        self.group = str(lex.get("group_separator") or "")
        self.decimal = str(lex.get("decimal_separator") or ".")
        self.articles = frozenset(normalise(a) for a in lex.get("articles") or ())
        self.fractions = {k: to_decimal(v) for k, v in lower_keys(lex.get("fraction_words")).items()}
        self.plus_half = [normalise(p) for p in lex.get("plus_half") or ()]
        self.multipliers = {k: to_decimal(v) for k, v in lower_keys(lex.get("multipliers")).items()}
        self.scales = {k: (to_decimal(v["value"]), bool(v.get("rounds")))
                       for k, v in lower_keys(lex.get("scales")).items()}
        self.abbreviations = {k: to_decimal(v) for k, v in lower_keys(lex.get("scale_abbreviations")).items()}
        self.vague = {k: (to_decimal(v[0]), to_decimal(v[1]))
                      for k, v in lower_keys(lex.get("vague")).items()}
        self.hedges = lower_keys(lex.get("hedges"))
        self.post_hedges = {normalise(k).lstrip("-"): v for k, v in (lex.get("post_hedges") or {}).items()}
        self.currencies = {**lower_keys(lex.get("currency_words")), **lower_keys(lex.get("currency_symbols"))}
        self.percent = lower_keys(lex.get("percent"))
        self.time_units = lower_keys(lex.get("time_units"))
        self.init_word_tables(lex)

    def init_word_tables(self, lex: dict) -> None:
        self.range_openers = {normalise(k): {normalise(s) for s in v}
                              for k, v in (lex.get("range_openers") or {}).items()}
        self.range_separators = {normalise(s) for s in lex.get("range_separators") or ()}
        self.tally_context = frozenset(normalise(w) for w in lex.get("tally_context") or ())
        self.months = lower_keys(lex.get("months"))
        self.ordinals = lower_keys(lex.get("ordinals"))
        self.clock_suffixes = lower_keys(lex.get("clock_suffixes"))
        self.not_identifier_words = frozenset(lex.get("not_identifier_words") or ())
        self.code_letters = frozenset(lex.get("code_letters") or ())
        self.digits_re = re.compile(build_digits_pattern(self.group, self.decimal))
        abbreviations = build_alternation(self.abbreviations)
        self.abbreviation_re = re.compile(rf"([0-9].*?)({abbreviations})", re.IGNORECASE)

    def init_context(self, lex: dict) -> None:
        """Regexes that look just before or around a candidate (hedges, openers, prefixes, context)."""
        self.hedge_re = re.compile(rf"{WBB}({build_alternation(self.hedges)})\s+\Z", re.IGNORECASE)
        self.hedge_lookback = max((len(h) for h in self.hedges), default=0) + CONTEXT_SLACK
        self.opener_re = re.compile(rf"{WBB}({build_alternation(self.range_openers)})\s+\Z", re.IGNORECASE)
        self.opener_lookback = max((len(h) for h in self.range_openers), default=0) + CONTEXT_SLACK
        self.all_separators = set().union(self.range_separators, *self.range_openers.values())
        # Two figures of a pair stand at most this far apart (" - ", "-to-", " and ").
        self.pair_gap = max((len(x) for x in self.all_separators), default=0) + SEPARATOR_SLACK
        symbols = [str(c) for c in lex.get("currency_symbols") or ()]
        self.prefix_chars = frozenset("-−+" + "".join(c[-1] + c[-1].swapcase() for c in symbols))
        self.prefix_lookback = max((len(c) for c in symbols), default=0) + PREFIX_SLACK
        after = [*(lex.get("article_unit_after") or ()), *(h.split()[-1] for h in self.hedges)]
        self.length_lookback = max(map(len, after), default=0) + CONTEXT_SLACK
        days = [*(lex.get("day_article") or ()), *(lex.get("day_before") or ())]
        self.day_lookback = max(map(len, days), default=0) + CONTEXT_SLACK
        self.length_context_re = re.compile(rf"(?:{WBB}{build_alternation(after)}|[.!?:;]|\A)\s*\Z", re.I)
        self.day_article_re = re.compile(rf"{WBB}{build_alternation(lex.get('day_article'))}\s+\Z", re.I)
        self.before_day_re = re.compile(rf"{WBB}{build_alternation(lex.get('day_before'))}\s+\Z", re.I)
        after_day = build_alternation(lex.get("day_after"))
        self.after_day_re = re.compile(rf"\s*(?:[.,;:!?)]|\Z|{after_day}{WBA})", re.IGNORECASE)
        self.word_re = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=None)
def build_grammar(language: str) -> Grammar:
    """The compiled grammar of ``language``, built once per process."""
    return Grammar(language)


def build_digits_pattern(group: str, decimal: str) -> str:
    """Digits with the language's separators: "2,000.5" in English, "2.000,5" in German.

    They never start inside a number or a word ("2,000" holds no "000"). The first digit leads the
    pattern and the checks on what stands before it follow (``build_lead_digit``).
    """
    g, d = re.escape(group) if group else NEVER, re.escape(decimal)
    after_separator = "".join(f"(?<!{re.escape(sep)}[0-9])" for sep in (group, decimal) if sep)
    rest = rf"(?:[0-9]{{0,2}}(?:{g}[0-9]{{3}})+(?:{d}[0-9]+)?|[0-9]*(?:{d}[0-9]+)?)"
    return rf"{build_lead_digit(WORD)}{after_separator}{rest}(?!{g}[0-9])(?!{d}[0-9])"


def build_lead_digit(not_before: str) -> str:
    """A first digit not preceded by any of the character class ``not_before``.

    The digit comes first so that the regex engine can skip straight to digits (sre scans for a
    leading character class in C); a leading lookbehind would make it try every position.
    """
    return rf"[0-9](?<![{not_before}][0-9])"


def build_cardinal_pattern(lex: dict) -> str:
    """Spelled-out cardinals for text2num: separate words in English, glued ones in German."""
    cards = build_alternation(lex.get("cardinals"))
    mults = build_alternation(lex.get("cardinal_multipliers"))
    joiner = lex.get("cardinal_and")
    if lex.get("compound_cardinals"):  # a lone "und" matches too; text2num rejects it
        glue = build_alternation([joiner]) if joiner else NEVER
        return rf"{WBB}(?:{cards}|{mults}|{glue})+{WBA}"
    linked = rf"[\s-]+{mults}\s+{escape_phrase(joiner)}[\s-]+{cards}" if joiner else NEVER
    return rf"{WBB}{cards}{WBA}(?:(?:{linked}|[\s-]+(?:{cards}|{mults})){WBA})*"


def build_fragments(lex: dict, g: Grammar) -> dict[str, str]:
    """Regex fragments shared by the core pattern and the non-quantity matchers."""
    symbols = lex.get("currency_symbols") or {}
    post_hedges = [str(k) for k in lex.get("post_hedges") or ()]
    return {
        "dig": build_digits_pattern(g.group, g.decimal),
        "words": build_cardinal_pattern(lex),
        "art": rf"{WBB}{build_alternation(lex.get('articles'))}",
        "frac": rf"{WBB}{build_alternation(g.fractions)}",
        "plushalf": build_alternation(g.plus_half),
        "mult": build_alternation(g.multipliers),
        "scale": build_alternation(g.scales),
        "abbr": build_alternation(g.abbreviations),
        "vague": rf"{WBB}{build_alternation(g.vague)}",
        "cur_pre": rf"{WBB}{build_alternation(symbols)}",
        "cur_post": build_alternation(g.currencies),
        "pct": build_alternation(g.percent),
        "unit": build_alternation(g.time_units),
        "aunit": build_alternation(lex.get("article_units")),
        "of": escape_phrase(lex.get("vague_of") or "") if lex.get("vague_of") else NEVER,
        "ph_spaced": build_alternation(k for k in post_hedges if not k.startswith("-")),
        "ph_glued": build_alternation(k[1:] for k in post_hedges if k.startswith("-")),
        "ago": build_alternation(lex.get("ago")),
        "clock": build_alternation(g.clock_suffixes),
    }


def read_unit_name(canonical) -> str:
    """The canonical unit of a time-unit entry (a name, or [name, multiple])."""
    return str(canonical[0] if isinstance(canonical, list) else canonical)


def build_core_patterns(p: dict[str, str]) -> tuple[str, str]:
    """A figure and what is glued after it (scale, currency, percent, unit, post-hedge, "ago"):
    one pattern for figures in digits, one for figures in words. A sign or currency before the
    digits is read backwards (``build_prefix_pattern``) so that the digit pattern can lead with a digit.
    """
    clock_ahead = rf"(?!:[0-9])(?!\s?{p['clock']}{WBA})"
    half_ahead = rf"\s+{p['plushalf']}(?=\s+(?:{p['scale']}|{p['unit']}){WBA})"
    digits = (rf"{p['dig']}(?:\s+{p['mult']}{WBA}|{half_ahead}"
              rf"|(?:{p['abbr']})?{WBA}{clock_ahead})")
    words = "|".join([  # the first branch that matches wins: vague phrases before "one" ("one or two")
        rf"{p['vague']}{WBA}",
        rf"(?:{p['frac']}|{p['words']}|{p['art']})\s+{p['mult']}{WBA}",
        rf"{p['frac']}(?=\s+(?:{p['scale']}|{p['aunit']}){WBA})",
        rf"(?:{p['words']}|{p['art']}){half_ahead}",
        rf"{p['art']}(?=\s+(?:{p['scale']}|{p['aunit']}){WBA})",
        rf"{p['words']}",
    ])
    tail = build_tail_pattern(p)
    scales = rf"(?:\s+{p['scale']}{WBA}){{0,2}}"
    return rf"(?P<amount>{digits}{scales}){tail}", rf"{WBB}(?P<amount>(?:{words}){scales}){tail}"


def build_tail_pattern(p: dict[str, str]) -> str:
    """What may follow a figure: a post-hedge, a currency, percent or time unit, "ago"."""
    of = rf"(?:\s+{p['of']})?"
    post = "|".join([
        rf"{of}\s?(?P<cur_post>{p['cur_post']}){WBA}",
        rf"[\s-]?(?P<pct>{p['pct']})(?:(?<=%)|{WBA})",
        rf"(?:{of}\s+|-)(?P<unit>{p['unit']}){WBA}(?P<unit_half>\s+{p['plushalf']}{WBA})?",
    ])
    post_hedge = rf"(?:\s+{p['ph_spaced']}|-{p['ph_glued']}){WBA}"
    return rf"(?P<ph1>{post_hedge})?(?:{post})?(?P<ph2>{post_hedge})?(?P<ago>\s+{p['ago']}{WBA})?"


def build_prefix_pattern(p: dict[str, str]) -> str:
    """A sign and/or a currency right before digits ("-16.4%", "$5", "US$ 5"), read backwards."""
    return rf"(?:(?<![\w.,])(?P<sign>[-−+]))?(?:(?P<cur_pre>{p['cur_pre']})\s?)?\Z"


# --- Reading a figure ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=CACHE_SIZE)
def parse_amount(text: str, language: str) -> Amount | None:
    """The figure of an amount phrase ("6.6 million", "a dozen", "dozens"); None if unreadable."""
    g = build_grammar(language)
    key = normalise(text)
    if key in g.vague:
        return Amount(None, vague=g.vague[key])
    if key in g.articles:
        return Amount(ONE, article=True)
    spelled = read_spelled(key, g)
    if spelled is not None:
        return spelled
    figure_text, scale, rounds = split_scale(key, g)
    figure = read_figure(figure_text, g)
    if figure is None:
        return None
    value, decimals, plain = figure
    return Amount(value, decimals, scale, rounds, plain=plain and scale == ONE)


def read_spelled(key: str, g: Grammar) -> Amount | None:
    """A phrase of number words only, read whole by text2num ("three hundred", "two million").

    A phrase that ends in a rounding scale word rounds like its digit form: "two million" is
    [1.5e6, 2.5e6], as "2 million" is.
    """
    tokens = re.split(r"[\s-]+", key)
    if not g.text2num or not all(t.isalpha() for t in tokens) or tokens[0] in g.articles:
        return None
    try:
        value = Decimal(text2num(key, g.text2num))
    except Exception:  # text2num raises ValueError (and others) on anything it cannot read
        return None
    scale, rounds = g.scales.get(tokens[-1], (ONE, False))
    if rounds and len(tokens) > 1:
        return Amount(value / scale, 0, scale, True)
    return Amount(value)


def split_scale(key: str, g: Grammar) -> tuple[str, Decimal, bool]:
    """Peel scale words (or a glued abbreviation) off the end; the last one decides rounding."""
    tokens = key.split()
    scale, rounds = ONE, None
    while len(tokens) > 1 and tokens[-1] in g.scales:
        value, word_rounds = g.scales[tokens.pop()]
        scale *= value
        rounds = word_rounds if rounds is None else rounds
    glued = g.abbreviation_re.fullmatch(tokens[-1]) if len(tokens) == 1 else None
    if glued and g.digits_re.fullmatch(glued.group(1)):
        tokens = [glued.group(1)]
        scale *= g.abbreviations[glued.group(2).lower()]
        rounds = True
    return " ".join(tokens), scale, bool(rounds)


def read_figure(text: str, g: Grammar) -> tuple[Decimal, int, bool] | None:
    """(value, decimals, plain) of a figure without scale: digits, words, "half a", "x dozen"."""
    if text in g.fractions:
        value = g.fractions[text]
        return value, max(0, -value.as_tuple().exponent), False
    if text in g.articles:
        return ONE, 0, False
    if g.digits_re.fullmatch(text):
        return read_digits(text, g)
    head, _, last = text.rpartition(" ")
    if head and last in g.multipliers:
        base = read_figure(head, g)
        return None if base is None else (base[0] * g.multipliers[last], base[1], False)
    for phrase in g.plus_half:
        if text.endswith(" " + phrase):
            base = read_figure(text[: -len(phrase) - 1], g)
            return None if base is None else (base[0] + HALF, max(1, base[1]), False)
    spelled = read_spelled(text, g)
    return None if spelled is None else (spelled.value, 0, False)


def read_digits(text: str, g: Grammar) -> tuple[Decimal, int, bool]:
    """Digits with the language's separators ("19,882", "6.6"; "2.000,5" in German)."""
    plain = text.isdigit()
    if g.group:
        text = text.replace(g.group, "")
    whole, _, fraction = text.partition(g.decimal)
    return Decimal(f"{whole}.{fraction}" if fraction else whole), len(fraction), plain


# --- Quantities: cores, hedges, ranges and tallies ----------------------------------------------


def read_core(match: re.Match, prefix: Prefix, text: str, g: Grammar) -> Core | None:
    """The figure a core match holds, with its kind and unit; None when it is not a number."""
    amount = parse_amount(match["amount"], g.language)
    if amount is None or (amount.article and not match["unit"]):
        return None
    if amount.article and not match["ago"] and not is_length_context(match.start(), text, g):
        return None  # "twice a day", "$5 a month": a rate, not a length
    kind, unit, factor = read_unit(match, prefix.currency, g)
    if match["unit_half"]:
        amount = replace(amount, figure=amount.figure + HALF, decimals=max(1, amount.decimals))
    if factor != ONE:
        amount = replace(amount, scale=amount.scale * factor)
    post_text = match["ph1"] or match["ph2"]
    if amount.vague is not None and post_text:
        return None
    post = g.post_hedges.get(normalise(post_text).lstrip("-")) if post_text else None
    year_like = is_year_like(amount, kind, match, prefix, post)
    kind = "date" if match["ago"] else kind
    is_integer = amount.figure is not None and amount.decimals == 0 and factor == ONE
    return Core(prefix.start, match.end(), amount, kind, unit, post, year_like, is_integer)


@dataclass(frozen=True)
class Prefix:
    """What stands right before a figure in digits: where the expression starts, sign, currency."""

    start: int
    sign: str | None = None
    currency: str | None = None


def read_prefix(match: re.Match, text: str, g: Grammar) -> Prefix:
    """The sign and currency before digits ("-16.4%", "US$ 5"), found by a backward search."""
    start = match.start()
    before = text[start - 2:start] if start >= 2 else text[:start]
    last = before[-1:]
    if not last or not (last in g.prefix_chars or (last.isspace() and before[:1] in g.prefix_chars)):
        return Prefix(start)  # nothing that could end a sign or currency: skip the search
    found = g.prefix_re.search(text, max(0, start - g.prefix_lookback), start)
    if found is None or found.start() == start:
        return Prefix(start)
    return Prefix(found.start(), found["sign"], found["cur_pre"])


def is_length_context(start: int, text: str, g: Grammar) -> bool:
    """Whether "a"/"an" + unit at ``start`` reads as a length: after a word of
    ``article_unit_after`` or a hedge, or at the start of a sentence."""
    return g.length_context_re.search(text, max(0, start - g.length_lookback), start) is not None


def read_unit(match: re.Match, currency: str | None, g: Grammar) -> tuple[str, str | None, Decimal]:
    """(kind, unit, factor): money, percent, duration or a plain count."""
    currency = currency or match["cur_post"]
    if currency:
        code = g.currencies[normalise(currency)]
        if isinstance(code, list):
            return "money", str(code[0]), to_decimal(code[1])
        return "money", str(code), ONE
    if match["pct"]:
        return "percent", str(g.percent[normalise(match["pct"])]), ONE
    if match["unit"]:
        entry = g.time_units[normalise(match["unit"])]
        factor = to_decimal(entry[1]) if isinstance(entry, list) else ONE
        return "duration", read_unit_name(entry), factor
    return "count", None, ONE


def is_year_like(amount: Amount, kind: str, match: re.Match, prefix: Prefix, post: str | None) -> bool:
    """Four bare digits in the span of modern years, with nothing glued on ("in 2001")."""
    if kind != "count" or not amount.plain or prefix.sign or post:
        return False
    digits = match["amount"]
    return len(digits) == 4 and YEAR_FIRST <= int(digits) <= YEAR_LAST


def to_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def apply_hedge(amount: Amount, hedge: str | None) -> tuple[Decimal | None, Decimal | None]:
    """The interval an amount allows under a hedge (rule 6); no hedge keeps its rounding."""
    low, high = amount.bounds()
    if hedge not in HEDGE_FACTORS or amount.value is None:
        return low, high
    low_factor, high_factor = HEDGE_FACTORS[hedge]
    value = amount.value
    hedged_low = None if low_factor is None else value * low_factor
    hedged_high = None if high_factor is None else value * high_factor
    if low_factor is not None and high_factor is not None and low_factor < ONE < high_factor:
        return min(low, hedged_low), max(high, hedged_high)  # "about" never narrows the rounding
    return hedged_low, hedged_high


def make_core_number(core: Core, text: str, start: int, hedge: str | None) -> Number:
    """The Number a core makes, with a hedge read before it (or None)."""
    amount = core.amount
    if core.year_like and hedge is None:
        year = float(amount.value)
        return Number(text[start:core.end], start, core.end, "year", year, year, year, None, None)
    hedge = hedge or core.post_hedge
    if amount.vague is not None:
        hedge = "vague"
    low, high = apply_hedge(amount, hedge)
    return Number(text[start:core.end], start, core.end, core.kind, to_float(amount.value),
                  to_float(low), to_float(high), hedge, core.unit)


def find_hedge(core: Core, text: str, g: Grammar) -> tuple[int, str] | None:
    """(start, hedge key) of a hedge right before a core ("more than 40"); None if there is none."""
    if core.amount.vague is not None or core.post_hedge is not None or not is_after_word(core.start, text):
        return None
    found = g.hedge_re.search(text, max(0, core.start - g.hedge_lookback), core.start)
    if found is None:
        return None
    return found.start(1), g.hedges[normalise(found.group(1))]


def is_after_word(start: int, text: str) -> bool:
    """Whether white space and then a letter stand before ``start`` (as after any hedge word)."""
    at = start - 1
    if at < 1 or not text[at].isspace():
        return False
    while at > 0 and text[at].isspace():
        at -= 1
    return text[at].isalpha() or text[at] == "."


def read_digit_core(match: re.Match, text: str, g: Grammar) -> Core | None:
    """A figure in digits, with the sign or currency before it."""
    return read_core(match, read_prefix(match, text, g), text, g)


def read_word_core(match: re.Match, text: str, g: Grammar) -> Core | None:
    """A figure in words ("twenty-five", "a dozen", "dozens")."""
    return read_core(match, Prefix(match.start()), text, g)


def collect_core_candidates(cores: list[Core], text: str, g: Grammar) -> list[tuple]:
    """Each core alone, each core with the hedge before it, each pair that makes a range or tally."""
    candidates = []
    for core in cores:  # Numbers are made only for the spans that win (select_spans)
        bare = (make_core_number, core, text, core.start, None)
        candidates.append((core.start, core.end, PRIORITY["core"], bare))
        hedged = find_hedge(core, text, g)
        if hedged is not None:
            with_hedge = (make_core_number, core, text, *hedged)
            candidates.append((hedged[0], core.end, PRIORITY["hedged"], with_hedge))
    for first, second in zip(cores, cores[1:]):
        number = read_pair(first, second, text, g)
        if number is not None:
            candidates.append((number.start, number.end, PRIORITY["range"], number))
    return candidates


def find_opener(first: Core, text: str, g: Grammar) -> tuple[int, str] | None:
    """(start, word) of "between"/"from" right before the first figure of a pair."""
    found = g.opener_re.search(text, max(0, first.start - g.opener_lookback), first.start)
    return None if found is None else (found.start(1), normalise(found.group(1)))


def read_separator(first: Core, second: Core, text: str) -> str:
    """What stands between two figures, normalised: "-", "–", "to", "and" ("-to-" is "to")."""
    between = normalise(text[first.end:second.start])
    if len(between) > 2 and between.startswith("-") and between.endswith("-"):
        return between[1:-1]
    return between


def read_pair(first: Core, second: Core, text: str, g: Grammar) -> Number | None:
    """Two figures joined by a range separator: a range, a tally or a span of years (rules 7-8)."""
    if not 0 < second.start - first.end <= g.pair_gap or not is_pairable(first) or not is_pairable(second):
        return None
    separator = read_separator(first, second, text)
    if separator not in g.all_separators:
        return None
    opener = find_opener(first, text, g)
    if separator not in (g.range_openers.get(opener[1], set()) if opener else g.range_separators):
        return None
    start = opener[0] if opener else first.start
    years = read_year_span(first, second, text, start)
    if years is not None:
        return years
    if opener is None and is_tally(first, second, text, g):
        return make_tally(first, second, text)
    return make_range(first, second, text, start)


def is_pairable(core: Core) -> bool:
    """Vague, hedged and "ago" figures do not join ranges."""
    return core.amount.vague is None and core.post_hedge is None and core.kind != "date"


def read_year_span(first: Core, second: Core, text: str, start: int) -> Number | None:
    """"2019-2021", "between 2019 and 2021", "2019-20": a span of years (kind "year")."""
    if not first.year_like:
        return None
    low = first.amount.value
    if second.year_like:
        high = second.amount.value
    elif second.amount.plain and len(text[second.start:second.end]) == 2 and second.start - first.end == 1:
        high = low - low % CENTURY + second.amount.value  # "2019-20": the same century
    else:
        return None
    if high <= low:
        return None
    return Number(text[start:second.end], start, second.end, "year", None, float(low), float(high),
                  "between", None)


def is_tally(first: Core, second: Core, text: str, g: Grammar) -> bool:
    """Two whole counts where the first is not smaller, or where a tally word stands near."""
    if first.kind != "count" or second.kind != "count" or not (first.is_integer and second.is_integer):
        return False
    if first.amount.scale != ONE or second.amount.scale != ONE:
        return False
    return first.amount.value >= second.amount.value or has_tally_word(first.start, second.end, text, g)


def has_tally_word(start: int, end: int, text: str, g: Grammar) -> bool:
    """A tally word ("voted", "ruling", "lost") within TALLY_WINDOW_WORDS words of a pair."""
    before = g.word_re.findall(text, max(0, start - TALLY_WINDOW_CHARS), start)[-TALLY_WINDOW_WORDS:]
    after = g.word_re.findall(text, end, end + TALLY_WINDOW_CHARS)[:TALLY_WINDOW_WORDS]
    return any(word.lower() in g.tally_context for word in before + after)


def make_tally(first: Core, second: Core, text: str) -> Number:
    value = float(first.amount.value)
    return Number(text[first.start:second.end], first.start, second.end, "tally", value, value, value,
                  None, None, against=float(second.amount.value))


def make_range(first: Core, second: Core, text: str, start: int) -> Number | None:
    """A range: the kind and unit of whichever end has one; a scale on the second end only
    ("50 to 100 million") applies to the first."""
    kinds = {(c.kind, c.unit) for c in (first, second) if c.kind != "count"}
    if len(kinds) > 1:
        return None
    kind, unit = kinds.pop() if kinds else ("count", None)
    low_amount = first.amount
    if low_amount.scale == ONE and second.amount.scale != ONE:
        low_amount = replace(low_amount, scale=second.amount.scale, rounds=second.amount.rounds)
    lows = (low_amount.bounds()[0], second.amount.bounds()[0])
    highs = (low_amount.bounds()[1], second.amount.bounds()[1])
    return Number(text[start:second.end], start, second.end, kind, None, float(min(lows)),
                  float(max(highs)), "between", unit)


# --- Non-quantities -----------------------------------------------------------------------------


def build_matchers(lex: dict, g: Grammar) -> tuple[list[tuple], Family, Family]:
    """(priority name, compiled regex, builder) for every reading: those scanned over the whole
    text, those that start where a run of digits starts, those that start at a number word.

    Scanning a 1,000-word text costs some 50 microseconds per pattern however rare its matches
    are, so the digit-led and word-led patterns are not scanned one by one: a gate finds where
    they may start and a ``Family`` tries all of them there at once.
    """
    p = g.parts
    digit_core, word_core = build_core_patterns(p)
    phones, (month_dates, digit_dates), (named_ids, digit_ids) = (
        build_phone_specs(), build_date_specs(lex, p, g), build_identifier_specs(lex, p))
    scanned = [("block", build_blocker_pattern(lex, word_led=False), read_blocked),
               ("list", r"(?m)^[ \t]*([0-9]{1,3})[.)](?=[ \t]+\S)", read_list),
               *phones[:2], *month_dates, *named_ids]
    digit_led = [("core", digit_core, read_digit_core), *phones[2:], *digit_dates, *build_clock_specs(lex, p),
                 ("age", rf"(?P<n>{p['dig']}){build_age_after_pattern(lex, p)}", read_age),
                 ("address", build_address_pattern(lex), read_address), *digit_ids,
                 ("ordinal", build_ordinal_digits_pattern(lex), read_ordinal),
                 ("decade", build_decade_pattern(lex), read_decade)]
    word_led = [("core", word_core, read_word_core),
                ("block", build_blocker_pattern(lex, word_led=True, of=p["of"]), read_blocked),
                ("age", rf"(?P<n>{p['words']}){build_age_after_pattern(lex, p)}", read_age),
                ("age", build_age_before_pattern(lex), read_age),
                ("ordinal", build_ordinal_words_pattern(lex), read_ordinal)]
    return (compile_specs(scanned), Family(LEAD, compile_specs(digit_led)),
            Family(build_trigger_pattern(lex, g), compile_specs(word_led)))


class Family:
    """Patterns that all start where one gate regex matches (a run of digits, a number word).

    The gate is scanned once; each pattern is then matched only at the gate's positions. Matches
    of one pattern may overlap there; rule 13 decides between them.
    """

    def __init__(self, gate: str, specs: list[tuple]):
        self.gate = re.compile(gate, re.IGNORECASE)
        self.specs = specs

    def find_matches(self, text: str):
        """(spec, match) for every pattern of the family at every gate position."""
        positions = [gate.start() for gate in self.gate.finditer(text)]
        for spec in self.specs:
            match_at = spec[1].match
            for position in positions:
                match = match_at(text, position)
                if match is not None:
                    yield spec, match


def compile_specs(specs: list[tuple]) -> list[tuple]:
    return [(name, re.compile(pattern, re.IGNORECASE), builder)
            for name, pattern, builder in specs if pattern and pattern != NEVER]


def read_first_word(phrase) -> str | None:
    """The first word of a phrase if it starts with a letter ("no one" -> "no"; "24/7" -> None)."""
    found = re.match(r"[^\W\d_]+", str(phrase))
    return found.group().lower() if found else None


def build_trigger_pattern(lex: dict, g: Grammar) -> str:
    """Where a number word may start: the first words of every word-led phrase.

    Word-led patterns are tried only at these positions: scanning the whole text with each of
    them costs several times more, because the regex engine cannot skip ahead to a letter.
    Languages that glue cardinals ("zweihundert") start at any word that begins with one.
    """
    phrases = [*(lex.get("cardinals") or ()), *(lex.get("articles") or ()), *g.fractions, *g.vague,
               *(lex.get("not_numbers") or ()), *(lex.get("age_before") or ()), *g.ordinals,
               *(lex.get("ordinal_tens") or ())]
    exact = rf"{WBB}{build_alternation({w for w in map(read_first_word, phrases) if w})}{WBA}"
    if not lex.get("compound_cardinals"):
        return exact
    morphemes = [*(lex.get("cardinals") or ()), *(lex.get("cardinal_multipliers") or ())]
    return rf"{exact}|{WBB}{build_alternation(morphemes)}"


def build_blocker_pattern(lex: dict, word_led: bool, of: str = NEVER) -> str:
    """Phrases that look like numbers and are not ("no one", "two-thirds", "a third of", "24/7")."""
    phrases = [ph for ph in lex.get("not_numbers") or () if bool(read_first_word(ph)) == word_led]
    if not word_led:
        return rf"{build_alternation(phrases)}{WBA}" if phrases else NEVER
    denominators = build_alternation(lex.get("fraction_denominators"))
    head = rf"{WBB}(?:{build_alternation(lex.get('cardinals'))}|{build_alternation(lex.get('articles'))})"
    fraction = rf"{head}(?:-{denominators}|\s+{denominators}(?=\s+{of}{WBA})){WBA}"
    return rf"{WBB}{build_alternation(phrases)}{WBA}|{fraction}"


def read_blocked(match: re.Match, text: str, g: Grammar):
    """A blocker wins its span and yields nothing (not inside a word: "124/7" is not "24/7")."""
    if match.start() and text[match.start() - 1].isalnum():
        return None
    return BLOCKED


def read_list(match: re.Match, text: str, g: Grammar) -> Number:
    value = float(match.group(1))
    return make_plain(match, text, "list", value, start=match.start(1))


def make_plain(match: re.Match, text: str, kind: str, value: float | None, start: int | None = None,
               unit: str | None = None, low: float | None = None, high: float | None = None) -> Number:
    """A non-quantity Number: low == high == value unless a span of values is given."""
    start = match.start() if start is None else start
    low = value if low is None else low
    high = value if high is None else high
    return Number(text[start:match.end()], start, match.end(), kind, value, low, high, None, unit)


def build_phone_specs() -> list[tuple]:
    """International, North American and seven-digit local numbers (formats, not words); the
    first two start with "+" or "(", the others with a digit."""
    international = r"\+(?<![\w+]\+)[0-9]{1,3}(?:[\s.-]?\([0-9]{1,4}\))?(?:[\s.-][0-9]{2,4}){2,4}(?![0-9])"
    area_code = r"\((?<![\w(]\()[0-9]{3}\)\s?[0-9]{3}[-.][0-9]{4}(?![\w-])"
    area = r"(?:(?<=1)[-.][0-9]{3}|[0-9]{2})"  # "1-800-555-0199" or "212-555-0199"
    american = rf"{build_lead_digit(WORD + '-')}{area}[-.][0-9]{{3}}[-.][0-9]{{4}}(?![\w-])"
    local = rf"({build_lead_digit(WORD + '.,-')}[0-9]{{2}})-([0-9]{{4}})(?![\w-])"
    return [("phone", international, read_phone), ("phone", area_code, read_phone),
            ("phone", american, read_phone), ("phone", local, read_local_phone)]


def read_phone(match: re.Match, text: str, g: Grammar) -> Number:
    return make_plain(match, text, "phone", None)


def read_local_phone(match: re.Match, text: str, g: Grammar) -> Number | None:
    """"555-0142" is a phone; "500-1000", both ends round, is left to be a range."""
    if match.group(1).endswith("0") and match.group(2).endswith("0"):
        return None
    return make_plain(match, text, "phone", None)


def build_date_specs(lex: dict, p: dict[str, str], g: Grammar) -> tuple[list[tuple], list[tuple]]:
    """Named months, numeric dates and "the 25th": (month-led specs, digit-led specs).

    A capitalise_words month leads its patterns (no lookbehind: a capital letter rarely follows a
    letter), so that the regex engine can skip to the month's first letters.
    """
    month = build_alternation(capitalise_words(g.months), case_sensitive=True)
    suffix = rf"(?:{build_alternation(lex.get('day_suffixes'))})?"
    day = rf"[0-9]{{1,2}}{suffix}"
    year = rf"(?:,?\s+[0-9]{{4}}{WBA})?"
    of = rf"(?:\s+{p['of']})?"
    named = [rf"{month}\s+(?P<d>{day})(?:\s?[-–]\s?{day})?{WBA}{year}",
             rf"(?P<d>{LEAD}[0-9]?{suffix}){of}\s+{month}(?!\w){year}",
             rf"{month}\s+[0-9]{{4}}{WBA}"]
    month_led = [("date", named[0], read_named_date), ("date", named[2], read_named_date)]
    specs = [("date", named[1], read_named_date)]
    iso = rf"({LEAD}[0-9]{{3}})-([0-9]{{2}})-([0-9]{{2}}){WBA}"
    specs.append(("date", iso, read_iso_date))
    specs.extend(("date", build_numeric_date_pattern(sep, lex), read_numeric_date)
                 for sep in lex.get("date_separators") or ())
    day_suffixes = build_alternation(lex.get("day_suffixes"))
    if lex.get("day_article"):
        specs.append(("date", rf"{LEAD}[0-9]?{day_suffixes}{WBA}", read_day_of_month))
    return month_led, specs


def build_numeric_date_pattern(separator: str, lex: dict) -> str:
    """"5/25/2020" (and "5/25" where the language writes year-less numeric dates)."""
    s = re.escape(separator)
    year = rf"{s}(?P<y>[0-9]{{4}}|[0-9]{{2}})"
    year = rf"(?:{year})?" if separator in (lex.get("yearless_date_separators") or ()) else year
    lead = build_lead_digit(WORD + s)
    return rf"(?P<a>{lead}[0-9]?){s}(?P<b>[0-9]{{1,2}}){year}(?![\w]|{s}[0-9])"


def read_named_date(match: re.Match, text: str, g: Grammar) -> Number | None:
    day = match.groupdict().get("d")
    if day and not 1 <= int(re.match(r"[0-9]+", day).group()) <= LAST_DAY:
        return None
    return make_plain(match, text, "date", None)


def read_iso_date(match: re.Match, text: str, g: Grammar) -> Number | None:
    if not (1 <= int(match.group(2)) <= LAST_MONTH and 1 <= int(match.group(3)) <= LAST_DAY):
        return None
    return make_plain(match, text, "date", None)


def read_numeric_date(match: re.Match, text: str, g: Grammar):
    """Month and day in either order; a year-less small fraction ("2/3") is blocked instead."""
    a, b = int(match["a"]), int(match["b"])
    if match["y"] is None and a < b <= FRACTION_MAX_DENOMINATOR:
        return BLOCKED
    if not (1 <= a <= LAST_DAY and 1 <= b <= LAST_DAY and min(a, b) <= LAST_MONTH):
        return None
    return make_plain(match, text, "date", None)


def read_day_of_month(match: re.Match, text: str, g: Grammar) -> Number | None:
    """"the 25th" is a date after "on", or before "of" or punctuation; else "25th" is an ordinal."""
    article = g.day_article_re.search(text, max(0, match.start() - g.day_lookback), match.start())
    if article is None or not 1 <= int(re.match("[0-9]+", match.group()).group()) <= LAST_DAY:
        return None
    after = g.after_day_re.match(text, match.end())
    before = g.before_day_re.search(text, max(0, article.start() - g.day_lookback), article.start())
    if not (after or before):
        return None
    start = article.start()
    return Number(text[start:match.end()], start, match.end(), "date", None, None, None, None, None)


def build_clock_specs(lex: dict, p: dict[str, str]) -> list[tuple]:
    """"5:41 p.m.", "13:45", "11 a.m."; other separators ("13.45 Uhr") need a suffix."""
    suffix = rf"(?P<sfx>{p['clock']}){WBA}"
    hour = rf"(?P<h>{LEAD}[0-9]?)"
    colon = rf"{hour}:(?P<m>[0-5][0-9])(?::[0-5][0-9])?(?![0-9])(?:\s?{suffix})?"
    separators = build_alternation(lex.get("clock_separators"))
    other = rf"{hour}(?:{separators}(?P<m>[0-5][0-9]))?\s?{suffix}"
    return [("clock", colon, read_clock), ("clock", other, read_clock)]


def read_clock(match: re.Match, text: str, g: Grammar) -> Number | None:
    """A time of day; value is hours after midnight (5:41 p.m. is 17.68...)."""
    hour, minute = int(match["h"]), int(match["m"] or 0)
    half = g.clock_suffixes.get(normalise(match["sfx"] or ""))
    if hour > (LAST_HALF_DAY_HOUR if half else LAST_HOUR) or (half and hour == 0):
        return None
    if half == "pm" and hour < LAST_HALF_DAY_HOUR:
        hour += LAST_HALF_DAY_HOUR
    elif half == "am" and hour == LAST_HALF_DAY_HOUR:
        hour = 0
    return make_plain(match, text, "clock", hour + minute / 60)


def build_age_after_pattern(lex: dict, p: dict[str, str]) -> str:
    """What follows the figure of an age: "-year-old", " years old"."""
    return rf"[\s-]+(?P<u>{p['unit']})[\s-]+{build_alternation(lex.get('age_after'))}{WBA}"


def build_age_before_pattern(lex: dict) -> str:
    """"aged 53", "age 87" ("at 87" alone is not an age)."""
    if not lex.get("age_before"):
        return NEVER
    return rf"{WBB}{build_alternation(lex.get('age_before'))}\s+(?P<n>[0-9]{{1,3}}){WBA}(?P<u>)"


def read_age(match: re.Match, text: str, g: Grammar) -> Number | None:
    """An age in the unit it is given in (``unit`` "year" unless "six-month-old" says otherwise)."""
    amount = parse_amount(match["n"], g.language)
    if amount is None or amount.value is None:
        return None
    unit = read_unit_name(g.time_units[normalise(match["u"])]) if match["u"] else "year"
    return make_plain(match, text, "age", float(amount.value), unit=unit)


def build_address_pattern(lex: dict) -> str:
    """A house number, one to three capitalise_words words and a street word ("10 Downing Street")."""
    streets = lex.get("street_words")
    if not streets:
        return NEVER
    name = r"(?-i:[A-Z][\w'’.-]*)"
    street = build_alternation(streets, case_sensitive=True)
    number = rf"{LEAD}[0-9]{{0,4}}(?-i:[A-Z])?"
    return rf"{number}\s+(?:{name}\s+){{0,2}}?{name}\s+{street}(?:(?<=\.)|{WBA})"


def read_address(match: re.Match, text: str, g: Grammar) -> Number:
    return make_plain(match, text, "address", None)


def build_identifier_specs(lex: dict, p: dict[str, str]) -> tuple[list[tuple], list[tuple]]:
    """Names that hold digits: "H.R. 1154", "Route 66", "Title IX", "COVID-19", "G7", "#5", "5G".

    Patterns that start with a capital letter check what stands before it in the builder
    (``read_identifier``), so that the regex engine can skip ahead to capitals. Returns
    (specs scanned over the text, specs that start with a digit).
    """
    prefixes = build_alternation(lex.get("identifier_prefixes"), case_sensitive=True)
    number = r"(?:(?-i:[A-Z])?[0-9]+(?:-[0-9]+)?(?-i:[A-Za-z])?|(?-i:[IVXLC]+))"
    scanned = [
        ("identifier", rf"{prefixes}\s?(?:#\s?)?{number}{WBA}", read_identifier),
        ("identifier", rf"(?P<w>(?-i:[A-Z][A-Za-z]{{0,5}}))(?:-[A-Za-z]{{1,6}})*-[0-9]+(?-i:[A-Za-z])?{WBA}",
         read_identifier),
        ("identifier", rf"(?-i:[A-Z][A-Za-z]{{0,3}})[0-9]+(?:[A-Za-z]+[0-9]*)*{WBA}", read_identifier),
        ("identifier", rf"#(?<![\w#]#)\s?[0-9]+{WBA}", read_identifier),
    ]
    return scanned, [("identifier", rf"{LEAD}[0-9]*(?P<letters>(?-i:[A-Z]{{1,2}})){WBA}", read_identifier)]


def read_identifier(match: re.Match, text: str, g: Grammar) -> Number | None:
    """An identifier, unless it starts inside a word, its word is a plain prefix ("Top-10") or
    digits end in letters that make no code ("25C", "943K")."""
    groups = match.groupdict()
    before = text[match.start() - 1] if match.start() else " "
    if before.isalnum() or before in "_.-":
        return None
    if groups.get("w") and groups["w"] in g.not_identifier_words:
        return None
    if groups.get("letters") and groups["letters"] not in g.code_letters:
        return None
    return make_plain(match, text, "identifier", None)


def build_ordinal_digits_pattern(lex: dict) -> str:
    """"21st", "3rd"."""
    if not lex.get("ordinal_suffixes"):
        return NEVER
    return rf"(?P<n>{LEAD}[0-9]*){build_alternation(lex.get('ordinal_suffixes'))}{WBA}"


def build_ordinal_words_pattern(lex: dict) -> str:
    """"third", "twenty-first"."""
    tens = build_alternation(lex.get("ordinal_tens"))
    return rf"{WBB}(?:(?P<tens>{tens})[\s-]+)?(?P<o>{build_alternation(lex.get('ordinals'))}){WBA}"


def read_ordinal(match: re.Match, text: str, g: Grammar) -> Number | None:
    groups = match.groupdict()
    if groups.get("n"):
        return make_plain(match, text, "ordinal", float(Decimal(groups["n"])))
    value = int(g.ordinals[normalise(groups["o"])])
    if groups.get("tens"):
        if value >= TENS:
            return None  # "twenty tenth" is not an ordinal
        value += text2num(normalise(groups["tens"]), g.text2num) if g.text2num else 0
    return make_plain(match, text, "ordinal", float(value))


def build_decade_pattern(lex: dict) -> str:
    """"the 1990s": a span of ten years."""
    suffix = lex.get("decade_suffix")
    if not suffix:
        return NEVER
    return rf"(?P<y>{LEAD}(?:(?<=1)[89]|(?<=2)0)[0-9]0){re.escape(suffix)}{WBA}"


def read_decade(match: re.Match, text: str, g: Grammar) -> Number:
    first = float(match["y"])
    return Number(match.group(), match.start(), match.end(), "year", None, first, first + 9, None, None)


# --- Public API ---------------------------------------------------------------------------------


def collect_candidates(text: str, g: Grammar) -> tuple[list[tuple], list[Core]]:
    """Candidates of every non-quantity reading (and blocker), and the cores of every figure."""
    candidates: list[tuple] = []
    cores: list[Core] = []
    scanned = ((spec, match) for spec in g.scanned for match in spec[1].finditer(text))
    for sources in (scanned, g.digit_family.find_matches(text), g.word_family.find_matches(text)):
        for (name, _, builder), match in sources:
            found = builder(match, text, g)
            if found is None:
                continue
            if isinstance(found, Core):
                cores.append(found)
            elif found is BLOCKED:
                candidates.append((match.start(), match.end(), PRIORITY[name], None))
            else:
                candidates.append((found.start, found.end, PRIORITY[name], found))
    cores.sort(key=lambda core: core.start)
    return candidates, cores


def select_spans(candidates: list[tuple]) -> list[Number]:
    """Non-overlapping candidates: longest first, then by priority, then leftmost (rule 13)."""
    starts: list[int] = []
    chosen: list[tuple] = []
    for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        start, end = candidate[0], candidate[1]
        at = bisect.bisect_left(starts, start)
        clashes = (at > 0 and chosen[at - 1][1] > start) or (at < len(chosen) and chosen[at][0] < end)
        if end <= start or clashes:
            continue
        starts.insert(at, start)
        chosen.insert(at, candidate)
    return [make_number(c[3]) for c in chosen if c[3] is not None]


def make_number(made: Number | tuple) -> Number:
    """A candidate's Number: made already, or (function, *arguments) to make it now."""
    return made if isinstance(made, Number) else made[0](*made[1:])


def find_numbers(text: str, language: str = "en") -> list[Number]:
    """Every numeric expression in ``text``, left to right, non-overlapping, longest first."""
    g = build_grammar(language)
    candidates, cores = collect_candidates(text, g)
    candidates.extend(collect_core_candidates(cores, text, g))
    return select_spans(candidates)


def parse_number(text: str, language: str = "en") -> Number | None:
    """One expression given alone ("about 1,000", "$1.4 trillion"): the longest found in it."""
    numbers = find_numbers(text, language)
    if not numbers:
        return None
    return max(numbers, key=lambda n: (n.end - n.start, -n.start))


def count_words(language: str = "en") -> tuple[str, ...]:
    """The single words that write a count before a unit or a noun: the articles ("a year ago") and
    the cardinals ("two days", "twenty years") of the language's number words."""
    lex = load_lexicon(language)
    return tuple(normalise(str(w)) for w in (*(lex.get("articles") or ()), *(lex.get("cardinals") or ())))


@functools.lru_cache(maxsize=CACHE_SIZE)
def parse_count(text: str, language: str = "en") -> int | None:
    """The whole count ``text`` writes before a unit or a noun: digits or number words ("4", "four",
    "twenty-five", "a dozen"), an article alone being one ("a year ago"); None for vague counts
    ("several"), hedged or fractional figures and anything that is not a count. Plain digits are a
    count whatever their value: before a unit "1990" is no year ("1990 years ago")."""
    words = normalise(text)
    if words.isdecimal():
        return int(words)
    if words in (normalise(str(a)) for a in load_lexicon(language).get("articles") or ()):
        return 1
    number = parse_number(words, language)
    if number is None or number.kind != "count" or number.hedge or number.value is None:
        return None
    if (number.start, number.end) != (0, len(words)) or not number.value.is_integer():
        return None
    return int(number.value)


def seconds(number: Number) -> tuple[float | None, float | None]:
    """A duration's interval [low, high] in seconds (None stays unbounded)."""
    if number.unit not in SECONDS_PER_UNIT:
        raise ValueError(f"{number.text!r} has no time unit")
    factor = SECONDS_PER_UNIT[number.unit]
    return (None if number.low is None else number.low * factor,
            None if number.high is None else number.high * factor)
