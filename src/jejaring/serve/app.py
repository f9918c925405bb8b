"""The FastAPI application: ``create_app(settings)`` opens the store and mounts the routers.

Errors leave as JSON ``{"detail": "...", "errors": [...]}`` with a message a
person understands: invalid parameters are 422, impossible requests 400 or
409, unknown ids 404; a library error never becomes a 500.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from jejaring import __version__
from jejaring.serve.api import auth, curation, documents, entities, facts, graph, search, stats
from jejaring.serve.deps import SettingsDep, StoreDep
from jejaring.serve.schemas import Health
from jejaring.serve.web import mount_web
from jejaring.settings import Settings
from jejaring.store import curation as store_curation
from jejaring.store.db import Store, current_revision, open_store
from jejaring.store.result_cache import ResultCache
from jejaring.store.search import QueryError
from jejaring.store.users import UserError

PREFIX = "/api/v1"
ROUTERS = (search, documents, entities, facts, graph, stats, curation, auth)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The app for ``settings`` (default: from the environment); ``store`` overrides its db."""
    settings = settings or Settings()
    settings.check_secret()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = store is None
        app.state.store = store or open_store(settings.db)
        app.state.read_cache = _read_cache(app.state.store, settings)
        try:
            yield
        finally:
            if own:
                app.state.store.close()

    app = FastAPI(
        title="Jejaring",
        version=__version__,
        description="An evidence-linked knowledge graph of city diplomacy: every fact links "
        "to the sentence it came from.",
        lifespan=lifespan,
        openapi_url=f"{PREFIX}/openapi.json",
        docs_url=f"{PREFIX}/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    if store is not None:
        app.state.store = store
        app.state.read_cache = _read_cache(store, settings)
    for module in ROUTERS:
        app.include_router(module.router, prefix=PREFIX)
    app.add_api_route(
        f"{PREFIX}/health", health, methods=["GET"], response_model=Health, tags=["health"]
    )
    _error_handlers(app)
    mount_web(app)  # the web app's pages and static files, after the API
    return app


def _read_cache(store: Store, settings: Settings) -> ResultCache:
    """Quick reads are cached only where they have a connection of their own: SQLite's data
    version does not change for a connection's own writes."""
    dedicated = store.reads is not store.sessions
    return ResultCache(settings.read_cache if dedicated else 0)


def health(store: StoreDep, settings: SettingsDep) -> Health:
    """The server answers and the database is reachable; which database and schema revision."""
    return Health(status="ok", database=store.dialect, schema=current_revision(store.engine))


def _error(status: int, detail: str, errors: list | None = None) -> JSONResponse:
    return JSONResponse({"detail": detail, "errors": errors or []}, status_code=status)


def _field(location: tuple) -> str:
    return ".".join(str(part) for part in location if part not in ("query", "body", "path"))


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field(e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        summary = "; ".join(f"{e['field'] or 'request'}: {e['message']}" for e in errors[:5])
        return _error(422, f"invalid request: {summary}", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and detail == "Not Found":
            detail = "no such address in this API; see /api/v1/docs"
        if exc.status_code == 405:
            detail = "this address does not accept that method"
        return _error(exc.status_code, detail)

    @app.exception_handler(store_curation.NotFound)
    async def not_found(_: Request, exc: Exception) -> JSONResponse:
        return _error(404, str(exc))

    @app.exception_handler(store_curation.Conflict)
    async def already(_: Request, exc: Exception) -> JSONResponse:
        return _error(409, str(exc))

    @app.exception_handler(store_curation.CurationError)
    async def impossible(_: Request, exc: Exception) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(UserError)
    async def conflict(_: Request, exc: Exception) -> JSONResponse:
        return _error(409, str(exc))

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, exc: Exception) -> JSONResponse:
        return _error(400, str(exc))
