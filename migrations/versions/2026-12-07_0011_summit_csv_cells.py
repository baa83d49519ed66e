"""The summit CSV's list cells in the read model (#14): participants, their countries and
ids, issues, third countries and source URLs, each joined with '; ' in the list's order,
so the export writes rows as the cursor returns them instead of decoding four JSON lists
per row.

Backfilled here in SQL from the link tables; afterwards the write path rebuilds them with
the rest of the summary (``app.store.SUMMARY_CELLS``, the same query). This copy is
frozen with the migration, as migrations must be.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One cell per dialect; the aggregates skip NULLs (a source without a URL).
CELL = {
    "sqlite": "coalesce((SELECT group_concat(x, '; ') "
    "FROM (SELECT {value} AS x {tail} ORDER BY {order})), '')",
    "postgresql": "coalesce((SELECT string_agg({value}, '; ' ORDER BY {order}) {tail}), '')",
}
SUMMIT = "summit_summary.summit_id"
PARTICIPANTS = (
    "FROM summit_participant sp JOIN person p ON p.id = sp.person_id "
    f"WHERE sp.summit_id = {SUMMIT}",
    "p.name, p.id",
)
ISSUES = (f"FROM summit_issue WHERE summit_id = {SUMMIT}", "issue_slug")
ABOUT = (f"FROM summit_about WHERE summit_id = {SUMMIT}", "country")
SOURCES = (
    f"FROM summit_source ss JOIN article a ON a.id = ss.article_id WHERE ss.summit_id = {SUMMIT}",
    "a.id",
)
# (value, FROM ... WHERE ..., ORDER BY) of each column
CELLS = {
    "csv_participants": ("p.name", *PARTICIPANTS),
    "csv_participant_countries": ("sp.country", *PARTICIPANTS),
    "csv_participant_ids": ("CAST(p.id AS TEXT)", *PARTICIPANTS),
    "csv_issues": ("issue_slug", *ISSUES),
    "csv_about": ("country", *ABOUT),
    "csv_source_urls": ("a.url", *SOURCES),
}


def upgrade() -> None:
    for name in CELLS:
        op.add_column(
            "summit_summary", sa.Column(name, sa.Text(), nullable=False, server_default="")
        )
    cell = CELL[op.get_bind().dialect.name]
    assignments = ", ".join(
        f"{name} = {cell.format(value=value, tail=tail, order=order)}"
        for name, (value, tail, order) in CELLS.items()
    )
    op.execute(f"UPDATE summit_summary SET {assignments}")


def downgrade() -> None:
    with op.batch_alter_table("summit_summary") as batch:
        for name in CELLS:
            batch.drop_column(name)
