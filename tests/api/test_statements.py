"""GET /statements with its filters."""

import pytest
from fastapi.testclient import TestClient


def test_yoon_has_one_direct_quote(loaded: TestClient) -> None:
    body = loaded.get("/statements?speaker=Yoon&kind=direct").json()
    assert body["count"] == 1
    (statement,) = body["data"]
    assert statement["speaker"] == "Yoon Suk Yeol"
    assert statement["text"].startswith("There was a 100% revival of the dialogue")
    assert statement["person_id"] is not None


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("speaker=Kishida&kind=direct", 4),
        ("speaker=kishida&kind=direct&q=momentum", 1),
        ("kind=direct&issue=food-security", 1),
        ("speaker=Xi&kind=direct", 1),
        ("q=perish", 1),
        ("speaker=Nobody", 0),
    ],
)
def test_statement_filters(loaded: TestClient, query: str, count: int) -> None:
    body = loaded.get(f"/statements?{query}").json()
    assert body["count"] == count
    assert len(body["data"]) == count


def test_statements_of_one_summit(loaded: TestClient) -> None:
    (summit,) = loaded.get("/summits?location=San Francisco").json()["data"]
    body = loaded.get(f"/statements?summit={summit['id']}&kind=direct").json()
    assert body["count"] == 3
    assert {s["summit_id"] for s in body["data"]} == {summit["id"]}


def test_bad_kind_is_422(loaded: TestClient) -> None:
    assert loaded.get("/statements?kind=rumour").status_code == 422
