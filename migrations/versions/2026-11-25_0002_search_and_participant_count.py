"""Full-text search over statements and article texts; summits' participant count.

SQLite gets FTS5 tables kept in sync by triggers (external content, the pattern of the
SQLite FTS5 docs, section 4.4.3); PostgreSQL gets GIN indexes on to_tsvector('english').

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TABLES = {"statement": "statement_fts", "article": "article_fts"}


def _sqlite_fts_up(table: str, fts: str) -> None:
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(text, content='{table}', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, text) VALUES ('delete', old.id, old.text); "
        f"INSERT INTO {fts}(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    with op.batch_alter_table("summit", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("participant_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index(batch_op.f("ix_summit_participant_count"), ["participant_count"])
    op.execute(
        "UPDATE summit SET participant_count = (SELECT count(*) FROM summit_participant "
        "WHERE summit_participant.summit_id = summit.id)"
    )
    if op.get_bind().dialect.name == "sqlite":
        for table, fts in FTS_TABLES.items():
            _sqlite_fts_up(table, fts)
    else:
        for table in FTS_TABLES:
            op.execute(
                f"CREATE INDEX ix_{table}_text_search ON {table} "
                "USING gin (to_tsvector('english', text))"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts in FTS_TABLES.values():
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        for table in FTS_TABLES:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_text_search")
    with op.batch_alter_table("summit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_summit_participant_count"))
        batch_op.drop_column("participant_count")
