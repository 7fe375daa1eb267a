"""The reader interface: one reader per language, all producing the same records.

A reader takes Articles and yields Readings (or Failures), in order, streaming in batches. English
is built in (the model tier); another language plugs in by registering a class with
``register_reader``; every other language is read by the lexicon tier (``rashomon.read.lexicon``):
no article is refused for its language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from rashomon.messages import format_message
from rashomon.records import Article, Failure, Reading
from rashomon.settings import Settings


class Reader(Protocol):
    """What every language reader implements."""

    language: str

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Failure]:
        """Read ``articles`` in order, yielding one Reading (or a Failure) per article."""
        ...


READERS: dict[str, type] = {}


def register_reader(language: str):
    """Class decorator: make a reader class the reader of ``language`` (ISO 639-1)."""
    def register(cls: type) -> type:
        READERS[language] = cls
        return cls
    return register


def get_reader(language: str, settings: Settings) -> Reader:
    """The reader for ``language``: its registered reader, else the lexicon tier of that language."""
    from rashomon.read import english, natasha, spacy_names  # noqa: F401  (register "en", "ru", "fr")

    if language in READERS:
        return READERS[language](settings)
    from rashomon.read.lexicon import LexiconReader

    return LexiconReader(settings, language)



def fallback_failure(article: Article, exc: Exception, component: str | None = None) -> Failure:
    """A Failure for an article whose reading raised (the batch goes on), naming the pipeline
    component that raised when known."""
    where = f" in {component}" if component else ""
    return Failure(article_where(article), format_message(
        "E021", reason=f"reading failed{where} ({exc.__class__.__name__}: {exc}); please report it as a bug"))


def article_where(article: Article) -> str:
    """How a message names an article: its file, and its record's id when the file holds several
    (``feed.xml [feed-3]``, ``dump.jsonl [dump-7]``)."""
    path = article.source.path
    if not path:
        return article.id
    stem = path.rsplit("/", 1)[-1].split("!")[-1].rsplit(".", 1)[0]
    return path if article.id in (stem, path) else f"{path} [{article.id}]"
