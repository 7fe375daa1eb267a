"""The lexicon tier: a Reading for an article in any language, from data rather than a model.

No offline model reads most of the languages news is written in (see ../shared/MODELS.md); an
article in one of them still gets a Reading of the same records, only thinner. For a language
``code`` the reader uses:

* **sentences**: spaCy's tokenizer of the language (``spacy.blank(code)``; the multi-language one when
  spaCy has none) and its rule-based ``sentencizer``;
* **names**: in scripts with capitals, runs of capitalised words (joined through name particles: "de",
  "van", "al-"), without time words, and without a lone word that opens a sentence or a quote
  (capitalised there by grammar: "Переговоры начались") unless the gazetteer knows it or it is
  capitalised elsewhere in the text too, and in a language that capitalises its nouns (German:
  ``capitalised_nouns`` in the pack) no lone word but a place or one after a title; in scripts without capitals (Arabic), the words
  after a title of the language pack ("الرئيس ...");
* **places**: every name (and, without capitals, every word after a place preposition of the pack)
  the GeoNames gazetteer knows in any script (``rashomon.places.locate``: Харків, Charków and Kharkiv
  are one city), also through the pack's case endings (``place_endings``: Гомеле -> Гомель, Warszawie
  -> Warszawa);
* **people**: names after a title of the pack, and names of two or more words that are no place;
  a title before a name is kept as the person's role;
* **dates**: ``dateparser``'s search in the language, anchored on the publication date, keeping only
  expressions with a digit or a calendar word of more than three letters (its search also reads
  stop words such as German "Die" as dates);
* **quotes**: text between the language's quotation marks (``rashomon.lang``), with the nearest name
  of the sentence outside the quote as its speaker when a speech verb of the pack stands there.

* **facts**: the day and the place of the article's main event, as a lead states them: the first
  date and the first place named in the title or the first ``LEAD_SENTENCES`` sentences (news puts
  its when and where there), with no event type (compare lines them up with the story's day and
  place of whatever kind of event); and a ``title_of:<person>`` fact per title written before a
  name, with the pack's English role word (``roles``) so that titles compare across languages; and
  the lead's counts (``lead_counts``: "214 Passagiere"), which compare by their figure.

Everything else (events, descriptions, counts outside the lead) is left empty at this tier: a Reading says its tier,
so a reader of the output knows how much was read.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator

from rashomon.lang import LanguagePack, all_year_words, lemma, pack
from rashomon.link.names import given_group, name_stems
from rashomon.knowledge.places import locate, place_by_id
from rashomon.read.reader import fallback_failure
from rashomon.records import (Article, Entity, Fact, Failure, Mention, Quote, Reading, Role, Speaker, TimeRef,
                              Value)
from rashomon.settings import Settings

# Words inside a name that are written in lower case ("Charles de Gaulle", "Ursula von der Leyen").
NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "des", "van", "von", "der", "den", "la", "le",
                            "al", "el", "bin", "ibn", "ter", "y"})
# A lone capitalised word opening a sentence is a place only if it is a country or a city this large:
# smaller towns' alternate names include common words of other languages (Deva's "Два", "two").
OPENING_PLACE_POPULATION = 100_000
# Articles that join a name only after a particle ("von der Leyen"); where every noun is capitalised
# ("Boot der Küstenwache") an article between capitalised words ends the run.
ARTICLES = frozenset({"der", "den", "des", "dem", "la", "le", "el"})
# A quote needs this many words to be a statement (not a term in quotation marks).
MIN_QUOTE_WORDS = 3
# Longest name run kept (longer runs are headlines in title case).
MAX_NAME_WORDS = 5
# Words after a title taken as the name in scripts without capitals (up to a stop word).
UNCASED_NAME_WORDS = 3
# Sentences of the lead whose first date and place are the main event's (see the module docstring).
LEAD_SENTENCES = 2
# Characters that open a quote: the word after one opens a sentence of its own.
OPENING_MARKS = frozenset("\"\u201c\u201e\u00ab\u00bb\u2018\u300c([")


@functools.cache
def blank_pipeline(code: str):
    """spaCy's tokenizer for ``code`` (the multi-language one when spaCy has none or it needs a package
    that is not installed) with the rule-based sentencizer."""
    import spacy

    try:
        nlp = spacy.blank(code)
        nlp("probe")
    except Exception:  # no such language class, or a tokenizer that needs a missing package
        nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    return nlp


class LexiconReader:
    """Reads articles of one language at the lexicon tier (see the module docstring). A reader with a
    named-entity model for its language (``read/natasha.py``, ``read/spacy_names.py``) is this class
    with ``names`` overridden and ``tier`` "model"."""

    tier = "lexicon"

    def __init__(self, settings: Settings | None = None, language: str = "xx") -> None:
        self.settings = settings or Settings.load()
        self.language = language
        self.pack = pack(language)
        self.nlp = blank_pipeline(language)

    def names(self, text: str, spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str, str]] | None:
        """A model's names of ``text`` as (start, end, type, base form); None: the capitalised runs."""
        return None

    def read(self, articles: Iterable[Article]) -> Iterator[Reading | Failure]:
        """One Reading per article, in order; an article whose reading raises becomes a Failure."""
        for article in articles:
            try:
                yield read_lexicon(article, self.pack, self.nlp, self.names, self.tier)
            except Exception as exc:  # one article's bug must not sink the rest; it is reported
                yield fallback_failure(article, exc)


def read_lexicon(article: Article, lang: LanguagePack, nlp, names=None, tier: str = "lexicon") -> Reading:
    """The lexicon-tier Reading of one article. ``names``, when given and when it answers, is a
    named-entity model's ``(text, lexicon spans) -> [(start, end, type, base form)]`` that replaces
    the capitalised runs (``LexiconReader.names``); the Reading says ``tier``."""
    text = article.text
    doc = nlp(text)
    sentences = join_ordinal_breaks(text, [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()])
    times = find_times(text, lang, article.published)
    timed = [(t.start, t.end) for t in times]
    cased = lang.cased if lang.script else text_is_cased(text)
    spans = name_spans(doc, lang, timed) if cased else uncased_name_spans(doc, lang)
    model = names(text, spans) if names is not None else None
    if model is not None:
        found = [n for n in model if not any(s < n[1] and n[0] < e for s, e in timed)]
        typed = {(n[0], n[1]): (n[2], n[3]) for n in found}
        spans = [(n[0], n[1], title_at(doc, n[0], lang)) for n in found]
        entities = build_entities(text, spans, lang, typed)
    else:
        lower_words = {t.lower_ for t in doc if t.is_lower}
        # capitalised words that are common words: written in lower case elsewhere in the text, or known
        # to the language's dictionary as one (see ``is_common_word``)
        common = {t.idx for t in doc if t.is_title and (t.lower_ in lower_words or is_common_word(t.text, lang.code))}
        entities = build_entities(text, split_glued(text, spans, lang, common), lang)
    quotes = find_quotes(text, sentences, entities, lang)
    reading = Reading(article=article, entities=entities, quotes=quotes, times=times, sentences=sentences,
                      tier=tier)
    reading.facts = lead_facts(reading, lang)
    return reading


def lead_facts(reading: Reading, lang: LanguagePack) -> list[Fact]:
    """The day and place the lead gives (see the module docstring), as facts with their sentence."""
    lead_end = reading.sentences[min(LEAD_SENTENCES, len(reading.sentences)) - 1][1] if reading.sentences else 0
    facts: list[Fact] = []
    day = next((t for t in reading.times if t.start < lead_end and (t.value or t.partial)), None)
    if day is not None:
        facts.append(Fact("", reading.article.id, "date",
                          Value("date", day.text, date=day.value, partial=day.partial, weekday=day.weekday),
                          reading.evidence(day.start, day.end), day.start, day.end))
    places = sorted(((m.start, m, e) for e in reading.entities if e.place for m in e.mentions if m.start < lead_end),
                    key=lambda x: x[0])
    if places:
        # the first city named, else the first place (a country)
        _, mention, entity = next((p for p in places if not is_country(place_by_id(p[2].place["geonameid"]))),
                                  places[0])
        facts.append(Fact("", reading.article.id, "place",
                          Value("place", mention.text, name=entity.place["name"], geonameid=entity.place["geonameid"],
                                country=entity.place.get("country")),
                          reading.evidence(mention.start, mention.end), mention.start, mention.end))
    facts += lead_counts(reading, lang, lead_end) + title_facts(reading, lang)
    for n, fact in enumerate(facts, 1):
        fact.id = f"f{n}"
    return facts


# A whole number written in digits (groups of three after a space, a dot or a comma: "1 200",
# "1.200", "1,200") and the word after it: what it counts ("214 Passagiere", "214 человек").
COUNT = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:[ \u00a0.,]\d{3})+|\d+)(?![.,:/-]?\d)(?!\s*%)\s+([^\W\d_][^\W\d]*)")
# Counts smaller than this in a lead are as often ordinals, hours or list numbers as figures.
MIN_LEAD_COUNT = 2
# A number in this range before a stop word is a year ("2024 v Mariboru"), not a count.
YEARS = (1000, 2100)


def lead_counts(reading: Reading, lang: LanguagePack, lead_end: int) -> list[Fact]:
    """The counts of the lead: each whole number in digits with the word after it, not part of a date,
    as a ``count/<what>`` fact (the counted word's lemma by simplemma, else as written; nothing when
    the word after it is a stop word). Counts line
    up across languages by their figure (``compare.align.merge_same_figures``: a large figure stated
    exactly), since the counted words differ."""
    timed = [(t.start, t.end) for t in reading.times]
    facts: list[Fact] = []
    text = reading.article.text
    for match in COUNT.finditer(text, 0, lead_end):
        start, end = match.span(1)
        if any(s < match.end() and start < e for s, e in timed):
            continue
        figure = int(re.sub(r"\D", "", match.group(1)))
        word = match.group(2)
        if figure < MIN_LEAD_COUNT or word.lower() in all_year_words():
            continue
        counted = "" if word.lower() in lang.stop_words else lemma(word, lang.code)  # "214 إلى الشاطئ"
        if not counted and YEARS[0] <= figure <= YEARS[1]:
            continue  # "2024 v Mariboru": a year the date reader left, not a count
        facts.append(Fact("", reading.article.id, f"count/{counted}",
                          Value("quantity", match.group(0), figure=figure, low=figure, high=figure, counted=counted),
                          reading.evidence(start, match.end()), start, match.end()))
    return facts


def title_facts(reading: Reading, lang: LanguagePack) -> list[Fact]:
    """One ``title_of:<entity>`` fact per distinct title the text puts before a person's name; its
    value carries the title as the English role word of the pack (``roles``: "Капитан" -> captain),
    so that titles compare across languages."""
    roles = {str(k).lower(): str(v) for k, v in (lang.extra.get("roles") or {}).items()}
    facts: list[Fact] = []
    for entity in reading.entities:
        if entity.type != "PERSON":
            continue
        seen: set[str] = set()
        for role in entity.roles:
            key = " ".join(role.text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            facts.append(Fact("", reading.article.id, f"title_of:{entity.id}",
                              Value("title", role.text, entity=entity.id, name=entity.name, role=roles.get(key)),
                              reading.evidence(role.start, role.end), role.start, role.end))
    return facts


ORDINAL_END = re.compile(r"(?<![\d.])\d{1,2}\.\s*$")


def join_ordinal_breaks(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences without the breaks the sentencizer puts after an ordinal ("am 16. März", "14. března":
    a day number with its dot ends no sentence)."""
    joined: list[tuple[int, int]] = []
    for start, end in sentences:
        if joined and ORDINAL_END.search(text[joined[-1][0]:joined[-1][1]]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


# --- names ------------------------------------------------------------------------------------------

def text_is_cased(text: str) -> bool:
    """Whether the text's letters come in two cases (a script with capitals)."""
    return any(ch.isupper() for ch in text[:2000])


def is_capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.isalpha() for ch in word)


def opens_sentence(doc, i: int, starts: set[int]) -> bool:
    """Whether token ``i`` is the first word of a sentence or of a quote."""
    return i in starts or (i > 0 and doc[i - 1].text[-1:] in OPENING_MARKS)


def name_spans(doc, lang: LanguagePack, timed: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """(start, end, title) of each capitalised run (see the module docstring)."""
    lower_words = {t.lower_ for t in doc if t.is_lower}
    starts = {s.start for s in doc.sents}
    inner_capitals = {t.text for t in doc if is_capitalised(t.text) and not opens_sentence(doc, t.i, starts)}
    nouns_capitalised = bool(lang.extra.get("capitalised_nouns"))
    found: list[tuple[int, int, str | None]] = []
    run: list = []

    def close() -> None:
        while run and run[-1].lower_ in NAME_PARTICLES:
            run.pop()
        # "Великобритании Тереза Мей", "МИД Британии Борис Джонсон": a country or an acronym before
        # a name is a name of its own
        cut = next((i for i in range(len(run) - 1, 0, -1) if is_acronym(run[i - 1].text)
                    or is_country(place_of(run[i - 1].text, lang))
                    # "Hafen Warna": where every noun is capitalised, a place after a noun is its own name
                    or nouns_capitalised and i == len(run) - 1 and place_of(run[i].text, lang) is not None), 0)
        if cut:
            head, tail = run[:cut], run[cut:]
            run[:] = head
            close()
            run[:] = tail
        if len(run) >= 3 and opens_sentence(doc, run[0].i, starts) and run[0].text not in inner_capitals:
            run.pop(0)  # "Then Anna Varga spoke": the sentence's first word is capitalised by grammar
        opening = len(run) == 1 and opens_sentence(doc, run[0].i, starts) and run[0].text not in inner_capitals
        place = place_of(run[0].text, lang) if len(run) == 1 else None
        if opening and place is not None and place.kind != "country" and place.population < OPENING_PLACE_POPULATION:
            place = None  # "Два буксира": a town's alternate name that is a common word opening a sentence
        lone = len(run) == 1 and place is None and title_before(doc, run[0].i, lang) is None
        if lone and (nouns_capitalised or opening):
            run.clear()  # a word capitalised by grammar (a German noun, a sentence's first word), not a name
        if run and len(run) <= MAX_NAME_WORDS:
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            if not any(s < end and start < e for s, e in timed):
                found.append((start, end, title_before(doc, run[0].i, lang)))
        run.clear()

    for token in doc:
        word = token.text
        if is_capitalised(word) and not token.is_punct:
            first = opens_sentence(doc, token.i, starts)
            if not run and first and (token.lower_ in lang.stop_words or token.lower_ in lower_words
                                      or token.lower_ in lang.titles):
                continue
            if token.lower_ in lang.titles:  # a title is the role before a name, not part of it
                close()
                continue
            run.append(token)
        elif run and token.lower_ in NAME_PARTICLES and not (nouns_capitalised and token.lower_ in ARTICLES
                                                              and run[-1].lower_ not in NAME_PARTICLES):
            run.append(token)  # "von der Leyen"; but "Boot der Küstenwache" is a noun and its genitive
        else:
            close()
    close()
    return found


def is_country(place) -> bool:
    """Whether a gazetteer place (or None) is a country: only a country ends a name run (cities share
    names with people), and a lead's city is a more specific place than its country."""
    return place is not None and place.kind == "country"


def is_acronym(word: str) -> bool:
    """An abbreviation in capitals ("МИД", "США", "EU"): a name of its own, never part of a person's."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def title_at(doc, start: int, lang: LanguagePack) -> str | None:
    """The pack's title just before the name that starts at character ``start``."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return title_before(doc, span.start, lang) if span is not None else None


def title_before(doc, i: int, lang: LanguagePack) -> str | None:
    """The pack's title just before token ``i`` (one or two words: "Prime Minister", "премьер-министр")."""
    for width in (2, 1):
        if i - width >= 0:
            words = doc[i - width:i]
            if words.text.lower() in lang.titles:
                return words.text
    return None


def uncased_name_spans(doc, lang: LanguagePack) -> list[tuple[int, int, str | None]]:
    """In a script without capitals: the words after each title (up to a stop word), and every word or
    word pair after a place preposition of the pack that the gazetteer knows (places)."""
    preps = frozenset(lang.extra.get("place_preps", ()))
    found: list[tuple[int, int, str | None]] = []
    taken: set[int] = set()
    for token in doc:
        for width in (2, 1):
            words = doc[token.i:token.i + width]
            if words.text.lower() in lang.titles and token.i + width < len(doc):
                name = []
                for t in doc[token.i + width:token.i + width + UNCASED_NAME_WORDS]:
                    if not t.is_alpha or t.lower_ in lang.stop_words:
                        break
                    name.append(t)
                if name and not {t.i for t in name} & taken:
                    found.append((name[0].idx, name[-1].idx + len(name[-1].text), words.text))
                    taken.update(t.i for t in name)
                break
    for token in doc:
        if token.i in taken or not token.is_alpha or token.lower_ in lang.stop_words or len(token.text) < 3:
            continue
        if token.i == 0 or doc[token.i - 1].lower_ not in preps:
            continue
        for width in (2, 1):
            words = doc[token.i:token.i + width]
            if len(words) == width and not {t.i for t in words} & taken and place_of(words.text, lang) is not None:
                found.append((words.start_char, words.end_char, None))
                taken.update(t.i for t in words)
                break
    return shorter_where_said(doc.text, sorted(found))


def shorter_where_said(text: str, spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """A name taken after a title that runs one word past a name the text gives elsewhere ("القبطان
    بيتار ديموف السفينة" beside "بيتار ديموف": the ship is no part of the captain) is cut to it."""
    names = {text[s:e] for s, e, _ in spans}
    out = []
    for start, end, title in spans:
        words = text[start:end].split()
        prefix = " ".join(words[:-1])
        if len(words) >= 3 and prefix in names:
            end = start + len(text[start:start + text[start:end].rfind(words[-1])].rstrip())
        out.append((start, end, title))
    return out


def split_glued(text: str, spans: list[tuple[int, int, str | None]], lang: LanguagePack,
                common: set[int] = frozenset()) -> list[tuple[int, int, str | None]]:
    """Names a capitalised run glued to the words before it, told by the article itself:

    * when a run's last two or more words are, in some case, a name the article gives on its own
      ("Великобритании Борис Джонсон", "Rady Europejskiej Donald Tusk" beside "Donald Tusk"), the name
      is cut out;
    * when a run of two words ends in the surname of a full name of the article and its first word is a
      common word (``common``: the offsets of such words), not that person's given name ("Rodzina
      Wrzoska" beside "Tomasz Wrzosek"), the surname is cut out.

    The words before the name stay a name of their own when they are two or more or a place, else they
    are dropped."""
    names = [text[s:e].split() for s, e, _ in spans]
    alone = [words for words in names if len(words) >= 2]
    out: list[tuple[int, int, str | None]] = []
    for (start, end, title), words in zip(spans, names):
        cut = next((k for k in range(1, len(words) - 1)
                    if any(len(other) == len(words) - k and same_name(words[k:], other, lang) for other in alone)),
                   None)
        if cut is None and len(words) == 2 and start in common:
            owners = [o for o in alone if o != words and same_name(words[1:], o[-1:], lang)]
            if owners and not any(same_name(words[:1], o[:1], lang) for o in owners):
                cut = 1
        if cut is None:
            out.append((start, end, title))
            continue
        head = " ".join(words[:cut])
        at = text.find(words[cut], start + len(words[cut - 1]))
        head_end = start + len(text[start:at].rstrip())
        if cut >= 2 or place_of(head, lang) is not None:
            out.append((start, head_end, title))
        out.append((at, end, None))
    return out


@functools.lru_cache(maxsize=65536)
def is_common_word(word: str, code: str) -> bool:
    """Whether the language's dictionary knows the word as a common word, not a name: simplemma (which
    ships lemma dictionaries for some 50 languages, offline) knows its lower-case form and gives it a
    lower-case lemma ("Rodzina" -> rodzina, "Wcześniej" -> wcześnie; "Tomasz" -> Tomasz is a name). A
    given name the linker's table lists is never a common word (Bulgarian's dictionary lowers "Борис")."""
    import simplemma

    lower = word.lower()
    try:
        if not simplemma.is_known(lower, lang=code):
            return False
        lemma = simplemma.lemmatize(lower, lang=code)
    except ValueError:  # a language simplemma has no dictionary for
        return False
    return lemma == lemma.lower() and given_group(word) is None


def same_name(a: list[str], b: list[str], lang: LanguagePack) -> bool:
    """Whether two names of as many words are one name in the same or another case."""
    return all(name_stems(x, lang.code) & name_stems(y, lang.code) for x, y in zip(a, b))


# A named-entity model's types as the records' types (natasha: PER, LOC, ORG).
MODEL_TYPES = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}


def build_entities(text: str, spans: list[tuple[int, int, str | None]], lang: LanguagePack,
                   typed: dict[tuple[int, int], tuple[str, str]] | None = None) -> list[Entity]:
    """One entity per distinct name (its mentions in order); places resolved through the gazetteer.
    A person's later mention by surname alone, or in another case of the language ("Бориса
    Джонсона" after "Борис Джонсон": ``name_endings`` in the pack), is a mention of that person; a
    form no earlier name of the article explains stays an entity of its own (never a guess at a
    nominative that could be another person's: Petrova is not Petrov)."""
    by_name: dict[str, Entity] = {}
    for start, end, title in spans:
        name = text[start:end]
        model_kind, model_base = (typed or {}).get((start, end), (None, None))
        key = f"{model_kind}:{model_base}" if model_kind else name  # a model's base form joins the cases
        # a name the gazetteer knows as written is a place, not a person's later mention
        entity = by_name.get(key) or (earlier_person(name, by_name, lang)
                                      if locate(name, translated=True) is None and model_kind in {None, "PER"}
                                      else None)
        if entity is None:
            place, base = place_and_base(model_base or name, lang)
            if place is None and model_base:
                place, base = place_and_base(name, lang)
            if model_kind:
                kind = "GPE" if place is not None else MODEL_TYPES.get(model_kind, "ORG")
                kind = "LOC" if kind == "GPE" and place is None else kind
                base = base if place is not None else model_base
            else:
                kind = "GPE" if place is not None else "PERSON" if title or len(name.split()) >= 2 else "ORG"
            entity = Entity(f"e{len(by_name) + 1}", base, kind)
            if place is not None:
                entity.place = {"geonameid": place.geonameid, "name": place.name, "country": place.country_code}
            by_name[key] = entity
        entity.mentions.append(Mention(name, start, end))
        if title and entity.type == "PERSON":
            at = text.rfind(title, 0, start)
            if at >= 0:
                entity.roles.append(Role(title, at, at + len(title)))
    return join_case_forms(list(by_name.values()), lang, rename=typed is None)


def join_case_forms(entities: list[Entity], lang: LanguagePack, rename: bool = True) -> list[Entity]:
    """One person for a full name met first in one case and later in another ("Бориса Джонсона" before
    "Борис Джонсон"): every word of the two names a form of the other's. Only full names of two or more
    words are joined this way (a surname alone may be a namesake's: Petrova beside Petrov)."""
    kept: list[Entity] = []
    for entity in entities:
        words = entity.name.split()
        same = next((k for k in kept if entity.type == k.type == "PERSON" and len(words) >= 2
                     and len(k.name.split()) == len(words) and same_name(words, k.name.split(), lang)), None)
        if same is None:
            kept.append(entity)
            continue
        same.mentions = sorted(same.mentions + entity.mentions, key=lambda m: m.start)
        same.roles = sorted(same.roles + entity.roles, key=lambda r: r.start)
    for n, entity in enumerate(kept, 1):
        entity.id = f"e{n}"
        if rename and entity.type == "PERSON":  # named by the form its other full forms inflect
            longest = max(len(m.text.split()) for m in entity.mentions)
            entity.name = base_form(list(dict.fromkeys(m.text for m in entity.mentions
                                                       if len(m.text.split()) == longest)), lang)
    return kept


def earlier_person(name: str, by_name: dict[str, Entity], lang: LanguagePack) -> Entity | None:
    """The one earlier person of the article this name is a shorter or inflected form of: its words
    match the person's last words (a surname alone) or all of them, each as written or without an
    ending of the pack, the bases equal."""
    words = name.split()
    found = []
    for entity in by_name.values():
        if entity.type != "PERSON":
            continue
        theirs = entity.name.split()
        if len(words) > len(theirs):
            continue
        tail = theirs[len(theirs) - len(words):]
        if same_name(words, tail, lang):
            found.append(entity)
    return found[0] if len(found) == 1 else None


def place_of(name: str, lang: LanguagePack):
    """The gazetteer place a name is, as written or through one of the pack's case endings (a pair
    [ending in the text, ending of the name]: "Гомеле" with [е, ь] -> "Гомель")."""
    return place_and_base(name, lang)[0]


def place_and_base(name: str, lang: LanguagePack):
    """(place, the name's base form that the gazetteer knows) or (None, name)."""
    place = locate(name, translated=True)
    if place is not None:
        return place, name
    for written, base in lang.extra.get("place_endings", ()):
        if name.endswith(written) and len(name) > len(written) + 2:
            form = name[:len(name) - len(written)] + base
            place = locate(form, translated=True)
            if place is not None:
                return place, form
    return None, name


def base_form(forms: list[str], lang: LanguagePack) -> str:
    """The form of a name that its other forms inflect (of "Бориса Джонсона", "Борис Джонсон",
    "Борисом Джонсоном": the second, each word of the others being its word and an ending of the pack);
    the first when none explains more."""
    endings = set(lang.extra.get("name_endings", ()))
    split = [f.lower().split() for f in forms]

    def explains(base: list[str], other: list[str]) -> bool:
        return len(base) == len(other) and all(o == b or o.startswith(b) and o[len(b):] in endings
                                               for b, o in zip(base, other))

    best = max(range(len(forms)), key=lambda i: (sum(explains(split[i], o) for o in split), -i))
    return forms[best]


# --- dates ------------------------------------------------------------------------------------------

DIGIT = re.compile(r"\d")


def find_times(text: str, lang: LanguagePack, published: str | None) -> list[TimeRef]:
    """Dates dateparser finds in the language, anchored on the publication date (see the module
    docstring); each with its offsets in the text."""
    from dateparser import parse
    from dateparser.search import search_dates

    anchor = dt.datetime.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    settings = {"PREFER_DATES_FROM": "past", **({"RELATIVE_BASE": anchor} if anchor else {})}
    try:
        found = search_dates(text, languages=[lang.code], settings=settings) or []
    except Exception:  # dateparser knows no such language, or its search fails on this text
        return []
    times: list[TimeRef] = []
    for at, words in joined_matches(text, [trim(words, lang) for words, _ in found]):
        if not (DIGIT.search(words) or any(len(w) > 3 for w in words.split() if w.lower() not in lang.stop_words)):
            continue
        if re.fullmatch(r"\d{4}", words):
            continue  # a year alone is no day (the search reads it as one)
        # the search's own reading may come from a stop word it swallowed ("się" read as sierpień,
        # August): the trimmed words are read again
        when = parse(words, languages=[lang.code], settings=settings) or None
        if when is None or (not DIGIT.search(words) and (when.hour or when.minute)):
            continue  # a clock read from words alone is a length of time ("пять часов": five hours)
        if anchor and not DIGIT.search(words) and (anchor - when).days == 7:
            when = anchor  # a weekday is the most recent such day, the publication day included (as in English)
        value = when.date().isoformat() if anchor or re.search(r"\d{4}", words) else None
        times.append(TimeRef(text=words, start=at, end=at + len(words), value=value, kind="date",
                             partial=None if value else f"--{when.month:02d}-{when.day:02d}"
                             if DIGIT.search(words) else None))
    return times


def joined_matches(text: str, matches: list[str]) -> list[tuple[int, str]]:
    """(offset, words) of the search's matches in the text, in order, those that only white space
    separates joined into one ("14" + "marca 2024": the search splits some dates), each with the day
    number written just before it ("16 مارس 2023": the search may leave it out) and without trailing
    punctuation."""
    found: list[tuple[int, int]] = []
    cursor = 0
    for words in matches:
        words = words.rstrip(",.;:\u060c\u061b")
        at = text.find(words, cursor) if words else -1
        if at < 0:
            continue
        cursor = at + len(words)
        day = re.search(r"(?<!\d)(\d{1,2})\s+$", text[max(0, at - 4):at])
        if day and not (found and found[-1][1] > at - 4):
            at -= len(day.group(0))
        if found and not text[found[-1][1]:at].strip():
            found[-1] = (found[-1][0], cursor)
        else:
            found.append((at, cursor))
    return [(start, text[start:end]) for start, end in found]


def trim(words: str, lang: LanguagePack) -> str:
    """The words without leading and trailing stop words ("am Montag in" -> "Montag")."""
    parts = words.split()
    while parts and parts[0].lower() in lang.stop_words and not DIGIT.search(parts[0]):
        parts.pop(0)
    while parts and parts[-1].lower() in lang.stop_words and not DIGIT.search(parts[-1]):
        parts.pop()
    return " ".join(parts)


# --- quotes -----------------------------------------------------------------------------------------

def find_quotes(text: str, sentences: list[tuple[int, int]], entities: list[Entity], lang: LanguagePack) -> list[Quote]:
    """Direct quotes between the pack's quotation marks; the speaker is the name nearest the quote in
    its sentence, outside it, when a speech verb of the pack stands in that sentence."""
    quotes, taken = [], []
    for opening, closing in lang.quotes:
        pattern = re.compile(re.escape(opening) + r"([^" + re.escape(opening + closing) + r"]{1,2000}?)" + re.escape(closing))
        for match in pattern.finditer(text):
            start, end = match.start(1), match.end(1)
            if any(s < end and start < e for s, e in taken) or len(match.group(1).split()) < MIN_QUOTE_WORDS:
                continue
            taken.append((start, end))
            sentence = next(((s, e) for s, e in sentences if s <= match.start() < e), (match.start(), match.end()))
            outside = text[sentence[0]:match.start()] + " " + text[match.end():sentence[1]]
            cue = speech_verb_in(outside, lang)
            speaker = nearest_name(entities, sentence, match.start(), match.end()) if cue else None
            quotes.append(Quote("direct", match.group(1), start, end, cue,
                                Speaker(speaker[0].id, speaker[1].text, speaker[1].start, speaker[1].end)
                                if speaker else Speaker(None, "")))
    return sorted(quotes, key=lambda q: q.start)


def speech_verb_in(text: str, lang: LanguagePack) -> str | None:
    """The pack's speech verb the text holds as a word, or behind one of the pack's clitics (Arabic
    "وقال": wa + qala), longest first."""
    clitics = "".join(re.escape(c) for c in lang.extra.get("clitics", ()))
    before = rf"(?<!\w)(?:[{clitics}])?" if clitics else r"(?<!\w)"
    lowered = text.lower()
    return next((v for v in sorted(lang.speech_verbs, key=len, reverse=True)
                 if re.search(before + re.escape(v) + r"(?!\w)", lowered)), None)


def nearest_name(entities: list[Entity], sentence: tuple[int, int], start: int, end: int):
    """The (entity, mention) of the sentence outside the quote closest to it, people first."""
    found = [(e, m) for e in entities for m in e.mentions
             if sentence[0] <= m.start < sentence[1] and not (start <= m.start < end)]
    if not found:
        return None
    return min(found, key=lambda em: (em[0].type != "PERSON", min(abs(em[1].start - end), abs(start - em[1].end))))

