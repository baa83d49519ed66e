"""A client over a database holding the seeds and a few articles written for the tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.loader import load_articles
from tests.conftest import SEEDS
from tests.factories import NO_SUMMIT, PHONE_CALL, SOCHI_A, write


@pytest.fixture
def loaded(client: TestClient, engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """Seeds (Biden-Kishida 2022, Kishida-Yoon 2023), Putin-Erdogan, a Biden-Xi call, no-summit."""
    extra = [
        write(tmp_path, "sochi.txt", SOCHI_A),
        write(tmp_path, "call.txt", PHONE_CALL),
        write(tmp_path, "ministers.txt", NO_SUMMIT),
    ]
    report = load_articles(engine=engine, paths=[SEEDS, *extra], max_bytes=1_000_000)
    assert report.ok and report.new == 5
    yield client
