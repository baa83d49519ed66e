"""The FastAPI application factory."""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from app import __version__
from app.api import api_router
from app.api.hints import explain
from app.config import get_settings
from app.errors import register_error_handlers
from app.explore import pages
from app.http import DropBlankParams, HttpBehaviour

GZIP_MIN_BYTES = 1000  # smaller bodies are not worth compressing

DESCRIPTION = """Meetings between national leaders, extracted from news articles.

Reads are public. `POST /articles` needs the `X-API-Key` header (the server's `API_KEY`).
Errors always look like `{"detail": [{"msg": ..., "type": ..., "loc": [...]}]}`.
"""


def _operation_id(route: APIRoute) -> str:
    """Clean SDK method names: ``summits-list``, ``summits-get``, ..."""
    if not route.tags:  # the documentation pages, left out of the schema
        return route.name
    return f"{route.tags[0]}-{route.name}"


def create_app() -> FastAPI:
    """Build the app; settings and the engine are read lazily, so tests can override them."""
    # /docs and /redoc load their scripts and styles from the installed package, so they
    # work offline and behind firewalls (FastAPI's defaults fetch them from a CDN)
    app = FastAPIOffline(
        title="summits",
        version=__version__,
        description=DESCRIPTION,
        generate_unique_id_function=_operation_id,
        lifespan=pages.lifespan,
    )
    register_error_handlers(app, explain=explain)
    pages.install_html_errors(app)  # after the JSON handlers, which it wraps
    app.include_router(api_router)
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
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    return app
