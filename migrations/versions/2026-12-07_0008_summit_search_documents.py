"""One search document per summit, and indexes the facets count from (#14).

The document holds the summit's own fields (participants, place, city, host country,
context, issues, third countries), its statements' text and its source articles' text:
on SQLite an FTS5 table whose rowid is the summit id, one column per part; on PostgreSQL
a table of weighted tsvectors (A, B, C for the three parts) with a GIN index. The write
path keeps it in step (``app.search.refresh_documents``); this migration fills it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

from app.search import PARTS, refresh_documents

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE summit_fts USING fts5({', '.join(PARTS)}, "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
POSTGRESQL_TABLE = (
    "CREATE TABLE summit_fts (summit_id INTEGER NOT NULL, document TSVECTOR NOT NULL, "
    "CONSTRAINT pk_summit_fts PRIMARY KEY (summit_id), "
    "CONSTRAINT fk_summit_fts_summit_id_summit FOREIGN KEY (summit_id) "
    "REFERENCES summit (id) ON DELETE CASCADE)"
)
POSTGRESQL_INDEX = "CREATE INDEX ix_summit_fts_text_search ON summit_fts USING gin (document)"
# Each facet counted from an index holding what it groups by (app.analytics.SUMMIT_FACETS):
# the country facet over a filtered set, kind, location, and the speakers of statements.
FACET_INDEXES = {
    "ix_summit_participant_facet_country": "summit_participant (summit_id, country)",
    "ix_summit_facet_kind": "summit (kind)",
    "ix_summit_facet_location": "summit (city, country)",
    "ix_statement_facet_speaker": "statement (speaker, summit_id)",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_TABLE)
    else:
        op.execute(POSTGRESQL_TABLE)
        op.execute(POSTGRESQL_INDEX)
    refresh_documents(op.get_bind())
    for name, columns in FACET_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns}")
    op.execute("ANALYZE")  # the planner's estimates for the new table and indexes


def downgrade() -> None:
    for name in FACET_INDEXES:
        op.execute(f"DROP INDEX {name}")
    op.execute("DROP TABLE summit_fts")
