"""An Analysis built by hand for the report tests (written for the project; invented outlets and people).

Three stories:

* "Foreign ministers meet in Minsk": three sources from three outlets. A date all agree on (in
  different words), a place said differently (compatible), a duration and a title that conflict,
  participants one source names more of, an aim reported by a source, two facts only one source
  states; the three framing voices, voices from several sides, a timeline with dated (one date
  shared by two items, one range) and vague items, entities with aliases, roles and merge evidence,
  and an event.
* "Fire at the Portmere plant": seven sources (the wide table). A count that conflicts, stated with
  hedges ("at least 40", per police; "about 40"; "more than 50"; "dozens"), a cause one source
  gives as denied, jobs expected and jobs added kept in two facets, two single-source facts.
* "Grain corridor to reopen": one source and nothing to compare (the empty states).

Article texts are built from sentences, so every evidence sentence and value span is at its real
offsets in its article's clean text. Article-derived text carries HTML and script payloads in
every place the report shows it (an article's own text holds a ``<script>`` element).
"""

from __future__ import annotations

from rashomon.records import (Alias, Analysis, Article, CorpusEntity, CorpusMention, CorpusRole, Event,
                              EventMention, Evidence, Facet, FacetValue, Failure, Framing, FramingUse,
                              Reading, Source, Story, TimelineItem, Value)

SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
QUOTES = '"quotes" & ampersands'
IMG = "<img src=x onerror=\"window.__pwned = 2\">"
EVIDENCE_SENTENCE = "The meeting in the Belarusian capital lasted five hours, a ministry spokesman said."
CONFLICT_EXPLANATION = "Harbor Wire vs The Ledger: three hours against five hours."
KILLED_SENTENCE = "At least 40 people died in the blaze, police said on Wednesday."
WIDE_STORY = "s-fire"
LONG_OUTLET = "The Northern Star and Evening Courier"

TEXTS: dict[str, list[str]] = {
    "hw-1": ["The ministers met on Monday, 11 March.", "Talks were held in Minsk at the Palace of Independence.",
             "Foreign Minister Pavel Sorokin led the Russian side.", "The ministers talked for three hours.",
             "Moscow seeks a ceasefire line.", "Olena Marchenko and Pavel Sorokin shook hands."],
    "ledger-1": ["They met on Monday.", "In Minsk, Belarus, the two met.",
                 "Deputy Foreign Minister Pavel Sorokin arrived late.", f"Talks lasted five hours, {QUOTES} said.",
                 "Russia wants a ceasefire line, a Kremlin source said.", "The talks ended without a deal."],
    "vostok-1": [EVIDENCE_SENTENCE, "Sorokin, Marchenko and Ales Drozd sat at one table.",
                 "The talks began at noon.", f"Officials said {SCRIPT} and more."],
    "hw-2": ["The grain corridor will reopen next week."],
    "hw-3": ["A fire broke out at the Portmere plant on Tuesday.", KILLED_SENTENCE],
    "ledger-3": ["The fire at the plant on 19 March killed 52 people.",
                 "Investigators blamed an electrical fault in the boiler room."],
    "coastal-1": ["The blaze tore through the eastern end of the Portmere docks, near the old grain terminal.",
                  "About 40 people were killed and 120 injured.", "The rebuilt plant has added 80 jobs."],
    "ridge-1": ["Tuesday's fire in Portmere killed 40 workers.", "Some 120 people were hurt."],
    "metro-1": ["Hospital officials said more than 50 people had died.",
                "Fire officials said the fire was arson.", "The fire started on Tuesday night."],
    "northern-1": ["Dozens died in the Portmere fire.", "About 500 jobs are expected when the plant reopens.",
                   "Some 300 residents were evacuated."],
    "vostok-3": ["The plant's owner denied that the fire was arson.", "The plant will hire 500 people next year."],
}


def text_of(aid: str) -> str:
    return " ".join(TEXTS[aid])


def article(aid: str, outlet: str, title: str, published: str | None) -> Reading:
    return Reading(Article(aid, Source(path=f"in/{aid}.txt", outlet=outlet), title, published, "en", text_of(aid)))


def ev(aid: str, sentence: str) -> Evidence:
    """The evidence record of a sentence of the article, at its offsets in the article's text."""
    start = text_of(aid).index(sentence)
    return Evidence(aid, sentence, start, start + len(sentence))


def said(aid: str, sentence: str, words: str, typed: Value | None = None, *, span: bool = True,
         **fields) -> FacetValue:
    """What ``aid`` states: ``words`` of ``sentence`` (the span of the words in the article's text
    unless ``span`` is False, so the report falls back to finding them)."""
    evidence = ev(aid, sentence)
    start = evidence.start + sentence.index(words)
    return FacetValue(aid, words, evidence=evidence, typed=typed or Value("text", words),
                      span=(start, start + len(words)) if span else None, fact=f"{aid}:{words[:12]}", **fields)


def count(text: str, low: float, high: float | None, figure: float | None = None, hedge: str | None = None,
          role: str = "actual", counted: str = "people") -> Value:
    return Value("quantity", text, figure=figure, low=low, high=high, hedge=hedge, role=role, counted=counted)


def coverage(stated: int, sources: int) -> dict[str, int]:
    return {"stated": stated, "sources": sources}


def minsk_facets() -> list[Facet]:
    t = TEXTS
    return [
        Facet("date", "agree", "2 sources: the same day, 11 March 2024.",
              [said("hw-1", t["hw-1"][0], "Monday, 11 March", Value("date", "Monday, 11 March", date="2024-03-11")),
               said("ledger-1", t["ledger-1"][0], "Monday", Value("date", "Monday", date="2024-03-11", weekday=1))],
              missing_in=["vostok-1"], event="ev-talks", label="date of the talks", event_type="talks",
              coverage=coverage(2, 3)),
        Facet("place", "compatible", "Minsk is the Belarusian capital: the same place, said differently.",
              [said("hw-1", t["hw-1"][1], "Minsk", Value("place", "Minsk", name="Minsk", geonameid=625144,
                                                           country="BY"), entities=["e-minsk"]),
               said("ledger-1", t["ledger-1"][1], "Minsk, Belarus", entities=["e-minsk"]),
               said("vostok-1", EVIDENCE_SENTENCE, "the Belarusian capital", span=False, entities=["e-minsk"])],
              event="ev-talks", label="place of the talks", event_type="talks", coverage=coverage(3, 3)),
        Facet("duration", "conflict", CONFLICT_EXPLANATION,
              [said("hw-1", t["hw-1"][3], "three hours", count("three hours", 3, 3, 3, counted="hour")),
               said("ledger-1", t["ledger-1"][3], "five hours", count("five hours", 5, 5, 5, counted="hour")),
               said("vostok-1", t["vostok-1"][3], SCRIPT)],
              event="ev-talks", label="duration of the talks", event_type="talks", coverage=coverage(3, 3),
              conflicts=[["hw-1", "ledger-1"], ["hw-1", "vostok-1"]]),
        Facet("title_of:e-sorokin", "conflict", "Foreign Minister and Deputy Foreign Minister are different offices.",
              [said("hw-1", t["hw-1"][2], "Foreign Minister",
                    Value("title", "Foreign Minister", entity="e-sorokin", name="Pavel Sorokin"),
                    entities=["e-sorokin"]),
               said("ledger-1", t["ledger-1"][2], "Deputy Foreign Minister",
                    Value("title", "Deputy Foreign Minister", entity="e-sorokin", name="Pavel Sorokin"),
                    entities=["e-sorokin"])],
              missing_in=["vostok-1"], label="title of Pavel Sorokin", coverage=coverage(2, 3),
              conflicts=[["hw-1", "ledger-1"]]),
        Facet("participants", "compatible", "Vostok Daily names a third participant the others leave out.",
              [said("hw-1", t["hw-1"][5], "Olena Marchenko and Pavel Sorokin",
                    Value("entities", "Olena Marchenko and Pavel Sorokin", members=["e-marchenko", "e-sorokin"]),
                    entities=["e-marchenko", "e-sorokin"]),
               FacetValue("ledger-1", "Marchenko and Sorokin", ["e-marchenko", "e-sorokin"]),
               said("vostok-1", t["vostok-1"][1], "Sorokin, Marchenko and Ales Drozd",
                    entities=["e-sorokin", "e-marchenko", "e-drozd"])],
              event="ev-talks", label="participants", event_type="talks", coverage=coverage(3, 3)),
        Facet("aims", "agree", "2 sources: the same aim.", side="Russia",
              values=[said("hw-1", t["hw-1"][4], "a ceasefire line"),
                      said("ledger-1", t["ledger-1"][4], "a ceasefire line", asserted_by="a Kremlin source",
                           modality="reported")],
              missing_in=["vostok-1"], label="aims", coverage=coverage(2, 3)),
        Facet("start_time", "single", "only Vostok Daily states it",
              [said("vostok-1", t["vostok-1"][2], "noon", Value("date", "noon", clock="12:00"))],
              missing_in=["hw-1", "ledger-1"], event="ev-talks", label="start time of the talks", event_type="talks",
              coverage=coverage(1, 3)),
        Facet("outcome", "single", "only The Ledger states it",
              [said("ledger-1", t["ledger-1"][5], "without a deal")],
              missing_in=["hw-1", "vostok-1"], event="ev-talks", label="outcome of the talks", event_type="talks",
              coverage=coverage(1, 3)),
    ]


FIRE_SOURCES = ["hw-3", "ledger-3", "coastal-1", "ridge-1", "metro-1", "northern-1", "vostok-3"]


def fire_facets() -> list[Facet]:
    t, n = TEXTS, len(FIRE_SOURCES)
    return [
        Facet("date", "agree", "4 sources: the same day, 19 March 2024.",
              [said("hw-3", t["hw-3"][0], "on Tuesday", Value("date", "on Tuesday", date="2024-03-19")),
               said("ledger-3", t["ledger-3"][0], "19 March", Value("date", "19 March", date="2024-03-19")),
               said("ridge-1", t["ridge-1"][0], "Tuesday", Value("date", "Tuesday", date="2024-03-19")),
               said("metro-1", t["metro-1"][2], "on Tuesday night",
                    Value("date", "on Tuesday night", date="2024-03-19", part="night"))],
              missing_in=["coastal-1", "northern-1", "vostok-3"], event="ev-fire", label="date of the fire",
              event_type="fire", coverage=coverage(4, n)),
        Facet("place", "compatible", "The Portmere docks are in Portmere: one is more precise.",
              [said("hw-3", t["hw-3"][0], "the Portmere plant"),
               said("coastal-1", t["coastal-1"][0],
                    "the eastern end of the Portmere docks, near the old grain terminal"),
               said("ridge-1", t["ridge-1"][0], "Portmere"),
               said("northern-1", t["northern-1"][0], "Portmere")],
              missing_in=["ledger-3", "metro-1", "vostok-3"], event="ev-fire", label="place of the fire",
              event_type="fire", coverage=coverage(4, n)),
        Facet("killed", "conflict", "The Ledger vs Coastal Times: 52 is outside about 40 (36 to 44).",
              [said("hw-3", KILLED_SENTENCE, "At least 40", count("At least 40", 40, None, 40, "at_least"),
                    asserted_by="police", modality="reported"),
               said("ledger-3", t["ledger-3"][0], "52", count("52", 52, 52, 52)),
               said("coastal-1", t["coastal-1"][1], "About 40", count("About 40", 36, 44, 40, "about")),
               said("ridge-1", t["ridge-1"][0], "40", count("40", 40, 40, 40, counted="worker")),
               said("metro-1", t["metro-1"][0], "more than 50", count("more than 50", 51, None, 50, "more_than"),
                    asserted_by="Hospital officials", modality="reported"),
               said("northern-1", t["northern-1"][0], "Dozens", count("Dozens", 24, None, hedge="vague"))],
              missing_in=["vostok-3"], event="ev-fire", label="people killed", event_type="fire",
              coverage=coverage(6, n),
              conflicts=[["ledger-3", "coastal-1"], ["ledger-3", "ridge-1"], ["coastal-1", "metro-1"],
                         ["ridge-1", "metro-1"]]),
        Facet("injured", "agree", "2 sources: 120.",
              [said("coastal-1", t["coastal-1"][1], "120", count("120", 120, 120, 120)),
               said("ridge-1", t["ridge-1"][1], "Some 120", count("Some 120", 108, 132, 120, "about"))],
              missing_in=["hw-3", "ledger-3", "metro-1", "northern-1", "vostok-3"], event="ev-fire",
              label="people injured", event_type="fire", coverage=coverage(2, n)),
        Facet("cause", "conflict", "The Ledger vs Metro Bulletin: an electrical fault is not arson.",
              [said("ledger-3", t["ledger-3"][1], "an electrical fault"),
               said("metro-1", t["metro-1"][1], "arson", asserted_by="Fire officials", modality="reported"),
               said("vostok-3", t["vostok-3"][0], "arson", asserted_by="The plant's owner", modality="denied")],
              missing_in=["hw-3", "coastal-1", "ridge-1", "northern-1"], event="ev-fire", label="cause of the fire",
              event_type="fire", coverage=coverage(3, n), conflicts=[["ledger-3", "metro-1"]]),
        Facet("jobs_added", "compatible", "About 500 includes 500.",
              [said("northern-1", t["northern-1"][1], "About 500",
                    count("About 500", 450, 550, 500, "about", role="expected", counted="job"), modality="expected"),
               said("vostok-3", t["vostok-3"][1], "500",
                    count("500", 500, 500, 500, role="expected", counted="job"), modality="expected")],
              missing_in=["hw-3", "ledger-3", "coastal-1", "ridge-1", "metro-1"], label="jobs added (expected)",
              coverage=coverage(2, n)),
        Facet("jobs_added", "single", "only Coastal Times states it",
              [said("coastal-1", t["coastal-1"][2], "80", count("80", 80, 80, 80, counted="job"))],
              missing_in=["hw-3", "ledger-3", "ridge-1", "metro-1", "northern-1", "vostok-3"], label="jobs added",
              coverage=coverage(1, n)),
        Facet("evacuated", "single", f"only {LONG_OUTLET} states it",
              [said("northern-1", t["northern-1"][2], "Some 300", count("Some 300", 270, 330, 300, "about"))],
              missing_in=["hw-3", "ledger-3", "coastal-1", "ridge-1", "metro-1", "vostok-3"], event="ev-fire",
              label="people evacuated", event_type="fire", coverage=coverage(1, n)),
    ]


def make_analysis() -> Analysis:
    readings = [
        article("hw-1", "Harbor Wire", "Ministers talk for three hours in Minsk", "2024-03-11"),
        article("ledger-1", f'The Ledger {QUOTES}', "Minsk meeting ends without a deal", "2024-03-12"),
        article("vostok-1", "Vostok Daily", f"Talks {SCRIPT} in Minsk", None),
        article("hw-2", "Harbor Wire", "Grain corridor to reopen", "2024-03-14"),
        article("hw-3", "Harbor Wire", "Dozens dead in Portmere plant fire", "2024-03-20"),
        article("ledger-3", f'The Ledger {QUOTES}', "Portmere fire: 52 dead", "2024-03-20"),
        article("coastal-1", "Coastal Times", "Blaze at the docks", "2024-03-20"),
        article("ridge-1", "Ridge Gazette", "Forty workers killed", "2024-03-21"),
        article("metro-1", "Metro Bulletin", "Arson suspected in plant fire", "2024-03-21"),
        article("northern-1", LONG_OUTLET, "Portmere mourns", None),
        article("vostok-3", "Vostok Daily", "Owner denies arson", "2024-03-22"),
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
                     [ev("hw-1", TEXTS["hw-1"][0])]),
        TimelineItem("2024-03-11", f"Joint statement {SCRIPT}", ["vostok-1"]),
        TimelineItem("2024-03-08/2024-03-09", "Delegations arrive", ["ledger-1"]),
        TimelineItem("2024-03-18", "Next round planned", ["hw-1"]),
        TimelineItem("in the coming days", "Prisoner exchange expected", ["ledger-1"], vague=True),
        TimelineItem("earlier this month", "Shelling of the border town", ["vostok-1"], vague=True),
    ]
    minsk = Story("s-minsk", "Foreign ministers meet in Minsk", ["hw-1", "ledger-1", "vostok-1"], ["ev-talks"],
                  minsk_facets(), framing,
                  {"hw-1": [{"word": "invasion", "z": 3.2}, {"word": "aggressor", "z": 2.1}],
                   "ledger-1": [{"word": "provocation", "z": 2.8}, {"word": f"{QUOTES}", "z": 1.1}],
                   "vostok-1": []},
                  voices, timeline)
    fire = Story(WIDE_STORY, "Fire at the Portmere plant", list(FIRE_SOURCES), ["ev-fire"], fire_facets(),
                 voices={"hw-3": {"": ["police"]}, "metro-1": {"": ["Hospital officials", "Fire officials"]}},
                 timeline=[TimelineItem("2024-03-19", "Fire at the plant", ["hw-3", "ledger-3", "ridge-1"])])
    grain = Story("s-grain", "Grain corridor to reopen", ["hw-2"], voices={"hw-2": {"Ukraine": ["e-marchenko"]}})
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
    events = [
        Event("ev-talks", "talks", ["hw-1", "ledger-1"], [
            EventMention("hw-1", "talks", "talked", ev("hw-1", TEXTS["hw-1"][3]),
                         participants=["e-marchenko", "e-sorokin"], place="Minsk", date="2024-03-11",
                         duration="three hours"),
            EventMention("ledger-1", "talks", "met", ev("ledger-1", TEXTS["ledger-1"][0]), date="2024-03-11"),
        ], ["e-marchenko", "e-sorokin"], "2024-03-11"),
        Event("ev-fire", "fire", ["hw-3", "ledger-3"], [
            EventMention("hw-3", "fire", "fire", ev("hw-3", TEXTS["hw-3"][0]), date="2024-03-19"),
            EventMention("ledger-3", "fire", "fire", ev("ledger-3", TEXTS["ledger-3"][0]), date="2024-03-19"),
        ], date="2024-03-19"),
    ]
    failures = [Failure("inbox/broken.pdf", f"no text layer in the PDF {QUOTES} {SCRIPT}")]
    story_of = {"hw-1": "s-minsk", "ledger-1": "s-minsk", "vostok-1": "s-minsk", "hw-2": "s-grain",
                **{a: WIDE_STORY for a in FIRE_SOURCES}}
    return Analysis(readings, entities, [minsk, fire, grain], events, failures, story_of)
