"""The bundled demo corpus (src/rashomon/data/demo/corpus): what `make demo` analyses.

The corpus must have at least 12 articles from at least 6 outlets, every file must be read, and every
deliberate difference its README.md declares must stand in the article it names. The key people must
be read with their side, the transliterations and role-only mentions must link across outlets, and the
one-sided articles must quote one side only: without these the demo shows nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rashomon
from conftest import MODEL
from rashomon.records import Failure, Reading
from rashomon.settings import Settings

CORPUS = Path(rashomon.__file__).resolve().parent / "data" / "demo" / "corpus"
README = CORPUS.parent / "CORPUS.md"  # beside the corpus, so that it is not read as an article
# Article files; CORPUS.md beside the folder describes them.
ARTICLE_SUFFIXES = (".txt", ".html", ".jsonl")
# A row of the differences table: | D07 | what differs | file[#n] | `phrase`, `phrase` |
DIFFERENCE_ROW = re.compile(r"^\|\s*(D\d+)\s*\|([^|]*)\|\s*([\w.-]+(?:#\d+)?)\s*\|(.*)\|\s*$")


def article_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def article_id(reference: str) -> str:
    """The reading id of a README reference: ``01_x.txt`` -> ``01_x``; ``06_x.jsonl#2`` -> ``06_x-2``."""
    name, _, line = reference.partition("#")
    stem = Path(name).stem
    return f"{stem}-{line}" if line else stem


def differences() -> list[tuple[str, str, list[str]]]:
    """(id, article id, phrases) for each row of the README's differences table."""
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        match = DIFFERENCE_ROW.match(line)
        if match:
            phrases = re.findall(r"`([^`]+)`", match.group(4))
            rows.append((match.group(1), article_id(match.group(3)), phrases))
    return rows


@pytest.fixture(scope="module")
def results(nlp) -> list[Reading | Failure]:
    """Every article of the corpus, read once (the ``nlp`` fixture has loaded the shared model)."""
    settings = Settings.load(env={}, model=MODEL)
    return list(rashomon.read_many([str(p) for p in article_files()], settings))


@pytest.fixture(scope="module")
def readings(results) -> dict[str, Reading]:
    return {r.article.id: r for r in results if isinstance(r, Reading)}


def test_readme_lists_every_article_file():
    text = README.read_text(encoding="utf-8")
    assert article_files(), "the demo corpus is missing"
    for path in article_files():
        assert f"`{path.name}`" in text, f"{path.name} is not listed in README.md"


def test_differences_table_is_parsed():
    rows = differences()
    assert len({d for d, _, _ in rows}) >= 20
    assert all(phrases for _, _, phrases in rows), "a difference row without a back-quoted phrase"


@pytest.mark.model
def test_every_file_is_read(results):
    failures = [str(r) for r in results if isinstance(r, Failure)]
    assert not failures


@pytest.mark.model
def test_size_and_outlets(readings):
    assert len(readings) >= 12
    outlets = {r.article.source.outlet for r in readings.values()}
    assert None not in outlets, "an article without an outlet"
    assert len(outlets) >= 6
    assert all(r.article.published and r.article.title for r in readings.values())
    words = {a: len(r.article.text.split()) for a, r in readings.items()}
    assert all(140 <= n <= 350 for n in words.values()), words


@pytest.mark.model
def test_metadata_of_each_format(readings):
    html = readings["05_fisheries_meridian"].article
    assert (html.source.outlet, html.published) == ("meridian.example", "2023-03-14")
    assert "Tangiers" in html.title and "Home" not in html.text and "All rights reserved" not in html.text
    record = readings["06_coastal_times-2"].article
    assert (record.source.outlet, record.published) == ("Coastal Times", "2023-03-15")
    first = readings["01_fisheries_harbour_ledger"].article
    assert (first.source.outlet, first.published) == ("harbourledger.example", "2023-03-14")
    assert {"title", "dateline", "caption", "credit", "related", "footer"} <= {r.kind for r in first.removed}


@pytest.mark.model
@pytest.mark.parametrize("difference, article, phrases", differences(),
                         ids=[f"{d}-{a}" for d, a, _ in differences()])
def test_declared_difference_is_in_the_text(readings, difference, article, phrases):
    assert article in readings, f"{difference}: no article {article}"
    reading = readings[article]
    text = f"{reading.article.title}\n{reading.article.text}"
    for phrase in phrases:
        assert phrase in text, f"{difference}: {phrase!r} is not in {article}"


# (article, name, side) of people the demo's comparison relies on.
PEOPLE = [
    ("01_fisheries_harbour_ledger", "Rui Tavares", "Portugal"),
    ("01_fisheries_harbour_ledger", "Karim Bennani", "Morocco"),
    ("02_fisheries_maghreb_courier", "Youssef Alami", "Morocco"),
    ("02_fisheries_maghreb_courier", "Hicham Ziani", "Morocco"),
    ("03_fisheries_atlantic_post", "Miguel Sousa", "Portugal"),
    ("03_fisheries_atlantic_post", "Manuel Pinto", "Portugal"),
    ("05_fisheries_meridian", "Inês Correia", "Portugal"),
    ("06_coastal_times-1", "Karim Benani", "Morocco"),
    ("06_coastal_times-2", "Radu Ionescu", "Romania"),
    ("07_danube_danube_herald", "Oleksandr Hrytsenko", "Ukraine"),
    ("07_danube_danube_herald", "Taras Melnyk", "Ukraine"),
    ("08_danube_black_sea_monitor", "Aleksandr Gritsenko", "Ukraine"),
    ("08_danube_black_sea_monitor", "Elena Marin", "Romania"),
]


@pytest.mark.model
@pytest.mark.parametrize("article, name, side", PEOPLE)
def test_people_are_read_with_their_side(readings, article, name, side):
    people = {e.name: e for e in readings[article].entities if e.type == "PERSON"}
    assert name in people, sorted(people)
    assert people[name].side == side
    assert people[name].roles, f"{name} has no role"


# Articles that quote one side only: every attributed speaker with a side is on that side.
ONE_SIDED = {
    "02_fisheries_maghreb_courier": "Morocco",
    "03_fisheries_atlantic_post": "Portugal",
    "07_danube_danube_herald": "Ukraine",
    "09_danube_harbour_ledger": "Romania",
}


@pytest.mark.model
@pytest.mark.parametrize("article, side", sorted(ONE_SIDED.items()))
def test_one_sided_voices(readings, article, side):
    reading = readings[article]
    sides = {e.id: e.side for e in reading.entities}
    speaker_sides = {sides.get(q.speaker.entity) for q in reading.quotes if q.speaker.entity}
    assert speaker_sides - {None} == {side}


@pytest.mark.model
def test_spellings_and_role_only_mentions_link_across_outlets(readings):
    from rashomon.link.entities import EntityLinker

    linker = EntityLinker()
    for reading in readings.values():
        linker.add(reading)
    people = [e for e in linker.entities() if e.type == "PERSON"]

    def person(name: str):
        return next(e for e in people if e.name == name)

    aliases = {a.text for a in person("Oleksandr Hrytsenko").aliases}
    assert "Aleksandr Gritsenko" in aliases
    assert "Karim Benani" in {a.text for a in person("Karim Bennani").aliases}
    described = {(m.article, m.text) for e in people for m in e.mentions if m.kind == "description"}
    for name, description in (("Inês Correia", "the country's deputy foreign minister"),
                              ("Miguel Sousa", "Lisbon's ambassador to Rabat"),
                              ("Youssef Alami", "Morocco's ambassador to Lisbon")):
        mentions = {(m.article, m.text) for m in person(name).mentions}
        assert ("04_fisheries_iberia_wire", description) in mentions & described, name
    places = {e.name: e for e in linker.entities() if e.place}
    assert {"Tangier", "Tanger"} <= {a.text for a in places["Tangier"].aliases}
    assert {"Izmail", "Izmayil"} <= {a.text for a in places["Izmayil"].aliases}
