"""The one module that owns the database: opening it, migrating it, and every write.

``Store(url)`` opens SQLite (a file path or ``sqlite:///...``; ``rashomon.db`` in the working
directory by default) or PostgreSQL (``postgresql://...``, driven by psycopg) through SQLAlchemy,
and brings the schema up to date through the named migrations under ``migrations/versions``
(Alembic: each migration in its own transaction, recorded in ``alembic_version``). Reads go through
SQLAlchemy's connection pool; every write goes through ``Store.writing()``, one transaction that
holds the store's write lock (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so there is
one writer at a time and a killed writer leaves the store as it was before its transaction.

SQLite runs in WAL mode with ``synchronous=NORMAL``: a committed transaction survives the process
being killed (what ``add`` needs); a power cut may lose the last commits but never corrupts the
file. Foreign keys are enforced.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from rashomon.messages import RashomonError
from rashomon.store import tables

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_STORE = "rashomon.db"
# The key of the PostgreSQL advisory lock that makes writers take turns (any constant will do).
WRITE_LOCK = 0x7261_7368


def store_url(store: str | os.PathLike | None) -> str:
    """The SQLAlchemy URL of a ``--store`` value: a path is an SQLite file, ``postgresql://`` goes
    through psycopg. Raises E050 for a URL of another database."""
    store = os.fspath(store) if store is not None else DEFAULT_STORE
    if not re.match(r"^[a-z][a-z0-9+]*://", store):
        if not store.strip():
            raise RashomonError("E050", store=store)
        return f"sqlite:///{Path(store).expanduser().resolve()}"
    try:
        url = make_url(store)
    except ArgumentError:
        raise RashomonError("E050", store=store) from None
    if url.get_backend_name() == "postgresql":
        return str(url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False))
    if url.get_backend_name() == "sqlite":
        return store
    raise RashomonError("E050", store=store)


def make_engine(url: str) -> Engine:
    """An engine with the pragmas and pool each database wants."""
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not Path(path).parent.is_dir():
            raise RashomonError("E051", store=path, reason="its folder does not exist")
        engine = create_engine(url, connect_args={"timeout": 60})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):  # noqa: ANN001  (SQLAlchemy's hook)
            dbapi_connection.isolation_level = None  # transactions are begun explicitly (BEGIN IMMEDIATE)
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(connection):  # noqa: ANN001
            connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.info.get("write") else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True)


class Store:
    """The store: open it with a ``--store`` value; use ``writing()`` for writes and ``reading()``
    (or the query helpers of ``rashomon.store.queries``) for reads."""

    def __init__(self, store: str | os.PathLike | None = None) -> None:
        self.url = store_url(store)
        self.engine = make_engine(self.url)
        self.dialect = self.engine.dialect.name
        try:
            self.migrate()
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise RashomonError("E051", store=self.describe(), reason=first_line(exc)) from None

    def describe(self) -> str:
        """The store as the user named it: an SQLite file's path, a URL without its password."""
        url = make_url(self.url)
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return make_url(self.url).render_as_string(hide_password=True)

    def migrate(self) -> None:
        """Run the migrations not yet recorded in the database (none when it is up to date)."""
        from alembic import command
        from alembic.config import Config

        from alembic.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.connect() as connection:  # up to date: no write lock taken (a reader never waits)
            current = MigrationContext.configure(connection).get_current_heads()
            connection.rollback()
        if set(current) == set(ScriptDirectory.from_config(config).get_heads()):
            return
        with self.engine.connect() as connection:
            connection.info["write"] = True
            if self.dialect == "postgresql":
                with connection.begin():
                    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WRITE_LOCK})
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            finally:
                if connection.in_transaction():  # alembic's look at alembic_version when nothing was run
                    connection.commit()
                if self.dialect == "postgresql":
                    with connection.begin():
                        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WRITE_LOCK})

    def revision(self) -> str | None:
        """The migration the database is at."""
        with self.reading() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction holding the write lock: committed when the block ends, rolled back
        when it raises (or when the process dies)."""
        with self.engine.connect() as connection:
            connection.info["write"] = True
            try:
                with connection.begin():
                    if self.dialect == "postgresql":
                        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                    yield connection
            except OperationalError as exc:
                raise RashomonError("E051", store=self.describe(), reason=first_line(exc)) from None

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read-only connection from the pool (one transaction: a consistent view)."""
        with self.engine.connect() as connection, connection.begin():
            yield connection

    def counts(self) -> dict[str, int]:
        """How many articles, stories, entities and failures the store holds."""
        from sqlalchemy import func

        with self.reading() as connection:
            return {name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("articles", tables.articles), ("stories", tables.stories),
                                        ("entities", tables.entities), ("failures", tables.failures))}

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def first_line(exc: BaseException) -> str:
    """The database's own message, first line, without SQLAlchemy's background link."""
    original = getattr(exc, "orig", None) or exc
    return str(original).strip().splitlines()[0] if str(original).strip() else exc.__class__.__name__


# ---------------------------------------------------------------------------------------------
# Writes: each takes the connection of a ``Store.writing()`` transaction.
# ---------------------------------------------------------------------------------------------

def now() -> str:
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def insert_reading(connection: Connection, reading, content_hash: str) -> None:
    """An article with its reading, its facts and its search row (not yet linked)."""
    from unidecode import unidecode

    from rashomon.store import codec

    article = reading.article
    connection.execute(tables.articles.insert().values(
        id=article.id, content_hash=content_hash, path=article.source.path, url=article.source.url,
        outlet=article.source.outlet, title=article.title, published=article.published,
        language=article.language, tier=reading.tier, added_at=now(), linked=False,
        reading=codec.encode(reading)))
    if reading.facts:
        connection.execute(tables.facts.insert(), [
            {"article_id": article.id, "id": f.id, "slot": f.slot[:200], "kind": f.value.kind,
             "event_type": f.event_type, "text": f.value.text, "figure": f.value.figure, "start": f.start,
             "end": f.end} for f in reading.facts])
    title = article.title or ""
    romanised = unidecode(f"{title}\n{article.text}")
    if connection.dialect.name == "sqlite":
        connection.execute(text("INSERT INTO article_search (article_id, title, body, romanised) "
                                "VALUES (:id, :title, :body, :romanised)"),
                           {"id": article.id, "title": title, "body": article.text, "romanised": romanised})
    else:
        connection.execute(text("INSERT INTO article_search (article_id, document) VALUES (:id, :document)"),
                           {"id": article.id, "document": f"{title}\n{article.text}\n{romanised}"})


def insert_failure(connection: Connection, path: str, reason: str) -> bool:
    """Record a failure unless the same input already failed for the same reason; True when new."""
    seen = connection.execute(select(tables.failures.c.id).where(
        tables.failures.c.path == path, tables.failures.c.reason == reason)).first()
    if seen:
        return False
    connection.execute(tables.failures.insert().values(path=path, reason=reason, added_at=now()))
    return True


def known_hashes(connection: Connection, hashes: list[str]) -> set[str]:
    """Which of these content hashes are stored already."""
    return existing(connection, tables.articles.c.content_hash, hashes)


def taken_ids(connection: Connection, ids: list[str]) -> set[str]:
    """Which of these article ids are taken already."""
    return existing(connection, tables.articles.c.id, ids)


def chunked(values: list, size: int = 500) -> Iterator[list]:
    """``values`` in lists of ``size`` (databases cap a query's parameters)."""
    for i in range(0, len(values), size):
        yield values[i:i + size]


def existing(connection: Connection, column, values: list[str]) -> set[str]:
    """Which of ``values`` the column holds (asked a chunk at a time: ``chunked``)."""
    found: set[str] = set()
    for part in chunked(values):
        found.update(connection.execute(select(column).where(column.in_(part))).scalars())
    return found


def pending_readings(connection: Connection) -> list:
    """The stored articles not yet linked, in order of arrival."""
    from rashomon.store import codec

    rows = connection.execute(select(tables.articles.c.reading).where(tables.articles.c.linked.is_(False))
                              .order_by(tables.articles.c.seq))
    return [codec.reading(row.reading) for row in rows]


def readings_of(connection: Connection, article_ids: list[str]) -> dict:
    """The stored readings of these articles, by id."""
    from rashomon.store import codec

    out = {}
    column = tables.articles.c.id
    for part in chunked(article_ids):
        rows = connection.execute(select(column, tables.articles.c.reading).where(column.in_(part)))
        out.update({row.id: codec.reading(row.reading) for row in rows})
    return out


def mark_linked(connection: Connection, article_ids: list[str]) -> None:
    column = tables.articles.c.id
    for part in chunked(article_ids):
        connection.execute(tables.articles.update().where(column.in_(part)).values(linked=True))


def put_story(connection: Connection, story, events: list, readings: list, seq: int) -> None:
    """A story's comparison, replacing what it was, with its list of articles."""
    from rashomon.store import codec

    dates = sorted(r.article.published for r in readings if r.article.published)
    outlets = {r.article.source.outlet or f"article:{r.article.id}" for r in readings}
    connection.execute(tables.stories.delete().where(tables.stories.c.id == story.id))
    connection.execute(tables.stories.insert().values(
        id=story.id, title=story.title, first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None, n_articles=len(story.articles), n_sources=len(outlets),
        n_conflicts=sum(1 for f in story.facets if f.verdict == "conflict"), updated_seq=seq,
        record=codec.encode(story), events=codec.encode(events)))
    connection.execute(tables.story_articles.delete().where(tables.story_articles.c.article_id.in_(story.articles)))
    connection.execute(tables.story_articles.insert(), [{"story_id": story.id, "article_id": a}
                                                        for a in story.articles])


def put_entities(connection: Connection, entities: list, removed: set[str] | frozenset[str] = frozenset(),
                 touched: dict[str, set[str] | None] | None = None) -> None:
    """Write corpus entities as linking left them (``EntityLinker.changes``): each one's header and
    aliases, and its slices (``codec.entity_slices``) in the articles ``touched`` names for it (None
    or absent: all of them); ``removed``: ids of entities merged into another, deleted. So an ``add``
    writes what its articles changed, not the whole of an entity named across the archive."""
    from rashomon.store import codec

    touched = touched or {}
    links, aliases, rows = tables.entity_articles, tables.aliases, tables.entities
    for ids in chunked(sorted(set(removed))):
        connection.execute(links.delete().where(links.c.entity_id.in_(ids)))
        connection.execute(aliases.delete().where(aliases.c.entity_id.in_(ids)))
        connection.execute(rows.delete().where(rows.c.id.in_(ids)))
    if not entities:
        return
    known = existing(connection, rows.c.id, [e.id for e in entities])
    headers = [{"id": e.id, "name": e.name, "type": e.type, "record": codec.entity_header(e)} for e in entities]
    if fresh := [h for h in headers if h["id"] not in known]:
        connection.execute(rows.insert(), fresh)
    for header in (h for h in headers if h["id"] in known):  # an UPDATE: a DELETE would cascade to the slices
        connection.execute(rows.update().where(rows.c.id == header["id"])
                           .values(name=header["name"], type=header["type"], record=header["record"]))
    for ids in chunked([e.id for e in entities]):
        connection.execute(aliases.delete().where(aliases.c.entity_id.in_(ids)))
    alias_rows = []
    for e in entities:
        names = {e.name: 1}
        for alias in e.aliases:
            names[alias.text] = names.get(alias.text, 0) + alias.count
        alias_rows += [{"entity_id": e.id, "alias": name[:400], "folded": fold(name)[:400], "count": count}
                       for name, count in names.items()]
    connection.execute(aliases.insert(), list({(r["entity_id"], r["alias"]): r for r in alias_rows}.values()))
    slice_rows = []
    for e in entities:
        only = touched.get(e.id)
        if only is None:
            connection.execute(links.delete().where(links.c.entity_id == e.id))
        else:
            for articles in chunked(sorted(only)):
                connection.execute(links.delete().where(links.c.entity_id == e.id, links.c.article_id.in_(articles)))
        slice_rows += [{"entity_id": e.id, "article_id": a, "record": data}
                       for a, data in sorted(codec.entity_slices(e, only).items())]
    if slice_rows:
        connection.execute(links.insert(), slice_rows)


def fold(name: str) -> str:
    """A name as search compares it: romanised, lower case, single spaces."""
    from unidecode import unidecode

    return " ".join(unidecode(name).lower().split())


def last_seq(connection: Connection) -> int:
    """The arrival number of the newest stored article (0 when none)."""
    from sqlalchemy import func

    return connection.execute(select(func.coalesce(func.max(tables.articles.c.seq), 0))).scalar_one()


def vector_key(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def get_vectors(connection: Connection, texts: list[str]) -> dict:
    """The saved embeddings of these texts (those the store has), as float32 unit vectors."""
    import numpy as np

    keys = {vector_key(t): t for t in texts}
    found = {}
    column = tables.vectors.c.key
    for part in chunked(list(keys)):
        for row in connection.execute(select(column, tables.vectors.c.vector).where(column.in_(part))):
            found[keys[row.key]] = np.frombuffer(row.vector, dtype=np.float32)
    return found


def put_vectors(connection: Connection, vectors: dict) -> None:
    """Save embeddings computed in this run (a text already saved is left as it is)."""
    import numpy as np

    rows = {vector_key(t): np.asarray(v, dtype=np.float32).tobytes() for t, v in vectors.items()}
    if not rows:
        return
    taken = existing(connection, tables.vectors.c.key, list(rows))
    fresh = [{"key": k, "vector": v} for k, v in rows.items() if k not in taken]
    if fresh:
        connection.execute(tables.vectors.insert(), fresh)
