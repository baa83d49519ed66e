"""HTTP behaviour: ETag and 304, Cache-Control, CORS, gzip, Server-Timing, and the schema."""

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate
from sqlalchemy import event, text

from app import queries
from app.config import Settings, get_settings
from app.db import POSTGRES_OPTIONS, get_engine, make_engine, read_session
from app.http import versions
from app.loader import load_articles
from app.main import create_app
from app.synth import article_texts
from tests.factories import NO_SUMMIT, write


def test_etag_and_not_modified(loaded: TestClient) -> None:
    first = loaded.get("/summits?issue=missiles")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "public, max-age=60"
    again = loaded.get("/summits?issue=missiles", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = loaded.get("/summits?issue=trade")
    assert other.headers["etag"] != etag


def test_etag_changes_when_data_changes(loaded: TestClient) -> None:
    etag = loaded.get("/summits").headers["etag"]
    created = loaded.post(
        "/articles",
        json={"id": "new", "text": NO_SUMMIT + "\nA fresh line."},
        headers={"X-API-Key": "test-key"},
    )
    assert created.status_code == 201
    fresh = loaded.get("/summits", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert fresh.headers["etag"] != etag


def _write_elsewhere(database_url: str, folder: Path, name: str) -> None:
    """Store an article through connections of their own, as another server process or a
    ``summits load`` would."""
    other = make_engine(Settings(database_url=database_url).database_url)
    try:
        article = write(folder, f"{name}.txt", f"{NO_SUMMIT}\nA line of {name}.")
        assert load_articles(engine=other, paths=[article], max_bytes=1_000_000).new == 1
    finally:
        other.dispose()


@contextmanager
def _statements() -> Iterator[list[str]]:
    """The SQL the app's engine runs inside the block."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(get_engine(), "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(get_engine(), "before_cursor_execute", record)


def test_etag_after_a_write_by_another_process(
    loaded: TestClient, settings_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ETAG_MAX_LAG_SECONDS", "3600")
    get_settings.cache_clear()
    etag = loaded.get("/summits").headers["etag"]
    _write_elsewhere(settings_env, tmp_path, "elsewhere")
    later = loaded.get("/summits", headers={"If-None-Match": etag})
    # SQLite sees another connection's commit at once; PostgreSQL within the lag (#14)
    assert later.status_code == (200 if settings_env.startswith("sqlite") else 304)
    created = loaded.post(
        "/articles",
        json={"id": "here", "text": NO_SUMMIT + "\nA line stored here."},
        headers={"X-API-Key": "test-key"},
    )
    assert created.status_code == 201
    assert loaded.get("/summits", headers={"If-None-Match": etag}).status_code == 200


def test_etag_with_no_lag_sees_another_process_at_once(
    loaded: TestClient, settings_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ETAG_MAX_LAG_SECONDS", "0")
    get_settings.cache_clear()
    etag = loaded.get("/summits").headers["etag"]
    _write_elsewhere(settings_env, tmp_path, "elsewhere")
    fresh = loaded.get("/summits", headers={"If-None-Match": etag})
    assert fresh.status_code == 200
    assert fresh.headers["etag"] != etag


def test_a_repeated_get_runs_only_its_own_queries(loaded: TestClient) -> None:
    assert loaded.get("/summits/1").status_code == 200
    with _statements() as seen:
        again = loaded.get("/summits/1")
    assert again.status_code == 200
    assert seen  # the route's own queries
    # no data-version query for the ETag, no per-transaction SET of the read budget (#14)
    assert [s for s in seen if "max(id)" in s or s.lstrip().upper().startswith("SET")] == []


def _thread_hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions sent to worker threads from now on."""
    hops: list[str] = []
    run_sync = anyio.to_thread.run_sync

    async def counted(function: Any, *args: Any, **kwargs: Any) -> Any:
        hops.append(getattr(function, "func", function).__name__)  # unwrap a partial
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
    return hops


@pytest.mark.parametrize(("summit_id", "status"), [(1, 200), (999_999, 404)])
def test_one_summit_costs_one_thread_hop(
    loaded: TestClient, monkeypatch: pytest.MonkeyPatch, summit_id: int, status: int
) -> None:
    assert loaded.get("/summits/1").status_code == 200  # the ETag's data version is known
    # PostgreSQL's version is re-read (a hop of its own) once ETAG_MAX_LAG_SECONDS have
    # passed; a slow machine can take that long between two requests, not what this counts
    monkeypatch.setattr(versions(), "_max_lag", 3600.0)
    hops = _thread_hops(monkeypatch)
    assert loaded.get(f"/summits/{summit_id}").status_code == status
    # was four: the query guard, the session's opening and closing, and the route (#14)
    assert hops == ["summit_body"]


def test_the_summit_query_is_built_once(
    loaded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert loaded.get("/summits/1").status_code == 200
    built: list[object] = []
    build = queries._plain_select
    monkeypatch.setattr(
        queries, "_plain_select", lambda *extra: built.append(extra) or build(*extra)
    )
    assert loaded.get("/summits/2").json()["id"] == 2
    assert built == []  # building it cost more than running it (#14)


@pytest.mark.parametrize(("pre_ping", "first_status"), [("false", 503), ("true", 404)])
def test_a_connection_lost_while_pooled(
    settings_env: str, monkeypatch: pytest.MonkeyPatch, pre_ping: str, first_status: int
) -> None:
    if not settings_env.startswith("postgres"):
        pytest.skip("a server-side disconnect needs a database server")
    monkeypatch.setenv("DB_PRE_PING", pre_ping)
    get_settings.cache_clear()
    get_engine.cache_clear()
    with TestClient(create_app()) as client:
        assert client.get("/summits/1").status_code == 404
        other = make_engine(Settings(database_url=settings_env).database_url)
        with other.begin() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        other.dispose()
        # without the ping the first request meets the dead connection, and the pool is
        # replaced for the next one; the ping spends a round trip on every request (#14)
        assert client.get("/summits/1").status_code == first_status
        assert client.get("/summits/1").status_code == 404


@pytest.mark.parametrize("lag", ["0", "3600"])
def test_the_list_count_follows_writes(
    loaded: TestClient,
    settings_env: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lag: str,
) -> None:
    monkeypatch.setenv("ETAG_MAX_LAG_SECONDS", lag)
    get_settings.cache_clear()
    (_, first), (_, second) = article_texts(2, seed=99)
    assert [loaded.get("/summits").json()["count"] for _ in range(2)] == [4, 4]
    created = loaded.post(
        "/articles", json={"id": "here", "text": first}, headers={"X-API-Key": "test-key"}
    )
    assert created.status_code == 201
    assert loaded.get("/summits").json()["count"] == 5  # a write here shows at once
    other = make_engine(Settings(database_url=settings_env).database_url)
    article = write(tmp_path, "b.txt", second)
    assert load_articles(engine=other, paths=[article], max_bytes=1_000_000).new == 1
    other.dispose()
    # counts are kept per data version (#14): another process's write shows at once on
    # SQLite, and on PostgreSQL within ETAG_MAX_LAG_SECONDS
    stale = lag == "3600" and settings_env.startswith("postgres")
    assert loaded.get("/summits").json()["count"] == (5 if stale else 6)


def test_a_read_on_postgresql_sends_no_begin_or_rollback(
    loaded: TestClient, settings_env: str
) -> None:
    states: list[tuple[bool, bool]] = []

    def record(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement == "BEGIN":  # SQLite's, sent by our begin event
            return
        dbapi = connection.connection.dbapi_connection
        if settings_env.startswith("postgres"):  # autocommit, and no transaction open
            states.append((dbapi.autocommit, dbapi.info.transaction_status != 0))
        else:
            states.append((False, dbapi.in_transaction))

    event.listen(get_engine(), "before_cursor_execute", record)
    try:
        assert loaded.get("/summits?participant=Kishida&facet=issue").json()["count"] == 2
    finally:
        event.remove(get_engine(), "before_cursor_execute", record)
    # PostgreSQL reads each statement in its own implicit transaction: no BEGIN and no
    # ROLLBACK round trip (#14); SQLite keeps one transaction, a local call
    expected = (True, False) if settings_env.startswith("postgres") else (False, True)
    assert states
    assert set(states) == {expected}


def test_a_streamed_export_needs_one_pooled_connection(
    loaded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in (("DB_POOL_SIZE", "1"), ("DB_MAX_OVERFLOW", "0"), ("DB_POOL_TIMEOUT", "2")):
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    get_engine.cache_clear()
    with TestClient(create_app()) as client:
        # the request's read session takes no connection until it queries, so the
        # export's own streaming session has the only one (#14)
        exported = client.get("/summits.csv?date_from=2022-01-01")
        listed = client.get("/summits?date_from=2022-01-01&sort=date").json()["data"]
    get_engine().dispose()
    assert exported.status_code == 200
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert sorted(int(row["id"]) for row in rows) == sorted(s["id"] for s in listed)
    assert len(rows) == 4


def test_a_query_repeated_on_a_read_connection_is_prepared_once(settings_env: str) -> None:
    if not settings_env.startswith("postgres"):
        pytest.skip("prepared statements are PostgreSQL's")
    engine = make_engine(Settings(database_url=settings_env).database_url, pool_size=1)
    query = text("SELECT count(*) FROM issue WHERE slug <> :slug")
    try:
        for _ in range(6):  # psycopg prepares a statement on its fifth run
            with read_session(engine) as session:
                assert session.execute(query, {"slug": "trade"}).scalar_one() > 0
        with read_session(engine) as session:
            # a ROLLBACK after each read used to drop them: planned anew each request
            prepared = session.execute(
                text("SELECT statement FROM pg_prepared_statements")
            ).scalars()
            assert [s for s in prepared if "FROM issue WHERE slug <>" in s] != []
            settings = [
                session.execute(text(f"SHOW {name}")).scalar_one()
                for name in ("plan_cache_mode", "max_parallel_workers_per_gather")
            ]
            assert settings == ["force_custom_plan", "0"]
    finally:
        engine.dispose()
    assert "random_page_cost=1.1" in POSTGRES_OPTIONS


def test_a_repeated_participant_filter_asks_nothing_of_the_people_table(
    loaded: TestClient,
) -> None:
    assert loaded.get("/summits?participant=Erdogan").json()["count"] == 1
    with _statements() as seen:
        again = loaded.get("/summits?participant=Erdogan")
    assert again.json()["count"] == 1
    # the name index's version (max id and number of people) is asked only when the
    # data version moves (#14)
    assert [s for s in seen if "FROM person" in s] == []


def _participants(client: TestClient) -> set[str]:
    summits = client.get("/summits?limit=500").json()["data"]
    return {person["name"] for summit in summits for person in summit["participants"]}


def test_a_new_person_is_found_after_a_write(loaded: TestClient) -> None:
    before = _participants(loaded)
    assert loaded.get("/summits?participant=Erdogan").json()["count"] == 1  # index built
    ((_, article),) = article_texts(1, seed=99)
    created = loaded.post(
        "/articles", json={"id": "new", "text": article}, headers={"X-API-Key": "test-key"}
    )
    assert created.status_code == 201
    newcomers = sorted(_participants(loaded) - before)
    assert newcomers
    # the write moved the data version, so the name index was rebuilt with them
    found = loaded.get("/summits", params={"participant": newcomers[0]}).json()
    assert found["count"] == 1


@pytest.mark.parametrize("lag", ["0", "3600"])
def test_facets_are_counted_once_per_data_version(
    loaded: TestClient,
    settings_env: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lag: str,
) -> None:
    monkeypatch.setenv("ETAG_MAX_LAG_SECONDS", lag)
    get_settings.cache_clear()

    def summits_by_kind() -> int:
        facets = loaded.get("/summits?facet=kind&limit=1").json()["facets"]
        return sum(value["count"] for value in facets["kind"])

    assert summits_by_kind() == 4
    with _statements() as seen:
        assert summits_by_kind() == 4
    assert [s for s in seen if "GROUP BY" in s] == []  # kept, not counted again (#14)
    (_, first), (_, second) = article_texts(2, seed=99)
    created = loaded.post(
        "/articles", json={"id": "here", "text": first}, headers={"X-API-Key": "test-key"}
    )
    assert created.status_code == 201
    assert summits_by_kind() == 5  # a write here shows at once
    other = make_engine(Settings(database_url=settings_env).database_url)
    article = write(tmp_path, "b.txt", second)
    assert load_articles(engine=other, paths=[article], max_bytes=1_000_000).new == 1
    other.dispose()
    # as list counts: another process's write shows at once on SQLite, and on
    # PostgreSQL within ETAG_MAX_LAG_SECONDS
    stale = lag == "3600" and settings_env.startswith("postgres")
    assert summits_by_kind() == (5 if stale else 6)


def test_server_timing_reports_database_time(loaded: TestClient) -> None:
    timing = loaded.get("/summits").headers["server-timing"]
    assert timing.startswith("db;dur=")
    assert ", app;dur=" in timing


def test_large_responses_are_gzipped(loaded: TestClient) -> None:
    response = loaded.get("/summits", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    small = loaded.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_cors_origins_from_settings(settings_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "https://dash.example.org")
    get_settings.cache_clear()
    with TestClient(create_app()) as client:
        allowed = client.get("/issues", headers={"Origin": "https://dash.example.org"})
        assert allowed.headers["access-control-allow-origin"] == "https://dash.example.org"
        other = client.get("/issues", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers


def test_openapi_schema_is_valid_and_clean(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    validate(schema)
    operation_ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {
        "summits-list",
        "summits-get",
        "summits-geojson",
        "summits-csv",
        "summits-ndjson",
        "statements-list",
        "people-list",
        "people-get",
        "network-person",
        "network-graph",
        "stats-timeline",
        "issues-list",
        "articles-list",
        "articles-get",
        "articles-create",
        "health-get",
    } <= operation_ids
    names = set(schema["components"]["schemas"])
    assert not any(n.endswith(("-Input", "-Output")) for n in names)
    params = {p["name"]: p for p in schema["paths"]["/summits"]["get"]["parameters"]}
    assert params["sort"]["schema"]["$ref"].endswith("/SummitSort")
    assert schema["components"]["schemas"]["SummitSort"]["enum"] == [
        "date",
        "-date",
        "duration",
        "-duration",
        "participants",
        "-participants",
        "relevance",
    ]
    assert "enum" in schema["components"]["schemas"]["FacetName"]
    assert "enum" in schema["components"]["schemas"]["IssueSlug"]
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            for param in operation.get("parameters", []):
                where = f"{path} {param['name']}"
                assert param.get("description"), f"{where} has no description"
                assert param["schema"].get("examples") or param.get("examples"), where
    assert "404" in schema["paths"]["/summits/{summit_id}"]["get"]["responses"]
