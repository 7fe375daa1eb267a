"""The web app and its JSON API (FastAPI), over a store.

Pages: the story list (newest, most sources, most conflicts), a story (the report's view of one
story: summary of disagreements, facts side by side with evidence, framing, voices, timeline), an
entity (aliases in every script, roles, stories, quotes), an article (clean text with its facts and
quotes marked) and search. Every page has a JSON twin with the same data: the same path with
``.json``, or ``Accept: application/json``. Every error, HTML or JSON, has one shape:
``{"error": {"status", "code", "message"}}``. The API is described at ``/openapi.json``.

Safety: article text is only ever put in pages through Jinja2's autoescape; every page carries a
Content-Security-Policy that runs no script but the report's own (by hash) and loads nothing from
elsewhere; listening beyond loopback needs a token (``check_bind``), which every request must then
send (``Authorization: Bearer``, or once as ``?token=`` in a browser, which sets a cookie).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from rashomon.messages import RashomonError
from rashomon.settings import Settings
from rashomon.store import Store
from rashomon.store import queries

TEMPLATES = Path(__file__).parent / "templates"
TOKEN_COOKIE = "rashomon_token"
DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_PAGE = 200
JSON_TYPES = {200: {"content": {"application/json": {}, "text/html": {}}}}
ERROR_CODES = {400: "bad_request", 401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
               422: "invalid_parameter", 500: "internal_error"}


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond loopback without a token (E052)."""
    if not is_loopback(host) and not token:
        raise RashomonError("E052", host=host)


def make_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app over ``store`` (or the store the settings name)."""
    settings = settings or Settings.load()
    app = FastAPI(title="rashomon", version="1", summary="One news event through every source: stories, "
                  "entities, articles and search over a rashomon store.", docs_url=None, redoc_url=None)
    app.state.store = store or Store(settings.store)
    app.state.token = settings.token
    add_security(app)
    add_errors(app)
    add_routes(app)
    return app


# ---------------------------------------------------------------------------------------------
# Security: token, headers
# ---------------------------------------------------------------------------------------------

def add_security(app: FastAPI) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next):
        token = app.state.token
        if token:
            given = request.headers.get("authorization", "")
            given = given[7:] if given.lower().startswith("bearer ") else None
            given = given or request.cookies.get(TOKEN_COOKIE)
            from_query = request.query_params.get("token")
            if not given and from_query and same(from_query, token):
                # a browser's first visit: keep the token in a cookie and drop it from the address
                query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
                return secure(response)
            if not given or not same(given, token):
                return secure(error_response(request, 401, "this server needs a token: send "
                                             "'Authorization: Bearer TOKEN' (or open ?token=TOKEN once)"))
        return secure(await call_next(request))


def same(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8", "replace"))


def secure(response: Response) -> Response:
    """The headers every response carries (a story page brings its own script's hash)."""
    policy = response.headers.get("content-security-policy") or page_policy()
    response.headers["Content-Security-Policy"] = policy
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


@lru_cache(maxsize=1)
def page_policy() -> str:
    """The app pages' policy: no script at all, our own style by hash, nothing from elsewhere."""
    return (f"default-src 'none'; style-src '{style_hash()}'; img-src data:; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


# ---------------------------------------------------------------------------------------------
# Errors: one shape
# ---------------------------------------------------------------------------------------------

def add_errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {e.get('msg', 'invalid')}" if where else e.get("msg", "invalid"))
        return error_response(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception):  # a bug: said in the same shape, never a traceback
        return error_response(request, 500, f"internal error ({exc.__class__.__name__}); please report it")


def error_response(request: Request, status: int, message: str) -> Response:
    body = {"error": {"status": status, "code": ERROR_CODES.get(status, "error"), "message": message}}
    if wants_json(request):
        return JSONResponse(body, status_code=status)
    return HTMLResponse(render("error.html.j2", title=f"{status}: {body['error']['code'].replace('_', ' ')}",
                               error=body["error"]), status_code=status)


def wants_json(request: Request, name: str = "") -> bool:
    """A JSON twin is asked for: the path ends in .json, or the client accepts JSON and not HTML."""
    if name.endswith(".json") or request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def twin(name: str) -> str:
    """A path parameter without its ``.json``."""
    return name[:-5] if name.endswith(".json") else name


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------

def add_routes(app: FastAPI) -> None:
    store: Store = app.state.store

    def page(request: Request, data: dict[str, Any], template: str, **context: Any) -> Response:
        if wants_json(request):
            return JSONResponse(data)
        return HTMLResponse(render(template, data=data, **context))

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    @app.get("/", include_in_schema=False)
    def home(request: Request):
        return stories_page(request)

    @app.get("/stories", responses=JSON_TYPES, summary="The stories, newest first (or most sources, most conflicts)")
    @app.get("/stories.json", responses=JSON_TYPES, include_in_schema=False)
    def stories_page(request: Request, order: Literal["newest", "sources", "conflicts"] = "newest",
                     limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                     offset: Annotated[int, Query(ge=0, le=10**9)] = 0):
        with store.reading() as connection:
            data = queries.story_list(connection, order, limit, offset)
        return page(request, data, "stories.html.j2", title="Stories")

    def look_up(name: str, what: str, query):
        """The record a page shows (by its id, without ``.json``), or the 404 saying what is missing."""
        with store.reading() as connection:
            found = query(connection, twin(name))
        if found is None:
            raise StarletteHTTPException(404, f"no {what} {twin(name)!r}")
        return found

    @app.get("/stories/{story_id}", responses=JSON_TYPES, summary="One story: its sources compared fact by fact")
    def story_page(request: Request, story_id: str):
        analysis = look_up(story_id, "story", queries.story_analysis)
        if wants_json(request, story_id):
            return JSONResponse(queries.story_json(analysis))
        from rashomon.report.html import render_report

        return HTMLResponse(render_report(analysis, title=analysis.stories[0].title, home="/stories",
                                          home_json=f"/stories/{quote(twin(story_id), safe='')}.json"),
                            headers={"Content-Security-Policy": report_policy()})

    @app.get("/entities/{entity_id}", responses=JSON_TYPES, summary="One entity: aliases, roles, stories, quotes")
    def entity_page(request: Request, entity_id: str):
        data = look_up(entity_id, "entity", queries.entity)
        if wants_json(request, entity_id):
            return JSONResponse(data)
        return HTMLResponse(render("entity.html.j2", title=data["entity"]["name"], data=data))

    @app.get("/articles/{article_id}", responses=JSON_TYPES, summary="One article: clean text, facts, quotes")
    def article_page(request: Request, article_id: str):
        reading, story_id = look_up(article_id, "article", queries.article)
        data = {**reading.to_json(), "story": story_id}
        if wants_json(request, article_id):
            return JSONResponse(data)
        return HTMLResponse(render("article.html.j2", title=reading.article.title or reading.article.id, data=data,
                                   segments=marked_segments(reading)))

    @app.get("/search", responses=JSON_TYPES, summary="Articles and entities matching words in any script")
    @app.get("/search.json", responses=JSON_TYPES, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=500)] = "",
                    outlet: Annotated[str | None, Query(max_length=200)] = None,
                    language: Annotated[str | None, Query(max_length=16)] = None,
                    since: Annotated[str | None, Query(pattern=DATE)] = None,
                    until: Annotated[str | None, Query(pattern=DATE)] = None,
                    entity: Annotated[str | None, Query(max_length=64)] = None,
                    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
                    offset: Annotated[int, Query(ge=0, le=10**9)] = 0):
        with store.reading() as connection:
            data = queries.search(connection, q, outlet=outlet or None, language=language or None, since=since,
                                  until=until, entity_id=entity or None, limit=limit, offset=offset)
            choices = queries.outlets(connection)
        return page(request, data, "search.html.j2", title=f"Search: {q}" if q else "Search", outlets=choices)


def marked_segments(reading) -> list[dict[str, Any]]:
    """The clean text cut where a fact or a quote starts or ends; each piece with what covers it."""
    text = reading.article.text
    marks = [("fact", f.start, f.end, f"{f.slot}: {f.value.text}") for f in reading.facts if 0 <= f.start < f.end]
    marks += [("quote", q.start, q.end, f"{q.speaker.text or 'unattributed'} ({q.kind})") for q in reading.quotes
              if 0 <= q.start < q.end]
    cuts = sorted({0, len(text), *[m[1] for m in marks], *[min(m[2], len(text)) for m in marks]})
    segments = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [m for m in marks if m[1] <= start and end <= m[2]]
        segments.append({"text": text[start:end], "kinds": sorted({m[0] for m in covering}),
                         "notes": "; ".join(m[3] for m in covering)})
    return segments


# ---------------------------------------------------------------------------------------------
# Templates and assets
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescape on for every template; undefined names are errors."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def style() -> str:
    """The app's style: the report's, and the app's own additions."""
    from rashomon.report.html import read_asset

    return read_asset("report.css") + "\n" + (TEMPLATES / "app.css").read_text(encoding="utf-8")


def style_hash() -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(style().encode("utf-8")).digest()).decode("ascii")


@lru_cache(maxsize=1)
def report_policy() -> str:
    """A story page's policy: the report's own (its script by hash), and never framed."""
    from rashomon.report.html import read_asset, script_hash

    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{script_hash(read_asset('report.js'))}'; "
            "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(style=Markup(style()), **context)
