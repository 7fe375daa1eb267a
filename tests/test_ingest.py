"""ingest(): formats told from content, one Article or Failure per input, ids, stdin, settings.

Every fixture here is written for the project (fictional outlets, people and places).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from rashomon.ingest import article_from_text, ingest
from rashomon.records import Article, Failure
from rashomon.settings import Settings

HEADER = "5/4/19, 9:41 AM    Harbor Deal Signed | The Northwind Ledger"
FOOTER_URL = "https://www.northwindledger.example/2017/01/09/ferry-strike-ends"


@pytest.fixture()
def ingest_dir(data_dir) -> Path:
    return data_dir / "ingest"


def run(*inputs, **kwargs) -> list[Article | Failure]:
    return list(ingest([str(i) for i in inputs], **kwargs))


def only_article(items) -> Article:
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def make_pdf(path: Path) -> Path:
    """Two printed pages: a print header and a footer URL with page number on each, and a sentence
    that runs from page 1 onto page 2."""
    from fpdf import FPDF

    class Printed(FPDF):
        def header(self):
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, FOOTER_URL)
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")

    pdf = Printed()
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, "Harbor Deal Signed After a Long Night in Carrow")
    pdf.ln(2)
    pdf.multi_cell(0, 6, "May 4, 2019")
    pdf.ln(2)
    filler = ("Negotiators from Velmora and Ostrand met again in the customs hall of Carrow on Friday, "
              "and the talks went on through the night with only short breaks for the delegations. ")
    for _ in range(6):
        pdf.multi_cell(0, 6, filler * 2)
        pdf.ln(3)
    pdf.multi_cell(0, 6, "The agreement was welcomed by the fishing unions of both countries, whose members had")
    pdf.add_page()
    pdf.multi_cell(0, 6, "blockaded the port for eleven days in March.")
    pdf.ln(3)
    pdf.multi_cell(0, 6, "Both parliaments will vote on the text in June.")
    pdf.output(str(path))
    return path


# --- formats ------------------------------------------------------------------------------------

def test_plain_text_print(ingest_dir):
    article = only_article(run(ingest_dir / "ledger_print.txt"))
    assert article.id == "ledger_print"
    assert article.title == "Velmora and Ostrand Sign Harbor Deal After All-Night Session"
    assert article.published == "2021-03-03"
    assert article.source.outlet == "northwindledger.example"
    assert article.source.path.endswith("ledger_print.txt")
    assert article.language == "en"
    assert article.evidence["published"] == "dateline: 3 March 2021"
    assert article.evidence["outlet"].startswith("url in text: https://www.northwindledger.example/")
    assert "special committee of both parliaments must still approve" in article.text


def test_html_with_og_metadata_and_related_box(ingest_dir):
    article = only_article(run(ingest_dir / "harbor_wire.html"))
    assert article.title == "Carrow dockworkers end strike after pay deal"
    assert article.published == "2021-03-09"
    assert article.source.url == "https://www.harborwire.example/2021/03/09/carrow-dockworkers-end-strike"
    assert article.source.outlet == "harborwire.example"
    assert "walk out over night shifts" not in article.text  # the related-links box
    assert article.text.startswith("Dockworkers in Carrow voted")  # the title is not body text
    assert "Shipping agents expect the backlog" in article.text
    assert "html metadata" in article.evidence["published"]


def test_outlet_map_applies_last(ingest_dir):
    settings = Settings(outlet_map={"harborwire.example": "The Harbor Wire"})
    article = only_article(run(ingest_dir / "harbor_wire.html", settings=settings))
    assert article.source.outlet == "The Harbor Wire"
    assert article.evidence["outlet"].startswith("outlet_map: harborwire.example")
    by_name = Settings(outlet_map={"carrow courier": "Courier (Carrow)"})
    assert only_article(run(ingest_dir / "saved_page.txt", settings=by_name)).source.outlet == "Courier (Carrow)"


def test_txt_file_holding_html_is_read_as_html(ingest_dir):
    article = only_article(run(ingest_dir / "saved_page.txt"))
    assert article.title == "Ferry timetable changes announced"
    assert "<p>" not in article.text and "<html>" not in article.original
    assert article.text.count("\n") == 1  # two paragraphs, not unwrapped into one
    assert article.source.outlet == "Carrow Courier"


def test_json_list(ingest_dir):
    items = run(ingest_dir / "briefs.json")
    first, second, third = items
    assert first.id == "courier-ferries" and first.title == "Ferry fares frozen"
    assert first.published == "2021-04-02" and first.source.outlet == "Carrow Courier"
    assert first.source.url == "https://carrowcourier.example/news/ferry-fares-frozen"
    assert first.text.startswith("The ferry operator")  # the repeated title line is taken out
    assert second.id == "briefs-2" and second.published is None
    assert isinstance(third, Failure) and third.path.endswith("briefs.json#3")
    assert "no non-empty \"text\"" in third.reason


def test_jsonl_with_a_bad_line(ingest_dir):
    items = run(ingest_dir / "feed.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Article"]
    good, bad, last = items
    assert good.id == "lw-1" and good.published == "2021-04-12" and good.source.outlet == "Ledger Weekly"
    assert bad.path.endswith("feed.jsonl:2") and bad.reason.startswith("invalid JSON")
    assert last.id == "feed-4"  # <stem>-<line number>
    # the article's own URL may date it and name its outlet
    assert last.published == "2021-04-14" and last.source.outlet == "ledgerweekly.example"


def test_single_json_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"text": "The Mell town council approved a new harbor fee on Monday evening."}))
    article = only_article(run(path))
    assert article.id == "one"


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"text": "Carrow",\n "title": }\n')
    failure = run(path)[0]
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("invalid JSON") and "line 2" in failure.reason


def test_pdf_two_pages(tmp_path):
    article = only_article(run(make_pdf(tmp_path / "printed.pdf")))
    assert article.title == "Harbor Deal Signed After a Long Night in Carrow"
    assert article.published == "2019-05-04"  # the dateline, not the footer URL's 2017-01-09
    assert article.source.outlet == "northwindledger.example"
    assert ("whose members had blockaded the port for eleven days in March." in article.text)
    assert HEADER not in article.text and "ferry-strike-ends" not in article.text
    kinds = [r.kind for r in article.removed]
    assert kinds.count("header") == 2 and kinds.count("footer") == 2
    assert "Both parliaments will vote on the text in June." in article.text


def test_pdf_without_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)  # a drawing, no text: what a scan looks like to a text extractor
    pdf.output(str(tmp_path / "scan.pdf"))
    failure = run(tmp_path / "scan.pdf")[0]
    assert isinstance(failure, Failure) and "no extractable text" in failure.reason


def test_broken_pdf(tmp_path):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not a pdf body")
    failure = run(tmp_path / "broken.pdf")[0]
    assert isinstance(failure, Failure) and ("cannot be parsed" in failure.reason or "no extractable" in failure.reason)


# --- directories, failures, stdin ---------------------------------------------------------------

def test_directory_sorted_recursive_with_failures(tmp_path, ingest_dir):
    (tmp_path / "b_story.txt").write_text((ingest_dir / "wire_scrape.txt").read_text())
    (tmp_path / "a_empty.txt").write_text("  \n")
    (tmp_path / "c_scan.tif").write_bytes(b"II*\x00" + b"\x00" * 16)
    (tmp_path / "c_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # an asset: skipped, counted
    (tmp_path / ".hidden.txt").write_text("Carrow harbor news that nobody should read.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d_note.txt").write_text("The Mell ferry will not sail on Sunday because of the storm.")
    items = run(tmp_path, tmp_path / "missing.txt")
    names = [Path(i.path if isinstance(i, Failure) else i.source.path).name for i in items]
    assert names == ["a_empty.txt", "b_story.txt", "c_scan.tif", "d_note.txt", "missing.txt"]
    empty, story, png, note, missing = items
    assert isinstance(empty, Failure) and empty.reason.startswith("empty")
    assert isinstance(story, Article) and story.id == "b_story"
    assert isinstance(png, Failure) and "TIFF image" in png.reason
    assert isinstance(note, Article) and note.id == "d_note"
    assert isinstance(missing, Failure) and missing.reason == "no such file or directory"


def test_stdin():
    data = "The Mell harbor master said on Monday that the channel would reopen on Wednesday.".encode()
    article = only_article(run("-", stdin=io.BytesIO(data)))
    assert article.id.startswith("stdin-") and len(article.id) == len("stdin-") + 8
    assert article.source.path == "-"


def test_ids_unique_within_a_run_and_stable_across_runs(ingest_dir, tmp_path):
    """A taken id gets the hash of the article's text, not a counter that depends on what came before."""
    items = run(ingest_dir / "wire_scrape.txt", ingest_dir / "wire_scrape.txt", ingest_dir / "wire_scrape.txt")
    hashed = items[1].id
    assert items[0].id == "wire_scrape" and hashed.startswith("wire_scrape-") and len(hashed) == len("wire_scrape") + 9
    assert [a.id for a in items[1:]] == [hashed, hashed + "-2"]  # the same text a third time: a counter
    other = tmp_path / "other"
    other.mkdir()
    (other / "wire_scrape.txt").write_text("Ferry crews return\n\nCrews of the ferry line returned to work in "
                                           "Varna on Tuesday after a three-day strike.\n", encoding="utf-8")
    first = [a.id for a in run(other / "wire_scrape.txt", ingest_dir / "wire_scrape.txt")]
    second = [a.id for a in run(ingest_dir / "wire_scrape.txt", other / "wire_scrape.txt")]
    assert first[1] == hashed and second[1] != hashed and second[1].startswith("wire_scrape-")


def test_nothing_left_after_cleaning_is_a_failure(tmp_path):
    (tmp_path / "links.txt").write_text("https://www.harborwire.example/a\n\nShare this article\n")
    failure = run(tmp_path / "links.txt")[0]
    assert isinstance(failure, Failure) and "no body text left" in failure.reason


def test_ingest_is_a_generator(ingest_dir):
    stream = ingest([str(ingest_dir / "wire_scrape.txt")])
    assert iter(stream) is stream


# --- article_from_text --------------------------------------------------------------------------

def test_article_from_text_given_values_win():
    text = "Quota Talks Resume in Mell\n\nOfficials from Velmora and Ostrand resumed quota talks on Wednesday."
    article = article_from_text(text, title="Quota Talks Resume in Mell", published="2021-04-14",
                                outlet="Ledger Weekly", url="https://ledgerweekly.example/2021/04/14/quota")
    assert article.title == "Quota Talks Resume in Mell" and article.text.startswith("Officials")
    assert article.published == "2021-04-14" and article.source.outlet == "Ledger Weekly"
    assert article.id.startswith("text-")


def test_article_from_text_short_text_gets_default_language():
    article = article_from_text("Oui, merci.", settings=Settings(default_language="fr"))
    assert article.language == "fr" and article.text == "Oui, merci."


def test_sniff_from_content_not_name():
    from rashomon.ingest import sniff
    from rashomon.messages import RashomonError

    assert sniff.sniff_binary(b"\n%PDF-1.7 ...") == "pdf"
    assert sniff.sniff_text('{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff.sniff_text('[{"text": "a"}]') == "json"
    assert sniff.sniff_text("<div><p>Carrow</p><p>Mell</p><br><a href='x'>y</a></div>") == "html"
    assert sniff.sniff_text("The <b>council</b> met.") == "text"
    with pytest.raises(RashomonError, match="JPEG image"):
        sniff.sniff_binary(b"\xff\xd8\xff\xe0 jpeg")
    assert sniff.decode_text("Caf\xe9 in Mell\r\n".encode("cp1252")) == "Café in Mell\n"


# --- feeds -------------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Wire</title><link>https://harbourwire.example</link><language>en-US</language>
<item><title>Ferry strike ends in Varna</title><link>https://harbourwire.example/a1</link>
<pubDate>Tue, 14 Mar 2023 09:00:00 GMT</pubDate><description>Crews return.</description>
<content:encoded><![CDATA[<p>Crews of the Black Sea ferry line returned to work in Varna on Tuesday after a
three-day strike over unpaid wages.</p><p>The union said the talks with the owners went well.</p>]]></content:encoded></item>
<item><title>Port fees rise in April</title><link>https://harbourwire.example/a2</link>
<pubDate>Wed, 15 Mar 2023 10:00:00 GMT</pubDate>
<description>The port authority said on Wednesday that fees for cargo ships will rise by five percent.</description></item>
<item><title>Photo gallery</title><link>https://harbourwire.example/a3</link></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay Daily</title><id>urn:quay</id><updated>2023-03-16T08:00:00Z</updated>
<entry><title>Tug crews back the strike</title><id>urn:quay:1</id><link href="https://quay.example/tug"/>
<updated>2023-03-16T08:00:00Z</updated><content type="html">&lt;p&gt;Tug crews in Burgas said on Thursday that
they back the ferry strike.&lt;/p&gt;</content></entry>
</feed>
"""


def test_an_rss_feed_is_one_article_per_entry_and_a_summary_is_marked(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    items = list(ingest([path], Settings.load()))
    first, second, empty = items
    assert isinstance(first, Article) and first.title == "Ferry strike ends in Varna"
    assert first.source.url == "https://harbourwire.example/a1" and first.source.outlet == "Harbour Wire"
    assert first.published == "2023-03-14" and first.language == "en" and first.evidence["text"] == "feed content"
    assert "unpaid wages.\nThe union said" in first.text  # the content's paragraphs, not the summary
    assert second.text.startswith("The port authority") and second.evidence["text"].startswith("feed summary")
    assert isinstance(empty, Failure) and "entry 3: Photo gallery" in empty.path and "no text" in empty.reason


def test_atom_and_json_feeds(tmp_path):
    (tmp_path / "quay.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "feed.json").write_text(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Pier Notes", "language": "de-DE",
        "items": [{"id": "1", "url": "https://pier.example/1", "title": "Streik im Hafen",
                   "content_text": "Die Fährleute in Warna streiken seit Montag.", "date_published": "2023-03-13T07:00:00Z"},
                  "not an item"]}), encoding="utf-8")
    items = list(ingest([tmp_path], Settings.load()))
    json_item, bad, atom = items  # sorted by path: feed.json, then quay.atom
    assert atom.title == "Tug crews back the strike" and atom.source.url == "https://quay.example/tug"
    assert atom.published == "2023-03-16" and atom.source.outlet == "Quay Daily" and "Burgas" in atom.text
    assert json_item.language == "de" and json_item.published == "2023-03-13" and json_item.title == "Streik im Hafen"
    assert isinstance(bad, Failure) and "item 2" in bad.path


# --- archives ----------------------------------------------------------------------------------------

ARTICLE_TEXT = ("Ferry crews return to work\n\nCrews of the Black Sea ferry line returned to work in Varna on Tuesday "
                "after a three-day strike over unpaid wages, the union said.\n")


def test_a_gzipped_file_is_read_as_the_format_it_holds(tmp_path):
    import gzip

    records = [{"id": f"g{n}", "title": f"Story {n}", "text": ARTICLE_TEXT} for n in (1, 2)]
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in records).encode()))
    assert [a.id for a in ingest([path], Settings.load())] == ["g1", "g2"]
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    [failure] = ingest([broken], Settings.load())
    assert isinstance(failure, Failure) and "gzip" in failure.reason


def test_a_zip_is_read_member_by_member_and_an_office_document_is_named(tmp_path):
    import zipfile

    path = tmp_path / "pages.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("pages/a_strike.txt", ARTICLE_TEXT)
        archive.writestr("pages/b_photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
        archive.writestr("pages/.hidden.txt", ARTICLE_TEXT)
        archive.writestr("__MACOSX/pages/._a_strike.txt", b"\x00\x05")
    article, image = ingest([path], Settings.load())
    assert isinstance(article, Article) and article.id == "a_strike" and article.source.path.endswith("!pages/a_strike.txt")
    assert isinstance(image, Failure) and image.path.endswith("!pages/b_photo.png") and "PNG" in image.reason
    docx = tmp_path / "memo.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    [refused] = ingest([docx], Settings.load())
    assert isinstance(refused, Failure) and "office document" in refused.reason


def test_a_folder_of_saved_pages_skips_and_counts_their_assets(tmp_path):
    from collections import Counter

    from rashomon.ingest import PAGE_ASSET

    page = "<html><head><title>Ferry crews return</title></head><body><article><p>" + ARTICLE_TEXT + "</p></article></body></html>"
    (tmp_path / "Ferry crews return.html").write_text(page, encoding="utf-8")
    assets = tmp_path / "Ferry crews return_files"
    assets.mkdir()
    for name in ("app.js", "style.css", "logo.png", "font.woff2", "frame.html"):
        (assets / name).write_text("x = 1;" if name.endswith(".js") else "<p>embed</p>", encoding="utf-8")
    (tmp_path / "notes.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    skipped = Counter()
    items = list(ingest([tmp_path], Settings.load(), skipped=skipped))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]  # the page and the notes, no asset
    assert skipped == {PAGE_ASSET: 5}
    [named] = ingest([assets / "app.js"], Settings.load())  # a file given by name is always read
    assert isinstance(named, (Article, Failure))
