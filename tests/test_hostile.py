"""The hostile-input suite (issue 8), run in one batch: several hundred odd and hostile inputs
written for the project by ``tests/hostile.py`` (encodings, huge and empty texts, terminal escapes,
deep JSON, script in HTML, feeds, broken PDFs, archive bombs, FIFOs, link loops, odd names...).

Every input must end as an article or as one clear line, in one ``rashomon read`` over all of them
(a bounded time, a 4 GiB address-space limit): no traceback, no good article lost, every input that
must fail named on a ``failed:`` line. Then ``rashomon analyze`` of the hostile pages and feeds, and
the report opened in Chromium: no script from the inputs runs, nothing loads from the network.

The slow, case-by-case run (each input in its own process, with its own timeout and memory
measured) is ``tests/hostile_harness.py``; its figures are in docs/measurements.md.
"""

from __future__ import annotations

import os
import shutil

import pytest

import hostile
import hostile_harness as harness
from conftest import MODEL

pytestmark = [pytest.mark.model, pytest.mark.slow]

# The batch: every case that neither blocks by design (a FIFO, /dev/zero) nor is one of the big ones
# the harness gives a longer time (multi-MB texts; they are read case by case).
BATCH_TIMEOUT_S = 1500


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    os.environ["RASHOMON_MODEL"] = MODEL
    made = hostile.generate_cases(root / "cases")
    yield root, made
    harness.unlock(root)
    shutil.rmtree(root, ignore_errors=True)


def quick(made):
    return [c for c in made if c.batch and c.timeout is None]


def test_the_suite_has_hundreds_of_cases_of_every_kind(cases):
    _, made = cases
    kinds = {c.kind for c in made}
    assert len(made) >= 300 and {"encoding", "text", "json", "html", "feed", "pdf", "archive", "file"} <= kinds


def test_one_batch_of_hostile_inputs_loses_nothing_and_crashes_never(cases):
    root, made = cases
    batch = quick(made)
    result = harness.run_batch(batch, root, BATCH_TIMEOUT_S, "batch")
    assert result["verdict"] in ("exit 0", "exit 1"), (result["verdict"], result["frames"], result["stderr_tail"])
    assert result["lost"] == []
    stderr = (root / "batch.stderr").read_bytes().decode("utf-8", "replace")
    bugs = [line for line in stderr.splitlines() if any(m in line for m in harness.INTERNAL_MARKERS)]
    assert bugs == []  # a bug met on an input is that input's failure, but it is still a bug
    lines = harness.message_lines(stderr)
    unnamed = [c.name for c in batch if c.expect_failure
               and not any(any(key in line for key in harness.input_keys(c)) for line in lines)]
    assert unnamed == []  # every input that must fail has its line


@pytest.mark.skipif(not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"),
                    reason="Debian's chromium is not installed")
def test_the_report_of_hostile_pages_runs_no_script_and_loads_nothing(cases):
    root, made = cases
    # the hostile pages and the good articles: a few hundred inputs (feeds and JSONL of hundreds of
    # records written from one template would make one story of hundreds of near-copies)
    pages = [c for c in quick(made) if c.kind in ("html", "good")]
    result = harness.run_analyze(pages, root, BATCH_TIMEOUT_S)
    assert result["verdict"] in ("exit 0", "exit 1") and result["report"] and result["unsafe"] == []
    sync_api = pytest.importorskip("playwright.sync_api")
    report = root / "analyze" / "report.html"
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        requests, dialogs = [], []
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(report.as_uri(), wait_until="load")
        page.locator("#toggle-evidence").click()  # open every evidence sentence: their text is shown too
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__pwned") is None
        assert dialogs == [] and [u for u in requests if not u.startswith("file://")] == []
        browser.close()
