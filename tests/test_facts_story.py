"""Facts of one made-up story told by two outlets (tests/data/facts), read and compared end to end:
what lines up, what conflicts and what only looks different."""

from __future__ import annotations

import pytest

import rashomon
from conftest import DATA

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def story():
    analysis = rashomon.analyze([str(DATA / "facts")])
    assert len(analysis.stories) == 1
    return analysis.stories[0]


def facet(story, name):
    found = [f for f in story.facets if f.name == name or f.name.startswith(name + ":")]
    assert found, [f.name for f in story.facets]
    return found[0]


def test_crowd_sizes_that_cannot_both_be_true_conflict(story):
    crowd = facet(story, "crowd")   # "Hundreds of people gathered" / "Thousands of people gathered"
    assert crowd.verdict == "conflict" and crowd.conflicts == [["a_ferry", "b_ferry"]]


def test_the_same_count_under_two_verbs_of_one_meaning_agrees(story):
    assert facet(story, "evacuated").verdict == "agree"   # "evacuated 212 passengers" / "took 212 passengers off"


def test_an_age_in_the_next_sentence_belongs_to_the_person_it_is_about(story):
    ages = [f for f in story.facets if f.name.startswith("age_of:")]
    assert ages and ages[0].verdict == "agree" and {v.value for v in ages[0].values} == {"58"}


def test_a_claim_told_in_the_passive_lines_up_with_the_active(story):
    detained = facet(story, "claim:seize")   # "Police detained the first officer" / "was detained by police"
    assert detained.verdict == "agree" and len(detained.values) == 2


def test_two_days_of_one_speaker_are_two_statements_not_a_conflict(story):
    days = [f for f in story.facets if f.name == "date" and f.event_type == "statement"]
    assert days and all(f.verdict != "conflict" for f in days)


def test_titles_are_cut_to_the_title(story):
    titles = [v.value for f in story.facets if f.name.startswith("title_of:") for v in f.values]
    assert titles and not any(t.startswith(("'s", "’s", "The ship")) for t in titles)
