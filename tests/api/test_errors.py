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
