"""The first schema: articles with their readings, facts, entities and aliases, stories, failures,
the linking state, and the search index (SQLite FTS5 or PostgreSQL text search).

Revision ID: 0001_initial
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(200), nullable=False, unique=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(16)),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
        sa.Column("linked", sa.Boolean, nullable=False),
        sa.Column("reading", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_articles_linked", "articles", ["linked"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_table(
        "facts",
        sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("slot", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event_type", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("figure", sa.Float),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_facts_slot", "facts", ["slot"])
    op.create_table(
        "entities",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("record", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "aliases",
        sa.Column("entity_id", sa.String(64), sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("alias", sa.String(400), primary_key=True),
        sa.Column("folded", sa.String(400), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_aliases_folded", "aliases", ["folded"])
    op.create_table(
        "entity_articles",
        sa.Column("entity_id", sa.String(64), sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_entity_articles_article", "entity_articles", ["article_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_published", sa.String(10)),
        sa.Column("last_published", sa.String(10)),
        sa.Column("n_articles", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("n_conflicts", sa.Integer, nullable=False),
        sa.Column("updated_seq", sa.Integer, nullable=False),
        sa.Column("record", sa.LargeBinary, nullable=False),
        sa.Column("events", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_stories_last_published", "stories", ["last_published"])
    op.create_table(
        "story_articles",
        sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.UniqueConstraint("article_id", name="uq_story_articles_article"),
    )
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("added_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.LargeBinary, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        # unicode61 folds case and strips diacritics in every script; the romanised copy (unidecode)
        # lets a Latin query find Cyrillic, Greek or Arabic text (FTS5 does not match across scripts).
        op.execute("CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, body, "
                   "romanised, tokenize = 'unicode61 remove_diacritics 2')")
    else:
        op.create_table(
            "article_search",
            sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                      primary_key=True),
            sa.Column("document", sa.Text, nullable=False),
        )
        # 'simple': no stemmer (PostgreSQL has none for uk, pl, mk); inflections are met by prefix queries.
        op.execute("CREATE INDEX ix_article_search_document ON article_search "
                   "USING gin (to_tsvector('simple', document))")


def downgrade() -> None:
    for name in ("article_search", "state", "failures", "story_articles", "stories", "entity_articles",
                 "aliases", "entities", "facts", "articles"):
        op.drop_table(name)
