"""The layering the code relies on (#12): the query layer does not import the web layer,
and ``app.db`` and ``app.http`` import in either order (no cycle between them).

Each check runs in a fresh interpreter, so what another test imported cannot hide it.
"""

import subprocess
import sys

import pytest

# Modules below the web layer: the loader and CLI use them without FastAPI.
QUERY_LAYER = (
    "app.analytics",
    "app.dates",
    "app.db",
    "app.errors",
    "app.export",
    "app.loader",
    "app.models",
    "app.queries",
    "app.search",
    "app.store",
)
WEB = ("fastapi", "starlette")


def _fresh(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.parametrize("module", QUERY_LAYER)
def test_query_layer_does_not_import_the_web_layer(module: str) -> None:
    result = _fresh(f"import sys, {module}; print(sorted(m for m in {WEB!r} if m in sys.modules))")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(("first", "second"), [("app.db", "app.http"), ("app.http", "app.db")])
def test_db_and_http_import_first_in_a_fresh_interpreter(first: str, second: str) -> None:
    result = _fresh(
        f"import {first}; import {second}; import app.db, app.http; "
        "print(app.http.db_seconds is app.db.db_seconds)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
