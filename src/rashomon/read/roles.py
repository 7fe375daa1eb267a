"""Roles, titles and role-only descriptions of people.

- A **title** stands before a name: "Deputy Foreign Minister Nikolai Tochitsky", "Chairman of the
  State Duma Committee on International Affairs Leonid Slutsky". The dependency parse of such long
  titles is unreliable (the parser often hangs the name off a preposition inside the title), so
  titles are found by a bounded scan leftwards over title-like tokens, kept only when they hold a
  role word (``data/roles.txt``).
- An **apposition** follows a name between commas ("Mikhail Podolyak, advisor to ...,"), or a role
  phrase opens the sentence before a named person ("Another Russian representative at the talks,
  Chairman ... Leonid Slutsky, stressed").
- A **description** is a noun phrase headed by a role word with no name ("the Russian presidential
  aide", "Moscow's ambassador to Minsk"). A definite singular description is resolved to the person
  of the article whose role has the same head (or a more specific one: "the Russian leader" ->
  a president) and a compatible side; otherwise it stays a role-only record.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from rashomon.knowledge import load_table, load_words
from rashomon.numbers import parse_count
from rashomon.read.people import POSSESSIVE, Cluster, is_role_word
from rashomon.read.spans import doc_text, sentence_of

# Longest title or apposition scanned, in tokens: the longest titles in news ("First Deputy Head of
# the Ukrainian delegation in the Trilateral Contact Group") run to about 12 tokens.
MAX_ROLE_TOKENS = 16
# Longest prepositional complement attached to a description ("ambassador to the Republic of Belarus").
MAX_COMPLEMENT_TOKENS = 8
# The role word of an apposition comes early ("a Swiss-Chilean banker": 5 tokens); later role words
# belong to a complement ("the mother of the foreign minister").
APPOSITION_HEAD_WINDOW = 6
TITLE_CONNECTORS = frozenset({"of", "to", "for", "on", "in", "at", "the", "-", "–"})
LEADING_JUNK = frozenset({"of", "to", "for", "on", "in", "at", "the", "-", "–"})
DEFINITE = frozenset({"the", "this", "that"})
HOST_PREPOSITIONS = frozenset({"to"})


@dataclass
class DescriptionSpan:
    """A role-only mention found in a Doc (becomes a ``records.Description``)."""

    start: int
    end: int
    head: str
    count: int | None = 1
    definite: bool = False
    side: str | None = None
    side_reason: str | None = None
    cluster: int | None = None
    reason: str | None = None


def is_title_token(token) -> bool:
    """True for tokens that can be part of a title before a name."""
    if token.text in POSSESSIVE or token.lower_ in TITLE_CONNECTORS:
        return True
    return token.pos_ in {"PROPN", "NOUN", "ADJ"} and not token.is_punct


def has_role_word(span: Span) -> bool:
    """True when a token of ``span`` is a role word (by text or lemma)."""
    return any(is_role_word(t.text) or is_role_word(t.lemma_) for t in span)


def title_before(doc: Doc, start: int) -> Span | None:
    """The title standing right before the name at token ``start``, if any."""
    j = start
    while j > 0 and start - j < MAX_ROLE_TOKENS and is_title_token(doc[j - 1]):
        j -= 1
        if doc[j].is_sent_start:
            break
    while j < start and doc[j].lower_ in LEADING_JUNK:
        j += 1
    span = doc[j:start]
    return span if len(span) and has_role_word(span) else None


def apposition_after(doc: Doc, end: int) -> Span | None:
    """The role in an apposition after a name (", advisor to the Chief of ..., "), if any."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    k = end + 1
    while k < len(doc) and k - end <= MAX_ROLE_TOKENS and not is_boundary(doc[k]):
        k += 1
    span = doc[end + 1:k]
    if not len(span) or span[0].lower_ in {"who", "which", "whose", "whom", "that"}:
        return None
    if k < len(doc) and doc[k].pos_ == "CCONJ" or continues_list(doc, k):
        return None  # "X, its deputy minister, a lawmaker and Y": a list, not an apposition
    if any(t.ent_type_ == "PERSON" for t in span):
        return None  # the next item of a list of named people, not an apposition
    opening = [t for t in span[:APPOSITION_HEAD_WINDOW] if t.pos_ != "DET"]
    if not any(is_role_word(t.text) or is_role_word(t.lemma_) for t in opening):
        return None
    first = span.start
    while first < span.end and span.doc[first].lower_ in {"a", "an", "the"}:
        first += 1  # the role is "Swiss banker", not "a Swiss banker"
    return span.doc[first:span.end]


def continues_list(doc: Doc, k: int) -> bool:
    """True when, after the comma at ``k``, a conjunction comes before any verb ("..., a lawmaker and Y")."""
    if k >= len(doc) or doc[k].text != ",":
        return False
    for token in doc[k + 1:min(len(doc), k + 1 + MAX_ROLE_TOKENS)]:
        if token.pos_ in {"VERB", "AUX"} or token.text in {".", ";", ":"}:
            return False
        if token.pos_ == "CCONJ":
            return True
    return False


def is_boundary(token) -> bool:
    """Tokens that end an apposition: punctuation (but hyphens), verbs, conjunctions."""
    if token.is_punct and token.text not in {"-", "–", "’s", "'s"}:
        return True
    return token.pos_ in {"VERB", "AUX", "CCONJ", "SCONJ", "PRON"} and token.lower_ not in {"its", "his", "her", "their"}


def fronted_role(doc: Doc, start: int) -> Span | None:
    """A role phrase opening the sentence before ", [title] Name" ("Another Russian representative at the talks,")."""
    if start == 0 or doc[start - 1].text != ",":
        return None
    sent = sentence_of(doc[start])
    span = doc[sent.start:start - 1]
    if not len(span) or len(span) > MAX_ROLE_TOKENS or any(t.pos_ in {"VERB", "AUX"} or t.ent_type_ == "PERSON" for t in span):
        return None
    if any(t.is_punct for t in span):
        return None
    return span if is_role_word(span.root.text) or is_role_word(span.root.lemma_) else None


def find_roles(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach titles, appositions and fronted role phrases to each person's cluster (step 3)."""
    for cluster in clusters:
        if cluster.type != "PERSON":
            continue
        for start, end, _ in cluster.mentions:
            name = doc.char_span(start, end, alignment_mode="expand")
            if name is None:
                continue
            title = title_before(doc, name.start)
            opening = title.start if title is not None else name.start
            for role in (title, apposition_after(doc, name.end), fronted_role(doc, opening)):
                if role is not None and (role.start_char, role.end_char) not in cluster.roles:
                    cluster.roles.append((role.start_char, role.end_char))
        cluster.roles.sort()


def role_head(doc: Doc, start: int, end: int) -> str | None:
    """The head role word of a role span: the last role word before its first preposition, not a possessor's title.

    "President Vladimir Putin's aide" -> aide; "Russian Ambassador to Belarus" -> ambassador.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    head = None
    for token in span:
        if token.pos_ == "ADP" and head is not None:
            break
        if (is_role_word(token.text) or is_role_word(token.lemma_)) and not followed_by_name(token, span.end):
            head = token.lemma_.lower() if is_role_word(token.lemma_) else token.lower_
    return head


def followed_by_name(token, end: int) -> bool:
    """True when a title word is followed, inside its role span ending at token ``end``, by a PERSON name.

    In "President Vladimir Putin's aide" (the role of Medinsky), "President" is Putin's title.
    """
    doc = token.doc
    return token.i + 1 < end and doc[token.i + 1].ent_type_ == "PERSON"


def covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps one of ``spans``."""
    return any(start < e and s < end for s, e in spans)


def find_descriptions(doc: Doc, clusters: list[Cluster], chunks: list[Span] | None = None) -> list[DescriptionSpan]:
    """Role-only mentions: noun phrases headed by a role word, with no name (step 4)."""
    taken = [(r[0], r[1]) for c in clusters for r in c.roles]
    taken += [(m[0], m[1]) for c in clusters if c.type == "PERSON" for m in c.mentions]
    found = []
    for chunk in doc.noun_chunks if chunks is None else chunks:
        root = chunk.root
        if not (is_role_word(root.lemma_) or is_role_word(root.text)) or any(t.ent_type_ == "PERSON" for t in chunk):
            continue
        if is_bare_plural(chunk) or covered(chunk.start_char, chunk.end_char, taken):
            continue
        end = extend_complement(chunk)
        found.append(DescriptionSpan(chunk.start_char, end, head=head_of(root), count=count_of(chunk),
                                     definite=is_definite(chunk)))
    return found


def head_of(root) -> str:
    """The role a description's root names, with a two-word role ("secretary general") when it is one."""
    if root.i > 0:
        pair = f"{root.doc[root.i - 1].lower_} {root.lower_}"
        if is_role_word(pair):
            return pair
    return root.lemma_.lower()


def is_bare_plural(chunk: Span) -> bool:
    """True for an unmodified plural ("journalists"): a generic group, not a description of people."""
    return chunk.root.tag_ in {"NNS", "NNPS"} and len(chunk) == 1


def is_definite(chunk: Span) -> bool:
    """True for "the ..." or a possessed phrase ("Moscow's ambassador", "its minister")."""
    first = chunk[0]
    return first.lower_ in DEFINITE or any(t.dep_ == "poss" for t in chunk)


def count_of(chunk: Span) -> int | None:
    """How many people a description counts: 1 if singular, N for "four senior lawmakers", None if unsaid."""
    if chunk.root.tag_ not in {"NNS", "NNPS"}:
        return 1
    for token in chunk:
        if token.dep_ == "nummod":
            return parse_count(token.text)
    return None


def extend_complement(chunk: Span) -> int:
    """End offset of a description with its short complement ("ambassador" + "to Minsk")."""
    end = chunk.end_char
    for child in chunk.root.rights:
        if child.dep_ == "prep" and child.lower_ in {"to", "of", "at", "in", "for"} and child.i == chunk.end:
            sub = list(child.subtree)
            if len(sub) <= MAX_COMPLEMENT_TOKENS and not any(t.pos_ in {"VERB", "AUX"} or t.ent_type_ == "PERSON" for t in sub):
                end = sub[-1].idx + len(sub[-1].text)
    return end


def role_modifiers(doc: Doc, start: int, end: int, head: str) -> set[str]:
    """Content words of a description besides its head, determiners, possessors and country words."""
    from rashomon.knowledge import country_of

    span = doc.char_span(start, end, alignment_mode="expand")
    words = set()
    for token in span or []:
        if token.pos_ in {"NOUN", "ADJ", "PROPN"} and token.lemma_.lower() != head and not country_of(token.text):
            if token.dep_ != "poss" and token.head.i <= span.root.i:
                words.add(token.lower_[:STEM])
    return words


# Words are compared on their first letters so that "presidential" matches "President".
STEM = 6


def resolve_descriptions(doc: Doc, clusters: list[Cluster], descriptions: list[DescriptionSpan]) -> None:
    """Link each definite singular description to the person of the article it stands for (step 4b)."""
    heads = {i: person_roles(doc, c) for i, c in enumerate(clusters) if c.type == "PERSON"}
    for desc in descriptions:
        if desc.count != 1 or not desc.definite:
            continue
        candidates = [i for i, roles in heads.items() if fits_description(doc, desc, clusters[i], roles)]
        if not candidates:
            continue
        from rashomon.read.people import nearest_before

        index = nearest_before(clusters, candidates, desc.start)
        role_text = doc_text(doc)[heads[index][0][1]:heads[index][0][2]] if heads[index] else ""
        desc.cluster = index
        desc.reason = f"'{' '.join(doc_text(doc)[desc.start:desc.end].split())}' fits the role '{' '.join(role_text.split())}' of {clusters[index].name}"
        clusters[index].add_mention(desc.start, desc.end, "description")


def person_roles(doc: Doc, cluster: Cluster) -> list[tuple[str, int, int]]:
    """(head, start, end) of each role of a person whose head is known."""
    result = []
    for start, end in cluster.roles:
        head = role_head(doc, start, end)
        if head:
            result.append((head, start, end))
    return result


def fits_description(doc: Doc, desc: DescriptionSpan, cluster: Cluster, roles: list[tuple[str, int, int]]) -> bool:
    """True when a person's role has the description's head (or a more specific one) and no clash."""
    if desc.side and cluster.side and desc.side != cluster.side:
        return False
    wanted = {desc.head} | set(load_table("leaders.tsv").get(desc.head, "").split(","))
    modifiers = role_modifiers(doc, desc.start, desc.end, desc.head)
    for head, start, end in roles:
        if head in wanted:
            role_words = {w.lower()[:STEM] for w in doc_text(doc)[start:end].replace("’s", " ").split()}
            if head != desc.head or modifiers <= role_words:
                return True
    return False


def is_group_noun(word: str) -> bool:
    """True for the nouns of a side or delegation ("side", "delegation", "team")."""
    return word.lower() in load_words("groups.txt")
