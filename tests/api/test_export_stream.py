"""A streamed export that breaks after its first bytes ends without the terminating
chunk, so an HTTP client raises instead of taking a short body for the whole (#13).

The server is a real uvicorn on loopback (the test client would re-raise the error
itself), and the failure is real too: one stored summit cannot be read back (SQLite
text that is not UTF-8, which the driver refuses to decode; a BC date, which psycopg
refuses), and with one summit per batch it is read only after earlier batches went out."""

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app import export
from app.main import create_app

SERVER_START_S = 10.0
# What each database stores but its driver cannot read back: the CSV export reads dates
# as SQLite's text, so a malformed date there would be written, not refused (#14).
UNREADABLE = {
    "sqlite": "UPDATE summit SET context = CAST(X'FF' AS TEXT) WHERE id = :id",
    "postgresql": "UPDATE summit SET date = '0001-01-01 BC', date_start = '0001-01-01 BC', "
    "date_end = '0001-01-01 BC' WHERE id = :id",
}


@pytest.fixture
def server(engine: Engine) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="critical")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_S
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert running.started
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join()


@pytest.fixture
def unreadable_oldest(loaded: TestClient, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> int:
    """The oldest summit made unreadable; one summit per batch. Returns how many summits
    come before it."""
    monkeypatch.setattr(export, "BATCH", 1)
    with engine.begin() as connection:
        oldest = connection.execute(text("SELECT id FROM summit ORDER BY date, id")).scalar()
        connection.execute(text(UNREADABLE[engine.dialect.name]), {"id": oldest})
        total = connection.execute(text("SELECT count(*) FROM summit")).scalar_one()
    return int(total) - 1


def _read(url: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """Status and the body received, raising as the client does on a broken transfer."""
    received = b""
    with httpx.stream("GET", url, headers=headers) as response:
        for chunk in response.iter_bytes():
            received += chunk
    return response.status_code, received


@pytest.mark.parametrize("path", ["/summits.geojson", "/summits.csv", "/summits.ndjson"])
@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_an_export_that_breaks_midway_is_a_broken_transfer(
    server: str, unreadable_oldest: int, path: str, encoding: str
) -> None:
    assert unreadable_oldest >= 2  # earlier batches were sent before the failure
    with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"):
        _read(server + path, {"Accept-Encoding": encoding})


def test_the_same_export_is_whole_when_every_row_reads(server: str, loaded: TestClient) -> None:
    status, body = _read(server + "/summits.geojson", {"Accept-Encoding": "gzip"})
    assert status == 200
    collection = json.loads(body)
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 3
