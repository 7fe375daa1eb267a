"""``rashomon export`` from a store: GraphML (read back by networkx, as Gephi reads it), JSON-LD
(valid JSON with schema.org types) and the story tables as JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store.add import add_readings

pytestmark = pytest.mark.model
SETTINGS = Settings.load(env={}, topics=False)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, demo_readings):
    path = tmp_path_factory.mktemp("export") / "store.db"
    with Store(path) as store:
        add_readings(store, demo_readings, SETTINGS)
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_graphml_holds_entities_events_stories_articles_and_their_links(store_path, tmp_path, demo_readings):
    import networkx as nx

    out = tmp_path / "corpus.graphml"
    run("--format", "graphml", "--store", str(store_path), "--out", str(out))
    graph = nx.read_graphml(out)
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {"article", "story", "entity", "event"}
    articles = [n for n, d in graph.nodes(data=True) if d["kind"] == "article"]
    assert len(articles) == len(demo_readings)
    relations = {d["relation"] for _, _, d in graph.edges(data=True)}
    assert {"in_story", "mentioned_in", "takes_part_in"} <= relations
    # every article is in exactly one story
    for article in articles:
        assert sum(1 for _, target, d in graph.out_edges(article, data=True) if d["relation"] == "in_story") == 1
    varna = [n for n, d in graph.nodes(data=True) if d["kind"] == "entity" and d["label"] == "Varna"]
    assert varna and graph.in_degree(varna[0]) + graph.out_degree(varna[0]) >= 3  # four languages name it


def test_jsonld_uses_schema_org_types_and_links_by_id(store_path):
    document = json.loads(run("--format", "jsonld", "--store", str(store_path)))
    assert document["@context"]["@vocab"] == "https://schema.org/"
    nodes = {n["@id"]: n for n in document["@graph"]}
    types = {n["@type"] for n in nodes.values()}
    assert {"NewsArticle", "Person", "Place", "Event", "rsh:Story"} <= types
    for node in nodes.values():  # every link points at a node of the graph
        for key in ("isPartOf", "superEvent"):
            if key in node:
                assert node[key]["@id"] in nodes
        for key in ("hasPart", "subjectOf", "attendee"):
            for ref in node.get(key, []):
                assert ref["@id"] in nodes, (node["@id"], key, ref)


@pytest.mark.parametrize("table", ["facets", "framing", "voices", "timeline"])
def test_story_tables_as_jsonl_and_csv_hold_the_same_rows(store_path, table):
    lines = [json.loads(line) for line in run("-f", "jsonl", "-t", table, "--store", str(store_path)).splitlines()]
    rows = list(csv.DictReader(io.StringIO(run("-f", "csv", "-t", table, "--store", str(store_path)))))
    assert lines and len(rows) == len(lines)
    assert rows[0]["story"] == lines[0]["story"]


def test_export_refuses_an_unknown_format(store_path):
    result = CliRunner().invoke(app, ["export", "--format", "dot", "--store", str(store_path)])
    assert result.exit_code == 2 and "E041" in result.output
