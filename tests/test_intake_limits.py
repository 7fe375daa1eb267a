"""Intake that never breaks (issue 8): odd files, limits, charsets, sanitising, language codes, PDF
titles. Every input ends as an Article or as one clear Failure. No model needed: these stop at
ingest. Texts are written for the project."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from rashomon.ingest import article_from_text, ingest, sniff
from rashomon.records import Article, Failure
from rashomon.settings import Settings

PROSE = ("The harbour authority closed the northern pier on Tuesday after a storm damaged its railings, "
         "a spokeswoman said. Repairs will take two weeks, and ferries will use the southern quay.\n\n"
         "Fishermen said the closure would cost them a week of landings.\n")
RUSSIAN = ("Администрация порта закрыла северный причал во вторник после того, как шторм повредил ограждение, "
           "сообщила пресс-секретарь. Ремонт займёт две недели.\n")
FRENCH = ("Le maire a annoncé mardi que le pont fermé après la crue rouvrira à la circulation en été ; les "
          "élèves prendront le bus scolaire d'ici là, a précisé la préfecture.\n")


def one(path, settings: Settings | None = None, **kwargs):
    items = list(ingest([path], settings or Settings(), **kwargs))
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


@pytest.mark.parametrize("text, codec", [(RUSSIAN * 2, "cp1251"), (RUSSIAN * 2, "koi8_r"), (FRENCH * 2, "cp1252"),
                                         (RUSSIAN, "utf-16-le"), (FRENCH, "utf-16-be"), (RUSSIAN, "utf-16"),
                                         (FRENCH, "utf-8-sig")])
def test_undeclared_charsets_are_detected(tmp_path, text, codec):
    article = one(write(tmp_path / "a.txt", text.encode(codec)))
    assert isinstance(article, Article), article
    assert text.split()[3] in article.text and "\ufffd" not in article.text


@pytest.mark.parametrize("stray", [b"\xff", b"\x93quoted\x94", b"\xd0"])  # a bad byte, cp1252 quotes, a cut letter
def test_utf8_with_a_few_stray_bytes_stays_utf8(tmp_path, stray):
    data = RUSSIAN.encode("utf-8") + stray + b" " + FRENCH.encode("utf-8")
    article = one(write(tmp_path / "a.txt", data))
    assert "Администрация" in article.text and "élèves" in article.text  # not double-decoded as cp1251
    assert article.text.count("\ufffd") <= 2


def test_a_feed_declared_in_a_legacy_charset_is_decoded_once(tmp_path):
    feed = ('<?xml version="1.0" encoding="windows-1251"?>\n<rss version="2.0"><channel><title>Портовые вести'
            '</title><item><title>Причал закрыт</title><link>https://example.org/a</link>'
            f'<description>{RUSSIAN}</description></item></channel></rss>')
    article = one(write(tmp_path / "feed.xml", feed.encode("cp1251")))
    assert article.title == "Причал закрыт" and "Администрация порта" in article.text
    assert article.source.outlet == "Портовые вести"


def test_an_empty_path_is_refused_not_read_as_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", PROSE)
    failure = one("")
    assert isinstance(failure, Failure) and "empty path" in failure.reason


def test_a_fifo_a_device_and_an_over_long_name_fail_in_one_line(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "not a regular file (a FIFO)" in one(fifo).reason  # never opened: it would wait forever
    assert "not a regular file (a device)" in one("/dev/zero").reason
    long_name = str(tmp_path / ("x" * 300 + ".txt"))
    assert "file name too long" in one(long_name).reason
    assert one(tmp_path / "missing.txt").reason == "no such file or directory"


def test_link_loops_and_dangling_links_in_a_folder(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    write(tmp_path / "a" / "pier.txt", PROSE)
    items = list(ingest([tmp_path / "a"], Settings()))
    kinds = sorted((type(i).__name__, Path(i.path if isinstance(i, Failure) else i.source.path).name) for i in items)
    assert kinds == [("Article", "pier.txt"), ("Failure", "gone.txt")]
    loop = tmp_path / "self"
    loop.symlink_to(loop)
    assert "too many levels of symbolic links" in one(loop).reason


def test_an_empty_folder_and_a_folder_of_assets_only_say_so(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "folder has no file to read (0 page asset" in one(tmp_path / "empty").reason
    (tmp_path / "page_files").mkdir()
    write(tmp_path / "page_files" / "app.js", "var x = 1;")
    skipped = Counter()
    assert "(1 page asset file(s) skipped)" in one(tmp_path, skipped=skipped).reason
    assert sum(skipped.values()) == 1


def test_inputs_are_read_up_to_max_input_bytes(tmp_path):
    settings = Settings(max_input_bytes=1000)
    assert "larger than max_input_bytes (1,000 bytes)" in one(write(tmp_path / "big.txt", PROSE * 10), settings).reason
    stdin = io.BytesIO(b"x" * 5000)  # an endless stream is cut at the limit, never read whole
    [failure] = ingest(["-"], settings, stdin=stdin)
    assert "larger than max_input_bytes" in failure.reason and stdin.tell() == 1001
    bomb = gzip.compress(b" " * 50_000)
    assert "unpacks to more than max_input_bytes" in one(write(tmp_path / "bomb.txt.gz", bomb), settings).reason


def test_json_nesting_huge_numbers_and_odd_fields(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    assert "nested more than" in one(write(tmp_path / "deep.json", deep)).reason
    assert "nested more than 3 levels" in one(write(tmp_path / "d.json", '[[[[{"text": "x"}]]]]'),
                                               Settings(max_json_depth=3)).reason
    record = {"text": PROSE, "id": "7" * 5000, "title": {"a": 1}, "language": "EN-gb", "outlet": ["x"]}
    path = write(tmp_path / "odd.json", json.dumps(record).replace('"' + "7" * 5000 + '"', "7" * 5000))
    article = one(path)
    assert isinstance(article, Article) and article.language == "en" and article.title != "{'a': 1}"
    assert len(article.id) <= 120 and "ignored: a dict" in article.evidence["title"]
    assert "an empty list" in one(write(tmp_path / "none.json", "[]")).reason


def test_prose_that_starts_with_a_bracket_or_mentions_pdf_is_text(tmp_path):
    bracket = one(write(tmp_path / "update.txt", "[Updated 10:40] " + PROSE))
    assert isinstance(bracket, Article) and "northern pier" in bracket.text
    mentions = one(write(tmp_path / "pdf.txt", "The file header %PDF-1.7 confused the clerk. " + PROSE))
    assert isinstance(mentions, Article)
    assert "invalid JSON" in one(write(tmp_path / "broken.txt", '{"text": "a", ')).reason


def test_text_is_sanitised_and_language_codes_normalised():
    article = article_from_text("The mayor\x1b[2J spoke\x00 about the \ud800 bridge on Tuesday\x9b and the road "
                                "works.", language="en-US")
    assert article.language == "en" and "\x1b" not in article.text and "\x00" not in article.text
    assert "\ud800" not in article.text and "\ufffd" in article.text and "\x9b" not in article.text
    article.text.encode("utf-8")  # every output is valid UTF-8
    unknown = article_from_text(FRENCH, language="xx")
    assert unknown.language == "fr" and "names no language" in unknown.evidence["language"]


def test_a_long_article_is_cut_at_a_paragraph_and_says_so():
    text = "".join(f"Paragraph {i} says the council met again about the bridge repairs.\n\n" for i in range(400))
    article = article_from_text(text, settings=Settings(max_article_chars=5000), language="en")
    [cut] = [r for r in article.removed if r.kind == "cut"]
    assert len(article.text) <= 5000 and article.text.rstrip().endswith("bridge repairs.")
    assert "max_article_chars=5,000" in cut.text and "cut at" in article.evidence["text"]


def test_pdf_title_from_metadata_or_the_largest_type(tmp_path):
    fpdf = pytest.importorskip("fpdf")

    def make(title: str | None) -> bytes:
        pdf = fpdf.FPDF()
        if title:
            pdf.set_title(title)
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 5, "Home | World | Sport | Sign in", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=20)
        pdf.multi_cell(0, 10, "Storm closes the northern pier", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for _ in range(4):
            pdf.multi_cell(0, 6, PROSE.replace("\n", " "), new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())

    heading = one(write(tmp_path / "print.pdf", make(None)))
    assert heading.title == "Storm closes the northern pier" and "largest type" in heading.evidence["title"]
    meta = one(write(tmp_path / "meta.pdf", make("Harbour pier shut after storm")))
    assert meta.title == "Harbour pier shut after storm" and "/Title" in meta.evidence["title"]
    junk = one(write(tmp_path / "junk.pdf", make("Microsoft Word - pier.docx")))
    assert junk.title == "Storm closes the northern pier"


def test_sniffing_utf16_without_a_bom_is_not_binary():
    assert sniff.utf16_without_bom(PROSE.encode("utf-16-le")) == "utf-16-le"
    assert sniff.utf16_without_bom(RUSSIAN.encode("utf-16-be")) == "utf-16-be"
    assert sniff.utf16_without_bom(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4) is None


def test_prose_that_starts_like_a_binary_format_or_a_feed_is_text(tmp_path):
    for name, start in (("bz", b"BZh is how the code begins. "), ("pk", b"PK\x03\x04 is how a zip begins. "),
                        ("rss", b"<rss> readers complained on Monday. "), ("rtf", b"{\\rtf of the minutes leaked. ")):
        article = one(write(tmp_path / f"{name}.txt", start + PROSE.encode("utf-8")))
        assert isinstance(article, Article) and "northern pier" in article.text, (name, article)
    assert "JPEG image" in one(write(tmp_path / "photo.txt", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)).reason


def test_pretty_printed_objects_in_a_jsonl_file_and_dot_dot_zip_members(tmp_path):
    import zipfile

    records = "\n".join(json.dumps({"text": PROSE, "id": f"r{i}"}, indent=2) for i in range(3))
    assert [a.id for a in ingest([write(tmp_path / "pretty.jsonl", records)], Settings())] == ["r0", "r1", "r2"]
    archive = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../escape.txt", PROSE)  # read (never written to disk), not skipped as hidden
        z.writestr(".hidden.txt", PROSE)
    [article] = ingest([archive], Settings())
    assert article.source.path.endswith("!../../escape.txt")
