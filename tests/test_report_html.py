"""The HTML report: rendered from a hand-built Analysis, checked as text and in headless Chromium.

The browser test opens report.html from disk in Debian's Chromium through Playwright (never
``playwright install``: it downloads a browser), checks what a reader sees, that injected script did
not run, that no request leaves the page, and keeps a screenshot in tests/artifacts/report.png.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rashomon.report.html import parse_span, render_report, write_report
from report_fixture import CONFLICT_EXPLANATION, EVIDENCE_SENTENCE, IMG, QUOTES, SCRIPT, make_analysis

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
INSTALL_TIMEOUT_S = 900


# ---------------------------------------------------------------------------------------------
# The page as text
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page_html() -> str:
    return render_report(make_analysis())


def test_every_article_text_is_escaped(page_html):
    assert "<script>window.__pwned" not in page_html
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page_html
    assert "<img src=x" not in page_html
    assert "&#34;quotes&#34; &amp; ampersands" in page_html
    assert page_html.count("<script") == 1  # ours, allowed by its hash in the CSP


def test_page_is_self_contained(page_html):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page_html)
    assert "@import" not in page_html and "url(" not in page_html
    assert "default-src 'none'" in page_html


def test_write_report_creates_the_directory(tmp_path):
    path = write_report(make_analysis(), tmp_path / "out" / "run")
    assert path.name == "report.html" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_dates_and_ranges_parse_and_vague_labels_do_not():
    assert parse_span("2024-03-08/2024-03-09")[1].day == 9
    assert parse_span("2024-03-11")[0] == parse_span("2024-03-11")[1]
    assert parse_span("in the coming days") is None and parse_span("--02-28") is None


def test_an_empty_analysis_renders():
    from rashomon.records import Analysis

    html = render_report(Analysis())
    assert "No stories were found." in html and "Every input was read." in html


# ---------------------------------------------------------------------------------------------
# The page in Chromium
# ---------------------------------------------------------------------------------------------

def chromium_or_skip() -> Path:
    """Debian's chromium; installed with apt-get when missing and possible, otherwise skip with the reason."""
    if CHROMIUM.exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        pytest.skip(f"{CHROMIUM} is absent and cannot be installed here (needs root and apt-get: "
                    "apt-get install -y chromium)")
    try:
        subprocess.run("apt-get update -qq && apt-get install -y -qq chromium", shell=True, check=True,
                       capture_output=True, timeout=INSTALL_TIMEOUT_S)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"{CHROMIUM} is absent and `apt-get install -y chromium` failed: {exc}")
    if not CHROMIUM.exists():
        pytest.skip(f"`apt-get install -y chromium` ran but {CHROMIUM} is still absent")
    return CHROMIUM


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory):
    """The report opened in headless Chromium, with the requests and dialogs it caused."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    executable = chromium_or_skip()
    path = write_report(make_analysis(), tmp_path_factory.mktemp("report"))
    requests, dialogs = [], []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri(), wait_until="load")
        yield page, path, requests, dialogs
        browser.close()


@pytest.mark.slow
def test_report_in_chromium(browser_page):
    page, path, requests, dialogs = browser_page

    # Header and story index.
    assert page.locator("#count-stories").inner_text() == "2"
    assert page.locator("#count-sources").inner_text() == "4"
    assert page.locator("#count-conflicts").inner_text() == "1"
    assert page.locator("#count-failures").inner_text() == "1"
    titles = page.locator("h2.story-title").all_inner_texts()
    assert titles == ["Foreign ministers meet in Minsk", "Grain corridor to reopen"]
    assert page.locator("nav.toc a").first.inner_text() == "Foreign ministers meet in Minsk"

    # The facet table: one column per source, every verdict coloured, the conflict explained.
    story = page.locator("article.story").first
    table = story.locator("table.facet-table")
    assert table.locator("thead th.src").count() == 3
    assert sorted(table.locator("tr.facet-row").evaluate_all("rows => rows.map(r => r.dataset.verdict)")) == \
        ["agree", "agree", "compatible", "conflict", "partial"]
    conflict = table.locator("tr.facet-row.verdict-conflict")
    assert conflict.get_attribute("data-facet") == "duration"
    colour = conflict.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    agree = table.locator("tr.verdict-agree td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert colour == "rgb(253, 224, 222)" and colour != agree
    why = table.locator("tr.why-row.verdict-conflict[data-facet=duration] td.explanation")
    assert CONFLICT_EXPLANATION in why.inner_text()  # the explanation spans the row under its facet
    assert "not stated" in table.locator("tr[data-facet=date] td").nth(2).inner_text()

    # The "show all evidence" button opens every evidence sentence.
    page.locator("#toggle-evidence").click()
    assert all(page.locator("details.ev").evaluate_all("ds => ds.map(d => d.open)"))
    page.locator("#toggle-evidence").click()
    assert not any(page.locator("details.ev").evaluate_all("ds => ds.map(d => d.open)"))

    # The evidence sentence is hidden until the reader opens it.
    place = table.locator("tr[data-facet=place] td").nth(2)
    sentence = place.locator("blockquote.evidence")
    assert not sentence.is_visible()
    place.locator("summary").click()
    assert sentence.is_visible() and sentence.inner_text() == EVIDENCE_SENTENCE
    assert place.locator("mark").inner_text() == "the Belarusian capital"
    assert "characters 120–" in place.locator(".ev-meta").inner_text()

    # Framing: the three voices are shown as badges.
    framing = story.locator("table.framing-table")
    for voice in ("own", "attributed", "distanced"):
        assert framing.locator(f".voice-{voice}").count() >= 1

    # Charts: voices as stacked bars (one per article and side), timeline points and the vague lane.
    assert story.locator("svg.voices-chart rect.voice-bar").count() == 6
    assert page.locator("article.story").nth(1).locator("svg.voices-chart rect.voice-bar").count() == 1
    assert story.locator("svg.timeline-chart g.tl-point").count() == 4
    assert story.locator("svg.timeline-chart g.tl-vague").count() == 2
    assert story.locator("svg.timeline-chart line.tl-range").count() == 1

    # People with aliases (counts), roles and merge evidence.
    marchenko = story.locator("tr.entity[data-entity=e-marchenko]")
    assert "Marchenko×5" in marchenko.locator("td.aliases").inner_text().replace(" ", "")
    assert "top diplomat" in marchenko.inner_text()
    marchenko.locator("details.merge summary").click()
    assert "transliterates" in marchenko.locator("details.merge").inner_text()

    # Injected script did not run and is shown as text; nothing left the page.
    assert dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("script").count() == 1
    assert page.get_by_text(SCRIPT).count() >= 3
    assert story.get_by_text(IMG).count() >= 1
    assert page.get_by_text(QUOTES).count() >= 1
    assert "no text layer" in page.locator("#failures").inner_text()
    assert set(requests) == {path.as_uri()}

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
