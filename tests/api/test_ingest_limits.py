"""``POST /articles`` under its limits: extraction in a worker process under the time
budget, and a body cut off at ``MAX_ARTICLE_BYTES`` as it arrives (#13)."""

import asyncio
import threading
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import get_settings
from app.main import create_app
from tests.factories import PHONE_CALL, slow_article

KEY = {"X-API-Key": "test-key"}
BUDGET_S = "3"
BODY_LIMIT = 1000
CHUNK = b"x" * 100
CHUNKS_SENT = 10_000  # 1 MB offered, a thousand times the limit


@pytest.fixture
def budget_client(settings_env: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client of an app whose articles get a 3 s extraction budget."""
    monkeypatch.setenv("EXTRACT_TIMEOUT_SECONDS", BUDGET_S)
    monkeypatch.setenv("MAX_ARTICLE_BYTES", "2000000")
    get_settings.cache_clear()
    with TestClient(create_app()) as client:
        yield client


def test_article_over_budget_is_422_while_health_answers_and_nothing_is_stored(
    budget_client: TestClient,
) -> None:
    first = budget_client.post("/articles", json={"text": PHONE_CALL}, headers=KEY)
    assert first.status_code == 201  # a worker is up and warm
    slow = {"id": "slow", "text": slow_article()}
    replies: list[httpx.Response] = []
    poster = threading.Thread(
        target=lambda: replies.append(budget_client.post("/articles", json=slow, headers=KEY))
    )
    poster.start()
    health = budget_client.get("/health")
    answered_during_extraction = poster.is_alive()
    poster.join(timeout=120)

    assert health.status_code == 200
    assert answered_during_extraction
    assert replies[0].status_code == 422
    assert replies[0].json() == {
        "detail": [
            {"msg": "extraction exceeded 3 s", "type": "extraction_timeout", "loc": ["body"]}
        ]
    }
    listed = budget_client.get("/articles").json()
    assert (listed["count"], [a["source"] for a in listed["data"]]) == (1, ["api"])


def test_next_article_after_a_timeout_is_stored(budget_client: TestClient) -> None:
    slow = budget_client.post("/articles", json={"text": slow_article()}, headers=KEY)
    assert slow.status_code == 422
    response = budget_client.post("/articles", json={"text": PHONE_CALL}, headers=KEY)
    assert response.status_code == 201
    assert response.json()["created"] is True


def _post_chunked(content_type: str, head: bytes) -> tuple[httpx.Response, int]:
    """POST a body without Content-Length, one chunk at a time; the response and how many
    chunks the app had taken when it answered."""
    taken = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal taken
        yield head
        for _ in range(CHUNKS_SENT):
            taken += 1
            yield CHUNK

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            headers = {**KEY, "Content-Type": content_type}
            return await client.post("/articles", content=body(), headers=headers)

    return asyncio.run(post()), taken


@pytest.mark.parametrize(
    ("content_type", "head"),
    [
        ("application/json", b'{"text": "'),
        (
            "multipart/form-data; boundary=cut",
            b'--cut\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n',
        ),
    ],
)
def test_chunked_body_is_cut_off_as_soon_as_it_passes_the_limit(
    settings_env: str, monkeypatch: pytest.MonkeyPatch, content_type: str, head: bytes
) -> None:
    monkeypatch.setenv("MAX_ARTICLE_BYTES", str(BODY_LIMIT))
    get_settings.cache_clear()
    response, taken = _post_chunked(content_type, head)
    assert response.status_code == 413
    (error,) = response.json()["detail"]
    assert error == {
        "msg": f"body over the {BODY_LIMIT}-byte limit",
        "type": "payload_too_large",
        "loc": ["body"],
    }
    assert taken <= BODY_LIMIT // len(CHUNK) + 1
