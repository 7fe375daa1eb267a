"""The English reader: spaCy (en_core_web_md by default) plus rashomon's components."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rashomon.records import Article, Failure, Reading
from rashomon.read.pipeline import load_model
from rashomon.read.reader import fallback_failure, register_reader
from rashomon.read.records_from_doc import doc_to_reading
from rashomon.settings import Settings


@register_reader("en")
class EnglishReader:
    """Reads English articles in batches with one model load per process."""

    language = "en"

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.nlp = load_model(self.settings.model, event_types=self.settings.event_types)

    def make_doc(self, article: Article):
        """A tokenised Doc carrying the article's id and publication date for the components."""
        doc = self.nlp.make_doc(article.text)
        doc._.article_id = article.id
        doc._.published = article.published
        return doc

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Failure]:
        """Read articles in order with ``nlp.pipe``; an article whose reading fails becomes a Failure.

        spaCy's error handler is set on every component that takes one (the parser and NER do not:
        an error there ends ``nlp.pipe``, and the articles not yet read are read alone); a
        component that raises on a batch drops
        that batch's Docs (``drop_docs``), and each of them is read again alone, so that one
        article's bug is that article's Failure naming the component, and the others of its batch
        are still read.
        """
        articles = list(articles)  # one chunk (executor.CHUNK): results come back in its order
        set_error_handler(self.nlp, drop_docs)
        readings: dict[str, object] = {}
        try:
            for doc in self.nlp.pipe((self.make_doc(a) for a in articles), batch_size=self.settings.batch_size):
                readings[doc._.article_id] = doc
        except Exception:  # noqa: BLE001 -- a model component (no handler) raised: the rest is read alone
            pass
        finally:
            set_error_handler(self.nlp, raise_error)
        for article in articles:
            doc = readings.get(article.id)
            if doc is None:  # its batch failed: read it alone
                doc = self.read_alone(article)
                if isinstance(doc, Failure):
                    yield doc
                    continue
            try:
                yield doc_to_reading(doc, article)
            except Exception as exc:  # a bug on one article must not sink the batch; it is reported
                yield fallback_failure(article, exc)

    def read_alone(self, article: Article):
        """The Doc of one article read on its own, or its Failure naming the component that raised."""
        where: list[str] = []

        def name_component(name: str, proc, docs: list, exc: Exception):
            where.append(name)
            raise exc

        set_error_handler(self.nlp, name_component)
        try:
            return self.nlp(self.make_doc(article))
        except Exception as exc:  # noqa: BLE001 -- this article's failure, reported
            return fallback_failure(article, exc, where[0] if where else None)
        finally:
            set_error_handler(self.nlp, raise_error)


def set_error_handler(nlp, handler) -> None:
    """``nlp.set_error_handler`` for the components that take one. spaCy's parser and NER (Cython
    classes) refuse the attribute (AttributeError): an error inside them ends ``nlp.pipe``, and
    ``read`` then reads the articles not yet read one at a time."""
    nlp.default_error_handler = handler
    for _, pipe in nlp.pipeline:
        try:
            pipe.set_error_handler(handler)
        except AttributeError:
            pass


def drop_docs(name: str, proc, docs: list, exc: Exception) -> None:
    """An error handler that lets ``nlp.pipe`` go on without the Docs of the failing batch."""


def raise_error(name: str, proc, docs: list, exc: Exception):
    """spaCy's default error handler: raise (outside ``read``, a component's error is the caller's)."""
    raise exc
