"""Migrations are the schema: they match the models and go both ways."""

import os
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from app.config import Settings
from app.db import make_engine
from app.migrate import alembic_config, downgrade, include_name, upgrade
from app.models import metadata
from tests.conftest import ROOT

CONCURRENT_UPGRADES = 4


def test_models_and_migrations_agree(database_url: str) -> None:
    engine = make_engine(Settings(database_url=database_url).database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, metadata) == []
    engine.dispose()


def test_downgrade_to_base_and_back(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("base", url=url)
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    upgrade("head", url=url)
    engine = make_engine(url)
    assert {"summit", "statement", "issue", "person"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_article_paths_become_file_names(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("0004", url=url)
    engine = make_engine(url)
    sources = ["/srv/in/articles.jsonl:27", "C:\\feeds\\x.txt", "plain.txt", "rec-1"]
    with engine.begin() as conn:
        for number, source in enumerate(sources):
            conn.execute(
                text(
                    "INSERT INTO article (source, status, extractor_version, sha256, text,"
                    " raw_text, ingested_at) VALUES (:source, 'extracted', 'v', :sha, '', '',"
                    " CURRENT_TIMESTAMP)"
                ),
                {"source": source, "sha": f"{number:064d}"},
            )
    upgrade("head", url=url)
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT source FROM article ORDER BY id")).scalars().all()
    engine.dispose()
    assert stored == ["articles.jsonl:27", "x.txt", "plain.txt", "rec-1"]


def test_concurrent_upgrades_of_a_fresh_database_all_succeed(
    database_url: str, tmp_path: Path
) -> None:
    # they used to die with "database is locked" (#13): now each waits for the lock
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        url = Settings(database_url=database_url).database_url
        downgrade("base", url=url)
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "app", "db", "upgrade"],
            env={**os.environ, "DATABASE_URL": url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for _ in range(CONCURRENT_UPGRADES)
    ]
    errors = [process.communicate()[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * CONCURRENT_UPGRADES, errors
    assert errors == [""] * CONCURRENT_UPGRADES
    engine = make_engine(url)
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name}
        )
        assert compare_metadata(context, metadata) == []
    engine.dispose()
    assert versions == [ScriptDirectory.from_config(alembic_config(url)).get_current_head()]
