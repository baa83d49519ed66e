"""Engine construction and the request-scoped session dependency."""

import time
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import create_engine

from app.config import DEFAULT_DATABASE_URL, get_settings

WRITE_OPTION = "summits_write"  # execution option marking a write transaction
DEFAULT_DATA_DIR = Path(DEFAULT_DATABASE_URL.split("///", 1)[-1]).parent  # ./data
SQLITE_PROGRESS_STEPS = 10_000  # virtual-machine steps between two read-budget checks
SQLITE_BUSY_TIMEOUT_S = 30  # concurrent loaders wait for the writer instead of failing


# Seconds spent in the database by the current request; a list so threads add to it.
db_seconds: ContextVar[list[float]] = ContextVar("db_seconds")


def record_db_time(seconds: float) -> None:
    """Add to the current request's database time (no-op outside a request)."""
    holder = db_seconds.get(None)
    if holder is not None:
        holder[0] += seconds


def _time_queries(engine: Engine) -> Engine:
    """Report each query's duration to the request's Server-Timing."""

    @event.listens_for(engine, "before_cursor_execute")
    def _before(
        _conn: Any, _cursor: Any, _statement: Any, _params: Any, context: Any, _many: Any
    ) -> None:
        context._summits_started = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(
        _conn: Any, _cursor: Any, _statement: Any, _params: Any, context: Any, _many: Any
    ) -> None:
        record_db_time(time.perf_counter() - context._summits_started)

    return engine


class DatabaseDirectoryMissing(ValueError):
    """DATABASE_URL names a SQLite file in a directory that does not exist."""


def ensure_directory(folder: Path) -> None:
    """Create the default ``./data`` on first use; any other missing directory is a
    mistyped DATABASE_URL, which must not quietly get a new, empty database (#12)."""
    if folder.is_dir():
        return
    if folder.resolve() == DEFAULT_DATA_DIR.resolve():
        folder.mkdir(parents=True, exist_ok=True)
        return
    raise DatabaseDirectoryMissing(
        f"the directory {folder} of DATABASE_URL does not exist: create it, or correct "
        f"DATABASE_URL (only the default {DEFAULT_DATA_DIR}/ is created for you)"
    )


def _free_writes(engine: Engine) -> Engine:
    """Lift the connection's statement timeout inside write transactions: reads are cut
    off after the read budget, writes are not (#13)."""

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")

    return engine


def make_engine(
    url: str, *, read_timeout: float | None = None, pre_ping: bool = False, **pool: Any
) -> Engine:
    """Build an engine; SQLite gets foreign keys and working SAVEPOINTs. ``pool`` holds
    the pool's size, overflow and timeout (SQLAlchemy's defaults when not given);
    ``read_timeout`` bounds each read: a statement timeout on PostgreSQL, a progress
    handler on SQLite. ``pre_ping`` tests each pooled PostgreSQL connection before use:
    one more round trip per request, which only saves the first request after the
    server restarts (a lost connection invalidates the whole pool)."""
    if not url.startswith("sqlite"):
        # the read budget is the connection's own setting, sent with the connection's
        # start-up, so a read transaction costs no SET round trip (#14)
        options = (
            {"options": f"-c statement_timeout={max(1, round(read_timeout * 1000))}"}
            if read_timeout
            else {}
        )
        engine = create_engine(url, pool_pre_ping=pre_ping, connect_args=options, **pool)
        if read_timeout:
            _free_writes(engine)
        return _time_queries(engine)
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        ensure_directory(Path(path).parent)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S},
        **pool,
    )

    # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy emit BEGIN
    # (SQLAlchemy SQLite dialect docs, "Serializable isolation / Savepoints").
    deadlines: dict[int, float] = {}  # id of a DBAPI connection -> when its read must stop

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
        if read_timeout:
            key = id(dbapi_connection)
            dbapi_connection.set_progress_handler(
                lambda: time.monotonic() > deadlines.get(key, float("inf")),
                SQLITE_PROGRESS_STEPS,
            )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # writers take the lock up front, so two loaders queue on the busy timeout
        # instead of failing when a read lock cannot be upgraded
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "before_cursor_execute")
    def _start_budget(
        connection: Any, _cursor: Any, _statement: Any, _params: Any, _context: Any, _many: Any
    ) -> None:
        # each read statement is interrupted past its budget, as PostgreSQL's
        # statement_timeout does (#13); writes are not limited
        if read_timeout:
            writing = connection.get_execution_options().get(WRITE_OPTION)
            deadline = float("inf") if writing else time.monotonic() + read_timeout
            deadlines[id(connection.connection.dbapi_connection)] = deadline

    return _time_queries(engine)


@cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    settings = get_settings()
    return make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        read_timeout=settings.read_timeout_seconds,
        pre_ping=settings.db_pre_ping,
    )


def writer(engine: Engine) -> Engine:
    """The engine for a write transaction (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})
