"""Records to bytes and back, for the store.

Records are dataclasses; ``msgspec`` encodes them as JSON and decodes them into the same classes,
checking every field's type on the way in (a damaged row fails loudly, it is never half-read). The
linker's and clusterer's indexes are plain Python containers of records (dicts keyed by tuples,
sets, Counters), which JSON cannot hold, so they are pickled: only classes of rashomon, of the
standard containers and of builtins may be loaded back (``SafeUnpickler``, the standard library's
"restricting globals" recipe), so a store file from elsewhere cannot run code when it is opened.
"""

from __future__ import annotations

import contextlib
import gc
import io
import pickle
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, TypeVar

import msgspec

from rashomon.records import CorpusEntity, Event, Reading, Story

T = TypeVar("T")
_encoder = msgspec.json.Encoder()
_decoders: dict[Any, msgspec.json.Decoder] = {}


def encode(record: Any) -> bytes:
    """A record (or a list of records) as JSON bytes."""
    return _encoder.encode(record)


def decode(data: bytes, kind: type[T]) -> T:
    """The record of type ``kind`` (``Reading``, ``Story``, ``list[Event]``...) that ``data`` holds."""
    decoder = _decoders.get(kind)
    if decoder is None:
        decoder = _decoders[kind] = msgspec.json.Decoder(kind)
    return decoder.decode(data)


def reading(data: bytes) -> Reading:
    return decode(data, Reading)


def story(data: bytes) -> Story:
    return decode(data, Story)


def entity(data: bytes) -> CorpusEntity:
    return decode(data, CorpusEntity)


def events(data: bytes) -> list[Event]:
    return decode(data, list[Event])


# A corpus entity is stored as a header (name, type, side, place, aliases, the evidence of merges)
# and one slice per article it appears in (its members, mentions and roles there, and the evidence of
# the links made in that article), so that a story's page reads only its articles' parts of an entity
# named in a hundred thousand articles, and an ``add`` rewrites only the parts that changed.

def entity_header(entity: CorpusEntity) -> bytes:
    articles = entity_articles(entity)
    return encode(replace(entity, members=[], mentions=[], roles=[],
                          merge_evidence=[line for line in entity.merge_evidence if evidence_article(line, articles) is None]))


def entity_slices(entity: CorpusEntity, only: set[str] | None = None) -> dict[str, bytes]:
    """The entity's part in each article (or in the articles of ``only``), by article id."""
    articles = entity_articles(entity)
    wanted = articles if only is None else articles & only
    parts = {a: replace(entity, aliases=[], place=None, members=[], mentions=[], roles=[], merge_evidence=[])
             for a in wanted}
    for article, local in entity.members:
        if article in parts:
            parts[article].members.append((article, local))
    for mention in entity.mentions:
        if mention.article in parts:
            parts[mention.article].mentions.append(mention)
    for role in entity.roles:
        if role.article in parts:
            parts[role.article].roles.append(role)
    for line in entity.merge_evidence:
        article = evidence_article(line, articles)
        if article in parts:
            parts[article].merge_evidence.append(line)
    return {a: encode(part) for a, part in parts.items()}


def join_entity(header: bytes, slices: list[bytes]) -> CorpusEntity:
    """An entity from its header and the slices wanted (all of them: the whole entity)."""
    whole = entity(header)
    evidence = []
    for data in slices:
        part = entity(data)
        whole.members += part.members
        whole.mentions += part.mentions
        whole.roles += part.roles
        evidence += part.merge_evidence
    whole.merge_evidence = evidence + whole.merge_evidence
    return whole


def entity_articles(entity: CorpusEntity) -> set[str]:
    return ({a for a, _ in entity.members} | {m.article for m in entity.mentions} | {r.article for r in entity.roles})


def evidence_article(line: str, articles: set[str]) -> str | None:
    """The article a line of merge evidence is about ("<article>:<local id> ..."), None for a merge."""
    article, sep, _ = line.partition(":")
    while sep:
        if article in articles:
            return article
        more, sep, _ = line[len(article) + 1:].partition(":")
        article = f"{article}:{more}"
    return None


# Modules whose classes a pickled index may name.
SAFE_MODULES = ("rashomon.", "collections", "builtins", "datetime")
SAFE_BUILTINS = {"set", "frozenset", "dict", "list", "tuple", "int", "float", "str", "bytes", "bool", "complex",
                 "object"}


class SafeUnpickler(pickle.Unpickler):
    """An unpickler that loads rashomon's own classes and plain containers only."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name not in SAFE_BUILTINS:
            raise pickle.UnpicklingError(f"the store's state names builtins.{name}, which is not allowed")
        if not (module.startswith(SAFE_MODULES) or module in ("collections", "datetime")):
            raise pickle.UnpicklingError(f"the store's state names {module}.{name}, which is not allowed")
        return super().find_class(module, name)


def dump_row(value: Any) -> bytes:
    """One index row (``rows.RowMap``): small, so pickled without pausing the collector (pausing and
    resuming it around each of 85,000 rows an ``add`` cost more than the rows)."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load_row(data: bytes) -> Any:
    return SafeUnpickler(io.BytesIO(data)).load()


def dump_state(value: Any) -> bytes:
    """A whole object (an index header, or an index saved whole), with the collector paused."""
    with paused_gc():
        return dump_row(value)


def load_state(data: bytes) -> Any:
    with paused_gc():
        return load_row(data)


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: unpickling the indexes of 100k articles (300 MB) makes
    millions of objects, and each collection it triggers scans them all again (13.5 s to load with
    the collector running, 4.2 s without; pickling makes no garbage to collect either)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
