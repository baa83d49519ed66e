"""HTTP behaviour shared by every route: ETags and 304s, Cache-Control, Server-Timing,
security headers, and blank query parameters treated as absent.

The ETag of a GET is derived from the data's last change (every write adds an article)
and the request, so a client revalidating an unchanged list gets a 304 without the
query running at all.
"""

import base64
import hashlib
import re
import sqlite3
import time
from urllib.parse import unquote_plus

from fastapi import Request, Response
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware, GZipResponder
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import get_settings
from app.db import VERSION_QUERY, DataVersion, data_versions, db_seconds, get_read_engine

__all__ = ["VERSION_QUERY", "data_version"]  # the explorer's caches key on VERSION_QUERY

BLANK_PARAMS_STATE = "blank_params"  # request state: names whose blank values were dropped
UNCACHED_PATHS = ("/health", "/docs", "/redoc", "/openapi.json")
ETAG_LENGTH = 24
# Every script of an HTML page is ours: same-origin files, or an inline one allowed by its
# hash. Styles may be inline (ReDoc and Swagger UI set them from script), images may be
# data: URIs (Swagger UI's icons), and ReDoc's search runs in a blob: worker (#13).
CSP_BASE = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def versions() -> DataVersion:
    """The data version of the database reads come from (the replica when there is one)."""
    return data_versions(get_read_engine())


def data_version() -> str:
    """A token that changes whenever anything is stored (that reads can see: on the
    replica when there is one)."""
    return versions().read()


def _etag(version: str, request: Request) -> str:
    key = f"{version}|{request.url}|{request.headers.get('accept', '')}"
    return 'W/"' + hashlib.sha256(key.encode()).hexdigest()[:ETAG_LENGTH] + '"'


class HttpBehaviour:
    """Pure ASGI middleware (so responses keep their length for gzip): ETag and 304 for
    GETs, Cache-Control, and Server-Timing on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        started = time.perf_counter()
        holder = [0.0]
        db_seconds.set(holder)
        etag = None
        if request.method == "GET" and not request.url.path.startswith(UNCACHED_PATHS):
            try:
                current = versions()
                version = current.known()
                if version is None:
                    version = await run_in_threadpool(current.read)
                etag = _etag(version, request)
            except (SQLAlchemyError, sqlite3.Error):
                etag = None  # the route itself reports the outage
            if etag and etag in request.headers.get("if-none-match", ""):
                await Response(status_code=304, headers=_cache_headers(etag))(scope, receive, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if etag and message["status"] == 200:
                    headers.update(_cache_headers(etag))
                total = (time.perf_counter() - started) * 1000
                headers["Server-Timing"] = (
                    f'db;dur={holder[0] * 1000:.1f};desc="database", app;dur={total:.1f}'
                )
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cache_headers(etag: str) -> dict[str, str]:
    return {"ETag": etag, "Cache-Control": f"public, max-age={get_settings().cache_max_age}"}


def content_security_policy(html: str) -> str:
    """The page's policy: its own files, and its inline scripts by their SHA-256."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    ]
    sources = " ".join(["'self'", *hashes])
    return f"{CSP_BASE}; script-src {sources}"


class SecurityHeaders:
    """Pure ASGI middleware: ``X-Content-Type-Options: nosniff`` on every response, and on
    HTML pages (the documentation and the explorer: small, never streamed) a Content-Security-Policy
    that allows nothing from elsewhere (#13). An HTML page is held until its body is whole,
    as its inline scripts' hashes go in the header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def send_secured(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if not headers.get("content-type", "").startswith("text/html"):
                    await send(message)
                    return
                start = message  # sent with the policy once the page is whole
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            page = b"".join(body)
            policy = content_security_policy(page.decode("utf-8", "replace"))
            MutableHeaders(scope=start)["Content-Security-Policy"] = policy
            await send(start)
            await send({"type": "http.response.body", "body": page, "more_body": False})

        await self.app(scope, receive, send_secured)


class DropBlankParams:
    """Pure ASGI middleware: a query parameter sent blank (``participant=``, ``q=%20``) is
    treated as absent, as dashboards send blanks for unset filters (#12). The names go in
    the request state, so an unknown one is still reported."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            kept, blank = split_blank_params(scope["query_string"])
            if blank:
                scope = {**scope, "query_string": kept}
                scope.setdefault("state", {})
                scope["state"] = {**scope["state"], BLANK_PARAMS_STATE: blank}
        await self.app(scope, receive, send)


def split_blank_params(query_string: bytes) -> tuple[bytes, list[str]]:
    """The query string without its blank parameters, and their names. Kept pairs keep
    their raw bytes, so URLs built from the request (ETags, Link) stay as sent."""
    kept: list[bytes] = []
    blank: list[str] = []
    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        if not pair:
            continue
        if unquote_plus(value.decode("latin-1")).strip():
            kept.append(pair)
        else:
            blank.append(unquote_plus(name.decode("latin-1")))
    return b"&".join(kept), blank


# Exports stream megabytes where a page is kilobytes: zlib's fastest level costs a third
# of the CPU of its default on a 10,000-summit CSV for a body about 20 % larger (#14)
EXPORT_MEDIA_TYPES = frozenset({"text/csv", "application/x-ndjson", "application/geo+json"})
EXPORT_GZIP_LEVEL = 1


class _ExportAwareGZip(GZipResponder):
    async def send_with_compression(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            media_type = Headers(raw=message.get("headers", [])).get("content-type", "")
            if media_type.partition(";")[0].strip().lower() in EXPORT_MEDIA_TYPES:
                self.compresslevel = EXPORT_GZIP_LEVEL  # before the compressor is made
        await super().send_with_compression(message)


class Compression(GZipMiddleware):
    """Starlette's gzip, at the fastest level for streamed exports and ``compresslevel``
    for everything else."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "gzip" not in Headers(scope=scope).get("Accept-Encoding", ""):
            await super().__call__(scope, receive, send)
            return
        responder = _ExportAwareGZip(
            self.app,
            self.minimum_size,
            compresslevel=self.compresslevel,
            thread_minimum_size=self.thread_minimum_size,
            exclude_content_types=self.exclude_content_types,
        )
        await responder(scope, receive, send)
