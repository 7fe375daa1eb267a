"""Plain text: one article per file, the text as it is (cleaning and metadata come later)."""

from __future__ import annotations

from rashomon.ingest.article import Draft
from rashomon.messages import RashomonError


def draft_from_text(text: str, *, article_id: str, path: str | None) -> Draft:
    """The draft of a plain-text article; E023 when there is no text at all."""
    if not text.strip():
        raise RashomonError("E023")
    return Draft(text=text, id=article_id, path=path)
