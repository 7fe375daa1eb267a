"""Golden tests: the two seed articles read as ../shared/gold/seeds.yaml says a careful reader would.

Every expectation is taken from the gold file (never copied into the repository); the seeds are read
from ../shared and the tests skip when it is absent. Each rule exercised here is also tested on text
written for the project (test_people.py, test_quotes.py, test_times.py, test_clean.py).
"""

from __future__ import annotations

import re

import pytest

import rashomon

pytestmark = pytest.mark.model

# Gold file names articles by the 3-digit prefix of their id.
MIN_REPORTED_OVERLAP = 0.5  # share of the gold paraphrase's content words found in what we attribute


def norm(text: str) -> str:
    """Lower-case, straight apostrophes, one space: how gold strings are compared with the output."""
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').lower().split())


@pytest.fixture(scope="module")
def readings(seed_paths, nlp) -> dict[str, rashomon.Reading]:
    return {stem[:3]: rashomon.read(path) for stem, path in seed_paths.items()}


def gold_people(gold, article):
    return [p for p in gold["people"] if int(article) in [int(x) for x in p["in"]]]


def find_person(reading, person):
    """The PERSON entity carrying the gold person's first listed mention in this article."""
    texts = {norm(m) for m in person["mentions"]}
    found = [e for e in reading.entities if e.type == "PERSON" and texts & {norm(m.text) for m in e.mentions}]
    assert found, f"{person['canonical']} not found; people: {[e.name for e in reading.entities if e.type == 'PERSON']}"
    assert len(found) == 1, f"{person['canonical']} split into {[e.name for e in found]}"
    return found[0]


@pytest.mark.parametrize("article", ["000", "001"])
def test_metadata(readings, gold, article):
    meta = next(v for k, v in gold["articles"].items() if k.startswith(article))
    a = readings[article].article
    assert norm(a.title) == norm(meta["title"])
    assert a.published == (str(meta["published"]) if meta["published"] else None)
    assert a.source.outlet == meta["outlet"]
    assert a.language == "en"


@pytest.mark.parametrize("article", ["000", "001"])
def test_debris_removed_and_body_kept(readings, gold, article):
    meta = next(v for k, v in gold["articles"].items() if k.startswith(article))
    text = norm(readings[article].article.text)
    for piece in meta["boilerplate"]:
        assert norm(piece).strip(" |") not in text, piece
    for sentence in meta.get("body_must_keep", []):
        assert norm(sentence) in text


@pytest.mark.parametrize("article", ["000", "001"])
def test_people_mentions_roles_sides(readings, gold, article):
    reading = readings[article]
    text = norm(reading.article.text)
    for person in gold_people(gold, article):
        entity = find_person(reading, person)
        mentions = {norm(m.text) for m in entity.mentions}
        forms = person["mentions"] + person.get("descriptions", [])
        for mention in forms:
            if occurs_alone(text, norm(mention), [norm(f) for f in forms]):  # gold lists both articles' forms
                assert norm(mention) in mentions, f"{person['canonical']}: {mention!r} not among {mentions}"
        roles = {norm(r.text) for r in entity.roles}
        assert roles, f"{person['canonical']} has no role"
        for role in person["roles"]:
            if norm(role) in text:
                assert norm(role) in roles, f"{person['canonical']}: role {role!r} not among {roles}"
        assert entity.side == person.get("side"), f"{person['canonical']}: side {entity.side}"


@pytest.mark.parametrize("article", ["000", "001"])
def test_no_other_people(readings, gold, article):
    reading = readings[article]
    people = [e for e in reading.entities if e.type == "PERSON"]
    assert len(people) == len(gold_people(gold, article)), [e.name for e in people]
    for name in gold["not_people_in_body"]:
        assert not [e for e in people if norm(name) in norm(e.name)]


def occurs_alone(text: str, form: str, forms: list[str]) -> bool:
    """True when ``form`` occurs as a word sequence of ``text`` outside every longer form containing it."""
    longer = [f for f in forms if form in f and f != form]
    covered = {i for f in longer for m in re.finditer(re.escape(f), text) for i in range(m.start(), m.end())}
    return any(m.start() not in covered for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text))


def speaker_matches(quote, reading, speaker: str) -> bool:
    """True when the quote's speaker is the gold speaker (an entity's name or the speaker's own words)."""
    entity = reading.entity(quote.speaker.entity) if quote.speaker.entity else None
    names = {norm(quote.speaker.text)} | ({norm(entity.name)} | {norm(m.text) for m in entity.mentions} if entity else set())
    surname = norm(speaker).split()[-1]
    return any(norm(speaker) in n or (surname in n.split() and len(norm(speaker).split()) > 1) for n in names)


@pytest.mark.parametrize("article", ["000", "001"])
def test_direct_quotes_with_speakers(readings, gold, article):
    reading = readings[article]
    for expected in [q for q in gold["quotes"] if str(q["in"]).zfill(3) == article]:
        matches = [q for q in reading.quotes if q.kind == "direct" and norm(q.text).startswith(norm(expected["starts"]))]
        assert matches, f"no direct quote starting {expected['starts']!r}"
        assert speaker_matches(matches[0], reading, expected["speaker"]), (expected, matches[0].speaker)


def test_terms_in_quotation_marks_are_not_quotes(readings, gold):
    for expected in gold["not_quotes"]:
        reading = readings[str(expected["in"]).zfill(3)]
        assert not [q for q in reading.quotes if q.kind == "direct" and norm(q.text) == norm(expected["text"])]
        assert norm(expected["text"]) in {norm(t.text) for t in reading.terms}


def content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", norm(text)) if len(w) >= 4}


@pytest.mark.parametrize("article", ["000", "001"])
def test_reported_speech(readings, gold, article):
    reading = readings[article]
    for expected in [r for r in gold["reported_speech"] if str(r["in"]).zfill(3) == article]:
        said = [q for q in reading.quotes if speaker_matches(q, reading, expected["speaker"])]
        assert said, f"nothing attributed to {expected['speaker']}"
        words = content_words(expected["says"])
        found = words & content_words(" ".join(q.text for q in said))
        assert len(found) >= MIN_REPORTED_OVERLAP * len(words), (expected, [q.text for q in said])


def test_times_normalised_to_publication_date(readings):
    times = {norm(t.text): t for t in readings["000"].times}
    assert times["monday"].value == "2022-02-28"
    weekend = [t for k, t in times.items() if "weekend" in k]
    assert weekend and weekend[0].value == "2022-02-26/2022-02-27" and weekend[0].kind == "range"


def test_dates_without_publication_date_keep_month_and_day(readings, gold):
    reading = readings["001"]
    assert reading.article.published is None
    partials = {t.partial for t in reading.times}
    for day in ("--02-28", "--02-21", "--02-24"):  # the talks, the decree, the start (gold `events`)
        assert day in partials
    coming = [t for t in reading.times if "coming days" in norm(t.text)]
    assert coming and coming[0].kind == "vague" and coming[0].direction == "future"
