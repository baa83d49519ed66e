"""Drop the full-text index on article text, which nothing reads since summit search
reads one document per summit (0008, #14): keeping it current cost every article
stored a second tokenising of its text, a third of a bulk load's server time (#16).

SQLite loses the ``article_fts`` FTS5 table and its triggers, PostgreSQL the GIN index
``ix_article_text_search``; statement search keeps its own. The downgrade builds them
again as 0002 did, filled from the stored articles.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = ("article_fts_ai", "article_fts_ad", "article_fts_au")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS article_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_article_text_search")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute(
            "CREATE INDEX ix_article_text_search ON article "
            "USING gin (to_tsvector('english', text))"
        )
        return
    op.execute(
        "CREATE VIRTUAL TABLE article_fts USING fts5(text, content='article', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN "
        "INSERT INTO article_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN "
        "INSERT INTO article_fts(article_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER article_fts_au AFTER UPDATE OF text ON article BEGIN "
        "INSERT INTO article_fts(article_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO article_fts(rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute("INSERT INTO article_fts(article_fts) VALUES ('rebuild')")
