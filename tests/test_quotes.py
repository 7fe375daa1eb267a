"""Tests for rashomon.read.quotes: quotation marks, direct quotes, reported speech, terms.

Rules are tested on text written for the project (fictional people, outlets and events); the seeds
are read through the fixtures (skipped when ../shared is absent) and asserted on the gold's strings.
Assertions are on the behaviour our rules add (who is the speaker, what is the content), not on
incidental model output.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rashomon.knowledge.lexicons import load_title_words
from rashomon.read.quotes import (
    MAX_TERM_TOKENS,
    find_quotation_pairs,
    load_lexicon,
    quote_content,
    trim_chars,
)

# --- without a model -----------------------------------------------------------------------------


def quoted(text: str) -> list[str]:
    return [text[a + 1 : b] for a, b in find_quotation_pairs(text)]


def test_pairs_curly_straight_and_guillemets():
    text = '“One,” she said. "Two," he said. «Three», they said.'
    assert quoted(text) == ["One,", "Two,", "Three"]


def test_apostrophes_are_not_quotation_marks():
    text = "The port’s manager said ‘no’ to the city’s plan."
    assert quoted(text) == ["no"]


def test_single_marks_inside_double_belong_to_the_outer_quote():
    text = "“They called it ‘a farce’ at once,” the clerk said."
    assert quoted(text) == ["They called it ‘a farce’ at once,"]


def test_unclosed_quote_runs_to_the_end_of_its_paragraph():
    text = "“The first part goes on.\n\n“The second part ends,” the captain said."
    assert quoted(text) == ["The first part goes on.", "The second part ends,"]


def test_quote_content_drops_edge_spaces_and_trailing_comma():
    text = '"We will not sign ,  " the mayor said.'
    start, end = quote_content(text, find_quotation_pairs(text)[0])
    assert text[start:end] == "We will not sign"
    assert trim_chars("  “word,” ", 0, 10) == (3, 7)


def test_lexicon_is_data():
    lexicon = load_lexicon()
    assert {"say", "stress", "add", "report", "tell"} <= lexicon.verbs
    assert "according to" in lexicon.phrases
    assert "announce" in lexicon.object_verbs
    assert "believe" not in lexicon.verbs  # beliefs are left out on purpose (see the file header)
    assert "film" in load_title_words()


@given(st.text(alphabet=st.sampled_from(list('ab ’‘“”"«»\n.,')), max_size=60))
def test_pairs_are_ordered_disjoint_and_inside_the_text(text):
    pairs = find_quotation_pairs(text)
    for start, end in pairs:
        assert 0 <= start < end < len(text) or (0 <= start < end <= len(text) and text[end] == "\n")
    for (_, end), (start, _) in zip(pairs, pairs[1:]):
        assert end <= start


# --- with the model: rules on text written for the project --------------------------------------


def read(nlp, text):
    """Run the pipeline; return (quotes as dicts of strings, terms as strings)."""
    doc = nlp(text)

    def s(span):
        return None if span is None else text[span[0] : span[1]]

    quotes = [dict(kind=q.kind, text=text[q.start : q.end], cue=s(q.cue), speaker=s(q.speaker),
                   antecedent=s(q.antecedent)) for q in doc._.quotes]
    return quotes, [text[a:b] for a, b in doc._.terms]


def only(quotes, kind, fragment):
    found = [q for q in quotes if q["kind"] == kind and fragment in q["text"]]
    assert len(found) == 1, (fragment, quotes)
    return found[0]


def test_direct_quote_then_description_speaker(nlp):
    quotes, terms = read(nlp, "“We will not sign,” the mayor said.")
    q = only(quotes, "direct", "We will not sign")
    assert (q["speaker"], q["cue"]) == ("the mayor", "said")
    assert terms == []


def test_colon_and_inverted_order(nlp):
    quotes, _ = read(nlp, 'Harbour master Ivo Brandt said: "The cranes are back in service." '
                          '"The night shift starts Monday," said Lena Voss.')
    assert only(quotes, "direct", "cranes are back")["speaker"] == "Ivo Brandt"
    assert only(quotes, "direct", "night shift")["speaker"] == "Lena Voss"


def test_pronoun_speaker_gets_its_antecedent(nlp):
    text = 'Governor Alma Ruiz visited the docks on Tuesday. "We are ready for the storm," she said.'
    q = only(read(nlp, text)[0], "direct", "ready for the storm")
    assert q["speaker"] == "she"
    assert "Alma Ruiz" in q["antecedent"]


def test_participle_cue_takes_the_subject_of_its_verb(nlp):
    text = "The city council declined to comment, saying “the inquiry must run its course.”"
    q = only(read(nlp, text)[0], "direct", "the inquiry must run its course")
    assert (q["speaker"], q["cue"]) == ("The city council", "saying")


def test_multi_sentence_quote_is_one_quote(nlp):
    text = "“The bridge is safe. Engineers checked it twice. Traffic resumes at noon,” the engineer said."
    quotes, _ = read(nlp, text)
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert len(direct) == 1
    assert direct[0]["text"].startswith("The bridge is safe") and direct[0]["text"].endswith("at noon")
    assert direct[0]["speaker"] == "the engineer"


def test_multi_part_quote_shares_speaker_and_cue(nlp):
    text = "Ms. Ortega stressed that “the harbour stays open” and “ferries run as usual.”"
    quotes, terms = read(nlp, text)
    first, second = only(quotes, "direct", "harbour stays open"), only(quotes, "direct", "ferries run")
    assert first["speaker"] == second["speaker"] and "Ortega" in first["speaker"]
    assert first["cue"] == second["cue"] == "stressed"
    assert not [q for q in quotes if q["kind"] == "reported"]  # the quotes carry the statement
    assert terms == []


def test_following_quote_without_cue_keeps_the_speaker(nlp):
    quotes, _ = read(nlp, "“We will not sign,” the mayor said. “Not today, not ever.”")
    assert only(quotes, "direct", "Not today")["speaker"] == "the mayor"


def test_quote_without_speaker(nlp):
    quotes, _ = read(nlp, "The storm passed at dawn.\n\n“Nobody expected this flood.”")
    q = only(quotes, "direct", "Nobody expected this flood")
    assert q["speaker"] is None and q["cue"] is None


def test_scare_quotes_and_named_terms_are_terms(nlp):
    quotes, terms = read(nlp, "Critics attacked a so-called “reform” of the pension law, "
                              "which the minister calls “modernisation”.")
    assert terms == ["reform", "modernisation"]
    assert not [q for q in quotes if q["kind"] == "direct"]


def test_quoted_title_is_neither_quote_nor_term(nlp):
    quotes, terms = read(nlp, "She read the novel “Winter Harbour” twice.")
    assert terms == [] and quotes == []


def test_short_quote_inside_reported_speech_is_a_term(nlp):
    # The reported clause carries the statement; the quoted word marks the speaker's wording.
    quotes, terms = read(nlp, "Councillor Dane Price said the talks were “productive”.")
    assert terms == ["productive"]
    q = only(quotes, "reported", "the talks were")
    assert q["speaker"] == "Dane Price"


def test_short_quote_introduced_by_a_cue_is_a_quote(nlp):
    quotes, terms = read(nlp, "Asked about the strike, the union leader said: “Never.”")
    assert "Never" in [q["text"] for q in quotes if q["kind"] == "direct"]
    assert terms == []
    assert MAX_TERM_TOKENS >= 1


def test_reported_speech_that_clause(nlp):
    q = only(read(nlp, "The ministry said in a statement that the bridge would reopen on Friday.")[0],
             "reported", "bridge would reopen")
    assert q["text"] == "the bridge would reopen on Friday"
    assert (q["speaker"], q["cue"]) == ("The ministry", "said")


def test_reported_speech_told_and_added(nlp):
    quotes, _ = read(nlp, "The mayor told reporters that the budget was balanced. "
                          "She added that taxes would not rise.")
    assert only(quotes, "reported", "budget was balanced")["speaker"] == "The mayor"
    added = only(quotes, "reported", "taxes would not rise")
    assert added["cue"] == "added" and added["speaker"] == "She"


def test_adding_takes_the_subject_of_its_verb(nlp):
    text = 'Governor Alma Ruiz spoke at the docks. "We are ready," she said, adding that shelters were open.'
    q = only(read(nlp, text)[0], "reported", "shelters were open")
    assert (q["cue"], q["speaker"]) == ("adding", "she")
    assert "Alma Ruiz" in q["antecedent"]


def test_parenthetical_cue_reports_the_main_clause(nlp):
    text = "Trains stopped near Vellmar on Sunday, the Vellmar Courier reported, citing railway staff."
    q = only(read(nlp, text)[0], "reported", "Trains stopped")
    assert q["text"] == "Trains stopped near Vellmar on Sunday"
    assert (q["speaker"], q["cue"]) == ("the Vellmar Courier", "reported")


def test_according_to(nlp):
    q = only(read(nlp, "The harbour will close for two weeks, according to the Daily Ledger.")[0],
             "reported", "harbour will close")
    assert (q["speaker"], q["cue"]) == ("the Daily Ledger", "according to")
    assert q["text"] == "The harbour will close for two weeks"


def test_announced_with_an_object(nlp):
    q = only(read(nlp, "The Vellmar port authority announced the closure of the northern pier.")[0],
             "reported", "closure")
    assert q["cue"] == "announced" and "port authority" in q["speaker"]


def test_reported_speech_does_not_cross_paragraphs(nlp):
    text = "The ferry company said the ferries run.\n\nThe harbour was quiet on Sunday."
    for q in read(nlp, text)[0]:
        assert "\n" not in q["text"]


def test_offsets_point_into_the_text(nlp):
    text = "“We will not sign,” the mayor said. The ministry said that talks would go on."
    doc = nlp(text)
    for q in doc._.quotes:
        assert 0 <= q.start < q.end <= len(text)
        for span in (q.cue, q.speaker, q.antecedent):
            assert span is None or (0 <= span[0] < span[1] <= len(text) and text[span[0]:span[1]].strip())


# --- the seeds (real articles, via the fixtures) ------------------------------------------------


def crude_clean(raw: str) -> str:
    """Crude body text for a seed: drop footer URLs, related links, image rows, credits; join wraps.

    Stand-in for ``rashomon.ingest`` (the real cleaner); good enough to test quotes on.
    """
    wrapped = "\n\n" in raw.strip()  # hard-wrapped text has blank lines between paragraphs
    paragraphs: list[str] = []
    current: list[str] = []
    blank = True
    for line in raw.splitlines():
        s = line.strip()
        if not s:
            blank = True
            continue
        if s.startswith(("http", "Related article", "![]()")) or s.endswith("|") or " / " in s:
            continue
        if current and (not wrapped or (blank and not s[0].islower())):
            paragraphs.append(" ".join(current))
            current = []
        current.append(s)
        blank = False
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def seed_reads(nlp, seed_paths):
    """Quotes and terms of each seed, keyed by the seed's number ("000")."""
    return {stem[:3]: read(nlp, crude_clean(path.read_text(encoding="utf-8"))) for stem, path in seed_paths.items()}


def norm(text: str) -> str:
    return re.sub(r"[’']", "'", text).lower()


def find_quote(quotes, kind, fragment):
    fragment = norm(fragment)
    return [q for q in quotes if q["kind"] == kind and norm(q["text"]).startswith(fragment[:30])]


def test_seed_direct_quotes_match_the_gold(seed_reads, gold):
    for item in gold["quotes"]:
        quotes, _ = seed_reads[str(item["in"]).zfill(3)]
        found = find_quote(quotes, "direct", item["starts"])
        assert len(found) == 1, item
        assert found[0]["speaker"] is not None, item


def test_seed_speakers(seed_reads):
    quotes_000, _ = seed_reads["000"]
    assert find_quote(quotes_000, "direct", "the negotiators should talk")[0]["speaker"] == "The Kremlin"
    waiting = find_quote(quotes_000, "direct", "We are waiting")[0]
    assert waiting["speaker"] == "he" and "Medinsky" in waiting["antecedent"]
    quotes_001, _ = seed_reads["001"]
    described = find_quote(quotes_001, "direct", "We found points")[0]
    assert described["speaker"] == "the Russian presidential aide"
    assert "Polish-Belarusian border" in described["text"]  # three sentences, one quote
    sides = find_quote(quotes_001, "direct", "the sides listened")[0]
    points = find_quote(quotes_001, "direct", "found a number of important points")[0]
    assert sides["speaker"] == points["speaker"] and "Slutsky" in sides["speaker"]


def test_seed_terms_are_not_quotes(seed_reads, gold):
    for item in gold["not_quotes"]:
        quotes, terms = seed_reads[str(item["in"]).zfill(3)]
        assert item["text"] in terms
        assert not find_quote(quotes, "direct", item["text"])


@pytest.mark.parametrize("fragment, speaker", [
    ("will seek an immediate ceasefire", "office"),
    ("consists of", "office"),
    ("expected the talks to start", "he"),
    ("exact location", "Belarusian state television"),
    ("Abramovich is reportedly joining", "The Jerusalem Post"),
    ("participants had reviewed", "Medinsky"),
    ("main purpose of the meeting", "Podolyak"),
    ("did not attack civilian targets", "The Russian Defense Ministry"),
])
def test_seed_reported_speech(seed_reads, fragment, speaker):
    quotes = seed_reads["000"][0] + seed_reads["001"][0]
    found = [q for q in quotes if q["kind"] == "reported" and norm(fragment) in norm(q["text"])]
    assert found, fragment
    assert any(speaker in (q["speaker"] or "") for q in found), found


@pytest.mark.model
def test_an_act_reported_in_the_outlets_words_is_not_a_statement():
    import rashomon

    act = rashomon.read("The harbour authority announced the closure of the northern pier on Monday.")
    said = rashomon.read("The harbour authority announced that the northern pier would close on Monday.")
    assert act.quotes and not any(q.statement for q in act.quotes)
    assert said.quotes and all(q.statement for q in said.quotes)
