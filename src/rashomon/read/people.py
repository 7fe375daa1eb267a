"""People, organisations and places of one article, with document-level consistency.

The ``rashomon_people`` component turns spaCy's sentence-by-sentence NER into entities of the whole
article:

1. ``harmonise_names``: once "Volodymyr Zelenskiy" is a PERSON, every later "Zelenskiy" is that
   person too, whatever label NER gave it (ORG, DATE, GPE...); courtesy titles and role words are
   trimmed off person names.
2. ``cluster_people`` and ``cluster_others``: person mentions join the person whose name they fit ("Mr. Medinsky",
   "V. Medinsky", "Medinsky" -> Vladimir Medinsky; never Vladimir Putin, who only shares a first
   name); other names join by their normalised text; "Zelenskiy's office" becomes an organisation
   owned by its person.
3. ``roles.find_roles``: titles before names and appositions after them.
4. ``roles.find_descriptions``: role-only mentions ("the Russian presidential aide"), resolved to a
   person of the article where the role and side fit.
5. ``sides.assign_sides``: the country each person or organisation acts for, where the text says so.

It writes ``doc._.people`` (list of ``Cluster``) and ``doc._.descriptions`` (list of
``roles.DescriptionSpan``) and fixes ``doc.ents``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from rashomon.knowledge import load_words
from rashomon.read.spans import doc_text, forget_entities

# Entity types that name things; numbers, dates and quantities are read by other components.
NAME_TYPES = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
# A label NER gives to a lone surname by mistake is overridden only for a span this short (tokens);
# longer spans ("Zelenskiy Foundation") are names of their own.
MAX_RELABEL_TOKENS = 2
POSSESSIVE = ("’s", "'s", "’", "'")


@dataclass
class Cluster:
    """One entity of the article while it is being read (becomes a ``records.Entity``)."""

    type: str
    name: str
    mentions: list[list] = field(default_factory=list)  # [start_char, end_char, kind]
    roles: list[tuple[int, int]] = field(default_factory=list)
    side: str | None = None
    side_reason: str | None = None
    owner: int | None = None  # for "X's office": the index of X's cluster
    key: tuple[str, ...] = ()  # name tokens (persons) or normalised name (others)

    def add_mention(self, start: int, end: int, kind: str) -> None:
        """Add a mention unless one with the same offsets is there (a set of the offsets seen, so that
        a name repeated thousands of times is not a quadratic scan)."""
        seen = self.__dict__.setdefault("_seen", set())
        if len(seen) != len(self.mentions):  # mentions set by hand: index them again
            seen.clear()
            seen.update((m[0], m[1]) for m in self.mentions)
        if (start, end) not in seen:
            seen.add((start, end))
            self.mentions.append([start, end, kind])

    def latest_start(self) -> int:
        """The start of the last mention in the text (-1 for none), kept while mentions are added."""
        mentions = self.mentions
        cached = self.__dict__.get("_latest")  # (the list, how many were seen, their latest start)
        if cached is not None and cached[0] is mentions and cached[1] <= len(mentions):
            latest = max([cached[2]] + [m[0] for m in mentions[cached[1]:]])  # only the mentions added since
        else:
            latest = max((m[0] for m in mentions), default=-1)
        self.__dict__["_latest"] = (mentions, len(mentions), latest)
        return latest


def is_honorific(token_text: str) -> bool:
    """True for courtesy titles such as "Mr." or "Dr"."""
    return token_text.lower() in load_words("honorifics.txt")


def is_role_word(word: str) -> bool:
    """True when ``word`` (any case) is a role or title head ("minister", "President")."""
    return word.lower() in load_words("roles.txt")


def name_tokens(span: Span) -> list[str]:
    """The words of a person's name without courtesy titles, role words or a possessive ending."""
    words = []
    for token in span:
        text = token.text
        if token.is_punct or text in POSSESSIVE or is_honorific(text):
            continue
        words.append(text.removesuffix("’s").removesuffix("'s"))
    while len(words) > 1 and is_role_word(words[0]):
        words.pop(0)
    return words


def trim_person(span: Span) -> Span:
    """Drop leading role words and courtesy titles, and a trailing possessive, from a PERSON span."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (is_role_word(doc[start].text) or is_honorific(doc[start].text)):
        start += 1
    while end - start > 1 and doc[end - 1].text in POSSESSIVE:
        end -= 1
    return Span(doc, start, end, label="PERSON")


def is_initial(token) -> bool:
    """True for an initial such as "V." before a surname."""
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def extend_initials(span: Span) -> Span:
    """Take initials standing before a person's name into it ("V." + "Medinsky")."""
    start = span.start
    while start > 0 and is_initial(span.doc[start - 1]):
        start -= 1
    return Span(span.doc, start, span.end, label=span.label_) if start != span.start else span


def is_portfolio(ent: Span) -> bool:
    """True for "Defense" in "Defense Minister": a portfolio word before a role word, not an organisation."""
    doc = ent.doc
    return (ent.label_ != "PERSON" and len(ent) == 1 and ent.end < len(doc)
            and ent.text.lower() in load_words("portfolios.txt") and is_role_word(doc[ent.end].text))


def known_surnames(ents: list[Span]) -> set[str]:
    """Surnames the article establishes: the last word of a full name, or of "Mr./Ms. Name"."""
    surnames = set()
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        words = name_tokens(ent)
        courtesy = ent.start > 0 and is_honorific(ent.doc[ent.start - 1].text)
        if words and (len(words) >= 2 or courtesy):
            surnames.add(words[-1])
    return surnames


def extend_given_names(span: Span) -> Span:
    """Take capitalised words right before a surname into the name ("Olaf" + "Lind").

    Used only for surnames the article establishes elsewhere, where NER missed this occurrence.
    """
    doc, start = span.doc, span.start
    while (start > 0 and span.start - start < MAX_GIVEN_NAMES and doc[start - 1].pos_ == "PROPN"
           and doc[start - 1].is_title and not doc[start - 1].ent_type_
           and not is_role_word(doc[start - 1].text) and not is_honorific(doc[start - 1].text)):
        start -= 1
    return Span(doc, start, span.end, label="PERSON") if start != span.start else span


# At most this many given names are taken before a surname NER missed (Jan Erik Lind).
MAX_GIVEN_NAMES = 2


def is_common_noun(ent: Span) -> bool:
    """True for a "name" with no capital letter ("navy", "the police"): NER's guess at a common noun."""
    return ent.label_ in NAME_TYPES and not any(ch.isupper() for ch in ent.text)


def split_place_name(ent: Span) -> list[Span]:
    """Split "Portugal Rita Saar" (NER glued a country to the name after it) into the place and the person."""
    from rashomon.knowledge import country_of

    rest = ent[1:]
    if (ent.label_ in {"ORG", "PERSON"} and len(ent) >= 3 and country_of(ent[0].text)
            and all(t.pos_ == "PROPN" and t.is_title for t in rest)):
        return [Span(ent.doc, ent.start, ent.start + 1, label="GPE"), Span(ent.doc, ent.start + 1, ent.end, label="PERSON")]
    return [ent]


def relabel_places(ents: list[Span], surnames: set[str]) -> list[Span]:
    """Give a bare place name that NER called an organisation or person ("Rabat said") its GPE label.

    A name the article also uses as a person's surname stays a person.
    """
    from rashomon.knowledge import is_place_name

    fixed = []
    for ent in ents:
        text = ent.text.removesuffix("’s").removesuffix("'s")
        if (ent.label_ in {"ORG", "PERSON"} and len(ent) <= MAX_RELABEL_TOKENS and is_place_name(text)
                and text not in surnames and not (ent.start > 0 and is_honorific(ent.doc[ent.start - 1].text))):
            ent = Span(ent.doc, ent.start, ent.end, label="GPE")
        fixed.append(ent)
    return fixed


def harmonise_names(doc: Doc) -> None:
    """Make person names consistent over the document (step 1 of the component)."""
    ents = [part for e in doc.ents if not is_portfolio(e) and not is_common_noun(e) for part in split_place_name(e)]
    ents = [extend_initials(trim_person(e)) if e.label_ == "PERSON" else e for e in ents]
    surnames = known_surnames(ents)
    ents = relabel_places(ents, surnames)
    covered = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
    new = []
    for token in doc:
        word = token.text.removesuffix("’s").removesuffix("'s")
        if word in surnames and token.i not in covered and token.is_title:
            new.append(extend_given_names(extend_initials(Span(doc, token.i, token.i + 1, label="PERSON"))))
    if not new:
        doc.ents = filter_spans(ents)
        forget_entities(doc)
        return
    new_tokens = {i for s in new for i in range(s.start, s.end)}
    kept = [e for e in ents if not (len(e) <= MAX_RELABEL_TOKENS and new_tokens & set(range(e.start, e.end)))]
    blocked = {i for e in kept for i in range(e.start, e.end)}
    doc.ents = filter_spans(kept + [s for s in new if not blocked & set(range(s.start, s.end))])
    forget_entities(doc)


def mention_start(span: Span) -> int:
    """Start of a person mention including a courtesy title before it ("Mr. Medinsky")."""
    if span.start > 0 and is_honorific(span.doc[span.start - 1].text):
        return span.doc[span.start - 1].idx
    return span.start_char


def fits_name(words: list[str], key: tuple[str, ...]) -> bool:
    """True when a mention's name words fit a person's full name (same surname; given names or initials agree)."""
    if not words or not key or words[-1].lower() != key[-1].lower():
        return False
    given = [w for w in key[:-1]]
    for word in words[:-1]:
        initial = word.rstrip(".")
        if len(initial) == 1:
            if not any(g[:1].upper() == initial.upper() for g in given):
                return False
        elif word.lower() not in {g.lower() for g in given}:
            return False
    return True


def cluster_people(doc: Doc, clusters: list[Cluster]) -> None:
    """Group PERSON mentions into people, longest names first (step 2 for persons)."""
    persons = [e for e in doc.ents if e.label_ == "PERSON" and name_tokens(e)]
    order = sorted(persons, key=lambda e: (-len(name_tokens(e)), e.start))
    for ent in order:
        words = name_tokens(ent)
        candidates = [i for i, c in enumerate(clusters) if c.type == "PERSON" and fits_name(words, c.key)]
        if candidates:
            index = nearest_before(clusters, candidates, ent.start_char)
        else:
            clusters.append(Cluster("PERSON", " ".join(words), key=tuple(words)))
            index = len(clusters) - 1
        cluster = clusters[index]
        kind = "name" if tuple(words) == cluster.key and len(words) >= 2 and mention_start(ent) == ent.start_char else "alias"
        if len(cluster.key) == 1:  # a lone name: the first mention is its name
            kind = "name" if not cluster.mentions else "alias"
        cluster.add_mention(mention_start(ent), ent.end_char, kind)


def nearest_before(clusters: list[Cluster], candidates: list[int], offset: int) -> int:
    """Among candidate clusters, the one mentioned last before ``offset`` (else the first)."""
    def last_before(i: int) -> int:
        mentions = clusters[i].mentions
        latest = clusters[i].latest_start()
        if latest < offset:  # the usual case, reading in text order: no scan of every mention
            return latest
        starts = [m[0] for m in mentions if m[0] < offset]
        return max(starts) if starts else -1
    return max(candidates, key=last_before)


def normalise_name(text: str) -> str:
    """Key for non-person names: without a leading "the", a possessive or line breaks."""
    text = " ".join(text.split())
    for prefix in ("the ", "The "):
        text = text.removeprefix(prefix)
    return text.removesuffix("’s").removesuffix("'s").lower()


def display_name(span: Span) -> str:
    """Name of a non-person entity as shown: the surface without a lower-case "the" or possessive."""
    text = " ".join(span.text.split()).removesuffix("’s").removesuffix("'s")
    return text.removeprefix("the ")


def cluster_others(doc: Doc, clusters: list[Cluster]) -> None:
    """Group organisation, place and group names by normalised text (step 2 for the rest)."""
    index = {(c.type, c.key): i for i, c in enumerate(clusters)}
    for ent in doc.ents:
        if ent.label_ == "PERSON" or ent.label_ not in NAME_TYPES or not ent.text.strip(" -’'"):
            continue
        key = (ent.label_, (normalise_name(ent.text),))
        if key not in index:
            clusters.append(Cluster(ent.label_, display_name(ent), key=key[1]))
            index[key] = len(clusters) - 1
        clusters[index[key]].add_mention(ent.start_char, ent.end_char, "name")


def find_offices(doc: Doc, clusters: list[Cluster]) -> None:
    """Make "X's office" (a person's possessive + an office noun) an organisation owned by X."""
    offices = load_words("offices.txt")
    for owner, cluster in enumerate(list(clusters)):
        if cluster.type != "PERSON":
            continue
        for start, end, _ in list(cluster.mentions):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            office = office_after(doc, span.end, offices)
            if office is not None:
                add_office(clusters, owner, doc_text(doc)[start:office], start, office)


def office_after(doc: Doc, i: int, offices: frozenset[str]) -> int | None:
    """End offset of "'s office" after token ``i`` (possessive then an office noun), else None."""
    if i < len(doc) and doc[i].text in POSSESSIVE:
        i += 1
    elif not (i > 0 and doc[i - 1].text.endswith(POSSESSIVE[:2])):
        return None
    for width in (2, 1):
        if i + width <= len(doc) and doc[i:i + width].text.lower() in offices:
            return doc[i + width - 1].idx + len(doc[i + width - 1].text)
    return None


def add_office(clusters: list[Cluster], owner: int, text: str, start: int, end: int) -> None:
    """Add a mention of the owner's office, creating the office's cluster on first sight."""
    noun = text.split()[-1].lower()
    key = (f"{clusters[owner].key[-1].lower()}'s {noun}",)
    for cluster in clusters:
        if cluster.type == "ORG" and cluster.owner == owner and cluster.key == key:
            cluster.add_mention(start, end, "alias")
            return
    clusters.append(Cluster("ORG", " ".join(text.split()), owner=owner, key=key, mentions=[[start, end, "name"]]))


def order_clusters(clusters: list[Cluster]) -> list[Cluster]:
    """Sort clusters and their mentions by first appearance; fix owner indexes accordingly."""
    for c in clusters:
        c.mentions.sort()
    order = sorted(range(len(clusters)), key=lambda i: clusters[i].mentions[0][0] if clusters[i].mentions else 0)
    new_index = {old: new for new, old in enumerate(order)}
    result = [clusters[i] for i in order]
    for c in result:
        if c.owner is not None:
            c.owner = new_index[c.owner]
    return result


@Language.factory("rashomon_people", requires=["doc.ents", "token.dep"], assigns=["doc.ents", "doc._.people", "doc._.descriptions"])
def make_people(nlp: Language, name: str) -> PeopleReader:
    """Factory of the ``rashomon_people`` component."""
    return PeopleReader()


class PeopleReader:
    """The ``rashomon_people`` component: entities with document-level consistency (see module doc)."""

    def __call__(self, doc: Doc) -> Doc:
        from rashomon.read import roles, sides

        harmonise_names(doc)
        clusters: list[Cluster] = []
        cluster_people(doc, clusters)
        cluster_others(doc, clusters)
        find_offices(doc, clusters)
        clusters = order_clusters(clusters)
        roles.find_roles(doc, clusters)
        chunks = list(doc.noun_chunks)  # computed once: the parse walk is the costliest step here
        descriptions = roles.find_descriptions(doc, clusters, chunks)
        sides.assign_sides(doc, clusters, descriptions, chunks)
        roles.resolve_descriptions(doc, clusters, descriptions)
        sides.propagate_sides(clusters, descriptions)
        doc._.people = clusters
        doc._.descriptions = descriptions
        return doc
