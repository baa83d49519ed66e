"""Engine construction and the request-scoped session dependency."""

import math
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import ClauseElement, Engine, event, text
from sqlmodel import Session, create_engine
from sqlmodel.sql.expression import SelectOfScalar

from app.config import DEFAULT_DATABASE_URL, get_settings

WRITE_OPTION = "summits_write"  # execution option marking a write transaction
DEFAULT_DATA_DIR = Path(DEFAULT_DATABASE_URL.split("///", 1)[-1]).parent  # ./data
SQLITE_PROGRESS_STEPS = 10_000  # virtual-machine steps between two read-budget checks
SQLITE_BUSY_TIMEOUT_S = 30  # concurrent loaders wait for the writer instead of failing
VERSIONED_ENGINES = 4  # engines whose data version is followed (tests make one per test)
COUNT_CACHE_SIZE = 1024  # counts kept, least recently used dropped first
COUNT_KEY_CHARS = 10_000  # longer statements (long IN-lists) are counted afresh
# PostgreSQL settings sent with each connection's start-up (#14). Reads run in autocommit
# (read_session), so psycopg prepares a statement repeated on a connection; a prepared
# statement's generic plan ignores its values (a five-year date range planned as if it
# were any range: 10x the work), so each execution is still planned for its values. A
# parallel worker costs more CPU to start than these short queries take, and a 2-core
# server gains no throughput from one. The tables are read from memory or SSD, where an
# index probe costs about a sequential read: at the default random_page_cost (4, a disk
# seek) the participant filter walked the whole date index instead of reading the
# person's few hundred summits (5x the CPU).
POSTGRES_OPTIONS = (
    "-c plan_cache_mode=force_custom_plan -c max_parallel_workers_per_gather=0"
    " -c random_page_cost=1.1"
)
# Primary-key maxima: one index probe each, where counting would scan the tables. Every
# write adds an article (and its summits and statements), so these move on every change.
VERSION_QUERY = text(
    "SELECT (SELECT max(id) FROM article), (SELECT max(id) FROM summit),"
    " (SELECT max(id) FROM statement), (SELECT max(id) FROM person)"
)


_versions: OrderedDict[int, "DataVersion"] = OrderedDict()  # id(engine) -> its version
_versions_lock = threading.Lock()
# id(engine) -> (engine, its autocommit twin for reads)
_autocommit: OrderedDict[int, tuple[Engine, Engine]] = OrderedDict()


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
    off after the read budget, writes are not (#13). Writes also go back to PostgreSQL's
    own plan caching: a batch repeats the same statements with similar values, and planning
    each execution afresh (the reads' setting) nearly doubled the bulk load's server CPU
    (#16)."""

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
            connection.exec_driver_sql("SET LOCAL plan_cache_mode = auto")

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
        options = POSTGRES_OPTIONS
        if read_timeout:
            options += f" -c statement_timeout={max(1, round(read_timeout * 1000))}"
        engine = create_engine(
            url, pool_pre_ping=pre_ping, connect_args={"options": options}, **pool
        )
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


def read_session(engine: Engine) -> Session:
    """A session for reads. On PostgreSQL its connections are in autocommit, each
    statement its own implicit transaction: a request sends no BEGIN and no ROLLBACK
    besides its queries, and psycopg keeps the connection's prepared statements (a
    ROLLBACK drops them), so a query repeated on a connection is parsed once, not once
    per request (#14). Its statements may see different commits, which no read needs. A
    connection is still taken from the pool only by the first query."""
    if engine.dialect.name != "postgresql":
        return Session(engine)
    with _versions_lock:
        found = _autocommit.get(id(engine))
        if found is None or found[0] is not engine:
            twin = engine.execution_options(isolation_level="AUTOCOMMIT")
            found = _autocommit[id(engine)] = (engine, twin)
            while len(_autocommit) > VERSIONED_ENGINES:
                _autocommit.popitem(last=False)
    return Session(found[1])


def primary(engine: Engine) -> Engine:
    """The engine ``read_session`` made an autocommit twin of (else ``engine`` itself):
    both share one pool, one data version and one set of cached counts."""
    with _versions_lock:
        return next((parent for parent, twin in _autocommit.values() if twin is engine), engine)


def _configured_engine(url: str) -> Engine:
    """An engine for ``url`` with the configured pool, read budget and pre-ping."""
    settings = get_settings()
    return make_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        read_timeout=settings.read_timeout_seconds,
        pre_ping=settings.db_pre_ping,
    )


Built = TypeVar("Built")


# A process-wide value built on first use, once even when threads ask at the same moment.
class ProcessWide(Generic[Built]):
    """``functools.cache`` lets two threads that miss together each build their own: the
    explorer's start-up warm-up and the first request (or a test) then held two engines,
    two pools and two data versions, and a listener on one missed the other's queries.
    ``cache_clear`` forgets the value, as ``functools.cache``'s does."""

    def __init__(self, build: Callable[[], Built]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._value: Built | None = None
        self.__doc__ = build.__doc__

    def __call__(self) -> Built:
        value = self._value  # built already: no lock on the request path
        if value is not None:
            return value
        with self._lock:
            if self._value is None:
                self._value = self._build()
            return self._value

    def cache_clear(self) -> None:
        with self._lock:
            self._value = None


@ProcessWide
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return _configured_engine(get_settings().database_url)


def get_read_engine() -> Engine:
    """The engine of the read endpoints: the replica at DATABASE_READ_URL when one is set,
    else the primary's (#16). Writes, loads and migrations always use ``get_engine``."""
    if not get_settings().database_read_url:
        return get_engine()
    return get_replica_engine()


@ProcessWide
def get_replica_engine() -> Engine:
    """The process-wide engine for the read replica (DATABASE_READ_URL, which must be set)."""
    read_url = get_settings().database_read_url
    assert read_url
    return _configured_engine(read_url)


def writer(engine: Engine) -> Engine:
    """The engine for a write transaction (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


class DataVersion:
    """One database's data version, re-read only when it may have changed, so a GET
    costs no query for its ETag (#14). SQLite tells: ``PRAGMA data_version`` on a
    connection of our own moves whenever another connection commits, in any process. On
    PostgreSQL a commit through this process re-reads it at once, and a write by another
    process shows within ``max_lag`` seconds."""

    def __init__(self, engine: Engine, max_lag: float) -> None:
        self.engine = engine
        self._max_lag = max_lag
        self._lock = threading.Lock()
        self._token: str | None = None
        self._read_at = -math.inf
        self._commits = 0  # commits through this engine, counted by the event below
        self._commits_seen = -1
        self._marker: Any = None  # PRAGMA data_version when the token was read
        database = engine.url.database
        self.counts = Lru(COUNT_CACHE_SIZE)  # counts and facets of this database (cached)
        self.people: Any = None  # queries.match_people's name index, with its versions
        self._probe = (
            sqlite3.connect(database, check_same_thread=False, isolation_level=None)
            if engine.dialect.name == "sqlite" and database and database != ":memory:"
            else None
        )
        event.listen(engine, "commit", self._count_commit)

    def close(self) -> None:
        """Stop following (the SQLite probe connection is closed)."""
        if self._probe is not None:
            self._probe.close()

    def _count_commit(self, _connection: Any) -> None:
        self._commits += 1

    def _pragma(self) -> Any:
        assert self._probe is not None
        return self._probe.execute("PRAGMA data_version").fetchone()[0]

    def _current(self) -> bool:
        if self._token is None or self._commits_seen != self._commits:
            return False
        if self._probe is not None:
            return bool(self._pragma() == self._marker)
        return time.monotonic() - self._read_at < self._max_lag

    def known(self) -> str | None:
        """The token when it is known to be current without a query (else None)."""
        if not self._lock.acquire(blocking=False):  # another thread is re-reading it
            return None
        try:
            return self._token if self._current() else None
        finally:
            self._lock.release()

    def read(self) -> str:
        """The token, re-read if it may have changed."""
        with self._lock:
            if self._current():
                assert self._token is not None
                return self._token
            commits, started = self._commits, time.monotonic()
            if self._probe is not None:
                marker = self._pragma()
                row = self._probe.execute(str(VERSION_QUERY)).fetchone()
            else:
                marker = None
                with read_session(self.engine) as session:  # one round trip
                    row = session.execute(VERSION_QUERY).one()
            self._token = "|".join(map(str, row))
            self._marker, self._commits_seen, self._read_at = marker, commits, started
            return self._token


def data_versions(engine: Engine) -> DataVersion:
    """The data version of ``engine``'s database, followed from the first call on."""
    engine = primary(engine)
    with _versions_lock:
        found = _versions.get(id(engine))
        if found is None or found.engine is not engine:
            found = _versions[id(engine)] = DataVersion(engine, get_settings().etag_max_lag_seconds)
            while len(_versions) > VERSIONED_ENGINES:
                _versions.popitem(last=False)[1].close()
        return found


def cached_count(session: Session, query: SelectOfScalar[int]) -> int:
    """``query``'s count, computed once per statement until the data changes (#14):
    exact, but repeated list pages no longer count every match each time. Changes show
    as the ETag's data version does (at once on SQLite; on PostgreSQL within
    ETAG_MAX_LAG_SECONDS of another process's write)."""
    return int(cached(session, query, lambda: session.exec(query).one()))


Found = TypeVar("Found")


def cached(session: Session, query: ClauseElement, compute: Callable[[], Found]) -> Found:
    """What ``compute`` makes of ``query`` (its count, its facet rows), computed once per
    statement and parameters until the data changes, as ``cached_count`` says."""
    engine = session.get_bind().engine
    compiled = query.compile(dialect=engine.dialect)
    params = repr(sorted(compiled.params.items()))
    if len(compiled.string) + len(params) > COUNT_KEY_CHARS:
        return compute()
    versions = data_versions(engine)
    key = (versions.read(), compiled.string, params)
    found = versions.counts.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]  # stored by this function for this key
    result = compute()
    versions.counts.put(key, result)
    return result


# A bounded map, least recently used dropped first; safe across request threads.
class Lru:
    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            if key not in self._items:
                return None
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
