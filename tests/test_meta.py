"""meta and language: datelines, titles, outlets, dates from the article's own URL only."""

from __future__ import annotations

import pytest

from rashomon.ingest import article_from_text
from rashomon.ingest.language import identify_language
from rashomon.ingest.meta import (date_from_url, is_title_like, map_outlet, normalise_date, parse_dateline,
                                  registered_domain)


@pytest.mark.parametrize("line, date", [
    ("February 28, 2022", "2022-02-28"),
    ("28 February 2022", "2022-02-28"),
    ("2022-02-28", "2022-02-28"),
    ("Feb. 28, 2022 10:32 AM", "2022-02-28"),
    ("Published: Monday, 3 March 2021, 14:05 MSK", "2021-03-03"),
    ("Updated Sept 9, 2019 at 9.15 a.m.", "2019-09-09"),
    ("2021-03-09T07:30:00+01:00", "2021-03-09"),
])
def test_datelines(line, date):
    assert parse_dateline(line) == date


@pytest.mark.parametrize("line", ["On February 28, the talks began.", "February 30, 2022", "28 February",
                                  "Page 2 of 5", "The 2022-02-28 meeting"])
def test_not_datelines(line):
    assert parse_dateline(line) is None


def test_normalise_date():
    assert normalise_date("2021-04-02T10:00:00Z") == "2021-04-02"
    assert normalise_date("12 April 2021") == "2021-04-12"
    assert normalise_date("April 2021") is None  # no day: not a publication date
    assert normalise_date("") is None and normalise_date(None) is None


def test_title_like():
    assert is_title_like("Velmora and Ostrand Sign Harbor Deal")
    assert is_title_like("Will the Ferry Run on Sunday?")
    assert not is_title_like("The council met on Monday.")
    assert not is_title_like("By Lena Moss")
    assert not is_title_like("March 9, 2021")
    assert not is_title_like(" ".join(["word"] * 25))


def test_wrapped_title_is_unwrapped_and_not_in_text():
    text = ("Mell Council Approves New Harbor Fees After\nLong Debate\n\n"
            "The Mell town council approved the new harbor fees on Tuesday after a debate that lasted\n"
            "more than six hours and ended only when the mayor called a vote shortly before midnight.\n"
            "Fishermen who had filled the public gallery left without comment, their union said later.\n")
    article = article_from_text(text, language="en")
    assert article.title == "Mell Council Approves New Harbor Fees After Long Debate"
    assert "Long Debate" not in article.text
    assert article.removed[0].kind == "title" and article.evidence["title"] == "first line of the text"


def test_single_paragraph_is_never_a_title():
    article = article_from_text("Fees rise in Mell", language="en")
    assert article.title is None and article.text == "Fees rise in Mell"


def test_dateline_far_down_is_body():
    text = "Fees Rise\n\nOne.\n\nTwo.\n\nThree.\n\nMarch 9, 2021\n\nThe timeline ends here."
    article = article_from_text(text, language="en")
    assert article.published is None and "March 9, 2021" in article.text


def test_published_never_from_a_url_in_the_text():
    text = ("Ferry Fares Frozen\n\nThe ferry operator said fares would stay at last year's level.\n\n"
            "https://www.carrowcourier.example/2018/06/01/older-story\n")
    article = article_from_text(text, language="en")
    assert article.published is None
    assert article.source.outlet == "carrowcourier.example"


def test_published_from_the_articles_own_url():
    article = article_from_text("The ferry operator said fares would stay at last year's level.",
                                url="https://www.carrowcourier.example/2021/04/02/fares", language="en")
    assert article.published == "2021-04-02"
    assert article.evidence["published"].startswith("article url:")


def test_registered_domain():
    assert registered_domain("https://www.themoscow.example/2020/01/01/x") == "themoscow.example"
    assert registered_domain("https://news.carrow.co.uk/a/b") == "carrow.co.uk"
    assert registered_domain("www.harborwire.com/x") == "harborwire.com"
    assert registered_domain("not a url") is None


def test_date_from_url():
    assert date_from_url("https://x.example/2021/03/09/story") == "2021-03-09"
    assert date_from_url("https://x.example/news/2021-03-09-story") == "2021-03-09"
    assert date_from_url("https://x.example/news/story-1234") is None


def test_map_outlet_is_case_insensitive():
    assert map_outlet(["Harborwire.example"], {"harborwire.example": "The Harbor Wire"}) == (
        "Harborwire.example", "The Harbor Wire")
    assert map_outlet(["other.example"], {"harborwire.example": "x"}) is None


def test_language():
    assert identify_language("The harbor master of Carrow resigned after the audit on Monday.")[0] == "en"
    assert identify_language("Le maire de Carrow a démissionné lundi après l'audit du port.")[0] == "fr"
    russian = "Мэр города подал в отставку в понедельник после проверки порта."
    assert identify_language(russian)[0] == "ru"
    assert identify_language("Ja.", default="de") == ("de", "default: text under 20 characters")


def test_title_case_headline_ending_with_a_full_stop_is_a_title():
    from rashomon.ingest.meta import is_title_like

    assert is_title_like("Harbour Board Approves Night Ferries After Long Dispute.")
    assert not is_title_like("The harbour board approved night ferries after a long dispute.")  # a lede
    assert is_title_like("Harbour board approves night ferries")


@pytest.mark.parametrize("line, expected", [
    ("Опубликовано 2023-03-17", "2023-03-17"),
    ("نشر في 2023-03-17", "2023-03-17"),
    ("Veröffentlicht am 17.03.2023", "2023-03-17"),
    ("28 февраля 2022", "2022-02-28"),
    ("28 февраля 2022 г.", "2022-02-28"),
    ("16 مارس 2023", "2023-03-16"),
    ("14 marca 2024 roku", "2024-03-14"),
    ("Talks on 28 February 2022", None),       # a headline with a date, not a dateline
    ("Brexit talks 2023-03-17 resume", None),
])
def test_datelines_in_other_languages(line, expected):
    assert parse_dateline(line) == expected
