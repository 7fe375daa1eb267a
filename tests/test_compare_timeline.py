"""Tests for rashomon.compare.timeline: merging, vague items, partial dates, sentences, summaries.

Readings are built by hand from invented texts (times located by their words); the seed test reads
the seeds from ../shared.
"""

from __future__ import annotations

import re

import pytest

from rashomon.compare.timeline import story_year, summarize, timeline
from rashomon.records import Article, Event, EventMention, Evidence, Reading, Source, TimeRef


def reading(article_id: str, text: str, times: list[tuple[str, str | None, str, str | None]],
            published: str | None = None, direction: str | None = None) -> Reading:
    """``times``: (words, value, kind, partial) for the first occurrence of each words in ``text``."""
    refs = []
    for words, value, kind, partial in times:
        start = text.index(words)
        refs.append(TimeRef(words, start, start + len(words), value, kind, partial,
                            direction="future" if kind == "vague" else direction))
    article = Article(id=article_id, source=Source(), title=None, published=published, language="en", text=text)
    return Reading(article=article, times=refs, sentences=sentence_spans(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a test text: a break after ". " or at a line break (read gives real ones)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text) if text[m.start():m.end()].strip()]


def test_same_date_and_shared_words_merge_across_articles():
    a = reading("a", "The harbour talks opened on Tuesday in Varna. Fishermen protested.",
                [("Tuesday", "2023-05-16", "date", None)], "2023-05-17")
    b = reading("b", "Delegates met in Varna on May 16 for harbour talks.",
                [("May 16", "2023-05-16", "date", None)], "2023-05-18")
    items = timeline([a, b])
    assert len(items) == 1
    item = items[0]
    assert item.date == "2023-05-16" and item.articles == ["a", "b"] and not item.vague
    assert [(e.article, e.text) for e in item.evidence] == [
        ("a", "The harbour talks opened on Tuesday in Varna."),
        ("b", "Delegates met in Varna on May 16 for harbour talks.")]
    assert "Tuesday" not in item.what and "harbour talks opened" in item.what


def test_same_date_different_facts_stay_apart():
    a = reading("a", "The harbour talks opened on Tuesday in Varna.", [("Tuesday", "2023-05-16", "date", None)])
    b = reading("b", "A storm closed the airport on May 16.", [("May 16", "2023-05-16", "date", None)])
    assert [i.articles for i in timeline([a, b])] == [["a"], ["b"]]


def test_vague_items_are_marked_labelled_and_last():
    a = reading("a", "Ministers will meet again in the coming days. The ferry sank on Monday.",
                [("the coming days", None, "vague", None), ("Monday", "2023-05-15", "date", None)], "2023-05-17")
    items = timeline([a])
    assert [i.vague for i in items] == [False, True]
    assert items[1].date == "in the coming days (after 2023-05-17)"
    assert items[1].what == "Ministers will meet again"


def test_partial_date_takes_the_story_year():
    dated = reading("a", "The port reopened on Monday.", [("Monday", "2021-03-01", "date", None)], "2021-03-02")
    undated = reading("b", "On March 1, the port reopened. Earlier, on February 21, the strike began.",
                      [("March 1", None, "date", "--03-01"), ("February 21", None, "date", "--02-21")])
    items = timeline([dated, undated])
    assert [i.date for i in items] == ["2021-02-21", "2021-03-01"]
    assert items[1].articles == ["a", "b"]
    assert items[0].what == "Earlier, the strike began"


def test_partial_date_stays_partial_when_the_year_is_ambiguous():
    a = reading("a", "The port reopened on Monday.", [("Monday", "2021-03-01", "date", None)])
    b = reading("b", "The bridge opened on Friday.", [("Friday", "2022-07-01", "date", None)])
    c = reading("c", "On March 1, the ferry left.", [("March 1", None, "date", "--03-01")])
    assert story_year([a, b, c]) is None
    assert [i.date for i in timeline([c, b, a])] == ["2021-03-01", "2022-07-01", "--03-01"]


def test_vague_anchor_of_an_undated_article_is_its_latest_date():
    r = reading("b", "On March 1, the port reopened. More ships are expected in the coming days.",
                [("March 1", None, "date", "--03-01"), ("the coming days", None, "vague", None)])
    r2 = reading("a", "The strike ended on Monday.", [("Monday", "2021-02-22", "date", None)], "2021-02-23")
    labels = [i.date for i in timeline([r, r2]) if i.vague]
    assert labels == ["in the coming days (after 2021-03-01)"]


def test_unanchored_date_is_vague():
    r = reading("a", "The market closed on Friday.", [("Friday", None, "date", None)])
    assert [(i.date, i.vague) for i in timeline([r])] == [("on Friday", True)]


def test_dated_event_mentions_join_the_timeline():
    text = "The ferry sank on Monday near the pier."
    r = reading("a", text, [("Monday", "2023-05-15", "date", None)])
    ev = Event("E1", "accident", ["b"], [EventMention("b", "accident", "sank",
                                                      Evidence("b", "A ferry sank near the pier.", 0, 27),
                                                      date="2023-05-15")])
    items = timeline([r], [ev])
    assert len(items) == 1 and items[0].articles == ["a", "b"]


def test_summarize_trims_long_sentences_around_the_time():
    words = " ".join(f"w{i}" for i in range(40))
    text = f"{words} on Sunday {words}."
    cut = (text.index(" on Sunday") + 1, text.index("Sunday") + len("Sunday"))
    what = summarize(text, (0, len(text)), cut, words=6)
    assert what == "… w36 w37 w38 w39 w0 w1 …"


@pytest.mark.model
def test_seed_timeline(seed_paths):
    import rashomon

    readings = [rashomon.read(seed_paths[k]) for k in sorted(seed_paths) if k[:3] in {"000", "001"}]
    assert len(readings) == 2, "the seeds 000 and 001 are needed"
    items = timeline(readings)
    dates = [i.date for i in items if not i.vague]
    assert {"2022-02-21", "2022-02-24", "2022-02-28"} <= set(dates)   # 001's year-less dates take 2022
    assert dates == sorted(dates)
    talks = [i for i in items if i.date == "2022-02-28" and len(i.articles) == 2]
    assert talks, "both articles date the talks to 2022-02-28"
    vague = [i for i in items if i.vague]
    assert vague and items[-len(vague):] == vague
    assert any(i.date.startswith("in the coming days (after 2022-02-28)") for i in vague)
    for item in items:
        for ev in item.evidence:
            text = next(r.article.text for r in readings if r.article.id == ev.article)
            assert text[ev.start:ev.end] == ev.text
