"""Indexes for the list's sort orders (keyset paging walks them instead of sorting).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The expressions must read exactly as app.crud.SORT_DATE and SORT_DURATION compile.
INDEXES = {
    "ix_summit_sort_date": "coalesce(date, '0001-01-01'), id",
    "ix_summit_sort_duration": "coalesce(duration_minutes, -1), id",
    "ix_summit_sort_participants": "participant_count, id",
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON summit ({columns})")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
