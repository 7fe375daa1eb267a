"""ingest: files, directories and streams in; ``Article`` records (or ``Failure`` records) out.

Formats are told from the content (``sniff``): plain text (``text``), HTML (``html``, trafilatura),
PDF (``pdf``, pypdf), JSON and JSONL (``jsonl``). Every article then goes the same way through
``article.build_article``: cleaning (``clean``), title, dateline and other metadata (``meta``) and
language identification (``language``).

Public API: ``ingest(inputs, settings, stdin)`` (a generator) and ``article_from_text(text, ...)``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rashomon.ingest import feed, html, jsonl, pdf, sniff, text
from rashomon.ingest.article import Draft, build_article
from rashomon.messages import RashomonError, format_message
from rashomon.records import Article, Failure
from rashomon.settings import Settings

__all__ = ["ingest", "article_from_text", "Draft", "build_article"]

STDIN = "-"
# Characters of the sha1 of the content in an id made for text without a name (stdin, API strings).
ID_HASH_CHARS = 8


@dataclass
class Input:
    """One input to read: a file, or standard input (``path`` None)."""

    name: str  # as the user sees it in a Failure: the path given, or "-"
    path: Path | None = None


def ingest(inputs: Iterable[str | Path], settings: Settings | None = None,
           stdin: BinaryIO | None = None) -> Iterator[Article | Failure]:
    """Read every input and yield one ``Article`` per article, or a ``Failure`` per input that fails.

    1. expand the inputs: "-" is standard input (``stdin``, else ``sys.stdin``); a directory gives
       its files, recursively and sorted, hidden ones skipped; a missing path is a Failure (E020)
    2. read each input's bytes (E021 when the system refuses)
    3. sniff the format from the content: PDF by "%PDF-", other binary formats refused (E022),
       then text decoded and told apart as JSON, JSONL, HTML or plain text
    4. hand the content to the format's reader, which gives drafts (one per article) or failures
       (a bad JSONL line fails alone)
    5. build each article from its draft: clean text, title, dateline, outlet, date, language;
       an article with no body text left is a Failure (E030)
    6. make the article's id unique within this run (``-2``, ``-3`` suffixes)

    Nothing is skipped silently: every input gives at least one Article or Failure.
    """
    settings = settings or Settings()
    used_ids: set[str] = set()
    for item in expand_inputs(inputs):
        if isinstance(item, Failure):
            yield item
            continue
        for draft in read_input(item, stdin):
            if isinstance(draft, Failure):
                yield draft
                continue
            article = build_or_fail(draft, item.name, settings)
            if isinstance(article, Article):
                article.id = make_unique(article.id, used_ids)
            yield article


def article_from_text(text: str, *, id: str | None = None, path: str | None = None, title: str | None = None,
                      url: str | None = None, outlet: str | None = None, published: str | None = None,
                      language: str | None = None, settings: Settings | None = None) -> Article:
    """Clean a raw string and extract its metadata (what ``rashomon.read("some text")`` uses).

    Values given here win over what the text says; ``id`` defaults to ``text-<sha1 prefix>``.
    """
    draft = Draft(text=text, id=id or f"text-{content_hash(text.encode('utf-8'))}", path=path, title=title,
                  url=url, outlet=outlet, published=published, language=language)
    draft.evidence.update({name: "given" for name in ("title", "url", "outlet", "published", "language")
                           if getattr(draft, name)})
    return build_article(draft, settings)


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Input | Failure]:
    """The files to read: stdin, files as given, directories walked (sorted, hidden entries skipped)."""
    for given in inputs:
        if str(given) == STDIN:
            yield Input(STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            yield from walk_directory(path)
        elif path.exists():
            yield Input(str(given), path)
        else:
            yield Failure(str(given), format_message("E020"))


# Files a saved web page keeps beside it (scripts, styles, images, fonts, media), never articles.
ASSET_SUFFIXES = frozenset({".js", ".mjs", ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico",
                            ".bmp", ".avif", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".map", ".mp4", ".webm",
                            ".mp3", ".ogg", ".wasm"})
# The folder a browser saves a page's assets in: "Page_files" (Chrome, Firefox), "Page-Dateien" (German).
ASSET_FOLDER = re.compile(r"[_-](?:files|Dateien|fichiers|archivos|file)$", re.IGNORECASE)


def is_page_asset(path: Path, root: Path) -> bool:
    """Whether a file found in a folder is a saved page's asset: in a ``*_files`` folder or of an asset
    type. Assets are skipped, and counted (``count_page_assets``), never read and never failures; a
    file named on the command line is always read."""
    return path.suffix.lower() in ASSET_SUFFIXES or any(ASSET_FOLDER.search(part)
                                                         for part in path.relative_to(root).parts[:-1])


def visible_files(root: Path) -> Iterator[Path]:
    """Every file under ``root``, recursively, sorted by path; hidden files and folders skipped."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
            yield path


def walk_directory(root: Path) -> Iterator[Input]:
    """The files of a directory to read: ``visible_files`` but the assets of saved pages (``is_page_asset``)."""
    for path in visible_files(root):
        if not is_page_asset(path, root):
            yield Input(str(path), path)


def count_page_assets(inputs: Iterable[str | Path]) -> int:
    """How many files of the directories among ``inputs`` are skipped as saved pages' assets."""
    return sum(1 for given in inputs if str(given) != STDIN and Path(given).is_dir()
               for path in visible_files(Path(given)) if is_page_asset(path, Path(given)))


def read_input(item: Input, stdin: BinaryIO | None) -> Iterator[Draft | Failure]:
    """The drafts of one input, or a Failure naming it and the reason."""
    try:
        data = read_bytes(item, stdin)
        stem = item.path.stem if item.path else f"stdin-{content_hash(data)}"
        yield from drafts_from_bytes(data, name=item.name, stem=stem,
                                     suffix=item.path.suffix.lower() if item.path else "")
    except RashomonError as exc:
        yield Failure(item.name, exc.args[0])


def read_bytes(item: Input, stdin: BinaryIO | None) -> bytes:
    """The bytes of a file or of standard input; E021 with the system's reason when it refuses."""
    try:
        if item.path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            return stream.read()
        return item.path.read_bytes()
    except OSError as exc:
        raise RashomonError("E021", reason=(exc.strerror or str(exc)).lower()) from None


# What an archive (.gz, .zip) may unpack to in all, and how deep archives may nest: past these an
# input is refused (E021), so that a small hostile file cannot fill memory.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
MAX_ARCHIVE_DEPTH = 2


def drafts_from_bytes(data: bytes, *, name: str, stem: str, suffix: str, depth: int = 0) -> Iterator[Draft | Failure]:
    """Sniff the format of ``data`` and hand it to its reader; a .gz or .zip is unpacked and each file
    in it read the same way (``archive.zip!inner/file.txt`` names a member in messages)."""
    if not data.strip():
        raise RashomonError("E023")
    kind = sniff.sniff_archive(data)
    if kind is not None:
        if depth >= MAX_ARCHIVE_DEPTH:
            raise RashomonError("E021", reason=f"archives nested more than {MAX_ARCHIVE_DEPTH} deep")
        if kind == "gzip":
            inner = Path(stem)
            yield from drafts_from_bytes(unpack_gzip(data), name=name, stem=inner.stem or stem,
                                         suffix=inner.suffix.lower(), depth=depth + 1)
        else:
            yield from drafts_from_zip(data, name=name, depth=depth + 1)
        return
    if sniff.sniff_binary(data) == "pdf":
        yield text.draft_from_text(pdf.text_from_pdf(data), article_id=stem, path=name)
        return
    content = sniff.decode_text(data)
    kind = sniff.sniff_text(content, suffix)
    if kind == "feed":
        yield from feed.drafts_from_feed(content, stem=stem, path=name)
    elif kind == "json":
        yield from jsonl.drafts_from_json(content, stem=stem, path=name)
    elif kind == "jsonl":
        yield from jsonl.drafts_from_jsonl(content, stem=stem, path=name)
    elif kind == "html":
        yield html.draft_from_html(content, article_id=stem, path=name)
    else:
        yield text.draft_from_text(content, article_id=stem, path=name)


def unpack_gzip(data: bytes) -> bytes:
    """The bytes a gzip stream holds, at most ``MAX_UNPACKED_BYTES`` (E021 past that or when broken)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_UNPACKED_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RashomonError("E021", reason=f"broken gzip data ({exc})") from None
    if len(out) > MAX_UNPACKED_BYTES:
        raise RashomonError("E021", reason=f"it unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB")
    return out


def drafts_from_zip(data: bytes, *, name: str, depth: int) -> Iterator[Draft | Failure]:
    """The drafts of every file of a ZIP archive (folders and hidden files skipped, in name order);
    a member that cannot be read is a Failure naming it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = sorted((m for m in archive.infolist() if not m.is_dir()
                          and not any(part.startswith(".") or part == "__MACOSX" for part in m.filename.split("/"))),
                         key=lambda m: m.filename)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise RashomonError("E021", reason=f"broken ZIP archive ({exc})") from None
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise RashomonError("E021", reason=f"it unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB")
    if not members:
        raise RashomonError("E023")
    for member in members:
        where = f"{name}!{member.filename}"
        inner = Path(member.filename)
        try:
            with archive.open(member) as stream:
                content = stream.read(MAX_UNPACKED_BYTES + 1)
            yield from drafts_from_bytes(content, name=where, stem=inner.stem, suffix=inner.suffix.lower(),
                                         depth=depth)
        except RashomonError as exc:
            yield Failure(where, exc.args[0])
        except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as exc:  # encrypted or damaged member
            yield Failure(where, format_message("E021", reason=f"cannot unpack ({exc})"))


def build_or_fail(draft: Draft, name: str, settings: Settings) -> Article | Failure:
    """Build the article; a Failure when no body text is left, or when building breaks.

    A bug met on one strange file must not stop the batch: it becomes that file's Failure (E021).
    """
    where = name if not draft.id or draft.id == Path(name).stem else f"{name} [{draft.id}]"
    try:
        article = build_article(draft, settings)
    except Exception as exc:  # noqa: BLE001 -- one file's failure, reported, never the batch's
        return Failure(where, format_message("E021", reason=f"internal error {exc.__class__.__name__}: {exc}"))
    if not article.text.strip():
        kinds = sorted({r.kind for r in article.removed}) or ["nothing"]
        return Failure(where, format_message("E030", kinds=", ".join(kinds)))
    return article


def make_unique(article_id: str, used: set[str]) -> str:
    """``article_id``, or ``article_id-2``, ``-3``... when already used in this run; marks it used."""
    candidate, number = article_id, 1
    while candidate in used:
        number += 1
        candidate = f"{article_id}-{number}"
    used.add(candidate)
    return candidate


def content_hash(data: bytes) -> str:
    """The first hex digits of the content's sha1: a stable name for text that has none."""
    return hashlib.sha1(data).hexdigest()[:ID_HASH_CHARS]
