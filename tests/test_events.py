"""Event frames of one article (rashomon.read.events, the ``rashomon_events`` component).

Pure rules (dates, lexicon, merging of hand-built frames) run without a model. Every slot rule is
then checked on text written for the project (real places, fictional people), and the seeds are
checked against ``events`` in ../shared/gold/seeds.yaml.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from rashomon.knowledge import data_path
from rashomon.dates import dates_compatible, more_precise, partial_fits
from rashomon.read.events import Lexicon, PhraseIndex, load_lexicon, merge_frames
from rashomon.read.records_from_doc import doc_to_reading
from rashomon.read.spans import EventSpan
from rashomon.records import Article, EventMention, Evidence, Reading, Source

PUBLISHED = "2024-03-12"  # a Tuesday


# --- pure rules ------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, expected", [
    ("2024-03-11", "2024-03-11", True),
    ("2024-03-09/2024-03-10", "2024-03-10", True),       # the weekend holds Sunday
    ("2024-03-11", "2024-03-04/2024-03-10", False),
    ("--03-11", "2024-03-11", True),                      # year unknown on one side
    ("--03-12", "2024-03-11", False),
    ("--03", "2024-03-11", True),
    (None, "2024-03-11", True),
    ("2024-03-01/2024-03-10", "2024-03-05/2024-03-20", False),  # overlapping, neither holds the other
])
def test_dates_compatible(a, b, expected):
    assert dates_compatible(a, b) is expected
    assert dates_compatible(b, a) is expected


def test_partial_dates_fit_ranges_across_years():
    assert partial_fits("--12-31", "2023-12-30/2024-01-02")
    assert not partial_fits("--06-01", "2023-12-30/2024-01-02")


def test_the_more_precise_date_wins():
    assert more_precise("--03-11", "2024-03-11") == "2024-03-11"
    assert more_precise("2024-03-09/2024-03-10", "2024-03-10") == "2024-03-10"
    assert more_precise("2024-03-11", None) == "2024-03-11"


def test_the_lexicon_has_the_required_types_as_data():
    lex = load_lexicon()
    assert {"talks", "statement", "decree", "military_action", "travel", "agreement", "attack", "accident",
            "disaster", "court", "vote", "economic_release", "announcement", "protest", "sanctions"} <= set(lex.types)
    assert "outcome" in lex.types["talks"].slots and "outcome" in lex.types["agreement"].slots
    # a speech verb is a statement only with a time on it ("said Friday"); quotes are not events
    assert all(rule.needs == "time" for rule in lex.words["say"] if rule.type == "statement")
    assert {"nouns", "verbs"} and "job" in lex.quantity_slots["jobs_added"].nouns
    assert "kill" in lex.quantity_slots["killed"].verbs and "dead" in lex.quantity_slots["killed"].adjectives
    # YAML 1.1 reads a bare `on` as true: the place prepositions must stay words
    assert {"in", "on", "at", "near"} <= lex.lists["place_preps"]
    assert lex.sequence_words["second"] == 2 and lex.sequence_words["next"] == "next"


def test_a_user_type_file_adds_a_type_without_code(tmp_path):
    path = tmp_path / "strike.yaml"
    path.write_text("type: labour_strike\ntriggers:\n  - {lemma: walkout, pos: NOUN}\nphrases: [go on strike]\n"
                    "slots:\n  strikers: {value: quantity, nouns: [striker]}\n", encoding="utf-8")
    lex: Lexicon = load_lexicon(str(path))
    assert "labour_strike" in lex.types and any(r.type == "labour_strike" for r in lex.words["walkout"])
    assert ("labour_strike", "go on strike") in lex.phrases
    assert "talks" in lex.types  # the packaged types stay
    assert "striker" in lex.quantity_slots["strikers"].nouns


def test_a_user_type_replaces_the_packaged_one_of_its_name(tmp_path):
    (tmp_path / "talks.yaml").write_text("type: talks\ntriggers:\n  - {lemma: parley, pos: NOUN}\n", encoding="utf-8")
    lex = load_lexicon(str(tmp_path))
    assert [r.type for r in lex.words["parley"]] == ["talks"] and "talks" not in {
        r.type for r in lex.words.get("negotiation", ())}
    (tmp_path / "talks.yaml").write_text("replace: true\ntype: talks\ntriggers:\n  - {lemma: parley}\n",
                                         encoding="utf-8")
    load_lexicon.cache_clear()
    assert set(load_lexicon(str(tmp_path)).types) == {"talks"}


def test_phrases_allow_a_gap_of_three_words(nlp_bare):
    index = PhraseIndex([("statement", "issue ... statement"), ("agreement", "cease - fire")])
    doc = nlp_bare("The ministries issued a short joint statement. A cease-fire held. They issued one more long "
                   "written joint statement.")
    kinds = [(kind, doc[start:end].text) for kind, start, end in index(doc)]
    assert ("statement", "issued a short joint statement") in kinds and ("agreement", "cease-fire") in kinds
    assert not any(text.endswith("more long written joint statement") for _, text in kinds)


def frame(start, **slots) -> EventSpan:
    """A hand-built frame whose sentence starts at ``start``."""
    slots.setdefault("type", "talks")
    return EventSpan(trigger=(start, start + 5), sentence=(start, start + 40), **slots)


def test_planned_start_and_held_talks_of_the_same_day_merge():
    held = frame(0, participants=[0, 1], sides=["Poland", "Lithuania"], date="2024-03-11", status="happened",
                 places=[(10, 20)])
    expected = frame(100, date="2024-03-11", start_time="10:00", status="planned")
    [one] = merge_frames([held, expected], load_lexicon())
    assert one.status == "happened" and one.start_time == "10:00" and one.participants == [0, 1]
    assert one.sentence == held.sentence  # the richest frame gives the evidence


def test_the_next_round_stays_apart_from_the_round_held():
    held = frame(0, participants=[0, 1], date="2024-03-11", status="happened")
    nxt = frame(100, status="planned", sequence="next", future_vague=True, places=[(120, 140)])
    second = frame(200, status="unknown", sequence=2)
    merged = merge_frames([held, nxt, second], load_lexicon())
    assert len(merged) == 2
    assert merged[1].status == "planned" and merged[1].sequence in ("next", 2)


def test_different_dates_or_sides_or_types_do_not_merge():
    lex = load_lexicon()
    assert len(merge_frames([frame(0, date="2024-03-11"), frame(50, date="2024-03-05")], lex)) == 2
    assert len(merge_frames([frame(0, sides=["Poland"]), frame(50, sides=["Chile"])], lex)) == 2
    assert len(merge_frames([frame(0), frame(50, type="agreement")], lex)) == 2
    # an anaphoric "the talks" (nothing stated) joins the talks already read
    assert len(merge_frames([frame(0, sides=["Poland"], date="2024-03-11"), frame(50)], lex)) == 1


def test_strikes_at_two_named_places_are_two_events():
    lex = load_lexicon()
    a = frame(0, type="military_action", named_places=[3], status="happened")
    b = frame(50, type="military_action", named_places=[4], status="happened")
    assert len(merge_frames([a, b], lex)) == 2
    assert len(merge_frames([frame(0, named_places=[3]), frame(50, named_places=[4])], lex)) == 1  # talks


def test_a_reading_with_events_is_valid_against_the_schema():
    schema = json.loads(data_path("schemas/reading.schema.json").read_text(encoding="utf-8"))
    text = "Envoys met in Geneva."
    article = Article(id="a", source=Source(), title=None, published=None, language="en", text=text)
    mention = EventMention("a", "talks", "met", Evidence("a", text, 0, len(text)), participants=["e1"],
                           place="in Geneva", date="--03-11", start_time="10:00", status="happened")
    obj = Reading(article, events=[mention]).to_json()
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(obj)) == []
    obj["events"][0]["status"] = "maybe"
    assert not validator.is_valid(obj)
    assert set(schema["$defs"]["event_mention"]["properties"]) == set(EventMention.__dataclass_fields__)
    assert set(schema["$defs"]["evidence"]["properties"]) == set(Evidence.__dataclass_fields__)


# --- each rule on text written for the project -----------------------------------------------------------

def read_text(nlp, text: str, published: str | None = PUBLISHED) -> Reading:
    article = Article(id="t", source=Source(), title=None, published=published, language="en", text=text)
    doc = nlp.make_doc(text)
    doc._.article_id, doc._.published = "t", published
    return doc_to_reading(nlp(doc), article)


def names(reading: Reading, mention: EventMention) -> list[str]:
    return [reading.entity(i).name for i in mention.participants]


def only(reading: Reading, kind: str) -> EventMention:
    found = [m for m in reading.events if m.type == kind]
    assert len(found) == 1, [(m.type, m.trigger) for m in reading.events]
    return found[0]


@pytest.fixture(scope="module")
def talks(nlp) -> Reading:
    return read_text(nlp, (
        "Polish Foreign Minister Marek Zawadzki and Lithuanian envoy Rasa Kalnina held talks in Geneva on Monday.\n"
        "The talks lasted about three hours.\n"
        "Both sides agreed to extend the grain corridor.\n"
        "Zawadzki had expected the talks to start at 10 a.m. local time on Monday.\n"
        "The next round of talks will take place in Vienna in the coming weeks, Zawadzki said."))


@pytest.mark.model
def test_talks_frame_has_participants_sides_place_date_duration_outcome(talks):
    held, nxt = [m for m in talks.events if m.type == "talks"]
    assert names(talks, held) == ["Marek Zawadzki", "Rasa Kalnina"]
    assert held.sides == ["Poland", "Lithuania"]
    assert held.place == "in Geneva" and held.date == "2024-03-11" and held.status == "happened"
    assert held.duration == "about three hours"
    assert held.outcome == "agreed to extend the grain corridor"
    assert held.start_time == "10:00" and "10 a.m. local time" in held.time
    assert held.evidence.text.startswith("Polish Foreign Minister")
    assert talks.article.text[held.evidence.start:held.evidence.end] == held.evidence.text


@pytest.mark.model
def test_the_next_round_is_a_planned_event_of_its_own(talks):
    nxt = [m for m in talks.events if m.type == "talks"][1]
    assert nxt.status == "planned" and nxt.place == "in Vienna" and nxt.time == "the coming weeks"
    assert nxt.outcome is None and nxt.date is None


@pytest.mark.model
def test_participants_from_between_and_a_light_verb(nlp):
    reading = read_text(nlp, "Talks between Chile and Peru began in Lima on Friday.\n"
                             "Chile and Peru kicked off negotiations on the Chilean-Peruvian border.")
    first, *_ = [m for m in reading.events if m.type == "talks"]
    assert set(names(reading, first)) >= {"Chile", "Peru"}
    assert "in Lima" in first.place and "on the Chilean-Peruvian border" in first.place
    assert first.date == "2024-03-08"


@pytest.mark.model
def test_a_place_phrase_is_kept_whole(nlp):
    reading = read_text(nlp, "Ministers Ana Souza and Ivo Marin met on the banks of the River Danube in Novi Sad, "
                             "Serbia, on Wednesday.")
    meeting = only(reading, "talks")
    assert meeting.place.startswith("on the banks of the River Danube")
    assert names(reading, meeting) == ["Ana Souza", "Ivo Marin"]


@pytest.mark.model
def test_decree_with_its_signer_and_date(nlp):
    reading = read_text(nlp, "On Tuesday, Moldovan President Ilie Varga signed a decree recognizing the new "
                             "border commission.")
    decree = only(reading, "decree")
    assert decree.trigger == "signed a decree" and names(reading, decree) == ["Ilie Varga"]
    assert decree.sides == ["Moldova"] and decree.date == "2024-03-12" and decree.status == "happened"


@pytest.mark.model
def test_attack_with_place_and_a_denied_one_left_out(nlp):
    reading = read_text(nlp, "Turkish forces launched an offensive near Kirkuk on March 3.\n"
                             "The ministry denied that its soldiers had attacked the village.\n"
                             "Officials said they did not bomb the bridge.")
    offensive = only(reading, "military_action")
    assert offensive.place == "near Kirkuk" and offensive.date == "2024-03-03"
    assert offensive.sides == ["Turkey"] and offensive.status == "happened"


@pytest.mark.model
def test_arrival_and_planned_travel(nlp):
    reading = read_text(nlp, "Rasa Kalnina arrived in Warsaw on Sunday.\n"
                             "Marek Zawadzki will travel to Brussels next week.")
    arrival, trip = [m for m in reading.events if m.type == "travel"]
    assert names(reading, arrival) == ["Rasa Kalnina"] and arrival.place == "in Warsaw"
    assert arrival.date == "2024-03-10" and arrival.status == "happened"
    assert trip.status == "planned" and trip.place == "to Brussels" and trip.date == "2024-03-18/2024-03-24"


@pytest.mark.model
def test_formal_statement_is_an_event_said_is_not(nlp):
    reading = read_text(nlp, "The Moldovan government issued a statement on Friday.\n"
                             "Ilie Varga said the port was calm.")
    statement = only(reading, "statement")
    assert statement.trigger == "issued a statement" and statement.date == "2024-03-08"


@pytest.mark.model
def test_aims_and_modifiers_are_not_events(nlp):
    reading = read_text(nlp, "Ana Souza said she will seek an immediate ceasefire.\n"
                             "Reporters waited outside the negotiating room.")
    assert reading.events == []


@pytest.mark.model
def test_agreement_with_its_clause_and_no_time_in_the_outcome(nlp):
    reading = read_text(nlp, "Georgia and Armenia agreed a ceasefire on Saturday after three days of fighting.")
    deal = only(reading, "agreement")
    assert names(reading, deal) == ["Georgia", "Armenia"] and deal.date == "2024-03-09"
    assert deal.outcome == "agreed a ceasefire" and deal.duration is None


# --- the seeds (../shared/gold/seeds.yaml, events) ------------------------------------------------------

@pytest.fixture(scope="module")
def seed_readings(seed_paths):
    import rashomon

    return {stem[:3]: rashomon.read(path) for stem, path in seed_paths.items()}


@pytest.mark.model
def test_seed_talks_round_1_in_each_article(seed_readings):
    first = [m for m in seed_readings["000"].events if m.type == "talks"]
    assert len(first) == 1  # every "the talks" of 000 is the same talks
    talks = first[0]
    assert talks.date == "2022-02-28" and talks.status == "happened" and talks.start_time == "12:00"
    assert "Belarusian-Ukrainian border" in talks.place and "River Pripyat" in talks.place
    assert {"Russia", "Ukraine"} <= set(talks.sides)
    round_1 = next(m for m in seed_readings["001"].events if m.type == "talks" and m.status == "happened")
    assert round_1.date == "--02-28" and round_1.place == "in Gomel, Belarus"
    assert round_1.duration == "nearly five hours" and round_1.outcome.startswith("reached a number of points")


@pytest.mark.model
def test_seed_talks_round_2_is_planned_and_apart(seed_readings):
    planned = [m for m in seed_readings["001"].events if m.type == "talks" and m.status == "planned"]
    assert len(planned) == 1
    assert planned[0].place == "on the Polish-Belarusian border" and "coming days" in planned[0].time


@pytest.mark.model
def test_seed_decree_war_start_and_delegation_agreed(seed_readings):
    r1 = seed_readings["001"]
    decree = only(r1, "decree")
    assert decree.date == "--02-21" and names(r1, decree) == ["Vladimir Putin"]
    war = next(m for m in r1.events if m.type == "military_action")
    assert war.date == "--02-24" and "military operation" in war.trigger
    r0 = seed_readings["000"]
    agreed = next(m for m in r0.events if m.type == "agreement" and m.date)
    assert names(r0, agreed) == ["Volodymyr Zelenskiy"] and agreed.date == "2022-02-26/2022-02-27"
    assert agreed.outcome.startswith("agreed to send a delegation")


@pytest.mark.model
def test_a_trigger_that_needs_an_argument_is_an_event_only_with_it(nlp):
    passed = read_text(nlp, "The regional assembly passed the harbour bill on Thursday.")
    assert [m.type for m in passed.events if m.type == "vote"] == ["vote"]
    named = read_text(nlp, "Bill 214 passed on Thursday 41-9 after a long debate.")
    assert [m.type for m in named.events if m.type == "vote"] == ["vote"]
    overtook = read_text(nlp, "Norway's toll rose on Thursday, passing Sweden to become the highest in the region.")
    assert not [m for m in overtook.events if m.type == "vote"]


@pytest.mark.model
def test_a_plural_agent_noun_makes_its_verb_the_event(nlp):
    reading = read_text(nlp, "Voters handed the ruling Harbour Party a heavy defeat on Sunday.")
    assert [m.type for m in reading.events] == ["vote"]
