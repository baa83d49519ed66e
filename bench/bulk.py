"""Bulk loading throughput (#16): articles per second that `summits load --records` stores
from records files, against the article-by-article write path (``store.store_article``,
one transaction each) on the same records, into SQLite and PostgreSQL, with peak memory.

The articles are written and extracted once (cached under bench/.data): distinct
synthetic meeting reports, one in ten reported again by a second article, so batches
merge reports as real news does. Only the load is timed, in a fresh database, in a child
process that ``--pin`` can put on another core than the PostgreSQL server.

    python bench/bulk.py --database-url postgresql://postgres@127.0.0.1:5445/bench
    python bench/bulk.py --articles 50000 --batch-size 2000 --pin 0:1 --database-url ...
"""

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import event, text

from app.config import DEFAULT_BATCH_ARTICLES, Settings
from app.db import make_engine
from app.migrate import upgrade
from app.nlp.pipeline import EXTRACTOR_VERSION, extract
from app.nlp.rules import load_rules
from app.records import ArticleRecord, read_records, write_records
from app.sources import SourceArticle, source_from_bytes
from app.synth import article_texts

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
RECORDS_PER_FILE = 5000  # a shard's worth: several files, as an extraction run writes
SECOND_REPORT_EVERY = 10  # one meeting in ten gets a second article
ONE_BY_ONE_ARTICLES = 2000  # the article path is slow: timed on the first records only
SEED = 2016


def _articles(count: int) -> Iterator[tuple[str, str]]:
    """``count`` articles: distinct meetings, one in ten reported twice."""
    made = 0
    for number, (name, body) in enumerate(article_texts(count, seed=SEED)):
        if made >= count:
            return
        yield name, body
        made += 1
        if number % SECOND_REPORT_EVERY == 0 and made < count:
            yield f"again-{name}", body + "Another agency reported the same meeting.\n"
            made += 1


def _record(item: tuple[str, str]) -> ArticleRecord:
    name, body = item
    source = source_from_bytes(
        body.encode(), source=name, article_id=name, url=None, max_bytes=1 << 20
    )
    assert isinstance(source, SourceArticle)
    return ArticleRecord(source, EXTRACTOR_VERSION, doc=extract(source.text))


def write_records_once(count: int) -> Path:
    """The benchmark's records, extracted on every core once and reused."""
    folder = DATA / f"records-{count}-{EXTRACTOR_VERSION}"
    done = folder / "complete"
    if done.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with multiprocessing.Pool() as pool:
        records = pool.imap(_record, _articles(count), chunksize=50)
        for number in range(0, count, RECORDS_PER_FILE):
            shard = [next(records) for _ in range(min(RECORDS_PER_FILE, count - number))]
            write_records(
                folder / f"shard-{number // RECORDS_PER_FILE:04d}.records.jsonl.gz", shard
            )
    done.touch()
    return folder


def reset(url: str) -> None:
    """An empty, migrated database at ``url``."""
    if url.startswith("sqlite"):
        Path(url.split("///", 1)[1]).unlink(missing_ok=True)
    else:
        engine = make_engine(Settings(database_url=url).database_url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade(url=Settings(database_url=url).database_url)


def _child(url: str, folder: Path, batch_size: int, one_by_one: bool, writers: int) -> None:
    """In the timed process: load, then print seconds, counts and peak memory as JSON."""
    from app.bulk import load_records, store_one_by_one

    engine = make_engine(Settings(database_url=url).database_url)
    backends: set[int] = set()
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def _note_backend(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backends.add(int(cursor.fetchone()[0]))

    load_rules()  # once per process, as any load; not what is measured
    if one_by_one:
        records: list[ArticleRecord] = []
        for path in sorted(folder.glob("*.records.jsonl.gz")):
            records.extend(r for r in read_records(path) if isinstance(r, ArticleRecord))
            if len(records) >= ONE_BY_ONE_ARTICLES:
                break
        records = records[:ONE_BY_ONE_ARTICLES]
        started, cpu_started = time.perf_counter(), time.process_time()
        outcome = store_one_by_one(engine=engine, records=records)
        seconds = time.perf_counter() - started
        read, new, summits = len(records), outcome.new, outcome.summits
    else:
        started, cpu_started = time.perf_counter(), time.process_time()
        report = load_records(engine=engine, paths=[folder], batch_size=batch_size, writers=writers)
        seconds = time.perf_counter() - started
        read, new, summits = report.read, report.new, report.summits
    cpu = time.process_time() - cpu_started
    server = sum(_cpu_seconds(pid) for pid in backends)  # before the backends end
    engine.dispose()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "seconds": seconds,
        "read": read,
        "new": new,
        "summits": summits,
        "mb": peak,
        "cpu": cpu,
        "server_cpu": server,
    }
    print(json.dumps(figures))


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds a process has used so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_pid(url: str) -> int:
    """The PostgreSQL postmaster's pid: the parent of our backend (same machine only)."""
    engine = make_engine(Settings(database_url=url).database_url)
    with engine.connect() as connection:
        backend = int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())
        # read while the backend lives: it exits when the connection closes
        stat = Path(f"/proc/{backend}/stat").read_text()
    engine.dispose()
    return int(stat.rsplit(")", 1)[1].split()[1])


def timed(
    url: str, folder: Path, batch_size: int, one_by_one: bool, core: int | None, writers: int = 1
) -> dict[str, float]:
    """Load into a fresh database at ``url`` in a child process; its figures."""
    reset(url)
    command = [sys.executable, __file__, "--child", url, str(folder), str(batch_size), str(writers)]
    if one_by_one:
        command.append("--one-by-one")
    if core is not None:
        command = ["taskset", "-c", str(core), *command]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(result.stdout.splitlines()[-1])
    return figures


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(
            sys.argv[2],
            Path(sys.argv[3]),
            int(sys.argv[4]),
            "--one-by-one" in sys.argv,
            int(sys.argv[5]),
        )
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_ARTICLES)
    parser.add_argument("--database-url", help="also load into this PostgreSQL database")
    parser.add_argument(
        "--writers",
        default="1",
        help="batches stored at once on PostgreSQL (comma-separated: one row each)",
    )
    parser.add_argument(
        "--pin",
        metavar="SERVER:LOAD",
        help="cores for the PostgreSQL server (pinned from the next connection) and the load",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--records", type=Path, help="load these records files instead")
    parser.add_argument(
        "--no-reference", action="store_true", help="skip the article-by-article path"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    folder = args.records or write_records_once(args.articles)
    print(f"records: {folder} ({time.perf_counter() - started:.0f} s to make or find)")
    core = None
    targets = {} if args.no_sqlite else {"sqlite": f"sqlite:///{DATA / 'bulk-bench.db'}"}
    if args.database_url:
        targets["postgresql"] = args.database_url
        if args.pin:
            server, load = (int(part) for part in args.pin.split(":"))
            os.sched_setaffinity(_server_pid(args.database_url), {server})
            core = load
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(
        "| database | path | batch | articles | new | summits | seconds | articles/s "
        "| load CPU ms/article | server CPU ms/article | peak MB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    runs = [(False, int(w)) for w in args.writers.split(",")]
    if not args.no_reference:
        runs.append((True, 1))
    for name, url in targets.items():
        for one_by_one, writers in runs:
            if name == "sqlite" and writers > 1:
                continue  # one writer at a time on SQLite
            figures = timed(url, folder, args.batch_size, one_by_one, core, writers)
            path = (
                "article by article"
                if one_by_one
                else f"records, batched, {writers} writer{'s' if writers > 1 else ''}"
            )
            batch = 1 if one_by_one else args.batch_size
            print(
                f"| {name} | {path} | {batch} | {figures['read']:.0f} | {figures['new']:.0f} | "
                f"{figures['summits']:.0f} | {figures['seconds']:.1f} | "
                f"{figures['read'] / figures['seconds']:.0f} | "
                f"{1000 * figures['cpu'] / figures['read']:.3f} | "
                f"{1000 * figures['server_cpu'] / figures['read']:.3f} | {figures['mb']:.0f} |",
                flush=True,
            )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
