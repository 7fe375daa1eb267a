"""Web archives (WARC, ``.warc.gz``): every captured HTML page an article.

A WARC file (ISO 28500, written by Heritrix, wget ``--warc-file``, Browsertrix, Common Crawl) holds
records one after another; ``warcio`` parses them. A ``response`` record with an HTTP 2xx status and
an HTML payload (``text/html`` or ``application/xhtml+xml``; with no Content-Type, a payload that
starts like HTML) is an article: its payload is decoded (the HTTP charset, else the page's
``<meta charset>``, else ``sniff.decode_text``: UTF-8, then Windows-1252) and read by
``html.draft_from_html``. The record adds what the page may lack:

- ``url``: the record's WARC-Target-URI (the address captured, always set);
- ``published``: the capture date (WARC-Date) when the page's metadata gives none;
- ``outlet``: the registered domain of the target URI when the page names no host.

Article ids are ``<stem>-<n>``, ``n`` the page's number among the archive's 2xx HTML responses
(from 1): stable for a given file, unique in it, and short (a URL slug would be long and would
repeat when a page was captured twice). A ``stem`` ending in ``.warc`` (``crawl.warc.gz``) loses it.

Every other record (``warcinfo``, ``request``, ``metadata``, ``revisit``, ``resource``, a response
that is not HTML or not 2xx) is skipped and counted into the ``skipped`` Counter the caller passes,
by kind (``"request"``, ``"image/png response"``, ``"HTTP 404 response"``); ``describe_skipped``
words the counts for a summary. An HTML page with no article text, one over ``MAX_RECORD_BYTES``,
or one that cannot be decoded is a Failure naming the record: ``crawl.warc.gz#7 https://...``.

A broken archive (bad record header, record cut short, truncated gzip) raises E021 when it breaks
at its first record; later, it ends in a Failure naming the record where it broke, the articles
before it kept. An archive with no HTML response at all raises E021 saying what it holds, so that
every input still gives an Article or a Failure.

gzip is undone here with the ``gzip`` module, not by warcio: warcio stops silently at a gzip member
cut short (the records in it vanish) and refuses a file gzipped whole instead of record by record;
``gzip`` reads both and reports a truncation.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from rashomon.ingest import html, meta, sniff
from rashomon.ingest.article import Draft
from rashomon.messages import RashomonError, format_message
from rashomon.records import Failure

# The most bytes of one record's payload read into memory; a bigger page is a Failure.
MAX_RECORD_BYTES = 32 * 1024 * 1024
WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"
# ``is_warc`` decompresses at most this much of a gzip's start.
SNIFF_BYTES = 4096
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# A payload with no Content-Type is HTML when its first bytes hold one of these.
HTML_START = re.compile(rb"<!doctype\s+html|<html\b", re.IGNORECASE)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
CHARSET_SNIFF_BYTES = 4096
# Characters of a parser's message kept in a Failure (warcio quotes the bad line, binary and all).
REASON_CHARS = 120


class BrokenArchive(Exception):
    """The archive's bytes end or break where a record should go on (gzip truncated, record short)."""


class Records(ArchiveIterator):
    """warcio's iterator, quiet and strict about the archive's end.

    warcio counts a record not followed by a blank line in ``err_count`` and writes a warning to
    stderr; the warning is silenced and the count read instead (``drafts_from_warc``). warcio also
    takes any EOFError while parsing a record for the archive's end, so that a record whose headers
    are cut short vanishes: here only an end met before a record's first line is the end.
    """

    INC_RECORD = ""

    def _next_record(self, next_line: bytes | None) -> ArcWarcRecord:  # warcio 1.8's hook, pinned
        if not next_line:
            next_line = self.reader.readline()
            if not next_line:
                raise EOFError  # the archive's end, between records
        try:
            return super()._next_record(next_line)
        except EOFError:
            raise BrokenArchive("a record's headers are cut short") from None


class Stream:
    """The archive's bytes for warcio: gunzipped when they are gzip (per record or whole), with the
    gzip module's errors raised as ``BrokenArchive``: warcio takes an EOFError for the archive's end."""

    def __init__(self, data: bytes) -> None:
        raw = io.BytesIO(data)
        self.inner: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if data.startswith(GZIP_MAGIC) else raw

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes; ``read1`` so that what comes before a truncation is returned first."""
        try:
            return self.inner.read1(size) if size > 0 else self.inner.read()
        except (OSError, EOFError, zlib.error) as exc:
            raise BrokenArchive(f"gzip data broken: {exc}") from None

    def close(self) -> None:
        self.inner.close()

    def tell(self) -> int:
        return self.inner.tell()


def is_warc(data: bytes) -> bool:
    """Whether ``data`` is a WARC file, plain or gzipped (only the first KiBs are decompressed)."""
    if data.startswith(WARC_MAGIC):
        return True
    if not data.startswith(GZIP_MAGIC):
        return False
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:SNIFF_BYTES], len(WARC_MAGIC))
    except zlib.error:
        return False
    return head.startswith(WARC_MAGIC)


def drafts_from_warc(data: bytes, *, name: str, stem: str,
                     skipped: Counter[str] | None = None) -> Iterator[Draft | Failure]:
    """One Draft per 2xx HTML response of a WARC archive (a Failure per page that cannot be read).

    Records that are not articles are counted into ``skipped`` (kind -> number), complete once the
    generator is exhausted. Raises E021 for an archive broken at its first record or holding no
    HTML response; a break further on ends it with a Failure naming the record.
    """
    skipped = skipped if skipped is not None else Counter()
    stem = stem.removesuffix(".warc") or stem
    records = Records(Stream(data))
    number = pages = 0  # records read, 2xx HTML responses among them
    while True:
        errors = records.err_count
        try:
            record = next(records, None)
        except Exception as exc:  # noqa: BLE001 -- warcio's parse errors are many; all mean a broken archive
            yield broken(name, number + 1, exc)
            return
        if records.err_count > errors:  # warcio found no blank line after the previous record
            yield Failure(f"{name}#{number}", format_message(
                "E021", reason=f"broken WARC archive (record {number} is longer than its Content-Length says)"))
        if record is None:
            break
        number += 1
        try:
            item = read_record(record, number=number, page=pages + 1, name=name, stem=stem, skipped=skipped)
        except BrokenArchive as exc:
            yield broken(name, number, exc)
            return
        if item is not None:
            pages += 1
            yield item
    if not pages:
        held = f" ({describe_skipped(skipped, prefix=False)})" if skipped else ""
        raise RashomonError("E021", reason=f"the WARC archive holds no HTML response{held}")


def broken(name: str, number: int, exc: Exception) -> Failure:
    """The Failure of an archive that breaks at record ``number``; E021 raised at the first record."""
    detail = "".join(c if c.isprintable() else " " for c in str(exc))
    detail = " ".join(detail.split())[:REASON_CHARS] or exc.__class__.__name__
    if number <= 1:
        raise RashomonError("E021", reason=f"broken WARC archive ({detail})")
    return Failure(f"{name}#{number}", format_message(
        "E021", reason=f"broken WARC archive at record {number} ({detail}); the records before it were read"))


def read_record(record: ArcWarcRecord, *, number: int, page: int, name: str, stem: str,
                skipped: Counter[str]) -> Draft | Failure | None:
    """The Draft or Failure of one record, or None for a record skipped (and counted).

    Raises ``BrokenArchive`` when the record has no type or length, or is cut short.
    """
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not record.rec_type or not length.isdigit():  # warcio reads a bad length as 0 and goes on
        raise BrokenArchive(f"record {number} has no WARC-Type or no valid Content-Length")
    kind = skip_kind(record)
    payload, error = b"", None
    if kind in (None, "untyped response"):  # HTML, or maybe: the payload tells
        payload, error = read_payload(record)
        if error is None and kind is not None and HTML_START.search(payload[:CHARSET_SNIFF_BYTES]):
            kind = None
    finish(record, number)
    if kind is not None:
        skipped[kind] += 1
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{name}#{number} {url}".rstrip()
    if error is not None:
        return Failure(where, format_message("E021", reason=error))
    try:
        content = decode_payload(payload, record.http_headers.get_header("Content-Type") or "")
        draft = html.draft_from_html(content, article_id=f"{stem}-{page}", path=name)
    except RashomonError as exc:
        return Failure(where, exc.args[0])
    add_capture(draft, url, record.rec_headers.get_header("WARC-Date") or "")
    return draft


def skip_kind(record: ArcWarcRecord) -> str | None:
    """Why a record is not an article (its kind, for the counts), or None for a 2xx HTML response.

    "untyped response": a 2xx response with no Content-Type, HTML only when its payload looks so.
    """
    if record.rec_type != "response":
        return record.rec_type
    if record.http_headers is None:  # dns:, whois: and other records without HTTP
        return f"{record.content_type or 'untyped'} response"
    status = record.http_headers.get_statuscode() or "?"
    if not status.startswith("2"):
        return f"HTTP {status} response"
    mime = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if not mime:
        return "untyped response"
    return None if mime in HTML_TYPES else f"{mime} response"


def read_payload(record: ArcWarcRecord) -> tuple[bytes, str | None]:
    """The record's payload (HTTP content and transfer encodings undone), at most MAX_RECORD_BYTES,
    and the reason when it cannot be read as one page (None when it can)."""
    try:
        payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    except BrokenArchive:
        raise
    except Exception as exc:  # noqa: BLE001 -- a server's broken gzip or chunking: this page only
        return b"", f"the page's HTTP encoding cannot be undone ({exc.__class__.__name__}: {exc})"
    if len(payload) > MAX_RECORD_BYTES:
        return b"", f"the page is larger than {MAX_RECORD_BYTES // 2**20} MiB"
    return payload, None


def finish(record: ArcWarcRecord, number: int) -> None:
    """Read the rest of the record; ``BrokenArchive`` when the archive ends before its Content-Length."""
    while record.raw_stream.read(io.DEFAULT_BUFFER_SIZE * 16):
        pass
    missing = getattr(record.raw_stream, "limit", 0)
    if missing > 0:
        raise BrokenArchive(f"record {number} is cut short, {missing} of its {record.length} bytes missing")


def decode_payload(payload: bytes, content_type: str) -> str:
    """The page's text: its HTTP charset, else its ``<meta charset>``, else UTF-8 or Windows-1252."""
    header = CHARSET.search(content_type)
    declared = META_CHARSET.search(payload[:CHARSET_SNIFF_BYTES])
    for charset in (header and header[1], declared and declared[1].decode("ascii", "replace")):
        if not charset:
            continue
        try:
            text = payload.decode(codecs.lookup(charset).name)
        except (LookupError, UnicodeDecodeError):
            continue
        return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return sniff.decode_text(payload)


def add_capture(draft: Draft, url: str, warc_date: str) -> None:
    """What the record tells of the page: its URL, the capture date, the outlet from the URL's host."""
    if url:
        draft.url = url
        draft.evidence["url"] = "warc: WARC-Target-URI"
    if not draft.published and re.match(r"\d{4}-\d{2}-\d{2}", warc_date):
        draft.published = warc_date[:10]
        draft.evidence["published"] = f"warc: capture date WARC-Date {warc_date}"
    if not draft.outlet and url and meta.registered_domain(url):
        draft.outlet = meta.registered_domain(url)
        draft.evidence["outlet"] = f"warc: host of WARC-Target-URI {url}"


def describe_skipped(skipped: Counter[str], *, prefix: bool = True) -> str:
    """The counts in words, most first: "5 WARC records skipped: 3 request, 2 image/png response"."""
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    if not prefix:
        return counts
    total = sum(skipped.values())
    return f"{total} WARC record{'s' if total != 1 else ''} skipped: {counts}"
