"""A client over a database holding the seeds and a few articles written for the tests,
and a real server over the seeds for generated clients."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import Settings
from app.db import make_engine
from app.loader import load_articles
from tests.conftest import SEEDS
from tests.factories import NO_SUMMIT, PHONE_CALL, SOCHI_A, write

STARTUP_SECONDS = 60


@pytest.fixture
def loaded(client: TestClient, engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """Seeds (Biden-Kishida 2022, Kishida-Yoon 2023), Putin-Erdogan, a Biden-Xi call, no-summit."""
    extra = [
        write(tmp_path, "sochi.txt", SOCHI_A),
        write(tmp_path, "call.txt", PHONE_CALL),
        write(tmp_path, "ministers.txt", NO_SUMMIT),
    ]
    report = load_articles(engine=engine, paths=[SEEDS, *extra], max_bytes=1_000_000)
    assert report.ok and report.new == 5
    yield client


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
