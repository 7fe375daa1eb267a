"""The incremental entity linker: one corpus entity per real person, organisation and place.

``EntityLinker.add(reading)`` files each entity of a new article under the corpus entity it names, found
through indexes (never by comparing all pairs), or opens a new one:

- persons by surname blocking keys (transliteration key, consonant skeleton, key prefix), then a
  decision on surname, given name, side and roles (see ``_decide_person``);
- places by GeoNames geonameid (Kiev and Kyiv are one id), else by folded name;
- organisations and the rest by the folded forms of every alias (``NATO`` given with its expansion in
  one article links ``NATO`` alone in another);
- role-only descriptions ("Moscow's ambassador to Minsk") are aligned to the unique named person of
  another article with a compatible role and the same side, now or when that person arrives later.

Every merge and alignment is explained in the corpus entity's ``merge_evidence``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rashomon.knowledge.places import Place, locate, place_by_id
from rashomon.link.names import (MIN_SOUND_ALONE, NameMatch, PersonName, blocking_keys, compare_given,
                                 compare_surnames, fold, lookup_keys, parse_person_name, script_of, sound_key)
from rashomon.link.roles import RoleSignature, are_compatible, parse_role
from rashomon.records import (Alias, CorpusEntity, CorpusMention, CorpusRole, Description, Entity, Reading)

PLACE_TYPES = frozenset({"GPE", "LOC"})
# The version of the person index's keys (``names.blocking_keys``): saved indexes of another are re-filed.
BLOCKING = 2
# The form of the saved indexes: 2 keeps mention positions (not mention objects) and a per-article index.
FORMAT = 2
ID_PREFIX = {"PERSON": "P", "ORG": "O", "GPE": "G", "LOC": "G", "NORP": "N"}
# Decision levels of a person match, best first.
STRONG, MEDIUM, WEAK = 3, 2, 1


@dataclass
class _PersonFacts:
    """What the linker knows of a corpus person: the names seen, role signatures, articles."""

    names: list[PersonName] = field(default_factory=list)
    roles: dict[RoleSignature, str] = field(default_factory=dict)  # signature -> the first role text with it


@dataclass
class _Candidate:
    corpus_id: str
    level: int
    evidence: str


@dataclass
class _Pending:
    """A description not aligned yet, kept until a person with a fitting role arrives."""

    article: str
    description: Description
    signature: RoleSignature


class EntityLinker:
    """Links the entities of readings, one reading at a time, into corpus entities."""

    # The indexes ``add`` reads and writes only key by key (never iterating them), with the value a
    # missing key gets (None: none): the store keeps each as rows, read when asked and written where
    # changed (``store.rows``). Their values must not share objects across keys.
    KEYED = {"_entities": None, "_local": None, "_names": None, "_articles": set, "_persons": None,
             "_person_index": set, "_alias_index": set, "_mention_at": None, "_by_article": set}

    def __init__(self) -> None:
        self._entities: dict[str, CorpusEntity] = {}
        self._counters: Counter[str] = Counter()
        self._local: dict[tuple[str, str], str] = {}
        self._names: dict[str, Counter[str]] = {}  # corpus id -> local entity names seen
        self._articles: dict[str, set[str]] = defaultdict(set)  # corpus id -> articles it appears in
        self._persons: dict[str, _PersonFacts] = {}
        self._person_index: dict[str, set[str]] = defaultdict(set)
        self._person_scripts: set[str | None] = set()  # scripts of the person names filed (sound keys cross them)
        self._blocking = BLOCKING  # which ``blocking_keys`` filed the person index
        self._format = FORMAT  # the form of the other indexes (``_upgrade``)
        # corpus entities changed since made, loaded or ``forget_changes``: id -> the articles whose
        # part of it changed (None: all of it, a new or merged entity); and those merged away since
        self._changed: dict[str, set[str] | None] = {}
        self._removed: set[str] = set()
        self._place_index: dict[int, str] = {}
        self._alias_index: dict[tuple[str, str], set[str]] = defaultdict(set)  # (class, folded alias) -> ids
        self._role_index: dict[tuple[str, str | None], set[str]] = defaultdict(set)  # (head, side) -> ids
        self._pending: dict[tuple[str, str], list[_Pending]] = defaultdict(list)
        # (id, article, start, end) -> the mention's position in the entity's mentions
        self._mention_at: dict[tuple[str, str, int, int], int] = {}
        self._by_article: dict[str, set[str]] = defaultdict(set)  # article -> ids with a part in it (or were)
        self._language: str | None = None  # the language of the reading being added
        self._merged: dict[str, str] = {}  # id of a corpus entity merged into another -> the other's id

    def __setstate__(self, state: dict) -> None:
        """Load saved indexes: a person index filed under older blocking keys is filed again, and
        indexes saved before they existed or changed form are made from the entities."""
        self.__dict__.update(state)
        self._changed, self._removed = {}, set()
        if self._entities is None:  # the keyed indexes are rows the store attaches: then ``rows_attached``
            return
        self._upgrade()

    def rows_attached(self) -> None:
        """The store attached the keyed indexes (``store.rows.load``): bring old ones up to date."""
        self._upgrade()

    def _upgrade(self) -> None:
        if self.__dict__.get("_format") != FORMAT:  # saved before the per-article index and positions
            self._by_article, self._mention_at = defaultdict(set), {}
            for corpus_id in self._entities:
                for article in self._articles.get(corpus_id, ()):
                    self._by_article[article].add(corpus_id)
                for i, m in enumerate(self._entities[corpus_id].mentions):
                    self._by_article[m.article].add(corpus_id)
                    self._mention_at[(corpus_id, m.article, m.start, m.end)] = i
            self._format = FORMAT
        if self.__dict__.get("_blocking") != BLOCKING:
            self._person_index = defaultdict(set)
            self._person_scripts = set()
            for corpus_id in self._persons:
                for name in self._persons[corpus_id].names:
                    self._file_person(name, corpus_id)
            self._blocking = BLOCKING

    # -- public API -------------------------------------------------------------------------------

    def add(self, reading: Reading) -> None:
        """Take one article's reading into the corpus.

        1. link each entity (persons, places, organisations, the rest) to a corpus entity or open one;
        2. record its mentions, aliases and roles, and index it;
        3. add descriptions the article itself resolved as description mentions;
        4. align the other descriptions to a named person of another article, or keep them pending;
        5. retry pending descriptions whose role the new persons now fill.
        """
        article = reading.article.id
        prefer = _countries_named(reading)
        touched_roles: set[tuple[str, str]] = set()
        self._language = reading.article.language
        for entity in reading.entities:
            corpus_id = self._link_entity(article, entity, prefer)
            self._local[(article, entity.id)] = corpus_id
            self._absorb(article, entity, corpus_id)
            touched_roles |= self._index(article, entity, corpus_id)
        for description in reading.descriptions:
            self._add_description(article, description)
        for key in touched_roles:
            self._retry_pending(key)

    def entities(self) -> list[CorpusEntity]:
        """The corpus entities, in the order they were opened."""
        return list(self._entities.values())

    def entities_in(self, articles: list[str]) -> dict[str, CorpusEntity]:
        """The corpus entities with a member or a mention in any of these articles, by id (a story's
        entities, read through the per-article index: never the whole corpus)."""
        ids = {self._canon(c) for a in articles for c in self._by_article.get(a, ())}
        return {cid: self._entities[cid] for cid in sorted(ids, key=_id_order) if cid in self._entities}

    def changes(self) -> tuple[list[CorpusEntity], set[str], dict[str, set[str] | None]]:
        """What changed since the linker was made or loaded (or since ``forget_changes``): the corpus
        entities opened or changed, in the order they were opened; the ids of those merged into
        another; and per changed entity the articles whose mentions, roles or evidence changed (None:
        all, for an entity opened or merged since). The store rewrites only these."""
        changed = [self._entities[cid] for cid in sorted(self._changed, key=_id_order) if cid in self._entities]
        removed = {cid for cid in self._removed if cid not in self._entities}
        return changed, removed, {e.id: self._changed[e.id] for e in changed}

    def forget_changes(self) -> None:
        self._changed, self._removed = {}, set()

    def _touch(self, corpus_id: str, article: str | None = None) -> None:
        """Note a change of the entity (in one article's part of it; None: anywhere)."""
        if article is None:
            self._changed[corpus_id] = None
        elif corpus_id not in self._changed:
            self._changed[corpus_id] = {article}
        elif self._changed[corpus_id] is not None:
            self._changed[corpus_id].add(article)

    def entity(self, corpus_id: str) -> CorpusEntity | None:
        """The corpus entity with this id (or the one it was merged into)."""
        return self._entities.get(self._canon(corpus_id))

    def resolve(self, article_id: str, local_id: str) -> str | None:
        """The corpus id of an article's local entity (``("000_x", "e5")`` -> ``"P1"``)."""
        found = self._local.get((article_id, local_id))
        return self._canon(found) if found else None

    def _canon(self, corpus_id: str) -> str:
        """The id a corpus entity has now (an entity merged into another answers with the other's id)."""
        while corpus_id in self._merged:
            corpus_id = self._merged[corpus_id]
        return corpus_id

    # -- linking ----------------------------------------------------------------------------------

    def _link_entity(self, article: str, entity: Entity, prefer: set[str]) -> str:
        """The corpus id an entity belongs to (an existing one, with evidence recorded, or a new one)."""
        if entity.type == "PERSON":
            found = self._find_person(article, entity)
        elif entity.type in PLACE_TYPES:
            found = self._find_place(article, entity, prefer)
        else:
            found = self._find_by_alias(article, entity)
        if found is None:
            return self._open(entity, prefer)
        self._touch(found.corpus_id, article)
        self._entities[found.corpus_id].merge_evidence.append(
            f"{article}:{entity.id} '{entity.name}' -> {found.corpus_id}: {found.evidence}")
        return found.corpus_id

    def _open(self, entity: Entity, prefer: set[str]) -> str:
        prefix = ID_PREFIX.get(entity.type, "E")
        self._counters[prefix] += 1
        corpus_id = f"{prefix}{self._counters[prefix]}"
        place = place_of(entity, prefer) if entity.type in PLACE_TYPES else None
        self._entities[corpus_id] = CorpusEntity(
            id=corpus_id, name=place.name if place else entity.name, type=entity.type, side=entity.side,
            place={**place.to_json(), "source": "GeoNames"} if place else None)
        self._names[corpus_id] = Counter()
        self._touch(corpus_id)
        return corpus_id

    def _in_article(self, corpus_id: str, article: str) -> bool:
        """True when the corpus entity already holds an entity of this article (the reader kept them apart)."""
        return article in self._articles[corpus_id]

    def _find_person(self, article: str, entity: Entity) -> _Candidate | None:
        name = parse_person_name(entity.name, self._language)
        if name is None:
            return None
        keys = lookup_keys(name, self._person_scripts)
        if hasattr(self._person_index, "prefetch"):  # rows in a store: read them in one query
            self._person_index.prefetch(keys)
        ids = {self._canon(c) for k in keys for c in self._person_index.get(k, ())}
        signatures = _signatures(entity)
        scored = [c for cid in sorted(ids, key=_id_order) if not self._in_article(cid, article)
                  if (c := self._score_person(name, entity.side, signatures, cid)) is not None]
        strong = [c for c in scored if c.level == STRONG]
        if len(strong) > 1:
            self._bridge(entity, strong)
            scored = [c for c in scored if c.corpus_id in self._entities]
        return _decide_person(scored) or self._same_bare_surname(name, scored)

    def _same_bare_surname(self, name: PersonName, scored: list[_Candidate]) -> _Candidate | None:
        """A surname alone that fits several persons ("Trump": Donald, Melania, Ivanka) names none of
        them, but it is the same unresolved name as that of the one corpus person known only by this
        surname: it joins that one, which says so, rather than open a new "Trump" in every article (an
        archive of a year had a thousand; each then a candidate for the next)."""
        if name.given:
            return None
        bare = [c for c in scored if c.level == MEDIUM and not any(n.given for n in self._persons[c.corpus_id].names)]
        if len(bare) != 1:
            return None
        return _Candidate(bare[0].corpus_id, MEDIUM, f"surname {name.surname} only, as the other mentions of this "
                                                     f"person: which of the {len(scored)} persons so named is open")

    def _bridge(self, entity: Entity, strong: list[_Candidate]) -> None:
        """A name that identifies two corpus persons at once shows they are one ("Asia Bibi" fits the
        person first read as "Асії Бібі" and the one first read as "Aasię Bibi"): the later is merged into
        the earlier, unless they share an article (its reader kept them apart) or act for different sides."""
        keep = strong[0].corpus_id
        for other in strong[1:]:
            target, gone = self._entities[keep], self._entities[other.corpus_id]
            if self._articles[keep] & self._articles[gone.id] or _sides_conflict(target.side, gone.side):
                continue
            self._merge(keep, gone.id, f"'{entity.name}' names both {keep} ({strong[0].evidence}) and "
                                       f"{gone.id} '{gone.name}' ({other.evidence})")

    def _merge(self, keep: str, gone_id: str, why: str) -> None:
        """Move corpus entity ``gone_id`` into ``keep``; indexes answer through ``_canon`` from now on."""
        target, gone = self._entities[keep], self._entities.pop(gone_id)
        self._merged[gone_id] = keep
        self._touch(keep)
        self._removed.add(gone_id)
        target.members += gone.members
        target.mentions += gone.mentions
        known = {a.text: a for a in target.aliases}
        for alias in gone.aliases:
            if alias.text in known:
                known[alias.text].count += alias.count
            else:
                target.aliases.append(alias)
        target.roles += gone.roles
        target.side = target.side or gone.side
        target.merge_evidence += gone.merge_evidence + [f"{gone_id} merged into {keep}: {why}"]
        offset = len(target.mentions) - len(gone.mentions)  # gone's mentions follow keep's own
        for i, m in enumerate(gone.mentions):
            self._mention_at[(keep, m.article, m.start, m.end)] = offset + self._mention_at.pop(
                (gone_id, m.article, m.start, m.end), i)
        self._names[keep].update(self._names.pop(gone_id))
        for article in self._articles[gone_id]:
            self._by_article[article].add(keep)
        self._articles[keep] |= self._articles.pop(gone_id)
        facts, theirs = self._persons[keep], self._persons.pop(gone_id)
        facts.names += [n for n in theirs.names if n not in facts.names]
        for signature, text in theirs.roles.items():
            facts.roles.setdefault(signature, text)
        if target.place is None:
            target.name = _best_name(self._names[keep], target.type)

    def _score_person(self, name: PersonName, side: str | None, signatures: list[RoleSignature],
                      corpus_id: str) -> _Candidate | None:
        """How well a new person name fits a corpus person, or None when it cannot be them."""
        target = self._entities[corpus_id]
        if side and target.side and side != target.side:
            return None
        facts = self._persons[corpus_id]
        surname = _best_surname(name, facts.names)
        if surname is None:
            return None
        given = _given_against(name, facts.names)
        if given.level == "conflict":
            return None
        role_reason = _role_fit(signatures, facts.roles)
        side_note = f"side {side}" if side and side == target.side else "no side conflict"
        evidence = f"{surname.reason}, {given.reason}, {side_note}"
        # a surname in two scripts, or a form that may be masculine or feminine, identifies with an
        # agreeing given name only
        if (surname.is_strong or surname.level == "gendered") and given.is_strong:
            return _Candidate(corpus_id, STRONG, evidence)
        if role_reason is False:  # roles known on both sides and none fits: a namesake
            return None
        same_side = bool(side and side == target.side)
        # a one-letter surname difference (Ivanenko / Ivanchenko) may be two families: ask for a fitting
        # role or the same side besides the given name
        near_surname = surname.level == "near" and given.is_strong and (role_reason or same_side)
        alone = surname.is_strong and (surname.level != "sound" or len(sound_key(name.surname)) >= MIN_SOUND_ALONE)
        if near_surname or alone and given.level in {"initial", "missing"}:
            suffix = f", {role_reason}" if role_reason else ""
            return _Candidate(corpus_id, MEDIUM, evidence + suffix + " (only candidate)")
        if surname.is_strong and given.level == "near" and role_reason and same_side:
            return _Candidate(corpus_id, WEAK, f"{surname.reason}, {role_reason}, side {side}; "
                                               f"given names not contradicting: {given.reason}")
        return None

    def _find_place(self, article: str, entity: Entity, prefer: set[str]) -> _Candidate | None:
        place = place_of(entity, prefer)
        if place is not None:
            corpus_id = self._place_index.get(place.geonameid)
            if corpus_id is None:
                return None
            corpus_id = self._canon(corpus_id)
            return _Candidate(corpus_id, STRONG, f"'{entity.name}' resolves to GeoNames {place.geonameid} "
                                                 f"{place.name} ({place.country or place.kind})")
        return self._find_by_alias(article, entity)

    def _find_by_alias(self, article: str, entity: Entity) -> _Candidate | None:
        """The unique corpus entity of the same class with a name or alias equal (folded) to one of ours."""
        cls = _type_class(entity.type)
        hits: dict[str, str] = {}
        for text in _surface_forms(entity):
            for cid in {self._canon(c) for c in self._alias_index.get((cls, _alias_key(text)), ())}:
                if not self._in_article(cid, article) and not _sides_conflict(entity.side, self._entities[cid].side):
                    hits.setdefault(cid, text)
        if len(hits) != 1:
            return None
        (cid, text), = hits.items()
        # the alias it matched: a mention's text, or a name the reader gave in a base form no mention has
        known = next((a.text for a in self._entities[cid].aliases if _alias_key(a.text) == _alias_key(text)),
                     self._entities[cid].name)
        why = "acronym" if text.isupper() or known.isupper() else "name"
        return _Candidate(cid, STRONG, f"{why} '{text}' = '{known}' (alias of the same {cls})")

    # -- recording --------------------------------------------------------------------------------

    def _absorb(self, article: str, entity: Entity, corpus_id: str) -> None:
        """Add the entity's mentions, aliases and roles to its corpus entity; update name and side."""
        target = self._entities[corpus_id]
        self._touch(corpus_id, article)
        target.members.append((article, entity.id))
        self._articles[corpus_id].add(article)
        self._by_article[article].add(corpus_id)
        counts = {a.text: a for a in target.aliases}
        for m in entity.mentions:
            mention = CorpusMention(article, m.text, m.start, m.end, m.kind)
            self._mention_at[(corpus_id, article, m.start, m.end)] = len(target.mentions)
            target.mentions.append(mention)
            if m.kind != "description":
                alias = counts.get(m.text) or counts.setdefault(m.text, Alias(m.text, 0))
                if alias.count == 0:
                    target.aliases.append(alias)
                alias.count += 1
        target.roles += [CorpusRole(article, r.text, r.start, r.end) for r in entity.roles]
        target.side = target.side or entity.side
        self._names[corpus_id][entity.name] += 1
        if target.place is None:
            target.name = _best_name(self._names[corpus_id], entity.type)

    def _file_person(self, name: PersonName, corpus_id: str) -> None:
        for key in blocking_keys(name):
            self._person_index[key].add(corpus_id)
        self._person_scripts.add(script_of(name.surname))

    def _index(self, article: str, entity: Entity, corpus_id: str) -> set[tuple[str, str]]:
        """File the entity under its blocking keys; return the (role head, side) keys it newly fills."""
        cls = _type_class(entity.type)
        for text in _surface_forms(entity):
            self._alias_index[(cls, _alias_key(text))].add(corpus_id)
        target = self._entities[corpus_id]
        if target.place is not None:
            self._place_index.setdefault(target.place["geonameid"], corpus_id)
        if entity.type != "PERSON":
            return set()
        facts = self._persons.setdefault(corpus_id, _PersonFacts())
        for text in {entity.name, *(m.text for m in entity.mentions if m.kind != "description")}:
            name = parse_person_name(text, self._language)
            if name and name not in facts.names:
                facts.names.append(name)
                self._file_person(name, corpus_id)
        touched = set()
        for role in entity.roles:
            signature = parse_role(role.text)
            if signature and signature not in facts.roles:
                facts.roles[signature] = role.text
                for head in {signature.head} | signature.also:  # a Duma committee chair is also a lawmaker
                    self._role_index[(head, target.side)].add(corpus_id)
                    if target.side:
                        touched.add((head, target.side))
        return touched

    # -- descriptions -----------------------------------------------------------------------------

    def _add_description(self, article: str, description: Description) -> None:
        """Record a description resolved in its article, or align it across articles, or keep it pending."""
        if description.entity:
            corpus_id = self.resolve(article, description.entity)
            if corpus_id:
                self._add_description_mention(article, description, corpus_id, description.reason)
            return
        if description.count != 1 or not description.side:
            return
        signature = parse_role(description.text, description.role)
        if signature is None:
            return
        pending = _Pending(article, description, signature)
        if self._align(pending) == "unfilled":
            self._pending[(signature.head, description.side)].append(pending)

    def _align(self, pending: _Pending) -> str:
        """Align a description to the unique fitting person of another article: "aligned"; "ambiguous"
        when two or more persons fit (for good: persons and their roles only grow), "unfilled" when
        none does yet (the description waits for one). The search stops at the second fit, so an
        archive with hundreds of ministers of one country costs two, not hundreds."""
        d, side = pending.description, pending.description.side
        fits, seen = [], set()
        for c in self._role_index.get((pending.signature.head, side), ()):
            cid = self._canon(c)
            if cid in seen or self._in_article(cid, pending.article):
                continue
            seen.add(cid)
            for signature, text in self._persons[cid].roles.items():
                reason = are_compatible(pending.signature, signature)
                if reason:
                    fits.append((cid, text, reason))
                    break
            if len(fits) > 1:
                return "ambiguous"
        if not fits:
            return "unfilled"
        cid, role_text, reason = fits[0]
        why = (f"'{d.text}' ({pending.article}) fits the role '{role_text}' of {self._entities[cid].name}: "
               f"{reason}, side {side}, the only such person in the corpus")
        self._add_description_mention(pending.article, d, cid, why)
        self._entities[cid].merge_evidence.append(f"{pending.article}:{d.id} description -> {cid}: {why}")
        return "aligned"

    def _retry_pending(self, key: tuple[str, str]) -> None:
        """Try the descriptions waiting on a role again (a person who fills it arrived); those now
        aligned or ambiguous stop waiting."""
        waiting = self._pending.get(key)
        if waiting:
            self._pending[key] = [p for p in waiting if self._align(p) == "unfilled"]

    def _add_description_mention(self, article: str, d: Description, corpus_id: str, reason: str | None) -> None:
        at = self._mention_at.get((corpus_id, article, d.start, d.end))
        mentions = self._entities[corpus_id].mentions
        self._touch(corpus_id, article)
        self._by_article[article].add(corpus_id)
        if at is None:
            self._mention_at[(corpus_id, article, d.start, d.end)] = len(mentions)
            mentions.append(CorpusMention(article, d.text, d.start, d.end, "description", reason))
        else:  # the reader already listed it among the entity's mentions: add the reason
            same = mentions[at]
            same.kind, same.reason = "description", same.reason or reason


def link(readings) -> EntityLinker:
    """Link an iterable of readings into a new ``EntityLinker`` (a convenience over ``add``)."""
    linker = EntityLinker()
    for reading in readings:
        linker.add(reading)
    return linker


# -- helpers --------------------------------------------------------------------------------------

def _id_order(corpus_id: str) -> tuple[str, int]:
    """Corpus ids in the order they were opened ("P9" before "P10")."""
    return corpus_id[:1], int(corpus_id[1:]) if corpus_id[1:].isdigit() else 0


def _decide_person(scored: list[_Candidate]) -> _Candidate | None:
    """A strong match wins (the first); a medium or weak one only when it is the only candidate left."""
    for level in (STRONG, MEDIUM, WEAK):
        at_level = [c for c in scored if c.level == level]
        if level == STRONG and at_level:
            return at_level[0]
        if at_level:
            return at_level[0] if len(at_level) == 1 and len(scored) == 1 else None
    return None


def _best_surname(name: PersonName, known: list[PersonName]) -> NameMatch | None:
    """The best relation of a surname to the corpus person's surnames, None when all differ."""
    order = {"equal": 0, "variant": 1, "inflection": 2, "gendered": 3, "sound": 4, "near": 5}
    matches = [m for other in known
               if (m := compare_surnames(name.surname, other.surname, name.lang, other.lang)).level in order]
    return min(matches, key=lambda m: order[m.level]) if matches else None


def _given_against(name: PersonName, known: list[PersonName]) -> NameMatch:
    """Relate a given name to the given names of the corpus person.

    Each word before a surname may be the given name, on either side ("Rady Europejskiej Donald Tusk",
    "Владимир Владимирович Путин"), so every such pair is compared: the best agreement wins; an initial
    counts only when no full given name contradicts; else it is a conflict.
    """
    if not name.given:
        return NameMatch("missing", "surname only")
    others = [o for o in known if o.given]
    if not others:
        return NameMatch("missing", f"given name {name.given}; none known for the other")
    pairs = [(mine, theirs, compare_given(mine, theirs, name.lang, other.lang))
             for mine in (name.given, *name.middle) for other in others for theirs in (other.given, *other.middle)]
    order = ["equal", "variant", "sound", "near"]
    agreeing = [m for _, _, m in pairs if m.level in order]
    if agreeing:
        return min(agreeing, key=lambda m: order.index(m.level))
    initial = next((m for _, _, m in pairs if m.level == "initial"), None)
    full_conflict = next((m for mine, theirs, m in pairs
                          if m.level == "conflict" and len(fold(mine)) > 1 and len(fold(theirs)) > 1), None)
    return initial if initial and not full_conflict else full_conflict or pairs[0][2]


def _role_fit(signatures: list[RoleSignature], known: dict[RoleSignature, str]) -> str | bool | None:
    """A reason when a role fits one known role; False when both sides have roles and none fits; else None."""
    if not signatures or not known:
        return None
    for signature in signatures:
        for other in known:
            reason = are_compatible(signature, other)
            if reason:
                return reason
    return False


def _signatures(entity: Entity) -> list[RoleSignature]:
    return [s for r in entity.roles if (s := parse_role(r.text))]


def _sides_conflict(a: str | None, b: str | None) -> bool:
    return bool(a and b and a != b)


def _type_class(entity_type: str) -> str:
    return "place" if entity_type in PLACE_TYPES else entity_type.lower()


def _surface_forms(entity: Entity) -> list[str]:
    return list(dict.fromkeys([entity.name, *(m.text for m in entity.mentions if m.kind != "description")]))


def _alias_key(text: str) -> str:
    """Folded name without a leading "the" or a possessive: "The Jerusalem Post's" -> "jerusalem post"."""
    key = fold(text.removesuffix("'s").removesuffix("\u2019s"))
    return key.removeprefix("the ")


def _best_name(names: Counter[str], entity_type: str) -> str:
    """The most frequent full form (for persons, one with a given name that is not an initial)."""
    def rank(item: tuple[str, int]) -> tuple[bool, int]:
        text, count = item
        parsed = parse_person_name(text) if entity_type == "PERSON" else None
        full = parsed is not None and parsed.given is not None and len(parsed.given) > 1
        return (full, count)
    return max(names.items(), key=rank)[0]  # max keeps the first seen among equals


def place_of(entity: Entity, prefer: set[str] | frozenset[str] = frozenset()) -> Place | None:
    """The gazetteer place of a place entity: by its name, else the one its reader resolved (an
    inflected or translated name the reader's language pack knows: "Германии" -> Germany)."""
    place = locate(entity.name, prefer)
    if place is None and entity.place and entity.place.get("geonameid"):
        place = place_by_id(entity.place["geonameid"])
    return place


def _countries_named(reading: Reading) -> set[str]:
    """ISO codes of the countries a reading names (to prefer their cities: Moscow, Russia, not Idaho)."""
    codes = set()
    for entity in reading.entities:
        if entity.type in PLACE_TYPES:
            place: Place | None = place_of(entity)
            if place is not None and place.kind == "country":
                codes.add(place.country_code)
    return codes
