"""News feeds: RSS, Atom and JSON Feed, each entry an article.

RSS and Atom are read by ``feedparser`` (the kept library for them). JSON Feed (jsonfeed.org, a
plain JSON document) is read here, because feedparser 6 does not read it. Each entry becomes a Draft
with its link, title, date and the feed's title as outlet. Its text is the full content when the feed
carries it (RSS ``content:encoded``, Atom ``content``, JSON Feed ``content_html`` / ``content_text``),
else its summary. A summary is marked in ``Article.evidence["text"]``, so a reader of the output knows
the article is a feed's summary and not the page. An entry with no text at all is a Failure that
names the entry.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any

from rashomon.ingest.article import Draft
from rashomon.messages import RashomonError, format_message
from rashomon.records import Failure

# Elements after which the text of an HTML fragment breaks into a new paragraph.
BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
                    "article", "figure"})
_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")
SUMMARY = "feed summary (the feed carries no full text)"


def is_json_feed(data: Any) -> bool:
    """Whether a parsed JSON document is a JSON Feed (its ``version`` names jsonfeed.org)."""
    return isinstance(data, dict) and str(data.get("version", "")).startswith("https://jsonfeed.org/version/")


def drafts_from_feed(content: str, *, stem: str, path: str) -> Iterator[Draft | Failure]:
    """One Draft per entry of an RSS or Atom feed (a Failure for an entry without text)."""
    import feedparser

    # The text is decoded already; the prolog's encoding="windows-1251" would make feedparser decode
    # it a second time (it encodes a str back to UTF-8 bytes and then honours the declaration).
    parsed = feedparser.parse(_DECLARED_ENCODING.sub(r"\1", content, count=1))
    if not parsed.entries:  # never a silent nothing: a broken or empty feed is one line
        broken = f" (the XML is broken: {str(parsed.bozo_exception)[:120]})" if parsed.get("bozo") else ""
        raise RashomonError("E034", detail=broken)
    outlet = parsed.feed.get("title")
    language = parsed.feed.get("language")
    for n, entry in enumerate(parsed.entries, 1):
        full = " ".join(c.get("value", "") for c in entry.get("content") or [])
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        yield entry_draft(
            n, stem=stem, path=path, title=entry.get("title"), url=entry.get("link"), outlet=outlet,
            language=language, full=full, summary=entry.get("summary") or "",
            published=time.strftime("%Y-%m-%d", published) if published else None)


def drafts_from_json_feed(data: dict, *, stem: str, path: str) -> Iterator[Draft | Failure]:
    """One Draft per item of a JSON Feed (a Failure for an item without text)."""
    outlet = data.get("title") if isinstance(data.get("title"), str) else None
    language = data.get("language") if isinstance(data.get("language"), str) else None
    items = data.get("items")
    if not isinstance(items, list):
        raise RashomonError("E034", detail=f" (its \"items\" is a {type(items).__name__}, not a list)")
    if not items:
        raise RashomonError("E034", detail="")
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            yield Failure(f"{path} [item {n}]", format_message("E031", reason="the item is not a JSON object"))
            continue
        full = text_or_empty(item.get("content_html")) or text_or_empty(item.get("content_text"))
        date = str(item.get("date_published") or item.get("date_modified") or "")
        yield entry_draft(
            n, stem=stem, path=path, title=text_or_none(item.get("title")), url=text_or_none(item.get("url")),
            outlet=outlet, language=text_or_none(item.get("language")) or language, full=full or "",
            summary=text_or_none(item.get("summary")) or "",
            published=date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date) else None)


def entry_draft(n: int, *, stem: str, path: str, title: str | None, url: str | None, outlet: str | None,
                language: str | None, full: str, summary: str, published: str | None) -> Draft | Failure:
    """The Draft of one entry: its full text, else its summary (marked), else a Failure."""
    text = html_text(full)
    evidence = {"text": "feed content"}
    if not text.strip():
        text, evidence = html_text(summary), {"text": SUMMARY}
    if not text.strip():
        return Failure(f"{path} [entry {n}: {title or url or 'untitled'}]",
                       format_message("E031", reason="neither content nor a summary"))
    evidence.update({k: "feed" for k, v in (("title", title), ("url", url), ("outlet", outlet),
                                            ("published", published), ("language", language)) if v})
    return Draft(text, id=f"{stem}-{n}", path=path, title=title, url=url, outlet=outlet, published=published,
                 language=language.split("-")[0].lower() if language else None, evidence=evidence,
                 hard_wrapped=False)


def html_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed's content or summary), a paragraph per block element."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some fragments (an empty one, a stray processing instruction)
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    return re.sub(r"\n{3,}", "\n\n", root.text_content()).strip()


def text_or_empty(value: Any) -> str:
    return value if isinstance(value, str) else ""


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
