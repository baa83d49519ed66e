"""Migrations are the schema: they match the models and go both ways."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlmodel import Session, select

from app import search
from app.config import Settings
from app.db import make_engine
from app.migrate import alembic_config, downgrade, include_name, upgrade
from app.models import Summit, SummitSummary, metadata
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


@pytest.mark.parametrize(
    ("date", "precision", "interval"),
    [
        ("2022-11-14", "day", ("2022-11-14", "2022-11-14")),
        ("2024-02-01", "month", ("2024-02-01", "2024-02-29")),
        ("2023-02-01", "month", ("2023-02-01", "2023-02-28")),
        ("2022-12-01", "month", ("2022-12-01", "2022-12-31")),
        ("2021-01-01", "year", ("2021-01-01", "2021-12-31")),
        (None, "unknown", (None, None)),
    ],
)
def test_summit_dates_become_intervals(
    database_url: str, date: str | None, precision: str, interval: tuple[str | None, ...]
) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("0005", url=url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO summit (date, date_precision, format, kind, participant_count,"
                " evidence, created_at) VALUES (:date, :precision, 'in_person', 'bilateral', 2,"
                " '[]', CURRENT_TIMESTAMP)"
            ),
            {"date": date and dt.date.fromisoformat(date), "precision": precision},
        )
    upgrade("head", url=url)
    with engine.connect() as conn:
        (row,) = conn.execute(text("SELECT date_start, date_end FROM summit")).all()
    engine.dispose()
    assert tuple(day and str(day) for day in row) == interval


def test_downgrade_from_intervals_keeps_the_summits(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO summit (date, date_precision, date_start, date_end, format, kind,"
                " participant_count, evidence, created_at) VALUES ('2022-11-01', 'month',"
                " '2022-11-01', '2022-11-30', 'in_person', 'bilateral', 2, '[]',"
                " CURRENT_TIMESTAMP)"
            )
        )
    downgrade("0005", url=url)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT date, date_precision FROM summit")).all()
        columns = {c["name"] for c in inspect(conn).get_columns("summit")}
        indexes = {i["name"] for i in inspect(conn).get_indexes("summit")}
    engine.dispose()
    assert [(str(day), precision) for day, precision in kept] == [("2022-11-01", "month")]
    assert {"date_start", "date_end"} & columns == set()
    assert "ix_summit_date_start_date_end" not in indexes
    upgrade("head", url=url)


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


def _summit_with_links(conn: Connection) -> None:
    """One summit of two leaders, two issues, a third country and a source, in SQL."""
    for statement in (
        "INSERT INTO person (id, name, country, aliases) VALUES (1, 'Zed Leader', 'FR', '[]'),"
        " (2, 'Ann Leader', 'DE', '[]')",
        "INSERT INTO article (id, source, url, title, published_date, status,"
        " extractor_version, sha256, text, raw_text, ingested_at) VALUES (7, 'a.txt',"
        " 'https://example.org/a', 'Talks', '2022-11-15', 'extracted', 'v', 'abc', '', '',"
        " CURRENT_TIMESTAMP)",
        "INSERT INTO summit (id, date, date_precision, date_start, date_end, format, kind,"
        " participant_count, evidence, created_at) VALUES (3, '2022-11-14', 'day',"
        " '2022-11-14', '2022-11-14', 'in_person', 'bilateral', 2, '[]', CURRENT_TIMESTAMP)",
        "INSERT INTO summit_participant (summit_id, person_id, role, country) VALUES"
        " (3, 1, 'President', 'FR'), (3, 2, NULL, 'DE')",
        "INSERT INTO summit_issue (summit_id, issue_slug) VALUES (3, 'trade'), (3, 'energy')",
        "INSERT INTO summit_about (summit_id, country) VALUES (3, 'UA')",
        "INSERT INTO summit_source (summit_id, article_id) VALUES (3, 7)",
    ):
        conn.execute(text(statement))


def test_summaries_are_backfilled_from_the_link_tables(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("0006", url=url)
    engine = make_engine(url)
    with engine.begin() as conn:
        _summit_with_links(conn)
    upgrade("head", url=url)
    with Session(engine) as session:
        (summary,) = session.exec(select(SummitSummary)).all()
    engine.dispose()
    assert summary.summit_id == 3
    assert summary.participants == [
        {"person_id": 2, "name": "Ann Leader", "role": None, "country": "DE"},
        {"person_id": 1, "name": "Zed Leader", "role": "President", "country": "FR"},
    ]
    assert (summary.issues, summary.about) == (["energy", "trade"], ["UA"])
    assert summary.sources == [
        {
            "article_id": 7,
            "title": "Talks",
            "url": "https://example.org/a",
            "publisher": None,
            "published_date": "2022-11-15",
        }
    ]


def test_csv_cells_are_backfilled_from_the_link_tables(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("0010", url=url)
    engine = make_engine(url)
    with engine.begin() as conn:
        _summit_with_links(conn)
        conn.execute(
            text(
                "INSERT INTO summit_summary (summit_id, participants, issues, about, sources)"
                " VALUES (3, '[]', '[]', '[]', '[]')"
            )
        )
    upgrade("head", url=url)
    with Session(engine) as session:
        (summary,) = session.exec(select(SummitSummary)).all()
    engine.dispose()
    assert (
        summary.csv_participants,
        summary.csv_participant_countries,
        summary.csv_participant_ids,
        summary.csv_issues,
        summary.csv_about,
        summary.csv_source_urls,
    ) == (
        "Ann Leader; Zed Leader",
        "DE; FR",
        "2; 1",
        "energy; trade",
        "UA",
        "https://example.org/a",
    )


def test_downgrade_drops_the_summaries_and_keeps_the_summits(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    engine = make_engine(url)
    with engine.begin() as conn:
        _summit_with_links(conn)
    downgrade("0006", url=url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        kept = conn.execute(text("SELECT id FROM summit")).scalars().all()
    engine.dispose()
    assert "summit_summary" not in tables
    assert kept == [3]
    upgrade("head", url=url)


# one summit written in the 0006 schema, and a word from each part of its document
BACKFILL_ROWS = (
    "INSERT INTO person (id, name, country, aliases) VALUES (1, 'Joe Biden', 'US', '[]'),"
    " (2, 'Xi Jinping', 'CN', '[]')",
    "INSERT INTO summit (id, date, date_precision, date_start, date_end, city, country,"
    " context, format, kind, participant_count, evidence, created_at) VALUES (1, '2022-11-14',"
    " 'day', '2022-11-14', '2022-11-14', 'Nusa Dua', 'ID', 'G20 summit', 'in_person',"
    " 'bilateral', 2, '[]', CURRENT_TIMESTAMP)",
    "INSERT INTO summit_participant (summit_id, person_id, country) VALUES (1, 1, 'US'),"
    " (1, 2, 'CN')",
    "INSERT INTO summit_issue (summit_id, issue_slug) VALUES (1, 'trade')",
    "INSERT INTO summit_about (summit_id, country) VALUES (1, 'UA')",
    "INSERT INTO article (id, source, status, extractor_version, sha256, text, raw_text,"
    " ingested_at) VALUES (1, 'a.txt', 'extracted', 'v', '0', 'Oats and barley.',"
    " 'Oats and barley.', CURRENT_TIMESTAMP)",
    "INSERT INTO summit_source (summit_id, article_id) VALUES (1, 1)",
    "INSERT INTO statement (summit_id, article_id, person_id, speaker, text, kind, start,"
    " \"end\") VALUES (1, 1, 1, 'Joe Biden', 'Barley matters.', 'direct', 0, 15)",
)


@pytest.mark.parametrize(
    "q",
    ["Jinping", '"Nusa Dua"', "Indonesia", "G20", "trade", "Ukraine", "matters", "oats"],
)
def test_summit_documents_are_backfilled(database_url: str, q: str) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("0006", url=url)
    engine = make_engine(url)
    with engine.begin() as conn:
        for statement in BACKFILL_ROWS:
            conn.execute(text(statement))
        if conn.dialect.name == "postgresql":  # ids were given: move the sequences on
            for table in ("person", "summit", "article"):
                conn.execute(text(f"SELECT setval('{table}_id_seq', 1)"))
    upgrade("head", url=url)
    with Session(engine) as session:
        found = session.scalars(
            select(Summit.id).where(search.summit_condition(session, search.parse(q)))
        ).all()
    engine.dispose()
    assert found == [1]


def test_downgrade_drops_the_documents_and_facet_indexes(database_url: str) -> None:
    url = Settings(database_url=database_url).database_url
    downgrade("0006", url=url)
    engine = make_engine(url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        indexes = {
            index["name"]
            for table in ("summit", "summit_participant", "statement")
            for index in inspect(conn).get_indexes(table)
        }
    engine.dispose()
    upgrade("head", url=url)
    assert "summit_fts" not in tables
    assert not {name for name in indexes if name and "_facet_" in name}


def test_article_text_has_no_full_text_index_of_its_own(database_url: str) -> None:
    # summit search reads one document per summit (#14): an index on article text that
    # nothing reads only slowed every article stored, so 0010 drops it; 0009 had it (#16)
    url = Settings(database_url=database_url).database_url
    engine = make_engine(url)

    def article_search() -> set[str]:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            indexes = {index["name"] or "" for index in inspect(conn).get_indexes("article")}
        return (tables | indexes) & {"article_fts", "ix_article_text_search"}

    now = article_search()
    downgrade("0009", url=url)
    before = article_search()
    upgrade("head", url=url)
    after = article_search()
    engine.dispose()
    assert now == after == set()
    expected = {"article_fts"} if url.startswith("sqlite") else {"ix_article_text_search"}
    assert before == expected
