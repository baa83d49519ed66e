"""The documentation pages work offline: every script, style and icon comes from the app."""

import base64
import hashlib
import re

import pytest
from fastapi.testclient import TestClient

ASSET = re.compile(r"""(?:src|href)=["']([^"']+)["']""")


@pytest.mark.parametrize(
    ("page", "assets"),
    [
        (
            "/docs",
            {
                "/static-offline-docs/swagger-ui.css": "text/css",
                "/static-offline-docs/favicon.png": "image/png",
                "/static-offline-docs/swagger-ui-bundle.js": "javascript",
            },
        ),
        (
            "/redoc",
            {
                "/static-offline-docs/favicon.png": "image/png",
                "/static-offline-docs/redoc.standalone.js": "javascript",
            },
        ),
    ],
)
def test_documentation_page_references_no_external_host(
    client: TestClient, page: str, assets: dict[str, str]
) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert "http://" not in response.text and "https://" not in response.text
    assert "fonts.googleapis" not in response.text
    referenced = ASSET.findall(response.text)
    assert set(referenced) == set(assets)
    for path, media_type in assets.items():
        asset = client.get(path)
        assert asset.status_code == 200, path
        assert media_type in asset.headers["content-type"]
        assert len(asset.content) > 1000  # the real file, not an error page
    assert "/openapi.json" in response.text
    assert client.get("/openapi.json").json()["info"]["title"] == "summits"


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
STYLESHEET = re.compile(r"""<link[^>]*rel=["']stylesheet["'][^>]*href=["']([^"']+)""")
SCRIPT_SRC = re.compile(r"""<script[^>]*src=["']([^"']+)""")


def _policy(header: str) -> dict[str, list[str]]:
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_documentation_pages_work_under_their_content_security_policy(
    client: TestClient, page: str
) -> None:
    response = client.get(page)
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = _policy(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    # scripts: the page's own files, and each inline script by its hash, nothing else
    inline = [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(response.text)
    ]
    assert policy["script-src"] == ["'self'", *inline]
    assert len(inline) == (1 if page == "/docs" else 0)  # Swagger UI's start-up script
    for src in SCRIPT_SRC.findall(response.text) + STYLESHEET.findall(response.text):
        assert src.startswith("/static-offline-docs/"), src  # same origin: 'self'
    assert "'self'" in policy["style-src"] and "'self'" in policy["img-src"]
    # the pages fetch the schema from this origin; ReDoc searches in a blob: worker
    assert policy["connect-src"] == ["'self'"]
    assert "blob:" in policy["worker-src"]


@pytest.mark.parametrize("url", ["/summits", "/openapi.json", "/nowhere", "/summits.csv"])
def test_every_response_says_nosniff(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in response.headers  # only HTML pages need one
