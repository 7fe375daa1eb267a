"""rashomon: one news event through every source.

Public API::

    import rashomon
    analysis = rashomon.analyze(["reports/"])     # stories, facets, framing, voices, timeline
    reading = rashomon.read("article.txt")        # a path, or the article text itself
    for item in rashomon.read_many(["corpus/"]):  # Readings and Failures, in input order
        ...

The records (``rashomon.records``) are plain dataclasses; ``reading.to_json()`` gives the JSON form
published as ``rashomon/data/schemas/reading.schema.json``.
"""

from rashomon.analysis import analyze
from rashomon.api import read, read_many
from rashomon.messages import RashomonError
from rashomon.records import (Analysis, Article, Description, Entity, Failure, Mention, Quote, Reading, Role,
                              Source, Speaker, Story, Term, TimeRef)
from rashomon.settings import Settings

__version__ = "0.1.0"

__all__ = ["analyze", "Analysis", "Story", "read", "read_many", "RashomonError", "Settings", "Article", "Description", "Entity", "Failure",
           "Mention", "Quote", "Reading", "Role", "Source", "Speaker", "Term", "TimeRef", "__version__"]
