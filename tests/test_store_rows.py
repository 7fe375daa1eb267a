"""The linker's and the clusterer's indexes as rows (rashomon.store.rows) on SQLite and on a real
PostgreSQL server: a key is read when asked, only changed rows are written, an ``add`` into a store
touches the rows of its articles only, and indexes saved whole by an older store go on as rows."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from rashomon.settings import Settings
from rashomon.store import Store, rows, tables
from rashomon.store.add import add_readings

pytestmark = pytest.mark.model
SETTINGS = Settings.load(env={}, topics=False)


def test_a_row_map_reads_keys_when_asked_and_writes_only_what_changed(store_url, monkeypatch):
    with Store(store_url) as store:
        with store.writing() as connection:
            made = rows.RowMap(connection, "index", "postings", set)
            made["river"].add("S1")  # a missing key gets its default
            made[("Ivanov", 2)] = {"S2"}
            made["kept"] = ["S3"]
            assert "never" not in made and made.get("never") is None
            assert made.flush(connection) == 3
        with store.writing() as connection:
            seen, fetch = [], rows.RowMap._fetch
            monkeypatch.setattr(rows.RowMap, "_fetch", lambda self, keys: seen.append(keys) or fetch(self, keys))
            again = rows.RowMap(connection, "index", "postings", set)
            again.prefetch(["river", ("Ivanov", 2), "kept", "absent"])
            assert len(seen) == 1  # four keys, one query
            assert again["river"] == {"S1"} and again[("Ivanov", 2)] == {"S2"} and again["kept"] == ["S3"]
            assert "absent" not in again and len(seen) == 1  # known missing: not asked again
            again["river"].add("S4")  # mutated in place
            del again[("Ivanov", 2)]
            assert again.flush(connection) == 2  # "kept" was read, not changed: not written
        with store.writing() as connection:
            last = rows.RowMap(connection, "index", "postings")
            assert sorted(last, key=repr) == ["kept", "river"] and len(last) == 2
            assert last["river"] == {"S1", "S4"}
            with pytest.raises(KeyError):
                last[("Ivanov", 2)]  # no default for this map
            other = rows.RowMap(connection, "index", "other")
            assert len(other) == 0 and "river" not in other  # parts are apart


def test_an_add_into_a_store_reads_and_writes_the_rows_of_its_articles_only(tmp_path, demo_readings,
                                                                            monkeypatch):
    """The last article added into a store of the others reads and rewrites a small part of the
    indexes' rows; the rest stay as they were."""
    *others, last = demo_readings
    with Store(tmp_path / "store.db") as store:
        add_readings(store, others, SETTINGS)
        with store.reading() as connection:
            total = connection.execute(select(func.count()).select_from(tables.state_rows)).scalar_one()
        read, written = [], []
        flush = rows.RowMap.flush

        def counting(self, connection):
            read.append(len(self._loaded))
            written.append(flush(self, connection))
            return written[-1]

        monkeypatch.setattr(rows.RowMap, "flush", counting)
        add_readings(store, [last], SETTINGS)
        assert total > 500
        assert 0 < sum(written) < total / 5 and sum(read) < total / 5, (sum(read), sum(written), total)


def test_indexes_saved_whole_by_an_older_store_go_on_as_rows(tmp_path, demo_readings):
    """A store taken back to 0003 (each index one pickle, mentions as objects) opens at the newest
    revision, and adding the other articles gives what adding all at once gives."""
    from test_store import downgrade, stored_entities, stored_stories

    half = len(demo_readings) // 2
    with Store(tmp_path / "once.db") as once, Store(tmp_path / "old.db") as old:
        add_readings(once, demo_readings, SETTINGS)
        add_readings(old, demo_readings[:half], SETTINGS)
        downgrade(old, "0003_entity_slices")
    with Store(tmp_path / "old.db") as old, Store(tmp_path / "once.db") as once:
        assert old.revision() == "0004_state_rows"
        with old.reading() as connection:
            assert connection.execute(select(func.count()).select_from(tables.state_rows)).scalar_one() == 0
        add_readings(old, demo_readings[half:], SETTINGS)
        assert stored_stories(old) == stored_stories(once)
        assert stored_entities(old) == stored_entities(once)
        with old.reading() as connection:
            assert connection.execute(select(func.count()).select_from(tables.state_rows)).scalar_one() > 0
