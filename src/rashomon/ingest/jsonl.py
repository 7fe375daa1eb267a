"""JSON (one article object or a list of them) and JSONL (one object a line).

Fields of an article object: ``text`` (required), and ``title``, ``url``, ``outlet``, ``published``,
``language``, ``id`` (optional). A record's id is its ``id`` field, else ``<stem>-<n>`` with ``n``
the record's number in a JSON list (from 1) or its line number in a JSONL file. A bad record or
line is a ``Failure`` naming it (``file.jsonl:7``, ``file.json#3``); the other records go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from rashomon.ingest import feed
from rashomon.ingest.article import Draft
from rashomon.ingest.sniff import LongNumber, bounded_int, load_json, nesting_depth
from rashomon.messages import RashomonError, format_message
from rashomon.records import Failure

OPTIONAL_FIELDS = ("title", "url", "outlet", "published", "language")


def drafts_from_json(text: str, *, stem: str, path: str, max_depth: int = 64) -> Iterator[Draft | Failure]:
    """Drafts of a JSON file holding one article object or a list of them (E025 past ``max_depth``)."""
    data = load_json(text, max_depth)
    if isinstance(data, list) and not data:
        raise RashomonError("E025", reason="an empty list: no article records")
    if feed.is_json_feed(data):
        yield from feed.drafts_from_json_feed(data, stem=stem, path=path)
        return
    records = data if isinstance(data, list) else [data]
    single = not isinstance(data, list)
    for number, record in enumerate(records, start=1):
        where = path if single else f"{path}#{number}"
        label = "in this file" if single else f"number {number}"
        default_id = stem if single else f"{stem}-{number}"
        yield draft_or_failure(record, where=where, label=label, default_id=default_id, path=path)


def drafts_from_jsonl(text: str, *, stem: str, path: str, max_depth: int = 64) -> Iterator[Draft | Failure]:
    """Drafts of a JSONL file, one per non-blank line; a bad line is a Failure ``path:line``. A file
    of pretty-printed objects one after another (``jq`` output: "JSONL" that is not one a line) is
    read object by object (``path#n``)."""
    values = concatenated_objects(text, max_depth)
    if values is not None:
        for number, record in enumerate(values, start=1):
            yield draft_or_failure(record, where=f"{path}#{number}", label=f"number {number}",
                                   default_id=f"{stem}-{number}", path=path)
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = load_json(line, max_depth)
        except RashomonError as exc:
            yield Failure(where, exc.args[0].replace(" at line 1, column", " at column"))
            continue
        yield draft_or_failure(record, where=where, label=f"on line {number}", default_id=f"{stem}-{number}",
                               path=path)


def concatenated_objects(text: str, max_depth: int) -> list | None:
    """The objects of a text made of several JSON objects written over many lines one after another,
    or None when the text is not that (its first line is a whole JSON value: ordinary JSONL)."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    try:
        load_json(first, max_depth)
        return None
    except RashomonError:
        pass
    decoder, values, at = json.JSONDecoder(parse_int=bounded_int), [], 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            break
        try:
            value, at = decoder.raw_decode(text, at)
        except (json.JSONDecodeError, RecursionError, ValueError):
            return None
        values.append(value)
    if len(values) < 2 or not all(isinstance(v, dict) for v in values):
        return None
    return values if all(nesting_depth(v, max_depth) <= max_depth for v in values) else None


# An id longer than this is cut (ids name records in messages and anchors in the report).
MAX_ID_CHARS = 120


def is_scalar(value: Any) -> bool:
    """Whether a JSON value can be a text field: a non-empty string or a number (not a list, an
    object or a boolean)."""
    return (isinstance(value, str) and value.strip() != "") or (
        isinstance(value, (int, float)) and not isinstance(value, bool))


def draft_or_failure(record: Any, *, where: str, label: str, default_id: str, path: str) -> Draft | Failure:
    """The draft of one record, or a Failure naming ``where`` and what is wrong with it.

    ``label`` names the record inside the file in the message ("number 3", "on line 7").
    """
    try:
        return draft_from_record(record, label=label, default_id=default_id, path=path)
    except RashomonError as exc:
        return Failure(where, exc.args[0])


def draft_from_record(record: Any, *, label: str, default_id: str, path: str) -> Draft:
    """The draft of one article object; E025 for a non-object, E026 for a missing or empty text."""
    if not isinstance(record, dict):
        raise RashomonError("E025", reason=f"expected an object with a \"text\" field, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or isinstance(text, LongNumber) or not text.strip():
        raise RashomonError("E026", where=label)
    fields = {name: str(record[name]) for name in OPTIONAL_FIELDS if is_scalar(record.get(name))}
    ignored = {name: type(record[name]).__name__ for name in OPTIONAL_FIELDS
               if record.get(name) not in (None, "") and name not in fields}
    article_id = str(record["id"])[:MAX_ID_CHARS] if is_scalar(record.get("id")) else default_id
    draft = Draft(text=text.replace("\r\n", "\n"), id=article_id, path=path, **fields)
    draft.evidence.update({name: f"json field {name}: {value}" for name, value in fields.items()
                           if name != "language"})
    if "language" in fields:
        draft.evidence["language"] = "json field language"
    draft.evidence.update({name: f"json field {name} ignored: a {kind}, not a text" for name, kind in ignored.items()})
    return draft
