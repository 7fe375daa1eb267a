"""Language packs: what rashomon knows of each language, as data, in the manner of spaCy's ``lang/``.

A pack is a folder ``rashomon/lang/<code>/`` (ISO 639-1) holding ``pack.yaml``: the language's name,
its script, its quotation marks, its speech verbs and its titles and roles (written out in their
inflected forms: the lexicon tier has no lemmatiser), each file saying where its words come from. Its
stop words come from spaCy's ``spacy.lang.<code>.stop_words`` where spaCy has them (no model needed).

``pack(code)`` gives the pack of a language, or a generic one (the script's usual quotation marks, no
word lists) for a language with no folder: no article is refused for its language. A pack's ``tier``
says how its articles are read: ``model`` where a full pipeline exists (English: spaCy), ``lexicon``
elsewhere (``rashomon.read.lexicon``: sentences, names, places, dates and quotes from the pack's data).
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
# Languages read with a model: English by its full pipeline (rashomon.read.english), Russian with
# natasha's names (rashomon.read.natasha), French with its spaCy pipeline's (rashomon.read.spacy_names);
# every other one by the lexicon tier.
MODEL_TIER = frozenset({"en", "ru", "fr"})
# Quotation mark pairs any text may use, whatever its language: straight and curly double quotes,
# guillemets both ways, low-high (German, Polish, Romanian...) and corner brackets.
COMMON_QUOTES = (("\u201c", "\u201d"), ('"', '"'), ("\u00ab", "\u00bb"), ("\u00bb", "\u00ab"),
                 ("\u201e", "\u201c"), ("\u201e", "\u201d"), ("\u300c", "\u300d"))


@dataclass(frozen=True)
class LanguagePack:
    """One language's data (see the module docstring)."""

    code: str
    name: str
    script: str = ""  # unknown for a generic pack: the reader looks at the text
    tier: str = "lexicon"
    quotes: tuple[tuple[str, str], ...] = COMMON_QUOTES
    speech_verbs: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def cased(self) -> bool:
        """Whether the script writes names with capitals (Latin, Cyrillic, Greek, Armenian)."""
        return self.script in CASED_SCRIPTS


CASED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Greek", "Armenian", "Georgian"})


def codes() -> list[str]:
    """The languages that have a pack folder, sorted."""
    return sorted(p.name for p in HERE.iterdir() if (p / "pack.yaml").exists())


@functools.cache
def pack(code: str) -> LanguagePack:
    """The pack of ``code`` (lower case ISO 639-1), or a generic lexicon-tier pack when none is written."""
    code = (code or "").lower()
    tier = "model" if code in MODEL_TIER else "lexicon"
    path = HERE / code / "pack.yaml"
    if not path.exists():
        return LanguagePack(code, code, tier=tier, stop_words=spacy_stop_words(code))
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    quotes = tuple(tuple(pair) for pair in spec.get("quotes", ())) or COMMON_QUOTES
    quotes = tuple(dict.fromkeys(quotes + COMMON_QUOTES))
    return LanguagePack(
        code=code, name=spec.get("name", code), script=spec.get("script", "Latin"), tier=tier, quotes=quotes,
        speech_verbs=frozenset(str(w).lower() for w in spec.get("speech_verbs", ())),
        titles=frozenset(str(w).lower() for w in spec.get("titles", ())),
        stop_words=spacy_stop_words(code) | frozenset(str(w).lower() for w in spec.get("stop_words", ())),
        source=spec.get("source", ""), extra={k: v for k, v in spec.items() if k not in KNOWN_KEYS})


KNOWN_KEYS = frozenset({"name", "script", "quotes", "speech_verbs", "titles", "stop_words", "source"})


@functools.cache
def all_year_words() -> frozenset[str]:
    """Every pack's ``year_words``: what a language writes after a year in a date ("2022 года")."""
    return frozenset(str(w).lower().rstrip(".") for code in codes() for w in pack(code).extra.get("year_words", ()))


@functools.cache
def role_equivalents() -> dict[str, str]:
    """Every pack's titles as English role words (their ``roles`` mapping), keyed by the title
    folded to ASCII and lower case ("министр" -> "ministr" -> minister): the role the linker compares
    when two articles in different languages name one person's title."""
    from unidecode import unidecode

    found: dict[str, str] = {}
    for code in codes():
        for title, role in (pack(code).extra.get("roles") or {}).items():
            found.setdefault(" ".join(unidecode(str(title)).lower().split()), str(role))
    return found


def spacy_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words of a language (shipped with spaCy itself, no model), empty when it has none."""
    try:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
    except (ImportError, ValueError):
        return frozenset()
    return frozenset(w.lower() for w in getattr(module, "STOP_WORDS", ()))


@functools.lru_cache(maxsize=131072)
def lemma(word: str, code: str) -> str:
    """A word's lemma in lower case by simplemma's dictionary of the language (offline, some 50
    languages), else the word in lower case."""
    import simplemma

    try:
        return simplemma.lemmatize(word.lower(), lang=code).lower()
    except ValueError:  # a language simplemma has no dictionary for
        return word.lower()


@functools.cache
def stop_words(code: str) -> frozenset[str]:
    """The stop words of a language: its pack's (spaCy's list of the language), English's when it has none."""
    words = pack(code).stop_words
    return words if words else pack("en").stop_words

