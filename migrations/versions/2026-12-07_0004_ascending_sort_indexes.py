"""Indexes for the ascending sorts, which put unknown dates and durations last (#12).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The expressions must read exactly as app.queries.SORT_DATE_ASC and SORT_DURATION_ASC compile.
INDEXES = {
    "ix_summit_sort_date_asc": "summit (coalesce(date, '9999-12-31'), id)",
    "ix_summit_sort_duration_asc": "summit (coalesce(duration_minutes, 2147483647), id)",
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
