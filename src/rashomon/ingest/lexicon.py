"""Knowledge that ingest needs, read once from the data files under ``rashomon/data/``.

Each file holds one entry per line; ``#`` starts a comment line (the header says where the list comes
from). The files are package data, so a user can read and extend them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_entries(name: str) -> tuple[str, ...]:
    """Return the non-comment, non-blank lines of the data file ``name``, in file order."""
    raw = resources.files("rashomon").joinpath("data", name).read_text(encoding="utf-8")
    entries = (line.strip() for line in raw.splitlines())
    return tuple(e for e in entries if e and not e.startswith("#"))


def boilerplate_phrases() -> tuple[str, ...]:
    """Share/subscribe/newsletter phrases (lower case), longest first so the longest one matches."""
    return tuple(sorted((p.lower() for p in load_entries("boilerplate.txt")), key=len, reverse=True))


def related_prefixes() -> tuple[str, ...]:
    """Prefixes of cross-links to other articles ("related article", "read more"...), lower case."""
    return tuple(sorted((p.lower() for p in load_entries("related_prefixes.txt")), key=len, reverse=True))


def credit_markers() -> tuple[str, ...]:
    """Photo-credit markers ("Photo:", "Getty Images"...), case as written in the file."""
    return load_entries("credit_markers.txt")
