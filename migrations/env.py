"""Alembic environment: URL from our settings, models from app.models."""

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, text

from app import models
from app.config import get_settings
from app.db import make_engine, writer
from app.migrate import include_name

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = models.metadata
MIGRATION_LOCK_KEY = 0x53554D4D4954  # "SUMMIT": the advisory lock upgrades queue on


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=include_name,
        render_as_batch=True,  # SQLite ALTERs go through batch mode
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    """Emit SQL without a database."""
    _configure(url=config.get_main_option("sqlalchemy.url") or get_settings().database_url)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate the configured database, or the connection a caller handed us."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = make_engine(url)
    # one transaction holding the write lock, so concurrent upgrades wait for each
    # other and each then finds the schema where the last one left it (#13)
    with writer(engine).connect() as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
