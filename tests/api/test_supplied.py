"""Metadata a crawler already knows (title, publication date, outlet, dateline), sent in
JSON Lines records or to POST /articles, wins over the extractor's guesses (#13)."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.loader import load_articles
from tests.factories import write

KEY = {"X-API-Key": "test-key"}
# No date anywhere in the text: only a supplied publication date can place "on Sunday".
SUNDAY_TALKS = (
    "Macron and Scholz talk energy\n"
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Sunday "
    "for talks on energy prices.\n"
    '"We agreed to work together on gas supplies," Macron told reporters after the meeting.\n'
)
SUPPLIED = {
    "title": "Supplied headline",
    "published": "2024-03-20T09:30:00+01:00",  # a Wednesday: the Sunday before is the 17th
    "publisher": "Example Wire",
    "dateline": "BERLIN",
}


def _jsonl(folder: Path, *records: dict[str, object]) -> Path:
    return write(folder, "batch.jsonl", "".join(json.dumps(r) + "\n" for r in records))


def test_jsonl_record_metadata_is_stored_served_and_dates_relative_days(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    path = _jsonl(tmp_path, {"id": "talks", "text": SUNDAY_TALKS, **SUPPLIED})
    report = load_articles(engine=engine, paths=[path], max_bytes=1_000_000)
    assert (report.new, report.failed) == (1, [])
    (summit,) = client.get("/summits").json()["data"]
    assert (summit["date"], summit["date_precision"], summit["city"]) == (
        "2024-03-17",
        "day",
        "Berlin",
    )
    (article,) = client.get("/articles").json()["data"]
    assert {k: article[k] for k in ("title", "published_date", "publisher", "dateline")} == {
        "title": "Supplied headline",
        "published_date": "2024-03-20",
        "publisher": "Example Wire",
        "dateline": "BERLIN",
    }
    sources = client.get(f"/summits/{summit['id']}").json()["sources"]
    assert [(s["title"], s["publisher"], s["published_date"]) for s in sources] == [
        ("Supplied headline", "Example Wire", "2024-03-20")
    ]


def test_without_supplied_metadata_the_text_decides(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    path = _jsonl(tmp_path, {"id": "talks", "text": SUNDAY_TALKS})
    assert load_articles(engine=engine, paths=[path], max_bytes=1_000_000).new == 1
    (summit,) = client.get("/summits").json()["data"]
    assert summit["date"] is None
    (article,) = client.get("/articles").json()["data"]
    assert (article["title"], article["published_date"]) == ("Macron and Scholz talk energy", None)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("published", "last Sunday", "published 'last Sunday' is not an ISO date or date-time"),
        ("published", "2024-02-30", "published '2024-02-30' is not an ISO date or date-time"),
        ("published", 20240320, "published must be a string"),
        ("title", "x" * 1001, "title longer than 1000 characters (1001)"),
        ("publisher", "Wire\x00", "publisher contains a NUL character at position 4"),
        ("dateline", "B" * 201, "dateline longer than 200 characters (201)"),
    ],
)
def test_jsonl_record_with_unusable_metadata_is_rejected_with_its_reason(
    engine: Engine, tmp_path: Path, field: str, value: object, reason: str
) -> None:
    path = _jsonl(
        tmp_path,
        {"id": "bad", "text": SUNDAY_TALKS, field: value},
        {"id": "good", "text": SUNDAY_TALKS + "\n", "published": "2024-03-20"},
    )
    report = load_articles(engine=engine, paths=[path], max_bytes=1_000_000)
    assert report.new == 1
    assert [(f.source, f.reason) for f in report.failed] == [(f"{path}:1", reason)]


def test_post_json_with_supplied_metadata(client: TestClient) -> None:
    response = client.post("/articles", json={"text": SUNDAY_TALKS, **SUPPLIED}, headers=KEY)
    assert response.status_code == 201
    body = response.json()
    assert [s["date"] for s in body["summits"]] == ["2024-03-17"]
    article = client.get(f"/articles/{body['article']['id']}").json()
    assert (article["title"], article["published_date"], article["publisher"]) == (
        "Supplied headline",
        "2024-03-20",
        "Example Wire",
    )
    assert article["dateline"] == "BERLIN"


def test_post_multipart_with_supplied_metadata(client: TestClient) -> None:
    response = client.post(
        "/articles",
        files={"file": ("talks.txt", SUNDAY_TALKS.encode(), "text/plain")},
        data={"published": "2024-03-20", "title": "Supplied headline", "publisher": "Wire"},
        headers=KEY,
    )
    assert response.status_code == 201
    body = response.json()
    assert [s["date"] for s in body["summits"]] == ["2024-03-17"]
    assert (body["article"]["title"], body["article"]["publisher"]) == (
        "Supplied headline",
        "Wire",
    )
    assert body["article"]["published_date"] == "2024-03-20"


@pytest.mark.parametrize("multipart", [False, True])
def test_post_with_a_bad_date_is_422_naming_the_field(client: TestClient, multipart: bool) -> None:
    if multipart:
        response = client.post(
            "/articles",
            files={"file": ("talks.txt", SUNDAY_TALKS.encode(), "text/plain")},
            data={"published": "Sunday"},
            headers=KEY,
        )
    else:
        response = client.post(
            "/articles", json={"text": SUNDAY_TALKS, "published": "Sunday"}, headers=KEY
        )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "msg": "published 'Sunday' is not an ISO date or date-time",
            "type": "unprocessable_article",
            "loc": ["body", "published"],
        }
    ]
    assert client.get("/articles").json()["count"] == 0
