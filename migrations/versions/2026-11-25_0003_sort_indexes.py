"""Indexes for the list's sort orders (keyset paging walks them instead of sorting) and
for the facets that count whole tables.

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

# The expressions must read exactly as app.queries.SORT_DATE and SORT_DURATION compile.
INDEXES = {
    "ix_summit_sort_date": "summit (coalesce(date, '0001-01-01'), id)",
    "ix_summit_sort_duration": "summit (coalesce(duration_minutes, -1), id)",
    "ix_summit_sort_participants": "summit (participant_count, id)",
    "ix_summit_sort_format": "summit (format, id)",
    "ix_summit_participant_sort_country": "summit_participant (country, summit_id)",
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
