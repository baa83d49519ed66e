"""People, issues, articles, ingestion over HTTP, and health."""

import json
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.loader import load_articles
from app.models import IssueSlug
from tests.factories import NO_SUMMIT, PHONE_CALL, SOCHI_A, write


def test_people_are_listed_with_summit_counts(loaded: TestClient) -> None:
    body = loaded.get("/people?limit=3").json()
    assert body["count"] == 6
    assert [(p["name"], p["summit_count"]) for p in body["data"]] == [
        ("Fumio Kishida", 2),
        ("Joe Biden", 2),
        ("Recep Tayyip Erdoğan", 1),
    ]


def test_person_detail_lists_their_summits(loaded: TestClient) -> None:
    (kishida,) = loaded.get("/people?q=kishida").json()["data"]
    assert kishida["country"] == "JP"
    assert "Kishida" in kishida["aliases"]
    detail = loaded.get(f"/people/{kishida['id']}").json()
    assert [s["date_text"] for s in detail["summits"]] == ["2023-11-16", "2022"]


def test_unknown_person_is_404(loaded: TestClient) -> None:
    response = loaded.get("/people/4242")
    assert response.status_code == 404
    assert response.json()["detail"][0]["loc"] == ["path", "person_id"]


def test_issues_have_all_slugs_and_counts(loaded: TestClient) -> None:
    body = loaded.get("/issues").json()
    assert [i["slug"] for i in body] == sorted(slug.value for slug in IssueSlug)
    counts = {i["slug"]: i["summit_count"] for i in body}
    assert (counts["missiles"], counts["food-security"], counts["cybersecurity"]) == (2, 1, 0)


def test_articles_list_and_detail(loaded: TestClient) -> None:
    body = loaded.get("/articles").json()
    assert body["count"] == 5
    assert "text" not in body["data"][0]
    article = loaded.get(f"/articles/{body['data'][0]['id']}").json()
    assert article["title"] == "Foreign ministers discuss trade"
    assert article["summit_ids"] == []
    assert loaded.get("/articles/999").status_code == 404


def test_post_article_needs_the_api_key(client: TestClient) -> None:
    for headers in ({}, {"X-API-Key": "wrong"}):
        response = client.post("/articles", json={"text": PHONE_CALL}, headers=headers)
        assert response.status_code == 401
        assert response.json()["detail"][0]["type"] == "unauthorized"


def test_post_article_json_then_again(client: TestClient) -> None:
    headers = {"X-API-Key": "test-key"}
    first = client.post("/articles", json={"id": "call", "text": PHONE_CALL}, headers=headers)
    assert first.status_code == 201
    body = first.json()
    assert body["created"] is True
    assert [sorted(p["name"] for p in s["participants"]) for s in body["summits"]] == [
        ["Joe Biden", "Xi Jinping"]
    ]
    again = client.post("/articles", json={"id": "call", "text": PHONE_CALL}, headers=headers)
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["article"]["id"] == body["article"]["id"]


def test_post_article_as_file_upload(client: TestClient) -> None:
    response = client.post(
        "/articles",
        files={"file": ("call.txt", PHONE_CALL.encode(), "text/plain")},
        headers={"X-API-Key": "test-key"},
    )
    assert response.status_code == 201
    assert response.json()["article"]["source"] == "call.txt"


def test_post_article_rejects_bad_bodies(client: TestClient) -> None:
    headers = {"X-API-Key": "test-key"}
    assert client.post("/articles", json={"url": "x"}, headers=headers).status_code == 422
    binary = client.post(
        "/articles", files={"file": ("x.txt", b"\x00\x01\x02", "text/plain")}, headers=headers
    )
    assert binary.status_code == 422
    assert binary.json()["detail"][0]["msg"] == "binary file, not text"


def test_health_reports_the_database(client: TestClient, database_url: str) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": database_url.split(":")[0],
        "read_database": None,
        "replica_lag_seconds": None,
    }


def test_articles_show_file_names_and_record_ids_not_paths(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "deep" / "inbox"
    folder.mkdir(parents=True)
    write(folder, "sochi.txt", SOCHI_A)
    lines = [json.dumps({"id": "wire-77", "text": PHONE_CALL}), json.dumps({"text": NO_SUMMIT})]
    write(folder, "batch.jsonl", "\n".join(lines))
    report = load_articles(engine=engine, paths=[folder], max_bytes=1_000_000)
    assert report.new == 3
    sources = sorted(a["source"] for a in client.get("/articles").json()["data"])
    assert sources == ["batch-2", "sochi.txt", "wire-77"]
    (summit,) = client.get("/summits?location=Sochi").json()["data"]
    detail = client.get(f"/summits/{summit['id']}").json()
    article = client.get(f"/articles/{detail['sources'][0]['article_id']}").json()
    assert article["source"] == "sochi.txt"
    assert str(tmp_path) not in json.dumps(client.get("/articles").json())


def test_an_upload_keeps_only_its_file_name(client: TestClient) -> None:
    response = client.post(
        "/articles",
        files={"file": ("C:\\Users\\me\\news\\call.txt", PHONE_CALL.encode(), "text/plain")},
        headers={"X-API-Key": "test-key"},
    )
    assert response.status_code == 201
    assert response.json()["article"]["source"] == "call.txt"
