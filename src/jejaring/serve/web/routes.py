"""Page routes: each renders a template shell in the reader's language.

A page's data comes from the JSON API, read by the page's JavaScript module;
these routes only pick the language, fill in the page's parameters and set
headers that keep every script and style on this server (no CDN).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from jejaring.serve.web import i18n

STATIC_DIR = i18n.SERVE / "static"
API_BASE = "/api/v1"
ONE_YEAR = 365 * 24 * 3600
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

router = APIRouter(include_in_schema=False)


def mount_web(app: FastAPI) -> None:
    """Add the pages and the static files (CSS, JS, vendored libraries) to ``app``."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")


def render(request: Request, template: str, page: str, **context: Any) -> HTMLResponse:
    """Render ``template`` in the request's language, with what every page needs."""
    language = i18n.choose_language(
        request.cookies.get(i18n.COOKIE), request.headers.get("accept-language")
    )
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    body = (
        i18n.environment(language)
        .get_template(template)
        .render(lang=language, page=page, here=here, api_base=API_BASE, **context)
    )
    response = HTMLResponse(body)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    return render(request, "search.html", "search", query=request.query_params.get("q", ""))


@router.get("/documents/{document_id:path}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str) -> HTMLResponse:
    return render(request, "document.html", "document", document_id=document_id)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: int) -> HTMLResponse:
    return render(request, "entity.html", "entity", entity_id=entity_id)


@router.get("/relations/new", response_class=HTMLResponse)
def new_relation_page(request: Request) -> HTMLResponse:
    """The form for a fact added by hand; ``?subject=`` or ``?object=`` start it from an entity."""
    return render(request, "add_fact.html", "add_fact")


@router.get("/relations/{fact_id}", response_class=HTMLResponse)
def relation_page(request: Request, fact_id: int) -> HTMLResponse:
    return render(request, "fact.html", "fact", fact_kind="relation", fact_id=fact_id)


@router.get("/events/{fact_id}", response_class=HTMLResponse)
def event_page(request: Request, fact_id: int) -> HTMLResponse:
    return render(request, "fact.html", "fact", fact_kind="event", fact_id=fact_id)


def _plain_page(name: str):
    """A page with no parameters of its own: everything it shows comes from its module."""

    def page(request: Request) -> HTMLResponse:
        return render(request, f"{name}.html", name)

    page.__name__ = f"{name}_page"
    return page


for _name in ("graph", "map", "dashboard", "review"):
    router.add_api_route(
        f"/{_name}", _plain_page(_name), methods=["GET"], response_class=HTMLResponse
    )


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(
        request, "login.html", "login", next_url=local_path(request.query_params.get("next"))
    )


@router.get("/language")
def set_language(
    set_: str = Query(
        alias="set", pattern="^(id|en)$", description="Interface language: id or en."
    ),
    next_: str | None = Query(default=None, alias="next", description="Page to return to."),
) -> RedirectResponse:
    """Remember the chosen interface language in a cookie and go back to the page."""
    response = RedirectResponse(local_path(next_), status_code=303)
    response.set_cookie(i18n.COOKIE, set_, max_age=ONE_YEAR, samesite="lax")
    return response


def local_path(target: str | None) -> str:
    """``target`` when it is a path on this site, else ``/`` (no open redirects)."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target
