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
        """Read articles in order with ``nlp.pipe``; an article whose reading fails becomes a Failure."""
        pending: dict[str, Article] = {}

        def docs():
            for article in articles:
                pending[article.id] = article
                yield self.make_doc(article), article.id

        stream = self.nlp.pipe(docs(), as_tuples=True, batch_size=self.settings.batch_size,
                               n_process=self.settings.n_process)
        for doc, article_id in stream:
            article = pending.pop(article_id)
            try:
                yield doc_to_reading(doc, article)
            except Exception as exc:  # a bug on one article must not sink the batch; it is reported
                yield fallback_failure(article, exc)
