"""Exports: analysis.json as Analysis.to_json(), the facet table as JSONL and CSV."""

from __future__ import annotations

import csv
import json

from rashomon.report.export import FACET_COLUMNS, csv_cell, iter_facet_rows, write_exports
from report_fixture import SCRIPT, make_analysis


def test_exports_write_the_three_files(tmp_path):
    analysis = make_analysis()
    paths = write_exports(analysis, tmp_path / "out")
    assert [p.name for p in paths] == ["analysis.json", "facets.jsonl", "facets.csv"]
    assert json.loads(paths[0].read_text(encoding="utf-8")) == json.loads(json.dumps(analysis.to_json()))


def test_facet_rows_have_one_row_per_value_and_per_missing_source(tmp_path):
    analysis = make_analysis()
    rows = [json.loads(line) for line in (write_exports(analysis, tmp_path)[1]).read_text("utf-8").splitlines()]
    expected = sum(len(f.values) + len(f.missing_in) for s in analysis.stories for f in s.facets)
    assert len(rows) == expected == len(list(iter_facet_rows(analysis)))
    missing = [r for r in rows if r["missing"]]
    assert {(r["facet"], r["article"]) for r in missing} == {("date", "vostok-1"), ("aims", "vostok-1")}
    participants = next(r for r in rows if r["facet"] == "participants" and r["article"] == "hw-1")
    assert participants["value"] == ["Olena Marchenko", "Pavel Sorokin"]  # JSONL keeps lists
    conflict = next(r for r in rows if r["verdict"] == "conflict" and r["article"] == "vostok-1")
    assert conflict["value"] == SCRIPT and conflict["evidence_start"] == 300  # JSONL is never altered
    assert rows[0]["outlet"] == "Harbor Wire"


def test_csv_has_the_columns_and_defuses_formulas(tmp_path):
    path = write_exports(make_analysis(), tmp_path)[2]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == FACET_COLUMNS
    assert next(r for r in rows if r["facet"] == "participants")["value"] == '["Olena Marchenko", "Pavel Sorokin"]'
    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_cell(-3) == -3 and csv_cell(None) == "" and csv_cell(True) == "true"


def test_analysis_json_matches_the_published_schema(tmp_path):
    from pathlib import Path

    import jsonschema
    import pytest

    import rashomon

    schema_path = Path(rashomon.__file__).parent / "data" / "schemas" / "analysis.schema.json"
    if not schema_path.exists():
        pytest.skip(f"{schema_path} is absent")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    document = json.loads(write_exports(make_analysis(), tmp_path)[0].read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
