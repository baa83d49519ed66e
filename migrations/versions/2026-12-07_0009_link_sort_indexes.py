"""The summit's date interval on its participant and issue links, and indexes that lead
with the person or issue and carry the date sort keys (#14).

A list filtered by one leader or one issue and sorted by date then reads its page as a
range of one of these indexes, about ``limit`` entries, instead of collecting every
summit of that leader or issue and sorting them: the page costs the same at 100,000 and
1,000,000 summits. Triggers keep the copies in step with the summit whatever writes
the links (the store, the bulk loader, ``summits synth``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each link table and the column a filter names.
LINKS = {"summit_participant": "person_id", "summit_issue": "issue_slug"}
# The expressions must read exactly as app.queries.SORT_DATE and SORT_DATE_ASC compile
# (on the link's copy of the interval).
SORT_KEYS = {
    "sort_interval": "coalesce(date_start, '0001-01-01'), coalesce(date_end, '0001-01-01')",
    "sort_interval_asc": "coalesce(date_start, '9999-12-31'), coalesce(date_end, '9999-12-31')",
}
INDEXES = {
    f"ix_{table}_{name}": f"{table} ({column}, {keys}, summit_id)"
    for table, column in LINKS.items()
    for name, keys in SORT_KEYS.items()
}
# A summit whose interval changes (a second report dates it) passes it to its links.
CHANGED = (
    "OLD.date_start IS DISTINCT FROM NEW.date_start OR OLD.date_end IS DISTINCT FROM NEW.date_end"
)
TO_LINKS = " ".join(
    f"UPDATE {table} SET date_start = NEW.date_start, date_end = NEW.date_end "
    "WHERE summit_id = NEW.id;"
    for table in LINKS
)
SQLITE_TRIGGERS = [
    *(
        f"CREATE TRIGGER {table}_dates_{suffix} AFTER {event} ON {table} BEGIN "
        f"UPDATE {table} SET (date_start, date_end) = (SELECT date_start, date_end FROM summit "
        "WHERE id = NEW.summit_id) WHERE rowid = NEW.rowid; END"
        for table in LINKS
        for suffix, event in (("ai", "INSERT"), ("au", "UPDATE OF summit_id"))
    ),
    "CREATE TRIGGER summit_link_dates_au AFTER UPDATE OF date_start, date_end ON summit "
    f"WHEN {CHANGED.replace('IS DISTINCT FROM', 'IS NOT')} BEGIN {TO_LINKS} END",
]
POSTGRESQL_TRIGGERS = [
    "CREATE FUNCTION link_summit_dates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "SELECT date_start, date_end INTO NEW.date_start, NEW.date_end FROM summit "
    "WHERE id = NEW.summit_id; RETURN NEW; END $$",
    *(
        f"CREATE TRIGGER {table}_dates BEFORE INSERT OR UPDATE OF summit_id ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION link_summit_dates()"
        for table in LINKS
    ),
    "CREATE FUNCTION summit_dates_to_links() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"{TO_LINKS} RETURN NULL; END $$",
    "CREATE TRIGGER summit_link_dates AFTER UPDATE OF date_start, date_end ON summit "
    f"FOR EACH ROW WHEN ({CHANGED}) EXECUTE FUNCTION summit_dates_to_links()",
]
SQLITE_DROPS = [
    *(f"DROP TRIGGER {table}_dates_{suffix}" for table in LINKS for suffix in ("ai", "au")),
    "DROP TRIGGER summit_link_dates_au",
]
POSTGRESQL_DROPS = [
    *(f"DROP TRIGGER {table}_dates ON {table}" for table in LINKS),
    "DROP TRIGGER summit_link_dates ON summit",
    "DROP FUNCTION link_summit_dates()",
    "DROP FUNCTION summit_dates_to_links()",
]


def upgrade() -> None:
    for table in LINKS:
        op.add_column(table, sa.Column("date_start", sa.Date(), nullable=True))
        op.add_column(table, sa.Column("date_end", sa.Date(), nullable=True))
        op.execute(
            f"UPDATE {table} SET date_start = summit.date_start, date_end = summit.date_end "
            f"FROM summit WHERE summit.id = {table}.summit_id"
        )
    for name, columns in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {columns}")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        op.execute(statement)
    for table in LINKS:  # the planner's estimates for the new indexes
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DROPS if sqlite else POSTGRESQL_DROPS:
        op.execute(statement)
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), as in 0006
    for table in LINKS:
        op.drop_column(table, "date_end")
        op.drop_column(table, "date_start")
