"""The HTML report: rendered from a hand-built Analysis, checked as text and in headless Chromium.

The browser tests open report.html from disk in Debian's Chromium through Playwright (never
``playwright install``: it downloads a browser), at 1440 px (a laptop) and 390 px (a phone) wide,
check what a reader sees (the summary, the table, single-source facts folded, the filters, the
evidence with the value's words marked, the cards on a phone), that injected script did not run,
that the page breaks no rule of its Content-Security-Policy and sends no request, and keep
screenshots in tests/artifacts/ (git ignores it).
"""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rashomon.dates import date_bounds
from rashomon.records import Analysis, Evidence, Facet, FacetValue
from rashomon.report.html import (make_cell_value, render_report, split_at_span, split_mark,
                                  summary_note, write_report)
from report_fixture import (CONFLICT_EXPLANATION, EVIDENCE_SENTENCE, IMG, KILLED_SENTENCE, LONG_OUTLET, QUOTES,
                            SCRIPT, TEXTS, WIDE_STORY, make_analysis)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
INSTALL_TIMEOUT_S = 900
LAPTOP, PHONE, TABLET = 1440, 390, 800  # viewport widths in CSS pixels
VIEWPORT_HEIGHT = 900
VERDICTS = {"agree", "compatible", "conflict", "single"}


# ---------------------------------------------------------------------------------------------
# The page as text
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page_html() -> str:
    return render_report(make_analysis())


def visible_text(markup: str) -> str:
    """The text of some markup, tags dropped, entities decoded, white space collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", markup)).split())


def story_html(page_html: str, story_id: str) -> str:
    """The markup of one story's <article>."""
    return re.search(rf'<article class="story"[^>]*data-story="{story_id}">(.*?)</article>', page_html, re.S).group(1)


def test_every_article_text_is_escaped(page_html):
    assert "<script>window.__pwned" not in page_html
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page_html
    assert "<img src=x" not in page_html
    assert "&#34;quotes&#34; &amp; ampersands" in page_html
    assert page_html.count("<script") == 1  # ours, allowed by its hash in the CSP
    assert SCRIPT in TEXTS["vostok-1"][-1]  # the article's own text carries the payload, shown as evidence


def test_page_is_self_contained(page_html):
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page_html)
    assert "@import" not in page_html and "url(" not in page_html
    assert "default-src 'none'" in page_html


def test_every_verdict_appears_and_single_source_facts_are_folded(page_html):
    assert set(re.findall(r'data-verdict="(\w+)"', page_html)) == VERDICTS
    for story in ("s-minsk", WIDE_STORY):
        markup = story_html(page_html, story)
        table, folded = markup.split('<details class="singles">')
        assert 'data-verdict="single"' not in table and "conflict" in table
        assert set(re.findall(r'data-verdict="(\w+)"', folded)) == {"single"}
        assert "2 facts stated by one source only" in visible_text(folded)


def test_the_summary_says_who_says_what_conflicts_first(page_html):
    fire = visible_text(story_html(page_html, WIDE_STORY).split('<section class="facets">')[0])
    assert "conflict people killed: Harbor Wire says “At least 40 (per police)”;" in fire
    assert "Coastal Times says “About 40”; Ridge Gazette says “40”;" in fire
    assert "Metro Bulletin says “more than 50 (per Hospital officials)”" in fire
    assert "Vostok Daily says “arson (denied by The plant's owner)”" in fire
    # Compatible differences briefly: the values only, the same value once.
    assert "place of the fire: “the Portmere plant” · “the eastern end of the Portmere docks, near the old grain " \
           "terminal” · “Portmere”" in fire
    assert fire.index("people killed") < fire.index("Said differently") < fire.index("place of the fire")
    minsk = visible_text(story_html(page_html, "s-minsk").split('<section class="facets">')[0])
    assert "duration of the talks: Harbor Wire says “three hours”;" in minsk
    assert "title of Pavel Sorokin: Harbor Wire says “Foreign Minister”; The Ledger" in minsk
    grain = visible_text(story_html(page_html, "s-grain"))
    assert grain.count("No facts could be lined up for this story.") == 1  # said once, no empty summary


def test_summary_notes_when_no_source_disagrees():
    def facet(verdict: str) -> Facet:
        return Facet("date", verdict, "")
    assert "agree on every fact" in summary_note([facet("agree"), facet("single")])
    assert "no source contradicts" in summary_note([facet("agree"), facet("compatible")])
    assert "nothing to disagree on" in summary_note([facet("single")])
    assert "No facts" in summary_note([])


def test_the_table_shows_coverage_stances_and_missing_sources(page_html):
    fire = story_html(page_html, WIDE_STORY)
    assert fire.count('<th scope="col" class="src"') == 2 * 7  # the table and the folded one
    killed = visible_text(re.search(r'<tr class="facet-row verdict-conflict"[^>]*data-facet="killed".*?</tr>',
                                    fire, re.S).group(0))
    assert killed.startswith("people killed")  # the label (the CSS capitalises its first letter)
    assert "6 of 7 sources" in killed and "per police" in killed and "not stated" in killed
    jobs = re.findall(r'<tr class="facet-row[^"]*"[^>]*data-facet="jobs_added".*?</tr>', fire, re.S)
    assert len(jobs) == 2  # expected and actual jobs stay two facts
    assert "expected" in visible_text(jobs[0]) and "jobs added (expected)" in visible_text(jobs[0])
    assert "denied by The plant" in visible_text(fire)


def test_filters_are_there_and_hidden_without_script(page_html):
    filters = re.findall(r'<div class="filters no-print" role="group" aria-label="Filter the facts" hidden>(.*?)</div>',
                         page_html, re.S)
    assert len(filters) == 2  # the two stories with facts
    assert 'name="conflicts"' in filters[0] and '<select name="source">' in filters[0]
    assert visible_text(filters[1]).count("Harbor Wire") == 1 and LONG_OUTLET in visible_text(filters[1])


def test_the_evidence_marks_the_values_own_words():
    analysis = make_analysis()
    facets = {(s.id, f.label): f for s in analysis.stories for f in s.facets}
    killed = next(v for v in facets[(WIDE_STORY, "people killed")].values if v.article == "hw-3")
    ev = make_cell_value(killed, {}, {}).evidence
    assert (ev.before, ev.mark) == ("", "At least 40") and ev.after.startswith(" people died")
    assert ev.before + ev.mark + ev.after == KILLED_SENTENCE
    # "40" stands in other values too: the span marks the words of this value, not the first "40".
    ridge = next(v for v in facets[(WIDE_STORY, "people killed")].values if v.article == "ridge-1")
    assert make_cell_value(ridge, {}, {}).evidence.mark == "40"
    # Without a span (or with one outside the sentence) the value is found in the sentence.
    place = next(v for v in facets[("s-minsk", "place of the talks")].values if v.article == "vostok-1")
    assert place.span is None and make_cell_value(place, {}, {}).evidence.mark == "the Belarusian capital"
    sentence = Evidence("a", "In 1940 some 40 died.", 100, 121)
    assert split_at_span(sentence, (5, 9)) is None  # before the sentence
    assert split_at_span(sentence, (113, 115)) == ("In 1940 some ", "40", " died.")
    assert split_mark(sentence.text, "40") == ("In 1940 some ", "40", " died.")  # whole words first
    assert split_mark("no such words", "40") == ("no such words", "", "")
    value = FacetValue("a", "40", evidence=sentence, span=(0, 3))
    assert make_cell_value(value, {}, {}).evidence.mark == "40"  # a bad span falls back to the text


def test_write_report_creates_the_directory(tmp_path):
    path = write_report(make_analysis(), tmp_path / "out" / "run")
    assert path.name == "report.html" and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_dates_and_ranges_parse_and_vague_labels_do_not():
    assert date_bounds("2024-03-08/2024-03-09")[1].day == 9
    assert date_bounds("2024-03-11")[0] == date_bounds("2024-03-11")[1]
    assert date_bounds("in the coming days") is None and date_bounds("--02-28") is None


def test_an_empty_analysis_renders():
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


class Opened:
    """A page of the report in Chromium, with the requests, dialogs and console errors it caused."""

    def __init__(self, browser, path: Path, width: int, script: bool = True):
        self.context = browser.new_context(viewport={"width": width, "height": VIEWPORT_HEIGHT},
                                           java_script_enabled=script)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri(), wait_until="load")

    def overflow(self) -> tuple[int, int]:
        """(page width, viewport width): the page scrolls sideways when the first is larger."""
        return tuple(self.page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]"))

    def screenshot(self, name: str, part=None) -> Path:
        """A screenshot of the whole page (or of one ``part``, a locator) kept in tests/artifacts/."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        if part is None:
            self.page.screenshot(path=str(path), full_page=True)
        else:
            part.screenshot(path=str(path))
        assert path.stat().st_size > 10_000
        return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium and the report written to disk."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extras")
    executable = chromium_or_skip()
    path = write_report(make_analysis(), tmp_path_factory.mktemp("report"))
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium, path
        chromium.close()


def visible_verdicts(story) -> list[str]:
    return story.locator("tr.facet-row:visible").evaluate_all("rows => rows.map(r => r.dataset.verdict)")


@pytest.mark.slow
def test_report_in_chromium_on_a_laptop(browser):
    opened = Opened(*browser, LAPTOP)
    page = opened.page

    # Header and story index.
    assert page.locator("#count-stories").inner_text() == "3"
    assert page.locator("#count-sources").inner_text() == "11"
    assert page.locator("#count-conflicts").inner_text() == "4"
    assert page.locator("#count-failures").inner_text() == "1"
    titles = page.locator("h2.story-title").all_inner_texts()
    assert titles == ["Foreign ministers meet in Minsk", "Fire at the Portmere plant", "Grain corridor to reopen"]

    # The summary comes first, conflicts on top, each as who says what.
    story = page.locator("article.story").first
    summary = story.locator("section.disagreements")
    assert summary.locator("ul.conflicts li").count() == 2 and summary.locator("ul.compatible li").count() == 2
    assert "Harbor Wire says “three hours”" in summary.locator("ul.conflicts li").first.inner_text()

    # The table: one column per source, one row per fact stated by two sources or more, coloured by verdict.
    table = story.locator("table.facet-table").first
    assert table.locator("thead th.src").count() == 3
    assert visible_verdicts(story) == ["agree", "compatible", "conflict", "conflict", "compatible", "agree"]
    conflict = table.locator("tr.facet-row[data-facet=duration]")
    colour = conflict.locator("td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    agree = table.locator("tr.verdict-agree td").first.evaluate("td => getComputedStyle(td).backgroundColor")
    assert colour == "rgb(251, 229, 216)" and colour != agree
    assert CONFLICT_EXPLANATION in conflict.locator("th .explanation").inner_text()
    assert "3 of 3 sources" in conflict.locator("th .coverage").inner_text()
    assert "not stated" in table.locator("tr[data-facet=date] td").nth(2).inner_text()
    assert conflict.locator("th .badge").inner_text().strip().lower().endswith("conflict")  # a word, not a colour only

    # Facts stated by one source only are folded under the table.
    singles = story.locator("details.singles")
    assert singles.get_attribute("open") is None and not singles.locator("tr.facet-row").first.is_visible()
    assert "2 facts stated by one source only" in singles.locator("> summary").inner_text()
    singles.locator("> summary").click()
    assert singles.locator("tr.facet-row[data-verdict=single]").count() == 2
    assert singles.locator("tr.facet-row").first.is_visible()

    # Click a value: its sentence opens with the value's own words marked.
    place = table.locator("tr[data-facet=place] td").nth(2)
    sentence = place.locator("blockquote.evidence")
    assert not sentence.is_visible()
    place.locator(".value-text").click()
    assert sentence.is_visible() and sentence.inner_text() == EVIDENCE_SENTENCE
    assert place.locator("mark").inner_text() == "the Belarusian capital"
    assert "characters 0–" in place.locator(".ev-meta").inner_text()
    fire = page.locator(f"article.story[data-story={WIDE_STORY}]")
    killed = fire.locator("tr.facet-row[data-facet=killed] td").first
    assert killed.locator(".stance").inner_text() == "per police"
    killed.locator(".value-text").click()
    assert killed.locator("mark").inner_text() == "At least 40"
    opened.screenshot(f"report-{LAPTOP}-evidence.png", fire.locator("section.facets"))

    # The "show all evidence" button opens every evidence sentence.
    page.locator("#toggle-evidence").click()
    assert all(page.locator("details.ev").evaluate_all("ds => ds.map(d => d.open)"))
    page.locator("#toggle-evidence").click()
    assert not any(page.locator("details.ev").evaluate_all("ds => ds.map(d => d.open)"))

    # Filters: conflicts only; one source and what the others say beside it.
    filters = story.locator(".filters")
    assert filters.is_visible()
    filters.locator("input[name=conflicts]").check()
    assert visible_verdicts(story) == ["conflict", "conflict"] and not singles.is_visible()
    assert story.locator("li.diff-item:visible").count() == 2
    filters.locator("input[name=conflicts]").uncheck()
    filters.locator("select[name=source]").select_option(label="Vostok Daily")
    assert visible_verdicts(story) == ["compatible", "conflict", "compatible", "single"]
    for row in story.locator("tr.facet-row:visible").all():
        assert row.locator("td.cell[data-col='2'] .value").count() >= 1  # it states it
        assert row.locator("td.cell").count() == 3  # and the others stay beside it
    assert story.locator("td.cell.chosen").count() >= 4
    opened.screenshot(f"report-{LAPTOP}-one-source.png", story.locator("section.facets"))
    filters.locator("input[name=conflicts]").check()
    assert visible_verdicts(story) == ["conflict"]
    filters.locator("select[name=source]").select_option(value="")
    filters.locator("input[name=conflicts]").uncheck()
    assert len(visible_verdicts(story)) == 8 and story.locator(".filter-empty").is_hidden()

    # The wide story: seven columns, the first one sticky, the page itself never wider than the window.
    wide = fire.locator("table.facet-table").first
    assert wide.locator("thead th.src").count() == 7
    assert wide.locator("th.facet-head").first.evaluate("th => getComputedStyle(th).position") == "sticky"
    width, window = opened.overflow()
    assert width <= window

    # Framing, charts, people (what reads other records) still there.
    framing = story.locator("table.framing-table")
    for voice in ("own", "attributed", "distanced"):
        assert framing.locator(f".voice-{voice}").count() >= 1
    assert story.locator("svg.voices-chart rect.voice-bar").count() == 6
    assert page.locator("article.story").nth(2).locator("svg.voices-chart rect.voice-bar").count() == 1
    assert story.locator("svg.timeline-chart g.tl-point").count() == 4
    assert story.locator("svg.timeline-chart g.tl-vague").count() == 2
    assert story.locator("svg.timeline-chart line.tl-range").count() == 1
    marchenko = story.locator("tr.entity[data-entity=e-marchenko]")
    assert "Marchenko×5" in marchenko.locator("td.aliases").inner_text().replace(" ", "")
    marchenko.locator("details.merge summary").click()
    assert "transliterates" in marchenko.locator("details.merge").inner_text()

    # Injected script did not run and is shown as text; the CSP let our script run and blocked nothing
    # else; nothing left the page.
    assert opened.dialogs == [] and page.evaluate("() => window.__pwned") is None
    assert page.locator("script").count() == 1
    assert page.get_by_text(SCRIPT).count() >= 3
    assert story.get_by_text(IMG).count() >= 1
    assert page.get_by_text(QUOTES).count() >= 1
    assert "no text layer" in page.locator("#failures").inner_text()
    assert not [e for e in opened.errors if "Content Security Policy" in e or "Refused" in e], opened.errors
    assert set(opened.requests) == {browser[1].as_uri()}

    singles.locator("> summary").click()  # folded again, as a reader first sees it
    opened.screenshot(f"report-{LAPTOP}.png")
    opened.context.close()


@pytest.mark.slow
def test_report_in_chromium_on_a_phone_draws_cards(browser):
    opened = Opened(*browser, PHONE)
    page = opened.page
    fire = page.locator(f"article.story[data-story={WIDE_STORY}]")
    table = fire.locator("table.facet-table").first
    assert table.locator("thead").evaluate("t => getComputedStyle(t).display") == "none"
    card = table.locator("tr.facet-row[data-facet=killed]")
    assert card.evaluate("tr => getComputedStyle(tr).display") == "block"
    box, page_width = card.bounding_box(), page.evaluate("() => window.innerWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= page_width
    sources = card.locator(".card-source:visible").all_inner_texts()
    assert sources[:2] == ["Harbor Wire", f'The Ledger {QUOTES}'] and len(sources) == 6
    assert "not stated in Vostok Daily" in card.locator(".card-missing").inner_text()
    assert card.locator("td.cell.not-stated").first.is_hidden()
    card.locator("td.cell").first.locator(".value-text").click()
    assert card.locator("td.cell").first.locator("mark").inner_text() == "At least 40"
    opened.screenshot(f"report-{PHONE}-card.png", card)
    width, window = opened.overflow()
    assert width <= window, f"the page is {width}px wide in a {window}px window"
    opened.screenshot(f"report-{PHONE}.png")
    opened.context.close()


@pytest.mark.slow
def test_a_wide_table_scrolls_inside_its_box_with_its_first_column_in_view(browser):
    opened = Opened(*browser, TABLET)
    page = opened.page
    fire = page.locator(f"article.story[data-story={WIDE_STORY}]")
    wrap = fire.locator(".table-wrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert fire.locator(".scroll-hint").is_visible()
    head = fire.locator("tr.facet-row th.facet-head").first
    left = head.bounding_box()["x"]
    wrap.evaluate("w => { w.scrollLeft = 400; }")
    assert abs(head.bounding_box()["x"] - left) < 1  # sticky: the fact's label stays in view
    width, window = opened.overflow()
    assert width <= window
    opened.context.close()


@pytest.mark.slow
def test_without_script_the_whole_table_shows(browser):
    opened = Opened(*browser, LAPTOP, script=False)
    story = opened.page.locator("article.story").first
    assert story.locator(".filters").is_hidden()
    assert len(visible_verdicts(story)) == 6  # every row but the folded single-source ones
    story.locator("details.singles > summary").click()
    assert len(visible_verdicts(story)) == 8
    opened.context.close()


def test_evidence_in_a_right_to_left_language_keeps_its_language_and_direction():
    from rashomon.analysis import analyze_readings
    from rashomon.api import read_articles
    from rashomon.records import Article, Source
    from rashomon.report.html import direction, render_report
    from rashomon.settings import Settings

    settings = Settings.load()
    articles = [Article("ar-1", Source(outlet="ar.example"), "محادثات في الإسكندرية", "2024-03-20", "ar",
                        "جرت المحادثات في 14 مارس 2024 في الإسكندرية. وقال الوزير كريم منصور: «ناقشنا كل المسائل معا»."),
                Article("en-1", Source(outlet="en.example"), "Talks in Alexandria", "2024-03-20", "en",
                        "Talks took place in Alexandria on March 14, 2024. Minister Karim Mansour said: "
                        "\"We discussed every question together.\"")]
    html = render_report(analyze_readings(list(read_articles(articles, settings)), [], settings))
    assert 'lang="ar" dir="rtl"' in html and 'lang="en" dir="ltr"' in html and 'dir="auto"' in html
    assert direction("AR") == "rtl" and direction("ru") == "ltr" and direction(None) == "ltr"


def test_stories_of_one_topic_link_to_each_other_and_sources_say_their_language():
    from report_fixture import make_analysis

    analysis = make_analysis()
    first, second = analysis.stories[0], analysis.stories[1]
    first.topic = second.topic = "T1"
    for other in analysis.stories[2:]:
        other.topic = f"T{other.id}"
    page = render_report(analysis)
    one, two = story_html(page, first.id), story_html(page, second.id)
    assert "Same topic:" in one and html_lib.escape(second.title, quote=False) in visible_text(one.split("Same topic:")[1])
    assert "Same topic:" in two
    assert all("Same topic:" not in story_html(page, s.id) for s in analysis.stories[2:])
    languages = {r.article.language for r in analysis.readings if r.article.id in first.articles}
    assert all(f'lang-tag">{code}<' in one for code in languages if code)
