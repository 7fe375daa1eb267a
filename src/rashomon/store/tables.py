"""The store's tables (SQLAlchemy Core), as the migrations under ``migrations/versions`` build them.

A test compares these declarations with the database the migrations make (``alembic`` autogenerate's
``compare_metadata``), so the two cannot drift. Records are kept whole as JSON (``msgspec``, the
records' own dataclasses: ``codec.py``) beside the columns that queries filter and sort on; the
search index is its own table (``search.py``).
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint)

metadata = MetaData()

# One row per stored article: its metadata as columns, its Reading (article, clean and original text,
# offset map, entities, quotes, times, events, facts) as JSON. ``seq`` is the order of arrival, the
# order linking and clustering take them in; ``linked`` is false until the article has joined the
# corpus (entities, story) in the same transaction that wrote its story.
articles = Table(
    "articles", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(200), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("path", Text),
    Column("url", Text),
    Column("outlet", String(200)),
    Column("title", Text),
    Column("published", String(10)),
    Column("language", String(16)),
    Column("tier", String(16), nullable=False),
    Column("added_at", String(32), nullable=False),
    Column("linked", Boolean, nullable=False, default=False),
    Column("reading", LargeBinary, nullable=False),
)
Index("ix_articles_linked", articles.c.linked)
Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)

# The typed facts of every article, one row each, for queries and exports (the Reading holds them too).
facts = Table(
    "facts", metadata,
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(64), primary_key=True),
    Column("slot", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("event_type", String(64)),
    Column("text", Text, nullable=False),
    Column("figure", Float),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)
Index("ix_facts_slot", facts.c.slot)

# Corpus entities (people, organisations, places) as linking left them, and their aliases, with a
# romanised fold of each so that search finds "Зеленский" from "Zelensky".
entities = Table(
    "entities", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("record", LargeBinary, nullable=False),
)
aliases = Table(
    "aliases", metadata,
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(400), primary_key=True),
    Column("folded", String(400), nullable=False),
    Column("count", Integer, nullable=False),
)
Index("ix_aliases_folded", aliases.c.folded)
entity_articles = Table(
    "entity_articles", metadata,
    Column("entity_id", String(64), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # the entity's part in this article (codec.entity_slices); ``entities.record`` is its header
    Column("record", LargeBinary),
)
Index("ix_entity_articles_article", entity_articles.c.article_id)

# Stories with their comparison (the Story record: facets, framing, voices, timeline) and events,
# and the columns the story list sorts on.
stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_published", String(10)),
    Column("last_published", String(10)),
    Column("n_articles", Integer, nullable=False),
    Column("n_sources", Integer, nullable=False),
    Column("n_conflicts", Integer, nullable=False),
    Column("updated_seq", Integer, nullable=False),
    Column("record", LargeBinary, nullable=False),
    Column("events", LargeBinary, nullable=False),
)
Index("ix_stories_last_published", stories.c.last_published)
story_articles = Table(
    "story_articles", metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(200), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    UniqueConstraint("article_id", name="uq_story_articles_article"),
)

# Inputs that could not be read, kept so that a later look at the store tells what is missing.
failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("added_at", String(32), nullable=False),
)

# The linker's and the clusterer's indexes, so that a new article joins the corpus without the corpus
# being linked again: here each object without its large keyed indexes (IDF counts, counters, small
# indexes), which are in ``state_rows``. Written in the same transaction as the stories they produced.
state = Table(
    "state", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

# The linker's and the clusterer's large indexes, a row per key (``rows.RowMap``): ``state`` keeps
# the rest of each object. Added by migration 0004.
state_rows = Table(
    "state_rows", metadata,
    Column("state", String(64), primary_key=True),
    Column("part", String(64), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("value", LargeBinary, nullable=False),
)

# Sentence embeddings already computed (``rashomon.meaning``), by the sha1 of their text: comparing a
# story again embeds only what is new. Added by migration 0002.
vectors = Table(
    "vectors", metadata,
    Column("key", String(40), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)
