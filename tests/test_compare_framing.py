"""Tests for rashomon.compare.framing: contested terms and their voices, the lexicon, log-odds.

Texts are invented for the project; the seed test reads the seeds from ../shared and checks the
framing named in gold/seeds.yaml (comparison.framing).
"""

from __future__ import annotations

import pytest

from rashomon.compare.framing import (MIN_CONTENT_WORDS, content_words, distinctive_words, framing_uses,
                                      load_lexicon, log_odds_z, story_framing)
from rashomon.messages import RashomonError
from rashomon.records import Article, Quote, Reading, Source, Speaker, Term


def reading(text: str, article_id: str = "a1", quotes=(), terms=(), outlet: str | None = None) -> Reading:
    article = Article(id=article_id, source=Source(outlet=outlet), title=None, published=None, language="en",
                      text=text)
    return Reading(article=article, quotes=list(quotes), terms=list(terms))


def quote_of(text: str, inner: str, kind: str = "direct", cue: str = "said", statement: bool = True) -> Quote:
    start = text.index(inner)
    return Quote(kind=kind, text=inner, start=start, end=start + len(inner), cue=cue,
                 speaker=Speaker(entity=None, text="the minister"), statement=statement)


def uses_by_text(r: Reading, lexicon=None) -> dict[str, tuple[str, str]]:
    return {u.text.lower(): (u.variant, u.voice) for u in framing_uses(r, lexicon)}


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


# --- voices of a use ----------------------------------------------------------------------------

def test_own_voice(lexicon):
    uses = uses_by_text(reading("The invasion of the island entered its third week as troops invaded the port."),
                        lexicon)
    assert uses["invasion"] == ("invasion", "own")
    assert uses["invaded"] == ("invasion", "own")


@pytest.mark.parametrize("text", [
    "The general ordered what is officially labeled a special military operation in the valley.",
    "Troops crossed the river in what the governor has called a special military operation.",
    "The ministry described the move as a special military operation.",
    "The push was dubbed a special military operation by state media.",
    "The special military operation, as the Kremlin calls it, began at dawn.",
])
def test_attribution_cues_make_a_use_attributed(lexicon, text):
    assert uses_by_text(reading(text), lexicon)["special military operation"] == (
        "special military operation", "attributed")


def test_inside_a_quote_is_attributed(lexicon):
    text = 'The minister said: "This special operation will end soon." Reporters left.'
    r = reading(text, quotes=[quote_of(text, "This special operation will end soon.")])
    assert uses_by_text(r, lexicon)["special operation"] == ("special military operation", "attributed")


def test_reported_clause_is_attributed_but_a_reported_act_is_not(lexicon):
    clause = "The envoy announced that the intervention would end by spring."
    act = "The envoy announced the start of an intervention in the north."
    r1 = reading(clause, quotes=[quote_of(clause, "the intervention would end by spring", "reported", "announced")])
    r2 = reading(act, quotes=[quote_of(act, "the start of an intervention", "reported", "announced",
                                       statement=False)])  # read marks a reported act (tests/test_quotes.py)
    assert uses_by_text(r1, lexicon)["intervention"][1] == "attributed"
    assert uses_by_text(r2, lexicon)["intervention"][1] == "own"


@pytest.mark.parametrize("text, term", [
    ("The so-called reunification was condemned abroad.", "reunification"),
    ("A self-styled liberation army marched in.", "liberation"),
    ("Officials vowed to “denazify” the region.", "denazify"),
    ('The plan to "demilitarize" the zone failed.', "demilitarize"),
])
def test_distancing(lexicon, text, term):
    assert uses_by_text(reading(text), lexicon)[term][1] == "distanced"


def test_reader_terms_make_a_use_distanced(lexicon):
    text = "Talks on the regime change stalled."
    start = text.index("regime")
    r = reading(text, terms=[Term("regime change", start, start + len("regime change"))])
    assert uses_by_text(r, lexicon)["regime"] == ("regime", "distanced")


# --- matching rules -----------------------------------------------------------------------------

def test_spelling_variants_whole_words_only(lexicon):
    uses = uses_by_text(reading("Flights from Kiev to Lugansk resumed; Kyivstar and Kharkovsky did not."), lexicon)
    assert uses == {"kiev": ("Kiev", "own"), "lugansk": ("Lugansk", "own")}


def test_longest_match_wins_and_term_group_is_reported(lexicon):
    text = "The special military operation became an offensive; offensive weapons arrived."
    uses = framing_uses(reading(text), lexicon)
    assert [(u.variant, u.text) for u in uses] == [("special military operation", "special military operation"),
                                                   ("offensive", "offensive")]
    assert text[uses[1].start:uses[1].end] == "offensive" and uses[1].start == text.index("offensive")


def test_general_concepts_beyond_ukraine(lexicon):
    text = "Pro-life groups and undocumented immigrants rallied against the death tax and for tax relief."
    variants = {u.variant for u in framing_uses(reading(text), lexicon)}
    assert variants == {"pro-life", "undocumented", "death tax", "tax relief"}


def test_world_war_is_not_naming_this_war(lexicon):
    assert [u.text for u in framing_uses(reading("Since the Second World War, no war was this long."), lexicon)] \
        == ["war"]


def test_story_framing_groups_by_concept(lexicon):
    a = reading("The invasion reached Kyiv.", "a")
    b = reading("The special military operation reached Kiev.", "b")
    framing = story_framing([a, b], lexicon)
    assert [f.concept for f in framing] == ["kyiv_spelling", "invasion"]
    by = {f.concept: [(u.article, u.variant) for u in f.uses] for f in framing}
    assert by["kyiv_spelling"] == [("a", "Kyiv"), ("b", "Kiev")]
    assert by["invasion"] == [("a", "invasion"), ("b", "special military operation")]


# --- the user's lexicon -------------------------------------------------------------------------

def test_user_lexicon_extends_overrides_and_drops(tmp_path):
    extra = tmp_path / "terms.yaml"
    extra.write_text(
        "concepts:\n"
        "  kyiv_spelling:\n"
        "    variants:\n"
        "      Kiev: ['kiev', 'kieff']\n"        # a variant of the same name replaces ours
        "  fruit_naming:\n"
        "    note: invented for the test\n"
        "    variants:\n"
        "      aubergine: ['aubergines?']\n"
        "      eggplant: ['eggplants?']\n"
        "  war_naming: null\n"                     # dropped
        "  invasion:\n"
        "    replace: true\n"
        "    variants:\n"
        "      incursion: ['incursions?']\n"
        "cues:\n"
        "  distancing: ['supposed']\n", encoding="utf-8")
    lexicon = load_lexicon(extra)
    assert "war_naming" not in lexicon.concepts
    assert set(lexicon.concepts["kyiv_spelling"].variants) == {"Kyiv", "Kiev"}
    assert list(lexicon.concepts["invasion"].variants) == ["incursion"]
    text = "Kieff markets sold eggplants during the war and the supposed incursion."
    assert uses_by_text(reading(text), lexicon) == {"kieff": ("Kiev", "own"), "eggplants": ("eggplant", "own"),
                                                    "incursion": ("incursion", "distanced")}
    assert "war_naming" in load_lexicon().concepts  # the packaged lexicon is untouched


def test_user_lexicon_with_a_bad_pattern_fails_with_a_message(tmp_path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("concepts:\n  broken:\n    variants:\n      x: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(RashomonError, match="unclosed"):
        load_lexicon(extra)


# --- distinctive words --------------------------------------------------------------------------

FILLER = ("delegates gathered morning hall discussed trade routes harbour fees grain exports weather season "
          "ferry schedules bridge repairs market prices").split()


def synthetic(article_id: str, planted: list[str], outlet: str | None = None, n: int = 240) -> Reading:
    words = [FILLER[i % len(FILLER)] for i in range(n)]
    for i, word in enumerate(planted * 12):
        words[(i * 7) % n] = word
    return reading(" ".join(words) + ".", article_id, outlet=outlet)


def test_log_odds_finds_planted_words():
    a = synthetic("a", ["aggression", "occupiers"])
    b = synthetic("b", ["reunification", "compatriots"])
    result = distinctive_words([a, b])
    assert {w["word"] for w in result["a"][:2]} == {"aggression", "occupiers"}
    assert {w["word"] for w in result["b"][:2]} == {"reunification", "compatriots"}
    assert all(w["z"] >= 1.96 for ws in result.values() for w in ws)
    assert not {w["word"] for w in result["a"]} & set(FILLER)


def test_log_odds_by_outlet_pools_articles():
    a1, a2 = synthetic("a1", ["aggression"], "North Post", 120), synthetic("a2", ["aggression"], "North Post", 120)
    b = synthetic("b", ["compatriots"], "South Herald")
    result = distinctive_words([a1, a2, b], by="outlet")
    assert set(result) == {"North Post", "South Herald"}
    assert result["North Post"][0]["word"] == "aggression"


def test_not_enough_text_gives_nothing():
    a = synthetic("a", ["aggression"], n=MIN_CONTENT_WORDS - 20)
    b = synthetic("b", ["compatriots"], n=MIN_CONTENT_WORDS - 20)
    assert distinctive_words([a, b]) == {}
    assert distinctive_words([synthetic("only", ["aggression"])]) == {}


def test_log_odds_z_is_antisymmetric():
    i, j = {"x": 10, "y": 2}, {"x": 1, "y": 9}
    prior = {"x": 11, "y": 11}
    zi, zj = log_odds_z(i, j, prior), log_odds_z(j, i, prior)
    assert zi["x"] > 1.96 and zi["x"] == pytest.approx(-zj["x"])


def test_content_words_drop_stopwords_and_possessives():
    assert content_words("The Kremlin’s envoy said it would be THERE.") == ["kremlin", "envoy", "said"]


# --- the seeds ----------------------------------------------------------------------------------

@pytest.mark.model
def test_seed_framing(seed_paths):
    import rashomon

    readings = [rashomon.read(seed_paths[k]) for k in sorted(seed_paths) if k[:3] in {"000", "001"}]
    assert len(readings) == 2, "the seeds 000 and 001 are needed"
    uses = {r.article.id[:3]: {(u.variant, u.voice) for u in framing_uses(r)} for r in readings}
    assert {("invasion", "own"), ("offensive", "own"), ("special military operation", "attributed"),
            ("demilitarization", "distanced"), ("denazification", "distanced")} <= uses["000"]
    assert ("special military operation", "own") not in uses["000"]
    assert {("special military operation", "own"), ("demilitarization", "own"), ("Kiev", "own"),
            ("Lugansk", "own")} <= uses["001"]
    assert not {v for v, _ in uses["001"]} & {"Kyiv", "Luhansk"}


def test_contested_terms_in_other_languages_join_the_english_variants(lexicon):
    ru = reading("Москва назвала это специальной военной операцией, а Киев говорит о вторжении.", "ru1")
    de = reading("Die sogenannte Spezialoperation ist ein Angriffskrieg, sagte die Regierung.", "de1")
    uses = uses_by_text(ru, lexicon) | uses_by_text(de, lexicon)
    assert uses["специальной военной операцией"][0] == uses["spezialoperation"][0] == "special military operation"
    assert uses["вторжении"][0] == "invasion" and uses["angriffskrieg"][0] == "aggression"
    assert uses["regierung"][0] == "government"
    assert uses["spezialoperation"][1] == "distanced"  # "sogenannte": so-called
    assert not uses_by_text(reading("Режим работы изменили.", "ru2"), lexicon)  # "mode", not regime
