"""HTML pages: the article text and metadata that trafilatura extracts.

The "original" text of an HTML article is trafilatura's text (paragraphs one a line); offsets index
it, not the HTML. Metadata comes from the page's own tags (``og:``, ``article:published_time``,
canonical link), never from a date found in the body text: htmldate's extensive search, which reads
dates anywhere in the page, is switched off.
"""

from __future__ import annotations

import trafilatura

from rashomon.ingest import meta
from rashomon.ingest.article import Draft
from rashomon.messages import RashomonError

# htmldate settings: the original publication date (not the last update), from metadata only.
DATE_PARAMS = {"original_date": True, "extensive_search": False}


def draft_from_html(html: str, *, article_id: str, path: str | None) -> Draft:
    """The draft of an HTML page; E028 when trafilatura finds no article text."""
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           include_tables=True, date_extraction_params=DATE_PARAMS)
    if document is None or not (document.text or "").strip():
        raise RashomonError("E028")
    draft = Draft(text=document.text, id=article_id, path=path, title=document.title or None,
                  url=document.url or None, published=document.date or None,
                  hard_wrapped=False)  # trafilatura writes one paragraph a line
    fill_outlet(draft, document)
    for name in ("title", "url", "published"):
        if getattr(draft, name):
            draft.evidence[name] = f"html metadata: {getattr(draft, name)}"
    return draft


def fill_outlet(draft: Draft, document: trafilatura.settings.Document) -> None:
    """Outlet from the page's host name (registered domain), its site name kept for ``outlet_map``."""
    domain = meta.registered_domain(document.hostname) if document.hostname else None
    if domain:
        draft.outlet = domain
        draft.evidence["outlet"] = f"html metadata: hostname {document.hostname}"
    if document.sitename:
        draft.outlet_names.append(document.sitename)
