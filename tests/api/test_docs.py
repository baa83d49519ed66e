"""The documentation pages work offline: every script, style and icon comes from the app."""

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
