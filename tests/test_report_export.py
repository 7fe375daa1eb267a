"""Exports: analysis.json as Analysis.to_json(), the facet table as JSONL and CSV."""

from __future__ import annotations

import csv
import json

from rashomon.report.export import FACET_COLUMNS, csv_cell, iter_facet_rows, write_exports
from report_fixture import SCRIPT, TEXTS, make_analysis


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
    missing = {(r["facet"], r["article"]) for r in rows if r["missing"] and r["story"] == "s-minsk"}
    assert missing == {("date", "vostok-1"), ("title_of:e-sorokin", "vostok-1"), ("aims", "vostok-1"),
                       ("start_time", "hw-1"), ("start_time", "ledger-1"), ("outcome", "hw-1"),
                       ("outcome", "vostok-1")}
    conflict = next(r for r in rows if r["facet"] == "duration" and r["article"] == "vostok-1")
    assert conflict["value"] == SCRIPT
    assert conflict["evidence_start"] == " ".join(TEXTS["vostok-1"]).index("Officials said")
    assert conflict["evidence"].startswith("Officials said <script>")  # JSONL is never altered
    assert rows[0]["outlet"] == "Harbor Wire"


def test_facet_rows_carry_label_coverage_stance_kind_and_span(tmp_path):
    rows = [json.loads(line) for line in (write_exports(make_analysis(), tmp_path)[1]).read_text("utf-8").splitlines()]
    killed = next(r for r in rows if r["facet"] == "killed" and r["article"] == "hw-3")
    assert (killed["label"], killed["verdict"], killed["coverage_stated"], killed["coverage_sources"]) == \
        ("people killed", "conflict", 6, 7)
    assert (killed["modality"], killed["asserted_by"], killed["kind"], killed["event_type"]) == \
        ("reported", "police", "quantity", "fire")
    text = " ".join(TEXTS["hw-3"])
    assert text[killed["span_start"]:killed["span_end"]] == "At least 40"
    assert killed["evidence_start"] <= killed["span_start"] < killed["span_end"] <= killed["evidence_end"]
    own = next(r for r in rows if r["facet"] == "killed" and r["article"] == "ledger-3")
    assert own["modality"] == "asserted" and own["asserted_by"] is None
    silent = next(r for r in rows if r["facet"] == "killed" and r["missing"])
    assert silent["article"] == "vostok-3" and silent["kind"] is None and silent["span_start"] is None
    assert silent["coverage_stated"] == 6  # the facet's columns on every row
    expected = [r for r in rows if r["label"] == "jobs added (expected)" and not r["missing"]]
    assert {r["modality"] for r in expected} == {"expected"}
    assert {r["label"] for r in rows if r["facet"] == "jobs_added"} == {"jobs added", "jobs added (expected)"}


def test_csv_has_the_columns_and_defuses_formulas(tmp_path):
    path = write_exports(make_analysis(), tmp_path)[2]
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == FACET_COLUMNS
    killed = next(r for r in rows if r["facet"] == "killed" and r["article"] == "hw-3")
    assert (killed["label"], killed["coverage_stated"], killed["coverage_sources"]) == ("people killed", "6", "7")
    assert (killed["modality"], killed["asserted_by"], killed["kind"]) == ("reported", "police", "quantity")
    assert int(killed["span_end"]) - int(killed["span_start"]) == len("At least 40")
    assert next(r for r in rows if r["facet"] == "participants")["entities"] == '["e-marchenko", "e-sorokin"]'
    assert csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_cell(["a", "b"]) == '["a", "b"]'
    assert csv_cell(-3) == -3 and csv_cell(None) == "" and csv_cell(True) == "true"


def test_analysis_json_writes_facets_cleanly(tmp_path):
    document = json.loads(write_exports(make_analysis(), tmp_path)[0].read_text(encoding="utf-8"))
    fire = next(s for s in document["stories"] if s["id"] == "s-fire")
    killed = next(f for f in fire["facets"] if f["name"] == "killed")
    assert killed["coverage"] == {"stated": 6, "sources": 7} and ["ledger-3", "coastal-1"] in killed["conflicts"]
    value = killed["values"][0]
    assert value["typed"] == {"kind": "quantity", "text": "At least 40", "figure": 40, "low": 40, "counted": "people",
                              "role": "actual", "hedge": "at_least"}  # unset fields left out
    assert set(value["span"]) == {"start", "end"} and value["asserted_by"] == "police"
    bare = next(v for f in document["stories"][0]["facets"] for v in f["values"] if v["evidence"] is None)
    assert bare["typed"] is None and bare["span"] is None


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
