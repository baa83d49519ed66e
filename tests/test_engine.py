"""The process-wide engines: one per process, even when threads ask for it together (the
explorer's start-up warm-up runs beside the first requests)."""

import threading

import pytest
from sqlalchemy import Engine

from app.config import get_settings
from app.db import ProcessWide, get_engine, get_read_engine, get_replica_engine, make_engine, writer

THREADS = 4
ROUNDS = 30  # before the fix about a third of the rounds built two engines or more


def _ask(get: ProcessWide[Engine], barrier: threading.Barrier, given: list[Engine]) -> None:
    barrier.wait()
    given.append(get())


def _engines_asked_together(get: ProcessWide[Engine]) -> list[set[int]]:
    """Per round, the ids of the engines that threads released at once were given."""
    rounds: list[set[int]] = []
    for _ in range(ROUNDS):
        get.cache_clear()
        barrier = threading.Barrier(THREADS)
        given: list[Engine] = []
        threads = [
            threading.Thread(target=_ask, args=(get, barrier, given)) for _ in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rounds.append({id(engine) for engine in given})
        for engine in set(given):
            engine.dispose()
    return rounds


def test_threads_asking_together_share_one_engine(settings_env: str) -> None:
    rounds = _engines_asked_together(get_engine)
    assert [len(ids) for ids in rounds] == [1] * ROUNDS
    assert get_read_engine() is get_engine()  # no replica: the reads use it too


def test_threads_asking_together_share_one_replica_engine(
    settings_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_READ_URL", settings_env)
    get_settings.cache_clear()
    rounds = _engines_asked_together(get_replica_engine)
    assert [len(ids) for ids in rounds] == [1] * ROUNDS
    assert get_read_engine() is get_replica_engine()
    get_replica_engine.cache_clear()


@pytest.mark.parametrize("read_timeout", [None, 30.0])
def test_writes_keep_postgresql_plan_caching_that_reads_turn_off(
    database_url: str, read_timeout: float | None
) -> None:
    # reads plan each execution for its values (a generic plan ignored a date range); a
    # write batch repeats its statements, and planning each afresh nearly doubled the bulk
    # load's server CPU, with or without a read budget (the CLI has none) (#16)
    if database_url.startswith("sqlite"):
        pytest.skip("plan caching is PostgreSQL's")
    engine = make_engine(database_url, read_timeout=read_timeout)
    try:
        with engine.connect() as connection:
            read = connection.exec_driver_sql("SHOW plan_cache_mode").scalar_one()
        with writer(engine).begin() as connection:
            written = connection.exec_driver_sql("SHOW plan_cache_mode").scalar_one()
            timeout = connection.exec_driver_sql("SHOW statement_timeout").scalar_one()
    finally:
        engine.dispose()
    assert (read, written, timeout) == ("force_custom_plan", "auto", "0")
