"""The linker's and the clusterer's large indexes as one row per key (``store.rows``), so that an
``add`` reads and writes what its articles touch instead of two pickles of the whole archive.

Nothing is converted here: an index saved whole still loads (its dicts come back with it) and the
next ``add`` writes it out as rows. The downgrade joins the rows back into whole pickles.

Revision ID: 0004_state_rows
Revises: 0003_entity_slices
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_state_rows"
down_revision = "0003_entity_slices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "state_rows",
        sa.Column("state", sa.String(64), primary_key=True),
        sa.Column("part", sa.String(64), primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    from collections import defaultdict

    from rashomon.store import codec, rows

    connection = op.get_bind()
    state = sa.table("state", sa.column("name"), sa.column("value"))
    for name in connection.execute(sa.select(state.c.name)).scalars().all():
        obj = rows.load(connection, name, lambda: None)
        for part, default in type(obj).KEYED.items():
            whole = obj.__dict__[part]
            obj.__dict__[part] = defaultdict(default, {k: whole[k] for k in whole}) if default else dict(whole)
        if name == "linker":  # 0003 kept the mention objects themselves, not their positions
            entities = obj.__dict__["_entities"]
            obj.__dict__["_mention_at"] = {k: entities[k[0]].mentions[i] for k, i in obj.__dict__["_mention_at"].items()
                                           if k[0] in entities}
        connection.execute(state.update().where(state.c.name == name).values(value=codec.dump_state(obj)))
    op.drop_table("state_rows")
