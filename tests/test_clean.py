"""clean: each removal rule and the unwrapping, on text written for the project, and the offset map
under random texts (hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rashomon.ingest import article_from_text, clean


def cleaned(text: str, **kwargs):
    """The article of ``text`` (language given: these tests are about cleaning)."""
    return article_from_text(text, language="en", **kwargs)


def kinds(article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for piece in article.removed:
        out.setdefault(piece.kind, []).append(piece.text)
    return out


WRAPPED = (
    "The harbor authority of Carrow published its yearly report on Monday, showing that cargo traffic\n"
    "rose by a fifth while the number of fishing boats in the inner basin fell for the third year in a\n"
    "row, which the report blames on the quota dispute between Velmora and Ostrand.\n"
    "\n"
    "The authority also said that the dredging of the northern channel, delayed since the spring, would\n"
    "begin in September and last until the first storms of the winter.\n"
)


# --- unwrapping ---------------------------------------------------------------------------------

def test_hard_wraps_become_spaces_and_paragraphs_one_newline():
    article = cleaned("Intro\n\n" + WRAPPED)
    paragraphs = article.text.split("\n")
    assert len(paragraphs) == 2
    assert "traffic rose by a fifth" in paragraphs[0] and "in a row, which" in paragraphs[0]


def test_hyphen_at_line_end_joins_without_space_keeping_it():
    text = ("Talks between the two fleets were described as a Velmora-\n"
            "Ostrand breakthrough by the mayor of Carrow, who had hosted them in the old customs hall\n"
            "for more than three weeks of difficult negotiation.\n")
    assert "Velmora-Ostrand breakthrough" in cleaned(text).text


def test_one_paragraph_per_line_text_is_not_unwrapped():
    text = ("Carrow port reopens\n"
            "The port of Carrow reopened on Monday after a nine-day strike by dockworkers ended.\n"
            "Dozens of cargo ships waiting outside the harbor began to enter the basin in the afternoon.\n")
    article = cleaned(text)
    assert article.title == "Carrow port reopens"
    assert article.text.count("\n") == 1


def test_sentence_split_by_page_break_is_rejoined():
    text = ("The mayor said the new ferry terminal, which the council approved after a long debate in\n"
            "the spring, would open to\n\n\nhttps://carrowcourier.example/2018/06/01/old-story\n\n3/7\n\n"
            "passengers in the first week of July.\n\nShe did not give a cost.\n")
    article = cleaned(text)
    assert "would open to passengers in the first week of July." in article.text
    assert kinds(article)["footer"] == ["https://carrowcourier.example/2018/06/01/old-story"]
    assert kinds(article)["page_number"] == ["3/7"]


def test_paragraph_ending_a_sentence_is_not_joined_to_the_next():
    article = cleaned("First paragraph ends here.\n\nsecond one starts in lower case, as some do.\n")
    assert article.text == "First paragraph ends here.\nsecond one starts in lower case, as some do."


# --- line debris --------------------------------------------------------------------------------

def test_page_numbers_and_print_stamps():
    for line in ["1/3", "Page 2 of 5", "page 4", "- 7 -", "12"]:
        assert clean.classify_line(line) == "page_number", line
    assert clean.classify_line("3/14/21, 10:32 AM Ferry strike ends - Carrow Courier") == "header"
    assert clean.classify_line("In 2021, 3 of 5 ferries were late.") is None


def test_repeated_header_lines_are_removed():
    text = ("THE CARROW COURIER | Harbor\nThe harbor master resigned on Monday after the audit.\n\n"
            "THE CARROW COURIER | Harbor\nHis deputy will take over until the council meets again.\n")
    article = cleaned(text)
    assert kinds(article)["header"] == ["THE CARROW COURIER | Harbor"] * 2
    assert "COURIER" not in article.text


def test_repeated_sentence_is_not_a_header():
    text = "We will not give up.\nThe union leader repeated it twice.\nWe will not give up.\n"
    assert cleaned(text).text.count("We will not give up.") == 2


def test_related_lines():
    for line in ["Related article: Ferry strike ends", "Read more: Quota talks stall in Mell",
                 "See also: Harbor fees rise", "READ MORE", "- Related: Mell council votes"]:
        assert clean.classify_line(line) == "related", line
    assert clean.classify_line("Read more carefully, the auditor told the council.") is None


def test_boilerplate_lines():
    for line in ["Share this article", "Subscribe to our newsletter!", "Follow us on Telegram",
                 "Advertisement", "Sign up for our newsletter to get the harbor news"]:
        assert clean.classify_line(line) == "boilerplate", line
    long_line = ("Follow us on the long road to the harbor, the mayor told the crowd at the opening of the "
                 "new ferry terminal on Sunday.")
    assert clean.classify_line(long_line) is None
    assert clean.classify_line("Advertisements for the ferry were banned.") is None


def test_image_markdown_and_table_debris():
    text = ("Mell council votes on fees\n![](https://img.example.org/a.jpg)\n![Harbor at dusk](x.png) |\n"
            "|---|---|\nThe council voted for the new harbor fees on Monday. |\n"
            "| The fee rises to ten crowns per boat |\n")
    article = cleaned(text)
    found = kinds(article)
    assert found["image"] == ["![](https://img.example.org/a.jpg)", "![Harbor at dusk](x.png) |"]
    assert "|---|---|" in found["table"]
    assert "The council voted for the new harbor fees on Monday." in article.text
    assert "The fee rises to ten crowns per boat" in article.text
    assert "|" not in article.text.replace("The fee rises to ten crowns per boat", "")


def test_long_runs_of_symbols_are_taken_out_and_short_ones_kept():
    text = ("((((" * 40 + "Le conseil a voté le budget mardi." + "))))" * 40 + "\n" + "=" * 70 + "\n"
            "Вечером мэр сказал: «Это важно»!!! — и ушёл… " + "\U0001F525" * 80 + "\n(See page 4.) ---- * * *\n")
    article = cleaned(text)
    assert article.text == ("Le conseil a voté le budget mardi.\nВечером мэр сказал: «Это важно»!!! — и ушёл…\n"
                            "(See page 4.) ---- * * *")
    pieces = [r for r in article.removed if r.kind == "symbols"]
    assert [text[r.start:r.end][:4] for r in pieces] == ["((((", "))))", "====", "\U0001F525" * 4]
    assert pieces[0].text == "((((" * 40
    check_offsets(article)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["The mayor spoke.", " ", "\n", "((((" * 20, "!?" * 40, "word", "-" * 63]),
                max_size=30).map("".join))
def test_offset_map_with_symbol_runs(text):
    check_offsets(cleaned(text))


# --- captions and credits -----------------------------------------------------------------------

def test_caption_with_agency_credit_near_top():
    text = ("Ferry Strike Ends\n\nMarch 9, 2021\n\n"
            "Dockworkers leave the Carrow terminal after the vote. Lena Moss / CARROW PRESS / WIRE\n\n"
            "Dockworkers in Carrow voted to end their strike on Monday evening, the union said.\n")
    article = cleaned(text)
    assert kinds(article)["caption"] == ["Dockworkers leave the Carrow terminal after the vote."]
    assert kinds(article)["credit"] == ["Lena Moss / CARROW PRESS / WIRE"]
    assert article.text == "Dockworkers in Carrow voted to end their strike on Monday evening, the union said."


def test_caption_with_marker_after_an_image():
    text = ("Harbor fees rise\nThe council raised harbor fees on Monday.\n![](img.jpg)\n"
            "The new fee board at the harbor gate. Getty Images\nFishermen said the rise was unfair.\n")
    article = cleaned(text)
    assert kinds(article)["caption"] == ["The new fee board at the harbor gate."]
    assert kinds(article)["credit"] == ["Getty Images"]


def test_body_sentence_mentioning_a_credit_marker_is_kept():
    text = ("Photo agency sued\n\nGetty Images said on Monday it would appeal the ruling of the Carrow court.\n\n"
            "The case concerns pictures of the harbor strike.\n")
    article = cleaned(text)
    assert "Getty Images said on Monday" in article.text
    assert "caption" not in kinds(article) and "credit" not in kinds(article)


def test_slash_in_body_far_from_an_image_is_not_a_credit():
    text = ("Fees rise\n\nThe council met on Monday.\n\nThe mayor spoke.\n\n"
            "Voters backed the plan by a wide margin and the ferry operator Mell Lines / Carrow Ferries\n\n"
            "The vote was held in the old customs hall.\n")
    assert "Mell Lines / Carrow Ferries" in cleaned(text).text


# --- offsets ------------------------------------------------------------------------------------

def check_offsets(article) -> None:
    """Every clean character maps to the same original character (or whitespace made a space or a
    newline), the map is strictly increasing, removed pieces hold what they say, and every visible
    original character is either in the clean text or in a removed piece, never both."""
    original, text = article.original, article.text
    mapped = [article.offset_map.to_original(i) for i in range(len(text))]
    assert all(a < b for a, b in zip(mapped, mapped[1:]))
    for i, char in enumerate(text):
        source = original[mapped[i]]
        assert char == source or (char in " \n" and source.isspace()), (i, char, source)
    in_removed = set()
    for piece in article.removed:
        assert 0 <= piece.start < piece.end <= len(original)
        assert re.sub(r"\s", "", piece.text) == re.sub(r"\s", "", original[piece.start:piece.end])
        in_removed.update(range(piece.start, piece.end))
    in_clean = set(mapped)
    for offset, char in enumerate(original):
        if not char.isspace():
            assert (offset in in_clean) != (offset in in_removed), (offset, char, original[offset - 20:offset + 20])


words = st.sampled_from(["harbor", "Carrow", "ferry", "Velmora-", "Ostrand’s", "said", "“fees”", "the",
                         "council", "on", "Monday,", "fish.", "boats", "quota", "and", "it", "Mell"])
sentence = st.lists(words, min_size=1, max_size=30).map(lambda ws: " ".join(ws) + ".")
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
furniture = st.sampled_from(["https://www.carrowcourier.example/2020/01/02/x", "Page 2 of 3", "",
                             "Share this article", "![](pic.jpg) |", "Related: Mell ferry", "  "])


@st.composite
def wrapped_texts(draw):
    """Paragraphs hard-wrapped at a random width, with furniture lines and blank lines between."""
    width = draw(st.integers(min_value=20, max_value=100))
    lines: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        lines += wrap(draw(paragraph), width)
        lines += draw(st.lists(furniture, max_size=3))
    return "\n".join(lines)


def wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return out + [line]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(wrapped_texts())
def test_offset_map_on_random_wrapped_texts(text):
    check_offsets(cleaned(text))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab C.-|!()[]/:\n\f ’”1")), max_size=300))
def test_offset_map_on_random_noise(text):
    check_offsets(cleaned(text))


def test_offset_map_on_fixtures(data_dir):
    for path in sorted((data_dir / "ingest").glob("*.txt")):
        check_offsets(cleaned(path.read_text(encoding="utf-8")))
