"""ingest/warc.py: web archives (WARC and .warc.gz) read with warcio, each HTML page an article.

The archives are written here with warcio's WARCWriter; the pages are written for the project
(fictional town, outlets and people).
"""

from __future__ import annotations

import gzip
import io
from collections import Counter

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.ingest import build_article, warc
from rashomon.ingest.article import Draft
from rashomon.messages import RashomonError
from rashomon.records import Failure

BRIDGE_URL = "https://www.valderbay-courier.example/news/old-mill-bridge-closed"
COUNCIL_URL = "https://news.harrowgate-post.example/politics/council-approves-tram-budget"
EMPTY_URL = "https://www.valderbay-courier.example/sections/"
CAPTURE = "2024-03-05T10:15:00Z"

BRIDGE_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Old Mill Bridge closed after inspectors find cracked beams</title>
<meta property="og:site_name" content="Valderbay Courier">
</head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article>
<h1>Old Mill Bridge closed after inspectors find cracked beams</h1>
<p>The Old Mill Bridge in Valderbay was closed to all traffic on Monday morning after engineers
found cracks in two of the steel beams that carry its eastern span.</p>
<p>County inspectors said the damage was spotted during a routine check and that the bridge would
stay shut until a full survey was finished, which could take at least three weeks.</p>
<p>About 9,000 vehicles cross the river there every day. Drivers are being sent along the Harbour
Road, a detour that adds roughly twenty minutes to the journey into town.</p>
<p>"Nobody will drive over that bridge until we are sure it is safe," said Marta Lindqvist, the
county's head of roads, at a short briefing beside the closed crossing.</p>
</article>
<footer>Valderbay Courier</footer>
</body></html>"""

COUNCIL_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Council approves tram budget by a single vote</title>
<meta property="article:published_time" content="2024-02-27T18:30:00+00:00">
</head><body>
<article>
<h1>Council approves tram budget by a single vote</h1>
<p>Harrowgate city council approved the budget for the northern tram line on Tuesday evening by
twenty-two votes to twenty-one, after a debate that ran for almost five hours.</p>
<p>The plan sets aside 140 million for the first six kilometres of track, which would link the
railway station with the hospital and the new housing estates at Corley Fields.</p>
<p>Opposition members said the costs had been underestimated and asked for an independent review,
a motion that was defeated earlier in the evening.</p>
<p>Mayor Idris Okafor called the result a turning point for the city and said building work could
start in the spring of next year if the contracts are signed on time.</p>
</article>
</body></html>"""

# A page rendered by script: an icon-only nav menu and an empty app shell, no text to extract
# (trafilatura keeps a menu of words as text, so the menu here has none).
MENU_HTML = """<!DOCTYPE html>
<html><head><title>Valderbay Courier</title></head><body>
<nav><a href="/"><img src="/logo.svg" alt=""></a><a href="/search/"><img src="/search.svg" alt=""></a></nav>
<div id="app"></div><script src="/bundle.js"></script>
</body></html>"""

NOT_FOUND_HTML = "<html><head><title>Not found</title></head><body><p>Page not found.</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def response(writer: WARCWriter, url: str, body: bytes, content_type: str | None, status: str = "200 OK"):
    headers = [("Content-Type", content_type)] if content_type else []
    http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": CAPTURE}))


def build_warc(gzipped: bool) -> bytes:
    """warcinfo, request, bridge page, image, 404, menu page, council page (records 1 to 7)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "rashomon tests"}))
    request = StatusAndHeaders("GET /news/old-mill-bridge-closed HTTP/1.1",
                               [("Host", "www.valderbay-courier.example")], is_http_request=True)
    writer.write_record(writer.create_warc_record(BRIDGE_URL, "request", payload=io.BytesIO(b""),
                                                  http_headers=request))
    response(writer, BRIDGE_URL, BRIDGE_HTML.encode(), "text/html; charset=utf-8")
    response(writer, "https://www.valderbay-courier.example/img/bridge.png", PNG, "image/png")
    response(writer, "https://www.valderbay-courier.example/missing", NOT_FOUND_HTML.encode(), "text/html",
             status="404 Not Found")
    response(writer, EMPTY_URL, MENU_HTML.encode(), "text/html")
    response(writer, COUNCIL_URL, COUNCIL_HTML.encode(), "text/html; charset=utf-8")
    return out.getvalue()


@pytest.fixture(params=[False, True], ids=["warc", "warc.gz"])
def archive(request) -> bytes:
    return build_warc(request.param)


def read(data: bytes, skipped: Counter | None = None) -> list[Draft | Failure]:
    return list(warc.drafts_from_warc(data, name="crawl.warc.gz", stem="crawl.warc", skipped=skipped))


def drafts(items) -> list[Draft]:
    return [item for item in items if isinstance(item, Draft)]


def test_two_articles_with_urls_dates_titles_and_text(archive):
    items = read(archive)
    bridge, council = drafts(items)
    assert (bridge.url, council.url) == (BRIDGE_URL, COUNCIL_URL)
    assert bridge.evidence["url"] == "warc: WARC-Target-URI"
    assert bridge.published == "2024-03-05"  # the page has no date: the capture date
    assert bridge.evidence["published"] == f"warc: capture date WARC-Date {CAPTURE}"
    assert council.published == "2024-02-27"  # article:published_time wins
    assert bridge.title == "Old Mill Bridge closed after inspectors find cracked beams"
    assert council.title == "Council approves tram budget by a single vote"
    assert "found cracks in two of the steel beams" in " ".join(bridge.text.split())
    assert "twenty-two votes to twenty-one" in " ".join(council.text.split())
    assert (bridge.id, council.id) == ("crawl-1", "crawl-3")  # 1-based among the 2xx HTML responses
    assert bridge.path == "crawl.warc.gz"


def test_articles_build(archive):
    bridge, council = (build_article(d) for d in drafts(read(archive)))
    assert (bridge.source.url, bridge.title, bridge.published) == (
        BRIDGE_URL, "Old Mill Bridge closed after inspectors find cracked beams", "2024-03-05")
    assert (council.source.url, council.published) == (COUNCIL_URL, "2024-02-27")
    # the page names no host: the outlet is the target URL's (".example" is no public suffix, so
    # the whole host name stands)
    assert council.source.outlet == "news.harrowgate-post.example"
    assert council.evidence["outlet"] == f"warc: host of WARC-Target-URI {COUNCIL_URL}"
    assert "Harbour Road" in bridge.text


def test_page_without_article_text_is_a_failure_naming_the_record(archive):
    failures = [item for item in read(archive) if isinstance(item, Failure)]
    assert len(failures) == 1
    assert failures[0].path == f"crawl.warc.gz#6 {EMPTY_URL}"
    assert "no article text" in failures[0].reason


def test_skipped_records_are_counted(archive):
    skipped: Counter = Counter()
    read(archive, skipped)
    assert skipped == Counter({"warcinfo": 1, "request": 1, "image/png response": 1, "HTTP 404 response": 1})
    assert warc.describe_skipped(skipped) == (
        "4 WARC records skipped: 1 HTTP 404 response, 1 image/png response, 1 request, 1 warcinfo")


def test_whole_file_gzip_reads_like_per_record_gzip():
    items = read(gzip.compress(build_warc(False)))
    assert [d.url for d in drafts(items)] == [BRIDGE_URL, COUNCIL_URL]


def test_cut_short_archive_keeps_the_articles_before_the_break(archive):
    items = read(archive[:-60])  # inside the last record (the council page)
    assert [d.url for d in drafts(items)] == [BRIDGE_URL]
    assert isinstance(items[-1], Failure) and items[-1].path == "crawl.warc.gz#7"
    assert "broken WARC archive at record 7" in items[-1].reason


def test_archive_broken_in_its_first_record_raises(archive):
    with pytest.raises(RashomonError) as raised:
        read(archive[:40])
    assert raised.value.code == "E021" and "broken WARC archive" in str(raised.value)


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_any_truncation_or_corruption_gives_a_rashomon_error_or_failure(gzipped):
    data = build_warc(gzipped)
    step = max(1, len(data) // 40)
    variants = [data[:cut] for cut in range(1, len(data), step)]
    variants += [data[:cut] + b"\x00garbage\r\n" * 3 + data[cut + 30:] for cut in range(0, len(data), step * 3)]
    for variant in variants:
        try:
            items = read(variant)
        except RashomonError as exc:
            assert exc.code == "E021"
            continue
        assert all(isinstance(item, Draft | Failure) for item in items)


def test_archive_without_html_raises_naming_what_it_holds():
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "rashomon tests"}))
    response(writer, "https://www.valderbay-courier.example/img/bridge.png", PNG, "image/png")
    with pytest.raises(RashomonError, match=r"no HTML response \(1 image/png response, 1 warcinfo\)"):
        read(out.getvalue())


def test_untyped_html_is_sniffed_and_charset_is_honoured():
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    response(writer, BRIDGE_URL, BRIDGE_HTML.encode(), None)
    page = COUNCIL_HTML.replace("utf-8", "iso-8859-1").replace("Mayor Idris Okafor", "Mayor Zoë Ferrán")
    response(writer, COUNCIL_URL, page.encode("latin-1"), "text/html; charset=ISO-8859-1")
    response(writer, "https://www.valderbay-courier.example/data.bin", b"\x01\x02 binary", None)
    skipped: Counter = Counter()
    bridge, council = read(out.getvalue(), skipped)
    assert bridge.url == BRIDGE_URL and "Zoë Ferrán" in council.text
    assert skipped == Counter({"untyped response": 1})


def test_page_over_the_limit_is_a_failure(monkeypatch, archive):
    monkeypatch.setattr(warc, "MAX_RECORD_BYTES", 600)  # both articles are bigger, the menu page is not
    items = read(archive)
    assert [d.url for d in drafts(items)] == []
    too_big = [f for f in items if isinstance(f, Failure) and "larger than" in f.reason]
    assert [f.path for f in too_big] == [f"crawl.warc.gz#3 {BRIDGE_URL}", f"crawl.warc.gz#7 {COUNCIL_URL}"]


def test_is_warc():
    assert warc.is_warc(build_warc(False))
    assert warc.is_warc(build_warc(True))
    assert warc.is_warc(gzip.compress(build_warc(False)))
    assert not warc.is_warc(gzip.compress(b"The council met on Tuesday.\n" * 200))
    assert not warc.is_warc(BRIDGE_HTML.encode())
    assert not warc.is_warc(b"")
    assert not warc.is_warc(b"\x1f\x8b not really gzip")


def test_record_longer_than_its_content_length_is_a_failure_and_reading_goes_on(capsys):
    data = build_warc(False)
    length = len(BRIDGE_HTML.encode()) + len(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")
    assert f"Content-Length: {length}\r\n".encode() in data
    data = data.replace(f"Content-Length: {length}\r\n".encode(), f"Content-Length: {length - 4}\r\n".encode(), 1)
    items = read(data)
    assert [d.url for d in drafts(items)] == [BRIDGE_URL, COUNCIL_URL]
    assert any(isinstance(f, Failure) and f.path == "crawl.warc.gz#3" and "Content-Length" in f.reason for f in items)
    assert capsys.readouterr().err == ""  # warcio's own warning is silenced
