"""Saved sentence embeddings, so that comparing a story again embeds only its new sentences.

Revision ID: 0002_vectors
Revises: 0001_initial
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_vectors"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vectors",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("vectors")
