"""Extraction on a Dask cluster: one task per JSON Lines shard, one records file per shard.

Researchers with millions of articles split them into shards (JSON Lines files, local or
on an object store, read through fsspec). Each shard is one task: a worker reads it,
extracts every article under the per-article budget (in an ``app.extractor.Extractor``
process per worker thread, forked warm, so the rule data is loaded once per worker) and
sends back the shard's records file (``app.records``, gzip JSON Lines), which the client
writes into the output folder. An article that cannot be read, runs over the budget or
crashes the extractor is written as a record with its reason, never dropped. A records
file is named after the shard, the hash of the shard's bytes and the extractor version
(``NAME.<hash12>.records.jsonl.gz``), so re-running skips the shards already done and a
shard whose content or extractor changed is extracted again (#16).
"""

import gzip
import hashlib
import io
import logging
import multiprocessing
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import dask
import fsspec
from distributed import Client, Future, LocalCluster, as_completed
from fsspec.core import url_to_fs

from app.extractor import ExtractionFailed, Extractor
from app.nlp.pipeline import EXTRACTOR_VERSION, WARM_UP_ARTICLE
from app.records import RECORDS_FORMAT, RECORDS_SUFFIX, ArticleRecord, write_records
from app.sources import JSONL_SUFFIXES, RejectedArticle, SourceArticle, read_jsonl

logger = logging.getLogger(__name__)
HASH_CHARS = 12  # of the shard's SHA-256 in its records file's name: 48 bits, no collision
COMPRESSED_SUFFIX = ".gz"  # a gzip shard is read decompressed; its name is hashed as stored
NO_TEXT = "no article text found"  # the reason ``summits load`` gives for the same article
WORKER_WAIT_S = 60.0  # how long to wait for an existing cluster's first worker
DAEMON_CONFIG = "distributed.worker.daemon"
DAEMON_FIX = "DASK_DISTRIBUTED__WORKER__DAEMON=False"
GLOB_CHARS = frozenset("*?[")


class ClusterUnfit(RuntimeError):
    """The cluster's workers cannot run the extraction; the message says what to change."""


# What one shard task did: its records (gzip JSON Lines) travel back to the client, which
# writes them; ``error`` says why a shard gave no records file at all.
@dataclass(frozen=True, slots=True)
class ShardResult:
    shard: str
    output: str | None = None  # the records file's name
    skipped: bool = False  # the records file existed: nothing was extracted
    articles: int = 0
    failures: tuple[tuple[str, str], ...] = ()  # (source, reason) of each failed article
    records: bytes | None = None
    error: str | None = None
    seconds: float = 0.0


# What a whole run did.
@dataclass(slots=True)
class ExtractReport:
    shards: int = 0
    extracted: int = 0
    skipped: int = 0
    failed: list[ShardResult] = field(default_factory=list)
    articles: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Articles extracted per second of the run, skipped shards not counted."""
        return self.articles / self.seconds if self.seconds else 0.0

    def add(self, result: ShardResult) -> None:
        """Count one finished shard."""
        if result.error is not None:
            self.failed.append(result)
        elif result.skipped:
            self.skipped += 1
        else:
            self.extracted += 1
            self.articles += result.articles
            self.failures.extend(result.failures)


def shard_stem(shard: str) -> str:
    """The shard's file name without its JSON Lines and compression suffixes."""
    name = shard.rstrip("/").rsplit("/", 1)[-1]
    name = name.removesuffix(COMPRESSED_SUFFIX)
    for suffix in JSONL_SUFFIXES:
        name = name.removesuffix(suffix)
    return name


def records_name(shard: str, data: bytes) -> str:
    """``NAME.<hash12>.records.jsonl.gz``: the hash covers the shard's bytes, the extractor
    version and the records format, so a change to any of them gives a new file."""
    digest = hashlib.sha256(f"{EXTRACTOR_VERSION}\0{RECORDS_FORMAT}\0".encode())
    digest.update(data)
    return f"{shard_stem(shard)}.{digest.hexdigest()[:HASH_CHARS]}{RECORDS_SUFFIX}"


def _is_shard(path: str) -> bool:
    return path.lower().removesuffix(COMPRESSED_SUFFIX).endswith(JSONL_SUFFIXES)


def find_shards(paths: Sequence[str]) -> tuple[list[str], list[ShardResult]]:
    """The shard URLs that ``paths`` name (files, folders of JSON Lines files, globs; local
    or any fsspec URL), in a stable order, and a failure for each path naming nothing."""
    found: list[str] = []
    missing: list[ShardResult] = []
    for raw in paths:
        fs, path = url_to_fs(raw)
        if fs.isdir(path):
            names = sorted(p for p in fs.find(path) if _is_shard(p))
        elif GLOB_CHARS & set(path):
            names = sorted(p for p in fs.glob(path) if fs.isfile(p))
        elif fs.isfile(path):
            names = [path]
        else:
            missing.append(ShardResult(raw, error="no such file or folder"))
            continue
        found.extend(fs.unstrip_protocol(name) for name in names)
    return list(dict.fromkeys(found)), missing


_LOCAL = threading.local()


def _extractor(budget_s: float) -> Extractor:
    """This worker thread's extraction process, kept from task to task so it loads the
    rule data once (each is forked from the worker's warm fork server)."""
    extractor: Extractor | None = getattr(_LOCAL, "extractor", None)
    if extractor is None or extractor.budget_s != budget_s:
        if extractor is not None:
            extractor.close()
        extractor = Extractor(budget_s=budget_s)
        _LOCAL.extractor = extractor
    return extractor


def _line_failure(rejected: RejectedArticle, shard: str, lines: list[bytes]) -> SourceArticle:
    """A rejected line as a source whose text is the line as read (decoded leniently, and
    empty when over the size limit), so its record keeps what the input held."""
    number = int(rejected.source.rsplit(":", 1)[1])
    line = lines[number - 1].rstrip(b"\r")
    text = "" if rejected.reason.startswith("too large") else line.decode("utf-8", "replace")
    name = f"{shard_stem(shard)}-{number}"
    digest = hashlib.sha256(line).hexdigest()
    return SourceArticle(name, rejected.source, text, None, digest, name)


def _extract_article(source: SourceArticle, extractor: Extractor) -> ArticleRecord:
    """The article's record: its extraction, or the reason it has none."""
    try:
        doc = extractor.extract(source.text, url=source.url, supplied=source.supplied)
    except ExtractionFailed as err:
        return ArticleRecord(source, EXTRACTOR_VERSION, error=str(err))
    if not doc.text.strip():
        return ArticleRecord(source, EXTRACTOR_VERSION, error=NO_TEXT)
    return ArticleRecord(source, EXTRACTOR_VERSION, doc=doc)


def _shard_records(
    shard: str, text: bytes, *, budget_s: float, max_bytes: int, failures: list[tuple[str, str]]
) -> Iterator[ArticleRecord]:
    """Every line's record in order, noting each failure in ``failures``."""
    extractor = _extractor(budget_s)
    lines: list[bytes] = []
    for item in read_jsonl(io.BytesIO(text), shard, max_bytes=max_bytes):
        if isinstance(item, RejectedArticle):
            lines = lines or text.split(b"\n")
            record = ArticleRecord(
                _line_failure(item, shard, lines), EXTRACTOR_VERSION, error=item.reason
            )
        else:
            record = _extract_article(item, extractor)
        if record.error is not None:
            failures.append((record.source.source, record.error))
        yield record


def extract_shard(
    shard: str, *, done: frozenset[str], budget_s: float, max_bytes: int
) -> ShardResult:
    """The task run on a worker: read one shard, and unless its records file is among
    ``done``, extract it and return the records file's bytes."""
    started = time.perf_counter()
    try:
        with fsspec.open(shard, "rb") as stream:
            data = stream.read()
        name = records_name(shard, data)
        if name in done:
            return ShardResult(shard, output=name, skipped=True)
        text = gzip.decompress(data) if shard.endswith(COMPRESSED_SUFFIX) else data
    except OSError as err:  # missing, unreadable, not gzip: the whole shard fails
        return ShardResult(shard, error=f"cannot read: {err.__class__.__name__}: {err}")
    failures: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="summits-") as folder:
        path = Path(folder) / name
        count = write_records(
            path,
            _shard_records(shard, text, budget_s=budget_s, max_bytes=max_bytes, failures=failures),
        )
        records = path.read_bytes()
    return ShardResult(
        shard,
        output=name,
        articles=count,
        failures=tuple(failures),
        records=records,
        seconds=time.perf_counter() - started,
    )


def warm_worker(budget_s: float) -> float:
    """Start this worker thread's extraction process and wait until it has loaded the
    rule data; returns the seconds it took."""
    started = time.perf_counter()
    _extractor(budget_s).extract(WARM_UP_ARTICLE)
    return time.perf_counter() - started


def warm_workers(client: Client, *, budget_s: float) -> float:
    """Warm every worker thread's extraction process before the first shard (one task
    pinned to each thread's worker), so a benchmark times the rule data load apart;
    returns the seconds until all were warm."""
    started = time.perf_counter()
    futures = [
        client.submit(warm_worker, budget_s, workers=[address], pure=False)
        for address, threads in client.nthreads().items()
        for _ in range(threads)
    ]
    client.gather(futures)
    return time.perf_counter() - started


def describe_worker() -> tuple[bool, str]:
    """Run on each worker before any task: whether it is a daemon process (which may not
    start the extraction processes) and its extractor version."""
    return multiprocessing.current_process().daemon, EXTRACTOR_VERSION


def check_workers(client: Client) -> int:
    """The number of worker threads (each extracts in its own process), once every worker
    can extract with our extractor version; ``ClusterUnfit`` says what to change when one
    cannot."""
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except TimeoutError as err:
        raise ClusterUnfit(f"no Dask worker joined within {WORKER_WAIT_S:g} s") from err
    try:
        described = client.run(describe_worker)
    except ImportError as err:
        raise ClusterUnfit(
            f"the Dask workers cannot import summits ({err}): install summits[cluster] on them"
        ) from err
    for address, (daemon, version) in sorted(described.items()):
        if daemon:
            raise ClusterUnfit(
                f"the Dask worker {address} runs as a daemon process, which may not start "
                f"the extraction processes: start the workers with {DAEMON_FIX} "
                "(or `dask worker --no-nanny`)"
            )
        if version != EXTRACTOR_VERSION:
            raise ClusterUnfit(
                f"the Dask worker {address} has extractor {version}, this client "
                f"{EXTRACTOR_VERSION}: install the same summits on both"
            )
    return sum(client.nthreads().values())


def start_local_cluster(workers: int) -> LocalCluster:
    """A cluster of ``workers`` single-threaded worker processes on this machine. The
    setting is made for the whole process because the nannies read it again each time
    they restart a worker that died."""
    dask.config.set({DAEMON_CONFIG: False})
    return LocalCluster(  # the scheduler's HTTP server on any free port, never a clash
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )


def _write(out: Path, result: ShardResult) -> None:
    """The shard's records file, renamed into place once complete."""
    if result.records is None or result.output is None:
        return
    partial = out / f"{result.output}.partial"
    partial.write_bytes(result.records)
    partial.replace(out / result.output)


def extract_shards(
    *,
    client: Client,
    shards: Sequence[str],
    out: Path,
    budget_s: float,
    max_bytes: int,
    on_shard: Callable[[ShardResult], None] | None = None,
    report: ExtractReport | None = None,
) -> ExtractReport:
    """Extract every shard on ``client``'s cluster into ``out``, one task per shard,
    counting into ``report`` (a new one by default); ``on_shard`` hears of each shard
    once it is counted (done, skipped or failed)."""
    out.mkdir(parents=True, exist_ok=True)
    done = {path.name for path in out.glob(f"*{RECORDS_SUFFIX}")}
    report = report or ExtractReport()
    report.shards += len(shards)
    started = time.perf_counter()
    pending: dict[Future[ShardResult], str] = {}
    for shard in shards:
        mine = frozenset(name for name in done if name.startswith(f"{shard_stem(shard)}."))
        future = client.submit(
            extract_shard, shard, done=mine, budget_s=budget_s, max_bytes=max_bytes, pure=False
        )
        pending[future] = shard
    for future in as_completed(list(pending)):
        shard = pending.pop(future)
        try:
            result: ShardResult = future.result()
        except Exception as err:  # raised on a worker (a bug) or a worker lost too often
            result = ShardResult(shard, error=f"{err.__class__.__name__}: {err}")
        _write(out, result)
        report.add(result)
        report.seconds = time.perf_counter() - started
        if on_shard:
            on_shard(result)
    logger.info(
        "extracted %d shards, skipped %d, %d failed; %d articles, %d failed",
        report.extracted,
        report.skipped,
        len(report.failed),
        report.articles,
        len(report.failures),
    )
    return report
