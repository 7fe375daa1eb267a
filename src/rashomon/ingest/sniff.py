"""Tell an input's format from its content, and decode text.

The file name is only a hint: a ``.txt`` file that holds HTML is HTML, a file that starts with
``%PDF-`` is a PDF whatever its name, JSON and JSONL are recognised by parsing. Binary formats that
rashomon does not read (images, archives, office documents) are named in the failure.
"""

from __future__ import annotations

import json
import re

from rashomon.messages import RashomonError

# Magic numbers of binary formats people drop into a folder of articles, with a name for the user.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"), (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "office document or e-book (DOCX, ODT, EPUB)"),
    (b"7z\xbc\xaf", "7z archive"), (b"Rar!", "RAR archive"), (b"BZh", "bzip2 archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Microsoft Office document"), (b"{\\rtf", "RTF document"),
    (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"), (b"fLaC", "FLAC audio"), (b"\x7fELF", "executable"),
    (b"%!PS", "PostScript document"), (b"SQLite format 3\x00", "SQLite database"),
)
# "%PDF-" may follow a few bytes of junk (some servers prepend a BOM or blank lines); the PDF
# specification lets readers look for it in the first 1024 bytes.
PDF_HEADER_WINDOW = 1024
# NUL bytes in the first 8 KiB mean binary data (text in UTF-8 or a legacy charset has none).
BINARY_SNIFF_BYTES = 8192
# HTML without a <!doctype>/<html> start (a fragment saved as .txt) is told by its tags: five block
# tags in the first 5,000 characters never happen in prose.
HTML_SNIFF_CHARS = 5000
HTML_MIN_TAGS = 5

_HTML_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta|title)\b",
    re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|article|section|body|li|ul|table|tr|td|img)\b[^>]*>",
                       re.IGNORECASE)


def sniff_archive(data: bytes) -> str | None:
    """"gzip" or "zip" for an archive rashomon unpacks; None otherwise (an office document or e-book
    is a ZIP too: it is left to ``sniff_binary``, which names it)."""
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"PK\x03\x04"):
        head = data[:4096]
        if b"[Content_Types].xml" in head or b"mimetypeapplication/" in head:
            return None
        return "zip"
    return None


def sniff_binary(data: bytes) -> str | None:
    """Return "pdf" for a PDF, None for text; raise E022 naming a binary format rashomon cannot read."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            raise RashomonError("E022", what=what)
    if b"\x00" in data[:BINARY_SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RashomonError("E022", what="binary data")
    return None


def decode_text(data: bytes) -> str:
    """Decode text bytes (UTF-8, UTF-16 with BOM, else Windows-1252), newlines made "\\n"."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # the usual legacy charset of Western news sites
        except UnicodeDecodeError as exc:
            raise RashomonError("E027", reason=f"neither UTF-8 nor Windows-1252 (byte {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FEED_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<\?xml-stylesheet[^>]*>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL)


def sniff_text(text: str, suffix: str = "") -> str:
    """The format of decoded text: "feed" (RSS, Atom), "json", "jsonl", "html" or "text" (a JSON Feed
    is "json": its reader tells it by its ``version``).

    A text that starts like JSON but does not parse, or a ``.json``/``.jsonl`` file that is not
    JSON, raises E025 with the parser's line and column.
    """
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) or suffix in (".json", ".jsonl"):
        return sniff_json(text, suffix)
    if _FEED_START.match(stripped):
        return "feed"
    if _HTML_START.match(stripped) or len(_HTML_TAG.findall(stripped[:HTML_SNIFF_CHARS])) >= HTML_MIN_TAGS:
        return "html"
    return "text"


def sniff_json(text: str, suffix: str) -> str:
    """"json" for one JSON document, "jsonl" for one object per line; raise E025 otherwise."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if suffix == ".jsonl" or (len(lines) > 1 and all(line.startswith("{") for line in lines)):
        try:
            json.loads(text)
        except json.JSONDecodeError:
            return "jsonl"  # several documents, one a line: the JSONL reader checks each line
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise RashomonError("E025", reason=describe_json_error(exc)) from None
    return "json"


def describe_json_error(exc: json.JSONDecodeError) -> str:
    """The parser's message with its line and column, as a person reads it."""
    return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
