"""Language identification (ISO 639-1) with py3langid.

py3langid's model is loaded once, on first use. Texts too short to identify get the configured
default language instead of a guess.
"""

from __future__ import annotations

from functools import cache

# Below this many characters langid's guesses are close to chance (a headline fragment, "OK");
# 20 is the size of the shortest sentence that it identifies reliably in our tests.
MIN_CHARS = 20
# Only the start of a long text is read: language does not change mid-article, and it keeps the
# cost per article constant.
MAX_CHARS = 5000


@cache
def load_identifier():
    """The py3langid identifier, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str, default: str = "en") -> tuple[str, str]:
    """Return the ISO 639-1 code of ``text`` and how it was decided (for ``Article.evidence``)."""
    sample = text.strip()[:MAX_CHARS]
    if len(sample) < MIN_CHARS:
        return default, f"default: text under {MIN_CHARS} characters"
    code, probability = load_identifier().classify(sample)
    return code, f"py3langid ({probability:.2f})"
