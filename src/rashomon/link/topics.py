"""Topics: stories grouped by what they are about, across languages.

A story is one event; a topic is the thread several stories belong to (Brexit, an epidemic, a
pipeline, one airline's strikes), reported in any language. Stories are grouped, never split: each
story lies in exactly one topic.

Signal: the meaning of each article's lead (its title and first ``LEAD_CHARS`` characters) as a
multilingual sentence embedding (``rashomon.meaning``: multilingual-e5-small, so a Czech and a Russian
lead on one subject come close). e5's vectors of any two news texts are close (cosine 0.76-0.85 for
unrelated leads), and texts of one language are close whatever they say, so each vector is first
*centred* on the mean of the articles of its language (the corpus mean for a language with fewer than
``MIN_LANGUAGE_ARTICLES``): what is left is what an article says beyond being news in its language,
and the cosine of two centred vectors is above 0 when they are more alike than two articles on average.

Grouping: average-linkage agglomeration of the stories (each story the mean of its articles' centred
vectors, weighted by its number of articles), merging the two closest groups while their average
centred cosine is above ``TOPIC_FLOOR`` (0: more alike than the corpus on average) and a story of
each names one linked person, organisation or place that is not a country (``topic_names``: a
football match and a copper price are both "more alike than average" in a corpus of four subjects,
but share no name). Written here
because no library the project uses clusters (scipy and scikit-learn are not dependencies for one
loop over a story-by-story matrix).

Measured on SlavicNER dev (five topics, six languages, 234 documents; ``bench/slavicner.py``), BCubed
over articles: centred on the corpus mean, embeddings alone 0.94 at a floor of 0.00, 0.92 at 0.02,
0.78 at 0.10 (leads of 200 characters instead of 300: 0.86); with the shared-name condition 0.926
(it keeps the demo corpus's football, copper and battery stories apart and joins the two votes of
one budget); centred per language **0.967** (7 topics for 5; the Bulgarian epidemic reports no longer
join the Bulgarian airline ones), 0.960 on twice the documents (``--per 16 --seed 3``). Known
weakness: centring is relative to the corpus, so a corpus of one topic splits into a few (precision
stays 1.0 there: nothing unrelated is joined, related stories may stand apart).
"""

from __future__ import annotations

import numpy as np

# Average centred cosine above which two groups of stories are one topic (see the module docstring).
TOPIC_FLOOR = 0.0
# A language with this many articles is centred on its own mean (see ``centre``).
MIN_LANGUAGE_ARTICLES = 5
# Characters of an article (after its title) its lead holds.
LEAD_CHARS = 300
# Past this many stories the story-by-story matrix (stories squared floats) is not built: no topics.
MAX_STORIES = 4000


def topic_lead(title: str | None, text: str) -> str:
    """An article's lead for its topic, on one line: its title and its first ``LEAD_CHARS`` characters."""
    head = title.strip() if title and title.strip() and not text.startswith(title.strip()) else ""
    body = " ".join(text[:LEAD_CHARS * 4].split())[:LEAD_CHARS]
    return f"{' '.join(head.split())}. {body}" if head else body


def topic_names(stories, linker, readings: dict) -> dict[str, set[str]]:
    """Story id -> the corpus ids of the people, organisations and places other than countries its
    articles name: two groups of stories become one topic only when they share one."""
    from rashomon.link.entities import place_of

    found: dict[str, set[str]] = {}
    for story in stories:
        ids = found.setdefault(story.id, set())
        for article in story.articles:
            for entity in readings[article].entities:
                if entity.type not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}:
                    continue
                place = place_of(entity) if entity.type in {"GPE", "LOC"} else None
                if place is not None and place.kind == "country":
                    continue
                corpus_id = linker.resolve(article, entity.id)
                if corpus_id:
                    ids.add(corpus_id)
    return found


def group_topics(stories: list[tuple[str, list[str]]], leads: dict[str, str],
                 names: dict[str, set[str]] | None = None,
                 languages: dict[str, str | None] | None = None) -> dict[str, str]:
    """Story id -> topic id ("T1", "T2"... in the order of each topic's first story), from the stories'
    articles (``[(story id, [article ids])]``) and each article's lead; ``names`` (story -> linked names,
    ``topic_names``) lets only groups that share a name merge, ``languages`` (article -> language) centres
    each language on its own mean (``centre``). Without the embedding model, or with fewer than three
    stories or more than ``MAX_STORIES``, every story is a topic of its own."""
    from rashomon.meaning import model, vector, warm

    alone = {story: f"T{n}" for n, (story, _) in enumerate(stories, 1)}
    if model() is None or not 3 <= len(stories) <= MAX_STORIES:
        return alone
    texts = [leads.get(a, "") for _, articles in stories for a in articles]
    warm(texts)
    rows, owner, written = [], [], []
    for n, (_, articles) in enumerate(stories):
        for a in articles:
            v = vector(leads.get(a, ""))
            if v is not None:
                rows.append(v)
                owner.append(n)
                written.append((languages or {}).get(a))
    if len(rows) < 3:
        return alone
    centred = centre(np.asarray(rows), written)
    centred /= np.maximum(np.linalg.norm(centred, axis=1, keepdims=True), 1e-9)
    sums = np.zeros((len(stories), centred.shape[1]), dtype=np.float64)
    sizes = np.zeros(len(stories))
    for row, n in zip(centred, owner):
        sums[n] += row
        sizes[n] += 1
    shared = [names.get(story, set()) for story, _ in stories] if names is not None else None
    groups = average_linkage(sums, sizes, TOPIC_FLOOR, shared)
    first: dict[int, str] = {}
    for n in range(len(stories)):
        first.setdefault(groups[n], f"T{len(first) + 1}")
    return {story: first[groups[n]] for n, (story, _) in enumerate(stories)}


def centre(rows: np.ndarray, languages: list[str | None]) -> np.ndarray:
    """Each vector less the mean of the articles of its language (the corpus mean for a language with
    fewer than ``MIN_LANGUAGE_ARTICLES``): e5 puts texts of one language close whatever they say, so
    what is left is what an article says beyond being news in its language."""
    means = {None: rows.mean(axis=0)}
    for language in set(languages):
        picked = [i for i, x in enumerate(languages) if x == language]
        if language is not None and len(picked) >= MIN_LANGUAGE_ARTICLES:
            means[language] = rows[picked].mean(axis=0)
    return rows - np.stack([means.get(x, means[None]) for x in languages])


def average_linkage(sums: np.ndarray, sizes: np.ndarray, floor: float,
                    names: list[set[str]] | None = None) -> list[int]:
    """The group of each item after average-linkage merging while the closest pair's average cosine is
    above ``floor``. Item ``i`` holds ``sizes[i]`` unit vectors summing to ``sums[i]`` (an item with none
    stays alone); the average cosine of two groups is the dot product of their sums over the product of
    their sizes, so a merge only adds sums and sizes. With ``names`` (a set per item), two groups merge
    only when an item of each shares a name."""
    n = len(sizes)
    group = list(range(n))
    live = [i for i in range(n) if sizes[i] > 0]
    if len(live) < 2:
        return group
    sums, sizes = sums[live].copy(), sizes[live].copy()
    sim = (sums @ sums.T) / np.outer(sizes, sizes)
    np.fill_diagonal(sim, -np.inf)
    allowed = None
    if names is not None:  # pairs that share a name, through an index of the names (never all pairs)
        allowed = np.zeros((len(live), len(live)), dtype=bool)
        holders: dict[str, list[int]] = {}
        for k, i in enumerate(live):
            for name in names[i]:
                holders.setdefault(name, []).append(k)
        for ks in holders.values():
            allowed[np.ix_(ks, ks)] = True
        sim[~allowed] = -np.inf
    members = [[i] for i in live]
    dead = np.zeros(len(live), dtype=bool)
    while True:
        i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
        if sim[i, j] <= floor:
            break
        sums[i] += sums[j]
        sizes[i] += sizes[j]
        members[i] += members[j]
        members[j] = []
        dead[j] = True
        row = (sums @ sums[i]) / (sizes * sizes[i])
        if allowed is not None:  # the merged group shares a name with whatever either part shared one with
            allowed[i] |= allowed[j]
            allowed[:, i] = allowed[i]
            row[~allowed[i]] = -np.inf
        row[dead] = -np.inf
        row[i] = -np.inf
        sim[i, :] = row
        sim[:, i] = row
        sim[j, :] = sim[:, j] = -np.inf
    for items in members:
        for item in items:
            group[item] = items[0]
    return group
