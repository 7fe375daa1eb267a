"""The web app and JSON API (rashomon.serve) over a store of the demo corpus: every page and its
JSON twin, one error shape, the token beyond loopback, escaping and the Content-Security-Policy,
fuzzing from the OpenAPI description (schemathesis), and the pages in headless Chromium."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rashomon.ingest import article_from_text
from rashomon.messages import RashomonError
from rashomon.settings import Settings
from rashomon.serve import check_bind, is_loopback, make_app
from rashomon.store import Store
from rashomon.store.add import add_readings

pytestmark = pytest.mark.model
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SETTINGS = Settings.load(env={}, topics=False)
HOSTILE_TITLE = '<script>alert("x")</script> Flood & "fire" in Brill'


@pytest.fixture(scope="module")
def served(tmp_path_factory, demo_readings, nlp):
    """A store of the demo corpus plus one article whose title and text carry markup."""
    import rashomon

    hostile = article_from_text("A dam broke above Brill on Monday. <img src=x onerror=alert(1)> "
                                "Officials said 12 people were missing.", id="hostile", title=HOSTILE_TITLE,
                                outlet="brill.example", published="2023-04-03")
    store = Store(tmp_path_factory.mktemp("serve") / "store.db")
    add_readings(store, [*demo_readings, rashomon.read(hostile, SETTINGS)], SETTINGS)
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(served):
    return TestClient(make_app(SETTINGS, store=served))


def first_ids(client) -> dict[str, str]:
    stories = client.get("/stories.json?order=conflicts").json()["stories"]
    story = client.get(f"/stories/{stories[0]['id']}.json").json()
    person = next(e for e in story["entities"] if e["type"] == "PERSON")
    return {"story": stories[0]["id"], "entity": person["id"], "article": story["articles"][0]["id"]}


def test_every_page_has_a_json_twin_with_the_same_data(client):
    ids = first_ids(client)
    pages = ["/stories", "/stories?order=sources", f"/stories/{ids['story']}", f"/entities/{ids['entity']}",
             f"/articles/{ids['article']}", "/search?q=Varna"]
    for path in pages:
        html = client.get(path)
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html"), path
        base, _, query = path.partition("?")
        twin = client.get(f"{base}.json" + (f"?{query}" if query else ""))
        accept = client.get(path, headers={"Accept": "application/json"})
        assert twin.status_code == 200 and twin.headers["content-type"] == "application/json", path
        assert accept.json() == twin.json(), path
    listing = client.get("/stories.json?order=conflicts").json()
    assert listing["total"] >= 5
    conflicts = [s["n_conflicts"] for s in listing["stories"]]
    assert conflicts == sorted(conflicts, reverse=True) and conflicts[0] > 0
    story = client.get(f"/stories/{ids['story']}.json").json()
    assert [s["id"] for s in story["stories"]] == [ids["story"]]
    assert any(f["verdict"] == "conflict" for f in story["stories"][0]["facets"])
    page = client.get(f"/stories/{ids['story']}").text
    assert story["stories"][0]["title"].split()[0] in page
    entity = client.get(f"/entities/{ids['entity']}.json").json()
    assert entity["stories"] and entity["entity"]["aliases"]
    article = client.get(f"/articles/{ids['article']}.json").json()
    assert article["story"] == ids["story"] and article["text"]


def test_an_entity_of_many_articles_shows_its_newest_stories_and_quotes(client, monkeypatch):
    """The entity page of a name across the archive lists its newest stories and its mentions, roles
    and quotes in its newest articles, and says how many there are in all (limits lowered to the
    demo's size); its names stay counted over every article."""
    from rashomon.store import queries

    busiest = max(client.get("/stories.json").json()["stories"], key=lambda s: s["n_articles"])
    story = client.get(f"/stories/{busiest['id']}.json").json()
    entity_id = max((e for e in story["entities"]), key=lambda e: len({m["article"] for m in e["mentions"]}))["id"]
    whole = client.get(f"/entities/{entity_id}.json").json()
    assert len(whole["articles"]) == whole["articles_total"] == whole["quotes_from"] >= 2
    monkeypatch.setattr(queries, "ENTITY_ARTICLES", 1)
    monkeypatch.setattr(queries, "ENTITY_STORIES", 0)
    capped = client.get(f"/entities/{entity_id}.json").json()
    assert capped["quotes_from"] == 1 and capped["stories"] == [] and capped["stories_total"] == whole["stories_total"]
    [newest] = capped["articles"]
    assert capped["articles_total"] == whole["articles_total"] and newest in whole["articles"]
    assert {m["article"] for m in capped["entity"]["mentions"]} == {newest} != {m["article"] for m in whole["entity"]["mentions"]}
    assert {q["article"] for q in capped["quotes"]} <= {newest}
    assert capped["entity"]["aliases"] == whole["entity"]["aliases"]
    page = client.get(f"/entities/{entity_id}").text
    assert f"from its newest 1 of {whole['articles_total']} articles" in page
    assert f"The newest 0 of {whole['stories_total']} stories." in page


def test_search_filters_and_finds_across_scripts(client):
    latin = client.get("/search.json?q=Varna").json()
    assert {"en", "ru", "de"} <= {a["language"] for a in latin["articles"]}
    assert client.get("/search.json?q=Варна").json()["total"] == latin["total"]
    assert {a["language"] for a in client.get("/search.json?q=Varna&language=de").json()["articles"]} == {"de"}
    entity = latin["entities"][0]["id"]
    named = client.get(f"/search.json?entity={entity}").json()
    assert named["total"] >= 3 and named["filters"]["entity"] == entity


def test_errors_have_one_shape(client):
    for path, status in (("/stories/nope.json", 404), ("/entities/nope.json", 404), ("/articles/nope.json", 404),
                         ("/stories.json?limit=0", 422), ("/search.json?since=yesterday", 422),
                         ("/stories.json?order=worst", 422), ("/nowhere.json", 404)):
        response = client.get(path)
        assert response.status_code == status, path
        error = response.json()["error"]
        assert error["status"] == status and error["code"] and error["message"], path
    html = client.get("/stories/nope")
    assert html.status_code == 404 and "no story" in html.text and html.headers["content-type"].startswith("text/html")
    assert client.post("/stories.json").json()["error"]["status"] == 405


def test_article_text_is_escaped_and_pages_run_no_foreign_script(client):
    hits = client.get("/search.json?q=Brill dam").json()["articles"]
    assert [a["id"] for a in hits] == ["hostile"]
    for path in ("/articles/hostile", "/search?q=Brill", f"/stories/{hits[0]['story_id']}"):
        response = client.get(path)
        assert "<script>alert" not in response.text and "<img src=x" not in response.text, path
        assert "&lt;script&gt;" in response.text or "&lt;img" in response.text, path
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-eval" not in policy and "script-src 'unsafe-inline'" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"


def test_a_token_is_required_beyond_loopback(served):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.8.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")
    with pytest.raises(RashomonError) as caught:
        check_bind("0.0.0.0", None)
    assert caught.value.code == "E052"
    check_bind("0.0.0.0", "s3cret")
    check_bind("127.0.0.1", None)
    guarded = TestClient(make_app(Settings.load(env={}, token="s3cret"), store=served))
    refused = guarded.get("/stories.json")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    assert guarded.get("/stories.json", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/openapi.json").status_code == 401
    assert guarded.get("/stories.json", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    first = guarded.get("/stories?token=s3cret&order=sources", follow_redirects=False)
    assert first.status_code == 303 and "token" not in first.headers["location"]
    assert guarded.get(first.headers["location"]).status_code == 200  # the cookie now carries it


def test_cli_refuses_to_serve_beyond_loopback_without_a_token(tmp_path):
    from typer.testing import CliRunner

    from rashomon.cli import app

    result = CliRunner().invoke(app, ["serve", "--store", str(tmp_path / "s.db"), "--host", "0.0.0.0"],
                                env={"RASHOMON_TOKEN": ""})
    assert result.exit_code == 2 and "E052" in result.output


def test_fuzzing_the_api_finds_no_server_error(served):
    """schemathesis generates requests from /openapi.json (valid and invalid parameters) and checks
    that none gets a 5xx answer."""
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import not_a_server_error

    app = make_app(SETTINGS, store=served)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/stories", "/stories/{story_id}", "/entities/{entity_id}",
                                              "/articles/{article_id}", "/search"}
    calls = []
    for operation in operations:
        strategy = operation.as_strategy()

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @__import__("hypothesis").given(case=strategy)
        def check(case):
            response = case.call()
            calls.append(response.status_code)
            case.validate_response(response, checks=(not_a_server_error,))

        check()
    assert len(calls) >= 100 and not [c for c in calls if c >= 500]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_pages_in_chromium(served):
    """A real server, a real browser: each page shows what it should at 1440 and 390 px, no console
    error but the expected 404, no script blocked by the policy; screenshots in tests/artifacts."""
    import uvicorn

    from test_report_html import CHROMIUM_ARGS, chromium_or_skip

    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(make_app(SETTINGS, store=served), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    client = TestClient(make_app(SETTINGS, store=served))
    ids = first_ids(client)
    pages = {"stories": ("/stories?order=conflicts", "table.list-table"),
             "story": (f"/stories/{ids['story']}", "table.facet-table"),
             "entity": (f"/entities/{ids['entity']}", "ul.aliases li"),
             "article": (f"/articles/{ids['article']}", "article.clean-text mark"),
             "search": ("/search?q=Varna", "ul.hits li")}
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
            for width in (1440, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                errors: list[str] = []
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                for name, (path, selector) in pages.items():
                    response = page.goto(base + path)
                    assert response.status == 200, path
                    assert page.locator(selector).count() > 0, (path, selector)
                    page.screenshot(path=str(ARTIFACTS / f"serve-{name}-{width}.png"))
                    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                    assert overflow <= 1, (path, width, overflow)  # wide tables scroll inside their box
                if width == 1440:  # the story page's own script runs (its filter buttons work)
                    page.goto(base + f"/stories/{ids['story']}")
                    assert page.locator("table.facet-table tr.facet-row").count() > 0
                assert errors == [], errors
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
