"""Read replicas (#16): with DATABASE_READ_URL the read endpoints query a real streaming
replica, made with ``pg_basebackup -R`` from the test PostgreSQL, while writes go to the
primary; /health reports both."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import make_url, text

from app.config import get_settings
from app.db import get_engine, get_replica_engine, make_engine
from app.main import create_app
from tests.factories import SOCHI_A

REPLAY_TIMEOUT_S = 60  # a loaded machine may take a while to replay
HEADERS = {"X-API-Key": "test-key"}


def _pg_bin() -> Path:
    """The directory of the server's programs (Debian's layout, as scripts/ uses)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_basebackup")
    assert on_path, "pg_basebackup is not installed"
    return Path(on_path).parent


def _as_postgres(command: str) -> None:
    """Run a server program as the postgres user when we are root (it refuses root)."""
    shell = ["su", "postgres", "-s", "/bin/sh", "-c"] if os.geteuid() == 0 else ["sh", "-c"]
    subprocess.run([*shell, command], check=True, capture_output=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def streaming_replica(primary_url: str) -> Iterator[str]:
    """A hot standby of the server at ``primary_url``, streaming from it on loopback;
    yields the URL of the same database on the standby."""
    primary = make_url(primary_url)
    pg_bin, port = _pg_bin(), _free_port()
    data = Path(tempfile.mkdtemp(prefix="summits-replica-"))  # the postgres user reaches /tmp
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    options = f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
    try:
        _as_postgres(
            f"{pg_bin}/pg_basebackup -h {primary.host} -p {primary.port} "
            f"-U {primary.username} -D {data} -R -X stream -c fast"
        )
        _as_postgres(f'{pg_bin}/pg_ctl -D {data} -l {data}/server.log -w -o "{options}" start')
        yield primary.set(port=port).render_as_string(hide_password=False)
    finally:
        if (data / "postmaster.pid").exists():
            _as_postgres(f"{pg_bin}/pg_ctl -D {data} -m immediate -w stop")
        shutil.rmtree(data, ignore_errors=True)


def test_reads_come_from_the_replica_and_writes_go_to_the_primary(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("a streaming replica is PostgreSQL's")
    with streaming_replica(database_url) as replica_url:
        monkeypatch.setenv("DATABASE_URL", database_url)
        monkeypatch.setenv("DATABASE_READ_URL", replica_url)
        monkeypatch.setenv("API_KEY", "test-key")
        get_settings.cache_clear()
        get_engine.cache_clear()
        get_replica_engine.cache_clear()
        replica = make_engine(get_settings().database_read_url or "")
        try:
            with TestClient(create_app()) as client:
                health = client.get("/health")
                assert health.status_code == 200
                body = health.json()
                assert (body["status"], body["database"], body["read_database"]) == (
                    "ok",
                    "postgresql",
                    "postgresql",
                )
                assert isinstance(body["replica_lag_seconds"], float)

                with replica.connect() as connection:  # hold replay: reads must see nothing
                    assert connection.execute(text("SELECT pg_is_in_recovery()")).scalar()
                    connection.execute(text("SELECT pg_wal_replay_pause()"))
                created = client.post("/articles", json={"text": SOCHI_A}, headers=HEADERS)
                assert created.status_code == 201, created.text
                article_id = created.json()["article"]["id"]
                assert client.get(f"/articles/{article_id}").status_code == 404

                with replica.connect() as connection:
                    connection.execute(text("SELECT pg_wal_replay_resume()"))
                deadline = time.monotonic() + REPLAY_TIMEOUT_S
                read = client.get(f"/articles/{article_id}")
                while read.status_code == 404 and time.monotonic() < deadline:
                    time.sleep(0.1)
                    read = client.get(f"/articles/{article_id}")
                assert read.status_code == 200
                assert read.json()["sha256"] == created.json()["article"]["sha256"]
                assert read.json()["summit_ids"] == [s["id"] for s in created.json()["summits"]]
        finally:
            replica.dispose()
            get_replica_engine().dispose()
            get_replica_engine.cache_clear()


def test_health_is_503_when_the_replica_is_down(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("postgres"):
        pytest.skip("a streaming replica is PostgreSQL's")
    nowhere = make_url(database_url).set(port=_free_port()).render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DATABASE_READ_URL", nowhere)
    get_settings.cache_clear()
    get_engine.cache_clear()
    get_replica_engine.cache_clear()
    try:
        with TestClient(create_app()) as client:
            response = client.get("/health")
            listing = client.get("/summits")
    finally:
        get_replica_engine().dispose()
        get_replica_engine.cache_clear()
    assert response.status_code == 503
    assert response.json()["detail"] == [
        {
            "msg": "the read replica (DATABASE_READ_URL) is unavailable",
            "type": "database_unavailable",
            "loc": [],
        }
    ]
    assert listing.status_code == 503
