"""Person names: normalisation, transliteration keys and comparison of given names and surnames.

A name is folded (unidecode, lower case, no punctuation), then rewritten by the Slavic spelling
equivalences of ``data/transliteration.tsv`` into a *transliteration key*: spellings of one name share
it (Zelenskiy / Zelensky / Zelenskyy -> ``zelenski``). Given names are also compared through the groups of
``data/given_names.tsv`` (Mykhailo = Mikhail). What is left after that (typos) is judged by
Jaro-Winkler and Levenshtein on the keys, with the thresholds below.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler, Levenshtein

from rashomon.knowledge import fold, load_lines, load_words

# Two surname keys this close (and at most SURNAME_MAX_EDITS apart) are taken for one surname misspelt.
# Calibrated on pairs the transliteration rules leave apart: one-letter typos of 7+ letter surnames
# (Reznikov/Reznicov 0.95, Rudenko/Rudenco 0.94) pass, while distinct surnames that share a stem
# (Ivanov/Ivanenko 0.89, Petrov/Petrenko 0.89, Medvedev/Medvedchuk) stay below or are 2+ edits apart.
SURNAME_NEAR_JW = 0.93
SURNAME_MAX_EDITS = 1
# Surnames shorter than this (after folding) must match exactly: short keys collide too easily.
SURNAME_MIN_FUZZY_LEN = 5
# A given name within this Levenshtein distance of a known variant (and this long) counts as a typo of it:
# "Aekxei" is 1 edit from "Aeksei"-keyed Aleksei. Names of 4 letters or fewer must be equal.
GIVEN_MAX_EDITS = 2
GIVEN_MIN_TYPO_LEN = 5
# Below this Jaro-Winkler similarity of keys, two given names not in the table contradict strongly
# (Boris / Leonid 0.49); between it and the typo rule they are "near" and need other evidence.
GIVEN_CONFLICT_JW = 0.7

PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn", "ben"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@dataclass(frozen=True)
class PersonName:
    """A person's name split into given name (may be an initial), surname and the folded full form."""

    given: str | None
    surname: str
    full: str
    # the words between the given name and the surname (a second given name, a patronymic, or the
    # word a reader glued before the name: "Rady Europejskiej Donald Tusk"); each may be the given name
    middle: tuple[str, ...] = ()
    lang: str | None = None  # the language of the text it was read from: its case endings apply

    @property
    def surname_key(self) -> str:
        return translit_key(self.surname)


@dataclass(frozen=True)
class NameMatch:
    """How two names (or name parts) relate.

    ``level``: ``equal``, ``variant`` (transliteration or a listed equivalent), ``initial``, ``missing``
    (one side has none), ``near`` (a likely typo), ``conflict``; ``reason`` is a phrase for merge evidence.
    """

    level: str
    reason: str

    @property
    def is_strong(self) -> bool:
        return self.level in STRONG_LEVELS


# Levels of a name match that identify a name on their own (given the other part of the name agrees).
# "inflection": one is the other in another grammatical case ("Джонсона" / "Джонсон", "Bibiová" /
# "Bibi"); "sound": one name written in two scripts (``sound_key``).
STRONG_LEVELS = frozenset({"equal", "variant", "inflection", "sound"})


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for line in load_lines("transliteration.tsv"):
        pattern, replacement, *_ = line.split("\t")
        rules.append((re.compile(pattern), replacement))
    return tuple(rules)


# Arabic letters that write long vowels in names (alif, waw, ya, alif maqsura, ta marbuta): read as
# vowels before folding, so that "منصور" keys like "Mansour" (unidecode alone gives "mnSwr"). The short
# vowels are not written in Arabic; the consonant skeleton and the near-match of keys bridge the rest.
ARABIC_VOWEL_LETTERS = str.maketrans({"\u0627": "a", "\u0648": "u", "\u064a": "i", "\u0649": "a", "\u0629": "a",
                                      "\u0622": "a", "\u0623": "a", "\u0625": "i"})


@functools.lru_cache(maxsize=65536)
def translit_key(token: str) -> str:
    """The transliteration key of one name word (``Zelenskyy`` -> ``zelenski``)."""
    words = fold(token.translate(ARABIC_VOWEL_LETTERS)).split()
    out = []
    for word in words:
        for pattern, replacement in _rules():
            word = pattern.sub(replacement, word)
        out.append(word)
    return " ".join(out)


@functools.lru_cache(maxsize=1)
def _given_groups() -> dict[str, int]:
    groups: dict[str, int] = {}
    for i, line in enumerate(load_lines("given_names.tsv")):
        for name in line.split():
            groups.setdefault(translit_key(name), i)
    return groups


def given_group(name: str) -> int | None:
    """The index of the group of equivalent given names ``name`` belongs to, if listed."""
    return _given_groups().get(translit_key(name))


def _nearest_group(key: str) -> tuple[int, str] | None:
    """The group of the listed given name closest to ``key`` within GIVEN_MAX_EDITS (typo recovery)."""
    if len(key) < GIVEN_MIN_TYPO_LEN:
        return None
    best = None
    for known, group in _given_groups().items():
        dist = Levenshtein.distance(key, known, score_cutoff=GIVEN_MAX_EDITS)
        if dist <= GIVEN_MAX_EDITS and (best is None or dist < best[0]):
            best = (dist, group, known)
    return (best[1], best[2]) if best else None


@functools.lru_cache(maxsize=65536)
def parse_person_name(text: str, lang: str | None = None) -> PersonName | None:
    """Split a person's name into given name and surname; honorifics and possessives are dropped.

    ``"Mr. Medinsky"`` -> (None, ``Medinsky``); ``"V. Medinsky"`` -> (``V``, ``Medinsky``);
    ``"Ursula von der Leyen"`` -> (``Ursula``, ``von der Leyen``).
    """
    text = re.sub(r"['\u2019]s$", "", text.strip())
    words = [w for w in re.split(r"\s+", text) if w]
    honorifics = load_words("honorifics.txt")
    while words and words[0].lower() in honorifics | {w.rstrip(".") for w in honorifics}:
        words.pop(0)
    while len(words) > 1 and fold(words[-1]) in SUFFIXES:
        words.pop()
    words = [w.strip(",") for w in words if w.strip(",")]
    if not words:
        return None
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in PARTICLES:
        cut -= 1
    surname = " ".join(words[cut:])
    given = words[0].rstrip(".") if cut > 0 else None
    return PersonName(given=given, surname=surname, full=fold(" ".join(words)),
                      middle=tuple(w.rstrip(".") for w in words[1:cut]), lang=lang)


@functools.lru_cache(maxsize=64)
def _name_endings(lang: str | None) -> tuple[str, ...]:
    """The case endings of people's names in a language (its pack's ``name_endings``), longest first;
    none for a language without a pack or without cases (English)."""
    from rashomon.lang import codes, pack

    if lang not in codes():
        return ()
    return tuple(sorted((str(e).lower() for e in pack(lang).extra.get("name_endings", ())), key=len, reverse=True))


# A stem left after an ending is taken off is this long at least (shorter ones collide: "Ma" of "Maja").
MIN_STEM = 3


@functools.lru_cache(maxsize=65536)
def name_stems(word: str, lang: str | None = None) -> frozenset[str]:
    """The transliteration keys of a name word and of the forms it may be an inflection of in its
    language: the word with one of the pack's case endings taken off ("Джонсона" in Russian ->
    {dzhonsona, dzhonson}; "Bibiové" in Czech -> {bibiove, bibi}; an English name is only itself)."""
    lower = word.lower()
    stems = {translit_key(word)}
    for ending in _name_endings(lang):
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM:
            stems.add(translit_key(lower[:-len(ending)]))
    return frozenset(stems)


def script_of(text: str) -> str | None:
    """The script of a name's first letter (``LATIN``, ``CYRILLIC``, ``GREEK``, ``ARABIC``...)."""
    for ch in text:
        if ch.isalpha():
            return unicodedata.name(ch, "?").split(" ")[0]
    return None


# Letters coded as in Russell's Soundex (b f p v; c g j k q s x z; d t; l; m n; r); vowels, h, w, y and
# signs are not coded. Written here rather than taken from jellyfish: its soundex keeps the first letter
# as written and cuts the code to four, and a name crossing scripts changes its first letter
# (Johnson / Джонсон = "dzhonson") and needs its whole length to stay distinctive.
SOUND_CLASSES = str.maketrans({**dict.fromkeys("bfpv", "1"), **dict.fromkeys("cgjkqsxz", "2"),
                               **dict.fromkeys("dt", "3"), "l": "4", **dict.fromkeys("mn", "5"), "r": "6"})
SOUND_DIGRAPHS = ((re.compile(r"d[zž]h?|dj"), "j"), (re.compile(r"[kc]h|gh"), "k"), (re.compile(r"ph"), "f"),
                  (re.compile(r"ts|tz"), "c"), (re.compile(r"[^a-z]"), ""))


@functools.lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """How a name word sounds, coarsely, in a form that survives transliteration between scripts:
    Trump / Трамп / Тръмп -> ``3651``, Theresa / Тереза -> ``362``, Johnson / Джонсон -> ``2525``. Used
    only between names written in two scripts, where vowels and the spelling of sounds vary."""
    text = fold(word)
    for pattern, replacement in SOUND_DIGRAPHS:
        text = pattern.sub(replacement, text)
    coded = "".join(ch for ch in text.translate(SOUND_CLASSES) if ch.isdigit())
    return re.sub(r"(.)\1+", r"\1", coded)


# Across scripts a surname alone (no given name to agree) is taken by its sound only when its code is
# at least this long: "Мей" / "May" (5) could be many names; "Путин" / "Putin" (135) hardly.
MIN_SOUND_ALONE = 3


def compare_surnames(a: str, b: str, lang_a: str | None = None, lang_b: str | None = None) -> NameMatch:
    """Whether two surnames are one: equal, transliteration variants, inflected forms, one name in two
    scripts, a typo, or different. Masculine and feminine forms ("Petrov" / "Petrova", which is also
    Petrov's genitive) are ``gendered``: only an agreeing given name makes them one person."""
    if fold(a) == fold(b):
        return NameMatch("equal", f"surname {a} = {b}")
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return NameMatch("variant", f"surname {a} ~ {b} (same transliteration key '{ka}')")
    shared = name_stems(a, lang_a) & name_stems(b, lang_b)
    if shared:
        if _is_gender_pair(ka, kb):
            return NameMatch("gendered", f"surname {a} ~ {b} (a masculine and a feminine form, or a case)")
        return NameMatch("inflection", f"surname {a} ~ {b} (forms of '{min(shared, key=len)}')")
    if script_of(a) != script_of(b) and sound_key(a) and sound_key(a) == sound_key(b):
        return NameMatch("sound", f"surname {a} ~ {b} (one name in two scripts, sound {sound_key(a)})")
    if min(len(ka), len(kb)) >= SURNAME_MIN_FUZZY_LEN and not _is_gender_pair(ka, kb):
        jw = JaroWinkler.similarity(ka, kb)
        edits = Levenshtein.distance(ka, kb)
        if jw >= SURNAME_NEAR_JW and edits <= SURNAME_MAX_EDITS:
            return NameMatch("near", f"surname {a} ~ {b} (Jaro-Winkler {jw:.2f}, {edits} edit)")
    return NameMatch("conflict", f"surnames {a} and {b} differ")


def _is_gender_pair(ka: str, kb: str) -> bool:
    """Ivanov / Ivanova, Tochitski / Tochitskaia, Kowalski / Kowalska: masculine and feminine forms name
    different people."""
    short, long_ = sorted((ka, kb), key=len)
    return (long_ == short + "a" or (short.endswith("i") and long_ in {short[:-1] + "aia", short[:-1] + "aa"})
            or len(short) == len(long_) >= 5 and short[:-1] == long_[:-1] and {short[-1], long_[-1]} == {"a", "i"})


def compare_given(a: str | None, b: str | None, lang_a: str | None = None, lang_b: str | None = None) -> NameMatch:
    """Whether two given names can be one person's: equal, variants, an initial, a typo, or a conflict."""
    if not a or not b:
        return NameMatch("missing", "given name absent on one side")
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return NameMatch("equal", f"given name {a} = {b}")
    ka, kb = translit_key(fa), translit_key(fb)
    if not ka or not kb:  # a dash or a sign read as a given name ("- M. Okafor"): none on that side
        return NameMatch("missing", "given name absent on one side")
    if len(fa) == 1 or len(fb) == 1:
        if fa[0] == fb[0] or ka[0] == kb[0]:
            return NameMatch("initial", f"given name {a} ~ {b} (initial)")
        return NameMatch("conflict", f"initials of {a} and {b} differ")
    if ka == kb:
        return NameMatch("variant", f"given name {a} ~ {b} (same transliteration key '{ka}')")
    sa, sb = name_stems(a, lang_a), name_stems(b, lang_b)
    if sa & sb:
        return NameMatch("variant", f"given name {a} ~ {b} (forms of '{min(sa & sb, key=len)}')")
    groups_a = {g for s in sa if (g := given_group(s)) is not None}
    groups_b = {g for s in sb if (g := given_group(s)) is not None}
    if groups_a & groups_b:
        return NameMatch("variant", f"given name {a} ~ {b} (forms of one name)")
    if script_of(a) != script_of(b) and len(sound_key(a)) >= 2 and sound_key(a) == sound_key(b):
        return NameMatch("sound", f"given name {a} ~ {b} (one name in two scripts, sound {sound_key(a)})")
    if groups_a and groups_b:
        return NameMatch("conflict", f"given names {a} and {b} are different names")
    # one letter apart and sounding alike: two transcriptions of one foreign name (Азия / Асия)
    if min(len(ka), len(kb)) >= 4 and Levenshtein.distance(ka, kb) <= 1 and sound_key(a) == sound_key(b):
        return NameMatch("sound", f"given name {a} ~ {b} (two transcriptions of one name, sound {sound_key(a)})")
    ga, gb = given_group(fa), given_group(fb)
    return _compare_unlisted_given(a, b, ka, kb, ga, gb)


def _compare_unlisted_given(a: str, b: str, ka: str, kb: str, ga: int | None, gb: int | None) -> NameMatch:
    """One or both given names are not in the table: a typo of the other's group, near, or a conflict."""
    for name, key, other_group in ((a, ka, gb), (b, kb, ga)):
        near = _nearest_group(key) if (ga is None) != (gb is None) or ga is None else None
        if near and other_group is not None and near[0] == other_group:
            return NameMatch("near", f"given name {a} ~ {b} ({name} is within {GIVEN_MAX_EDITS} edits of "
                                     f"'{near[1]}', a form of the other)")
    jw = JaroWinkler.similarity(ka, kb)
    if jw >= GIVEN_CONFLICT_JW:
        return NameMatch("near", f"given name {a} ~ {b} (Jaro-Winkler {jw:.2f})")
    return NameMatch("conflict", f"given names {a} and {b} differ (Jaro-Winkler {jw:.2f})")


def blocking_keys(name: PersonName) -> set[str]:
    """Index keys under which a person is filed: every key ``compare_surnames`` can match through, and
    no coarser, so a posting list holds only persons a name may be (in a large archive a key prefix or a
    consonant skeleton is shared by hundreds of people, each then scored):

    - ``k:`` the surname's transliteration key and those of the forms it may inflect ("equal",
      "variant", "inflection", "gendered");
    - ``n:`` the key and the key with any one letter deleted, for keys long enough to be compared
      fuzzily: two keys one edit apart always share one of these (a deletion neighbourhood, as in
      SymSpell), so the "near" test (``SURNAME_MAX_EDITS`` = 1) loses nothing;
    - ``d:SCRIPT:code`` the sound key with the script it is written in: sound only joins names of two
      scripts, so a name looks up the sound keys of the other scripts (``lookup_keys``)."""
    key = name.surname_key
    keys = {"k:" + key} | {"k:" + stem for stem in name_stems(name.surname, name.lang)}
    if sound_key(name.surname):  # a surname of vowels only has no sound key to share
        keys.add(f"d:{script_of(name.surname)}:{sound_key(name.surname)}")
    if len(key) >= SURNAME_MIN_FUZZY_LEN:
        keys |= {"n:" + variant for variant in deletions(key)}
    return keys


def lookup_keys(name: PersonName, scripts: Iterable[str | None]) -> set[str]:
    """The keys to look a name up under: its own filing keys, but its sound key in each of the other
    ``scripts`` (those of the persons filed so far) instead of its own."""
    keys = {k for k in blocking_keys(name) if not k.startswith("d:")}
    own, sound = script_of(name.surname), sound_key(name.surname)
    if sound:
        keys |= {f"d:{script}:{sound}" for script in scripts if script != own}
    return keys


def deletions(key: str) -> set[str]:
    """The key and every form of it with one character deleted."""
    return {key} | {key[:i] + key[i + 1:] for i in range(len(key))}
