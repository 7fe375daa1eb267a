"""Facts: the typed, checkable facts of one article, read once so that compare never reads text.

The ``rashomon_facts`` component runs last (after people, quotes, times and events) and writes
``doc._.facts``, a list of :class:`~rashomon.read.spans.FactSpan`:

1. ``frames.frame_facts``: each event frame's date, time of day, place, duration, outcome, status,
   decision, cause and the entities in its type's agent/patient slots;
2. ``quantities.quantity_facts`` and ``tally_facts``: every count, sum of money, percentage and
   duration keyed by what it counts, with its role, period and scope; every vote tally;
3. ``people.people_facts``: the titles and ages of named people;
4. ``claims.claim_facts``: what each clause says happened, as a verb and the keys of its arguments,
   for what no typed slot holds;
5. ``dedupe``: one fact per slot, value and place in the text (a frame and a count can find the
   same duration).

``read/records_from_doc.py`` turns them into ``records.Fact`` and adds the facts that need the
article's records (``groups``: delegations, their heads, each side's aims).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from rashomon.read.events import load_lexicon
from rashomon.read.facts.claims import claim_facts
from rashomon.read.facts.context import FactContext
from rashomon.read.facts.frames import frame_facts
from rashomon.read.facts.people import people_facts
from rashomon.read.facts.quantities import quantity_facts, tally_facts
from rashomon.read.spans import FactSpan


class FactReader:
    """The ``rashomon_facts`` component: finds the facts of a Doc and writes ``doc._.facts``."""

    def __init__(self, triggers: str | None = None) -> None:
        self.lex = load_lexicon(triggers)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[FactSpan]:
        """Every fact the rules find (steps 1-3 of the module docstring)."""
        ctx = FactContext.build(doc, self.lex)
        return frame_facts(ctx) + quantity_facts(ctx) + tally_facts(ctx) + people_facts(ctx) + claim_facts(ctx)

    def set_annotations(self, doc: Doc, facts: list[FactSpan]) -> None:
        """Keep one fact per slot and words (step 4), in text order."""
        doc._.facts = dedupe(facts)


def dedupe(facts: list[FactSpan]) -> list[FactSpan]:
    """One fact per (slot, offsets, frame), and one quantity per offsets (a frame's duration is also a
    count of hours: the frame's, found first, is kept); sorted by position."""
    seen, kept = set(), []
    for fact in facts:
        key = ("quantity", fact.span) if fact.value.kind == "quantity" else (fact.slot, fact.span, fact.event)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return sorted(kept, key=lambda f: (f.span[0], f.slot))


@Language.factory("rashomon_facts", default_config={"triggers": None},
                  requires=["doc._.people", "doc._.times", "doc._.quotes", "doc._.events"], assigns=["doc._.facts"])
def make_fact_reader(nlp: Language, name: str, triggers: str | None) -> FactReader:
    """Build the component (registered as ``rashomon_facts``); ``triggers``: a folder or file of event
    types extending the packaged ``data/events/`` (see its README)."""
    return FactReader(triggers)
