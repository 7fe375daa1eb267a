"""The side (country) a person or organisation acts for, where the text says so.

Evidence, strongest first:
1. the person's own role: "Ukrainian President", "assistant to the President of Russia",
   "Russian Ambassador to Belarus" (a country right after "to" is the host, not the side);
   a role naming two countries ("Russian-Israeli billionaire") gives no side;
2. an organisation's own name: "The Russian Defense Ministry", "the Kremlin" (institutions.tsv);
3. the group a person is listed in: "On the Russian side, there were ...", "The Ukrainian
   delegation ... included ...", "Russia's team comprises ...";
4. what others say of it: the owner of "X's office", the person a description resolved to.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span


from rashomon.knowledge import country_of, load_table
from rashomon.read.people import POSSESSIVE, Cluster
from rashomon.read.roles import DescriptionSpan, is_group_noun
from rashomon.read.spans import doc_text, entities_within, sentence_of

AMBIGUOUS = "<ambiguous>"
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def countries_of_token(token) -> set[str]:
    """Countries named by a token and the words hyphenated to it ("Russian-Israeli" names two)."""
    doc = token.doc
    words = re.split(r"[-–]", token.text)
    i = token.i
    while i + 2 < len(doc) and doc[i + 1].text in HYPHENS and not doc[i].whitespace_ and not doc[i + 1].whitespace_:
        words.append(doc[i + 2].text)
        i += 2
    found = set()
    for word in words:
        country = country_of(word) if word[:1].isupper() else None
        if country:
            found.add(country)
    return found


HYPHENS = frozenset({"-", "–"})


def country_in(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    """The first country a span states for its holder, with the words that state it.

    Returns (country, evidence), (AMBIGUOUS, evidence) for a compound of two countries, or (None, None).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None, None
    text = span.text
    match = institutions_pattern().search(text)
    if match:
        return load_table("institutions.tsv")[match.group()], match.group()
    for token in span:
        if token.text in POSSESSIVE or is_host(token):
            continue
        found = countries_of_token(token)
        if len(found) > 1:
            return AMBIGUOUS, token.text
        if found:
            return found.pop(), token.text
    for ent in entities_within(doc, span.start, span.end):
        if len(ent) > 1 and not is_host(ent[0]):
            country = country_of(ent.text)
            if country:
                return country, ent.text
    return None, None


@functools.lru_cache(maxsize=1)
def institutions_pattern() -> re.Pattern:
    """One regex for all institution names (longest first), compiled once."""
    names = sorted(load_table("institutions.tsv"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def is_host(token) -> bool:
    """True for a country after "to" ("ambassador to Belarus"): where the holder serves, not whom."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and doc[i].lower_ == "to"


def set_side(holder, country: str | None, reason: str) -> None:
    """Give ``holder`` (a Cluster or DescriptionSpan) a side unless it has one or the evidence is ambiguous."""
    if country and holder.side is None and getattr(holder, "side_reason", None) != AMBIGUOUS:
        if country == AMBIGUOUS:
            holder.side_reason = AMBIGUOUS
        else:
            holder.side, holder.side_reason = country, reason


def assign_sides(doc: Doc, clusters: list[Cluster], descriptions: list[DescriptionSpan],
                 chunks: list[Span] | None = None) -> None:
    """Sides from roles, names, possessors and listing groups (step 5)."""
    for cluster in clusters:
        if cluster.type == "PERSON":
            for start, end in cluster.roles:
                country, words = country_in(doc, start, end)
                set_side(cluster, country, f"role '{' '.join(doc_text(doc)[start:end].split())}' ({words})")
        elif cluster.type in {"ORG", "NORP"} and cluster.owner is None:
            start, end, _ = cluster.mentions[0]
            country, words = country_in(doc, start, end)
            set_side(cluster, country, f"name '{cluster.name}' ({words})")
    for desc in descriptions:
        country, words = country_in(doc, desc.start, desc.end)
        if country is None:
            country, words = possessive_pronoun_country(doc, desc.start)
        set_side(desc, country, f"'{' '.join(doc_text(doc)[desc.start:desc.end].split())}' ({words})")
    assign_group_sides(doc, clusters, descriptions, chunks)


def possessive_pronoun_country(doc: Doc, start: int) -> tuple[str | None, str | None]:
    """For "its deputy defense minister": the country of the nearest place or body named before in the sentence."""
    span = doc.char_span(start, start + 4, alignment_mode="expand")
    if span is None or span[0].lower_ not in POSSESSIVE_PRONOUNS:
        return None, None
    sent = sentence_of(span[0])
    for ent in reversed(entities_within(doc, sent.start, span[0].i)):
        if ent.label_ in {"GPE", "ORG", "NORP"} and not is_host(ent[0]):
            country = country_of(ent.text)
            if country:
                return country, f"{span[0].text} = {ent.text}"
    return None, None


def group_phrases(doc: Doc, chunks: list[Span] | None = None) -> list[tuple[Span, str]]:
    """Phrases naming a side or delegation with its country ("the Russian side", "Russia's team")."""
    found = []
    for chunk in doc.noun_chunks if chunks is None else chunks:
        if is_group_noun(chunk.root.lemma_) or is_group_noun(chunk.root.text):
            country, _ = country_in(doc, chunk.start_char, chunk.end_char)
            if country and country != AMBIGUOUS:
                found.append((chunk, country))
    return found


def assign_group_sides(doc: Doc, clusters: list[Cluster], descriptions: list[DescriptionSpan],
                       chunks: list[Span] | None = None) -> None:
    """People and descriptions listed after a side's phrase in the same sentence act for that side."""
    for chunk, country in group_phrases(doc, chunks):
        sent = sentence_of(chunk.root)
        reason = f"listed under '{chunk.text}'"
        for cluster in clusters:
            if cluster.type == "PERSON" and any(chunk.end_char <= m[0] < sent.end_char for m in cluster.mentions):
                set_side(cluster, country, reason)
        for desc in descriptions:
            if chunk.end_char <= desc.start < sent.end_char:
                set_side(desc, country, reason)


def propagate_sides(clusters: list[Cluster], descriptions: list[DescriptionSpan]) -> None:
    """Offices take their owner's side; a person and the description resolved to them share a side."""
    for desc in descriptions:
        if desc.cluster is not None:
            person = clusters[desc.cluster]
            set_side(person, desc.side, f"described as such ({desc.side_reason})")
            set_side(desc, person.side, f"refers to {person.name}")
    for cluster in clusters:
        if cluster.owner is not None:
            owner = clusters[cluster.owner]
            set_side(cluster, owner.side, f"office of {owner.name}")
