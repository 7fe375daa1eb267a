"""The Python API: ``rashomon.read`` (a text, a path, an Article) and ``rashomon.read_many`` (a stream).

Fixtures under tests/data/cli/articles/ are written for the project (fictional outlets and people).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import rashomon
from conftest import MODEL
from rashomon import api
from rashomon.ingest import article_from_text
from rashomon.records import Article, Failure, Reading, Source
from rashomon.settings import Settings

pytestmark = pytest.mark.model

ARTICLES = Path(__file__).resolve().parent / "data" / "cli" / "articles"
BRIDGE = ARTICLES / "bridge_vote.txt"
BRIEFS = ARTICLES / "two_briefs.jsonl"
EMPTY = ARTICLES / "empty.txt"
FRENCH = ARTICLES / "marche_fr.txt"
MISSING = ARTICLES / "no_such_article.txt"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings.load(env={}, model=MODEL)


def people(reading: Reading) -> set[str]:
    return {e.name for e in reading.entities if e.type == "PERSON"}


def squash(text: str) -> str:
    return " ".join(text.split())


def test_public_names():
    assert callable(rashomon.read) and callable(rashomon.read_many)
    assert set(rashomon.__all__) >= {"read", "read_many", "RashomonError", "Settings", "Reading", "Failure"}


def test_read_text_string(settings):
    text = BRIDGE.read_text(encoding="utf-8")
    reading = rashomon.read(text, settings)
    assert isinstance(reading, Reading)
    assert reading.article.id.startswith("text-") and reading.article.source.path is None
    assert reading.article.title.startswith("Lakemont Council Approves")
    assert {"Adaeze Okafor", "Petra Lindqvist"} <= people(reading)
    assert any("This is a promise the budget cannot keep" in q.text for q in reading.quotes)
    assert rashomon.read(text, settings).article.id == reading.article.id  # the id is stable


@pytest.mark.parametrize("as_path", [str, Path], ids=["str", "Path"])
def test_read_path(settings, as_path):
    reading = rashomon.read(as_path(BRIDGE), settings)
    assert reading.article.id == "bridge_vote"
    assert reading.article.source.path == str(BRIDGE)
    assert reading.article.published == "2024-10-07"
    assert "Adaeze Okafor" in people(reading)


def test_read_article(settings):
    article = article_from_text(BRIDGE.read_text(encoding="utf-8"), id="given-id", outlet="Valley Courier",
                                settings=settings)
    assert isinstance(article, Article)
    reading = rashomon.read(article, settings)
    assert reading.article is article
    assert reading.article.id == "given-id" and reading.article.source.outlet == "Valley Courier"
    assert "Petra Lindqvist" in people(reading)


def test_offsets_map_back_to_the_original(settings):
    """Every mention's clean-text span maps, through the offset map, onto the same words in the file."""
    reading = rashomon.read(BRIDGE, settings)
    article = reading.article
    assert article.original == BRIDGE.read_text(encoding="utf-8")
    spans = [m for e in reading.entities for m in e.mentions] + list(reading.quotes) + list(reading.times)
    assert spans
    for span in spans:
        start, end = article.to_original(span.start, span.end)
        assert squash(article.original[start:end]) == squash(span.text), span


def test_read_jsonl_with_two_records_raises_e043(settings):
    with pytest.raises(rashomon.RashomonError) as info:
        rashomon.read(BRIEFS, settings)
    assert info.value.code == "E043"
    assert str(BRIEFS) in str(info.value) and "2 articles" in str(info.value) and "read_many" in str(info.value)


@pytest.mark.parametrize("path, reason", [(EMPTY, "empty: no text to read"),
                                          (MISSING, "no such file or directory")],
                         ids=["empty", "missing"])
def test_read_unreadable_input_raises_e044_with_the_reason(settings, path, reason):
    with pytest.raises(rashomon.RashomonError) as info:
        rashomon.read(str(path), settings)
    assert info.value.code == "E044"
    assert str(info.value).startswith(f"error[E044]: cannot read {path}: {reason}")


def test_a_mistyped_file_name_is_not_read_as_text(settings):
    """A string with no white space is a path: a typo fails with "no such file", never a one-word article."""
    with pytest.raises(rashomon.RashomonError, match="artcle.txt: no such file"):
        rashomon.read("artcle.txt", settings)


def test_read_many_keeps_input_order_with_failures_in_place(settings):
    items = list(rashomon.read_many([BRIDGE, str(MISSING), BRIEFS, FRENCH, EMPTY], settings))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Reading", "Failure", "Reading", "Reading", "Reading", "Failure"]
    assert [i.article.id for i in items if isinstance(i, Reading)] == ["bridge_vote", "vc-1", "vc-2", "marche_fr"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.path for f in failures] == [str(MISSING), str(EMPTY)]


def test_read_many_order_holds_across_chunks(settings, monkeypatch):
    """Chunks smaller than the batch: order still follows the input, failures included."""
    from rashomon.read import executor

    monkeypatch.setattr(executor, "CHUNK", 2)
    inputs = [BRIEFS, FRENCH, BRIDGE, MISSING, BRIEFS]
    got = [i.article.id if isinstance(i, Reading) else f"failed:{Path(i.path).name}"
           for i in rashomon.read_many(inputs, settings)]
    assert got[:5] == ["vc-1", "vc-2", "marche_fr", "bridge_vote", "failed:no_such_article.txt"]
    # the same file again: its ids get the hash of the text, the same in every run and every order
    assert [g.rsplit("-", 1)[0] for g in got[5:]] == ["vc-1", "vc-2"] and all(len(g) == 13 for g in got[5:])
    again = [i.article.id for i in rashomon.read_many([BRIEFS, BRIEFS], settings)]
    assert again[2:] == got[5:]


def test_every_language_is_read_and_says_its_tier(settings):
    [reading] = list(rashomon.read_many([FRENCH], settings))
    assert isinstance(reading, Reading) and reading.article.language == "fr" and reading.tier == "model"
    assert "Solène Marchetti" in {e.name for e in reading.entities} and reading.sentences
    dutch = Article("nl-1", Source(), "Brug", None, "nl", "Burgemeester Anke de Vries opende woensdag de brug.")
    [lexicon] = list(api.read_articles([dutch], settings))
    assert isinstance(lexicon, Reading) and lexicon.tier == "lexicon"  # no model for Dutch
    [english] = list(rashomon.read_many([BRIDGE], settings))
    assert english.tier == "model"


def test_read_many_takes_any_iterable(settings):
    items = list(rashomon.read_many((p for p in [BRIEFS, BRIDGE]), settings))
    assert [i.article.id for i in items] == ["vc-1", "vc-2", "bridge_vote"]


def test_read_uses_the_settings_model():
    with pytest.raises(rashomon.RashomonError) as info:
        rashomon.read(BRIDGE, Settings.load(env={}, model="no_such_model"))
    assert info.value.code == "E010" and "'no_such_model'" in str(info.value)
