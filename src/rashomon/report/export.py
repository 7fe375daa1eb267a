"""Machine-readable exports of an ``Analysis``: ``analysis.json`` and the facet table as JSONL and CSV.

``analysis.json`` is ``Analysis.to_json()`` as it is (the published schema). The facet exports flatten
every story's facets to one row per (facet, article): the value a source gives, or ``missing`` when the
source was read and does not state it, with the evidence sentence and its offsets. JSONL keeps values
as JSON (lists stay lists); CSV writes them as text (JSON for lists and mappings).

CSV cells are opened by spreadsheets, which run a cell starting with ``=``, ``+``, ``-`` or ``@`` as a
formula: article text in such a cell is prefixed with a ``'`` (the OWASP advice for CSV injection).
Numbers are left alone. JSONL is never altered.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rashomon.records import Analysis

ANALYSIS_NAME = "analysis.json"
FACETS_JSONL = "facets.jsonl"
FACETS_CSV = "facets.csv"
FACET_COLUMNS = ("story", "story_title", "facet", "side", "event", "verdict", "explanation", "article",
                 "outlet", "value", "missing", "entities", "evidence", "evidence_article", "evidence_start",
                 "evidence_end")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def iter_facet_rows(analysis: Analysis) -> Iterator[dict[str, Any]]:
    """One row per facet and article: the articles that state it, then those that do not (``missing``)."""
    outlets = {r.article.id: r.article.source.outlet for r in analysis.readings}
    for story in analysis.stories:
        for facet in story.facets:
            base = {"story": story.id, "story_title": story.title, "facet": facet.name, "side": facet.side,
                    "event": facet.event, "verdict": facet.verdict, "explanation": facet.explanation}
            for v in facet.values:
                ev = v.evidence
                yield {**base, "article": v.article, "outlet": outlets.get(v.article), "value": v.value,
                       "missing": False, "entities": list(v.entities), "evidence": ev.text if ev else None,
                       "evidence_article": ev.article if ev else None, "evidence_start": ev.start if ev else None,
                       "evidence_end": ev.end if ev else None}
            for article in facet.missing_in:
                yield {**base, "article": article, "outlet": outlets.get(article), "value": None, "missing": True,
                       "entities": [], "evidence": None, "evidence_article": None, "evidence_start": None,
                       "evidence_end": None}


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
