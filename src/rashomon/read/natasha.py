"""The model tier for Russian: natasha's named-entity model for the names.

natasha (slovnet's NER over navec embeddings, offline in its PyPI wheels; see ../shared/MODELS.md)
finds the people, places and organisations of a Russian text, and its morphology gives each name's
base form ("Бориса Джонсона" -> "Борис Джонсон", "Харькове" -> "Харьков"), so every case of a name
is one entity and the entity is named by its nominative. Everything else (sentences, dates, quotes,
the lead's facts) is read as the lexicon tier reads it (``read/lexicon.py``); the Reading says tier
``model``.

Ukrainian stays at the lexicon tier: the model is trained on Russian news, and on Ukrainian its
precision is poor (PER 0.60 in MODELS.md). Even kept only where the lexicon tier also read a
capitalised name, its names lowered SlavicNER dev PER F1 0.78 -> 0.75 and LOC 0.64 -> 0.56
(``bench/slavicner.py``), so that filter was not kept.
"""

from __future__ import annotations

import functools

from rashomon.read.lexicon import LexiconReader
from rashomon.read.reader import register_reader


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


def model_names(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, base form) of every name natasha finds in a Russian ``text``."""
    from natasha import Doc

    segmenter, vocab, morph, ner = tools()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    found = []
    for span in doc.spans:
        try:
            span.normalize(vocab)
            base = span.normal or span.text
        except Exception:  # a form the morphology cannot inflect back: the name as written
            base = span.text
        found.append((span.start, span.stop, span.type, base))
    return found


class RussianReader(LexiconReader):
    """Russian articles with natasha's names (see the module docstring)."""

    tier = "model"

    def __init__(self, settings=None) -> None:
        super().__init__(settings, "ru")

    def names(self, text, spans):
        return model_names(text)


if available():  # without natasha Russian stays at the lexicon tier
    register_reader("ru")(RussianReader)
