"""Framing: how each source names contested things, and the words that set each source apart.

Two measures over the readings of a story:

- **contested terms**: a lexicon (``data/contested_terms.yaml``, extendable by the user) lists concepts
  and their competing variants (Kyiv/Kiev, invasion/special military operation/offensive). Each use
  found in an article gets a voice: ``distanced`` (scare quotes, "so-called"), ``attributed`` (inside
  someone's quote or reported speech, or introduced as someone's label: "what is officially labeled")
  or ``own`` (the article's own words).
- **distinctive words**: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
  Quinn 2008, "Fightin' Words", eq. 16-22) of each source against the rest of the story.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from rashomon.knowledge.lexicons import load_yaml, merge_lexicon, read_user_file
from rashomon.lang import stop_words
from rashomon.messages import RashomonError
from rashomon.records import Framing, FramingUse, Reading, Voice

log = logging.getLogger(__name__)

LEXICON_FILE = "contested_terms.yaml"
# How far before a term a cue may start: long enough for "what the Russian leader has called an".
CUE_WINDOW_CHARS = 80
# Words allowed between a cue and its term ("what is officially labeled *a* special operation").
CUE_DETERMINERS = r"(?:(?:a|an|the|its|their|his|her|this|that|our)[\s-]+)?"
QUOTE_MARKS = "\"'“”‘’«»„"

# Distinctive words. A source needs this many content words (after stopwords) for its word counts to
# mean anything; with fewer, a word seen twice already reaches |z| > 1.96. 150 is about one short
# news article (the two seed articles have ~200 each); below it distinctive_words() returns nothing.
# Even at 200 words a word needs about 12 uses against none to reach z 1.96 with the pooled prior, so
# two short articles usually get empty lists: the statistic only speaks for longer texts or outlets.
MIN_CONTENT_WORDS = 150
# Words reported per source, and the smallest z-score reported (two-sided 95%).
TOP_WORDS = 10
Z_MIN = 1.96
# Pseudo-count for a word absent from a background prior, so that its log-odds stay finite.
PRIOR_FLOOR = 0.01
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


# --- the lexicon --------------------------------------------------------------------------------

@dataclass
class Concept:
    """A contested concept: its variants, each a list of regular-expression patterns."""

    name: str
    variants: dict[str, list[str]]
    note: str = ""

    @functools.cached_property
    def compiled(self) -> list[tuple[str, re.Pattern[str]]]:
        """``(variant, pattern)`` pairs, whole-word and case-insensitive."""
        return [(variant, compile_phrase(p, self.name)) for variant, patterns in self.variants.items()
                for p in patterns]


@dataclass
class Lexicon:
    """Contested concepts by name (in file order) and the voice cues."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    cues: dict[str, list[str]] = field(default_factory=dict)

    @functools.cached_property
    def cue_patterns(self) -> dict[str, re.Pattern[str]]:
        """One anchored regular expression per cue kind (see the data file's header)."""
        def alternation(kind: str) -> str:
            return "|".join(f"(?:{_spaced(c)})" for c in self.cues.get(kind, [])) or r"(?!x)x"
        forms = {
            "distancing": rf"(?<!\w)(?:{alternation('distancing')})[\s-]+{CUE_DETERMINERS}$",
            "attribution_before": rf"(?<!\w)(?:{alternation('attribution_before')})[\s-]+{CUE_DETERMINERS}$",
            "attribution_after": rf"^[\s,”\"’')]*(?:{alternation('attribution_after')})(?!\w)",
        }
        try:
            return {kind: re.compile(form, re.I) for kind, form in forms.items()}
        except re.error as exc:
            raise RashomonError("E001", path="contested terms (cues)",
                                reason=f"a cue is not a valid regular expression ({exc})") from None

    def compile(self) -> Lexicon:
        """Compile every pattern now, so that a bad pattern in a user's file fails when it is loaded."""
        for concept in self.concepts.values():
            _ = concept.compiled
        _ = self.cue_patterns
        return self


def _spaced(pattern: str) -> str:
    """A pattern whose spaces match any run of whitespace or a hyphen."""
    return pattern.replace(" ", r"[\s-]+")


def compile_phrase(pattern: str, concept: str = "?") -> re.Pattern[str]:
    """Compile one lexicon pattern as a whole-word, case-insensitive regular expression."""
    try:
        return re.compile(rf"(?<!\w)(?:{_spaced(pattern)})(?!\w)", re.I)
    except re.error as exc:
        raise RashomonError("E001", path=f"contested terms ({concept})",
                            reason=f"pattern {pattern!r} is not a valid regular expression ({exc})") from None


def load_lexicon(extra: str | Path | None = None) -> Lexicon:
    """The packaged contested-terms lexicon, extended or overridden by the user's file ``extra``.

    ``extra`` extends ours by the rule of every user lexicon (``knowledge.lexicons.merge_lexicon``):
    a concept of the same name is merged variant by variant; ``replace: true`` replaces it;
    ``<concept>: null`` drops it. Cues are appended. See the header of ``contested_terms.yaml``.
    """
    if extra is None:
        return _packaged_lexicon()
    packaged = checked_terms(load_yaml(LEXICON_FILE), LEXICON_FILE)
    user = checked_terms(read_user_file(extra), str(extra))
    return make_lexicon(merge_lexicon(packaged, user_terms(packaged, user)))


@functools.lru_cache(maxsize=1)
def _packaged_lexicon() -> Lexicon:
    return make_lexicon(checked_terms(load_yaml(LEXICON_FILE), LEXICON_FILE))


def checked_terms(data: dict[str, Any], where: str) -> dict[str, Any]:
    """``data`` itself, once every concept in it is null or a mapping with a mapping of variants."""
    for name, spec in (data.get("concepts") or {}).items():
        if spec is not None and (not isinstance(spec, Mapping) or not isinstance(spec.get("variants", {}), Mapping)):
            raise RashomonError("E001", path=where, reason=f"concept {name!r} needs a mapping `variants: "
                                "{variant: [pattern, ...]}`")
    return data


def user_terms(packaged: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    """The user's file as ``merge_lexicon`` takes it: an empty ``concepts:`` or ``cues:`` (YAML reads
    it as null) adds nothing, and each kind of cue adds to ours rather than replacing it, unless the
    file replaces our whole lexicon (``replace: true``)."""
    terms = {key: value for key, value in user.items() if value is not None or key not in ("concepts", "cues")}
    if terms.get("cues") and terms.get("replace") is not True:
        ours = packaged.get("cues") or {}
        terms["cues"] = {kind: [*(ours.get(kind) or []), *(values or [])] for kind, values in terms["cues"].items()}
    return terms


def make_lexicon(data: Mapping[str, Any]) -> Lexicon:
    """The compiled Lexicon of one merged lexicon mapping (``concepts`` and ``cues``)."""
    cues = {kind: [str(v) for v in values or []] for kind, values in (data.get("cues") or {}).items()}
    concepts = {name: make_concept(name, spec) for name, spec in (data.get("concepts") or {}).items()}
    return Lexicon(concepts, cues).compile()


def make_concept(name: str, spec: Mapping[str, Any]) -> Concept:
    """A Concept of its lexicon entry (a pattern given alone stands for a list of one)."""
    variants = {str(v): [str(p) for p in (ps if isinstance(ps, list) else [ps])]
                for v, ps in (spec.get("variants") or {}).items()}
    return Concept(name, variants, str(spec.get("note") or ""))


# --- contested terms ----------------------------------------------------------------------------

def framing_uses(reading: Reading, lexicon: Lexicon | None = None) -> list[FramingUse]:
    """Every use of a contested term in ``reading``, with its variant and voice, in text order.

    1. find every match of every concept's patterns (the ``term`` group where a pattern has one);
    2. within a concept, keep the longest of overlapping matches;
    3. give each use its voice (``voice_of``).
    """
    uses = [use for _, use in concept_uses(reading, lexicon or load_lexicon())]
    return sorted(uses, key=lambda u: (u.start, u.end))


def concept_uses(reading: Reading, lexicon: Lexicon) -> list[tuple[str, FramingUse]]:
    """``(concept, use)`` for every contested term of ``reading``, concept by concept."""
    text = reading.article.text
    return [(concept.name, FramingUse(article=reading.article.id, text=text[start:end], variant=variant,
                                      voice=voice_of(reading, start, end, lexicon), start=start, end=end))
            for concept in lexicon.concepts.values()
            for variant, start, end in _longest_matches(concept, text)]


def _longest_matches(concept: Concept, text: str) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    for variant, pattern in concept.compiled:
        for m in pattern.finditer(text):
            start, end = m.span("term") if "term" in pattern.groupindex and m.group("term") else m.span()
            found.append((variant, start, end))
    found.sort(key=lambda f: (-(f[2] - f[1]), f[1]))
    kept: list[tuple[str, int, int]] = []
    for variant, start, end in found:
        if all(end <= s or start >= e for _, s, e in kept):
            kept.append((variant, start, end))
    return sorted(kept, key=lambda f: f[1])


def voice_of(reading: Reading, start: int, end: int, lexicon: Lexicon) -> Voice:
    """Whose words the term at ``start:end`` of the reading's text is.

    - ``distanced``: inside words in quotation marks used as a term (``reading.terms``), wrapped in
      quotation marks itself, or right after a distancing cue ("so-called", "self-styled");
    - ``attributed``: inside a direct quote or a reported-speech clause of the reading, or right after
      an attribution cue ("what is officially labeled", "what Putin has called", "described as") or
      right before one ("as Moscow calls it");
    - ``own`` otherwise.

    A reported-speech span that is only a noun phrase ("announced *the start of a special military
    operation*") does not make a term attributed: the article itself names the thing (``Quote.statement``).
    """
    text = reading.article.text
    before = text[max(0, start - CUE_WINDOW_CHARS):start]
    cues = lexicon.cue_patterns
    if any(t.start <= start and end <= t.end for t in reading.terms) or _is_wrapped_in_quotes(text, start, end):
        return "distanced"
    if cues["distancing"].search(before):
        return "distanced"
    if any(q.start <= start and end <= q.end and q.statement for q in reading.quotes):
        return "attributed"
    if cues["attribution_before"].search(before) or cues["attribution_after"].search(text[end:end + CUE_WINDOW_CHARS]):
        return "attributed"
    return "own"


def _is_wrapped_in_quotes(text: str, start: int, end: int) -> bool:
    """True when the quotation marks sit right around the term (“denazify”), possibly with punctuation."""
    opening = text[start - 1:start] if start else ""
    closing = text[end:end + 2].lstrip(",.;:!?")[:1] or text[end:end + 1]
    return bool(opening) and opening in QUOTE_MARKS and closing in QUOTE_MARKS and not (
        opening in "'’" and text[start - 2:start - 1].isalpha())


def story_framing(readings: Iterable[Reading], lexicon: Lexicon | None = None) -> list[Framing]:
    """The framing of a story: one ``Framing`` per concept used by at least one article (in lexicon
    order), holding every use of every article (articles in the order given)."""
    lexicon = lexicon or load_lexicon()
    by_concept: dict[str, list[FramingUse]] = {name: [] for name in lexicon.concepts}
    for reading in readings:
        for concept, use in concept_uses(reading, lexicon):
            by_concept[concept].append(use)
    return [Framing(concept=name, uses=uses) for name, uses in by_concept.items() if uses]


# --- distinctive words --------------------------------------------------------------------------

def content_words(text: str, language: str = "en") -> list[str]:
    """Lower-cased words of ``text`` without the language's stop words (spaCy's list, through its
    pack: ``rashomon.lang.stop_words``), one-letter words and possessive endings."""
    stop = stop_words(language or "en")
    words = []
    for m in WORD_RE.finditer(text.lower()):
        word = re.sub(r"['’]s$", "", m.group()).replace("’", "'")
        if len(word) > 1 and word not in stop:
            words.append(word)
    return words


def distinctive_words(readings: Iterable[Reading], prior_counts: Mapping[str, float] | None = None,
                      min_words: int = MIN_CONTENT_WORDS, by: Literal["article", "outlet"] = "article",
                      top: int = TOP_WORDS, z_min: float = Z_MIN) -> dict[str, list[dict[str, Any]]]:
    """The words that most distinguish each source of a story from the rest of it.

    1. pool the content words of each source (an article, or an outlet with ``by="outlet"``; an
       article without an outlet stands for itself);
    2. keep the sources with at least ``min_words`` content words; a source with fewer gets no entry,
       and when fewer than two sources are left (or the rest of the story is too short) the result is
       ``{}``: the story does not have enough text for word statistics;
    3. score each source against the rest by ``log_odds_z`` with the prior ``prior_counts`` (default:
       the pooled counts of the whole story, Monroe et al.'s informative prior from the corpus itself);
    4. report the ``top`` words with z >= ``z_min`` as ``{"word", "z", "count"}``, highest z first (an
       empty list: the source had enough text, but no word stands out).
    """
    counts = _counts_by_source(readings, by)
    big = {s: c for s, c in counts.items() if sum(c.values()) >= min_words}
    if len(counts) < 2 or not big:
        log.info("distinctive words: no source has %d content words and a story to compare with", min_words)
        return {}
    pooled: Counter[str] = sum(counts.values(), Counter())
    prior = prior_counts if prior_counts is not None else pooled
    result: dict[str, list[dict[str, Any]]] = {}
    for source, own in big.items():
        rest = pooled - own
        if sum(rest.values()) < min_words:
            continue
        scores = log_odds_z(own, rest, prior)
        best = sorted(((w, z) for w, z in scores.items() if z >= z_min), key=lambda wz: (-wz[1], wz[0]))[:top]
        result[source] = [{"word": w, "z": round(z, 3), "count": own[w]} for w, z in best]
    return result


def _counts_by_source(readings: Iterable[Reading], by: str) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {}
    for reading in readings:
        key = (reading.article.source.outlet or reading.article.id) if by == "outlet" else reading.article.id
        counts.setdefault(key, Counter()).update(content_words(reading.article.text, reading.article.language))
    return counts


def log_odds_z(counts_i: Mapping[str, int], counts_j: Mapping[str, int],
               prior: Mapping[str, float]) -> dict[str, float]:
    """z-scores of the log-odds ratio of each word of group i against group j (Monroe et al. 2008).

    With prior pseudo-counts ``a_w`` (``a0`` their sum), group sizes ``n_i``, ``n_j``:
    ``delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))``
    (eq. 16), ``var(delta_w) ~= 1/(y_iw + a_w) + 1/(y_jw + a_w)`` (eq. 20), ``z_w = delta_w / sqrt(var)``
    (eq. 22). The prior's scale is its own total (pooled counts: as strong as the data); a word the
    prior lacks gets ``PRIOR_FLOOR``.
    """
    n_i, n_j = sum(counts_i.values()), sum(counts_j.values())
    vocab = set(counts_i) | set(counts_j)
    alpha = {w: max(float(prior.get(w, 0.0)), PRIOR_FLOOR) for w in vocab}
    a0 = max(sum(float(v) for v in prior.values()), sum(alpha.values()))
    scores: dict[str, float] = {}
    for w in vocab:
        y_i, y_j, a = counts_i.get(w, 0), counts_j.get(w, 0), alpha[w]
        delta = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
        scores[w] = delta / math.sqrt(1.0 / (y_i + a) + 1.0 / (y_j + a))
    return scores
