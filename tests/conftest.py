"""Fixtures: a migrated database per test, on SQLite and on PostgreSQL.

SQLite: the schema is migrated once per session into a template file that each test
copies. PostgreSQL (``TEST_DATABASE_URL``; skipped locally when unset, required in
CI via ``REQUIRE_POSTGRES=1``): migrated once per session, and every table is emptied
after each test. The loader owns one transaction per article, so the outer-transaction
rollback recipe would not see its commits; TRUNCATE gives the same isolation.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text

from app.config import get_settings
from app.db import get_engine, get_replica_engine, make_engine
from app.main import create_app
from app.migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DATA_TABLES = (
    "statement",
    "summit_source",
    "summit_about",
    "summit_issue",
    "summit_participant",
    "summit",
    "person",
    "article",
)
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "summits.db"
    upgrade(url=f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not")
        pytest.skip("TEST_DATABASE_URL not set")
    engine = make_engine(get_settings().model_validate({"database_url": url}).database_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    upgrade(url=url)
    return url


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> Iterator[str]:
    """A freshly migrated, empty database for one test."""
    if request.param == "sqlite":
        path = tmp_path / "summits.db"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_url")
    yield url
    engine = make_engine(get_settings().model_validate({"database_url": url}).database_url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(DATA_TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def settings_env(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point the app's settings (and so its engine) at the test database."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("API_KEY", "test-key")
    get_settings.cache_clear()
    get_engine.cache_clear()
    get_replica_engine.cache_clear()
    yield database_url
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()
    get_replica_engine.cache_clear()


@pytest.fixture
def engine(settings_env: str) -> Engine:
    return get_engine()


@pytest.fixture
def client(settings_env: str) -> Iterator[TestClient]:
    with TestClient(create_app()) as test_client:
        yield test_client
