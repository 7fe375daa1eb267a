"""The model tier for Russian and Ukrainian: natasha's named-entity model for the names.

natasha (slovnet's NER over navec embeddings, offline in its PyPI wheels; see ../shared/MODELS.md)
finds the people, places and organisations of a Russian text, and its morphology gives each name's
base form ("Бориса Джонсона" -> "Борис Джонсон", "Харькове" -> "Харьков"), so every case of a name
is one entity and the entity is named by its nominative. Everything else (sentences, dates, quotes,
the lead's facts) is read as the lexicon tier reads it (``read/lexicon.py``); the Reading says tier
``model``.

Ukrainian: the model is trained on Russian news. On Ukrainian its recall is high but its precision poor
(PER 0.60 in MODELS.md: capitalised common words, names glued to the words before them), so there a
name of the model is kept only where the lexicon tier also reads a capitalised name that covers it,
and its base form only when the morphology leaves the words' letters (a Russian lemma of a
Ukrainian word would be another word).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from rashomon.read.lexicon import LexiconReader, read_lexicon
from rashomon.read.reader import fallback_failure, register_reader
from rashomon.records import Article, Failure, Reading

# Languages natasha reads; in the others of its family a name needs the lexicon tier's agreement.
NATIVE = frozenset({"ru"})


@functools.lru_cache(maxsize=1)
def tools():
    """natasha's segmenter, morphology, tagger and NER, loaded once per process (about 1 s)."""
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    embedding = NewsEmbedding()
    return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


def available() -> bool:
    """Whether natasha is installed (it is a dependency; a trimmed install falls back on the lexicon tier)."""
    try:
        import natasha  # noqa: F401
    except ImportError:
        return False
    return True


def model_names(text: str, lexicon_spans: list[tuple[int, int, str | None]], language: str
                ) -> list[tuple[int, int, str, str]]:
    """(start, end, type, base form) of every name natasha finds in ``text`` (see the module docstring
    for Ukrainian's filter against the lexicon tier's spans)."""
    from natasha import Doc

    segmenter, vocab, morph, ner = tools()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    found = []
    for span in doc.spans:
        if language not in NATIVE and not any(s <= span.start and span.stop <= e for s, e, _ in lexicon_spans):
            continue
        try:
            span.normalize(vocab)
            base = span.normal or span.text
        except Exception:  # a form the morphology cannot inflect back: the name as written
            base = span.text
        if language not in NATIVE and len(base) != len(span.text):
            base = span.text
        found.append((span.start, span.stop, span.type, base))
    return found


class NatashaReader(LexiconReader):
    """Reads Russian (and, filtered, Ukrainian) articles with natasha's names (see the module docstring)."""

    def __init__(self, settings=None, language: str = "ru") -> None:
        super().__init__(settings, language)

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Failure]:
        for article in articles:
            try:
                yield read_lexicon(article, self.pack, self.nlp, tier="model",
                                   names=lambda text, spans: model_names(text, spans, self.language))
            except Exception as exc:  # one article's bug must not sink the rest; it is reported
                yield fallback_failure(article, exc)


class RussianReader(NatashaReader):
    def __init__(self, settings=None) -> None:
        super().__init__(settings, "ru")


class UkrainianReader(NatashaReader):
    def __init__(self, settings=None) -> None:
        super().__init__(settings, "uk")


if available():  # without natasha these languages stay at the lexicon tier
    register_reader("ru")(RussianReader)
    # Ukrainian stays at the lexicon tier: filtered as above, the model still lowered PER F1 0.78 -> 0.75
    # and LOC 0.64 -> 0.56 on SlavicNER dev (bench/slavicner.py)
