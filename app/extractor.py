"""Extraction in worker processes, each article under a time budget (#13).

CPU-bound Python cannot be interrupted from another thread, so an article's extraction
runs in a child process: the parent waits at most the budget for the result, then kills
the child and starts another. The server's event loop and threads only ever wait.
Workers fork from a fork server that has loaded the rule data once
(``app.nlp.warm``), so a replacement starts in a fraction of a second, and forking never
copies a process that runs threads.
"""

import asyncio
import logging
import multiprocessing
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Self

from app.nlp.doc import ArticleDoc, ArticleMeta
from app.nlp.pipeline import extract, warm_up
from app.nlp.rules import Rules

logger = logging.getLogger(__name__)
PRELOAD = ["app.nlp.warm"]  # imported by the fork server before it forks any worker
START_TIMEOUT_S = 300.0  # the first worker loads the rule data, slow on a busy machine
STOP_TIMEOUT_S = 5.0  # an idle worker told to stop exits at once; then it is killed
READY = "ready"


class ExtractionFailed(Exception):
    """The extraction of one article gave no result; the message says why."""


class ExtractionTimeout(ExtractionFailed):
    """The article's extraction ran past its budget and was stopped."""


def budget_exceeded(budget_s: float) -> str:
    """The reason reported for an article stopped at its budget."""
    return f"extraction exceeded {budget_s:g} s"


def _serve(connection: Connection) -> None:
    """A worker: extract each ``(text, url, supplied)`` received until the parent hangs up."""
    rules = warm_up()  # cached when forked from the fork server; loads them under spawn
    try:
        connection.send(READY)
        while True:
            text, url, supplied = connection.recv()
            connection.send(_extract_one(text, url, supplied, rules))
    except (EOFError, BrokenPipeError):
        return  # the parent closed the pipe: it needs no more articles


def _extract_one(
    text: str, url: str | None, supplied: ArticleMeta | None, rules: Rules
) -> tuple[bool, ArticleDoc | str]:
    """(True, doc), or (False, why): one article's crash is its own failure."""
    try:
        return True, extract(text, url=url, rules=rules, supplied=supplied)
    except Exception as err:  # any bug in a stage: report it, keep the worker
        return False, f"extraction failed: {err.__class__.__name__}: {err}"


def _context() -> ForkServerContext | SpawnContext:
    """The fork server, warmed by ``PRELOAD``; plain spawn where there is none (Windows)."""
    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)  # applies when the fork server first starts
    return context


class Extractor:
    """One worker process and the budget each article gets in it; started on first use,
    killed and replaced when an article runs over. Used by one thread at a time."""

    def __init__(self, *, budget_s: float) -> None:
        self.budget_s = budget_s
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._ready = False

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the worker without waiting for it, so it warms up while we read input."""
        if self._process is not None:
            return
        context = _context()
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        self._process, self._connection, self._ready = process, parent, False

    def _connect(self) -> Connection:
        """The pipe to a worker that has its rule data loaded."""
        self.start()
        assert self._connection is not None
        if not self._ready:
            if not self._connection.poll(START_TIMEOUT_S):
                self.close()
                raise ExtractionFailed(f"extraction worker not ready in {START_TIMEOUT_S:g} s")
            self._receive()
            self._ready = True
        return self._connection

    def _receive(self) -> Any:
        assert self._connection is not None and self._process is not None
        try:
            return self._connection.recv()
        except (EOFError, OSError) as err:
            self._process.join(STOP_TIMEOUT_S)
            code = self._process.exitcode
            self.close(kill=True)
            raise ExtractionFailed(f"extraction worker stopped (exit code {code})") from err

    def extract(
        self, text: str, url: str | None = None, supplied: ArticleMeta | None = None
    ) -> ArticleDoc:
        """The article extracted by the worker, or ``ExtractionTimeout`` once the budget
        is spent (the worker is killed and a new one started)."""
        connection = self._connect()
        try:
            connection.send((text, url, supplied))
        except OSError as err:
            self.close()
            raise ExtractionFailed("extraction worker stopped") from err
        if not connection.poll(self.budget_s):
            self.close(kill=True)
            self.start()
            raise ExtractionTimeout(budget_exceeded(self.budget_s))
        ok, value = self._receive()
        if not ok:
            raise ExtractionFailed(value)
        doc: ArticleDoc = value
        return doc

    def close(self, *, kill: bool = False) -> None:
        """Stop the worker: an idle one exits when its pipe closes, a busy one is killed."""
        process, connection = self._process, self._connection
        self._process, self._connection, self._ready = None, None, False
        if process is None or connection is None:
            return
        if kill:
            process.kill()
        connection.close()
        process.join(STOP_TIMEOUT_S)
        if process.exitcode is None:
            process.kill()
            process.join()
        process.close()


class ExtractorPool:
    """The API's workers: a request waits (on the event loop, without a thread) for a free
    worker, whose processes start on first use; ``close`` at shutdown stops them."""

    def __init__(self, *, size: int, budget_s: float) -> None:
        self.budget_s = budget_s
        self._free = asyncio.Semaphore(size)
        self._idle: list[Extractor] = []
        self._all: list[Extractor] = []

    @asynccontextmanager
    async def worker(self) -> AsyncIterator[Extractor]:
        """A worker for one article, given back afterwards."""
        async with self._free:
            if self._idle:
                extractor = self._idle.pop()
            else:
                extractor = Extractor(budget_s=self.budget_s)
                self._all.append(extractor)
            try:
                yield extractor
            finally:
                self._idle.append(extractor)

    def close(self) -> None:
        """Stop every worker started."""
        for extractor in self._all:
            extractor.close()
        self._all.clear()
        self._idle.clear()
