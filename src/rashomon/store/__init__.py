"""The store: articles, readings, facts, entities, stories and comparisons in SQLite or PostgreSQL.

``Store(url)`` opens (and migrates) one; ``add(paths, store)`` puts articles into it and brings the
corpus up to date incrementally; ``queries`` reads it for the web app, search and exports.
"""

from rashomon.store.add import AddResult, add
from rashomon.store.db import DEFAULT_STORE, Store, store_url

__all__ = ["AddResult", "DEFAULT_STORE", "Store", "add", "store_url"]
