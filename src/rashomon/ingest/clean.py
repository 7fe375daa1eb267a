"""Clean one article's text: remove page furniture and debris, undo hard wraps, keep every offset.

The clean text
--------------
* Paragraphs are separated by a **single "\\n"** (never a blank line): that newline *is* the newline
  that ended the paragraph's last line in the original, so every clean character maps to exactly one
  original character and the ``OffsetMap`` stays a list of one-to-one runs.
* Inside a paragraph a hard wrap becomes one space, which maps to the original newline; a line that
  ends in a hyphen right after a letter ("Russian-" / "Ukrainian") joins the next line without a
  space and keeps its hyphen (the newline is simply not in the clean text).
* Nothing else is normalised: curly quotes, apostrophes, dashes and inner spacing stay as they are.

What is taken out (each piece kept as ``Removed(kind, text, start, end)``, offsets into the original,
``text`` as a reader sees it, i.e. with line wraps undone):

``footer`` a line that is only a URL (browser print footers); ``header`` a line that repeats on
every page, or a print date-time stamp; ``page_number`` ("3", "1/3", "Page 2 of 5"); ``image``
(markdown images); ``table`` (table rules, leading/trailing cell bars); ``related`` ("Related
article: ..."); ``boilerplate`` (share/subscribe/newsletter lines); ``caption`` and ``credit`` (a
photo caption near the top or right after an image); ``symbols`` (a run of 64 or more
punctuation or symbol characters in a row: padding, separator walls). ``title`` and ``dateline`` are taken out by
``ingest.article`` with the same paragraphs.

The rule above all: never drop a body sentence. Every test here errs towards keeping a line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rashomon.ingest.meta import is_title_like, is_url, parse_dateline
from rashomon.knowledge import lexicons
from rashomon.records import OffsetMap, Removed

# --- thresholds ------------------------------------------------------------------------------
# Hard-wrapped text (a print, an e-mail) has no line longer than this; browsers print at 90-100
# characters, mail wraps at 72-80, so 130 leaves room for wide fonts. A text with more than
# WRAP_LONG_SHARE of longer lines holds one paragraph per line and is not unwrapped.
WRAP_MAX_WIDTH = 130
WRAP_LONG_SHARE = 0.05
# In a wrapped text many lines are cut mid-sentence near the wrap width; in a one-paragraph-per-line
# text almost none are (a headline stops mid-"sentence" but is short). Measured on the seeds: 0.8 of
# the lines of the printed seed that another line follows are cut so, none of the scrape's.
WRAP_MIN_CUT_SHARE = 0.3
# One cut line proves nothing (a long caption before its credit line): it takes two.
WRAP_MIN_CUT_LINES = 2
WRAP_MIN_LINES = 3
# A wrapped line at least this share of the text's wrap width was cut by the wrap, not by the author.
FULL_LINE_RATIO = 0.75
# Boilerplate and related-link lines are short; a longer line that starts with "Follow us" is prose.
BOILERPLATE_MAX_WORDS = 12
# Page headers are short labels (outlet, section, title); a repeated long line is a repeated quote.
HEADER_MAX_WORDS = 15
# A header sits within this many lines of a page's top or bottom.
HEADER_ZONE_LINES = 3
# Captions are one or two sentences; a longer paragraph is body text whatever it contains.
CAPTION_MAX_WORDS = 45
# A credit is a name and one to three agencies ("Sergei Kholodilin / BELTA / TASS").
CREDIT_MAX_WORDS = 8
# "Near the top" for a caption: the first paragraphs after the title and the dateline.
CAPTION_TOP_PARAGRAPHS = 2

SENTENCE_END = ".!?…"
CLOSERS = "\"'”’»)]"
# Removed lines that a page break leaves inside a paragraph: they neither end nor join paragraphs.
PAGE_FURNITURE = frozenset({"footer", "header", "page_number", "pagebreak"})

_PAGE_NUMBER = re.compile(r"^[-–(\[]?\s*(?:page\s+|p\.\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*[-–)\]]?$",
                          re.IGNORECASE)
# A print stamp: a numeric date and a time at the start of the line ("2/28/22, 10:32 AM  Title").
_PRINT_STAMP = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\b")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?$")
_LIST_ITEM = re.compile(r"^(?:[-*•·]\s|\d{1,2}[.)]\s)")
_WORD = r"[A-ZА-ЯЁ](?:[\w'’-]*|\.)"  # a capitalised word, or an initial ("J.")
_SLASH_CREDIT = re.compile(
    rf"(?:{_WORD}\s+){{0,3}}{_WORD}\s*/\s*{_WORD}(?:\s+{_WORD}){{0,2}}"
    rf"(?:\s*/\s*{_WORD}(?:\s+{_WORD}){{0,2}})*\s*\)?$")


@dataclass
class Line:
    """One line of the original: the span of its text without surrounding spaces, and its fate."""

    start: int
    end: int
    eol: int | None  # offset of the newline ending the line; None for the last line
    page: int
    kind: str | None = None  # None: body text; "blank", "pagebreak", or the kind of a removed line


@dataclass
class Run:
    """Clean characters copied one-to-one from ``original[start:start+length]``.

    ``kind`` says how they render: ``text`` as they are, ``space`` as one space (a hard wrap undone),
    ``newline`` as "\\n" (the newline between two paragraphs).
    """

    start: int
    length: int
    kind: str = "text"


@dataclass
class Paragraph:
    """A paragraph of the clean text: its runs and the newline that ended its last line."""

    runs: list[Run]
    eol: int | None
    after_image: bool = False

    def render(self, original: str) -> str:
        """The paragraph as it appears in the clean text."""
        parts = (original[r.start:r.start + r.length] if r.kind == "text" else " " for r in self.runs)
        return "".join(parts)

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The original span of the rendered characters ``i .. j`` (``j`` exclusive, ``i < j``)."""
        return self.offset(i), self.offset(j - 1) + 1

    def offset(self, i: int) -> int:
        """The original offset of the rendered character ``i``."""
        for run in self.runs:
            if i < run.length:
                return run.start + i
            i -= run.length
        last = self.runs[-1]
        return last.start + last.length

    @property
    def start(self) -> int:
        """Original offset of the paragraph's first character."""
        return self.runs[0].start

    @property
    def end(self) -> int:
        """Original offset just after the paragraph's last character."""
        return self.runs[-1].start + self.runs[-1].length


# --- 1. lines ----------------------------------------------------------------------------------

def split_lines(original: str) -> list[Line]:
    """Cut the original into lines, with the span of each line's text and its page ("\\f" breaks)."""
    lines, pos, page = [], 0, 0
    for raw in original.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        eol = pos + len(raw) if pos + len(raw) < len(original) else None
        line_page = page + raw[:lead].count("\f")
        kind = None if stripped else ("pagebreak" if "\f" in raw else "blank")
        lines.append(Line(pos + lead, pos + lead + len(stripped), eol, line_page, kind))
        page += raw.count("\f")
        pos += len(raw) + 1
    return lines


def mark_debris(lines: list[Line], original: str) -> list[Removed]:
    """Mark removed lines (``line.kind``), trim debris off the ends of kept ones; return the pieces."""
    removed: list[Removed] = []
    for line in lines:
        if line.kind is None:
            line.kind = classify_line(original[line.start:line.end])
    for line in find_repeated_headers(lines, original):
        line.kind = "header"
    for line in lines:
        if line.kind is None:
            removed.extend(trim_line(line, original))
        elif line.kind not in ("blank", "pagebreak"):
            removed.append(Removed(line.kind, original[line.start:line.end], line.start, line.end))
    return removed


def classify_line(text: str) -> str | None:
    """The kind of debris a whole line is, or None for a line of body text."""
    if is_footer_url(text):
        return "footer"
    if _PAGE_NUMBER.match(text):
        return "page_number"
    if _PRINT_STAMP.match(text) and len(text.split()) <= HEADER_MAX_WORDS:
        return "header"
    if _IMAGE.search(text) and not _IMAGE.sub("", text).strip(" |\t"):
        return "image"
    if _TABLE_RULE.match(text):
        return "table"
    if is_related_line(text):
        return "related"
    if is_boilerplate_line(text):
        return "boilerplate"
    return None


def is_footer_url(text: str) -> bool:
    """A line that is only a URL, or a URL and a page number (a browser's print footer)."""
    tokens = text.split()
    words = [w for w in tokens if not _PAGE_NUMBER.match(w)]
    if len(words) != 1 or not is_url(words[0]):
        return False
    rest = " ".join(w for w in tokens if w != words[0])
    return not rest or _PAGE_NUMBER.match(rest) is not None


def is_related_line(text: str) -> bool:
    """Whether a line is a cross-link to another article ("Related article: ...", "Read more")."""
    low = text.lower().lstrip("-*•· ").rstrip(" :")
    for prefix in lexicons.related_prefixes():
        if low == prefix:
            return True
        if low.startswith(prefix) and re.match(r"\s*[:：—–-]\s*\S", low[len(prefix):]):
            return len(text.split()) <= BOILERPLATE_MAX_WORDS + len(prefix.split())
    return False


def is_boilerplate_line(text: str) -> bool:
    """Whether a short line starts with a share/subscribe/newsletter phrase."""
    if len(text.split()) > BOILERPLATE_MAX_WORDS:
        return False
    low = text.lower().lstrip("-*•·>| ")
    for phrase in lexicons.boilerplate_phrases():
        if low.startswith(phrase) and not low[len(phrase):len(phrase) + 1].isalnum():
            return True
    return False


def find_repeated_headers(lines: list[Line], original: str) -> list[Line]:
    """Lines that repeat as page headers or footers (digits ignored: "Page 1", "Page 2" repeat).

    With page breaks ("\\f", as in PDF text) a header is a short line near the top or bottom of at
    least half the pages (two at least); without them, a short line that is not a sentence and
    comes back two times or more.
    """
    candidates = [line for line in lines if line.kind is None and is_header_shaped(original[line.start:line.end])]
    key = {id(line): re.sub(r"\d+", "#", original[line.start:line.end].lower()) for line in candidates}
    pages = max((line.page for line in lines), default=0) + 1
    if pages > 1:
        zone = page_zone_lines(lines)
        candidates = [line for line in candidates if id(line) in zone]
        counts = Counter(k for k in {(key[id(line)], line.page) for line in candidates})
        seen = Counter(k for k, _page in counts)
        need = max(2, (pages + 1) // 2)
    else:
        seen = Counter(key[id(line)] for line in candidates)
        need = 2
    return [line for line in candidates if seen[key[id(line)]] >= need]


def is_header_shaped(text: str) -> bool:
    """Short and not ending like a sentence: what a print header or running title looks like."""
    stripped = text.rstrip(CLOSERS)
    return len(text.split()) <= HEADER_MAX_WORDS and not stripped.endswith(tuple(SENTENCE_END))


def page_zone_lines(lines: list[Line]) -> set[int]:
    """Ids of the text lines within ``HEADER_ZONE_LINES`` of the top or bottom of their page."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.kind is None:
            by_page.setdefault(line.page, []).append(line)
    zone: set[int] = set()
    for page_lines in by_page.values():
        zone.update(id(line) for line in page_lines[:HEADER_ZONE_LINES] + page_lines[-HEADER_ZONE_LINES:])
    return zone


def trim_line(line: Line, original: str) -> list[Removed]:
    """Cut a leading image or table bar and a trailing table bar (" |") off a kept line."""
    removed = []
    text = original[line.start:line.end]
    lead = re.match(r"^(?:\|\s*|!\[[^\]\n]*\]\([^)\n]*\)\s*)+", text)
    if lead and lead.end() < len(text):
        kind = "image" if "![" in lead.group() else "table"
        removed.append(Removed(kind, lead.group().strip(), line.start, line.start + len(lead.group().rstrip())))
        line.start += lead.end()
    # a trailing " |": string methods, not a regex (r"\s+\|\s*$" searched a long run of spaces in
    # quadratic time)
    body = original[line.start:line.end].rstrip()
    if body.endswith("|"):
        before = body[:-1].rstrip()
        if before and len(before) < len(body) - 1:
            cut = line.start + len(before)
            removed.append(Removed("table", "|", original.index("|", cut, line.end), line.end))
            line.end = cut
    return removed


# --- 2. paragraphs -----------------------------------------------------------------------------

# spaCy's tokenizer strips prefix and suffix punctuation one character at a time and searches the rest
# of the token again each time, so a run of n such characters costs n² (16,000 "(" take 34 s, 50,000
# never end), and every reader tokenises the clean text. No prose has 64 punctuation or symbol
# characters in a row (padding, separator walls, emoji floods are debris), so such runs are taken out
# here, once for every language. A regex character class: linear.
SYMBOL_RUN_MIN = 64
_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % SYMBOL_RUN_MIN)
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\u061f]{0,3}")


def remove_symbol_runs(paragraphs: list[Paragraph], original: str) -> tuple[list[Paragraph], list[Removed]]:
    """Take runs of SYMBOL_RUN_MIN or more punctuation/symbol characters out of the paragraphs'
    text runs (kind ``symbols``); a paragraph left with no text is dropped."""
    removed: list[Removed] = []
    kept: list[Paragraph] = []
    for paragraph in paragraphs:
        runs: list[Run] = []
        before = len(removed)
        for run in paragraph.runs:
            end = run.start + run.length
            if run.kind != "text" or run.length < SYMBOL_RUN_MIN:
                runs.append(run)
                continue
            at = run.start
            for match in _SYMBOL_RUN.finditer(original, run.start, end):
                start = match.start()
                if start > run.start and original[start - 1].isalnum():  # "said.)))))": keep the full stop
                    start += len(_SENTENCE_END.match(original, start).group())
                if start > at:
                    runs.append(Run(at, start - at))
                removed.append(Removed("symbols", original[start:match.end()], start, match.end()))
                at = match.end()
            if at < end:
                runs.append(Run(at, end - at))
        if len(removed) > before:
            runs = strip_runs(runs, original)
            if not runs:
                continue
            paragraph.runs = runs
        kept.append(paragraph)
    return kept, removed


def strip_runs(runs: list[Run], original: str) -> list[Run]:
    """The runs without the spaces a removal left at the paragraph's start and end (or [] when
    nothing but spaces is left)."""
    def text(run: Run) -> str:
        return original[run.start:run.start + run.length]

    while runs and (runs[0].kind != "text" or not text(runs[0]).strip()):
        runs.pop(0)
    while runs and (runs[-1].kind != "text" or not text(runs[-1]).strip()):
        runs.pop()
    if runs:
        head = text(runs[0])
        runs[0] = Run(runs[0].start + len(head) - len(head.lstrip()), len(head.lstrip()))
        tail = text(runs[-1])  # the same run when there is one
        runs[-1] = Run(runs[-1].start, len(tail.rstrip()))
    return runs


def build_paragraphs(lines: list[Line], original: str, hard_wrapped: bool | None = None) -> list[Paragraph]:
    """Group the kept lines into paragraphs, undoing hard wraps.

    A blank line or a removed line ends a paragraph, except page furniture (footer, header, page
    number, page break), which a page break drops into the middle of a paragraph. ``hard_wrapped``
    False says the format never wraps (HTML text has one paragraph a line); None finds out.
    """
    width = wrap_width(lines, original) if hard_wrapped is not False else None
    title_lines = find_title_block(lines, original)
    paragraphs: list[Paragraph] = []
    current: Paragraph | None = None
    previous: Line | None = None
    after_image = False
    for line in lines:
        if line.kind in PAGE_FURNITURE:
            continue
        if line.kind is not None:
            current, after_image = None, after_image or line.kind == "image"
            continue
        join = join_kind(previous, line, original, width) if current is not None else None
        if current is not None and id(line) in title_lines:
            hyphen = is_hyphen_break(original[previous.start:previous.end], original[line.start:line.end])
            join = "hyphen" if hyphen else "space"
        if join is None:
            current = Paragraph([Run(line.start, line.end - line.start)], line.eol, after_image)
            paragraphs.append(current)
            after_image = False
        else:
            extend_paragraph(current, previous, line, join)
        previous = line
    return paragraphs


def find_title_block(lines: list[Line], original: str) -> set[int]:
    """Ids of the lines of a headline wrapped over the first lines of the text, before a blank line.

    "Mell Council Approves New Harbor Fees After" / "Long Debate" is one title, although the second
    line starts in upper case; it is one when the block is short and reads like a headline.
    """
    block: list[Line] = []
    for line in lines:
        if line.kind in ("blank", "pagebreak") and block:
            break
        if line.kind is None:
            block.append(line)
    text = " ".join(original[line.start:line.end] for line in block)
    if len(block) < 2 or len(block) == len([x for x in lines if x.kind is None]) or not is_title_like(text):
        return set()
    return {id(line) for line in block}


def extend_paragraph(paragraph: Paragraph, previous: Line, line: Line, join: str) -> None:
    """Append ``line`` to ``paragraph``: after a space mapped to the previous newline, or directly."""
    if join == "space":
        paragraph.runs.append(Run(previous.eol, 1, "space"))
    paragraph.runs.append(Run(line.start, line.end - line.start))
    paragraph.eol = line.eol


def wrap_width(lines: list[Line], original: str) -> int | None:
    """The width a hard-wrapped text was wrapped at, or None when the text is not hard-wrapped.

    A wrapped text has no very long line, and many of its lines that another line follows stop
    mid-sentence close to the wrap width (a headline stops mid-"sentence" too, but short).
    """
    lengths = sorted(line.end - line.start for line in lines if line.kind is None)
    if len(lengths) < WRAP_MIN_LINES:
        return None
    if sum(n > WRAP_MAX_WIDTH for n in lengths) > WRAP_LONG_SHARE * len(lengths):
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]  # the 90th percentile: robust to one odd line
    followed = [a for a, b in zip(lines, lines[1:]) if a.kind is None and b.kind in (None, *PAGE_FURNITURE)]
    cut = [a for a in followed if a.end - a.start >= FULL_LINE_RATIO * width
           and not ends_sentence(original[a.start:a.end])]
    enough = len(cut) >= WRAP_MIN_CUT_LINES and len(cut) >= WRAP_MIN_CUT_SHARE * len(followed)
    return width if enough else None


def join_kind(a: Line, b: Line, original: str, width: int | None) -> str | None:
    """How line ``b`` continues line ``a`` of the same block: "space", "hyphen", or None (new paragraph)."""
    text_a, text_b = original[a.start:a.end], original[b.start:b.end]
    if is_hyphen_break(text_a, text_b):
        return "hyphen"
    if _LIST_ITEM.match(text_b) or parse_dateline(text_a) or parse_dateline(text_b):
        return None
    if width is not None:
        full = len(text_a) >= FULL_LINE_RATIO * width
        return "space" if full or not ends_sentence(text_a) else None
    return "space" if not ends_sentence(text_a) and starts_lowercase(text_b) else None


def is_hyphen_break(text_a: str, text_b: str) -> bool:
    """A line ending "letter-" followed by a line starting with a letter: one word or compound."""
    return len(text_a) > 1 and text_a[-1] == "-" and text_a[-2].isalpha() and text_b[:1].isalpha()


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final punctuation (closing quotes and brackets aside)."""
    return text.rstrip().rstrip(CLOSERS).endswith(tuple(SENTENCE_END))


def starts_lowercase(text: str) -> bool:
    """Whether the first letter of ``text`` is lower case (quotes and brackets aside)."""
    first = next((c for c in text if c.isalpha()), "")
    return first.islower() and text.lstrip("\"'“‘«([")[:1].isalpha()


# --- 3. captions and credits -------------------------------------------------------------------

def remove_captions(paragraphs: list[Paragraph], original: str) -> tuple[list[Paragraph], list[Removed]]:
    """Take out photo captions: near the top, or right after an image, with a credit at the end.

    Returns the paragraphs kept and the pieces removed (kind ``caption`` and ``credit``).
    """
    kept: list[Paragraph] = []
    removed: list[Removed] = []
    for index, paragraph in enumerate(paragraphs):
        near_image = paragraph.after_image or index < CAPTION_TOP_PARAGRAPHS
        pieces = split_caption(paragraph, original, near_image) if index + 1 < len(paragraphs) else None
        if pieces is None:
            kept.append(paragraph)
        else:
            removed.extend(pieces)
    return kept, removed


def split_caption(paragraph: Paragraph, original: str, near_image: bool) -> list[Removed] | None:
    """The caption and credit pieces of ``paragraph``, or None when it is not a caption."""
    text = paragraph.render(original)
    if len(text.split()) > CAPTION_MAX_WORDS:
        return None
    at = find_credit(text, slash_credits=near_image)
    if at is None:
        return None
    pieces = []
    caption = text[:at].rstrip()
    if caption:
        pieces.append(Removed("caption", caption, *paragraph.span(0, len(caption))))
    pieces.append(Removed("credit", text[at:], *paragraph.span(at, len(text))))
    return pieces


def find_credit(text: str, *, slash_credits: bool) -> int | None:
    """Where a photo credit that ends ``text`` starts, or None.

    A credit is a marker from ``data/credit_markers.txt`` ("Photo:", "Getty Images"...) or, where a
    photo is expected (``slash_credits``), an agency byline "Name Surname / AGENCY / AGENCY". It must
    run to the end of the text, be short, and not end like a sentence (credits carry no full stop;
    a body sentence that mentions "Getty Images" does).
    """
    starts = [text.find(marker) for marker in lexicons.credit_markers() if marker in text]
    if slash_credits:
        match = _SLASH_CREDIT.search(text)
        starts += [match.start()] if match else []
    for at in sorted(s for s in starts if s >= 0):
        at -= 1 if at > 0 and text[at - 1] == "(" else 0
        credit = text[at:]
        if len(credit.split()) <= CREDIT_MAX_WORDS and not ends_sentence(credit):
            return at
    return None


# --- 4. sentences split by a page break --------------------------------------------------------

def rejoin_split_sentences(paragraphs: list[Paragraph], original: str) -> list[Paragraph]:
    """Join a paragraph that stops mid-sentence to the next one when that starts in lower case.

    This is what a page break does to a printed article: "... consists of Ukraine's defense
    minister," / footer URL / blank lines / "deputy foreign minister, ...". The joining space maps to
    the newline that ended the first part.
    """
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        if out and continues_sentence(out[-1].render(original), paragraph.render(original)):
            previous = out[-1]
            hyphen = is_hyphen_break(previous.render(original), paragraph.render(original))
            previous.runs += ([] if hyphen else [Run(previous.eol, 1, "space")]) + paragraph.runs
            previous.eol = paragraph.eol
        else:
            out.append(paragraph)
    return out


def continues_sentence(first: str, second: str) -> bool:
    """Whether ``second`` carries on the sentence that ``first`` leaves open."""
    if ends_sentence(first) or first.rstrip().endswith(":"):
        return False
    return starts_lowercase(second)


# --- 5. the clean text -------------------------------------------------------------------------

def render_text(paragraphs: list[Paragraph], original: str) -> tuple[str, OffsetMap]:
    """The clean text (paragraphs joined by their own newlines) and its map to the original."""
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    position = 0
    for index, paragraph in enumerate(paragraphs):
        runs = list(paragraph.runs)
        if index and paragraphs[index - 1].eol is not None:
            runs.insert(0, Run(paragraphs[index - 1].eol, 1, "newline"))
        elif index:  # no newline to map to (cannot happen with paragraphs in text order)
            parts.append("\n")
            position += 1
        for run in runs:
            parts.append(original[run.start:run.start + run.length] if run.kind == "text"
                         else " " if run.kind == "space" else "\n")
            add_segment(segments, position, run.start, run.length)
            position += run.length
    return "".join(parts), OffsetMap(segments)


def add_segment(segments: list[tuple[int, int, int]], clean: int, orig: int, length: int) -> None:
    """Append a run to the segment list, extending the last one when both sides are contiguous."""
    if segments:
        c, o, n = segments[-1]
        if c + n == clean and o + n == orig:
            segments[-1] = (c, o, n + length)
            return
    segments.append((clean, orig, length))
