"""Summits' dates as the intervals they denote: ``2022-11`` is 2022-11-01..2022-11-30 (#12).

Adds ``date_start`` and ``date_end``, backfilled from ``date`` and ``date_precision``
(null when the date is unknown), an index on both for the overlap filters, and moves
the date sort indexes of 0003 and 0004 from ``date`` to (start, end).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The expressions must read exactly as app.queries.SORT_DATE and SORT_DATE_ASC compile.
SORT_INDEXES = {
    "ix_summit_sort_interval": "summit (coalesce(date_start, '0001-01-01'), "
    "coalesce(date_end, '0001-01-01'), id)",
    "ix_summit_sort_interval_asc": "summit (coalesce(date_start, '9999-12-31'), "
    "coalesce(date_end, '9999-12-31'), id)",
}
# The indexes of 0003 and 0004 they replace.
OLD_SORT_INDEXES = {
    "ix_summit_sort_date": "summit (coalesce(date, '0001-01-01'), id)",
    "ix_summit_sort_date_asc": "summit (coalesce(date, '9999-12-31'), id)",
}
FILTER_INDEX = "ix_summit_date_start_date_end"

# The last day of each precision's interval, per dialect (``date`` is its first day).
END_OF = {
    "sqlite": {
        "day": "date",
        "month": "date(date, 'start of month', '+1 month', '-1 day')",
        "year": "date(date, 'start of year', '+1 year', '-1 day')",
    },
    "postgresql": {
        "day": "date",
        "month": "CAST(date_trunc('month', date) + interval '1 month - 1 day' AS date)",
        "year": "CAST(date_trunc('year', date) + interval '1 year - 1 day' AS date)",
    },
}


def upgrade() -> None:
    op.add_column("summit", sa.Column("date_start", sa.Date(), nullable=True))
    op.add_column("summit", sa.Column("date_end", sa.Date(), nullable=True))
    ends = END_OF[op.get_bind().dialect.name]
    cases = " ".join(f"WHEN '{precision}' THEN {end}" for precision, end in ends.items())
    op.execute(
        f"UPDATE summit SET date_start = date, date_end = CASE date_precision {cases} END "
        "WHERE date IS NOT NULL AND date_precision IN ('day', 'month', 'year')"
    )
    op.create_index(FILTER_INDEX, "summit", ["date_start", "date_end"])
    for name in OLD_SORT_INDEXES:
        op.execute(f"DROP INDEX {name}")
    for name, columns in SORT_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns}")


def downgrade() -> None:
    for name in SORT_INDEXES:
        op.execute(f"DROP INDEX {name}")
    for name, columns in OLD_SORT_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns}")
    op.drop_index(FILTER_INDEX, table_name="summit")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+): a batch rebuild of the table
    # would lose the expression indexes above
    op.drop_column("summit", "date_end")
    op.drop_column("summit", "date_start")
