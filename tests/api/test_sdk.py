"""A Python SDK generated from /openapi.json drives the real server over HTTP."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.db import make_engine
from app.loader import load_articles
from tests.conftest import SEEDS

GENERATOR = shutil.which("openapi-python-client") or str(
    Path(sys.executable).with_name("openapi-python-client")
)
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def server(database_url: str) -> Iterator[str]:
    """uvicorn serving the app on loopback over a database holding the seeds."""
    engine = make_engine(Settings(database_url=database_url).database_url)
    assert load_articles(engine=engine, paths=[SEEDS], max_bytes=1_000_000).new == 2
    engine.dispose()
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.skipif(not Path(GENERATOR).exists(), reason="openapi-python-client not installed")
def test_generated_client_lists_summits_with_filters(server: str, tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(httpx.get(f"{server}/openapi.json").json()))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(tmp_path / "summits_sdk"),
            "--meta",
            "none",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        from summits_sdk.api.summits import summits_get, summits_list  # type: ignore[import-not-found]
        from summits_sdk.client import Client  # type: ignore[import-not-found]
        from summits_sdk.models import IssueSlug, SummitSort  # type: ignore[import-not-found]

        client = Client(base_url=server)
        page = summits_list.sync(
            client=client,
            participant=["Kishida"],
            issue=[IssueSlug("missiles")],
            sort=SummitSort("date"),
        )
        assert page.count == 2
        assert [s.date_text for s in page.data] == ["2022", "2023-11-16"]
        detail = summits_get.sync(client=client, summit_id=page.data[1].id)
        assert [p.name for p in detail.participants] == ["Fumio Kishida", "Yoon Suk Yeol"]
        missing = summits_get.sync(client=client, summit_id=9999)
        assert missing.detail[0].type_ == "not_found"
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("summits_sdk")]:
            del sys.modules[name]
