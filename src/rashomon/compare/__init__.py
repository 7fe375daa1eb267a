"""Compare: line the sources of one story up.

Takes the readings (and linked corpus entities and events) of a story and gives the records of
``rashomon.records`` that describe how its sources differ:

- ``facets`` and ``verdicts``: the facts of a story (read as typed facts in ``read``) lined up by event and slot across
  its sources, each with a verdict and its explanation;
- ``framing``: which variant of each contested term an article uses and in whose voice, and the
  words that most distinguish each source (log-odds ratio with an informative Dirichlet prior);
- ``voices``: who each article quotes or paraphrases, grouped by side, with counts;
- ``timeline``: one merged timeline per story, each dated item with the articles that state it.

Every function here is pure: records in, records out, no spaCy object.
"""
