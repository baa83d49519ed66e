"""HTTP behaviour: ETag and 304, Cache-Control, CORS, gzip, Server-Timing, and the schema."""

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from app.config import get_settings
from app.main import create_app
from tests.factories import NO_SUMMIT


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
