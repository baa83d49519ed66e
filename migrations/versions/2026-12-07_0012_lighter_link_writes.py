"""Lighter writes of summits and their links (#16): four indexes that others already
cover are dropped, and a link's date interval is copied from its summit only when the
writer did not supply it.

Each row a load writes maintains every index of its table, and each participant or
issue link ran a trigger function that read its summit back. The bulk loader knows the
interval of each summit it writes, so it supplies it with the link and the trigger is
skipped; every other writer (the store, ``summits synth``, SQL by hand) still leaves it
to the trigger. The dropped indexes lead with the same column as a wider one that stays,
which serves the same lookups:

- ``ix_summit_city`` by ``ix_summit_facet_location (city, country)``;
- ``ix_summit_participant_count`` by ``ix_summit_sort_participants (participant_count, id)``;
- ``ix_summit_participant_person_id`` by ``ix_summit_participant_sort_interval (person_id, ...)``;
- ``ix_summit_issue_issue_slug`` by ``ix_summit_issue_sort_interval (issue_slug, ...)``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# index name: (table, column), as 0001 and 0002 made them
COVERED = {
    "ix_summit_city": ("summit", "city"),
    "ix_summit_participant_count": ("summit", "participant_count"),
    "ix_summit_participant_person_id": ("summit_participant", "person_id"),
    "ix_summit_issue_issue_slug": ("summit_issue", "issue_slug"),
}
LINKS = ("summit_participant", "summit_issue")
UNSUPPLIED = "NEW.date_start IS NULL AND NEW.date_end IS NULL"
# 0009's triggers, and this revision's: on insert only when the writer left the interval
# out (a summit without a date has none either way, and the trigger finds none); a link
# moved to another summit always takes that summit's.
FROM_SUMMIT = (
    "UPDATE {table} SET (date_start, date_end) = (SELECT date_start, date_end FROM summit "
    "WHERE id = NEW.summit_id) WHERE rowid = NEW.rowid"
)
SQLITE_0009 = [
    f"CREATE TRIGGER {table}_dates_ai AFTER INSERT ON {table} "
    f"BEGIN {FROM_SUMMIT.format(table=table)}; END"
    for table in LINKS
]
SQLITE_0012 = [
    f"CREATE TRIGGER {table}_dates_ai AFTER INSERT ON {table} WHEN {UNSUPPLIED} "
    f"BEGIN {FROM_SUMMIT.format(table=table)}; END"
    for table in LINKS
]
POSTGRESQL_0009 = [
    f"CREATE TRIGGER {table}_dates BEFORE INSERT OR UPDATE OF summit_id ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION link_summit_dates()"
    for table in LINKS
]
POSTGRESQL_0012 = [
    statement
    for table in LINKS
    for statement in (
        f"CREATE TRIGGER {table}_dates BEFORE INSERT ON {table} "
        f"FOR EACH ROW WHEN ({UNSUPPLIED}) EXECUTE FUNCTION link_summit_dates()",
        f"CREATE TRIGGER {table}_dates_moved BEFORE UPDATE OF summit_id ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION link_summit_dates()",
    )
]


def _drop_triggers(*, sqlite: bool, moved: bool) -> None:
    for table in LINKS:
        if sqlite:
            op.execute(f"DROP TRIGGER {table}_dates_ai")
            continue
        op.execute(f"DROP TRIGGER {table}_dates ON {table}")
        if moved:
            op.execute(f"DROP TRIGGER {table}_dates_moved ON {table}")


def upgrade() -> None:
    for name in COVERED:
        op.execute(f"DROP INDEX {name}")
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_triggers(sqlite=sqlite, moved=False)
    for statement in SQLITE_0012 if sqlite else POSTGRESQL_0012:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_triggers(sqlite=sqlite, moved=True)
    for statement in SQLITE_0009 if sqlite else POSTGRESQL_0009:
        op.execute(statement)
    for name, (table, column) in COVERED.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({column})")
