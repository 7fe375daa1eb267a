"""Cleaning and reading grow linearly with the text (issue 8): each shape of hostile text below once
made a step quadratic (a regex over a run of spaces, a scan of every entity per sentence, of every
quotation per speech verb, of every frame per merge). A text four times as long must take well
under the 16 times a quadratic step needs; 9 leaves room for a noisy machine.

Not a speed benchmark (that is ``make bench``): a ratio of two sizes measured in the same run."""

from __future__ import annotations

import time

import pytest

from conftest import MODEL
from rashomon.api import read_articles
from rashomon.ingest import article_from_text
from rashomon.records import Reading
from rashomon.settings import Settings

SETTINGS = Settings(model=MODEL, max_article_chars=10_000_000, topics=False)
# Each shape, made to about ``n`` characters. Text written for the project.
SHAPES = {
    "repeated prose": lambda n: ("The council met on Tuesday in Varna. Mayor Ivan Petrov said the bridge would "
                                 "reopen in May, and 40 people were hurt. ") * (n // 118),
    "one paragraph of short sentences": lambda n: "He said yes. " * (n // 13),
    "many short quotes": lambda n: '"Yes," he said. ' * (n // 16),
    "one long token": lambda n: "Ab/" * (n // 3),
    "a run of spaces": lambda n: "The mayor spoke." + " " * n + " Then he left the hall.",
    "repeated names": lambda n: "Ivan Petrov met Anna Smith and John Doe. " * (n // 41),
}
# spaCy's tokenizer strips affixes one at a time: a run of brackets costs its length squared.
SHAPES["prose with bracket padding"] = lambda n: (SHAPES["repeated prose"](n // 2) + "(" * (n // 4)
                                                  + "The hall emptied." + ")" * (n // 4))
MAX_RATIO = 9


def seconds(work) -> float:
    """The faster of two runs of ``work`` (the first warms caches)."""
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("shape", list(SHAPES))
def test_cleaning_is_linear(shape):
    make = SHAPES[shape]
    small, large = (seconds(lambda n=n: article_from_text(make(n), language="en", settings=SETTINGS))
                    for n in (25_000, 100_000))
    assert large < MAX_RATIO * max(small, 0.01), (shape, small, large)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("shape", ["repeated prose", "one paragraph of short sentences", "many short quotes",
                                   "repeated names", "prose with bracket padding"])
def test_reading_is_linear(shape):
    make = SHAPES[shape]
    list(read_articles([article_from_text("A warm-up line about the harbour.", language="en")], SETTINGS))

    def read(n: int):
        article = article_from_text(make(n), language="en", settings=SETTINGS)
        [reading] = read_articles([article], SETTINGS)
        assert isinstance(reading, Reading)

    small, large = (seconds(lambda n=n: read(n)) for n in (8_000, 32_000))
    assert large < MAX_RATIO * small, (shape, small, large)
