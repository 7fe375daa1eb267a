"""The public Python API: ``read`` one article, ``read_many`` a batch (streaming).

>>> import rashomon
>>> reading = rashomon.read("path/to/article.txt")          # or a text string
>>> [e.name for e in reading.entities if e.type == "PERSON"]
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from rashomon.ingest import article_from_text, ingest
from rashomon.messages import RashomonError
from rashomon.records import Article, Failure, Reading
from rashomon.read import english  # noqa: F401  (registers the built-in English reader)
from rashomon.settings import Settings

# A string longer than this, or with a line break, is a text, not a path.
MAX_PATH_LENGTH = 4096


def read(source: str | Path | Article, settings: Settings | None = None) -> Reading:
    """Read one article: a path to a file holding one article, an ``Article``, or the text itself.

    Raises ``RashomonError`` when the input cannot be read or holds several articles (use
    ``read_many`` for batches).
    """
    settings = settings or Settings.load()
    if isinstance(source, Article):
        articles: list[Article | Failure] = [source]
    elif is_path(source):
        articles = list(ingest([source], settings))
    else:
        articles = [article_from_text(str(source), settings=settings)]
    if len(articles) != 1:
        raise RashomonError("E043", path=str(source), count=len(articles))
    result = next(read_articles(articles, settings))
    if isinstance(result, Failure):
        raise RashomonError("E044", failure=str(result))
    return result


def is_path(source: str | Path) -> bool:
    """True when ``source`` names a file or directory rather than being article text.

    A string with no white space is taken for a path even when nothing is there (a typo in a file
    name must fail with "no such file", not be read as a one-word article).
    """
    if isinstance(source, Path):
        return True
    if source == "-":
        return True
    if len(source) >= MAX_PATH_LENGTH or "\n" in source:
        return False
    return os.path.exists(source) or not any(c.isspace() for c in source)


def read_many(inputs: Iterable[str | Path], settings: Settings | None = None,
              skipped: Counter[str] | None = None) -> Iterator[Reading | Failure]:
    """Ingest and read files, directories or ``-`` (stdin), yielding Readings and Failures in input
    order; what is skipped on purpose (saved pages' assets...) is counted into ``skipped``."""
    settings = settings or Settings.load()
    return read_articles(ingest(inputs, settings, skipped=skipped), settings)


def read_articles(items: Iterable[Article | Failure], settings: Settings) -> Iterator[Reading | Failure]:
    """Read ingested items in input order, inline or in worker processes (``read.executor``)."""
    from rashomon.read.executor import read_articles as execute

    return execute(items, settings)
