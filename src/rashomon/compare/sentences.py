"""Sentence spans of a clean article text, for evidence: the sentence behind every value.

The reading does not keep spaCy's sentences (no Doc leaves ``read``), and compare needs only
boundaries, so a small splitter on the clean text is enough: a break after ".", "!" or "?" (and
closing quotes) before a capital or digit, or at a newline, but not after an initial ("V. Medinsky")
or a listed abbreviation ("Mr. Podolyak").
"""

from __future__ import annotations

import functools
import re

ABBREVIATIONS = frozenset("mr mrs ms dr prof gen col lt sgt st jr sr no vs etc inc ltd co corp gov sen rep "
                          "jan feb mar apr aug sep sept oct nov dec u.s u.k u.n e.g i.e".split())
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n+")


@functools.lru_cache(maxsize=256)  # every value of a facet asks again for its article's sentences
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each sentence of ``text``: a break after ``.``, ``!`` or ``?`` (and closing
    quotes) before a capital or digit, or at a newline; not after an initial ("V. Medinsky") or a
    listed abbreviation ("Mr. Podolyak")."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        word = re.search(r"([\w.]+)\W*$", text[start:m.start() + 1])
        last = word.group(1).rstrip(".").lower() if word else ""
        if m.group().startswith(".") and (len(last) == 1 or last in ABBREVIATIONS):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return tuple((s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip()))
                 for s, e in spans if text[s:e].strip())


def sentence_of(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence span holding ``start``; several sentences when the expression crosses a break."""
    first = next((s for s in spans if s[0] <= start < s[1]), (start, end))
    last = next((s for s in spans if s[0] < end <= s[1]), first)
    return first[0], max(first[1], last[1])


