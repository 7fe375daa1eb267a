"""Where reading runs (read/executor.py): one article's bug is that article's Failure, never its
batch's; worker processes give the same output as reading inline. Articles are the bundled demo
corpus and fixtures written for the project."""

from __future__ import annotations

import json
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from conftest import MODEL
from rashomon import api
from rashomon.ingest import article_from_text
from rashomon.knowledge import data_path
from rashomon.read import executor, quotes
from rashomon.records import Failure, Reading
from rashomon.settings import Settings

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).resolve().parent / "data" / "cli" / "articles"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.load(env={}, model=MODEL, topics=False)


def articles(*texts: str):
    return [article_from_text(text, id=f"a{i}", language="en") for i, text in enumerate(texts)]


def test_a_component_raising_on_one_article_fails_that_article_only(settings, monkeypatch):
    """The quote component raises on one article of a batch: spaCy's error handler drops the batch,
    the reader reads each of its articles again alone, and only the bad one is a Failure."""
    match = quotes.QuoteReader.match

    def breaks_on_marker(self, doc):
        if "Zorvath" in doc.text:
            raise ValueError("a planted bug")
        return match(self, doc)

    monkeypatch.setattr(quotes.QuoteReader, "match", breaks_on_marker)
    batch = articles("The ferry left the harbour at noon, the captain said.",
                     "Mayor Ilse Zorvath opened the new bridge on Tuesday.",
                     "\"We will rebuild,\" said the fire chief, Tomas Reyes.")
    results = list(api.read_articles(batch, settings))
    assert [type(r).__name__ for r in results] == ["Reading", "Failure", "Reading"]
    assert "in rashomon_quotes (ValueError: a planted bug)" in results[1].reason and results[1].path == "a1"
    assert results[2].quotes, "the article after the bad one still has its quote"


def test_a_reader_that_breaks_on_a_chunk_is_tried_article_by_article(settings, monkeypatch):
    real = executor.get_reader

    class Fragile:
        """Raises on any batch of more than one article (a bug in batching, not in one article)."""

        def __init__(self, inner):
            self.inner = inner

        def read(self, batch):
            batch = list(batch)
            if len(batch) > 1:
                raise RuntimeError("batching bug")
            return self.inner.read(batch)

    monkeypatch.setattr(executor, "get_reader", lambda language, s: Fragile(real(language, s)))
    results = list(api.read_articles(articles("The dam held overnight.", "Two roads were closed."), settings))
    assert [r.article.id for r in results] == ["a0", "a1"]


def test_a_dead_worker_fails_its_chunk_with_a_clear_line(settings):
    chunk = articles("One.", "Two.")
    broken: Future = Future()
    broken.set_exception(BrokenProcessPool("killed"))
    reader = executor.ProcessReader(settings, 2)
    results = list(reader.finish([Failure("x.txt", "cannot read"), *chunk], broken))
    assert isinstance(results[0], Failure) and results[0].path == "x.txt"
    assert all(isinstance(r, Failure) and "worker process" in r.reason for r in results[1:])
    assert reader.pool is None  # the next chunk starts a new pool


def test_a_script_reading_in_processes_without_a_main_guard_is_told_why(tmp_path):
    """Spawned workers import the calling script again; one that reads at its top level kills them.
    Each article then fails with a line that names the likely causes, the missing guard among them."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Officials met in Valmora on Monday.\n", encoding="utf-8")
    script = tmp_path / "unguarded.py"
    script.write_text("from rashomon.api import read_many\nfrom rashomon.settings import Settings\n"
                      "settings = Settings.load(env={}, executor='processes', n_process=2)\n"
                      f"for r in read_many([{str(tmp_path / 'a.txt')!r}], settings):\n"
                      "    print(type(r).__name__, getattr(r, 'reason', ''))\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert done.stdout.startswith("Failure"), done.stdout + done.stderr[-2000:]
    assert '__name__ == "__main__"' in done.stdout and "out of memory" in done.stdout


@pytest.mark.slow
def test_two_processes_give_the_same_readings_as_one(settings):
    """n_process=2 on the demo corpus (many languages, JSONL, HTML) gives exactly the readings of
    n_process=1, in the same order."""
    corpus = [str(data_path("demo/corpus")), str(ARTICLES)]
    inline = [json.dumps(r.to_json() if isinstance(r, Reading) else str(r), sort_keys=True)
              for r in api.read_many(corpus, settings)]
    parallel = [json.dumps(r.to_json() if isinstance(r, Reading) else str(r), sort_keys=True)
                for r in api.read_many(corpus, Settings.load(env={}, model=MODEL, topics=False, n_process=2))]
    assert len(inline) > 20 and parallel == inline
