"""What the read components write on a Doc, before it becomes records.

Components never leave ``read``; they communicate through these ``Doc._`` attributes (registered
once here) and these small span records, all with character offsets into ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

CharSpan = tuple[int, int]


@dataclass
class QuoteSpan:
    """A quotation or reported speech found in a Doc.

    ``start``/``end``: the quoted or reported content. ``cue``: the verb or phrase that attributes it
    ("said", "stressed", "according to"). ``speaker``: the words naming the speaker as written
    ("he", "Medinsky", "the Kremlin", "the Russian presidential aide"). ``antecedent``: for a pronoun
    speaker, the earlier mention it refers to.
    """

    kind: Literal["direct", "reported"]
    start: int
    end: int
    cue: CharSpan | None = None
    speaker: CharSpan | None = None
    antecedent: CharSpan | None = None


def register_extensions() -> None:
    """Register the ``Doc._`` attributes used by rashomon components (idempotent)."""
    for name, default in (
        ("article_id", None),   # str: the Article id, set before the pipeline runs
        ("published", None),    # str | None: YYYY-MM-DD publication date, the anchor for times
        ("quotes", None),       # list[QuoteSpan], set by rashomon_quotes
        ("terms", None),        # list[CharSpan]: quoted words used as terms, set by rashomon_quotes
        ("times", None),        # list[records.TimeRef], set by rashomon_times
        ("people", None),       # list[people.Cluster], set by rashomon_people
        ("descriptions", None), # list[people.DescriptionSpan], set by rashomon_people
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()
