"""The main job: read many articles, link them, group them into stories and compare their sources.

``analyze`` runs the stages in order (DESIGN.md); each stage only receives records:

1. ingest + read every input (streaming, in input order); failures are kept, the batch goes on;
2. link: each reading joins the corpus-wide entities (``link.entities.EntityLinker``), incrementally;
3. stories: each reading joins a story through the clusterer's candidate index (``link.stories``);
4. events: each story's event mentions merge into events (``link.events``);
5. compare, per story: facets with verdicts, framing, distinctive words, voices, timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rashomon.records import Analysis, Failure, Reading, Story
from rashomon.settings import Settings

Progress = Callable[[Reading | Failure], None]


def analyze(paths: Iterable[str | Path], settings: Settings | None = None,
            progress: Progress | None = None) -> Analysis:
    """Analyse the articles under ``paths`` (files, directories, ``-``) and return the Analysis."""
    from rashomon.api import read_many

    settings = settings or Settings.load()
    analysis = Analysis()
    for item in read_many(paths, settings):
        if progress is not None:
            progress(item)
        if isinstance(item, Failure):
            analysis.failures.append(item)
        else:
            analysis.readings.append(item)
    return analyze_readings(analysis.readings, analysis.failures, settings)


def analyze_readings(readings: list[Reading], failures: list[Failure] | None = None,
                     settings: Settings | None = None) -> Analysis:
    """Link, cluster and compare readings already made (steps 2-5)."""
    from rashomon.meaning import words_only

    settings = settings or Settings.load()
    with words_only(not settings.meaning):
        return link_and_compare(readings, failures, settings)


def link_and_compare(readings: list[Reading], failures: list[Failure] | None, settings: Settings) -> Analysis:
    """Steps 2-5 of ``analyze_readings``."""
    from rashomon.link.entities import EntityLinker
    from rashomon.link.stories import StoryClusterer, linked_entity_ids

    failures = list(failures or [])
    linker = EntityLinker()
    for reading in readings:
        try:
            linker.add(reading)
        except Exception as exc:  # one article's bug must not sink the run: it is reported, the rest goes on
            failures.append(stage_failure(reading.article.source.path or reading.article.id, "linking", exc))
    clusterer = StoryClusterer(threshold=settings.story_threshold)
    story_of = {r.article.id: clusterer.add(r, linked_entity_ids(r, linker)) for r in readings}
    analysis = Analysis(readings=list(readings), entities=linker.entities(), failures=failures, story_of=story_of)
    from rashomon.compare.framing import load_lexicon

    by_id = {r.article.id: r for r in readings}
    lexicon = load_lexicon(settings.contested_terms)  # once per run: YAML and compiled patterns
    from rashomon.read.events import load_lexicon as load_event_types

    event_types = load_event_types(settings.event_types)
    for story_id, article_ids in clusterer.stories():
        title = " ".join(clusterer.title(story_id).split())
        try:
            story = compare_story(story_id, title, [by_id[a] for a in article_ids], linker,
                                  linker.entities_in(article_ids), lexicon, analysis, event_types)
        except Exception as exc:  # the story keeps its articles; the failure says what could not be compared
            story = Story(id=story_id, title=title, articles=list(article_ids))
            analysis.failures.append(stage_failure(f"story {story_id}", "comparison", exc))
        analysis.stories.append(story)
    if settings.topics:
        from rashomon.link.topics import group_topics, topic_lead, topic_names

        leads = {r.article.id: topic_lead(r.article.title, r.article.text) for r in readings}
        topic_of = group_topics([(s.id, s.articles) for s in analysis.stories], leads,
                                topic_names(analysis.stories, linker, by_id),
                                {r.article.id: r.article.language for r in readings})
        for story in analysis.stories:
            story.topic = topic_of.get(story.id)
    return analysis


def stage_failure(where: str, stage: str, exc: Exception) -> Failure:
    """A Failure record for a bug met in a later stage, in the catalogue's words."""
    from rashomon.messages import format_message

    return Failure(where, format_message("E045", stage=stage, reason=f"{exc.__class__.__name__}: {exc}"))


def compare_story(story_id: str, title: str, readings: list[Reading], linker, entities: dict, lexicon,
                  analysis: Analysis, event_types=None) -> Story:
    """Events, facets, framing, voices and timeline of one story (steps 4-5)."""
    from rashomon.compare import framing, timeline, voices
    from rashomon.compare.facets import story_facets
    from rashomon.link.events import merge_events

    articles = [r.article.id for r in readings]
    mentions = [m for r in readings for m in getattr(r, "events", [])]
    events = merge_events(mentions, linker.resolve)
    for event in events:
        event.id = f"{story_id}-{event.id}"
    analysis.events.extend(events)
    story = Story(id=story_id, title=title, articles=articles, events=[e.id for e in events])
    story.facets = story_facets(articles, {r.article.id: r for r in readings}, events, entities, linker.resolve,
                                event_types)
    story.framing = framing.story_framing(readings, lexicon)
    story.distinctive_words = framing.distinctive_words(readings)
    story.voices = voices.voices(readings, lambda article, local: entities.get(linker.resolve(article, local) or ""))
    story.timeline = timeline.timeline(readings, events)
    return story
