"""Role phrases reduced to comparable signatures: head, portfolio, deputy, complement.

``"Deputy Defense Minister"`` -> (minister, {defense}, deputy); ``"Moscow's ambassador to Minsk"`` ->
(ambassador, complement Minsk); ``"Russian Ambassador to Belarus"`` -> (ambassador, complement Belarus).
Two signatures are compatible when heads (up to synonyms), portfolios and deputy rank agree and the
complements name the same place or one inside the other (Minsk lies in Belarus).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from unidecode import unidecode

from rashomon.knowledge import load_words
from rashomon.knowledge.places import Place, contains, is_capital, locate

# Head words that name one kind of role (the first of each group stands for the group).
HEAD_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("aide", "adviser", "advisor", "assistant", "counsellor", "counselor"),
    ("leader", "president", "head of state"),
    ("spokesperson", "spokesman", "spokeswoman", "press secretary"),
    ("ambassador", "envoy", "emissary"),
    ("chair", "chairman", "chairwoman", "chairperson"),
    ("lawmaker", "legislator", "parliamentarian", "mp", "member of parliament"),
    ("businessman", "businesswoman", "tycoon", "oligarch", "billionaire", "industrialist", "entrepreneur"),
)
_CANONICAL_HEAD = {word: group[0] for group in HEAD_SYNONYMS for word in group}
DEPUTY_WORDS = frozenset({"deputy", "vice", "assistant"})
PORTFOLIO_SPELLINGS = {"defence": "defense", "labour": "labor", "emergencies": "emergency", "economic": "economy"}
PREPOSITIONS = frozenset({"to", "of", "for", "in", "at", "on", "with"})


@dataclass(frozen=True)
class RoleSignature:
    """The comparable core of a role phrase."""

    head: str
    portfolio: frozenset[str] = frozenset()
    deputy: bool = False
    complement: str | None = None
    also: frozenset[str] = frozenset()  # other heads the role implies (a Duma committee chair is a lawmaker)

    def describe(self) -> str:
        words = (["deputy"] if self.deputy else []) + sorted(self.portfolio) + [self.head]
        return " ".join(words) + (f" (to/of {self.complement})" if self.complement else "")


@functools.lru_cache(maxsize=65536)
def parse_role(text: str, head_hint: str | None = None) -> RoleSignature | None:
    """The signature of a role phrase, or None when it has no known role head. A title of another
    language a language pack maps to an English role ("Министр", "الوزير") is read as that role."""
    from rashomon.lang import role_equivalents

    text = role_equivalents().get(" ".join(unidecode(text).lower().split()), text)
    raw = fold_keep_case(re.sub(r"['\u2019]s\b", "", text)).split()
    words = [w.lower() for w in raw]
    cut = next((i for i, w in enumerate(words) if w in PREPOSITIONS and i > 0), len(words))
    pre = words[:cut]
    found = _find_head(pre) or ((head_hint.lower(), len(pre)) if head_hint else None)
    if not found:
        return None
    head, at = found
    portfolios = load_words("portfolios.txt")
    portfolio = frozenset(PORTFOLIO_SPELLINGS.get(w, w) for w in pre[:at] if w in portfolios)
    deputy = any(w in DEPUTY_WORDS for w in pre[:at]) and head not in DEPUTY_WORDS
    canonical = _CANONICAL_HEAD.get(head, head)
    also = frozenset({"lawmaker"}) if canonical in LEGISLATIVE_HEADS and names_legislature(words) else frozenset()
    return RoleSignature(canonical, portfolio, deputy, _complement(raw, cut), also)


# Heads that make a person a lawmaker when the role names a legislature ("member of the parliament").
LEGISLATIVE_HEADS = frozenset({"chair", "member", "deputy", "speaker", "head", "representative"})


def names_legislature(words: list[str]) -> bool:
    """True when a role's (lower-case) words name a legislature from ``data/legislatures.txt``."""
    text = f" {' '.join(words)} "
    return any(f" {name} " in text for name in load_words("legislatures.txt"))


def fold_keep_case(text: str) -> str:
    """Like ``names.fold`` but keeping letter case (for complements shown in evidence)."""
    return " ".join(re.sub(r"[^A-Za-z0-9]+", " ", unidecode(text).replace("'", "")).split())


def _complement(raw: list[str], cut: int) -> str | None:
    """The words after "to"/"of"/"in" up to the next preposition, without articles ("to the Belarus" -> Belarus)."""
    if cut >= len(raw) or raw[cut].lower() not in {"to", "of", "in"}:
        return None
    words = []
    for word in raw[cut + 1:]:
        if word.lower() in PREPOSITIONS:
            break
        if word.lower() not in {"the", "a", "an"}:
            words.append(word)
    return " ".join(words) or None


def _find_head(words: list[str]) -> tuple[str, int] | None:
    """The last role word (or two-word role) of ``words`` and its index; "deputy" only when alone."""
    roles = load_words("roles.txt")
    for i in range(len(words) - 1, -1, -1):
        pair = " ".join(words[i - 1:i + 1]) if i > 0 else ""
        if pair in roles and pair.split()[0] not in DEPUTY_WORDS | load_words("portfolios.txt"):
            return pair, i - 1
        if words[i] in roles and (words[i] not in DEPUTY_WORDS or i == len(words) - 1):
            return words[i], i
    return None


def are_compatible(a: RoleSignature, b: RoleSignature) -> str | None:
    """Why two role signatures can be one role (a phrase for evidence), or None when they cannot.

    Complements count only when both name places (ambassador to Minsk / to Belarus: compatible; to Minsk /
    to Warsaw: not); other complements ("to the Chief of ..." / "to President ...") are left unjudged.
    """
    heads = ({a.head} | a.also) & ({b.head} | b.also)
    if not heads or a.deputy != b.deputy:
        return None
    if a.portfolio and b.portfolio and a.portfolio != b.portfolio:
        return None
    reason = f"same role {a.describe().split(' (')[0]}" if a.head == b.head else f"both {sorted(heads)[0]}s ({a.head}, {b.head})"
    if a.complement and b.complement:
        places = _complement_relation(a.complement, b.complement)
        if places == "":
            return None
        if places:
            reason += f", {places}"
    return reason


@functools.lru_cache(maxsize=65536)
def _complement_relation(a: str, b: str) -> str | None:
    """How two complements relate ("Minsk lies in Belarus"); "" for different places; None when unknown."""
    if a.lower() == b.lower():
        return f"both {a}"
    pa, pb = locate(a), locate(b)
    if pa is None or pb is None:
        return None
    if pa.geonameid == pb.geonameid:
        return f"{a} and {b} are one place ({pa.name})"
    if contains(pb, pa):
        return _lies_in(a, pa, b)
    if contains(pa, pb):
        return _lies_in(b, pb, a)
    return ""


def _lies_in(inner: str, place: Place, outer: str) -> str:
    return f"{inner} {'is the capital of' if is_capital(place) else 'lies in'} {outer}"
