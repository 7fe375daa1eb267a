"""Alembic's environment for the store: migrations run on the connection ``store.db`` hands over
(``config.attributes["connection"]``), each in its own transaction, recorded in ``alembic_version``."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=True,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
