"""PDF files: the text of each page with pypdf, pages joined by a form feed.

Pages are joined with "\\n\\f\\n": the form feed marks the page break, so that cleaning can find the
headers and footers that repeat on every page, and a sentence cut by the page break can be rejoined.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from rashomon.messages import RashomonError

PAGE_BREAK = "\n\f\n"

# pypdf warns on every small defect of a file (and still reads it); the user needs only the failure.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def text_from_pdf(data: bytes) -> str:
    """The text of a PDF, page after page; E029 if it cannot be parsed, E024 if it holds no text."""
    return read_pdf(data)[0]


def read_pdf(data: bytes) -> tuple[str, str | None, str | None]:
    """The text of a PDF, its title and where the title came from: the document's metadata title when
    it reads like one, else the first page's heading (its largest type), else None (cleaning then
    looks at the first lines, where prints often put navigation). E029 if it cannot be parsed, E024
    if it holds no text, E033 if it needs a password."""
    from pypdf import PdfReader

    sizes: list[tuple[float, str]] = []

    def note_size(text: str, cm, tm, font, size: float) -> None:
        if text.strip():
            sizes.append((round(abs(size * (tm[3] or 1) * (cm[3] or 1)), 1), text.strip()))

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # many only restrict printing, with no password
            raise RashomonError("E033")
        pages = [(page.extract_text(visitor_text=note_size if i == 0 else None) or "")
                 for i, page in enumerate(reader.pages)]
        metadata_title = (reader.metadata or {}).get("/Title") if reader.metadata is not None else None
    except RashomonError:
        raise
    except Exception as exc:  # pypdf raises many types for broken files; the user needs one line
        raise RashomonError("E029", reason=f"{exc.__class__.__name__}: {exc}".splitlines()[0]) from None
    text = PAGE_BREAK.join(page.strip("\n") for page in pages)
    if not text.replace("\f", "").strip():
        raise RashomonError("E024")
    if is_real_title(metadata_title):
        return text, " ".join(str(metadata_title).split()), "pdf metadata: /Title"
    heading = largest_heading(sizes)
    return text, heading, ("pdf: the first page's largest type" if heading else None)


# Metadata titles that name the file or the program, not the article.
_NOT_A_TITLE = re.compile(r"^(untitled|document\d*|microsoft word|title|print|new document)\b"
                          r"|\.(docx?|pdf|indd|odt|rtf|txt|html?)$|^[\w-]+$", re.IGNORECASE)


def is_real_title(title) -> bool:
    """Whether a PDF's metadata title is an article's title: two to 30 words, not a file or program name."""
    if not isinstance(title, str):
        return False
    title = " ".join(title.split())
    return 2 <= len(title.split()) <= 30 and not _NOT_A_TITLE.search(title)


def largest_heading(sizes: list[tuple[float, str]]) -> str | None:
    """The first page's text set in its largest type, when that type stands out (at least 1.3 times
    the commonest size) and its text is two to 30 words: the headline of a print."""
    if not sizes:
        return None
    common = Counter(size for size, _ in sizes).most_common(1)[0][0]
    top = max(size for size, _ in sizes)
    if top < 1.3 * common:
        return None
    heading = " ".join(" ".join(text for size, text in sizes if size == top).split())
    return heading if 2 <= len(heading.split()) <= 30 else None
