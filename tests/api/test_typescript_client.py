"""A TypeScript client generated from the live /openapi.json compiles under --strict and
reads the real server (#12): openapi-typescript for the types, openapi-fetch for calls.

Needs node, npx and ``npm ci`` in tests/ts_client; skipped without them, except in CI,
which sets REQUIRE_TS_CLIENT=1 so a missing toolchain fails instead."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

TS_CLIENT = ROOT / "tests" / "ts_client"
PROJECT_FILES = ("package.json", "tsconfig.json", "client.ts")
STEP_SECONDS = 300  # one generate, compile or run step on a busy 2-core machine


def _missing_toolchain() -> str | None:
    """Why the client cannot be built here, or None."""
    if not (shutil.which("node") and shutil.which("npx")):
        return "node and npx are not installed (Debian: apt-get install nodejs npm)"
    if not (TS_CLIENT / "node_modules" / "openapi-typescript").is_dir():
        return "the client's packages are not installed (npm ci in tests/ts_client)"
    return None


@pytest.fixture
def ts_project(tmp_path: Path) -> Path:
    """A copy of tests/ts_client using its installed packages, so runs leave no files."""
    missing = _missing_toolchain()
    if missing and os.environ.get("REQUIRE_TS_CLIENT"):
        pytest.fail(f"REQUIRE_TS_CLIENT is set but {missing}")
    if missing:
        pytest.skip(missing)
    for name in PROJECT_FILES:
        shutil.copy(TS_CLIENT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(TS_CLIENT / "node_modules")
    return tmp_path


def _run(args: list[str], cwd: Path) -> str:
    result = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=STEP_SECONDS,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, f"{args[:3]}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


# SQLite only: the schema and the answers are the same on PostgreSQL (test_sdk runs both)
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_typescript_client_lists_summits_and_reads_a_facet(ts_project: Path, server: str) -> None:
    spec = f"{server}/openapi.json"
    _run(["npx", "--no-install", "openapi-typescript", spec, "-o", "schema.d.ts"], ts_project)
    _run(
        ["npx", "--no-install", "tsc", "-p", "tsconfig.json", "--strict", "--noEmit", "false"],
        ts_project,
    )
    lines = _run(["node", "out/client.js", server], ts_project).splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "count": 2,
            "next": None,
            "dates": ["2022", "2023-11-16"],
            "cities": ["Tokyo", "San Francisco"],
            "participants": [["Fumio Kishida", "Joe Biden"], ["Fumio Kishida", "Yoon Suk Yeol"]],
        },
        {
            "facet": "issue",
            "top": [["defense", 2], ["international-order", 2], ["missiles", 2]],
            "missiles": 2,
        },
        {"detail": ["The Asia Business Daily"], "missing": [404, "not_found"]},
        {
            "type": "FeatureCollection",
            "points": [
                ["San Francisco", [-122.41942, 37.77493]],
                ["Tokyo", [139.69171, 35.6895]],
            ],
        },
    ]
