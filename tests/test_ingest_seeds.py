"""Golden tests on the seed articles (read from ../shared, never copied here): ../shared/gold/seeds.yaml.

Strings are taken from the gold file; apostrophes are normalised in the comparison only (the seed
prints a curly one where the gold file has a straight one).
"""

from __future__ import annotations

import re

import pytest

from rashomon.ingest import ingest
from rashomon.ingest.meta import parse_dateline

SEED_IDS = ["000_d22f2f7ddcc4a152", "001_e107647b398d433a"]


def squash(text: str) -> str:
    """Apostrophes made straight, whitespace squashed: how a reader compares two sentences."""
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("’", "'"))


@pytest.fixture(scope="module")
def articles(seed_paths):
    found = {a.id: a for a in ingest([seed_paths[i] for i in SEED_IDS])}
    assert set(found) == set(SEED_IDS)
    return found


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_metadata(articles, gold, seed):
    article, expected = articles[seed], gold["articles"][seed]
    assert article.title == expected["title"]
    want = expected["published"]
    assert article.published == (str(want) if want else None)
    assert article.source.outlet == expected["outlet"]
    assert article.language == "en"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_boilerplate_removed_and_recorded(articles, gold, seed):
    """Each boilerplate piece is out of the text, and every character of it lies in a removed piece."""
    article = articles[seed]
    for piece in gold["articles"][seed]["boilerplate"]:
        assert squash(piece) not in squash(article.text)
        at = no_space(article.original).find(no_space(piece))
        assert at >= 0, piece
        covered = "".join(no_space(r.text) for r in sorted(article.removed, key=lambda r: r.start))
        assert no_space(piece) in covered, piece


def test_seed_000_pieces_have_their_kinds(articles, gold):
    article = articles["000_d22f2f7ddcc4a152"]
    pieces = {r.kind: squash(r.text) for r in article.removed}
    caption, credit, related, footer = gold["articles"]["000_d22f2f7ddcc4a152"]["boilerplate"]
    assert pieces["caption"] == squash(caption)
    assert pieces["credit"] == squash(credit)
    assert pieces["related"] == squash(related)
    assert pieces["footer"] == footer
    assert pieces["title"] == gold["articles"]["000_d22f2f7ddcc4a152"]["title"]
    assert "2025-11-28" not in (article.published or "")
    assert article.evidence["published"].startswith("dateline:")


def test_seed_000_sentence_split_by_page_break_comes_back_whole(articles, gold):
    text = squash(articles["000_d22f2f7ddcc4a152"].text)
    for sentence in gold["articles"]["000_d22f2f7ddcc4a152"]["body_must_keep"]:
        assert squash(sentence) in text


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_no_body_sentence_lost(articles, gold, seed):
    """Every sentence of the original that is not title, dateline or boilerplate is in the clean text."""
    article = articles[seed]
    body = article.original
    for piece in sorted(article.removed, key=lambda r: r.start, reverse=True):
        body = body[:piece.start] + "\n\n" + body[piece.end:]
    clean = no_space(article.text)
    for sentence in re.split(r"(?<=[.!?”\"])\s+", squash(body)):
        if sentence.strip():
            assert no_space(sentence) in clean, sentence
    # ... and nothing was removed but the title, the dateline and the gold boilerplate
    expected = gold["articles"][seed]
    for piece in article.removed:
        if piece.kind == "title":
            assert piece.text == expected["title"]
        elif piece.kind == "dateline":
            assert parse_dateline(piece.text) == str(expected["published"])
        else:
            assert any(no_space(piece.text) in no_space(b) for b in expected["boilerplate"]), piece


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_offsets_map_back(articles, seed):
    article = articles[seed]
    for i, char in enumerate(article.text):
        original = article.original[article.offset_map.to_original(i)]
        assert char == original or (char in " \n" and original.isspace())
