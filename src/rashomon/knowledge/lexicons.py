"""Lexicons as data: the one loader of the files under ``rashomon/data/``, and the one rule for extending them.

Four formats, each read by one function and cached once per process (the files are package data,
so every call after the first costs a dictionary look-up):

* ``load_lines`` / ``load_words``: one entry per line, ``#`` starts a comment line;
* ``load_table``: two columns separated by a tab (TSV), the same comments;
* ``load_sections``: one entry per line under ``[section]`` headers, ``#`` starts a comment anywhere;
* ``load_yaml``: a YAML document (event types, number words, time phrases, contested terms).

A user file that extends a packaged lexicon is merged into it by ``merge_lexicon``, the one rule for
every such file (contested terms, event types): it extends ours key by key, ``replace: true``
replaces ours wholesale, and a key set to ``null`` drops ours.

Every stage may import this module: it depends on nothing but the data files, PyYAML and unidecode.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from unidecode import unidecode

# The key of a user mapping that asks for ours to be replaced rather than extended.
REPLACE_KEY = "replace"


def data_path(name: str) -> Path:
    """Return the path of the packaged data file ``name`` (``"roles.txt"``, ``"events/talks.yaml"``)."""
    return Path(str(resources.files("rashomon") / "data" / name))


@functools.lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower-case ASCII form of ``text``: unidecode, apostrophes dropped, other punctuation to spaces."""
    text = unidecode(text).lower()
    text = re.sub(r"['`\u2019]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


# --- the formats -----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """The entries of a line-based data file as written (no blank or ``#`` comment lines), in file order."""
    text = data_path(name).read_text(encoding="utf-8")
    return tuple(line.rstrip("\n") for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))


@functools.lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """A one-column lexicon as a set of lower-cased entries."""
    return frozenset(line.strip().lower() for line in load_lines(name))


@functools.lru_cache(maxsize=None)
def load_table(name: str) -> dict[str, str]:
    """A two-column TSV lexicon as a dict (first column -> second column)."""
    table: dict[str, str] = {}
    for line in load_lines(name):
        key, _, value = line.partition("\t")
        table[key.strip()] = value.strip()
    return table


@functools.lru_cache(maxsize=None)
def load_sections(name: str) -> dict[str, tuple[str, ...]]:
    """A ``[section]``-structured word list: section -> its lower-cased entries, in file order.

    ``#`` starts a comment anywhere on a line; entries before the first header fall in section ``""``.
    """
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in data_path(name).read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip().lower()
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        elif line:
            sections.setdefault(current, []).append(line)
    return {section: tuple(entries) for section, entries in sections.items()}


def read_yaml(path: str | Path) -> Any:
    """The YAML document of any file (an empty file reads as ``{}``); not cached: for files a user names."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


@functools.lru_cache(maxsize=None)
def _packaged_yaml(name: str) -> Any:
    return read_yaml(data_path(name))


def load_yaml(name: str) -> Any:
    """The YAML data file ``name``, read once per process; each call gets its own copy to change freely."""
    return copy.deepcopy(_packaged_yaml(name))


def read_user_file(path: str | Path) -> dict[str, Any]:
    """A user's lexicon file: one mapping in YAML or JSON; a ``RashomonError`` naming the file otherwise."""
    from rashomon.settings import read_mapping_file

    return read_mapping_file(path)


# --- the one extension rule ------------------------------------------------------------------------

def merge_lexicon(packaged: Mapping[str, Any], user: Mapping[str, Any]) -> dict[str, Any]:
    """The packaged lexicon extended by a user's: the one rule for every user file that extends ours.

    1. ``replace: true`` in the user's mapping replaces ours wholesale (the ``replace`` key itself
       is not kept);
    2. otherwise the user's mapping extends ours key by key: a key we lack is added, a key set to
       ``null`` drops ours, a mapping under a key both have is merged by this same rule (so
       ``replace: true`` and ``null`` work at any depth), and any other value (a list, a string,
       a number) replaces ours.

    ``{"a": {"x": 1, "y": 2}, "b": [1]}`` extended by ``{"a": {"y": 3}, "b": [2], "c": None}`` is
    ``{"a": {"x": 1, "y": 3}, "b": [2]}``. Neither argument is changed.
    """
    merged = {} if user.get(REPLACE_KEY) is True else dict(packaged)
    for key, value in user.items():
        if key == REPLACE_KEY and isinstance(value, bool):
            continue
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, Mapping):
            ours = merged.get(key)
            merged[key] = merge_lexicon(ours if isinstance(ours, Mapping) else {}, value)
        else:
            merged[key] = value
    return merged


# --- the packaged lexicons, by name ----------------------------------------------------------------

def boilerplate_phrases() -> tuple[str, ...]:
    """Share/subscribe/newsletter phrases (lower case), longest first so the longest one matches."""
    return _longest_first("boilerplate.txt")


def related_prefixes() -> tuple[str, ...]:
    """Prefixes of cross-links to other articles ("related article", "read more"...), lower case."""
    return _longest_first("related_prefixes.txt")


def credit_markers() -> tuple[str, ...]:
    """Photo-credit markers ("Photo:", "Getty Images"...), case as written in the file."""
    return tuple(line.strip() for line in load_lines("credit_markers.txt"))


@functools.lru_cache(maxsize=None)
def _longest_first(name: str) -> tuple[str, ...]:
    return tuple(sorted((line.strip().lower() for line in load_lines(name)), key=len, reverse=True))


@functools.lru_cache(maxsize=None)
def load_title_words(name: str = "title_words.txt") -> frozenset[str]:
    """The words that introduce a quoted title ("the film “...”"), from every section of ``name``."""
    return frozenset(word for words in load_sections(name).values() for word in words)


@functools.lru_cache(maxsize=1)
def load_time_phrases() -> dict[str, Any]:
    """``data/time_phrases.yaml``, with ``vague_index`` added (phrase -> direction)."""
    data = load_yaml("time_phrases.yaml")
    data["vague_index"] = {p: d for d, phrases in data["vague"].items() for p in phrases}
    return data
