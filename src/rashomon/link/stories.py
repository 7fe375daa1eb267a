"""Stories: articles about the same event, clustered incrementally through an inverted index.

``StoryClusterer.add(reading)`` files a new article under the story it reports, or opens a new story,
without recomputing the corpus and without comparing all pairs:

1. the article becomes features (``ArticleFeatures``): TF-IDF-ready counts of the content words of its
   title and body (light stemming, spaCy's English stop words removed, title words counted
   ``TITLE_WEIGHT`` times), counts of its named-entity keys, and its publication date;
2. candidate stories are retrieved from an inverted index: the article's ``INDEX_ENTITIES`` most
   specific entity keys and ``INDEX_TERMS`` most specific words are looked up, and the
   ``MAX_CANDIDATES`` stories sharing most weight with it are kept;
3. only those stories' centroids are compared with the article (``similarity``: cosine of the words,
   cosine of the entities, mixed by ``ENTITY_SHARE``, times a soft penalty when the dates are more than
   ``TIME_WINDOW_DAYS`` apart, and ``REPEAT_PENALTY`` when the article reports one of the story's
   counts for a period that cannot be the story's: a repeat, not the same event);
4. the article joins the best story if the similarity reaches ``THRESHOLD``; when none does but some
   reach ``MEANING_FLOOR``, the meaning of its lead (title and first words, multilingual sentence
   embeddings: ``rashomon.meaning``) decides: it joins the one whose articles' leads say the same
   (cosine ``SAME_LEAD`` or more), the closest on ties. Else it opens a new story. Its keys are filed
   in the index under that story.

IDF is estimated incrementally from the documents seen so far (``log((1 + P + N) / (1 + df)) + 1``, the
smoothed form with ``P = IDF_PRIOR_DOCUMENTS`` imaginary documents): no background corpus ships with the
package, and news vocabularies drift. Story centroids keep raw (sublinear, length-normalised) term
frequencies, so the IDF in force at comparison time weighs both sides alike. In a small corpus IDF is
nearly flat (the prior dominates) and stop-word removal does the work; it sharpens as articles arrive.

Entities: with an ``EntityLinker`` pass the corpus ids of the reading's entities (spellings already
merged); otherwise the names of the reading's PERSON/ORG/GPE/LOC/FAC/EVENT entities are folded to
transliteration keys (``Zelenskyy`` = ``Zelensky``), plus the last word of multi-word person names
(``Sanders`` matches ``Bernie Sanders``). A reading without entities (no NER) falls back on capitalised
word sequences of the text (``capitalised_names``, untyped, so every name adds its last word), which is
also what the fast benchmark uses.

The core needs no spaCy model: ``make_features`` is a pure function of texts, names and a date.
Everything is deterministic: ties are broken by story number and by key.
"""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from spacy.lang.en.stop_words import STOP_WORDS

from rashomon.dates import dates_compatible, parse_day
from rashomon.knowledge.calendar import load_calendar
from rashomon.lang import lemma, stop_words
from rashomon.link.names import translit_key
from rashomon.read.events import load_lexicon
from rashomon.records import Reading

# Similarity at or above which an article joins its best candidate story. Calibrated with
# `bench/stories.py --sweep` (0.15 .. 0.50 by 0.05) on the development sets, fast mode, seed 0: BCubed F1
# peaks at 0.30 on AllSides (0.804 / 0.819 / 0.781 at 0.25 / 0.30 / 0.35) and at 0.25-0.30 on the ECB+
# sub-topics (0.864 / 0.859 / 0.811); with NER entities both peak at 0.25-0.30 too. One value for both.
THRESHOLD = 0.30
# An article below the threshold with a story but at least this similar in words and names is
# judged by the meaning of its lead (see ``SAME_LEAD``): two reports of one event that word it
# differently (an opinion piece, another outlet's vocabulary) share fewer words than the threshold.
# Swept with the lead cosine on the dev sets (fast mode, seed 0), floor 0.10 / 0.15 / 0.20 with
# SAME_LEAD 0.88 / 0.90 / 0.92: AllSides F1 0.821 without it, 0.825-0.834 with it; ECB+ 0.860
# without, 0.866-0.882; 0.20 / 0.90 gives 0.832 and 0.882 and embeds the fewest leads (a fifth).
# With leads of 200 characters (``LEAD_CHARS``) instead of 300: 0.835 and 0.877, a third faster.
MEANING_FLOOR = 0.20
# Cosine of two leads' embeddings at or above which they report the same event. On the AllSides
# leads, articles of one story have a median cosine of 0.91, of different stories 0.79 (99th
# percentile 0.85, 99.9th 0.89).
SAME_LEAD = 0.90
# Characters of the title and text that make an article's lead (a headline and a sentence): the
# embedding's cost grows with it.
LEAD_CHARS = 200
# Share of the entity cosine in the similarity (the rest is the word cosine): names are specific to one
# event, so a few shared names weigh as much as many shared words. Tried 0.1 / 0.25 / 0.4 / 0.55 on the
# same sets: 0.1-0.25 best in fast mode (0.4 costs AllSides 0.04), ECB+ nearly flat; 0.25 keeps names
# heavy enough to join reports that spell the event differently.
ENTITY_SHARE = 0.25
# How much less like a story an article is when it reports one of the story's counts only for periods
# that cannot be the story's (another month's jobs report): reports of one release share nearly every
# word but the month and the figures (similarities of 0.6-0.9), so the penalty must take even 0.9 under
# the 0.30 threshold. It applies only when no period of the slot overlaps, so an article that also
# recalls another month ("the best gain since August 2020") is not penalised.
REPEAT_PENALTY = 0.25
# Figures at least this large (or with decimals) are specific enough to tell one story by.
SPECIFIC_FIGURE = 100
# Title words count this many times: a headline states the event in few words.
TITLE_WEIGHT = 2
# Keys of the new article looked up in the index (its most specific entities and words by TF-IDF),
# and filed there under its story.
INDEX_ENTITIES = 10
INDEX_TERMS = 15
# At most this many candidate stories are compared in full with an article (the index ranks them by the
# IDF weight of the keys they share). On the dev sets 5, 10, 20 or unlimited give the same F1 (+-0.003):
# the right story, when there is one, ranks near the top.
MAX_CANDIDATES = 10
# Dates this many days apart cost nothing; beyond, the similarity decays by e every TIME_DECAY_DAYS.
# A soft penalty: follow-ups weeks later still join when their words and names agree strongly.
TIME_WINDOW_DAYS = 7
TIME_DECAY_DAYS = 7
# The index files a story's keys by the week of the article that brought them, and a dated article
# looks up only the weeks within HORIZON_DAYS of its date (and the undated): a story whose dates are
# more than ``TIME_WINDOW_DAYS + TIME_DECAY_DAYS * ln(1 / MEANING_FLOOR)`` (18.3) days away has a
# time factor under MEANING_FLOOR, so it can neither reach the threshold nor be judged by meaning.
# The horizon adds three weeks to that bound for a story whose keys came from its earlier articles.
# This keeps the work per article bounded by the news of those weeks, not by the archive's size
# (without it, candidate retrieval in a 40k-article store took 4 ms an article and grew linearly).
# An undated article still looks up every week.
INDEX_WEEK_DAYS = 7
HORIZON_DAYS = math.ceil(TIME_WINDOW_DAYS + TIME_DECAY_DAYS * math.log(1 / MEANING_FLOOR)) + 21
# Entity types whose names identify a story (NORP, DATE, CARDINAL... are shared by unrelated stories).
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
MIN_WORD_LENGTH = 3
# IDF counts this many imaginary background documents (holding none of the words) besides the ones seen:
# in a corpus of a handful of articles the plain estimate punishes exactly the words two reports of one
# event share (df 2 of 3 against df 1); the prior keeps early IDF flat, and it fades as the corpus grows.
IDF_PRIOR_DOCUMENTS = 20
# A centroid's norm under the current IDF is recomputed when the centroid changes or the corpus has grown
# by this fraction since: every IDF then moves by at most log(1.2) = 0.18 (on values of 1 to 8), which
# shifts a cosine by about 0.01, and a story's norm is recomputed a few dozen times in its life, not at
# every comparison.
NORM_STALENESS = 0.2

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*|\d[\d,.]*\d")
_NAME_WORD = re.compile(r"[A-Z\u00C0-\u00DE][\w\u2019'-]*|[^\W\d_]+|\S")
_SENTENCE_END = frozenset({".", "!", "?", "\u201d", '"', ":", ";"})
_NAME_JOINERS = frozenset({"of", "de", "for", "al", "van", "von", "la", "le", "du", "da", "del"})
# Capitalised words that are never names: weekdays and months written out, and courtesy titles.
_TITLES = frozenset({"mr", "mrs", "ms", "dr"})
_CALENDAR = frozenset(load_calendar().weekday_names + load_calendar().month_names) | _TITLES


@dataclass
class ArticleFeatures:
    """What the clusterer knows of one article."""

    article_id: str
    title: str
    terms: Counter[str]
    entities: Counter[str]
    published: date | None = None
    occasions: dict[str, set[str]] = field(default_factory=dict)  # what the article reports when (see occasions_of)
    lead: str = ""  # title and first words, for the meaning tie-break (see ``MEANING_FLOOR``)
    language: str | None = None  # words compare only within a language; names across languages


@dataclass
class _Story:
    """A story under construction: its articles, centroids (raw frequencies) and date range."""

    id: str
    number: int
    articles: list[str] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    occasions: dict[str, set[str]] = field(default_factory=dict)
    norms: dict[str, tuple[int, float]] = field(default_factory=dict)  # centroid -> (documents then, norm)
    languages: set[str] = field(default_factory=set)


# -- features -------------------------------------------------------------------------------------

def stem(word: str) -> str:
    """A light, deterministic stem: plural and -ing/-ed endings off, final y/e folded (strikes = striking)."""
    if len(word) <= 3 or word[0].isdigit():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        base = word[:-len(suffix)]
        if word.endswith(suffix) and len(base) >= 3 and re.search(r"[aeiouy]", base):
            word = base[:-1] if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" else base
            break
    if word.endswith("y"):
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def extract_terms(title: str | None, text: str, language: str = "en") -> Counter[str]:
    """Stemmed content words (and numbers of 2+ digits) of the title (weighted) and the body: the
    language's stop words left out; English words stemmed (``stem``), those of another language
    lemmatised (``rashomon.lang.lemma``: "переговоров" and "переговоры" are one term)."""
    stops = stop_words(language)
    base = stem if language == "en" else functools.partial(_lemma_term, language=language)
    terms: Counter[str] = Counter()
    for weight, part in ((TITLE_WEIGHT, title or ""), (1, text)):
        for token in _WORD.findall(part):
            word = token.lower().replace("\u2019", "'").removesuffix("'s")
            if word[0].isdigit():
                word = word.replace(",", "")
            elif len(word) < MIN_WORD_LENGTH or word in stops:
                continue
            terms[base(word)] += weight
    return terms


def _lemma_term(word: str, language: str) -> str:
    return word if word[0].isdigit() else lemma(word, language)


def capitalised_names(text: str) -> list[str]:
    """Names found without a model: runs of capitalised words ("Port of Valmora"), one per occurrence.

    A capitalised word that opens a sentence is dropped when it is a stop word or occurs in lower case
    elsewhere in the text (an ordinary word); weekdays, months and titles are dropped.
    """
    tokens = _NAME_WORD.findall(text)
    lower = {t for t in tokens if t.islower()}
    names, run, sentence_start = [], [], True
    for token in [*tokens, "."]:
        if token[0].isupper() and token.lower() not in _CALENDAR:
            if not (sentence_start and not run and (token.lower() in STOP_WORDS or token.lower() in lower)):
                run.append(token)
        elif token in _NAME_JOINERS and run:
            run.append(token)
        else:
            while run and run[-1] in _NAME_JOINERS:
                run.pop()
            if run:
                names.append(" ".join(run))
            run = []
        sentence_start = token in _SENTENCE_END
    return names


def entity_keys(names: Iterable[str], last_words: bool = True) -> Counter[str]:
    """Folded transliteration keys of names, plus (``last_words``) the last word of multi-word names:
    a surname ("sanders" for "Bernie Sanders"), or the head of an organisation or place name."""
    keys: Counter[str] = Counter()
    for name in names:
        key = translit_key(name.removesuffix("'s").removesuffix("\u2019s")).removeprefix("the ")
        if not key:
            continue
        keys[key] += 1
        words = key.split()
        if last_words and len(words) > 1 and len(words[-1]) >= MIN_WORD_LENGTH and words[-1] not in STOP_WORDS:
            keys[words[-1]] += 1
    return keys


# A story whose central article has no title is named by this many words of its text.
UNTITLED_WORDS = 12


def first_words(text: str) -> str:
    """The opening words of a text on one line, for an article with no title."""
    words = text.split()
    return " ".join(words[:UNTITLED_WORDS]) + ("…" if len(words) > UNTITLED_WORDS else "")


def make_features(article_id: str, title: str | None, text: str, names: Iterable[str] | None = None,
                  published: str | None = None, language: str = "en") -> ArticleFeatures:
    """An article's features from its texts; ``names`` None: capitalised sequences of title and text."""
    if names is None:
        names = capitalised_names(f"{title}.\n{text}" if title else text)
    return ArticleFeatures(article_id, title or first_words(text), extract_terms(title, text, language),
                           entity_keys(names), parse_day(published), lead=lead_of(title, text))


def lead_of(title: str | None, text: str) -> str:
    """The article's lead on one line: its title and the first ``LEAD_CHARS`` characters of both."""
    joined = f"{title.strip()}. {text}" if title and title.strip() and not text.startswith(title.strip()) else text
    return " ".join(joined[:LEAD_CHARS].split())


def occasions_of(reading: Reading, periodic: frozenset[str] | None = None) -> dict[str, set[str]]:
    """When the article's counts happen: per count of a periodic slot (the figures of a release: jobs
    added, the unemployment rate; role actual) the months it is given for ("jobs_added" -> {"--07"}). Two articles that report one slot for periods that cannot
    overlap report two occasions: this month's jobs report and last month's. (Days of events are
    left out: two sources that disagree on the day of one event are a conflict to show, not two
    stories; publication dates already keep far-apart reports apart.)"""
    periodic = load_lexicon().periodic_slots if periodic is None else periodic
    found: dict[str, set[str]] = {}
    for fact in reading.facts:
        value = fact.value
        period = fact.period[5:] if fact.period and fact.period.startswith("date:") else ""
        if value.kind == "quantity" and value.role == "actual" and is_month(period) and fact.slot in periodic:
            found.setdefault(fact.slot, set()).add(period)
    return found


def is_month(period: str) -> bool:
    """A month ("--07", "2021-07" or its day range): the period of a monthly or weekly release; years
    and single days are too coarse or too fine to tell two releases apart."""
    if len(period) == 4 and period.startswith("--") or len(period) == 7 and period[4] == "-":
        return True
    first, _, last = period.partition("/")
    return bool(last) and first[:7] == last[:7] and first.endswith("-01")


def repeat_factor(article: dict[str, set[str]], story: dict[str, set[str]]) -> float:
    """``REPEAT_PENALTY`` when the article and the story report one slot only for periods that cannot
    be the same (another month's figures); else 1."""
    for key, periods in article.items():
        others = story.get(key)
        if others and not any(dates_compatible(p, q) for p in periods for q in others):
            return REPEAT_PENALTY
    return 1.0


def features_of(reading: Reading, entity_ids: list[str] | None = None) -> ArticleFeatures:
    """An article's features from its reading: linked entity ids when given, else its entities' names;
    the specific figures its facts give count as names too (``figure_keys``)."""
    features = _features_of(reading, entity_ids)
    features.language = reading.article.language
    features.occasions = occasions_of(reading)
    features.entities.update(figure_keys(reading))
    return features


def figure_keys(reading: Reading) -> list[str]:
    """Keys of the specific figures an article gives ("#16.4:percent", "#6600000", "#220-211"): two
    reports of one release or one vote repeat them, in any language and spelling. Round small
    numbers say nothing (three, 12), so only figures of ``SPECIFIC_FIGURE`` or more, or with decimals."""
    keys = []
    for fact in reading.facts:
        value = fact.value
        if value.kind == "tally" and value.figure is not None and value.against is not None:
            keys.append(f"#{value.figure:g}-{value.against:g}")
        elif value.kind == "quantity" and value.figure is not None and value.low == value.figure == value.high \
                and (value.figure >= SPECIFIC_FIGURE or value.figure != int(value.figure)):
            keys.append(f"#{value.figure:g}:{value.unit or ''}")
    return keys


def _features_of(reading: Reading, entity_ids: list[str] | None = None) -> ArticleFeatures:
    article = reading.article
    language = article.language or "en"
    if entity_ids is not None:
        features = make_features(article.id, article.title, article.text, [], article.published, language)
        features.entities = Counter(entity_ids)
        return features
    if not reading.entities:
        return make_features(article.id, article.title, article.text, None, article.published, language)
    features = make_features(article.id, article.title, article.text, [], article.published, language)
    wanted = [e for e in reading.entities if e.type in ENTITY_TYPES]
    features.entities = (entity_keys([t for e in wanted if e.type == "PERSON" for t in _name_mentions(e)])
                         + entity_keys([t for e in wanted if e.type != "PERSON" for t in _name_mentions(e)],
                                       last_words=False))
    return features


def _name_mentions(entity) -> list[str]:
    """The texts of an entity's name mentions (one per occurrence), or its name when none is listed."""
    return [m.text for m in entity.mentions if m.kind != "description"] or [entity.name]


def linked_entity_ids(reading: Reading, linker) -> list[str]:
    """The corpus ids (one per name mention) of a reading's story-identifying entities, from an EntityLinker."""
    ids = []
    for entity in reading.entities:
        corpus_id = linker.resolve(reading.article.id, entity.id) if entity.type in ENTITY_TYPES else None
        if corpus_id:
            ids += [corpus_id] * max(1, sum(m.kind != "description" for m in entity.mentions))
    return ids


# -- the clusterer --------------------------------------------------------------------------------

class StoryClusterer:
    """Clusters articles into stories, one article at a time, through an inverted index."""

    # The indexes ``add`` reads and writes only key by key, with the value a missing key gets (None:
    # none): the store keeps each as rows, read when asked and written where changed (``store.rows``).
    KEYED = {"_index": dict, "_stories": None, "_story_of": None, "_features": None}

    def __init__(self, threshold: float = THRESHOLD, entity_share: float = ENTITY_SHARE,
                 meaning: bool = True) -> None:
        self.threshold = threshold
        self.entity_share = entity_share
        self.meaning = meaning  # the lead tie-break (``MEANING_FLOOR``); off, or without the model: words only
        self.leads_embedded = 0  # articles whose lead was embedded (the tie-break's work, for benchmarks)
        self.comparisons = 0  # article-to-story similarities computed (the index's work, for benchmarks)
        self._documents = 0
        self._df_terms: Counter[str] = Counter()
        self._df_entities: Counter[str] = Counter()
        # "t:word" / "e:key" -> week of the article that filed it (None: undated) -> story ids
        self._index: dict[str, dict[int | None, set[str]]] = defaultdict(dict)
        self.horizon_days: int | None = HORIZON_DAYS  # None: every week is looked up (the tests' reference)
        self._stories: dict[str, _Story] = {}
        self._opened = 0  # stories opened (story ids count them: S1, S2...)
        self._story_of: dict[str, str] = {}
        self._features: dict[str, ArticleFeatures] = {}
        self._query_memo: dict[int, tuple] = {}  # id(df table) -> (counts, documents, query, norm)

    def __getstate__(self) -> dict:
        """The clusterer's indexes for the store (``store.codec``), without the query memo: it is
        keyed by object ids, which mean nothing in another process."""
        state = dict(self.__dict__)
        state["_query_memo"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        """Load saved indexes; a store written before the index had weeks has each key's stories
        filed flat: they are filed under the week of their last article."""
        self.__dict__.update(state)
        self.__dict__.setdefault("horizon_days", HORIZON_DAYS)
        if "_opened" not in state:
            self._opened = len(self._stories)
        if self._index is None:  # the keyed indexes are rows the store attaches (``store.rows``)
            return
        if any(isinstance(stories, set) for stories in self._index.values()):
            index: dict[str, dict[int | None, set[str]]] = defaultdict(dict)
            for key, stories in self._index.items():
                for story_id in stories:
                    index[key].setdefault(week_of(self._stories[story_id].last), set()).add(story_id)
            self._index = index

    # -- adding -----------------------------------------------------------------------------------

    def add(self, reading: Reading, entity_ids: list[str] | None = None) -> str:
        """File a reading under its story (or a new one) and return the story id ("S1", "S2", ...).

        ``entity_ids``: the corpus ids of the reading's entities when an ``EntityLinker`` is used (see
        ``linked_entity_ids``); None: the reading's entity names (or capitalised names without NER).
        """
        return self.add_features(features_of(reading, entity_ids))

    def add_text(self, article_id: str, title: str | None, text: str, published: str | None = None,
                 names: Iterable[str] | None = None) -> str:
        """File an article given as texts (no reading needed); see ``make_features``."""
        return self.add_features(make_features(article_id, title, text, names, published))

    def add_features(self, features: ArticleFeatures) -> str:
        """The orchestrator: count, retrieve candidates, compare, assign or open, index.

        1. update the document frequencies with the article's words and names;
        2. retrieve candidate stories through the index (``candidates``);
        3. compare the article with each candidate's centroid (``similarity``);
        4. join the best story at or above the threshold, else the one whose leads mean the same
           among those above ``MEANING_FLOOR`` (``by_meaning``), else open a new story;
        5. add the article to the story's centroid and its keys to the index.
        """
        if features.article_id in self._story_of:
            return self._story_of[features.article_id]
        self._documents += 1
        self._df_terms.update(features.terms.keys())
        self._df_entities.update(features.entities.keys())
        keys = self._keys(features)
        best, best_score = None, self.threshold
        near: list[tuple[float, _Story]] = []
        for story in self.candidates(keys, features.published):
            score = self.similarity(features, story)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = story, score
            elif score >= MEANING_FLOOR:
                near.append((score, story))
        if best is None and near and self.meaning:
            best = self.by_meaning(features, near)
        story = best or self._open_story()
        self._join(features, story, keys)
        return story.id

    def by_meaning(self, features: ArticleFeatures, near: list[tuple[float, _Story]]) -> _Story | None:
        """Of the stories near in words, the one an article of which has a lead of the same meaning
        (cosine ``SAME_LEAD`` or more; the closest, then the nearest in words), or None."""
        from rashomon.meaning import vector, warm

        leads = [features.lead] + [self._features[a].lead for _, s in near for a in s.articles]
        warm([t for t in leads if t])
        mine = vector(features.lead) if features.lead else None
        if mine is None:
            return None
        self.leads_embedded += 1
        found = []
        for score, story in near:
            vectors = [v for v in (vector(self._features[a].lead) for a in story.articles if self._features[a].lead)
                       if v is not None]
            cosine = max((float(mine @ v) for v in vectors), default=0.0)
            if cosine >= SAME_LEAD:
                found.append((cosine, score, -story.number, story))
        return max(found, key=lambda x: x[:3])[3] if found else None

    def candidates(self, keys: list[str], published: date | None = None) -> list[_Story]:
        """The stories sharing most weight with the keys (at most ``MAX_CANDIDATES``), best first,
        among those filed in the weeks within ``horizon_days`` of ``published`` (all when undated)."""
        weeks = self._weeks(published)
        weight: Counter[str] = Counter()
        if hasattr(self._index, "prefetch"):  # rows in a store: read them in one query
            self._index.prefetch(keys)
        for key in keys:
            filed = self._index.get(key)
            if not filed:
                continue
            idf = self._idf(key[2:], self._df_entities if key[0] == "e" else self._df_terms)
            if weeks is None:
                found = set().union(*filed.values())
            else:
                found = set().union(*(filed[w] for w in weeks if w in filed))
            for story_id in found:
                weight[story_id] += idf
        ranked = heapq.nsmallest(MAX_CANDIDATES, weight, key=lambda s: (-weight[s], _number(s)))
        return [self._stories[s] for s in ranked]

    def _weeks(self, published: date | None) -> list[int | None] | None:
        """The index weeks a dated article looks up (None: all of them)."""
        if published is None or self.horizon_days is None:
            return None
        first, last = week_of(published - timedelta(self.horizon_days)), week_of(published + timedelta(self.horizon_days))
        return [None, *range(first, last + 1)]

    def similarity(self, features: ArticleFeatures, story: _Story) -> float:
        """Cosine of words and of names with the story's centroid, mixed, times the date penalty. An
        article in a language none of the story's articles is written in shares no words with it by
        nature: its names (transliteration keys, linked ids, figures) are the whole similarity."""
        self.comparisons += 1
        across = features.language is not None and bool(story.languages) and features.language not in story.languages
        words = 0.0 if across else self._cosine(features.terms, story.terms, self._df_terms, story.norms, "terms")
        if features.entities and story.entities:
            names = self._cosine(features.entities, story.entities, self._df_entities, story.norms, "entities")
            words = names if across else (1 - self.entity_share) * words + self.entity_share * names
        return words * time_factor(features.published, story.first, story.last) \
            * repeat_factor(features.occasions, story.occasions)

    # -- reading the result -----------------------------------------------------------------------

    def stories(self) -> list[tuple[str, list[str]]]:
        """Every story as (story id, its article ids in the order they were added), oldest story first."""
        return [(s.id, list(s.articles)) for s in sorted(self._stories.values(), key=lambda s: s.number)]

    def articles_of(self, story_id: str) -> list[str]:
        """A story's article ids, in the order they were added."""
        return list(self._stories[story_id].articles)

    def story_of(self, article_id: str) -> str | None:
        """The story id of an article, or None when it was not added."""
        return self._story_of.get(article_id)

    def title(self, story_id: str) -> str:
        """The title of the story's most central article (closest to the centroid; the first on ties)."""
        story = self._stories[story_id]
        if hasattr(self._features, "prefetch"):  # rows in a store: read them in one query
            self._features.prefetch(story.articles)
        def closeness(article_id: str) -> float:
            return self._cosine(self._features[article_id].terms, story.terms, self._df_terms)
        central = max(story.articles, key=lambda a: (closeness(a), -story.articles.index(a)))
        return self._features[central].title

    # -- internals --------------------------------------------------------------------------------

    def _open_story(self) -> _Story:
        self._opened += 1
        story = _Story(f"S{self._opened}", self._opened)
        self._stories[story.id] = story
        return story

    def _join(self, features: ArticleFeatures, story: _Story, keys: list[str]) -> None:
        story.articles.append(features.article_id)
        story.norms.clear()
        if features.language:
            story.languages.add(features.language)
        for counts, centroid in ((features.terms, story.terms), (features.entities, story.entities)):
            norm = math.sqrt(sum((1 + math.log(c)) ** 2 for c in counts.values())) or 1.0
            for key, count in counts.items():
                centroid[key] += (1 + math.log(count)) / norm
        for key, periods in features.occasions.items():
            story.occasions.setdefault(key, set()).update(periods)
        if features.published:
            story.first = min(filter(None, (story.first, features.published)))
            story.last = max(filter(None, (story.last, features.published)))
        week = week_of(features.published)
        for key in keys:
            self._index[key].setdefault(week, set()).add(story.id)
        self._story_of[features.article_id] = story.id
        self._features[features.article_id] = features

    def _keys(self, features: ArticleFeatures) -> list[str]:
        """The article's most specific entity keys and words (by TF-IDF; ties by key), as index keys."""
        def top(counts: Counter[str], df: Counter[str], k: int) -> list[str]:
            return sorted(counts, key=lambda w: (-(1 + math.log(counts[w])) * self._idf(w, df), w))[:k]
        return ([f"e:{k}" for k in top(features.entities, self._df_entities, INDEX_ENTITIES)]
                + [f"t:{w}" for w in top(features.terms, self._df_terms, INDEX_TERMS)])

    def _idf(self, key: str, df: Counter[str]) -> float:
        return math.log((1 + IDF_PRIOR_DOCUMENTS + self._documents) / (1 + df[key])) + 1

    def _cosine(self, counts: Counter[str], centroid: Counter[str], df: Counter[str],
                cache: dict[str, tuple[int, float]] | None = None, name: str = "") -> float:
        """Cosine of an article's counts (sublinear TF x IDF) with a centroid (its values x IDF)."""
        if not counts or not centroid:
            return 0.0
        query, norm_a = self._query(counts, df)
        dot = sum(q * centroid[k] for k, q in query.items() if k in centroid)
        return dot / (norm_a * self._norm(centroid, df, cache, name)) if dot else 0.0

    def _query(self, counts: Counter[str], df: Counter[str]) -> tuple[dict[str, float], float]:
        """An article's TF-IDF vector times IDF again (so a dot with raw centroid values is the TF-IDF dot),
        and its norm; memoised for the last counts seen, since one article meets several candidates."""
        memo = self._query_memo.get(id(df))
        if memo and memo[0] is counts and memo[1] == self._documents:
            return memo[2], memo[3]
        idf = {k: self._idf(k, df) for k in counts}
        weights = {k: (1 + math.log(c)) * idf[k] for k, c in counts.items()}
        query = {k: w * idf[k] for k, w in weights.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        self._query_memo[id(df)] = (counts, self._documents, query, norm)
        return query, norm

    def _norm(self, centroid: Counter[str], df: Counter[str], cache: dict[str, tuple[int, float]] | None,
              name: str) -> float:
        """The centroid's TF-IDF norm; cached in ``cache`` until the corpus grows by ``NORM_STALENESS``."""
        cached = cache.get(name) if cache is not None else None
        if cached and self._documents <= cached[0] * (1 + NORM_STALENESS):
            return cached[1]
        norm = math.sqrt(sum((v * self._idf(k, df)) ** 2 for k, v in centroid.items()))
        if cache is not None:
            cache[name] = (self._documents, norm)
        return norm


def _number(story_id: str) -> int:
    """A story's number from its id ("S12" -> 12): candidates are ranked without reading the stories."""
    return int(story_id[1:])


def week_of(day: date | None) -> int | None:
    """The index week of a date (``INDEX_WEEK_DAYS``-day buckets counted from year 1), None undated."""
    return day.toordinal() // INDEX_WEEK_DAYS if day else None


def time_factor(published: date | None, first: date | None, last: date | None) -> float:
    """1 within ``TIME_WINDOW_DAYS`` of the story's dates (or when a date is missing), then a soft decay."""
    if published is None or first is None or last is None:
        return 1.0
    gap = max((first - published).days, (published - last).days, 0)
    if gap <= TIME_WINDOW_DAYS:
        return 1.0
    return math.exp(-(gap - TIME_WINDOW_DAYS) / TIME_DECAY_DAYS)


def cluster(readings: Iterable[Reading]) -> StoryClusterer:
    """Cluster an iterable of readings into a new ``StoryClusterer`` (a convenience over ``add``)."""
    clusterer = StoryClusterer()
    for reading in readings:
        clusterer.add(reading)
    return clusterer
