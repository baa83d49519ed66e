"""A read model: ``summit_summary``, one row per summit with what lists, exports and maps
show of its links (participants, issues, third countries, sources) as JSON (#14).

Backfilled here in SQL from the link tables; afterwards the write path rebuilds a
summit's row in the same transaction (``app.store.refresh_summary``, which runs the
same query). This copy is frozen with the migration, as migrations must be.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each list, per dialect: (JSON aggregate of ordered rows, empty-set fallback).
SQLITE_LIST = "(SELECT json_group_array(json(x)) FROM (SELECT {value} AS x {rest}))"
SQLITE_SCALARS = "(SELECT json_group_array(x) FROM (SELECT {value} AS x {rest}))"
POSTGRESQL_LIST = "coalesce((SELECT json_agg({value} ORDER BY {order}) {tail}), '[]')"
PARTICIPANT = "{obj}('person_id', p.id, 'name', p.name, 'role', sp.role, 'country', sp.country)"
SOURCE = (
    "{obj}('article_id', a.id, 'title', a.title, 'url', a.url, 'publisher', a.publisher,"
    " 'published_date', a.published_date)"
)
# (value, FROM ... WHERE ..., ORDER BY) of each column
PARTS = {
    "participants": (
        PARTICIPANT,
        "FROM summit_participant sp JOIN person p ON p.id = sp.person_id WHERE sp.summit_id = s.id",
        "p.name, p.id",
    ),
    "issues": ("issue_slug", "FROM summit_issue WHERE summit_id = s.id", "issue_slug"),
    "about": ("country", "FROM summit_about WHERE summit_id = s.id", "country"),
    "sources": (
        SOURCE,
        "FROM summit_source ss JOIN article a ON a.id = ss.article_id WHERE ss.summit_id = s.id",
        "a.id",
    ),
}


def summary_select(dialect: str) -> str:
    """SELECT of (summit_id, participants, issues, about, sources) for every summit."""
    columns = []
    for value, tail, order in PARTS.values():
        if dialect == "postgresql":
            columns.append(
                POSTGRESQL_LIST.format(
                    value=value.format(obj="json_build_object"), order=order, tail=tail
                )
            )
        else:
            shape = SQLITE_SCALARS if "{obj}" not in value else SQLITE_LIST
            columns.append(
                shape.format(value=value.format(obj="json_object"), rest=f"{tail} ORDER BY {order}")
            )
    return f"SELECT s.id, {', '.join(columns)} FROM summit s"


def upgrade() -> None:
    op.create_table(
        "summit_summary",
        sa.Column("summit_id", sa.Integer(), nullable=False),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("issues", sa.JSON(), nullable=False),
        sa.Column("about", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["summit_id"],
            ["summit.id"],
            name=op.f("fk_summit_summary_summit_id_summit"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("summit_id", name=op.f("pk_summit_summary")),
    )
    op.execute(
        "INSERT INTO summit_summary (summit_id, participants, issues, about, sources) "
        + summary_select(op.get_bind().dialect.name)
    )


def downgrade() -> None:
    op.drop_table("summit_summary")
