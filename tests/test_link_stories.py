"""Story clustering on invented articles (tests/data/stories/articles.yaml): no spaCy model needed."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
import yaml

from rashomon.dates import parse_day
from rashomon.link.stories import (MAX_CANDIDATES, TIME_WINDOW_DAYS, StoryClusterer, capitalised_names,
                                   entity_keys, extract_terms, linked_entity_ids, stem, time_factor)
from rashomon.records import Article, Entity, Mention, Reading, Source

ARTICLES = yaml.safe_load((Path(__file__).parent / "data" / "stories" / "articles.yaml").read_text("utf-8"))
FIRST = [a for a in ARTICLES if a["id"] != "strike-late"]
LATE = next(a for a in ARTICLES if a["id"] == "strike-late")


def add(clusterer: StoryClusterer, a: dict) -> str:
    return clusterer.add_text(a["id"], a["title"], a["text"], a["published"])


def partition(clusterer: StoryClusterer) -> set[frozenset[str]]:
    return {frozenset(articles) for _, articles in clusterer.stories()}


def expected(articles: list[dict]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in articles:
        groups.setdefault(a["story"], set()).add(a["id"])
    return {frozenset(g) for g in groups.values()}


def make_reading(a: dict, entities: list[tuple[str, str, list[str]]]) -> Reading:
    """A reading of an invented article with entities (name, type, mention texts) found in its text."""
    article = Article(a["id"], Source(outlet=a["outlet"]), a["title"], a["published"], "en", a["text"])
    reading = Reading(article)
    for i, (name, type_, mentions) in enumerate(entities, 1):
        entity = Entity(f"e{i}", name, type_)
        for m in mentions:
            start = a["text"].index(m)
            entity.mentions.append(Mention(m, start, start + len(m)))
        reading.entities.append(entity)
    return reading


# -- behaviour ------------------------------------------------------------------------------------

def test_same_event_together_other_topics_apart():
    clusterer = StoryClusterer()
    for a in FIRST:
        add(clusterer, a)
    assert partition(clusterer) == expected(FIRST)


def test_article_added_later_joins_its_story():
    clusterer = StoryClusterer()
    ids = {a["id"]: add(clusterer, a) for a in FIRST}
    assert add(clusterer, LATE) == ids["strike-herald"]
    assert partition(clusterer) == expected(ARTICLES)


@pytest.mark.parametrize("seed", range(6))
def test_insertion_order_does_not_change_the_stories(seed):
    shuffled = list(ARTICLES)
    random.Random(seed).shuffle(shuffled)
    clusterer = StoryClusterer()
    for a in shuffled:
        add(clusterer, a)
    assert partition(clusterer) == expected(ARTICLES)


def test_deterministic_ids_and_repeated_add():
    runs = []
    for _ in range(2):
        clusterer = StoryClusterer()
        runs.append([add(clusterer, a) for a in ARTICLES])
        assert add(clusterer, ARTICLES[0]) == runs[-1][0]  # adding an article twice changes nothing
    assert runs[0] == runs[1]
    assert runs[0][0] == "S1"


def test_title_is_one_of_the_story_titles():
    clusterer = StoryClusterer()
    story = [add(clusterer, a) for a in ARTICLES][0]
    titles = {a["title"] for a in ARTICLES if a["story"] == "strike"}
    assert clusterer.title(story) in titles


def test_index_limits_comparisons():
    """60 articles on 30 invented topics: far fewer similarities than pairs, and all pairs found."""
    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ren", "tus", "vel", "dor", "pa", "zen", "quo", "rib", "sal"]
    topics = [["".join(rng.choice(syllables) for _ in range(3)) for _ in range(12)] for _ in range(30)]
    clusterer = StoryClusterer()
    gold = {}
    for i in range(60):
        words = topics[i % 30]
        text = " ".join(rng.choice(words) for _ in range(60))
        clusterer.add_text(f"a{i}", " ".join(words[:4]), text)
        gold[f"a{i}"] = i % 30
    n = 60
    assert clusterer.comparisons <= n * MAX_CANDIDATES
    assert clusterer.comparisons < n * (n - 1) // 2 / 10
    assert {frozenset(a) for _, a in clusterer.stories()} == {frozenset({f"a{t}", f"a{t + 30}"}) for t in range(30)}


def dated_stream(rng: random.Random, topics: int = 12, months: int = 24) -> list[tuple[str, str, str, str]]:
    """Articles on a few invented recurring topics (a monthly release, a trial...), each topic
    reported every month for two years by two or three outlets a day or two apart: what an archive
    holds, where most of a topic's words recur in every month's story."""
    import datetime as dt

    syllables = ["ka", "lo", "mi", "ren", "tus", "vel", "dor", "pa", "zen", "quo", "rib", "sal", "nor", "te"]
    vocab = [["".join(rng.choice(syllables) for _ in range(3)) for _ in range(14)] for _ in range(topics)]
    out = []
    for month in range(months):
        for t, words in enumerate(vocab):
            day = dt.date(2020, 1, 1) + dt.timedelta(days=30 * month + rng.randrange(10))
            monthly = ["".join(rng.choice(syllables) for _ in range(4)) for _ in range(4)]  # this month's news
            for outlet in range(rng.choice((2, 3))):
                text = " ".join(rng.choice(words + monthly * 2) for _ in range(70))
                published = (day + dt.timedelta(days=outlet % 2)).isoformat()
                out.append((f"m{month}t{t}o{outlet}", " ".join(words[:3] + monthly[:2]), text, published))
    return out


def test_the_index_looks_up_only_the_weeks_near_the_date():
    """Retrieval through the weeks near an article's date gives the stories that looking up every
    week gives, with less work: the work per article stays that of the news around its date."""
    stream = dated_stream(random.Random(3))
    near, everything = StoryClusterer(), StoryClusterer()
    everything.horizon_days = None
    for args in stream:
        assert near.add_text(*args) == everything.add_text(*args)
    assert partition(near) == partition(everything)
    assert len(partition(near)) > 200  # the months stay apart: each month's reports are one story
    scanned = {name: 0 for name in ("near", "everything")}
    probe = clusterer_features({"id": "probe", "title": stream[-1][1], "text": stream[-1][2],
                                "published": stream[-1][3]})
    for name, clusterer in (("near", near), ("everything", everything)):
        keys = clusterer._keys(probe)
        weeks = clusterer._weeks(probe.published)
        scanned[name] = sum(len(stories) for key in keys for week, stories in clusterer._index.get(key, {}).items()
                            if weeks is None or week in weeks)
    assert scanned["near"] * 4 < scanned["everything"]


def test_an_undated_article_looks_up_every_week():
    clusterer = StoryClusterer()
    for a in FIRST:
        add(clusterer, a)
    assert add(clusterer, dict(LATE, id="strike-undated", published=None)) == clusterer.story_of("strike-herald")
    assert clusterer._weeks(None) is None


def test_saved_indexes_without_weeks_load_into_weeks():
    """A clusterer pickled before the index had weeks (key -> story ids) is filed by its stories' last
    dates when loaded, and goes on clustering as a fresh one does."""
    import pickle

    clusterer = StoryClusterer()
    for a in FIRST:
        add(clusterer, a)
    old = clusterer.__getstate__()
    old["_index"] = {key: set().union(*weeks.values()) for key, weeks in clusterer._index.items()}
    del old["horizon_days"]
    loaded = StoryClusterer.__new__(StoryClusterer)
    loaded.__setstate__(pickle.loads(pickle.dumps(old)))
    assert all(isinstance(weeks, dict) for weeks in loaded._index.values())
    assert add(loaded, LATE) == add(clusterer, LATE)
    assert partition(loaded) == partition(clusterer)


def test_far_dates_are_a_soft_penalty():
    late = dict(LATE, id="strike-much-later", published="2031-05-20")
    clusterer = StoryClusterer()
    for a in FIRST:
        add(clusterer, a)
    near = clusterer.similarity(clusterer_features(LATE), clusterer._stories[clusterer.story_of("strike-herald")])
    far = clusterer.similarity(clusterer_features(late), clusterer._stories[clusterer.story_of("strike-herald")])
    undated = clusterer.similarity(clusterer_features(dict(late, published=None)),
                                   clusterer._stories[clusterer.story_of("strike-herald")])
    assert 0 < far < near == pytest.approx(undated)


def clusterer_features(a: dict):
    from rashomon.link.stories import make_features

    return make_features(a["id"], a["title"], a["text"], published=a["published"])


def test_time_factor():
    d = parse_day
    assert time_factor(d("2031-03-04"), d("2031-03-01"), d("2031-03-02")) == 1.0
    assert time_factor(d("2031-03-20"), d("2031-03-01"), d("2031-03-02")) < 1.0
    assert time_factor(d("2031-03-01"), d("2031-03-01") , d("2031-03-01")) == 1.0
    assert time_factor(None, d("2031-03-01"), d("2031-03-01")) == 1.0
    just = d("2031-03-01").toordinal() + TIME_WINDOW_DAYS
    from datetime import date
    assert time_factor(date.fromordinal(just), d("2031-03-01"), d("2031-03-01")) == 1.0
    assert parse_day("2031-03-04/2031-03-06") == d("2031-03-04")
    assert parse_day("March") is None


# -- readings and entities ------------------------------------------------------------------------

def test_add_readings_with_ner_entities():
    by_id = {a["id"]: a for a in ARTICLES}
    readings = [
        make_reading(by_id["strike-herald"], [("Valmora", "GPE", ["Valmora"]),
                                              ("Ilse Dragomir", "PERSON", ["Ilse Dragomir"])]),
        make_reading(by_id["strike-gazette"], [("Valmorra", "GPE", ["Valmorra"]),
                                               ("Ilse Dragomirova", "PERSON", ["Ilse Dragomirova"])]),
        make_reading(by_id["football"], [("Kestrel Rovers", "ORG", ["Kestrel Rovers"]),
                                         ("Harlow Town", "ORG", ["Harlow Town"])]),
        make_reading(by_id["markets"], [("Kestrel", "GPE", ["Kestrel"])]),
    ]
    clusterer = StoryClusterer()
    stories = [clusterer.add(r) for r in readings]
    assert stories[0] == stories[1]
    assert len({stories[0], stories[2], stories[3]}) == 3


def test_add_with_linked_entity_ids():
    class Linker:  # stands for EntityLinker: both spellings resolved to one corpus person
        def resolve(self, article_id, local_id):
            return "P1" if local_id == "e1" else None

    by_id = {a["id"]: a for a in ARTICLES}
    herald = make_reading(by_id["strike-herald"], [("Ilse Dragomir", "PERSON", ["Ilse Dragomir"])])
    gazette = make_reading(by_id["strike-gazette"], [("Ilse Dragomirova", "PERSON", ["Ilse Dragomirova"])])
    assert linked_entity_ids(herald, Linker()) == ["P1"]
    clusterer = StoryClusterer()
    first = clusterer.add(herald, linked_entity_ids(herald, Linker()))
    assert clusterer.add(gazette, linked_entity_ids(gazette, Linker())) == first
    assert clusterer.stories() == [(first, ["strike-herald", "strike-gazette"])]


def test_reading_without_entities_falls_back_on_capitalised_names():
    a = ARTICLES[0]
    clusterer = StoryClusterer()
    story = clusterer.add(make_reading(a, []))
    assert next(iter(entity_keys(["Dragomir"]))) in clusterer._stories[story].entities


# -- features -------------------------------------------------------------------------------------

def test_capitalised_names():
    names = capitalised_names("The port of Valmora closed. Union leader Ilse Dragomir spoke on Tuesday. "
                              "Cranes stood idle at the Port of Valmora, like all cranes. Leader of the union, she said.")
    assert "Ilse Dragomir" in names
    assert "Port of Valmora" in names and "Valmora" in names
    assert not {"The", "Tuesday", "Cranes", "Leader"} & set(names)


def test_entity_keys_fold_spellings_and_add_surnames():
    keys = entity_keys(["Ilse Dragomir", "Zelenskyy", "Zelensky", "The Harbour Workers Union's"])
    assert keys["zelenski"] == 2
    assert keys == entity_keys(["Ilse Dragomir", "Zelenskiy", "zelensky", "Harbour Workers Union"])
    surname, = entity_keys(["Dragomir"])
    assert keys[surname] == 1 and len(keys) == 5  # the full names, and the last words Dragomir and Union
    assert len(entity_keys(["Harbour Workers Union"], last_words=False)) == 1


def test_terms_stem_and_weigh_the_title():
    terms = extract_terms("Dockers strike", "The striking dockers struck; strikes continue in 2031.")
    assert terms[stem("strike")] == 2 + 2  # title "strike" x2, "striking", "strikes"
    assert terms["docker"] == 3
    assert "the" not in terms and "2031" in terms
    assert stem("policies") == stem("policy") and stem("stopped") == stem("stop")
    assert Counter(extract_terms(None, "")) == Counter()


@pytest.mark.model
def test_this_months_report_and_last_months_are_two_stories():
    from rashomon.api import read_articles
    from rashomon.ingest import article_from_text
    from rashomon.link.stories import StoryClusterer
    from rashomon.settings import Settings

    texts = {
        "may-a": "Factory jobs rise. Manufacturers added 41,000 jobs in May, the statistics office said, and the "
                 "jobless rate held at 6.1% as exporters hired.",
        "may-b": "Manufacturers added 41,000 jobs in May as exporters hired, the statistics office said; the "
                 "jobless rate stayed at 6.1%.",
        "june": "Manufacturers added 12,000 jobs in June as exporters slowed hiring, the statistics office said; "
                "the jobless rate rose to 6.3%.",
    }
    settings = Settings.load()
    articles = [article_from_text(t, id=k, settings=settings) for k, t in texts.items()]
    clusterer = StoryClusterer()
    stories = {r.article.id: clusterer.add(r) for r in read_articles(articles, settings)}
    assert stories["may-a"] == stories["may-b"] != stories["june"]


# -- the meaning of the lead ----------------------------------------------------------------------

FLOOD = ("Floods in Valmora", "Flood waters swept through the river town of Valmora on Tuesday, forcing about "
         "2,000 residents from their homes as the Arven burst its banks.")
FLOOD_RETOLD = ("Valmora under water", "Thousands of people in Valmora fled their houses on Tuesday after the "
                "swollen Arven river overflowed and flooded the town.")
BUDGET = ("Valmora budget", "The town council of Valmora approved its budget for next year on Tuesday, "
          "raising spending on roads and schools.")


def lead_clusterer(meaning: bool) -> StoryClusterer:
    """A clusterer no article can join by its words alone: only the lead's meaning joins."""
    clusterer = StoryClusterer(threshold=0.99, meaning=meaning)
    clusterer.add_text("flood", *FLOOD)
    return clusterer


@pytest.mark.model
def test_a_report_worded_differently_joins_by_the_meaning_of_its_lead():
    from rashomon.link.stories import MEANING_FLOOR, make_features

    clusterer = lead_clusterer(meaning=True)
    story = clusterer.story_of("flood")
    words = clusterer.similarity(make_features("retold", *FLOOD_RETOLD), clusterer._stories[story])
    assert MEANING_FLOOR <= words < 0.99
    assert clusterer.add_text("retold", *FLOOD_RETOLD) == story and clusterer.leads_embedded == 1
    assert lead_clusterer(meaning=False).add_text("retold", *FLOOD_RETOLD) != story


@pytest.mark.model
def test_another_event_of_the_same_town_and_day_stays_apart_by_meaning():
    from rashomon.link.stories import MEANING_FLOOR, make_features

    clusterer = lead_clusterer(meaning=True)
    story = clusterer.story_of("flood")
    assert clusterer.similarity(make_features("budget", *BUDGET), clusterer._stories[story]) >= MEANING_FLOOR
    assert clusterer.add_text("budget", *BUDGET) != story and clusterer.leads_embedded == 1


def test_the_lead_is_the_title_and_the_first_words():
    from rashomon.link.stories import LEAD_CHARS, lead_of

    lead = lead_of("Floods in Valmora", "Flood waters swept\nthrough the town. " * 40)
    assert lead.startswith("Floods in Valmora. Flood waters swept through") and len(lead) <= LEAD_CHARS
    assert lead_of(None, "Only a body.") == "Only a body."


def reading_in(language: str, article_id: str, title: str, text: str, names: list[tuple[str, str]]) -> Reading:
    """A reading in ``language`` with the given (name, type) entities, each found in the text."""
    reading = make_reading({"id": article_id, "outlet": f"{article_id}.example", "title": title,
                            "published": "2024-03-14", "text": text}, [(n, t, [n]) for n, t in names])
    reading.article.language = language
    return reading


def test_an_article_in_another_language_is_compared_by_its_names():
    english = reading_in("en", "en-1", "Harbour strike in Valmora",
                         "Dockers led by Ivan Marek struck in Valmora on Tuesday against the port plan.",
                         [("Ivan Marek", "PERSON"), ("Valmora", "GPE")])
    russian = reading_in("ru", "ru-1", "Забастовка в порту Вальморы",
                         "Докеры во главе с Иван Марек бастовали во вторник в Вальмора против плана порта.",
                         [("Иван Марек", "PERSON"), ("Вальмора", "GPE")])
    other = reading_in("ru", "ru-2", "Футбольный матч", "Команда Kestrel Rovers выиграла у Harlow Town.",
                       [("Kestrel Rovers", "ORG"), ("Harlow Town", "ORG")])
    clusterer = StoryClusterer(meaning=False)  # names alone, without the lead's meaning
    first = clusterer.add(english)
    assert clusterer.add(russian) == first  # no word in common; the same person and place in another script
    assert clusterer.add(other) != first


def test_terms_of_another_language_drop_its_stop_words_and_join_its_inflections():
    from rashomon.link.stories import extract_terms

    terms = extract_terms("Переговоры в Казани", "После переговоров стороны подписали протокол переговоров.", "ru")
    assert terms[extract_terms(None, "переговоры", "ru").most_common(1)[0][0]] >= 3  # one lemma, three forms
    assert not {"после", "в"} & set(terms)  # Russian stop words
    assert extract_terms(None, "The talks were held", "en") == extract_terms(None, "The talks were held")
