"""A Python SDK generated from /openapi.json drives the real server over HTTP."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

GENERATOR = shutil.which("openapi-python-client") or str(
    Path(sys.executable).with_name("openapi-python-client")
)


@pytest.mark.skipif(not Path(GENERATOR).exists(), reason="openapi-python-client not installed")
def test_generated_client_lists_summits_with_filters(server: str, tmp_path: Path) -> None:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(httpx.get(f"{server}/openapi.json").json()))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}"}
    subprocess.run(
        [
            GENERATOR,
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(tmp_path / "summits_sdk"),
            "--meta",
            "none",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    sys.path.insert(0, str(tmp_path))
    try:
        from summits_sdk.api.summits import summits_get, summits_list  # type: ignore[import-not-found]
        from summits_sdk.client import Client  # type: ignore[import-not-found]
        from summits_sdk.models import IssueSlug, SummitSort  # type: ignore[import-not-found]

        client = Client(base_url=server)
        page = summits_list.sync(
            client=client,
            participant=["Kishida"],
            issue=[IssueSlug("missiles")],
            sort=SummitSort("date"),
        )
        assert page.count == 2
        assert [s.date_text for s in page.data] == ["2022", "2023-11-16"]
        detail = summits_get.sync(client=client, summit_id=page.data[1].id)
        assert [p.name for p in detail.participants] == ["Fumio Kishida", "Yoon Suk Yeol"]
        missing = summits_get.sync(client=client, summit_id=9999)
        assert missing.detail[0].type_ == "not_found"
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("summits_sdk")]:
            del sys.modules[name]
