"""Places through GeoNames alternate names: one geonameid for every spelling; distance and containment."""

from __future__ import annotations

import pytest

from rashomon.knowledge.places import (capital_of, contains, country_of_place, distance_km, is_capital,
                                       locate, place_by_id)


@pytest.mark.parametrize("a, b, canonical", [
    ("Kiev", "Kyiv", "Kyiv"), ("Gomel", "Homel", "Homyel'"), ("Kharkov", "Kharkiv", "Kharkiv"),
    ("Lugansk", "Luhansk", "Luhansk"), ("Munich", "München", "Munich"), ("Bombay", "Mumbai", "Mumbai"),
])
def test_spellings_resolve_to_one_place(a, b, canonical):
    pa, pb = locate(a), locate(b)
    assert pa is not None and pa == pb
    assert pa.name == canonical and pa.latitude is not None


def test_countries_possessives_and_unknown_names():
    assert locate("Belarus").kind == "country"
    assert locate("the Ukraine").name == "Ukraine"
    assert locate("Gomel’s") == locate("Gomel")
    assert locate("Nowhereville on Sea") is None
    assert locate("West") is None  # a common word that is only a small town's alternate name


def test_ambiguous_names_prefer_the_article_countries_then_population():
    assert locate("Moscow").country_code == "RU"
    assert locate("Moscow", prefer={"US"}).country_code == "US"


def test_containment_capitals_and_distance():
    minsk, belarus, gomel, kyiv = locate("Minsk"), locate("Belarus"), locate("Gomel"), locate("Kiev")
    assert contains(belarus, minsk) and contains(belarus, gomel) and not contains(belarus, kyiv)
    assert is_capital(minsk) and not is_capital(gomel)
    assert capital_of(belarus) == minsk
    assert country_of_place(gomel) == belarus
    assert 200 < distance_km(kyiv, gomel) < 250  # about 222 km
    assert distance_km(belarus, minsk) is None  # countries carry no coordinates
    assert place_by_id(kyiv.geonameid) == kyiv


def test_countries_and_the_gazetteer_share_one_geonames_cache():
    from rashomon.knowledge import places

    assert places._geonames() is places._geonames()
    assert places.country_of("Kremlin") == "Russia" and places.country_of("Moscow") == "Russia"
    assert places.is_place_name("Lisbon") and not places.is_place_name("Lisbonia")


def test_the_old_module_name_still_imports_the_gazetteer():
    import rashomon.places as old

    assert old.locate is locate and old.place_by_id is place_by_id


def test_short_country_names_and_abbreviations_only_among_translated_names():
    from rashomon.knowledge.places import locate

    assert locate("США", translated=True).name == "United States"
    assert locate("Wielka Brytania", translated=True).name == "United Kingdom"
    assert locate("Соединённое Королевство", translated=True).name == "United Kingdom"  # ё read as е
    assert locate("РФ", translated=True).name == "Russia"
    assert locate("США") is None  # an English text's lookups never see them
