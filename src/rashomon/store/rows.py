"""The linker's and the clusterer's large indexes as rows, read when asked and written where changed.

Both keep their indexes in plain dicts (``EntityLinker``, ``StoryClusterer``); each names, in
``KEYED``, the dicts it reads only key by key while adding (never iterating them), with the default
a missing key gets (``defaultdict`` style) or None. In the store each such dict becomes a
``RowMap``: one row per key in ``state_rows`` (state, part, key, pickled value). A key is read from
the database the first time it is asked for, then kept; at the end of the ``add`` only the rows whose
value changed are written back. The rest of the object (counters, IDF tables, small indexes) stays
one pickle in ``state``. So an ``add`` into an archive of 100k articles reads and writes what its
articles touch, not the whole index (it was one 300 MB pickle, read and written whole every time).

Why by hand: ``shelve`` and ``sqlitedict`` give a dict over a file of their own, outside the store's
transaction (a kill -9 would leave the indexes and the stories out of step) and without PostgreSQL.

Values are compared as pickled bytes: a value read and mutated in place (a set of story ids that got
one more) is written, one read and left alone is not (a set whose order changed after a round trip
is written too, which is harmless). Values must not share objects across keys: each row is pickled
on its own, so a shared object would come back as two (the linker keeps mention positions, not
mention objects, for that reason).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from rashomon.store import codec, tables
from rashomon.store.db import chunked

_ABSENT = object()


class RowMap(MutableMapping):
    """A dict over the rows of one part of one state, loaded key by key (see the module's docstring)."""

    table = tables.state_rows

    def __init__(self, connection: Connection | None, state: str, part: str,
                 default: Callable[[], Any] | None = None) -> None:
        self.connection, self.state, self.part, self.default = connection, state, part, default
        self._values: dict[Any, Any] = {}  # key -> value, for every key read or written
        self._loaded: dict[Any, bytes] = {}  # key -> its row's bytes as read or last written
        self._missing: set[Any] = set()  # keys looked up that have no row (and no value since)
        self._deleted: set[Any] = set()  # keys that may have a row, deleted since

    # -- loading ----------------------------------------------------------------------------------

    def prefetch(self, keys: Iterable) -> None:
        """Read the rows of many keys at once (one query per 500 keys), where they are not known yet."""
        wanted = [k for k in dict.fromkeys(keys)
                  if k not in self._values and k not in self._missing and k not in self._deleted]
        if not wanted:
            return
        found: dict[str, bytes] = {}
        if self.connection is not None:
            for chunk in chunked([repr(k) for k in wanted]):
                found.update(self._fetch(chunk))
        for key in wanted:
            data = found.get(repr(key))
            if data is None:
                self._missing.add(key)
            else:
                self._loaded[key] = data
                self._values[key] = codec.load_row(data)

    def _fetch(self, keys: list[str]) -> list[tuple[str, bytes]]:
        """The rows of these keys, asked on the transaction's own DBAPI connection: ``add`` asks a few
        keys at a time, tens of thousands of times, and SQLAlchemy's statement handling took 0.5 ms a
        query, ten times the database's own work (the SQL is fixed here; only the driver's parameter
        mark differs)."""
        mark = "?" if self.connection.dialect.paramstyle == "qmark" else "%s"
        sql = (f"SELECT key, value FROM {self.table.name} WHERE state = {mark} AND part = {mark} "
               f"AND key IN ({', '.join([mark] * len(keys))})")
        cursor = self.connection.connection.dbapi_connection.cursor()
        try:
            cursor.execute(sql, (self.state, self.part, *keys))
            return [(key, bytes(value)) for key, value in cursor.fetchall()]
        finally:
            cursor.close()

    def _lookup(self, key) -> Any:
        if key not in self._values and key not in self._missing and key not in self._deleted:
            self.prefetch([key])
        return self._values.get(key, _ABSENT)

    # -- the mapping ------------------------------------------------------------------------------

    def __getitem__(self, key):
        value = self._lookup(key)
        if value is _ABSENT:
            if self.default is None:
                raise KeyError(key)
            value = self[key] = self.default()
        return value

    def get(self, key, default=None):
        value = self._lookup(key)
        return default if value is _ABSENT else value

    def __contains__(self, key) -> bool:
        return self._lookup(key) is not _ABSENT

    def __setitem__(self, key, value) -> None:
        """Set without reading the row first (a new key costs no query; the write replaces any row)."""
        self._missing.discard(key)
        self._deleted.discard(key)
        self._values[key] = value

    def __delitem__(self, key) -> None:
        if self._lookup(key) is _ABSENT:
            raise KeyError(key)
        del self._values[key]
        self._deleted.add(key)

    def __iter__(self) -> Iterator:
        """Every key: reads every row of the part (slow on a large store; ``add`` never iterates)."""
        if self.connection is not None:
            rows = self.table.c
            query = select(rows.key).where(rows.state == self.state, rows.part == self.part).order_by(rows.key)
            self.prefetch(ast.literal_eval(k) for k in self.connection.execute(query).scalars())
        return iter(list(self._values))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    # -- writing ----------------------------------------------------------------------------------

    def changed(self) -> tuple[dict[Any, bytes], set[Any]]:
        """The rows to write (key -> bytes: keys set, and values changed since read) and the keys to delete."""
        write = {}
        for key, value in self._values.items():
            data = codec.dump_row(value)
            if self._loaded.get(key) != data:
                write[key] = data
        return write, set(self._deleted)

    def flush(self, connection: Connection) -> int:
        """Write the changed rows in ``connection``'s transaction; return how many rows changed."""
        write, deleted = self.changed()
        rows = self.table.c
        for chunk in chunked([repr(k) for k in deleted]):
            connection.execute(delete(self.table).where(rows.state == self.state, rows.part == self.part,
                                                        rows.key.in_(chunk)))
        dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
        upsert = dialect.insert(self.table)
        upsert = upsert.on_conflict_do_update(index_elements=[rows.state, rows.part, rows.key],
                                              set_={"value": upsert.excluded.value})
        values = [{"state": self.state, "part": self.part, "key": repr(k), "value": v} for k, v in write.items()]
        for chunk in chunked(values, 2000):
            connection.execute(upsert, chunk)
        self._loaded.update(write)
        for key in deleted:
            self._loaded.pop(key, None)
        self._missing |= deleted
        self._deleted.clear()
        return len(write) + len(deleted)


# -- a whole object: its header pickle plus its keyed parts ---------------------------------------

def load(connection: Connection, name: str, make: Callable[[], Any]) -> Any:
    """The object saved under ``name`` (``make()`` in a new store), with its ``KEYED`` dicts as
    ``RowMap``s bound to ``connection``. An object saved whole (a store written before the rows)
    keeps its dicts' contents, and ``save`` writes them out as rows the first time. Then the
    object's ``rows_attached`` runs, if it has one (an index filed anew reads all its rows once)."""
    row = connection.execute(select(tables.state.c.value).where(tables.state.c.name == name)).first()
    obj = codec.load_state(row.value) if row else make()
    for part, default in type(obj).KEYED.items():
        rows = RowMap(connection, name, part, default)
        held = obj.__dict__.get(part)
        if held is not None:  # saved whole, or a new object: every entry is to be written
            rows._values.update(held)
        obj.__dict__[part] = rows
    if hasattr(obj, "rows_attached"):
        obj.rows_attached()
    return obj


def save(connection: Connection, name: str, obj: Any) -> int:
    """Write the object's header (pickled without its keyed parts) and its changed rows, in
    ``connection``'s transaction; return how many rows changed."""
    parts = {part: obj.__dict__[part] for part in type(obj).KEYED}
    header = obj.__class__.__new__(obj.__class__)
    header.__dict__.update(obj.__dict__)
    header.__dict__.update(dict.fromkeys(parts))  # None: kept as rows
    connection.execute(delete(tables.state).where(tables.state.c.name == name))
    connection.execute(insert(tables.state).values(name=name, value=codec.dump_state(header)))
    return sum(rows.flush(connection) for rows in parts.values())
