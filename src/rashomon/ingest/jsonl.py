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
from rashomon.ingest.sniff import describe_json_error
from rashomon.messages import RashomonError, format_message
from rashomon.records import Failure

OPTIONAL_FIELDS = ("title", "url", "outlet", "published", "language")


def drafts_from_json(text: str, *, stem: str, path: str) -> Iterator[Draft | Failure]:
    """Drafts of a JSON file holding one article object or a list of them."""
    data = json.loads(text)  # the sniffer has parsed it already
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


def drafts_from_jsonl(text: str, *, stem: str, path: str) -> Iterator[Draft | Failure]:
    """Drafts of a JSONL file, one per non-blank line; a bad line is a Failure ``path:line``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, format_message("E025", reason=describe_json_error(exc).split(" at line")[0]
                                                + f" at column {exc.colno}"))
            continue
        yield draft_or_failure(record, where=where, label=f"on line {number}", default_id=f"{stem}-{number}",
                               path=path)


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
    if not isinstance(text, str) or not text.strip():
        raise RashomonError("E026", where=label)
    fields = {name: str(record[name]) for name in OPTIONAL_FIELDS if record.get(name) not in (None, "")}
    article_id = str(record["id"]) if record.get("id") not in (None, "") else default_id
    draft = Draft(text=text.replace("\r\n", "\n"), id=article_id, path=path, **fields)
    draft.evidence.update({name: f"json field {name}: {value}" for name, value in fields.items()
                           if name != "language"})
    if "language" in fields:
        draft.evidence["language"] = "json field language"
    return draft
