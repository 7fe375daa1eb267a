"""``rashomon add``: put articles into the store, and bring its corpus up to date.

1. ingest the inputs; an article whose content hash is stored already is skipped (and counted);
   an article id another stored article has gets the hash of its text (``ingest.make_unique``);
2. read the new articles (``read.executor``, inline or in processes) and store each chunk of
   readings in one transaction, with their facts and search rows, marked *not linked*; failures are
   stored too (once per input and reason);
3. link, in one transaction: the saved linker and clusterer indexes are loaded, every article not
   yet linked joins them in order of arrival, the stories it touched are compared again (only
   those), and the entities, stories, indexes and the articles' *linked* mark are written together.

A process killed in step 2 leaves the chunks it committed; one killed in step 3 leaves the store as
it was before it. Either way the next ``add`` skips what is stored and links what is not linked, so
nothing is lost and nothing is read or stored twice.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rashomon.messages import format_message
from rashomon.records import Analysis, Article, Failure, Reading
from rashomon.settings import Settings
from rashomon.store import db, rows
from rashomon.store.db import Store

# Readings stored per transaction while reading: a kill loses at most this many articles' reading work.
CHUNK = 16


@dataclass
class AddResult:
    """What one ``add`` did."""

    added: list[str] = field(default_factory=list)  # article ids stored by this run
    already: int = 0  # articles skipped because the store holds them
    linked: int = 0  # articles that joined the corpus (this run's and any left by an interrupted one)
    stories: list[str] = field(default_factory=list)  # stories compared again
    failures: list[Failure] = field(default_factory=list)


def content_hash(article: Article) -> str:
    """What makes two articles the same for the store: the outlet, the title and the clean text
    (one wire text carried by two outlets is two articles)."""
    key = "\x00".join([article.source.outlet or "", article.title or "", article.text])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def add(paths: Iterable[str | Path], store: Store, settings: Settings | None = None,
        skipped: Counter | None = None, wrap: Callable[[Iterator, str, int | None], Iterator] | None = None,
        on_failure: Callable[[Failure], None] | None = None, note: Callable[[str], None] | None = None) -> AddResult:
    """Ingest, read, store and link the articles under ``paths`` (see the module docstring).
    ``wrap`` wraps the ingest and read iterators (progress bars); ``on_failure`` hears each failure;
    ``note`` hears a line when linking starts (it has no bar: it is one transaction)."""
    from rashomon.api import read_articles
    from rashomon.ingest import ingest, make_unique

    settings = settings or Settings.load()
    wrap = wrap or (lambda items, _label, _total=None: items)
    result = AddResult()
    items = list(wrap(ingest(paths, settings, skipped=skipped), "ingesting", None))
    articles = [a for a in items if isinstance(a, Article)]
    hashes = {id(a): content_hash(a) for a in articles}
    with store.reading() as connection:
        stored = db.known_hashes(connection, sorted(set(hashes.values())))
        taken = db.taken_ids(connection, [a.id for a in articles])
    fresh: list[Article | Failure] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            key = hashes[id(item)]
            if key in stored or key in seen:
                result.already += 1
                continue
            seen.add(key)
            if item.id in taken:
                item.id = make_unique(item.id, set(taken), item.text)
            taken.add(item.id)
        fresh.append(item)
    add_readings(store, wrap(read_articles(fresh, settings), "reading", len(fresh)), settings, result, on_failure,
                 note)
    return result


def add_readings(store: Store, items: Iterable[Reading | Failure], settings: Settings | None = None,
                 result: AddResult | None = None, on_failure: Callable[[Failure], None] | None = None,
                 note: Callable[[str], None] | None = None) -> AddResult:
    """Store readings already made, a chunk per transaction as they come (step 2; a reading whose
    content hash is stored is skipped), then link everything not yet linked (step 3)."""
    settings = settings or Settings.load()
    result = result or AddResult()
    pending: list[Reading | Failure] = []
    for item in items:
        pending.append(item)
        if isinstance(item, Failure) and on_failure:
            on_failure(item)
        if len(pending) >= CHUNK:
            store_chunk(store, pending, result)
            pending = []
    store_chunk(store, pending, result)
    link_pending(store, settings, result, note)
    return result


def store_chunk(store: Store, items: list[Reading | Failure], result: AddResult) -> None:
    """Store readings and failures in one transaction (a reading already stored is counted, not stored)."""
    if not items:
        return
    with store.writing() as connection:
        keys = {id(r): content_hash(r.article) for r in items if isinstance(r, Reading)}
        stored = db.known_hashes(connection, sorted(set(keys.values())))
        taken = db.taken_ids(connection, [r.article.id for r in items if isinstance(r, Reading)])
        for item in items:
            if isinstance(item, Reading) and keys[id(item)] not in stored and item.article.id in taken:
                # only readings made elsewhere get here: ``add`` renames a taken id before reading
                item = Failure(item.article.source.path or item.article.id,
                               format_message("E054", id=item.article.id))
            if isinstance(item, Failure):
                db.insert_failure(connection, item.path, item.reason)
                result.failures.append(item)
            elif keys[id(item)] in stored:
                result.already += 1
            else:
                db.insert_reading(connection, item, keys[id(item)])
                stored.add(keys[id(item)])
                taken.add(item.article.id)
                result.added.append(item.article.id)


def link_pending(store: Store, settings: Settings, result: AddResult, note: Callable[[str], None] | None = None) -> None:
    """Link, cluster and compare every stored article not yet linked, in one transaction."""
    from rashomon.link.entities import EntityLinker
    from rashomon.link.stories import StoryClusterer
    from rashomon.meaning import saved_vectors, words_only

    with store.writing() as connection, words_only(not settings.meaning), \
            saved_vectors(lambda texts: db.get_vectors(connection, texts)) as new_vectors:
        pending = db.pending_readings(connection)
        if not pending:
            return
        if note:
            note(f"linking {len(pending)} article(s) and comparing the stories they join ...")
        linker = rows.load(connection, "linker", EntityLinker)
        clusterer = rows.load(connection, "clusterer", StoryClusterer)
        # the loaded indexes live to the end of the step: collections need not scan them every time
        # (with a 100k-article corpus each full collection walked millions of their objects)
        gc.freeze()
        try:
            link_and_compare_pending(connection, pending, linker, clusterer, settings, result)
        finally:
            gc.unfreeze()
        rows.save(connection, "linker", linker)
        rows.save(connection, "clusterer", clusterer)
        db.put_vectors(connection, new_vectors)
    result.linked = len(pending)


def link_and_compare_pending(connection, pending: list[Reading], linker, clusterer, settings: Settings,
                             result: AddResult) -> None:
    """Link, cluster and compare the pending readings (``link_pending``'s work, in its transaction);
    write the stories and entities they touched and mark them linked."""
    from rashomon.analysis import compare_story, stage_failure
    from rashomon.compare.framing import load_lexicon
    from rashomon.link.stories import linked_entity_ids
    from rashomon.read.events import load_lexicon as load_event_types
    from rashomon.records import Story

    clusterer.threshold = settings.story_threshold  # the setting in force now applies to the new articles
    for reading in pending:
        try:
            linker.add(reading)
        except Exception as exc:  # one article's bug must not sink the run (as in analysis.analyze_readings)
            failure = stage_failure(reading.article.source.path or reading.article.id, "linking", exc)
            db.insert_failure(connection, failure.path, failure.reason)
            result.failures.append(failure)
    touched = list(dict.fromkeys(clusterer.add(r, linked_entity_ids(r, linker)) for r in pending))
    members = {s: clusterer.articles_of(s) for s in touched}
    changed, removed, touched_parts = linker.changes()
    lexicon = load_lexicon(settings.contested_terms)
    event_types = load_event_types(settings.event_types)
    fresh = {r.article.id: r for r in pending}
    stored = db.readings_of(connection, [a for s in touched for a in members[s] if a not in fresh])
    readings = {**stored, **fresh}
    seq = db.last_seq(connection)
    for story_id in touched:
        story_readings = [readings[a] for a in members[story_id]]
        title = " ".join(clusterer.title(story_id).split())
        scratch = Analysis()
        try:
            story = compare_story(story_id, title, story_readings, linker, linker.entities_in(members[story_id]),
                                  lexicon, scratch, event_types)
        except Exception as exc:  # the story keeps its articles; the failure says what could not be compared
            story = Story(id=story_id, title=title, articles=list(members[story_id]))
            failure = stage_failure(f"story {story_id}", "comparison", exc)
            db.insert_failure(connection, failure.path, failure.reason)
            result.failures.append(failure)
        db.put_story(connection, story, scratch.events, story_readings, seq)
    db.put_entities(connection, changed, removed, touched_parts)
    db.mark_linked(connection, list(fresh))
    result.stories = touched
