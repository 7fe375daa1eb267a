"""Build one ``Article`` from a raw text and what its format said about it (a ``Draft``).

Every format reader (text, HTML, PDF, JSON) ends in a ``Draft``; this module does the rest the same
way for all of them: clean the text, take out title and dateline, decide the metadata and record
where each value came from in ``Article.evidence``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rashomon.ingest import clean, meta
from rashomon.ingest.language import identify_language, normalise_language
from rashomon.records import Article, Removed, Source
from rashomon.settings import Settings

# The dateline sits among the first paragraphs after the title (some prints put a byline or a
# standfirst first); further down, a date alone on a line is body text (a timeline entry).
DATELINE_PARAGRAPHS = 3


@dataclass
class Draft:
    """What a format reader found: the raw text and the metadata the format itself gave."""

    text: str
    id: str | None = None
    path: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)  # field -> where the format's value came from
    outlet_names: list[str] = field(default_factory=list)  # other names of the outlet, for outlet_map
    hard_wrapped: bool | None = None  # False when the format never wraps lines (HTML); None: find out


def build_article(draft: Draft, settings: Settings | None = None) -> Article:
    """Clean a draft's text and settle its metadata.

    1. cut the text into lines; remove page furniture and debris lines (footer URLs, headers, page
       numbers, images, tables, related links, boilerplate)
    2. group lines into paragraphs, undoing hard wraps; take out long runs of symbols
    3. take out the title (given, or the first short headline-like paragraph)
    4. take out the dateline (a date alone near the top)
    5. take out photo captions and credits
    6. rejoin sentences split by a page break
    7. render the clean text and its offset map
    8. settle outlet, publication date and language, with their evidence
    """
    settings = settings or Settings()
    sanitise_draft(draft)
    original, cut = cut_text(draft.text, settings.max_article_chars)
    lines = clean.split_lines(original)
    removed = clean.mark_debris(lines, original)
    paragraphs = clean.build_paragraphs(lines, original, draft.hard_wrapped)
    paragraphs, symbols = clean.remove_symbol_runs(paragraphs, original)
    removed += symbols
    title, evidence = take_title(paragraphs, original, draft, removed)
    dateline = take_dateline(paragraphs, original, removed)
    paragraphs, captions = clean.remove_captions(paragraphs, original)
    paragraphs = clean.rejoin_split_sentences(paragraphs, original)
    text, offset_map = clean.render_text(paragraphs, original)
    removed = sorted(removed + captions + cut, key=lambda r: (r.start, r.end))
    outlet = settle_outlet(draft, removed, settings, evidence)
    published = settle_published(draft, dateline, evidence)
    language = normalise_language(draft.language)
    if language:
        evidence.setdefault("language", draft.evidence.get("language", "given"))
        if language != draft.language:
            evidence["language"] += f" ({draft.language!r} read as {language!r})"
    else:
        language, evidence["language"] = identify_language(text, settings.default_language)
        if draft.language:
            evidence["language"] += f"; the given {draft.language[:40]!r} names no language"
    if "text" in draft.evidence:  # where the body came from, when the format says (a feed's summary)
        evidence["text"] = draft.evidence["text"]
    if cut:
        evidence["text"] = "; ".join(filter(None, [evidence.get("text"), cut[0].text]))
    return Article(id=draft.id or "article", source=Source(draft.path, draft.url, outlet), title=title,
                   published=published, language=language, text=text, removed=removed, original=original,
                   offset_map=offset_map, evidence=evidence)


# Characters never kept from an input: C0 controls but tab, newline, form feed (a PDF's page break)
# and carriage return; DEL and the C1 controls (terminal escapes start with ESC or CSI); lone UTF-16
# surrogates (a JSON "\ud800"), which no UTF-8 output can hold; the non-characters U+FFFE/U+FFFF.
UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
SURROGATES = re.compile("[\ud800-\udfff]")


def sanitise(text: str) -> str:
    """``text`` without control characters (a vertical tab becomes a newline) and with each lone
    surrogate replaced by U+FFFD, so that every output is valid UTF-8 and no terminal escape passes."""
    text = SURROGATES.sub("\ufffd", text.replace("\x0b", "\n"))
    return UNSAFE_CHARS.sub("", text)


def sanitise_draft(draft: Draft) -> None:
    """Sanitise a draft's text and every metadata string in place."""
    draft.text = sanitise(draft.text)
    for name in ("id", "path", "title", "url", "outlet", "published", "language"):
        value = getattr(draft, name)
        if isinstance(value, str):
            setattr(draft, name, sanitise(value))
    draft.outlet_names = [sanitise(name) for name in draft.outlet_names]
    draft.evidence = {key: sanitise(value) for key, value in draft.evidence.items()}


def cut_text(text: str, limit: int) -> tuple[str, list[Removed]]:
    """``text`` cut to at most ``limit`` characters at the last paragraph break (else line break,
    else space) in its second half, with a ``cut`` piece saying how much was left out; unchanged
    when it fits."""
    if len(text) <= limit:
        return text, []
    at = next((i for i in (text.rfind(sep, limit // 2, limit) for sep in ("\n\n", "\n", " ")) if i > 0), limit)
    note = (f"cut at {at:,} of {len(text):,} characters (max_article_chars={limit:,}); "
            "the rest was not read")
    return text[:at], [Removed("cut", note, at, at)]


def take_title(paragraphs: list[clean.Paragraph], original: str, draft: Draft,
               removed: list[Removed]) -> tuple[str | None, dict[str, str]]:
    """Remove the title paragraph (kind ``title``); return the title and the evidence so far.

    A given title (HTML metadata, JSON field, caller) wins; the first paragraph is still removed when
    it repeats it. Otherwise the first paragraph is the title when it reads like a headline and
    something follows it (a lone paragraph is body text, never a title).
    """
    evidence = dict(draft.evidence)
    first = paragraphs[0].render(original) if paragraphs else ""
    if draft.title:
        evidence.setdefault("title", "given")
        if paragraphs and squash(first) == squash(draft.title):
            removed.extend(title_pieces(paragraphs.pop(0), original))
        return draft.title.strip(), evidence
    if len(paragraphs) > 1 and meta.is_title_like(first):
        removed.extend(title_pieces(paragraphs.pop(0), original))
        evidence["title"] = "first line of the text"
        return first, evidence
    return None, evidence


def title_pieces(paragraph: clean.Paragraph, original: str) -> list[Removed]:
    """The title as removed pieces, one per stretch of the original it covers.

    A title wrapped over two lines is one piece; a title whose lines stand on both sides of a removed
    line (a footer URL) is two, so that no piece claims the removed line's characters.
    """
    stretches: list[list[int]] = []
    for run in paragraph.runs:
        if stretches and run.start <= stretches[-1][1] + 1:  # adjacent, or across the wrapped newline
            stretches[-1][1] = run.start + run.length
        else:
            stretches.append([run.start, run.start + run.length])
    return [Removed("title", " ".join(original[a:b].split()), a, b) for a, b in stretches]


def squash(text: str) -> str:
    """``text`` lower-cased with runs of spaces and punctuation squashed, to compare titles."""
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def take_dateline(paragraphs: list[clean.Paragraph], original: str, removed: list[Removed]) -> str | None:
    """Remove the dateline (kind ``dateline``) from the first paragraphs; return its text, or None."""
    for index, paragraph in enumerate(paragraphs[:DATELINE_PARAGRAPHS]):
        text = paragraph.render(original)
        if meta.parse_dateline(text):
            paragraphs.pop(index)
            removed.append(Removed("dateline", text, paragraph.start, paragraph.end))
            return text
    return None


def settle_outlet(draft: Draft, removed: list[Removed], settings: Settings,
                  evidence: dict[str, str]) -> str | None:
    """The outlet: given by the format, else the domain of the article's URL, else of a footer URL.

    The user's ``outlet_map`` is applied last, to the outlet and to the domains seen.
    """
    candidates: list[tuple[str, str]] = []
    if draft.outlet:
        candidates.append((draft.outlet, draft.evidence.get("outlet", "given")))
    if draft.url and meta.registered_domain(draft.url):
        candidates.append((meta.registered_domain(draft.url), f"article url: {draft.url}"))
    for url in (u for piece in removed if piece.kind == "footer" for u in meta.find_urls(piece.text)):
        if meta.registered_domain(url):
            candidates.append((meta.registered_domain(url), f"url in text: {url}"))
    candidates += [(name, f"name given by the format: {name}") for name in draft.outlet_names]
    if not candidates:
        return None
    mapped = meta.map_outlet([c for c, _ in candidates], settings.outlet_map)
    if mapped:
        key, outlet = mapped
        evidence["outlet"] = f"outlet_map: {key} -> {outlet}; " + dict(candidates)[key]
        return outlet
    evidence["outlet"] = candidates[0][1]
    return candidates[0][0]


def settle_published(draft: Draft, dateline: str | None, evidence: dict[str, str]) -> str | None:
    """The publication date: given by the format, else the dateline, else the article's own URL.

    Never a date from a URL found in the text: a print footer or a link names another article.
    """
    given = meta.normalise_date(draft.published)
    if given:
        evidence["published"] = draft.evidence.get("published", f"given: {draft.published}")
        return given
    if dateline:
        evidence["published"] = f"dateline: {dateline}"
        return meta.parse_dateline(dateline)
    if draft.url and meta.date_from_url(draft.url):
        evidence["published"] = f"article url: {draft.url}"
        return meta.date_from_url(draft.url)
    if draft.published:
        evidence["published"] = f"not a date: {draft.published!r}"
    return None
