"""Machine-readable exports of an ``Analysis``: ``analysis.json`` and the facet table as JSONL and CSV.

``analysis.json`` is ``Analysis.to_json()`` as it is (the published schema). The facet exports flatten
every story's facets to one row per (facet, article): the value a source gives, or ``missing`` when the
source was read and does not state it, with the evidence sentence and its offsets. Each row carries
the fact's reader label, its verdict and coverage (how many of the story's sources state it, out of
how many), how the source states the value (``modality``: asserted, reported, expected, denied; and
``asserted_by``, the source it cites, empty when the outlet itself states it), the typed value's
``kind`` and the value's own words as ``span_start``/``span_end`` (offsets in the article's clean
text, like ``evidence_start``/``evidence_end``). JSONL keeps values as JSON (lists stay lists); CSV
writes them as text (JSON for lists and mappings).

CSV cells are opened by spreadsheets, which run a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
formula: article text in such a cell is prefixed with a ``'`` (the OWASP advice for CSV injection).
Numbers are left alone. JSONL is never altered.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from rashomon.records import Analysis, Facet, FacetValue, Story

ANALYSIS_NAME = "analysis.json"
FACETS_JSONL = "facets.jsonl"
FACETS_CSV = "facets.csv"
FACET_COLUMNS = ("story", "story_title", "facet", "label", "side", "event", "event_type", "verdict",
                 "coverage_stated", "coverage_sources", "explanation", "article", "outlet", "value", "kind",
                 "modality", "asserted_by", "missing", "entities", "span_start", "span_end", "evidence",
                 "evidence_article", "evidence_start", "evidence_end")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def iter_facet_rows(analysis: Analysis) -> Iterator[dict[str, Any]]:
    """One row per facet and article: the articles that state it, then those that do not (``missing``)."""
    return facet_rows(analysis.stories, {r.article.id: r.article.source.outlet for r in analysis.readings})


def facet_rows(stories: Iterable[Story], outlets: dict[str, str | None]) -> Iterator[dict[str, Any]]:
    """The facet rows of ``stories`` (outlets by article id)."""
    for story in stories:
        for facet in story.facets:
            base = facet_columns(story, facet)
            for v in facet.values:
                yield {**base, "article": v.article, "outlet": outlets.get(v.article), **value_columns(v)}
            for article in facet.missing_in:
                yield {**base, "article": article, "outlet": outlets.get(article), **missing_columns()}


def facet_columns(story: Story, facet: Facet) -> dict[str, Any]:
    """The columns every row of a facet shares."""
    return {"story": story.id, "story_title": story.title, "facet": facet.name, "label": facet.label,
            "side": facet.side, "event": facet.event, "event_type": facet.event_type, "verdict": facet.verdict,
            "coverage_stated": facet.coverage.get("stated", len({v.article for v in facet.values})),
            "coverage_sources": facet.coverage.get("sources", len(story.articles)),
            "explanation": facet.explanation}


def value_columns(v: FacetValue) -> dict[str, Any]:
    """The columns of what one source states."""
    ev, span = v.evidence, v.span
    return {"value": v.value, "kind": v.typed.kind if v.typed is not None else None, "modality": v.modality,
            "asserted_by": v.asserted_by, "missing": False, "entities": list(v.entities),
            "span_start": span[0] if span else None, "span_end": span[1] if span else None,
            "evidence": ev.text if ev else None, "evidence_article": ev.article if ev else None,
            "evidence_start": ev.start if ev else None, "evidence_end": ev.end if ev else None}


def missing_columns() -> dict[str, Any]:
    """The value columns of a source that was read and does not state the fact."""
    return {"value": None, "kind": None, "modality": None, "asserted_by": None, "missing": True, "entities": [],
            "span_start": None, "span_end": None, "evidence": None, "evidence_article": None,
            "evidence_start": None, "evidence_end": None}


def write_analysis_json(analysis: Analysis, out_dir: Path) -> Path:
    """Write ``analysis.json`` (UTF-8, non-ASCII kept readable) and return its path."""
    path = _prepare(out_dir) / ANALYSIS_NAME
    path.write_text(json.dumps(analysis.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def write_facets_jsonl(analysis: Analysis, out_dir: Path) -> Path:
    """Write ``facets.jsonl``: one JSON object per facet row."""
    path = _prepare(out_dir) / FACETS_JSONL
    with path.open("w", encoding="utf-8") as f:
        for row in iter_facet_rows(analysis):
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def write_facets_csv(analysis: Analysis, out_dir: Path) -> Path:
    """Write ``facets.csv`` with a header row; values as text, formula-looking text defused."""
    path = _prepare(out_dir) / FACETS_CSV
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FACET_COLUMNS)
        writer.writeheader()
        for row in iter_facet_rows(analysis):
            writer.writerow({k: csv_cell(row[k]) for k in FACET_COLUMNS})
    return path


def write_exports(analysis: Analysis, out_dir: Path) -> list[Path]:
    """Write every export (analysis.json, facets.jsonl, facets.csv); return their paths."""
    return [write_analysis_json(analysis, out_dir), write_facets_jsonl(analysis, out_dir),
            write_facets_csv(analysis, out_dir)]


def csv_cell(value: Any) -> str | int | float:
    """A CSV cell: None empty, booleans as true/false, lists and mappings as JSON, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _prepare(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return out_dir
