"""Tests for rashomon.read.times: the pure rules first (no model), then the component, then the seeds.

Every text here was written for the project (invented events and dates); the seed tests read the
seed articles from ../shared and only name the short time phrases the gold file talks about.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest

from rashomon.read.times import is_duration_text, normalise_time, to_timex
from rashomon.records import TimeRef

WED = dt.date(2023, 5, 17)   # a Wednesday
SUN = dt.date(2023, 6, 11)   # a Sunday
TUE = dt.date(2019, 11, 5)   # a Tuesday


def value_of(text: str, anchor: dt.date | None, **kw) -> str | None:
    """The value alone (the rule under test fails loudly when nothing is read)."""
    found = normalise_time(text, anchor, **kw)
    assert found is not None, text
    return found[0]


# --- weekdays: the most recent such day, the anchor included; "next" and future tense look forward

@pytest.mark.parametrize("text, expected", [
    ("Tuesday", "2023-05-16"),          # the day before the anchor
    ("Wednesday", "2023-05-17"),        # the anchor's own weekday: the same day
    ("on Thursday", "2023-05-11"),      # after the anchor's weekday: last week's
    ("last Wednesday", "2023-05-10"),   # "last" never means today
    ("next Thursday", "2023-05-18"),
    ("Friday morning", "2023-05-12"),
])
def test_weekday_resolves_to_most_recent(text, expected):
    assert value_of(text, WED) == expected


def test_weekday_in_future_tense_looks_forward():
    assert value_of("Friday", WED, future=True) == "2023-05-19"
    assert value_of("Wednesday", WED, future=True) == "2023-05-17"


def test_weekday_without_anchor_has_no_value():
    assert normalise_time("Friday", None) == (None, "date", None, None, None)
    assert normalise_time("next Friday", None)[3] == "future"


# --- the weekend ------------------------------------------------------------------------------

def test_weekend_on_a_sunday_anchor_is_this_weekend():
    found = normalise_time("over the weekend", SUN)
    assert found[:2] == ("2023-06-10/2023-06-11", "range")


def test_weekend_on_a_weekday_is_the_last_one():
    assert value_of("over the weekend", dt.date(2023, 6, 13)) == "2023-06-10/2023-06-11"
    assert value_of("next weekend", dt.date(2023, 6, 13)) == "2023-06-17/2023-06-18"
    assert value_of("last weekend", SUN) == "2023-06-03/2023-06-04"


# --- relative days, periods, months, years ----------------------------------------------------

@pytest.mark.parametrize("text, expected, direction", [
    ("yesterday", "2019-11-04", "past"),
    ("tomorrow", "2019-11-06", "future"),
    ("three days ago", "2019-11-02", "past"),
    ("last week", "2019-10-28/2019-11-03", "past"),
    ("this month", "2019-11-01/2019-11-30", "present"),
    ("earlier this month", "2019-11-01/2019-11-04", "past"),
    ("later this week", "2019-11-06/2019-11-10", "future"),
    ("last year", "2018-01-01/2018-12-31", "past"),
    ("in September", "2019-09-01/2019-09-30", "past"),
    ("in December", "2018-12-01/2018-12-31", "past"),   # not after the anchor: last year's
    ("in 2017", "2017-01-01/2017-12-31", "past"),
    ("March 2016", "2016-03-01/2016-03-31", "past"),
])
def test_relative_expressions(text, expected, direction):
    value, _, _, found_direction, _ = normalise_time(text, TUE)
    assert (value, found_direction) == (expected, direction)


def test_counts_are_read_by_the_number_reader():
    assert value_of("a year ago", TUE) == "2018-01-01/2018-12-31"       # an article counts one
    assert value_of("fourteen days ago", TUE) == "2019-10-22"           # every cardinal, not a short list
    assert value_of("forty years ago", TUE) == "1979-01-01/1979-12-31"
    assert normalise_time("several days ago", TUE)[1] == "vague"        # a vague count stays vague
    assert is_duration_text("for seventeen hours")


def test_month_name_in_future_tense_is_the_next_one():
    assert value_of("in December", TUE, future=True) == "2019-12-01/2019-12-31"


# --- explicit dates and the year of year-less dates --------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("October 30", "2019-10-30"),
    ("on 3 November", "2019-11-03"),
    ("Dec. 12", "2019-12-12"),          # weeks ahead: an announced date, same year
    ("March 20", "2019-03-20"),         # far ahead (over a quarter): read as last year's
    ("Sunday, Oct. 27", "2019-10-27"),
    ("July 4, 2015", "2015-07-04"),
    ("2015-07-04", "2015-07-04"),
    ("14/03/2020", "2020-03-14"),       # numeric: dateparser fallback, day first
])
def test_explicit_dates(text, expected):
    assert value_of(text, TUE) == expected


def test_yearless_date_without_anchor_keeps_partial():
    assert normalise_time("October 30", None) == (None, "date", "--10-30", None, None)
    assert normalise_time("in April", None)[:3] == (None, "range", "--04")


def test_yearless_date_takes_year_from_hint():
    assert value_of("October 30", None, year_hint=dt.date(2017, 12, 1)) == "2017-10-30"


def test_stated_year_needs_no_partial():
    assert normalise_time("July 4, 2015", None)[:3] == ("2015-07-04", "date", None)


# --- vague references and durations -----------------------------------------------------------

@pytest.mark.parametrize("text, direction", [
    ("in the coming weeks", "future"),
    ("the coming days", "future"),
    ("recently", "past"),
    ("five weeks after the vote", "past"),
    ("now", "present"),
])
def test_vague_references(text, direction):
    assert normalise_time(text, TUE) == (None, "vague", None, direction, None)


@pytest.mark.parametrize("text", ["for three weeks", "nearly six hours", "the first ten days",
                                  "about two and a half hours", "six-month", "40 years old"])
def test_durations_are_not_time_points(text):
    assert is_duration_text(text)
    assert normalise_time(text, TUE) is None


# --- times of day -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, clock, value", [
    ("at 9:15 a.m.", "09:15", "2023-06-11"),
    ("midnight", "00:00", "2023-06-11"),
    ("noon local time", "12:00", "2023-06-11"),
    ("7 p.m. Friday", "19:00", "2023-06-09"),
    ("17:45 GMT", "17:45", "2023-06-11"),
    ("Saturday at 6 pm", "18:00", "2023-06-10"),
])
def test_times_of_day(text, clock, value):
    found = normalise_time(text, SUN)
    assert (found[0], found[1], found[4]) == (value, "date", clock)


def test_time_of_day_without_anchor():
    assert normalise_time("at 3:30 pm", None)[::4] == (None, "15:30")


# --- the TimeML view --------------------------------------------------------------------------

@pytest.mark.parametrize("value, kind, direction, partial, clock, expected", [
    ("2019-11-01/2019-11-30", "range", None, None, None, "2019-11"),
    ("2019-10-28/2019-11-03", "range", None, None, None, "2019-W44"),
    ("2017-01-01/2017-12-31", "range", None, None, None, "2017"),
    ("2023-06-10/2023-06-11", "range", None, None, None, "2023-W23-WE"),
    (None, "vague", "future", None, None, "FUTURE_REF"),
    (None, "date", None, "--10-30", None, "XXXX-10-30"),
    ("2023-06-11", "date", None, None, "12:00", "2023-06-11T12:00"),
])
def test_to_timex(value, kind, direction, partial, clock, expected):
    ref = TimeRef("x", 0, 1, value, kind, partial=partial, direction=direction, clock=clock)
    assert to_timex(ref) == expected


# --- the component (needs the trained model) --------------------------------------------------

@pytest.fixture(scope="module")
def times_nlp():
    """The trained model with ``rashomon_times`` alone (the other components are tested apart)."""
    spacy = pytest.importorskip("spacy")
    from rashomon.read import times  # noqa: F401  (registers the factory)
    from rashomon.read.pipeline import resolve_model

    model = os.environ.get("RASHOMON_TEST_MODEL", "en_core_web_md")  # as conftest.MODEL

    try:
        nlp = spacy.load(resolve_model(model))
    except OSError as exc:
        pytest.skip(f"model {model} is not installed: {exc}")
    nlp.add_pipe("rashomon_times", last=True)
    return nlp


def read(nlp, text: str, published: str | None) -> list[TimeRef]:
    """Run the pipeline on ``text`` with ``doc._.published`` set."""
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.times


def find(refs: list[TimeRef], text: str) -> TimeRef:
    """The TimeRef whose text contains ``text``."""
    hits = [r for r in refs if text.lower() in r.text.lower()]
    assert hits, f"{text!r} not among {[r.text for r in refs]}"
    return hits[0]


INVENTED = (
    "The harbour authority of Veldmark reopened the north pier on Thursday, two weeks after the storm. "
    "Repairs lasted nearly nine hours a day for three weeks. The mayor said over the weekend that "
    "the ferry line would resume in the coming days, and the council will vote on the budget next "
    "Tuesday at 10 a.m. Inspectors visited the site last week and again in April. Crews will return "
    "as soon as possible; divers later checked the hull."
)


@pytest.mark.model
def test_component_reads_invented_article(times_nlp):
    refs = read(times_nlp, INVENTED, "2024-05-05")   # a Sunday
    assert find(refs, "Thursday").value == "2024-05-02"
    assert find(refs, "weekend").value == "2024-05-04/2024-05-05"
    assert find(refs, "coming days").kind == "vague"
    assert find(refs, "coming days").direction == "future"
    assert find(refs, "last week").value == "2024-04-22/2024-04-28"
    assert find(refs, "April").value == "2024-04-01/2024-04-30"
    assert find(refs, "10 a.m.").clock == "10:00"


@pytest.mark.model
def test_component_leaves_out_durations_and_keeps_offsets(times_nlp):
    refs = read(times_nlp, INVENTED, "2024-05-05")
    assert not [r for r in refs if "hours" in r.text or r.text.endswith("three weeks")]
    assert not [r for r in refs if r.text.lower() in ("soon", "later")]  # comparison, narrative order
    for ref in refs:
        assert INVENTED[ref.start:ref.end] == ref.text
        assert not ref.text.lower().startswith(("on ", "over ", "in "))


@pytest.mark.model
def test_component_relative_event_is_vague_past(times_nlp):
    refs = read(times_nlp, INVENTED, "2024-05-05")
    ref = find(refs, "two weeks after")
    assert (ref.kind, ref.direction, ref.value) == ("vague", "past", None)


@pytest.mark.model
def test_component_future_tense_weekday(times_nlp):
    refs = read(times_nlp, "The board will meet Friday to approve the merger.", "2021-09-14")
    assert find(refs, "Friday").value == "2021-09-17"


@pytest.mark.model
def test_unpublished_yearless_date_uses_latest_stated_date(times_nlp):
    text = ("The orchard co-operative was founded on 2 June 2009 and listed on March 3, 2011. "
            "On March 9, members met again in the village hall.")
    refs = read(times_nlp, text, None)
    march_9 = find(refs, "March 9")
    assert (march_9.value, march_9.partial) == ("2011-03-09", "--03-09")


@pytest.mark.model
def test_unpublished_yearless_date_without_stated_year(times_nlp):
    refs = read(times_nlp, "On March 9, members met again. They will return on Monday.", None)
    assert (find(refs, "March 9").value, find(refs, "March 9").partial) == (None, "--03-09")
    assert find(refs, "Monday").value is None


# --- the seeds (read from ../shared) ----------------------------------------------------------

def clean_seed(path) -> tuple[str, str | None]:
    """Clean body text and publication date: the ingest stage's when it works, else joined lines."""
    raw = path.read_text(encoding="utf-8")
    try:
        from rashomon.ingest import article_from_text

        article = article_from_text(raw)
        return article.text, article.published
    except Exception:  # ingest is written in parallel: fall back to a crude clean-up
        return " ".join(line.strip() for line in raw.splitlines() if line.strip()), None


def seed(seed_paths, prefix: str):
    """The seed whose id starts with ``prefix``."""
    return next(p for stem, p in seed_paths.items() if stem.startswith(prefix))


@pytest.mark.model
def test_seed_000_anchored_on_publication(times_nlp, seed_paths, gold):
    path = seed(seed_paths, "000")
    text, _ = clean_seed(path)
    published = str(gold["articles"][path.stem]["published"])
    refs = read(times_nlp, text, published)
    assert {r.value for r in refs if r.text == "Monday"} == {"2022-02-28"}
    weekend = find(refs, "weekend")
    assert (weekend.value, weekend.kind) == ("2022-02-26/2022-02-27", "range")
    assert find(refs, "noon").clock == "12:00"
    assert find(refs, "several days").kind == "vague"
    assert not [r for r in refs if "five days" in r.text]


@pytest.mark.model
def test_seed_001_unpublished_keeps_partials(times_nlp, seed_paths, gold):
    path = seed(seed_paths, "001")
    assert gold["articles"][path.stem]["published"] is None
    text, _ = clean_seed(path)
    refs = read(times_nlp, text, None)
    for day in ("28", "21", "24"):
        ref = find(refs, f"February {day}")
        assert (ref.value, ref.partial) == (None, f"--02-{day}")
    coming = find(refs, "coming days")
    assert (coming.kind, coming.direction) == ("vague", "future")
    assert not [r for r in refs if "hours" in r.text]


def test_quarters_and_fiscal_years():
    assert value_of("the third quarter", TUE) == "2019-07-01/2019-09-30"
    assert value_of("fourth-quarter", dt.date(2019, 2, 1)) == "2018-10-01/2018-12-31"
    assert value_of("fiscal 2018", TUE) == "2018-01-01/2018-12-31"
    ref = TimeRef("x", 0, 1, "2019-07-01/2019-09-30", "range")
    assert to_timex(ref) == "2019-Q3"


@pytest.mark.model
def test_component_joins_clock_and_day(times_nlp):
    refs = read(times_nlp, "Polls closed at 8 p.m. Tuesday across the province.", "2020-10-22")
    ref = find(refs, "8 p.m.")
    assert (ref.value, ref.clock) == ("2020-10-20", "20:00")


@pytest.mark.model
def test_component_keeps_a_length_of_time_apart_from_the_day_after_it(times_nlp):
    refs = read(times_nlp, "The ferry was delayed for almost an hour on Saturday by the storm.", "2020-10-22")
    ref = find(refs, "Saturday")
    assert ref.text == "Saturday" and ref.value == "2020-10-17" and ref.kind == "date"
