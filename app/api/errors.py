"""The one handler that turns every error into JSON.

Every error uses FastAPI's validation envelope, ``{"detail": [{"msg", "type", "loc"}]}``,
so clients parse one shape for 404, 405, 401, 413, 503 and 422 alike.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException

from app.errors import AppError

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE when statement_timeout fires
# (SQLite's progress handler ends a read past its budget with "interrupted")
RETRY_AFTER_S = 2  # what a 503 for a busy pool asks clients to wait

# Error types of the HTTP errors routing raises itself, by status.
HTTP_ERROR_TYPES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
}

# Rewrites a validation error's message into one that says what to send (None: keep it).
Explain = Callable[[Mapping[str, Any]], str | None]


def error_body(msg: str, code: str, loc: tuple[str | int, ...]) -> dict[str, object]:
    """The shared error envelope."""
    return {"detail": [{"msg": msg, "type": code, "loc": list(loc)}]}


def validation_items(
    errors: Sequence[Mapping[str, Any]], explain: Explain | None = None
) -> list[dict[str, Any]]:
    """Pydantic's errors in the documented shape only: no ``input``, ``ctx`` or ``url``."""
    return [
        {
            "msg": (explain(error) if explain else None) or error["msg"],
            "type": error["type"],
            "loc": list(error["loc"]),
        }
        for error in errors
    ]


def describe_invalid(err: ValidationError) -> str:
    """Pydantic's errors as one line, each with its field, without the library's
    ``str()`` decoration (input echo, errors.pydantic.dev links with its version) (#13)."""
    return "; ".join(
        f"{'.'.join(map(str, error['loc']))}: {error['msg']}" if error["loc"] else error["msg"]
        for error in err.errors(include_url=False, include_input=False)
    )


def _http_error_body(request: Request, exc: HTTPException) -> dict[str, object]:
    """Routing's own 404 and 405 (and any other HTTP error) in the shared envelope."""
    code = HTTP_ERROR_TYPES.get(exc.status_code, "http_error")
    if exc.status_code == 404:
        return error_body(f"no such path: {request.url.path}", code, ("path",))
    if exc.status_code == 405:
        allowed = ", ".join(allowed_methods(request, exc))
        msg = f"{request.method} is not allowed on {request.url.path}; use {allowed}"
        return error_body(msg, code, ("method",))
    return error_body(str(exc.detail), code, ())


def allowed_methods(request: Request, exc: HTTPException) -> list[str]:
    """Every method the API takes on this path: routing names only its first route's,
    so ``GET /articles`` would hide ``POST /articles``. Read from the OpenAPI paths."""
    methods: set[str] = set()
    for template, operations in request.app.openapi()["paths"].items():
        pattern = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            methods |= {method.upper() for method in operations}
    if not methods:  # a route outside the schema (/docs)
        methods = {m.strip() for m in (exc.headers or {}).get("Allow", "").split(",") if m}
    return sorted(methods - {"HEAD"})


def register_error_handlers(app: FastAPI, *, explain: Explain | None = None) -> None:
    """Install the handlers for our errors, routing's, validation's and a lost database's;
    ``explain`` gives validation errors messages that say what to send."""

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": validation_items(exc.errors(), explain)}, status_code=422)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405 and request.method == "OPTIONS":
            # OPTIONS asks which methods a path takes: answer it, listing them (#13)
            methods = [*allowed_methods(request, exc), "OPTIONS"]
            return Response(status_code=204, headers={"Allow": ", ".join(methods)})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request, exc))
        return JSONResponse(
            _http_error_body(request, exc), status_code=exc.status_code, headers=headers or None
        )

    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        headers = {"WWW-Authenticate": "ApiKey"} if exc.status_code == 401 else None
        return JSONResponse(
            error_body(exc.msg, exc.code, exc.loc), status_code=exc.status_code, headers=headers
        )

    @app.exception_handler(PoolTimeout)
    async def _pool_exhausted(_request: Request, _exc: PoolTimeout) -> JSONResponse:
        # every connection is busy: a client may try again shortly (#13)
        return JSONResponse(
            error_body("the server is busy: try again shortly", "server_busy", ()),
            status_code=503,
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )

    @app.exception_handler(OperationalError)
    async def _db_down(_request: Request, exc: OperationalError) -> JSONResponse:
        if getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED or str(exc.orig) == "interrupted":
            return JSONResponse(
                error_body(
                    "the query took too long and was cancelled: narrow the filters",
                    "query_timeout",
                    (),
                ),
                status_code=503,
                headers={"Retry-After": str(RETRY_AFTER_S)},
            )
        return JSONResponse(
            error_body("the database is unavailable", "database_unavailable", ()),
            status_code=503,
        )
