"""Every error, routing's included, has the documented shape (#12)."""

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("method", "url", "status", "item"),
    [
        (
            "GET",
            "/nowhere",
            404,
            {"msg": "no such path: /nowhere", "type": "not_found", "loc": ["path"]},
        ),
        (
            "GET",
            "/summits/1/extra",
            404,
            {"msg": "no such path: /summits/1/extra", "type": "not_found", "loc": ["path"]},
        ),
        (
            "DELETE",
            "/summits",
            405,
            {
                "msg": "DELETE is not allowed on /summits; use GET",
                "type": "method_not_allowed",
                "loc": ["method"],
            },
        ),
        (
            "PUT",
            "/articles",
            405,
            {
                "msg": "PUT is not allowed on /articles; use GET, POST",
                "type": "method_not_allowed",
                "loc": ["method"],
            },
        ),
        (
            "POST",
            "/summits/1",
            405,
            {
                "msg": "POST is not allowed on /summits/1; use GET",
                "type": "method_not_allowed",
                "loc": ["method"],
            },
        ),
        (
            "GET",
            "/summits?limit=0",
            422,
            {
                "msg": "Input should be greater than or equal to 1",
                "type": "greater_than_equal",
                "loc": ["query", "limit"],
            },
        ),
        (
            "GET",
            "/summits?particpant=Xi",
            422,
            {
                "msg": "unknown query parameter 'particpant'; did you mean 'participant'?",
                "type": "extra_forbidden",
                "loc": ["query", "particpant"],
            },
        ),
        (
            "GET",
            "/summits/9999",
            404,
            {"msg": "no summit with id 9999", "type": "not_found", "loc": ["path", "summit_id"]},
        ),
    ],
)
def test_error_has_the_documented_shape(
    client: TestClient, method: str, url: str, status: int, item: dict[str, object]
) -> None:
    response = client.request(method, url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": [item]}


def test_method_not_allowed_keeps_the_allow_header(client: TestClient) -> None:
    assert client.delete("/summits").headers["allow"] == "GET"
    assert client.put("/articles").headers["allow"] == "GET, POST"


@pytest.mark.parametrize(
    ("url", "allow"),
    [
        ("/summits", "GET, OPTIONS"),
        ("/summits/1", "GET, OPTIONS"),
        ("/articles", "GET, POST, OPTIONS"),
        ("/health", "GET, OPTIONS"),
    ],
)
def test_options_answers_with_the_methods_a_path_takes(
    client: TestClient, url: str, allow: str
) -> None:
    response = client.options(url)
    assert (response.status_code, response.headers["allow"], response.content) == (204, allow, b"")


def test_options_on_an_unknown_path_is_404(client: TestClient) -> None:
    assert client.options("/nowhere").status_code == 404


@pytest.mark.parametrize(
    ("body", "msg"),
    [
        (
            '{"id": 5, "text": "Leaders met."}',
            "body must be an article object: id: Input should be a valid string",
        ),
        (
            "[1]",
            "body must be a JSON object with 'text' or 'html'",
        ),
        (
            '{"text": "Leaders met.", "url": ["x"]}',
            "body must be an article object: url: Input should be a valid string",
        ),
    ],
)
def test_invalid_body_errors_name_no_library_or_version(
    client: TestClient, body: str, msg: str
) -> None:
    response = client.post(
        "/articles",
        content=body,
        headers={"X-API-Key": "test-key", "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"msg": msg, "type": "unprocessable_article", "loc": ["body"]}
    ]
    assert "pydantic" not in response.text and "https://" not in response.text
