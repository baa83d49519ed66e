"""Articles keep the file name they came from, not the path on the loader's disk (#12).

``/srv/in/articles.jsonl:27`` becomes ``articles.jsonl:27``. The paths are gone after
the upgrade, so the downgrade leaves the names as they are.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence
from pathlib import PurePosixPath, PureWindowsPath

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE = sa.table("article", sa.column("id", sa.Integer), sa.column("source", sa.String))


def _file_name(source: str) -> str:
    """The last part of a POSIX or Windows path (app.sources.file_name, frozen here)."""
    return PureWindowsPath(PurePosixPath(source).name).name


def upgrade() -> None:
    bind = op.get_bind()
    renamed = [
        {"b_id": article_id, "b_source": _file_name(source)}
        for article_id, source in bind.execute(sa.select(ARTICLE.c.id, ARTICLE.c.source))
        if _file_name(source) != source
    ]
    if renamed:
        bind.execute(
            ARTICLE.update()
            .where(ARTICLE.c.id == sa.bindparam("b_id"))
            .values(source=sa.bindparam("b_source")),
            renamed,
        )


def downgrade() -> None:
    pass  # the directories were dropped on purpose; nothing to restore
