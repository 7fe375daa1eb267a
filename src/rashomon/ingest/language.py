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


def normalise_language(given: str | None) -> str | None:
    """An ISO 639-1 code for a language the input names ("EN", "en-US", "pt_BR", "eng", "English"),
    or None when it names none ("xx", "12", ""): the text is then identified instead."""
    import pycountry

    if not given or not isinstance(given, str) or len(given) > 40:
        return None
    primary = given.strip().replace("_", "-").split("-")[0].strip().lower()
    if len(primary) == 2 and primary.isalpha():
        found = pycountry.languages.get(alpha_2=primary)
    elif len(primary) == 3 and primary.isalpha():
        found = pycountry.languages.get(alpha_3=primary) or pycountry.languages.get(bibliographic=primary)
    else:
        try:
            found = pycountry.languages.lookup(given.strip())
        except LookupError:
            found = None
    return getattr(found, "alpha_2", None) if found is not None else None
