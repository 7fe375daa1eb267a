"""The HTML report: one self-contained ``report.html`` built from an ``Analysis``.

Steps of ``render_report``:
  1. index the articles and corpus entities of the analysis (labels, names by id);
  2. build one view per story: its sources, the summary of what they disagree on, the facet table
     (facts stated by one source only folded apart), framing, distinctive words, voices chart,
     timeline chart, events and people;
  3. lay out the two charts as inline SVG geometry (computed here, drawn by the template);
  4. render ``templates/report.html.j2`` with the CSS and the little script inlined.

A story reads at a glance: first what the sources disagree on (conflicts, each as who says what,
then compatible differences), then the side-by-side table, one row per fact and one column per
source; a value opens its evidence sentence with the value's own words marked (the value's ``span``,
else the value found in the sentence). The table keeps its first column in view and scrolls inside
its own box when there are many sources; on a narrow screen the CSS draws each row as a card. The
script only adds filters (conflicts only, one source) and opens every evidence sentence: without
it the whole table still shows.

Why Jinja2 templates and not string building: the page is mostly markup, which reads better as a
template than as Python; and with ``autoescape=True`` every value is escaped by default, so article
text (titles, values, evidence sentences, names, failure reasons) can only reach the page escaped,
whatever context it lands in (element text, attribute, SVG ``<title>``). No template marks article
text safe: the only ``Markup`` values are our own CSS and script, read from the package. Jinja2 is
already installed as a dependency of spaCy; pyproject now declares it.

Self-contained: no CDN, no web fonts, no external images; charts are inline SVG. A Content Security
Policy in the page forbids every fetch (``default-src 'none'``) and allows only our own script, by
its hash, so even an escaping slip could not run injected script or leak a request.

Nothing is analysed here: the report only arranges what the records already say.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from rashomon.dates import date_bounds
from rashomon.records import Analysis, CorpusEntity, Evidence, Facet, FacetValue, Story

TEMPLATES = Path(__file__).parent / "templates"
REPORT_NAME = "report.html"
# From this many stories on, report.html is an index and each story has its own page under
# ``STORY_PAGES/`` (one page of 900 articles was 39 MB and took 27 s to open).
PAGES_FROM = 40
STORY_PAGES = "stories"

VERDICTS = {  # verdict -> (label, mark, what it means), in legend order; the mark tells verdicts apart without colour
    "agree": ("agree", "=", "the sources that state it give the same value"),
    "compatible": ("compatible", "≈",
                   "different words or precision, no contradiction (one is more precise, or they overlap)"),
    "conflict": ("conflict", "≠", "the sources that state it contradict each other: they cannot all be right"),
    "single": ("single", "1", "only one source states it: nothing to compare it with"),
}
COVERAGE_NOTE = ("“2 of 3 sources” counts the story's sources that state the fact. A source that does not "
                 "state it is marked “not stated” and takes no part in the verdict.")
# How a value is stated when the outlet does not simply assert it: (without a cited source, with one).
STANCES = {
    "asserted": ("", "per {who}"),
    "reported": ("reported", "per {who}"),
    "expected": ("expected", "expected, per {who}"),
    "denied": ("denied", "denied by {who}"),
}
VOICES = {
    "own": "the outlet's own words",
    "attributed": "quoted or attributed to a speaker",
    "distanced": "in scare quotes or with a distancing word (so-called...)",
}
# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale print.
SIDE_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000")
NO_SIDE_COLOUR = "#9a9a9a"
NO_SIDE_LABEL = "no side"
TYPE_ORDER = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")

# Chart geometry in SVG user units (the SVG scales to the column width; these fix proportions).
CHART_WIDTH = 760
VOICE_LABEL_WIDTH = 170
VOICE_ROW_HEIGHT = 26
VOICE_BAR_HEIGHT = 18
VOICE_UNIT_MAX = 80  # widest segment for one voice, so a story with one voice does not draw a banner
VOICE_LABEL_CHARS = 20  # longer outlet labels are cut with an ellipsis (full label in the tooltip)
TIMELINE_LABEL_WIDTH = 70
TIMELINE_RIGHT_MARGIN = 30
TIMELINE_STACK_STEP = 17  # vertical step between items on the same date
TIMELINE_MAX_TICKS = 7
# Values longer than this are set in a lighter weight: a quoted aim in bold is hard to read.
LONG_VALUE_CHARS = 60
# Shortest evidence mark worth highlighting: shorter values ("3") would light up random digits.
MIN_MARK_LENGTH = 2


# ---------------------------------------------------------------------------------------------
# Views: what the template draws. Plain data, already in display form.
# ---------------------------------------------------------------------------------------------

@dataclass
class ArticleView:
    id: str
    label: str  # outlet, disambiguated when two articles share one
    outlet: str | None
    title: str | None
    published: str | None
    language: str | None
    url: str | None
    story: str | None = None


@dataclass
class EvidenceView:
    before: str
    mark: str  # the value's own words in the sentence ("" when they cannot be found)
    after: str
    article: str  # label of the article the sentence comes from
    start: int
    end: int
    lang: str = ""  # the article's language, for the sentence's lang attribute
    dir: str = "ltr"  # its direction (rtl for Arabic, Hebrew, Persian, Urdu...)


# Languages written right to left (ISO 639-1): their sentences carry dir="rtl".
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ku", "sd", "ug"})


def direction(language: str | None) -> str:
    """The writing direction of a language: "rtl" or "ltr"."""
    return "rtl" if (language or "").lower() in RTL_LANGUAGES else "ltr"


@dataclass
class CellValue:
    text: str
    entities: list[str] = field(default_factory=list)
    evidence: EvidenceView | None = None
    stance: str = ""  # how it is stated when not simply asserted: "per police", "expected", "denied by ..."
    modality: str = "asserted"

    @property
    def long(self) -> bool:
        return len(self.text) > LONG_VALUE_CHARS


@dataclass
class Cell:
    column: int  # the source's position in the story (what the one-source filter selects)
    source: str  # the source's label, shown in the cell when the table is drawn as cards
    values: list[CellValue] = field(default_factory=list)
    missing: bool = False  # the article was read and does not state the facet
    clash: bool = False  # the source's value is in a conflicting pair


@dataclass
class FacetRow:
    anchor: str
    name: str
    label: str
    side: str | None
    verdict: str
    explanation: str
    event: str | None
    coverage: str  # "2 of 3 sources"
    cells: list[Cell]

    @property
    def not_stated(self) -> list[str]:
        """The sources read that do not state it (one line in a card instead of a line each)."""
        return [c.source for c in self.cells if c.missing]


@dataclass
class Claim:
    """One side of a difference: a value and the sources that give it."""

    value: str
    sources: list[str]

    @property
    def who(self) -> str:
        """The sources as a phrase ("A", "A and B", "A, B and C")."""
        return self.sources[0] if len(self.sources) == 1 else ", ".join(self.sources[:-1]) + " and " + self.sources[-1]

    @property
    def verb(self) -> str:
        return "says" if len(self.sources) == 1 else "say"


@dataclass
class Difference:
    """A fact the sources state differently, as one line of the story's summary."""

    anchor: str  # the fact's row in the table
    label: str
    side: str | None
    verdict: str
    explanation: str
    claims: list[Claim]
    columns: list[int]  # the sources that state it (what the one-source filter looks for)


@dataclass
class Summary:
    conflicts: list[Difference]
    compatible: list[Difference]
    counts: list[tuple[str, int]]  # (verdict, how many facts), legend order, zeros left out
    note: str  # what the summary says in place of the conflicts when there are none


@dataclass
class Chart:
    width: int
    height: int
    items: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class StoryView:
    id: str
    anchor: str
    title: str
    articles: list[ArticleView]
    summary: Summary
    facets: list[FacetRow]  # facts stated by two sources or more
    singles: list[FacetRow]  # facts stated by one source only (folded under the table)
    verdict_counts: Counter
    framing: list[dict[str, Any]]
    words: list[dict[str, Any]]
    voices: Chart
    voice_lists: list[dict[str, Any]]
    timeline: Chart
    timeline_items: list[dict[str, Any]]
    events: list[dict[str, Any]]
    people: list[dict[str, Any]]
    others: list[dict[str, Any]]
    related: list[dict[str, str]] = field(default_factory=list)  # other stories of its topic: {anchor, title}


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------

def render_report(analysis: Analysis, title: str = "Rashomon report", home: str | None = None,
                  home_json: str | None = None) -> str:
    """Return the whole report as one HTML document (see the module docstring for the steps).
    ``home`` links back to the web app's story list (a story page of ``rashomon serve``), and
    ``home_json`` to the page's JSON twin."""
    articles = index_articles(analysis)
    names = {e.id: e.name for e in analysis.entities}
    sides = side_colours(analysis)
    stories = [make_story_view(i, s, analysis, articles, names, sides) for i, s in enumerate(analysis.stories)]
    link_topics(stories, analysis.stories)
    script = read_asset("report.js")
    context = {
        "title": title,
        "home": home,
        "home_json": home_json,
        "counts": header_counts(analysis, articles),
        "stories": stories,
        "articles": list(articles.values()),
        "failures": analysis.failures,
        "sides": sides,
        "verdicts": VERDICTS,
        "coverage_note": COVERAGE_NOTE,
        "voices": VOICES,
        "no_side": NO_SIDE_LABEL,
        "style": Markup(read_asset("report.css")),
        "script": Markup(script),
        "script_hash": script_hash(script),
    }
    return environment().get_template("report.html.j2").render(**context)


def write_report(analysis: Analysis, out_dir: Path, pages_from: int = PAGES_FROM) -> Path:
    """Write ``report.html`` into ``out_dir`` (created when missing) and return its path: the whole
    report in one page, or, from ``pages_from`` stories on, an index of the stories (most sources
    first) linking to one page per story in ``stories/``, so that no page grows with the corpus."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_NAME
    if len(analysis.stories) < pages_from:
        path.write_text(render_report(analysis), encoding="utf-8")
        return path
    pages = out_dir / STORY_PAGES
    pages.mkdir(exist_ok=True)
    rows = []
    for story in analysis.stories:
        name = f"{re.sub(r'[^A-Za-z0-9_-]', '_', story.id)}.html"
        one = story_analysis(analysis, story)
        (pages / name).write_text(render_report(one, title=story.title, home=f"../{REPORT_NAME}"), encoding="utf-8")
        rows.append({"href": f"{STORY_PAGES}/{name}", "title": story.title, "articles": len(story.articles),
                     "sources": len({a.source.outlet or a.id for a in (r.article for r in one.readings)}),
                     "conflicts": sum(1 for f in story.facets if f.verdict == "conflict"),
                     "dates": sorted(r.article.published for r in one.readings if r.article.published)})
    rows.sort(key=lambda r: (-r["sources"], -r["conflicts"], r["title"]))
    articles = index_articles(analysis)
    path.write_text(environment().get_template("index.html.j2").render(
        title="Rashomon report", counts=header_counts(analysis, articles), stories=rows,
        failures=analysis.failures, style=Markup(read_asset("report.css"))), encoding="utf-8")
    return path


def story_analysis(analysis: Analysis, story: Story) -> Analysis:
    """The part of an analysis one story's page needs: its readings, entities and events."""
    ids = set(story.articles)
    events = set(story.events)
    return Analysis(readings=[r for r in analysis.readings if r.article.id in ids],
                    entities=[e for e in analysis.entities if any(a in ids for a, _ in e.members)],
                    stories=[story], events=[e for e in analysis.events if e.id in events],
                    failures=[], story_of={a: story.id for a in story.articles})


# ---------------------------------------------------------------------------------------------
# Environment and assets
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, undefined names are errors."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.globals["break_points"] = break_points
    return env


def break_points(label: str) -> list[str]:
    """A label cut after its dots, slashes, hyphens and underscores, where the template lets a
    line break (``<wbr>``): an outlet named by its domain wraps at ``.``, not mid-word."""
    return [p for p in re.split(r"(?<=[./_-])(?=\w)", label) if p]


@lru_cache(maxsize=None)
def read_asset(name: str) -> str:
    """Our own CSS or script, inlined into the page."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


# ---------------------------------------------------------------------------------------------
# Indexes and the header
# ---------------------------------------------------------------------------------------------

def index_articles(analysis: Analysis) -> dict[str, ArticleView]:
    """Article views by id, labelled by outlet ("Outlet (2)" when an outlet has several articles in
    the same story: a label names a column of its story's table)."""
    views: dict[str, ArticleView] = {}
    seen: Counter = Counter()
    for reading in analysis.readings:
        a = reading.article
        key = (analysis.story_of.get(a.id), a.source.outlet or a.id)
        seen[key] += 1
        label = key[1] if seen[key] == 1 else f"{key[1]} ({seen[key]})"
        url = a.source.url if a.source.url and a.source.url.startswith(("http://", "https://")) else None
        views[a.id] = ArticleView(a.id, label, a.source.outlet, a.title, a.published, a.language, url,
                                  analysis.story_of.get(a.id))
    return views


def article_view(article_id: str, articles: dict[str, ArticleView]) -> ArticleView:
    """The view of an article, or a bare one for an id that has no reading in the analysis."""
    return articles.get(article_id) or ArticleView(article_id, article_id, None, None, None, None, None)


def header_counts(analysis: Analysis, articles: dict[str, ArticleView]) -> dict[str, int]:
    """The numbers in the page header."""
    facets = [f for s in analysis.stories for f in s.facets]
    return {
        "stories": len(analysis.stories),
        "sources": len(articles),
        "outlets": len({a.outlet or a.id for a in articles.values()}),
        "facets": len(facets),
        "conflicts": sum(f.verdict == "conflict" for f in facets),
        "failures": len(analysis.failures),
    }


def side_colours(analysis: Analysis) -> dict[str, str]:
    """One colour per side across the whole report, so a side keeps its colour from story to story."""
    sides: set[str] = set()
    for story in analysis.stories:
        for by_side in story.voices.values():
            sides.update(s for s in by_side if s)
    ordered = sorted(sides)
    colours = {s: SIDE_PALETTE[i % len(SIDE_PALETTE)] for i, s in enumerate(ordered)}
    colours[NO_SIDE_LABEL] = NO_SIDE_COLOUR
    return colours


def link_topics(views: list[StoryView], stories: list[Story]) -> None:
    """Give each story view the other stories of its topic (``Story.topic``), in report order."""
    by_topic: dict[str, list[StoryView]] = {}
    for view, story in zip(views, stories):
        if story.topic:
            by_topic.setdefault(story.topic, []).append(view)
    for group in by_topic.values():
        for view in group:
            view.related = [{"anchor": v.anchor, "title": v.title} for v in group if v is not view]


def anchor_for(index: int, story_id: str) -> str:
    """An HTML id for a story: its id reduced to safe characters, made unique by its position."""
    return f"story-{index + 1}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", story_id).strip("-")[:40] or "x")


# ---------------------------------------------------------------------------------------------
# One story
# ---------------------------------------------------------------------------------------------

def make_story_view(index: int, story: Story, analysis: Analysis, articles: dict[str, ArticleView],
                    names: dict[str, str], sides: dict[str, str]) -> StoryView:
    """Everything the template shows for one story."""
    views = [article_view(a, articles) for a in story.articles]
    order = [v.id for v in views]
    anchor = anchor_for(index, story.id)
    voice_chart, voice_lists = make_voices(story, views, names, sides, most_voices(analysis))
    timeline_chart, timeline_items = make_timeline(story, articles)
    people, others = make_people(story, analysis.entities, articles)
    rows = [make_facet_row(f"{anchor}-fact-{i + 1}", f, order, articles, names) for i, f in enumerate(story.facets)]
    return StoryView(
        id=story.id, anchor=anchor, title=story.title, articles=views,
        summary=make_summary(story.facets, rows),
        facets=[r for r in rows if r.verdict != "single"], singles=[r for r in rows if r.verdict == "single"],
        verdict_counts=Counter(f.verdict for f in story.facets),
        framing=make_framing(story, order), words=make_words(story, views),
        voices=voice_chart, voice_lists=voice_lists, timeline=timeline_chart, timeline_items=timeline_items,
        events=make_events(story, analysis, articles, names), people=people, others=others)


# ---------------------------------------------------------------------------------------------
# The facts: one row per facet, a cell per source; the summary of what the sources disagree on
# ---------------------------------------------------------------------------------------------

def make_facet_row(anchor: str, facet: Facet, order: list[str], articles: dict[str, ArticleView],
                   names: dict[str, str]) -> FacetRow:
    """One row of the facet table: a cell per article of the story, in the story's order."""
    by_article: dict[str, list[CellValue]] = defaultdict(list)
    for v in facet.values:
        by_article[v.article].append(make_cell_value(v, articles, names))
    clashing = {a for pair in facet.conflicts for a in pair}
    cells = [Cell(i, article_view(a, articles).label, by_article.get(a, []),
                  missing=a in facet.missing_in and a not in by_article, clash=a in clashing)
             for i, a in enumerate(order)]
    return FacetRow(anchor, facet.name, facet_label(facet), facet.side, facet.verdict, facet.explanation,
                    facet.event, coverage_text(facet, len(order)), cells)


def facet_label(facet: Facet) -> str:
    """The fact as a reader reads it: its label, else its slot in words."""
    return facet.label or facet.name.replace("_", " ").replace(":", " ")


def coverage_text(facet: Facet, sources: int) -> str:
    """How many of the story's sources state the fact ("2 of 3 sources")."""
    stated = facet.coverage.get("stated", len({v.article for v in facet.values}))
    total = facet.coverage.get("sources", sources)
    return f"{stated} of {total} source{'' if total == 1 else 's'}"


def make_cell_value(v: FacetValue, articles: dict[str, ArticleView], names: dict[str, str]) -> CellValue:
    """What one source says: the value, how it is stated, what it refers to, the sentence behind it."""
    text = format_value(v.value)
    entities = [n for n in (names.get(e, e) for e in v.entities) if n.lower() not in text.lower()]
    evidence = None
    if v.evidence is not None:
        ev = v.evidence
        before, mark, after = split_at_span(ev, v.span) or split_mark(ev.text, text)
        view = article_view(ev.article, articles)
        evidence = EvidenceView(before, mark, after, view.label, ev.start, ev.end, view.language or "",
                                direction(view.language))
    return CellValue(text, entities, evidence, stance_of(v), v.modality)


def stance_of(v: FacetValue) -> str:
    """How the value is stated when the outlet does not simply assert it ("per police", "expected")."""
    plain, cited = STANCES.get(v.modality, (v.modality, v.modality + ", per {who}"))
    who = " ".join((v.asserted_by or "").split())
    return cited.format(who=who) if who else plain


def format_value(value: Any) -> str:
    """A facet value as text: lists joined, mappings as ``key: value``, None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(format_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {format_value(v)}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def split_at_span(evidence: Evidence, span: tuple[int, int] | None) -> tuple[str, str, str] | None:
    """Split the sentence around the value's own words, from their offsets (the span indexes the
    article's text, the sentence starts at ``evidence.start``); None when the span is unknown or
    does not fall inside the sentence."""
    if span is None:
        return None
    start, end = span[0] - evidence.start, span[1] - evidence.start
    if not (0 <= start < end <= len(evidence.text)) or not evidence.text[start:end].strip():
        return None
    return evidence.text[:start], evidence.text[start:end], evidence.text[end:]


def split_mark(sentence: str, value: str) -> tuple[str, str, str]:
    """Split the sentence around the value found in it, whole words first (for a value without a
    span), so that it can be highlighted."""
    found = re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", sentence, re.IGNORECASE) if value.strip() else None
    if found is not None:
        i, j = found.span()
    elif len(value) >= MIN_MARK_LENGTH and value.lower() in sentence.lower():
        i = sentence.lower().index(value.lower())
        j = i + len(value)
    else:
        return sentence, "", ""
    return sentence[:i], sentence[i:j], sentence[j:]


# Facets of claims (what a clause says happened) carry this prefix in their name.
CLAIM_PREFIX = "claim:"


def make_summary(facets: list[Facet], rows: list[FacetRow]) -> Summary:
    """What the sources disagree on: the conflicts (who says what), then compatible differences."""
    differences: dict[str, list[Difference]] = {"conflict": [], "compatible": []}
    for facet, row in zip(facets, rows):
        if facet.verdict == "compatible" and facet.name.startswith(CLAIM_PREFIX):
            continue  # claims said in other words are many and not differences worth a line; the table has them
        if facet.verdict in differences:
            differences[facet.verdict].append(make_difference(row))
    counts = Counter(f.verdict for f in facets)
    ordered = [v for v in VERDICTS if counts[v]] + [v for v in counts if v not in VERDICTS]
    return Summary(differences["conflict"], differences["compatible"], [(v, counts[v]) for v in ordered],
                   summary_note(facets))


def make_difference(row: FacetRow) -> Difference:
    """A fact as who says what: the sources that give the same value, the same way, grouped."""
    claims: dict[tuple[str, str], Claim] = {}
    for cell in row.cells:
        for v in cell.values:
            shown = f"{v.text} ({v.stance})" if v.stance else v.text
            claim = claims.setdefault((" ".join(v.text.lower().split()), v.stance), Claim(shown, []))
            if cell.source not in claim.sources:
                claim.sources.append(cell.source)
    return Difference(row.anchor, row.label, row.side, row.verdict, row.explanation, list(claims.values()),
                      [c.column for c in row.cells if c.values])


def summary_note(facets: list[Facet]) -> str:
    """The summary's sentence in place of the conflicts when there are none."""
    verdicts = {f.verdict for f in facets}
    if not facets:
        return "No facts could be lined up for this story."
    if verdicts == {"single"}:
        return "No fact is stated by more than one source, so there is nothing to disagree on."
    if "compatible" in verdicts:
        return "No conflicts: no source contradicts another."
    return "No conflicts: the sources agree on every fact that more than one of them states."


def make_framing(story: Story, order: list[str]) -> list[dict[str, Any]]:
    """Concept rows; per article the variants it uses, each with its voice and how often."""
    rows = []
    for framing in story.framing:
        cells: dict[str, Counter] = {a: Counter() for a in order}
        texts: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for use in framing.uses:
            cells.setdefault(use.article, Counter())[(use.variant, use.voice)] += 1
            if use.text.strip().lower() != use.variant.strip().lower():
                texts[(use.article, use.variant, use.voice)].add(use.text)
        rows.append({"concept": framing.concept, "cells": [
            [{"variant": variant, "voice": voice, "count": n, "texts": sorted(texts[(a, variant, voice)])}
             for (variant, voice), n in cells[a].most_common()] for a in order]})
    return rows


def make_words(story: Story, views: list[ArticleView]) -> list[dict[str, Any]]:
    """Distinctive words per source, strongest first, with a weight (0..1) for the chip's emphasis."""
    out = []
    for view in views:
        words = sorted(story.distinctive_words.get(view.id, []), key=lambda w: -float(w.get("z", 0) or 0))
        top = max((float(w.get("z", 0) or 0) for w in words), default=0) or 1.0
        out.append({"article": view, "words": [
            {"word": str(w.get("word", "")), "z": float(w.get("z", 0) or 0),
             "weight": max(0.0, min(1.0, float(w.get("z", 0) or 0) / top))} for w in words]})
    return out


# ---------------------------------------------------------------------------------------------
# Voices chart: per article a horizontal bar stacked by side
# ---------------------------------------------------------------------------------------------

def most_voices(analysis: Analysis) -> int:
    """The most voices any article has: one scale for every story, so bars compare across stories."""
    return max((sum(len(v) for v in by_side.values()) for s in analysis.stories for by_side in s.voices.values()),
               default=0) or 1


def make_voices(story: Story, views: list[ArticleView], names: dict[str, str], sides: dict[str, str],
                most: int) -> tuple[Chart, list[dict[str, Any]]]:
    """SVG geometry of the voices chart, and the same data as lists of names."""
    rows = []
    for view in views:
        by_side = story.voices.get(view.id, {})
        segments = [(side or NO_SIDE_LABEL, [names.get(v, v) for v in voices])
                    for side, voices in sorted(by_side.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
                    if voices]
        rows.append((view, segments))
    scale = min(VOICE_UNIT_MAX, (CHART_WIDTH - VOICE_LABEL_WIDTH - 40) / most)
    items = []
    for i, (view, segments) in enumerate(rows):
        y, x, bars = 6 + i * VOICE_ROW_HEIGHT, VOICE_LABEL_WIDTH, []
        for side, voices in segments:
            w = len(voices) * scale
            bars.append({"x": round(x, 1), "w": round(w, 1), "side": side, "count": len(voices),
                         "colour": sides.get(side, NO_SIDE_COLOUR), "names": voices})
            x += w
        total = sum(b["count"] for b in bars)
        items.append({"label": shorten(view.label, VOICE_LABEL_CHARS), "full": view.label, "y": y, "bars": bars, "total": total, "end": round(x, 1)})
    chart = Chart(CHART_WIDTH, 12 + len(rows) * VOICE_ROW_HEIGHT, items,
                  {"bar_height": VOICE_BAR_HEIGHT, "label_x": VOICE_LABEL_WIDTH - 8})
    chart.extra["legend"] = {b["side"]: b["colour"] for row in items for b in row["bars"]}
    lists = [{"article": view, "sides": segments} for view, segments in rows]
    return chart, lists


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------
# Timeline chart: dated items on a date axis, vague ones in their own lane
# ---------------------------------------------------------------------------------------------

def make_timeline(story: Story, articles: dict[str, ArticleView]) -> tuple[Chart, list[dict[str, Any]]]:
    """SVG geometry of the timeline, and the numbered list shown under it (numbers match the chart)."""
    entries = []
    for item in story.timeline:
        span = None if item.vague else date_bounds(item.date)
        entries.append((span, item))
    entries.sort(key=lambda e: (e[0] is None, e[0] or (dt.date.max, dt.date.max)))
    listed = []
    for n, (span, item) in enumerate(entries, 1):
        listed.append({"n": n, "date": item.date, "what": item.what, "vague": span is None,
                       "articles": [article_view(a, articles).label for a in item.articles],
                       "evidence": [{"text": e.text, "article": article_view(e.article, articles).label,
                                     "lang": article_view(e.article, articles).language or "",
                                     "dir": direction(article_view(e.article, articles).language),
                                     "start": e.start, "end": e.end} for e in item.evidence]})
    dated = [(span, row) for (span, _), row in zip(entries, listed) if span is not None]
    vague = [row for (span, _), row in zip(entries, listed) if span is None]
    return layout_timeline(dated, vague), listed


def layout_timeline(dated: list[tuple[tuple[dt.date, dt.date], dict]], vague: list[dict]) -> Chart:
    """Place dated items on the axis (stacked when they share a date) and vague ones evenly in a lane."""
    left, right = TIMELINE_LABEL_WIDTH + 14, CHART_WIDTH - TIMELINE_RIGHT_MARGIN
    stacks: Counter = Counter()
    for span, _ in dated:
        stacks[span[0]] += 1
    depth = max(stacks.values(), default=1)
    axis_y = 20 + depth * TIMELINE_STACK_STEP
    vague_y = axis_y + 52
    height = vague_y + 22 if vague else axis_y + 32
    ticks, points = [], []
    if dated:
        lo, hi = min(s[0] for s, _ in dated), max(s[1] for s, _ in dated)
        pad = max(1, (hi - lo).days // 20)
        lo, hi = lo - dt.timedelta(days=pad), hi + dt.timedelta(days=pad)
        days = (hi - lo).days or 1

        def x_of(d: dt.date) -> float:
            return round(left + (right - left) * (d - lo).days / days, 1)

        step = max(1, -(-days // TIMELINE_MAX_TICKS))
        years = lo.year != hi.year
        ticks = [{"x": x_of(lo + dt.timedelta(days=k)), "label": tick_label(lo + dt.timedelta(days=k), years)}
                 for k in range(0, days + 1, step)]
        placed: Counter = Counter()
        for (start, end), row in dated:
            y = axis_y - 12 - placed[start] * TIMELINE_STACK_STEP
            placed[start] += 1
            points.append({"n": row["n"], "x": x_of(start), "x2": x_of(end), "y": y, "range": start != end,
                           "title": f"{row['date']}: {row['what']}"})
    lane = []
    for i, row in enumerate(vague):
        x = left + (right - left) * (i + 0.5) / len(vague)
        lane.append({"n": row["n"], "x": round(x, 1), "y": vague_y, "title": f"{row['date']}: {row['what']}"})
    return Chart(CHART_WIDTH, height, points, {
        "ticks": ticks, "vague": lane, "axis_y": axis_y, "vague_y": vague_y, "left": left, "right": right,
        "label_x": TIMELINE_LABEL_WIDTH, "year": year_caption(dated)})


def tick_label(day: dt.date, with_year: bool) -> str:
    """``12 Mar`` (``12 Mar 2024`` when the axis spans years)."""
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if with_year else "")


def year_caption(dated: list[tuple[tuple[dt.date, dt.date], dict]]) -> str:
    """The year(s) the dated items fall in, shown once by the axis."""
    years = sorted({d.year for span, _ in dated for d in span})
    return "–".join(str(y) for y in (years[:1] + years[-1:] if len(years) > 1 else years))


# ---------------------------------------------------------------------------------------------
# Events and people
# ---------------------------------------------------------------------------------------------

def make_events(story: Story, analysis: Analysis, articles: dict[str, ArticleView],
                names: dict[str, str]) -> list[dict[str, Any]]:
    """The story's events, each with its reports (one per article) and their sentences."""
    by_id = {e.id: e for e in analysis.events}
    out = []
    for event_id in story.events:
        event = by_id.get(event_id)
        if event is None:
            continue
        out.append({"id": event.id, "type": event.type, "date": event.date, "status": event.status,
                    "participants": [names.get(p, p) for p in event.participants],
                    "mentions": [{"article": article_view(m.article, articles).label, "trigger": m.trigger,
                                  "lang": article_view(m.article, articles).language or "",
                                  "dir": direction(article_view(m.article, articles).language),
                                  "text": m.evidence.text, "status": m.status, "date": m.date or m.time,
                                  "place": m.place} for m in event.mentions]})
    return out


def make_people(story: Story, entities: list[CorpusEntity],
                articles: dict[str, ArticleView]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Entities mentioned in the story's articles: people first, then organisations and places."""
    in_story = set(story.articles)
    found = [e for e in entities
             if any(m.article in in_story for m in e.mentions) or any(a in in_story for a, _ in e.members)]
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    found.sort(key=lambda e: (rank.get(e.type, len(rank)), -len(e.mentions), e.name.lower()))
    views = [entity_view(e, in_story, articles) for e in found]
    return [v for v in views if v["type"] == "PERSON"], [v for v in views if v["type"] != "PERSON"]


def entity_view(entity: CorpusEntity, in_story: set[str], articles: dict[str, ArticleView]) -> dict[str, Any]:
    """Name, type, side, aliases with counts, roles with their sources, mentions per source, merges."""
    roles: dict[str, list[str]] = {}
    for role in entity.roles:
        if role.article in in_story:
            labels = roles.setdefault(role.text, [])
            label = article_view(role.article, articles).label
            if label not in labels:
                labels.append(label)
    per_source = Counter(article_view(m.article, articles).label for m in entity.mentions if m.article in in_story)
    descriptions = [{"text": m.text, "article": article_view(m.article, articles).label, "reason": m.reason}
                    for m in entity.mentions if m.kind == "description" and m.article in in_story]
    return {"id": entity.id, "name": entity.name, "type": entity.type, "side": entity.side,
            "aliases": sorted(entity.aliases, key=lambda a: (-a.count, a.text)),
            "roles": [{"text": t, "sources": s} for t, s in roles.items()],
            "mentions": per_source.most_common(), "descriptions": descriptions,
            "merge_evidence": list(entity.merge_evidence)}
