"""Where reading runs: in this process, in local worker processes, or on a Dask cluster.

Articles are read a chunk at a time (``CHUNK``), each language by its reader (``reader.get_reader``).
With ``n_process`` >= 2 the chunks go to a pool of worker processes, each of which loads the models
once; only records travel (an ``Article`` list out, ``Reading``/``Failure`` records back, matched by
article id), never a spaCy object, so the output is the same as when reading inline. Results are
yielded in input order.

Why not spaCy's own ``nlp.pipe(n_process=...)``: it ships Docs back between processes, and rashomon's
components keep Python objects on ``Doc._`` that do not serialise; it also covers one spaCy pipeline,
while a chunk may need several readers (English, Russian, the lexicon tier). A worker that dies (out
of memory, a crash in native code) fails its chunk's articles with a clear line, and the pool is
started again for the rest.

``executor`` chooses: ``inline``, ``processes`` (``n_process`` workers), ``dask`` (the cluster at
``scheduler``, or a ``LocalCluster`` of ``n_process`` worker processes started for the run); ``auto``
(the default) is inline with ``n_process`` 1 and processes above. On Dask the same chunks travel as
records and come back as records, in input order; each worker process loads its models on first use
and keeps them (``load_model`` is cached per process), which is what a ``WorkerPlugin`` would do, but
only for the languages its chunks hold.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from rashomon.messages import RashomonError, format_message
from rashomon.records import Article, Failure, Reading
from rashomon.read.reader import article_where, fallback_failure, get_reader
from rashomon.settings import Settings

# Articles handed to the readers at a time: large enough for spaCy's batching, small enough that
# results stream out in input order with failures in their place.
CHUNK = 64
# In worker processes smaller chunks keep every worker busy on a batch of a few hundred articles.
WORKER_CHUNK = 16
# Chunks sent ahead per worker, so that a worker never waits while the next chunk is prepared.
AHEAD = 2
# How long to try reaching a Dask scheduler before saying it cannot be reached.
SCHEDULER_TIMEOUT = "10s"

Item = Article | Failure
Result = Reading | Failure


def read_articles(items: Iterable[Item], settings: Settings) -> Iterator[Result]:
    """Read ingested items (Failures pass through), yielding one result per item in input order."""
    if settings.executor == "dask":
        yield from DaskReader(settings).read(items)
        return
    workers = min(settings.n_process, os.cpu_count() or 1)
    if workers <= 1 or settings.executor == "inline":
        for chunk in chunks(items, CHUNK):
            yield from read_chunk(chunk, settings)
        return
    yield from ProcessReader(settings, workers).read(items)


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def read_chunk(chunk: list[Item], settings: Settings) -> list[Result]:
    """Read one chunk in this process, each language by its reader; a reader that breaks on the chunk
    (rather than failing one article) is tried again one article at a time."""
    results: dict[int, Result] = {}
    by_language: dict[str, list[tuple[int, Article]]] = {}
    for i, item in enumerate(chunk):
        if isinstance(item, Failure):
            results[i] = item
        else:
            by_language.setdefault(item.language or settings.default_language, []).append((i, item))
    for language, group in by_language.items():
        try:
            reader = get_reader(language, settings)
            read = list(reader.read([a for _, a in group]))
        except RashomonError:  # a model that does not load: the user's to fix, not an article's failure
            raise
        except Exception:  # noqa: BLE001 -- the group is read again article by article below
            read = []
        if len(read) != len(group):
            read = [read_alone(article, language, settings) for _, article in group]
        for (i, _), result in zip(group, read):
            results[i] = result
    return [results[i] for i in range(len(chunk))]


def read_alone(article: Article, language: str, settings: Settings) -> Result:
    """One article read by itself; its Failure when the reader raises."""
    try:
        return next(iter(get_reader(language, settings).read([article])))
    except RashomonError:
        raise
    except Exception as exc:  # noqa: BLE001 -- this article's failure, reported
        return fallback_failure(article, exc)


# Why a worker dies, most often: memory, or a script that reads in processes at its top level
# (spawned workers import the script again, and a worker may not start processes itself).
WORKER_DIED = ("the worker process reading it died: out of memory (try n_process=1 or a smaller "
               "max_article_chars), or a script that reads with executor=processes outside "
               "`if __name__ == \"__main__\":`")


class ProcessReader:
    """Reads chunks in a pool of ``workers`` processes (spawned: a fresh interpreter each, so no
    thread or model state of this process is copied into them)."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = dataclasses.replace(settings, n_process=1)
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> ProcessPoolExecutor:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=start_worker, initargs=(self.settings,))
        return self.pool

    def read(self, items: Iterable[Item]) -> Iterator[Result]:
        pending: deque[tuple[list[Item], Future | None]] = deque()
        try:
            for chunk in chunks(items, WORKER_CHUNK):
                articles = [a for a in chunk if isinstance(a, Article)]
                pending.append((chunk, self.submit(articles) if articles else None))
                while len(pending) > self.workers * AHEAD:
                    yield from self.finish(*pending.popleft())
            while pending:
                yield from self.finish(*pending.popleft())
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, articles: list[Article]) -> Future | None:
        try:
            return self.start().submit(read_in_worker, articles)
        except BrokenProcessPool:
            self.pool = None  # a worker died: start a new pool
            return self.start().submit(read_in_worker, articles)

    def finish(self, chunk: list[Item], future: Future | None) -> Iterator[Result]:
        """The results of one chunk, in its order; when its worker died, each article's Failure."""
        try:
            by_id = dict(future.result()) if future is not None else {}
        except BrokenProcessPool:
            self.pool = None
            by_id = {}
        yield from in_chunk_order(chunk, by_id, WORKER_DIED)


def in_chunk_order(chunk: list[Item], by_id: dict[str, Result], reason: str) -> Iterator[Result]:
    """A chunk's results in its order (Failures pass through); an article with no result fails
    with ``reason``."""
    for item in chunk:
        if isinstance(item, Failure):
            yield item
        else:
            yield by_id.get(item.id) or Failure(article_where(item), format_message("E021", reason=reason))


WORKER_SETTINGS: Settings | None = None


def start_worker(settings: Settings) -> None:
    """A worker's start: keep its settings (the readers load their models on first use)."""
    global WORKER_SETTINGS
    WORKER_SETTINGS = settings


def read_in_worker(articles: list[Article]) -> list[tuple[str, Result]]:
    """Read a chunk in a worker; the results paired with their article ids."""
    return read_paired(articles, WORKER_SETTINGS or Settings())


class DaskReader:
    """Reads chunks on a Dask cluster: the one at ``settings.scheduler``, or a ``LocalCluster`` of
    ``n_process`` single-threaded worker processes started for this run and closed after it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = dataclasses.replace(settings, n_process=1, executor="inline")
        self.scheduler = settings.scheduler
        self.workers = max(1, settings.n_process)

    def read(self, items: Iterable[Item]) -> Iterator[Result]:
        from distributed import Client, LocalCluster

        cluster = None
        try:
            if self.scheduler:
                client = Client(self.scheduler, timeout=SCHEDULER_TIMEOUT)
            else:
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
                client = Client(cluster)
        except (OSError, TimeoutError) as exc:
            raise RashomonError("E055", scheduler=self.scheduler or "a local cluster", reason=str(exc)) from None
        try:
            width = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
            pending: deque = deque()
            for chunk in chunks(items, WORKER_CHUNK):
                articles = [a for a in chunk if isinstance(a, Article)]
                future = client.submit(read_paired, articles, self.settings, pure=False) if articles else None
                pending.append((chunk, future))
                while len(pending) > width * AHEAD:
                    yield from self.finish(*pending.popleft())
            while pending:
                yield from self.finish(*pending.popleft())
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def finish(self, chunk: list[Item], future) -> Iterator[Result]:
        """One chunk's results in its order; a chunk whose worker failed fails its articles."""
        try:
            by_id = dict(future.result()) if future is not None else {}
            reason = "the Dask worker returned nothing for it"
        except Exception as exc:  # noqa: BLE001 -- a lost worker or a task error: said per article
            by_id, reason = {}, f"the Dask worker reading it failed ({exc.__class__.__name__}: {exc})"
        yield from in_chunk_order(chunk, by_id, reason)


def read_paired(articles: list[Article], settings: Settings) -> list[tuple[str, Result]]:
    """A chunk read in a worker (a process of the pool, or a Dask worker); the results paired with
    their article ids."""
    results = read_chunk(list(articles), settings)
    return [(article.id, result) for article, result in zip(articles, results)]
