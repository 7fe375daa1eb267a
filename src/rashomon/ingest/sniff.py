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
    (b"\xd0\xcf\x11\xe0", "legacy Microsoft Office document"), (b"{\\rtf1", "RTF document"),
    (b"ID3", "MP3 audio"), (b"OggS", "Ogg media"), (b"fLaC", "FLAC audio"), (b"\x7fELF", "executable"),
    (b"%!PS-Adobe", "PostScript document"), (b"SQLite format 3\x00", "SQLite database"),
)
# Formats written in text, told by a stricter start than prose would have ("{\rtf1", "%!PS-Adobe").
TEXT_FORMATS = frozenset({b"{\\rtf1", b"%!PS-Adobe"})
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
    if data.startswith(b"PK\x03\x04") and not is_text(data):
        head = data[:4096]
        if b"[Content_Types].xml" in head or b"mimetypeapplication/" in head:
            return None
        return "zip"
    return None


def sniff_binary(data: bytes) -> str | None:
    """Return "pdf" for a PDF, None for text; raise E022 naming a binary format rashomon cannot read.

    "%PDF-" starts a PDF, after at most a little junk (some servers prepend a BOM or blank lines;
    the specification lets readers look in the first 1024 bytes); a text that only mentions "%PDF-1.4"
    near its start is a PDF only if it also ends like one (``%%EOF``)."""
    at = data.find(b"%PDF-", 0, PDF_HEADER_WINDOW)
    if at >= 0 and (not data[:at].strip(b"\xef\xbb\xbf\x00\r\n\t ") or b"%%EOF" in data[-2048:]):
        return "pdf"
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic) and (magic in TEXT_FORMATS or not is_text(data)):
            raise RashomonError("E022", what=what)
    if b"\x00" in data[:BINARY_SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) \
            and utf16_without_bom(data) is None:
        raise RashomonError("E022", what="binary data")
    return None


def is_text(data: bytes) -> bool:
    """Whether bytes that start like a binary format are prose all the same ("BZh is the start of
    the code..."): their first KiBs decode as UTF-8 into printable characters (a file of the format
    has many bytes that are neither)."""
    head = data[:BINARY_SNIFF_BYTES].decode("utf-8", errors="replace")
    printable = sum(1 for c in head if (c.isprintable() and c != "\ufffd") or c in "\n\r\t")
    return printable >= 0.97 * len(head)


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for UTF-16 text without a byte order mark, else None. In UTF-16
    the high byte of every space, digit and Latin letter is NUL, so NULs fall on one parity only (at
    least 5% of the units: Cyrillic or Greek text still has its spaces), and the text decodes to
    printable characters."""
    head = data[:BINARY_SNIFF_BYTES - BINARY_SNIFF_BYTES % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    units = len(head) // 2
    for codec, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.05 * units and others <= 0.01 * units:
            decoded = head.decode(codec, errors="replace")
            printable = sum(1 for c in decoded if c.isprintable() or c in "\n\r\t\f")
            if printable >= 0.95 * len(decoded):
                return codec
    return None


# Bytes the charset detector looks at: enough to decide, and its cost stays flat on a big file.
CHARSET_SNIFF_BYTES = 65536


def decode_text(data: bytes) -> str:
    """Decode text bytes, newlines made "\\n": UTF-8 (with or without BOM), UTF-16 (BOM, or told by its
    NUL bytes), else the charset that charset-normalizer finds (cp1251, cp1252, KOI8-R...; undeclared
    in most old files), else Windows-1252, the usual legacy charset of Western news sites."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif (codec := utf16_without_bom(data)) is not None:
        text = data.decode(codec, errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = mostly_utf8(data)
            if text is None:
                text = data.decode(detect_charset(data), errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray bytes (a truncated download, one pasted cp1252 quote), decoded as
    UTF-8 with U+FFFD for the bad bytes; None when the bytes are not mostly UTF-8. A legacy charset
    almost never forms valid multi-byte UTF-8 sequences by chance, so many of them beside few errors
    tell UTF-8 apart; the charset detector, given such bytes, guesses a single-byte charset and turns
    every Cyrillic or accented letter into two wrong ones."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if good >= 8 and bad <= 0.05 * good:
        return text
    return None


# Below this many bytes the detector's guesses are close to chance ("Caf\xe9" is read as UTF-16);
# Windows-1252 is then the likelier charset.
CHARSET_MIN_BYTES = 64


def detect_charset(data: bytes) -> str:
    """The legacy charset of text that is not UTF-8: charset-normalizer's best guess on its first
    bytes among single- and multi-byte legacy charsets (UTF-16/32 are told apart before, by their
    NUL bytes), else Windows-1252."""
    if len(data) < CHARSET_MIN_BYTES:
        return "cp1252"
    from charset_normalizer import from_bytes

    for match in from_bytes(data[:CHARSET_SNIFF_BYTES]):
        if not match.encoding.startswith(("utf_16", "utf_32", "utf_7")):
            return match.encoding
    return "cp1252"


_FEED_START = re.compile(
    r"^(?:<\?xml[^>]*>\s*)?(?:<\?xml-stylesheet[^>]*>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL)


# A feed declares itself XML or closes its root element (a text that only starts with "<rss> readers
# complained" is prose).
_FEED_END = re.compile(r"</(?:rss|feed|rdf:RDF)\s*>\s*$", re.IGNORECASE)


def sniff_text(text: str, suffix: str = "") -> str:
    """The format of decoded text: "feed" (RSS, Atom), "json", "jsonl", "html" or "text" (a JSON Feed
    is "json": its reader tells it by its ``version``).

    A text that starts like JSON but does not parse, or a ``.json``/``.jsonl`` file that is not
    JSON, raises E025 with the parser's line and column.
    """
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")) or suffix in (".json", ".jsonl"):
        return sniff_json(text, suffix)
    if _FEED_START.match(stripped) and (stripped.startswith("<?xml") or _FEED_END.search(stripped[-2000:])):
        return "feed"
    if _HTML_START.match(stripped) or len(_HTML_TAG.findall(stripped[:HTML_SNIFF_CHARS])) >= HTML_MIN_TAGS:
        return "html"
    return "text"


# Prose may start with "[" or "{" ("[Updated 10:00] The mayor said..."): a text that does not parse
# as JSON is JSON gone wrong only when it starts like JSON data does (a key, a value, an empty list).
_JSON_START = re.compile(r"\s*(?:\{\s*(?:\"|\})|\[\s*(?:[\[{\"\]\d-]|true|false|null))")
# Digits of a JSON integer kept as a number; a longer one stays its text (Python's int() of 4,300
# digits or more raises, and no article field needs one).
MAX_INT_DIGITS = 50


def sniff_json(text: str, suffix: str) -> str:
    """"json" for one JSON document, "jsonl" for one object per line, "text" for prose that only
    starts with a bracket; raise E025 for JSON that does not parse."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if suffix == ".jsonl" or (len(lines) > 1 and all(line.startswith("{") for line in lines)):
        try:
            load_json(text)
        except RashomonError:
            return "jsonl"  # several documents, one a line: the JSONL reader checks each line
    try:
        load_json(text)
    except RashomonError:
        if suffix not in (".json", ".jsonl") and not _JSON_START.match(text):
            return "text"
        raise
    return "json"


def load_json(text: str, max_depth: int = 900):
    """Parse JSON text: E025 with the line and column for bad JSON, and for data nested deeper than
    ``max_depth``; integers longer than ``MAX_INT_DIGITS`` digits stay strings."""
    try:
        data = json.loads(text, parse_int=bounded_int)
    except json.JSONDecodeError as exc:
        raise RashomonError("E025", reason=describe_json_error(exc)) from None
    except RecursionError:
        raise RashomonError("E025", reason=f"nested more than {max_depth} levels deep") from None
    if nesting_depth(data, max_depth) > max_depth:
        raise RashomonError("E025", reason=f"nested more than {max_depth} levels deep (max_json_depth)")
    return data


class LongNumber(str):
    """The digits of a JSON integer too long to be a number anyone meant: a text for an id or a
    field, never an article's text (``jsonl`` tells it from a JSON string)."""


def bounded_int(digits: str) -> int | str:
    """A JSON integer as an int, or as its digits (``LongNumber``) when it is too long."""
    return int(digits) if len(digits) <= MAX_INT_DIGITS else LongNumber(digits)


def nesting_depth(data, stop: int) -> int:
    """How deep lists and objects nest in ``data`` (1 for a flat list), counting no further than
    ``stop + 1``; iterative, so that no depth overflows the stack."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        item, depth = todo.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, depth)
            if deepest > stop:
                return deepest
            todo.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def describe_json_error(exc: json.JSONDecodeError) -> str:
    """The parser's message with its line and column, as a person reads it."""
    return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
