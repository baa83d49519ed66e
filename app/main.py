"""The FastAPI application factory."""

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from app import __version__
from app.api import api_router
from app.api.errors import register_error_handlers
from app.api.hints import explain
from app.config import get_settings
from app.explore import pages
from app.extractor import ExtractorPool
from app.http import Compression, DropBlankParams, HttpBehaviour, SecurityHeaders

GZIP_MIN_BYTES = 1000  # smaller bodies are not worth compressing
# zlib's default level, not Starlette's 9: on an export of 10,000 summits level 9 costs
# 1.4x the CPU for a CSV 0.3 % smaller, 3.5x for NDJSON 5 % smaller (#14); exports
# themselves go at the fastest level (app.http.Compression)
GZIP_LEVEL = 6

DESCRIPTION = """Meetings between national leaders, extracted from news articles.

Reads are public. `POST /articles` needs the `X-API-Key` header (the server's `API_KEY`).
Errors always look like `{"detail": [{"msg": ..., "type": ..., "loc": [...]}]}`.
"""


def _operation_id(route: APIRoute) -> str:
    """Clean SDK method names: ``summits-list``, ``summits-get``, ..."""
    if not route.tags:  # the documentation pages, left out of the schema
        return route.name
    return f"{route.tags[0]}-{route.name}"


def _admits_blank(schema: dict[str, Any]) -> bool:
    """Whether a parameter's schema already takes ``""`` (a free-text string)."""
    if schema.get("type") == "array":
        schema = schema.get("items", {})
    return any(
        option.get("type") == "string"
        and not {"format", "enum", "$ref", "minLength"} & option.keys()
        and re.search(option.get("pattern", ""), "") is not None
        for option in schema.get("anyOf", [schema])
    )


def _blank_means_absent(app: FastAPI) -> None:
    """Mark ``allowEmptyValue`` the optional query parameters whose schema refuses ``""``:
    a blank one counts as absent (``DropBlankParams``), so ``date_to=`` is valid, not a
    bad date (#13)."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        schema = build()
        for operations in schema["paths"].values():
            for operation in operations.values():
                for param in operation.get("parameters", []):
                    optional = param["in"] == "query" and not param.get("required")
                    if optional and not _admits_blank(param["schema"]):
                        param["allowEmptyValue"] = True
        return schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Own the worker processes that extract ``POST /articles`` bodies (#13): they start
    on the first article and stop with the server; and warm the explorer's first page."""
    settings = get_settings()
    app.state.extractors = ExtractorPool(
        size=settings.extract_workers, budget_s=settings.extract_timeout_seconds
    )
    try:
        async with pages.lifespan(app):
            yield
    finally:
        app.state.extractors.close()


def create_app() -> FastAPI:
    """Build the app; settings and the engine are read lazily, so tests can override them."""
    # /docs and /redoc load their scripts and styles from the installed package, so they
    # work offline and behind firewalls (FastAPI's defaults fetch them from a CDN)
    app = FastAPIOffline(
        title="summits",
        version=__version__,
        description=DESCRIPTION,
        generate_unique_id_function=_operation_id,
        lifespan=_lifespan,
    )
    register_error_handlers(app, explain=explain)
    pages.install_html_errors(app)  # after the JSON handlers, which it wraps
    app.include_router(api_router)
    _blank_means_absent(app)
    app.include_router(pages.router)  # the browser explorer (#15)
    app.mount(
        "/explore/static",
        StaticFiles(packages=[("app.explore", "static")]),
        name="explore-static",
    )
    app.add_middleware(DropBlankParams)  # innermost: routes see blanks as absent
    app.add_middleware(HttpBehaviour)
    settings = get_settings()
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=[o.strip() for o in settings.cors_origins.split(",") if o.strip()],
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=["ETag", "Link", "Server-Timing"],
        )
    app.add_middleware(SecurityHeaders)  # inside gzip: it reads the pages it secures
    app.add_middleware(Compression, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    return app
