"""Migrations are the schema: they match the models and go both ways."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app.config import Settings
from app.db import make_engine
from app.migrate import downgrade, include_name, upgrade
from app.models import metadata


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
