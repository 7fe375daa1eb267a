"""Corpus entities stored as a header and one slice per article, so that a story's page reads only
its articles' parts of an entity named across the archive, and an ``add`` rewrites only what changed.

The entities of a store made before are split here: each whole record becomes its header, and the
part of it in each article goes to that article's ``entity_articles`` row.

Revision ID: 0003_entity_slices
Revises: 0002_vectors
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_entity_slices"
down_revision = "0002_vectors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from rashomon.store import codec

    op.add_column("entity_articles", sa.Column("record", sa.LargeBinary, nullable=True))
    connection = op.get_bind()
    entities = sa.table("entities", sa.column("id"), sa.column("record"))
    links = sa.table("entity_articles", sa.column("entity_id"), sa.column("article_id"), sa.column("record"))
    for row in connection.execute(sa.select(entities.c.id, entities.c.record)).fetchall():
        whole = codec.entity(row.record)
        connection.execute(entities.update().where(entities.c.id == row.id).values(record=codec.entity_header(whole)))
        for article, data in codec.entity_slices(whole).items():
            connection.execute(links.update().where(links.c.entity_id == row.id, links.c.article_id == article)
                               .values(record=data))


def downgrade() -> None:
    from rashomon.store import codec

    connection = op.get_bind()
    entities = sa.table("entities", sa.column("id"), sa.column("record"))
    links = sa.table("entity_articles", sa.column("entity_id"), sa.column("article_id"), sa.column("record"))
    for row in connection.execute(sa.select(entities.c.id, entities.c.record)).fetchall():
        slices = [r.record for r in connection.execute(sa.select(links.c.record).where(links.c.entity_id == row.id))
                  if r.record is not None]
        connection.execute(entities.update().where(entities.c.id == row.id)
                           .values(record=codec.encode(codec.join_entity(row.record, slices))))
    with op.batch_alter_table("entity_articles") as batch:
        batch.drop_column("record")
