"""An Analysis built by hand for the report tests (written for the project; invented outlets and people).

Two stories. The first, "Foreign ministers meet in Minsk", has three sources from three outlets and
shows every verdict, the three framing voices, voices from several sides, a timeline with dated
(one date shared by two items, one range) and vague items, entities with aliases, roles and merge
evidence, and an event. The second has one source and nothing to compare (the empty states).
Article-derived text carries HTML and script payloads in every place the report shows it.
"""

from __future__ import annotations

from rashomon.records import (Alias, Analysis, Article, CorpusEntity, CorpusMention, CorpusRole, Event,
                              EventMention, Evidence, Facet, FacetValue, Failure, Framing, FramingUse,
                              Reading, Source, Story, TimelineItem)

SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
QUOTES = '"quotes" & ampersands'
IMG = "<img src=x onerror=\"window.__pwned = 2\">"
EVIDENCE_SENTENCE = "The meeting in the Belarusian capital lasted five hours, a ministry spokesman said."
CONFLICT_EXPLANATION = "three hours (Harbor Wire) against five hours (The Ledger): the durations contradict."


def article(aid: str, outlet: str, title: str, published: str | None, text: str = "") -> Reading:
    return Reading(Article(aid, Source(path=f"in/{aid}.txt", outlet=outlet), title, published, "en", text))


def ev(aid: str, text: str, start: int) -> Evidence:
    return Evidence(aid, text, start, start + len(text))


def make_analysis() -> Analysis:
    readings = [
        article("hw-1", "Harbor Wire", "Ministers talk for three hours in Minsk", "2024-03-11"),
        article("ledger-1", f'The Ledger {QUOTES}', "Minsk meeting ends without a deal", "2024-03-12"),
        article("vostok-1", "Vostok Daily", f"Talks {SCRIPT} in Minsk", None),
        article("hw-2", "Harbor Wire", "Grain corridor to reopen", "2024-03-14"),
    ]
    facets = [
        Facet("date", "agree", "All sources that give a date give 11 March.",
              [FacetValue("hw-1", "2024-03-11", evidence=ev("hw-1", "The ministers met on Monday, 11 March.", 0)),
               FacetValue("ledger-1", "2024-03-11", evidence=ev("ledger-1", "They met on Monday.", 40))],
              missing_in=["vostok-1"]),
        Facet("place", "compatible", "Minsk is the Belarusian capital: the same place, said differently.",
              [FacetValue("hw-1", "Minsk", ["e-minsk"], ev("hw-1", "Talks were held in Minsk.", 60)),
               FacetValue("ledger-1", "Minsk, Belarus", ["e-minsk"], ev("ledger-1", "In Minsk, Belarus, the two met.", 80)),
               FacetValue("vostok-1", "the Belarusian capital", ["e-minsk"],
                          ev("vostok-1", EVIDENCE_SENTENCE, 120))]),
        Facet("participants", "partial", "Vostok Daily names a third participant the others leave out.",
              [FacetValue("hw-1", ["Olena Marchenko", "Pavel Sorokin"], ["e-marchenko", "e-sorokin"]),
               FacetValue("ledger-1", ["Marchenko", "Sorokin"], ["e-marchenko", "e-sorokin"]),
               FacetValue("vostok-1", ["Sorokin", "Marchenko", "Ales Drozd"], ["e-sorokin", "e-marchenko", "e-drozd"])]),
        Facet("duration", "conflict", CONFLICT_EXPLANATION,
              [FacetValue("hw-1", "three hours", evidence=ev("hw-1", "The ministers talked for three hours.", 200)),
               FacetValue("ledger-1", "five hours", evidence=ev("ledger-1", f"Talks lasted five hours, {QUOTES} said.", 210)),
               FacetValue("vostok-1", SCRIPT, evidence=ev("vostok-1", f"Officials said {SCRIPT} and more.", 300))]),
        Facet("aims", "agree", "Both say the Russian side wants a ceasefire line.", side="Russia",
              values=[FacetValue("hw-1", "a ceasefire line", evidence=ev("hw-1", "Moscow seeks a ceasefire line.", 400)),
                      FacetValue("ledger-1", "a ceasefire line")],
              missing_in=["vostok-1"]),
    ]
    framing = [Framing("the war", [
        FramingUse("hw-1", "invasion", "invasion", "own", 10, 18),
        FramingUse("hw-1", "special military operation", "special military operation", "attributed", 30, 57),
        FramingUse("ledger-1", "special military operation", "special military operation", "own", 5, 32),
        FramingUse("ledger-1", "special military operation", "special military operation", "own", 90, 117),
        FramingUse("vostok-1", "so-called 'special operation'", "special military operation", "distanced", 7, 35),
    ])]
    voices = {
        "hw-1": {"Ukraine": ["e-marchenko", "an adviser"], "Russia": ["e-sorokin"]},
        "ledger-1": {"Russia": ["e-sorokin", "a Kremlin source"], "Belarus": ["e-drozd"]},
        "vostok-1": {"Russia": ["e-sorokin", "officials", IMG], "": ["witnesses"]},
    }
    timeline = [
        TimelineItem("2024-03-11", "Foreign ministers meet in Minsk", ["hw-1", "ledger-1"],
                     [ev("hw-1", "The ministers met on Monday, 11 March.", 0)]),
        TimelineItem("2024-03-11", f"Joint statement {SCRIPT}", ["vostok-1"]),
        TimelineItem("2024-03-08/2024-03-09", "Delegations arrive", ["ledger-1"]),
        TimelineItem("2024-03-18", "Next round planned", ["hw-1"]),
        TimelineItem("in the coming days", "Prisoner exchange expected", ["ledger-1"], vague=True),
        TimelineItem("earlier this month", "Shelling of the border town", ["vostok-1"], vague=True),
    ]
    story1 = Story("s-minsk", "Foreign ministers meet in Minsk", ["hw-1", "ledger-1", "vostok-1"], ["ev-talks"],
                   facets, framing,
                   {"hw-1": [{"word": "invasion", "z": 3.2}, {"word": "aggressor", "z": 2.1}],
                    "ledger-1": [{"word": "provocation", "z": 2.8}, {"word": f"{QUOTES}", "z": 1.1}],
                    "vostok-1": []},
                   voices, timeline)
    story2 = Story("s-grain", "Grain corridor to reopen", ["hw-2"],
                   voices={"hw-2": {"Ukraine": ["e-marchenko"]}})
    entities = [
        CorpusEntity("e-marchenko", "Olena Marchenko", "PERSON", "Ukraine",
                     [Alias("Marchenko", 5), Alias("Olena Marchenko", 3), Alias("Марченко", 1)],
                     [CorpusRole("hw-1", "Foreign Minister", 0, 16), CorpusRole("ledger-1", "top diplomat", 0, 12),
                      CorpusRole("hw-2", "Foreign Minister", 0, 16)],
                     [CorpusMention("hw-1", "Olena Marchenko", 0, 15), CorpusMention("hw-1", "Marchenko", 40, 49),
                      CorpusMention("ledger-1", "Marchenko", 5, 14),
                      CorpusMention("vostok-1", "Kyiv's top diplomat", 9, 28, "description", "the role names her office"),
                      CorpusMention("hw-2", "Marchenko", 3, 12)],
                     ["'Marchenko' (The Ledger) is the surname of 'Olena Marchenko' (Harbor Wire)",
                      "'Марченко' transliterates to 'Marchenko'"],
                     [("hw-1", "p1"), ("ledger-1", "p1"), ("vostok-1", "p2"), ("hw-2", "p1")]),
        CorpusEntity("e-sorokin", "Pavel Sorokin", "PERSON", "Russia",
                     [Alias("Sorokin", 4), Alias("Pavel Sorokin", 2)],
                     [CorpusRole("hw-1", "Foreign Minister", 0, 16)],
                     [CorpusMention("hw-1", "Pavel Sorokin", 0, 13), CorpusMention("ledger-1", "Sorokin", 0, 7),
                      CorpusMention("vostok-1", "Sorokin", 0, 7)]),
        CorpusEntity("e-drozd", "Ales Drozd", "PERSON", "Belarus", [Alias(IMG, 1), Alias("Ales Drozd", 1)],
                     [CorpusRole("vostok-1", "host", 0, 4)], [CorpusMention("vostok-1", "Ales Drozd", 0, 10)]),
        CorpusEntity("e-minsk", "Minsk", "GPE", "Belarus", [Alias("Minsk", 3)], [],
                     [CorpusMention("hw-1", "Minsk", 0, 5), CorpusMention("ledger-1", "Minsk", 0, 5)],
                     place={"geonameid": 625144, "country": "BY"}),
    ]
    events = [Event("ev-talks", "talks", ["hw-1", "ledger-1"], [
        EventMention("hw-1", "talks", "talked", ev("hw-1", "The ministers talked for three hours.", 200),
                     ["e-marchenko", "e-sorokin"], place="Minsk", date="2024-03-11", duration="three hours"),
        EventMention("ledger-1", "talks", "met", ev("ledger-1", "They met on Monday.", 40), date="2024-03-11"),
    ], ["e-marchenko", "e-sorokin"], "2024-03-11")]
    failures = [Failure("inbox/broken.pdf", f"no text layer in the PDF {QUOTES} {SCRIPT}")]
    story_of = {"hw-1": "s-minsk", "ledger-1": "s-minsk", "vostok-1": "s-minsk", "hw-2": "s-grain"}
    return Analysis(readings, entities, [story1, story2], events, failures, story_of)
