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
import os
import re
import stat
import sys
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rashomon.ingest import feed, html, jsonl, pdf, sniff, text, warc
from rashomon.ingest.article import Draft, build_article
from rashomon.messages import RashomonError, describe_file, format_message, system_reason
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
           stdin: BinaryIO | None = None, skipped: Counter[str] | None = None) -> Iterator[Article | Failure]:
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
    6. make the article's id unique within this run: an id already taken gets the hash of its text

    Nothing is skipped silently: every input gives at least one Article or Failure, and what is
    skipped on purpose (saved pages' assets, a web archive's non-page records) is counted into
    ``skipped`` (what -> how many) for the summary.
    """
    settings = settings or Settings()
    skipped = skipped if skipped is not None else Counter()
    used_ids: set[str] = set()
    for item in expand_inputs(inputs, skipped):
        if isinstance(item, Failure):
            yield item
            continue
        for draft in read_input(item, stdin, settings, skipped):
            if isinstance(draft, Failure):
                yield draft
                continue
            article = build_or_fail(draft, item.name, settings)
            if isinstance(article, Article):
                article.id = make_unique(article.id, used_ids, article.text)
            yield article


def article_from_text(text: str, *, id: str | None = None, path: str | None = None, title: str | None = None,
                      url: str | None = None, outlet: str | None = None, published: str | None = None,
                      language: str | None = None, settings: Settings | None = None) -> Article:
    """Clean a raw string and extract its metadata (what ``rashomon.read("some text")`` uses).

    Values given here win over what the text says; ``id`` defaults to ``text-<sha1 prefix>``.
    """
    draft = Draft(text=text, id=id or f"text-{content_hash(text.encode('utf-8', 'surrogatepass'))}", path=path, title=title,
                  url=url, outlet=outlet, published=published, language=language)
    draft.evidence.update({name: "given" for name in ("title", "url", "outlet", "published", "language")
                           if getattr(draft, name)})
    return build_article(draft, settings)


def expand_inputs(inputs: Iterable[str | Path], skipped: Counter[str] | None = None) -> Iterator[Input | Failure]:
    """The files to read: stdin, files as given, directories walked (sorted, hidden entries skipped).

    Only regular files are read: a FIFO, a device or a socket would block or never end (E021); a
    path the system refuses (too long, a symbolic link loop) fails with the system's reason; a folder
    with no file to read fails with E032, never silently.
    """
    for given in inputs:
        if str(given) == STDIN:
            yield Input(STDIN)
            continue
        name = str(given)
        if not name:  # Path("") is "." and would read the whole working folder
            yield Failure(repr(name), format_message("E035"))
            continue
        try:
            path = Path(given)
            info = path.stat()
        except FileNotFoundError:
            yield Failure(name, format_message("E020"))
            continue
        except (OSError, ValueError) as exc:  # too long, a loop, a NUL in the name
            yield Failure(name, format_message("E021", reason=system_reason(exc)))
            continue
        if stat.S_ISDIR(info.st_mode):
            found, assets = False, Counter()
            for item in walk_directory(path, assets):
                found = found or isinstance(item, Input)
                yield item
            if skipped is not None:
                skipped.update(assets)
            if not found:
                yield Failure(name, format_message("E032", assets=sum(assets.values())))
        elif stat.S_ISREG(info.st_mode):
            yield Input(name, path)
        else:
            yield Failure(name, format_message("E021", reason=f"not a regular file ({describe_file(info.st_mode)}); "
                                               "to read a stream, pipe it to standard input: - "))


# Files a saved web page keeps beside it (scripts, styles, images, fonts, media), never articles.
ASSET_SUFFIXES = frozenset({".js", ".mjs", ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico",
                            ".bmp", ".avif", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".map", ".mp4", ".webm",
                            ".mp3", ".ogg", ".wasm"})
# The folder a browser saves a page's assets in: "Page_files" (Chrome, Firefox), "Page-Dateien" (German).
ASSET_FOLDER = re.compile(r"[_-](?:files|Dateien|fichiers|archivos|file)$", re.IGNORECASE)


def is_page_asset(path: Path, root: Path) -> bool:
    """Whether a file found in a folder is a saved page's asset: in a ``*_files`` folder or of an asset
    type. Assets are skipped, and counted (``walk_directory``), never read and never failures; a
    file named on the command line is always read."""
    return path.suffix.lower() in ASSET_SUFFIXES or any(ASSET_FOLDER.search(part)
                                                         for part in path.relative_to(root).parts[:-1])


def visible_files(root: Path) -> Iterator[Path | Failure]:
    """Every regular file under ``root``, recursively, sorted by path; hidden files and folders skipped.

    Links to files are followed, links to folders are not (a link loop cannot make the walk endless);
    a dangling link, or a sub-folder the system refuses to list, is a Failure naming it."""
    found: list[Path | Failure] = []

    def refused(exc: OSError) -> None:
        found.append(Failure(exc.filename or str(root), format_message("E021", reason=system_reason(exc))))

    for folder, dirs, files in os.walk(root, onerror=refused):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if file.startswith("."):
                continue
            path = Path(folder) / file
            try:
                info = path.stat()
            except OSError as exc:
                found.append(Failure(str(path), format_message("E021", reason=system_reason(exc))))
                continue
            if stat.S_ISREG(info.st_mode):
                found.append(path)
            elif not stat.S_ISDIR(info.st_mode):
                found.append(Failure(str(path), format_message(
                    "E021", reason=f"not a regular file ({describe_file(info.st_mode)})")))
    yield from sorted(found, key=lambda item: str(item) if isinstance(item, Path) else item.path)


PAGE_ASSET = "page asset file (scripts, styles, images, fonts of saved pages)"


def walk_directory(root: Path, skipped: Counter[str] | None = None) -> Iterator[Input | Failure]:
    """The files of a directory to read: ``visible_files`` but the assets of saved pages
    (``is_page_asset``), which are counted into ``skipped``."""
    for path in visible_files(root):
        if isinstance(path, Failure):
            yield path
        elif not is_page_asset(path, root):
            yield Input(str(path), path)
        elif skipped is not None:
            skipped[PAGE_ASSET] += 1


def read_input(item: Input, stdin: BinaryIO | None, settings: Settings | None = None,
               skipped: Counter[str] | None = None) -> Iterator[Draft | Failure]:
    """The drafts of one input, or a Failure naming it and the reason."""
    settings = settings or Settings()
    try:
        data = read_bytes(item, stdin, settings.max_input_bytes)
        stem = item.path.stem if item.path else f"stdin-{content_hash(data)}"
        yield from drafts_from_bytes(data, name=item.name, stem=stem, suffix=item.path.suffix.lower() if item.path
                                     else "", settings=settings, skipped=skipped)
    except RashomonError as exc:
        yield Failure(item.name, exc.args[0])
    except RecursionError:  # a structure nested past what the parser can follow
        yield Failure(item.name, format_message("E021", reason="nested too deeply to parse"))


def read_bytes(item: Input, stdin: BinaryIO | None, limit: int) -> bytes:
    """The bytes of a file or of standard input, at most ``limit`` of them (an endless stream ends in
    E021, not in a full memory); E021 with the system's reason when it refuses."""
    try:
        if item.path is None:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(limit + 1)
        else:
            with item.path.open("rb") as stream:
                data = stream.read(limit + 1)
    except OSError as exc:
        raise RashomonError("E021", reason=system_reason(exc)) from None
    if len(data) > limit:
        raise RashomonError("E021", reason=f"larger than max_input_bytes ({limit:,} bytes); raise the setting "
                                           "or split the input")
    return data


# How deep archives may nest (a .zip in a .gz); what they may unpack to in all is max_input_bytes.
MAX_ARCHIVE_DEPTH = 2


def drafts_from_bytes(data: bytes, *, name: str, stem: str, suffix: str, depth: int = 0,
                      settings: Settings | None = None, skipped: Counter[str] | None = None) -> Iterator[Draft | Failure]:
    """Sniff the format of ``data`` and hand it to its reader; a WARC (plain or gzipped) gives its
    pages; a .gz or .zip is unpacked and each file in it read the same way (``archive.zip!inner/file.txt``
    names a member in messages)."""
    settings = settings or Settings()
    limit = settings.max_input_bytes
    if not data.strip():
        raise RashomonError("E023")
    if warc.is_warc(data):
        records: Counter[str] = Counter()
        yield from warc.drafts_from_warc(data, name=name, stem=stem, skipped=records)
        if skipped is not None:
            skipped.update({f"WARC record ({kind})": n for kind, n in records.items()})
        return
    kind = sniff.sniff_archive(data)
    if kind is not None:
        if depth >= MAX_ARCHIVE_DEPTH:
            raise RashomonError("E021", reason=f"archives nested more than {MAX_ARCHIVE_DEPTH} deep")
        if kind == "gzip":
            inner = Path(stem)
            yield from drafts_from_bytes(unpack_gzip(data, limit), name=name, stem=inner.stem or stem,
                                         suffix=inner.suffix.lower(), depth=depth + 1, settings=settings,
                                         skipped=skipped)
        else:
            yield from drafts_from_zip(data, name=name, depth=depth + 1, settings=settings, skipped=skipped)
        return
    if sniff.sniff_binary(data) == "pdf":
        body, title, where = pdf.read_pdf(data)
        draft = text.draft_from_text(body, article_id=stem, path=name)
        if title:
            draft.title, draft.evidence["title"] = title, where
        yield draft
        return
    content = sniff.decode_text(data)
    kind = sniff.sniff_text(content, suffix)
    if kind == "feed":
        yield from feed.drafts_from_feed(content, stem=stem, path=name)
    elif kind == "json":
        yield from jsonl.drafts_from_json(content, stem=stem, path=name, max_depth=settings.max_json_depth)
    elif kind == "jsonl":
        yield from jsonl.drafts_from_jsonl(content, stem=stem, path=name, max_depth=settings.max_json_depth)
    elif kind == "html":
        yield html.draft_from_html(content, article_id=stem, path=name)
    else:
        yield text.draft_from_text(content, article_id=stem, path=name)


def unpack_gzip(data: bytes, limit: int) -> bytes:
    """The bytes a gzip stream holds, at most ``limit`` (E021 past that or when broken)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RashomonError("E021", reason=f"broken gzip data ({exc})") from None
    if len(out) > limit:
        raise RashomonError("E021", reason=too_big(limit))
    return out


def too_big(limit: int) -> str:
    """The reason an archive is refused: it unpacks to more than max_input_bytes."""
    return f"it unpacks to more than max_input_bytes ({limit:,} bytes)"


def drafts_from_zip(data: bytes, *, name: str, depth: int, settings: Settings,
                    skipped: Counter[str] | None = None) -> Iterator[Draft | Failure]:
    """The drafts of every file of a ZIP archive (folders and hidden files skipped, in name order);
    a member that cannot be read is a Failure naming it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = sorted((m for m in archive.infolist() if not m.is_dir()
                          and not any(is_hidden(part) or part == "__MACOSX" for part in m.filename.split("/"))),
                         key=lambda m: m.filename)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise RashomonError("E021", reason=f"broken ZIP archive ({exc})") from None
    limit = settings.max_input_bytes
    if sum(m.file_size for m in members) > limit:
        raise RashomonError("E021", reason=too_big(limit))
    if not members:
        raise RashomonError("E023")
    for member in members:
        where = f"{name}!{member.filename}"
        inner = Path(member.filename)
        try:
            with archive.open(member) as stream:
                content = stream.read(limit + 1)
            if len(content) > limit:  # the sizes in the directory lied
                raise RashomonError("E021", reason=too_big(limit))
            yield from drafts_from_bytes(content, name=where, stem=inner.stem, suffix=inner.suffix.lower(),
                                         depth=depth, settings=settings, skipped=skipped)
        except RashomonError as exc:
            yield Failure(where, exc.args[0])
        except (zipfile.BadZipFile, OSError, RuntimeError, zlib.error) as exc:  # encrypted or damaged member
            yield Failure(where, format_message("E021", reason=f"cannot unpack ({exc})"))


def is_hidden(part: str) -> bool:
    """A hidden file or folder name (".DS_Store"); "." and ".." are path steps, not hidden names."""
    return part.startswith(".") and part not in (".", "..")


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


def make_unique(article_id: str, used: set[str], text: str = "") -> str:
    """``article_id``, or when another article of this run has it, ``article_id-<hash>`` with the
    first digits of the sha1 of the article's text: the same article gets the same id in every run
    whatever its place in the input (a counter would not); ``-2``, ``-3`` only for the same text twice.
    Marks the id used."""
    candidate = article_id
    if candidate in used and text:
        candidate = f"{article_id}-{content_hash(text.encode('utf-8', 'surrogatepass'))}"
    base, number = candidate, 1
    while candidate in used:
        number += 1
        candidate = f"{base}-{number}"
    used.add(candidate)
    return candidate


def content_hash(data: bytes) -> str:
    """The first hex digits of the content's sha1: a stable name for text that has none."""
    return hashlib.sha1(data).hexdigest()[:ID_HASH_CHARS]
