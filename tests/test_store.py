"""The store (rashomon.store) on SQLite and on a real PostgreSQL server: migrations, idempotent
adds, incremental linking equal to one batch, a kill -9 in the middle of ``add``, search across
scripts. The articles are the bundled demo corpus (written for the project)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from rashomon.analysis import analyze_readings
from rashomon.ingest import article_from_text
from rashomon.messages import RashomonError
from rashomon.records import Failure
from rashomon.settings import Settings
from rashomon.store import Store, add, store_url as to_url
from rashomon.store import queries, tables
from rashomon.store.add import add_readings, content_hash

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parent.parent
SETTINGS = Settings.load(env={}, topics=False)
HEAD = "0004_state_rows"


def stored_stories(store: Store) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """Every story: its articles and its facets' (name, verdict), sorted, by story id."""
    out = {}
    with store.reading() as connection:
        for row in connection.execute(select(tables.stories.c.id)).scalars():
            analysis = queries.story_analysis(connection, row)
            story = analysis.stories[0]
            out[row] = (sorted(story.articles), sorted((f.name, f.verdict) for f in story.facets))
    return out


def test_a_path_is_an_sqlite_file_and_other_urls_are_refused(tmp_path):
    assert to_url(tmp_path / "x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert to_url("postgresql://u:p@h/db").startswith("postgresql+psycopg://u:p@h/db")
    for bad in ("mysql://h/db", "", "  "):
        with pytest.raises(RashomonError) as caught:
            to_url(bad)
        assert caught.value.code == "E050"
    with pytest.raises(RashomonError) as caught:
        Store(tmp_path / "no-such-folder" / "x.db")
    assert caught.value.code == "E051"


def test_the_migrations_build_the_declared_schema(store_url):
    """What the migrations make is what tables.py declares (alembic's own comparison), and a
    second open runs no migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Store(store_url) as store:
        assert store.revision() == HEAD
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "include_object": lambda obj, name, kind, *_: not (name or "").startswith(("article_search", "alembic")),
                "compare_type": False})
            differences = compare_metadata(context, tables.metadata)
        assert differences == []
    with Store(store_url) as again:
        assert again.revision() == HEAD
        assert again.counts()["articles"] == 0


def test_an_older_store_is_migrated_and_keeps_its_data(tmp_path, demo_readings):
    """A store made at the first migration, with data in it, is brought to the newest on open, in
    its own recorded step, and keeps everything."""
    from alembic import command
    from alembic.config import Config

    from rashomon.store.db import MIGRATIONS, make_engine, store_url as url_of

    path = tmp_path / "old.db"
    engine = make_engine(url_of(path))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection:
        connection.info["write"] = True
        config.attributes["connection"] = connection
        command.upgrade(config, "0001_initial")
        connection.commit()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001_initial"
        assert "vectors" not in {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
        connection.rollback()
    engine.dispose()
    # data written by hand at 0001: an article row (the tables of 0001 are unchanged since)
    from rashomon.store import db

    with Store.__new__(Store) as raw:  # the Store's writes without its migration on open
        raw.url, raw.engine, raw.dialect = url_of(path), make_engine(url_of(path)), "sqlite"
        with raw.writing() as connection:
            db.insert_reading(connection, demo_readings[0], content_hash(demo_readings[0].article))
    with Store(path) as store:
        assert store.revision() == HEAD
        assert store.counts()["articles"] == 1
        added = add_readings(store, demo_readings[:3], SETTINGS)
        assert added.already == 1 and len(added.added) == 2 and added.linked == 3


def downgrade(store: Store, revision: str) -> None:
    """Take the store's schema (and data) back to ``revision`` through the migrations' downgrades."""
    from alembic import command
    from alembic.config import Config

    from rashomon.store.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.connect() as connection:
        connection.info["write"] = True
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.commit()


def test_entities_split_into_slices_and_back_keep_every_part(tmp_path, demo_readings):
    """Migration 0003 stores each entity as a header and a slice per article; going back to 0002
    joins them into whole records and coming forward splits them again, and the entities read back
    are the same each time. A story's page reads only its articles' slices."""
    path = tmp_path / "store.db"
    with Store(path) as store:
        add_readings(store, demo_readings, SETTINGS)
        with store.reading() as connection:
            ids = list(connection.execute(select(tables.entities.c.id)).scalars())
            before = {i: queries.whole_entity(connection, i) for i in ids}
            slices = connection.execute(select(func.count()).select_from(tables.entity_articles)
                                        .where(tables.entity_articles.c.record.is_not(None))).scalar_one()
            links = connection.execute(select(func.count()).select_from(tables.entity_articles)).scalar_one()
            analyses = [queries.story_analysis(connection, s)
                        for s in connection.execute(select(tables.stories.c.id)).scalars()]
        assert slices == links > len(ids)
        named_elsewhere = 0
        for analysis in analyses:
            in_story = set(analysis.stories[0].articles)
            assert all({m.article for m in e.mentions} <= in_story for e in analysis.entities)
            named_elsewhere += sum(bool({m.article for m in before[e.id].mentions} - in_story)
                                   for e in analysis.entities)
        assert named_elsewhere  # entities of several stories: each story read only its part of them
        downgrade(store, "0002_vectors")
        with store.engine.connect() as connection:
            whole = {row.id: row.record for row in connection.execute(select(tables.entities.c.id,
                                                                             tables.entities.c.record))}
            connection.rollback()
        from rashomon.store import codec

        assert {i: sorted(codec.entity(r).mentions, key=repr) for i, r in whole.items()} == \
            {i: sorted(e.mentions, key=repr) for i, e in before.items()}
    with Store(path) as store:
        assert store.revision() == HEAD
        with store.reading() as connection:
            after = {i: queries.whole_entity(connection, i) for i in ids}
        assert after == before


def test_comparing_a_story_again_embeds_only_its_new_sentences(tmp_path, demo_readings, monkeypatch):
    """The sentence embeddings are saved with the stories: when one article joins a stored story,
    the story is compared again without embedding its old sentences anew (a new process would have
    none in memory: the cache is cleared here to stand for it)."""
    from rashomon import meaning

    analysis = analyze_readings(demo_readings, settings=SETTINGS)
    biggest = max(analysis.stories, key=lambda s: len(s.articles))
    last = biggest.articles[-1]
    first_run = [r for r in demo_readings if r.article.id != last]
    joining = [r for r in demo_readings if r.article.id == last]
    with Store(tmp_path / "s.db") as store:
        add_readings(store, first_run, SETTINGS)
        with store.reading() as connection:
            saved = connection.execute(select(func.count()).select_from(tables.vectors)).scalar_one()
        assert saved > 0
        meaning._vectors.clear()
        embedded: list[int] = []
        engine = meaning.model()
        original = engine.passage
        monkeypatch.setattr(engine, "passage", lambda texts: embedded.append(len(texts)) or original(texts))
        result = add_readings(store, joining, SETTINGS)
        assert biggest.id in result.stories
        assert 0 < sum(embedded) < saved / 2
        assert stored_stories(store)[biggest.id][1] == sorted((f.name, f.verdict) for f in biggest.facets)


def stored_entities(store: Store) -> tuple[list, list, list]:
    """The entity, alias and entity-article rows, sorted."""
    with store.reading() as connection:
        return tuple(sorted(tuple(row) for row in connection.execute(select(table)))
                     for table in (tables.entities, tables.aliases, tables.entity_articles))


def test_adding_the_same_readings_twice_adds_nothing(store_url, demo_readings):
    with Store(store_url) as store:
        first = add_readings(store, demo_readings, SETTINGS)
        assert len(first.added) == len(demo_readings) and first.already == 0
        assert first.linked == len(demo_readings)
        counts, stories = store.counts(), stored_stories(store)
        second = add_readings(store, demo_readings, SETTINGS)
        assert second.added == [] and second.already == len(demo_readings) and second.linked == 0
        assert store.counts() == counts
        assert stored_stories(store) == stories
        with store.reading() as connection:
            facts = connection.execute(select(func.count()).select_from(tables.facts)).scalar_one()
            links = connection.execute(select(func.count()).select_from(tables.story_articles)).scalar_one()
        assert facts == sum(len(r.facts) for r in demo_readings)
        assert links == len(demo_readings)  # every article in exactly one story


def test_the_store_holds_what_analyze_finds(store_url, demo_readings):
    """The stored stories (articles and facet verdicts) are those of one in-memory analysis."""
    analysis = analyze_readings(demo_readings, settings=SETTINGS)
    expected = {s.id: (sorted(s.articles), sorted((f.name, f.verdict) for f in s.facets)) for s in analysis.stories}
    with Store(store_url) as store:
        add_readings(store, demo_readings, SETTINGS)
        assert stored_stories(store) == expected
        assert store.counts()["entities"] == len(analysis.entities)


def test_adding_in_two_runs_gives_what_one_run_gives(tmp_path, demo_readings):
    """Linking goes on from the saved indexes: the second run re-compares only the stories it
    touched, and the store ends as if everything had been added at once."""
    half = len(demo_readings) // 2
    with Store(tmp_path / "once.db") as once, Store(tmp_path / "twice.db") as twice:
        add_readings(once, demo_readings, SETTINGS)
        add_readings(twice, demo_readings[:half], SETTINGS)
        second = add_readings(twice, demo_readings[half:], SETTINGS)
        assert stored_stories(twice) == stored_stories(once)
        assert once.counts() == twice.counts()
        assert stored_entities(twice) == stored_entities(once)  # rows written only where they changed
        touched = {s for s, (articles, _) in stored_stories(twice).items()
                   if set(articles) & {r.article.id for r in demo_readings[half:]}}
        assert set(second.stories) == touched


def test_failures_are_stored_once(store_url):
    with Store(store_url) as store:
        bad = [Failure("missing.txt", "no such file or directory")]
        add_readings(store, bad, SETTINGS)
        add_readings(store, bad, SETTINGS)
        assert store.counts()["failures"] == 1


def test_search_finds_names_across_scripts_and_inflections(store_url, demo_readings):
    """The demo corpus tells one ferry fire in English, Russian, German and Arabic."""
    with Store(store_url) as store:
        add_readings(store, demo_readings, SETTINGS)
        with store.reading() as connection:
            languages = {lang: queries.search(connection, "", language=lang)["total"] for lang in ("en", "ru", "de")}
            assert all(n > 0 for n in languages.values())
            cyrillic = queries.search(connection, "Варна")
            latin = queries.search(connection, "Varna")
            assert {"ru", "en"} <= {a["language"] for a in cyrillic["articles"]}
            assert {a["id"] for a in cyrillic["articles"]} == {a["id"] for a in latin["articles"]}
            assert any(e["name"] == "Varna" for e in latin["entities"])
            # an inflected form finds the base form's article (Russian: пароме -> паром)
            assert queries.search(connection, "паром")["total"] >= 1
            assert queries.search(connection, "парома")["total"] == queries.search(connection, "паром")["total"]
            only_ru = queries.search(connection, "Varna", language="ru")
            assert only_ru["total"] >= 1 and {a["language"] for a in only_ru["articles"]} == {"ru"}
            assert queries.search(connection, "Varna", since="2100-01-01")["total"] == 0
            # query syntax is never interpreted
            for odd in ('"', "AND OR NOT", "*", "(", "a:b", "'", "\\", "%_"):
                assert queries.search(connection, odd)["total"] >= 0


def test_add_from_files_names_taken_ids_anew(tmp_path):
    """Two different files named alike in two folders: both stored, under two ids."""
    for folder, text in (("a", "Storm floods the lower town of Brill. Forty homes were evacuated on Monday."),
                         ("b", "The Brill council voted 7-2 on Tuesday to build a new flood wall.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "s.db") as store:
        add([str(tmp_path / "a")], store, SETTINGS)
        second = add([str(tmp_path / "b")], store, SETTINGS)
        again = add([str(tmp_path / "a"), str(tmp_path / "b")], store, SETTINGS)
        assert len(second.added) == 1 and second.added[0] != "report"
        assert again.added == [] and again.already == 2
        assert store.counts()["articles"] == 2


TOWNS = ("Brill", "Ostvale", "Karsk", "Lindholm", "Marrow", "Pellin", "Quarry Bay", "Tessaly", "Udo", "Wexmoor")
EVENTS = (
    "A storm flooded the lower streets of {town} on {day}, and {n} homes were evacuated, the fire service said.",
    "The {town} council voted {n}-{m} on {day} to build a new bridge over the river, the mayor's office said.",
    "Police in {town} said {n} people were hurt when a bus left the road on {day} near the old market.",
    "A fire at a warehouse in {town} burned for {n} hours on {day} before crews put it out, officials said.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def write_town_corpus(folder: Path, count: int) -> None:
    """``count`` short reports written for this test, on many small events in made-up towns."""
    folder.mkdir()
    for i in range(count):
        town, event = TOWNS[i % len(TOWNS)], EVENTS[(i // len(TOWNS)) % len(EVENTS)]
        lead = event.format(town=town, day=DAYS[i % len(DAYS)], n=3 + i % 40, m=1 + i % 5)
        body = (f"{lead} Residents of {town} were told to expect delays for {2 + i % 6} days. "
                f"The regional office in {TOWNS[(i + 3) % len(TOWNS)]} sent {1 + i % 9} teams to help.")
        (folder / f"report_{i:03d}.txt").write_text(f"{town} report {i}\n\n{body}\n", encoding="utf-8")


def test_kill_9_in_the_middle_of_add_loses_and_duplicates_nothing(tmp_path):
    """A real ``rashomon add`` process killed with SIGKILL once some articles are stored (reading
    goes on in chunks of 64, each stored as it is read), then run again: the store ends as a run
    that was never interrupted."""
    corpus = tmp_path / "corpus"
    write_town_corpus(corpus, 200)
    env = {**os.environ, "RASHOMON_TOPICS": "false"}
    command = [sys.executable, "-m", "rashomon.cli", "add", str(corpus), "--store"]
    killed_db = tmp_path / "killed.db"
    process = subprocess.Popen(command + [str(killed_db)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if killed_db.exists():
            try:
                with Store(killed_db) as peek, peek.reading() as connection:
                    if connection.execute(select(func.count()).select_from(tables.articles)).scalar_one():
                        break
            except RashomonError:
                pass
        time.sleep(0.05)
    assert process.poll() is None, "add ended before any article was stored: nothing to interrupt"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(killed_db) as store, store.reading() as connection:
        interrupted = connection.execute(select(func.count()).select_from(tables.articles)).scalar_one()
        assert 0 < interrupted < 200
        assert connection.execute(select(func.count()).select_from(tables.stories)).scalar_one() == 0
    again = subprocess.run(command + [str(killed_db)], env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"{200 - interrupted} articles added, {interrupted} already in the store" in again.stdout
    clean_db = tmp_path / "clean.db"
    clean = subprocess.run(command + [str(clean_db)], env=env, capture_output=True, text=True, timeout=600)
    assert clean.returncode == 0, clean.stderr
    with Store(killed_db) as killed, Store(clean_db) as reference:
        assert killed.counts() == reference.counts()
        assert stored_stories(killed) == stored_stories(reference)
        with killed.reading() as connection:
            hashes = connection.execute(select(tables.articles.c.content_hash)).scalars().all()
            assert len(hashes) == 200 == len(set(hashes))
            assert connection.execute(select(func.count()).select_from(tables.articles)
                                      .where(tables.articles.c.linked.is_(False))).scalar_one() == 0


def test_a_failure_while_linking_leaves_the_corpus_as_it_was(tmp_path, demo_readings, monkeypatch):
    """The linking step is one transaction: when it breaks half-way (here: writing the entities),
    the stories, entities and indexes stay as before, the new articles stay stored and unlinked, and
    the next add links them."""
    from rashomon.store import db

    half = len(demo_readings) // 2
    with Store(tmp_path / "s.db") as store:
        add_readings(store, demo_readings[:half], SETTINGS)
        before = (store.counts(), stored_stories(store))

        def broken(*_args, **_kwargs):
            raise OSError("disk full (simulated)")

        monkeypatch.setattr(db, "put_entities", broken)
        with pytest.raises(OSError):
            add_readings(store, demo_readings[half:], SETTINGS)
        after = store.counts()
        assert after["articles"] == len(demo_readings)
        assert (dict(after, articles=before[0]["articles"]), stored_stories(store)) == before
        monkeypatch.undo()
        resumed = add_readings(store, [], SETTINGS)
        assert resumed.linked == len(demo_readings) - half
        with Store(tmp_path / "once.db") as once:
            add_readings(once, demo_readings, SETTINGS)
            assert stored_stories(store) == stored_stories(once)


def test_a_store_file_cannot_make_its_state_run_code(tmp_path):
    """The saved indexes are unpickled with a whitelist: a planted pickle naming os.system fails."""
    import pickle

    from rashomon.store import codec

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo owned",))

    with pytest.raises(pickle.UnpicklingError):
        codec.load_state(pickle.dumps(Evil()))
    assert codec.load_state(codec.dump_state({"a": {1, 2}})) == {"a": {1, 2}}


def stored_readings(store: Store) -> dict[str, bytes]:
    with store.reading() as connection:
        return {row.id: row.reading for row in connection.execute(select(tables.articles.c.id,
                                                                          tables.articles.c.reading))}


@pytest.mark.slow
def test_dask_and_inline_give_identical_stores(tmp_path, demo_readings):
    """Reading on a 2-worker Dask LocalCluster (real worker processes) stores byte for byte what
    reading inline stores."""
    from rashomon.knowledge import data_path

    corpus = [str(data_path("demo/corpus"))]
    with Store(tmp_path / "dask.db") as on_dask, Store(tmp_path / "inline.db") as inline:
        add(corpus, on_dask, Settings.load(env={}, topics=False, executor="dask", n_process=2))
        add(corpus, inline, SETTINGS)
        assert stored_readings(on_dask) == stored_readings(inline)
        assert len(stored_readings(inline)) == len(demo_readings)
        assert stored_stories(on_dask) == stored_stories(inline)
        assert on_dask.counts() == inline.counts()


def test_an_unreachable_scheduler_is_one_clear_error():
    from rashomon.api import read_articles

    article = article_from_text("The Brill council met on Monday.", id="brill")
    settings = Settings.load(env={}, executor="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(RashomonError) as caught:
        list(read_articles([article], settings))
    assert caught.value.code == "E055"
    with pytest.raises(RashomonError) as caught:
        Settings.load(env={}, executor="cluster")
    assert caught.value.code == "E056"


def test_meaning_off_compares_by_words_and_embeds_nothing(tmp_path, demo_readings, monkeypatch):
    from rashomon import meaning

    meaning._vectors.clear()
    calls: list[int] = []
    engine = meaning.model()
    original = engine.passage
    monkeypatch.setattr(engine, "passage", lambda texts: calls.append(len(texts)) or original(texts))
    with Store(tmp_path / "s.db") as store:
        result = add_readings(store, demo_readings, Settings.load(env={}, topics=False, meaning=False))
        assert result.linked == len(demo_readings) and store.counts()["stories"] > 0
        with store.reading() as connection:
            assert connection.execute(select(func.count()).select_from(tables.vectors)).scalar_one() == 0
    assert calls == []
    assert meaning.model() is not None  # switched back on after the run
