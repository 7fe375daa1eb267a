"""PDF files: the text of each page with pypdf, pages joined by a form feed.

Pages are joined with "\\n\\f\\n": the form feed marks the page break, so that cleaning can find the
headers and footers that repeat on every page, and a sentence cut by the page break can be rejoined.
"""

from __future__ import annotations

import io
import logging

from rashomon.messages import RashomonError

PAGE_BREAK = "\n\f\n"

# pypdf warns on every small defect of a file (and still reads it); the user needs only the failure.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def text_from_pdf(data: bytes) -> str:
    """The text of a PDF, page after page; E029 if it cannot be parsed, E024 if it holds no text."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")  # many "protected" PDFs only restrict printing, with an empty password
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for broken files; the user needs one line
        raise RashomonError("E029", reason=f"{exc.__class__.__name__}: {exc}".splitlines()[0]) from None
    text = PAGE_BREAK.join(page.strip("\n") for page in pages)
    if not text.replace("\f", "").strip():
        raise RashomonError("E024")
    return text
