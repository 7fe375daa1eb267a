"""The published JSON Schema of a reading: a valid Draft 2020-12 schema that agrees with ``records.py``.

No model needed: readings are built by hand. (The CLI's output is checked against the schema in
test_cli.py, on the project's fixtures and on the seeds.)
"""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from rashomon import records
from rashomon.knowledge import data_path
from rashomon.records import (Article, Description, Entity, Mention, Quote, Reading, Removed, Role, Source, Speaker,
                              Term, TimeRef)

TEXT = "Mayor Adaeze Okafor said on Monday the toll would end. \"It is over,\" she said of the \"toll war\"."


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(data_path("schemas/reading.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    return jsonschema.Draft202012Validator(schema)


def span(cls, text: str, *args, **kwargs):
    start = TEXT.index(text)
    return cls(text, start, start + len(text), *args, **kwargs)


def make_reading() -> Reading:
    article = Article(id="hand-1", source=Source(path="hand.txt", url=None, outlet="The Valley Courier"),
                      title="Toll Ends", published="2024-10-07", language="en", text=TEXT,
                      removed=[Removed("title", "Toll Ends", 0, 9)], evidence={"published": "dateline"})
    okafor = Entity("e1", "Adaeze Okafor", "PERSON", [span(Mention, "Adaeze Okafor"), span(Mention, "she", "alias")],
                    [span(Role, "Mayor")], side=None)
    said, she = TEXT.index("It is over"), TEXT.index("she")
    quote = Quote("direct", "It is over", said, said + len("It is over"), "said", Speaker("e1", "she", she, she + 3))
    return Reading(article, entities=[okafor],
                   descriptions=[Description("d1", "Mayor", 0, 5, "mayor", entity="e1", count=1)],
                   quotes=[quote],
                   times=[span(TimeRef, "Monday", "2024-10-07", "date", direction="past")],
                   terms=[span(Term, "toll war")])


def test_schema_is_valid_draft_2020_12(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_a_hand_built_reading_is_valid(validator):
    assert list(validator.iter_errors(make_reading().to_json())) == []


def test_an_empty_reading_is_valid(validator):
    article = Article(id="x", source=Source(), title=None, published=None, language=None, text="")
    assert list(validator.iter_errors(Reading(article).to_json())) == []


@pytest.mark.parametrize("key", ["id", "text", "entities", "quotes", "times", "removed", "source"])
def test_schema_requires_the_top_level_keys(validator, key):
    obj = make_reading().to_json()
    del obj[key]
    assert not validator.is_valid(obj)


@pytest.mark.parametrize("path, value", [
    (("published",), "7 October 2024"),
    (("times", 0, "value"), "next week"),
    (("times", 0, "clock"), "noon"),
    (("quotes", 0, "kind"), "paraphrase"),
    (("entities", 0, "type"), "HERO"),
    (("entities", 0, "mentions"), []),
    (("entities", 0, "mentions", 0, "start"), -1),
    (("descriptions", 0, "count"), 0),
    (("source", "feed"), "x"),
], ids=lambda v: "/".join(map(str, v)) if isinstance(v, tuple) else None)
def test_schema_rejects_bad_values(validator, path, value):
    obj = make_reading().to_json()
    target = obj
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert not validator.is_valid(obj)


# Each record's JSON form is `asdict`: its fields must be the properties of its schema definition.
DEFS = [(Entity, "entity"), (Mention, "mention"), (Role, "role"), (Description, "description"),
        (Speaker, "speaker"), (Quote, "quote"), (TimeRef, "time")]


@pytest.mark.parametrize("cls, name", DEFS, ids=[name for _, name in DEFS])
def test_record_fields_match_the_schema(schema, cls, name):
    definition = schema["$defs"][name]
    field_names = {f.name for f in dataclasses.fields(cls)}
    assert set(definition["properties"]) == field_names
    assert set(definition["required"]) <= field_names
    assert definition["additionalProperties"] is False


def test_reading_keys_match_the_schema(schema):
    assert set(make_reading().to_json()) == set(schema["properties"])
    assert set(schema["properties"]["source"]["properties"]) == {f.name for f in dataclasses.fields(Source)}
    removed = schema["properties"]["removed"]["items"]["properties"]
    assert set(removed) == {f.name for f in dataclasses.fields(Removed)}
    terms = schema["properties"]["terms"]["items"]["properties"]
    assert set(terms) == {f.name for f in dataclasses.fields(Term)}


def test_schema_enums_match_the_record_literals(schema):
    import typing

    assert set(schema["$defs"]["quote"]["properties"]["kind"]["enum"]) == set(typing.get_args(records.QuoteKind))
    assert set(schema["$defs"]["time"]["properties"]["kind"]["enum"]) == set(typing.get_args(records.TimeKind))
    assert set(schema["$defs"]["mention"]["properties"]["kind"]["enum"]) == set(
        typing.get_args(records.MentionKind))
