"""Run Alembic migrations from code (CLI, server start-up, tests)."""

from pathlib import Path

from alembic import command
from alembic.config import Config

from app.config import get_settings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """What autogenerate compares: not what the search migrations build by hand (FTS5
    tables and their shadow tables, GIN indexes) nor the sort and facet indexes, which no
    model describes."""
    if name is None:
        return True
    if type_ == "table":
        return "_fts" not in name
    if type_ == "index":
        return not name.endswith("_text_search") and "_sort_" not in name and "_facet_" not in name
    return True


def alembic_config(url: str | None = None) -> Config:
    """Alembic config for ``url`` (the configured database by default)."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.set_main_option(
        "sqlalchemy.url", (url or get_settings().database_url).replace("%", "%%")
    )
    config.attributes["configure_logger"] = False
    return config


def upgrade(revision: str = "head", *, url: str | None = None) -> None:
    """Bring the schema up to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def downgrade(revision: str = "base", *, url: str | None = None) -> None:
    """Take the schema down to ``revision``."""
    command.downgrade(alembic_config(url), revision)
