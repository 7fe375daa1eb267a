"""Person names across spellings: transliteration keys, given-name variants, typos, namesakes."""

from __future__ import annotations

import pytest

from rashomon.link.names import (blocking_keys, compare_given, compare_surnames, lookup_keys, parse_person_name,
                                 translit_key)


@pytest.mark.parametrize("a, b", [
    ("Zelenskiy", "Zelensky"), ("Zelensky", "Zelenskyy"), ("Podolyak", "Podoliak"), ("Hrytsenko", "Gritsenko"),
    ("Fomin", "Phomin"), ("Tochitsky", "Tochytskyi"), ("Kravtsov", "Kravtzov"), ("Wlasenko", "Vlasenko"),
])
def test_transliteration_variants_share_a_key(a, b):
    assert translit_key(a) == translit_key(b)
    assert compare_surnames(a, b).level == "variant"


@pytest.mark.parametrize("a, b", [("Ivanov", "Ivanova"), ("Petrov", "Petrenko"), ("Putin", "Medinsky"),
                                  ("Kostin", "Kostina"), ("Marchenko", "Marchuk")])
def test_different_surnames_do_not_match(a, b):
    assert compare_surnames(a, b).level == "conflict"


def test_a_one_letter_typo_in_a_long_surname_is_near():
    match = compare_surnames("Dorofeyev", "Dorofeiev")
    assert match.level in {"variant", "near"}
    assert compare_surnames("Marchenkov", "Marchenkow").level == "variant"
    assert compare_surnames("Berezovets", "Berezovetz").level in {"variant", "near"}
    assert compare_surnames("Nalyvaichenko", "Nalyvaichenka").level == "near"


@pytest.mark.parametrize("a, b", [("Mikhail", "Mykhailo"), ("Andrei", "Andriy"), ("Nikolai", "Mykola"),
                                  ("Aleksander", "Alexander"), ("Alexander", "Oleksandr"), ("Vladimir", "Volodymyr"),
                                  ("Sergei", "Serhiy"), ("Yevgeny", "Evgeny")])
def test_given_name_variants(a, b):
    assert compare_given(a, b).is_strong


def test_given_name_conflicts_initials_and_typos():
    assert compare_given("Vladimir", "Boris").level == "conflict"
    assert compare_given("Roman", "Rustem").level == "conflict"
    assert compare_given("V", "Vladimir").level == "initial"
    assert compare_given("B.", "Vladimir").level == "conflict"
    assert compare_given("-", "m").level == compare_given("m", "\u2014").level == "missing"  # a sign is no name
    assert compare_given(None, "Vladimir").level == "missing"
    typo = compare_given("Aekxei", "Oleksii")  # a garbled Aleksei: near, not strong, not a conflict
    assert typo.level == "near" and "Aekxei" in typo.reason


def test_parse_person_name_drops_honorifics_and_keeps_particles():
    assert parse_person_name("Mr. Dorenko") == parse_person_name("Dorenko")
    name = parse_person_name("V. Dorenko")
    assert (name.given, name.surname) == ("V", "Dorenko")
    name = parse_person_name("Pieter van der Berg")
    assert (name.given, name.surname) == ("Pieter", "van der Berg")
    assert parse_person_name("Dorenko’s").surname == "Dorenko"


def test_blocking_keys_survive_transliteration():
    a, b = parse_person_name("Oleksandr Hrytsenko"), parse_person_name("Aleksandr Gritsenko")
    assert blocking_keys(a) & blocking_keys(b)
    trump, latin = parse_person_name("Дональд Трамп", "ru"), parse_person_name("Donald Trump")
    assert lookup_keys(trump, {"LATIN"}) & blocking_keys(latin)
    assert not lookup_keys(trump, {"CYRILLIC"}) & blocking_keys(parse_person_name("Дмитрий Тримпо", "ru"))


def blocking_misses(names: list[str], pairs) -> list[tuple[str, str, str]]:
    """The pairs of names whose surnames ``compare_surnames`` relates but whose keys never meet."""
    from rashomon.link.names import script_of

    parsed = {n: parse_person_name(n) for n in names}
    misses = []
    for a, b in pairs:
        pa, pb = parsed[a], parsed[b]
        if pa is None or pb is None:
            continue
        level = compare_surnames(pa.surname, pb.surname, pa.lang, pb.lang).level
        if level != "conflict" and not lookup_keys(pa, {script_of(pb.surname)}) & blocking_keys(pb):
            misses.append((a, b, level))
    return misses


NAMES = ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Владимир Зеленский", "Володимир Зеленський",
         "Ivan Ivanenko", "Ivan Ivanchenko", "Petr Petrov", "Anna Petrova", "Jan Kowalski", "Anna Kowalska",
         "Boris Johnson", "Борис Джонсон", "Борисом Джонсоном", "Theresa May", "Тереза Мэй", "Tereza Mayová",
         "Andrzej Duda", "Andrzeja Dudy", "Angela Merkel", "Angelę Merkel", "Ангела Меркель", "Emmanuel Macron",
         "Emanuel Makron", "Эммануэль Макрон", "Jens Stoltenberg", "Йенс Столтенберг", "Marek Nowakowski",
         "Marek Nowakowsky", "Olga Tochitskaya", "Ольга Точицкая", "Olaf Scholz", "Olaf Šolc", "Олаф Шольц", "Jens Stoltemberg", "Angela Merkell",
         "Piotr Kowalczyk", "Piotr Kowalczik", "Sebastian Kurtz", "Sebastian Kurz", "Mateusz Morawiecki",
         "Mateusz Morawiecky", "Mateusz Morawecki"]


def test_blocking_keys_meet_whenever_the_surnames_may_be_one():
    """Blocking never hides a pair ``compare_surnames`` would relate: every related pair of these names
    in five scripts and spellings shares a key."""
    assert blocking_misses(NAMES, [(a, b) for a in NAMES for b in NAMES if a != b]) == []


def test_blocking_keys_meet_on_real_names_in_six_languages():
    """The same on the person names of SlavicNER's real news (every pair of two mentions of one
    person, and 20,000 random pairs)."""
    import random
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "slavicner" / "ner"
    if not folder.is_dir():
        pytest.skip("../shared/datasets/slavicner is not here")
    by_person: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*/*/*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 6 and parts[4] == "PER":
                by_person.setdefault(parts[5], set()).update({parts[2], parts[3]})
    names = sorted({n for group in by_person.values() for n in group})
    same = [(a, b) for group in by_person.values() for a in sorted(group) for b in sorted(group) if a != b]
    rng = random.Random(0)
    pairs = same[:60000] + [(rng.choice(names), rng.choice(names)) for _ in range(20000)]
    assert len(names) > 1000
    assert blocking_misses(names, pairs) == []
    assert lookup_keys(parse_person_name("Zelenskiy"), set()) & blocking_keys(parse_person_name("Zelenskyy"))


def test_a_member_or_chair_of_a_legislature_is_a_lawmaker():
    from rashomon.link.roles import are_compatible, parse_role

    lawmaker = parse_role("a senior lawmaker", "lawmaker")
    assert are_compatible(lawmaker, parse_role("Chairman of the Budget Committee of the Sejm"))
    assert are_compatible(lawmaker, parse_role("member of the parliament"))
    assert not are_compatible(lawmaker, parse_role("Chairman of the Harbour Board"))  # no legislature named
    assert not are_compatible(lawmaker, parse_role("Deputy Foreign Minister"))


def test_case_endings_apply_in_the_names_language_only():
    assert compare_surnames("Bibiová", "Bibi", "cs", "en").level == "inflection"  # Czech feminine form
    assert compare_surnames("Trumpem", "Trump", "cs", "en").level == "inflection"
    assert compare_surnames("Джонсона", "Джонсон", "ru", "ru").level == "gendered"  # a genitive, or his wife
    assert compare_surnames("Kowalska", "Kowalski", "pl", "pl").level == "gendered"
    assert compare_surnames("Nalyvaichenka", "Nalyvaichenko", "en", "en").level == "near"  # English: a typo
    assert compare_given("Бориса", "Борис", "ru", "ru").is_strong
    assert compare_given("Vladimirja", "Vladimir", "sl", "en").is_strong
    assert compare_given("Сергея", "Сергей", "ru", "ru").is_strong


@pytest.mark.parametrize("a, b", [("Trump", "Трамп"), ("Johnson", "Джонсон"), ("Merkel", "Меркел"),
                                  ("Davis", "Девіс"), ("Jacobs", "Джекобс")])
def test_one_name_in_two_scripts_sounds_alike(a, b):
    from rashomon.link.names import sound_key

    assert sound_key(a) == sound_key(b)
    assert compare_surnames(a, b).level in {"sound", "equal", "variant"}


def test_sound_alone_never_joins_names_of_one_script_or_different_sounds():
    assert compare_surnames("Tramp", "Trump").level != "sound"  # one script: vowels are not free there
    assert compare_surnames("Trump", "Тримбл").level == "conflict"
    assert compare_given("Theresa", "Тереза").level == "sound"
    assert compare_given("Азия", "Асия").level == "sound"  # two transcriptions of one foreign name
    assert compare_given("Anna", "Ivan").level == "conflict"
