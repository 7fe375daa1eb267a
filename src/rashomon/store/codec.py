"""Records to bytes and back, for the store.

Records are dataclasses; ``msgspec`` encodes them as JSON and decodes them into the same classes,
checking every field's type on the way in (a damaged row fails loudly, it is never half-read). The
linker's and clusterer's indexes are plain Python containers of records (dicts keyed by tuples,
sets, Counters), which JSON cannot hold, so they are pickled: only classes of rashomon, of the
standard containers and of builtins may be loaded back (``SafeUnpickler``, the standard library's
"restricting globals" recipe), so a store file from elsewhere cannot run code when it is opened.
"""

from __future__ import annotations

import io
import pickle
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


def dump_state(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def load_state(data: bytes) -> Any:
    return SafeUnpickler(io.BytesIO(data)).load()
