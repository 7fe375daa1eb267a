"""Claims: what each sentence says happened, as predicate and arguments, for the facts no typed slot
holds ("the gunman was shot dead by police", "the court allowed Texas to resume the ban", "the
rally quickly fell apart").

One claim per clause head: the main verb of a sentence, the verbs coordinated with it, the verbs of
its adverbial, relative and complement clauses, and the content clause of a speech verb ("police
said the gunman acted alone" -> act, reported by police).
Its slot is ``claim:<verb>`` (the first verb of the verb's class in ``_shared.yaml``, so "seized"
and "detained" are one claim), its value the clause's words without its times, numbers and places
(those are facts of their own), its ``members`` the keys of its subject and object (an entity id,
else the noun's lemma: "gunman", "court"), and its status happened, planned (a modal, a verb of
expectation) or denied (a negation). Compare lines claims up by verb and a shared argument.
"""

from __future__ import annotations

from spacy.tokens import Token

from rashomon.read.facts.context import FactContext, is_expected, is_negated
from rashomon.read.spans import FactSpan, entity_id
from rashomon.records import Value

# Dependencies of a clause's arguments.
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "attr", "acomp", "oprd", "xcomp")
KEEP_PREPS = frozenset({"by", "to", "of", "for", "from", "against", "with", "as", "into", "on"})
# Pronouns that stand for no key of their own.
EMPTY_PRONOUNS = frozenset({"it", "they", "them", "this", "that", "which", "who", "what", "there", "we", "you", "i"})
MAX_CLAIM_WORDS = 18
# Verbs that head a claim of their own: the main verb, and the verbs of adverbial, relative and
# complement clauses ("killing at least 13 people", "the gunman who killed three people", "showed
# that the ban was aimed at Muslims").
HEAD_DEPS = frozenset({"ROOT", "advcl", "relcl", "ccomp"})
MIN_CLAIM_WORDS = 2


def claim_facts(ctx: FactContext) -> list[FactSpan]:
    """The claims of the Doc, in text order (see the module docstring)."""
    facts = []
    for head in clause_heads(ctx):
        fact = read_claim(ctx, head)
        if fact is not None:
            facts.append(fact)
    return facts


def clause_heads(ctx: FactContext) -> list[Token]:
    """Main verbs, their coordinated verbs, and the content clauses of speech verbs."""
    heads = []
    speech = ctx.lex.lists.get("speech_like", frozenset())
    for start, end in ctx.base.units:
        for token in ctx.doc[start:end]:
            if token.pos_ != "VERB":
                continue
            if token.dep_ in HEAD_DEPS or (token.dep_ == "conj" and token.head.pos_ == "VERB"):
                if token.lemma_.lower() in speech:
                    heads += [c for c in token.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
                else:
                    heads.append(token)
    return heads


def argument_key(ctx: FactContext, token: Token) -> str | None:
    """The key of an argument: its entity id, else its noun's lemma; None for an empty pronoun."""
    index = ctx.base.entity_at(token)
    if index is not None:
        return entity_id(index)
    if token.lower_ in EMPTY_PRONOUNS or token.pos_ not in ("NOUN", "PROPN"):
        return None
    return token.lemma_.lower()


def arguments(ctx: FactContext, verb: Token) -> list[str]:
    """Keys of the subject (or agent) and object of a clause, subject first."""
    keys = []
    for child in verb.children:
        if child.dep_ in SUBJECTS + OBJECTS:
            keys.append(argument_key(ctx, child))
        elif child.dep_ == "agent":
            keys += [argument_key(ctx, g) for g in child.children if g.dep_ == "pobj"]
    return [k for k in dict.fromkeys(keys) if k]


def claim_words(ctx: FactContext, verb: Token) -> tuple[int, int, str] | None:
    """The claim's words: the verb with its objects and kept prepositions, its negation and particles,
    without times, numbers and places (start, end, text); None when too short to say anything."""
    tokens = [verb] + [t for c in verb.children if keeps(ctx, c) for t in c.subtree]
    tokens = [t for t in tokens if t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "GPE", "LOC")]
    kept = {t.i for t in tokens}
    tokens = [t for t in tokens if t.pos_ != "ADP" or any(c.i in kept for c in t.children)]  # no bare "on"
    tokens.sort(key=lambda t: t.i)
    if len(tokens) < MIN_CLAIM_WORDS:
        return None
    tokens = tokens[:MAX_CLAIM_WORDS]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = "".join(t.text_with_ws if t.i + 1 in kept_after(tokens) else t.text + " " for t in tokens)
    return start, end, " ".join(text.split())


def kept_after(tokens: list[Token]) -> set[int]:
    """Token indices that follow a kept token directly (where the text's own spacing applies)."""
    indices = {t.i for t in tokens}
    return {i for i in indices if i - 1 in indices}


def keeps(ctx: FactContext, child: Token) -> bool:
    if child.dep_ in ("neg", "prt", "aux", "auxpass", "advmod", "acomp", "dobj", "attr", "oprd", "xcomp", "agent",
                      "dative"):
        return True
    return child.dep_ == "prep" and child.lower_ in KEEP_PREPS


def status_of(ctx: FactContext, verb: Token) -> str:
    if is_negated(verb):
        return "denied"
    return "planned" if is_expected(verb, ctx.lex) else "happened"


def read_claim(ctx: FactContext, verb: Token) -> FactSpan | None:
    """The claim of one clause head, or None when it has no argument or too few words."""
    keys = arguments(ctx, verb)
    words = claim_words(ctx, verb)
    if not keys or words is None:
        return None
    start, end, text = words
    lemma = verb.lemma_.lower()
    value = Value("text", text, members=keys, status=status_of(ctx, verb))
    modality, asserter = ctx.modality_of(verb)
    event = ctx.event_of(verb)
    return FactSpan(f"claim:{canonical_verb(ctx, lemma)}", value, (start, end), ctx.sentence_of(verb),
                    event=event, event_type=ctx.events[event].type if event is not None else None,
                    predicate=lemma, asserter=asserter, modality=modality)


def canonical_verb(ctx: FactContext, lemma: str) -> str:
    """The first verb of the lemma's class ("detained" -> seize), else the lemma."""
    return ctx.lex.class_heads.get(lemma, lemma)
