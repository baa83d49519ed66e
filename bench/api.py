"""API throughput and latency over a synthetic database, side by side with Datasette.

Builds (once) a database of ``--summits`` synthetic summits with ``summits synth``,
serves it with uvicorn on loopback, and drives each query with a bounded load
generator (``--concurrency`` httpx clients for ``--seconds`` each, after a few untimed
requests). With ``--datasette`` it serves the same SQLite file with Datasette and times
the equivalent queries, printing our/Datasette throughput ratios. Loopback only.

On a machine of two or more cores the servers (ours, Datasette, and a local
PostgreSQL's processes) run on the first core and the load generator on the second
(``taskset``, or the same affinity call where taskset is missing), so a p95 measures the
server rather than the queue of a core it shares with its clients. The header says
what was pinned, the machine, the database and the load average before and after.
Timing starts once every server is idle (ours counts the explorer's first page in the
background after it starts answering). ``--query NAME`` (repeatable) runs only the
queries named.

``--compare-sizes 100000,1000000`` runs every size in turn and ends with how each
query's p95 grew from the first size to the last; on PostgreSQL each size gets its own
database, the URL's name with ``_<size>`` appended (created when missing).

    python bench/api.py --summits 100000 --datasette
    python bench/api.py --database-url postgresql://user@127.0.0.1/bench
    python bench/api.py --compare-sizes 100000,1000000 [--database-url ...]
"""

import argparse
import asyncio
import dataclasses
import datetime as dt
import math
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from app.config import Settings
from app.synth import DAYS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
STARTUP_SECONDS = 900  # start-up counts the unfiltered facets: minutes at 1,000,000 on a busy core
SETTLE_SECONDS = 1.0  # how long a server must stay idle before the timed requests
IDLE_SHARE = 0.05  # "idle": under this share of a core used meanwhile
WARMUP_REQUESTS = 3  # untimed requests per query and server: first-use caches, connections
EXPORT_ROWS = 10_000  # the CSV export's date range is sized to about this many summits
SERVER_CORES = {0}  # our server, Datasette and a local PostgreSQL
CLIENT_CORES = {1}  # the load generator
INDEXED = ("single summit", "default list", "participant filter", "issue + date range")
MAX_GROWTH = 2.0  # issue 14: an indexed query's p95 grows at most 2x from 100k to 1M


# One query and its Datasette equivalent (None where Datasette has none).
@dataclass(frozen=True)
class Query:
    name: str
    ours: str
    datasette: str | None


# Figures for one query on one server.
@dataclass(frozen=True)
class Figures:
    requests: int
    errors: int
    per_second: float
    p50: float
    p95: float
    p99: float
    cpu_ms: float = math.nan  # server CPU per request (its processes and database's)


def queries(db: str, summits: int) -> list[Query]:
    """The benchmark's queries; ``db`` is Datasette's database name. The export's date
    range holds about EXPORT_ROWS summits at any size (three years at 100,000)."""
    export_days = max(1, DAYS * EXPORT_ROWS // summits)
    first, last = dt.date(2000, 1, 1), dt.date(2000, 1, 1) + dt.timedelta(days=export_days - 1)
    participant_sql = (
        "id in (select summit_id from summit_participant sp join person p "
        "on p.id = sp.person_id where p.name = 'Vladimir Putin')"
    )
    issue_sql = "id in (select summit_id from summit_issue where issue_slug = 'trade')"
    search_sql = (
        "select summit.* from summit where id in (select summit_id from statement where id in "
        "(select rowid from statement_fts where statement_fts match 'cooperation')) "
        "order by date desc limit 50"
    )
    return [
        Query("single summit", "/summits/{id}", f"/{db}/summit/{{id}}.json"),
        Query("default list", "/summits", f"/{db}/summit.json?_sort_desc=date&_size=50"),
        Query(
            "participant filter",
            "/summits?participant=Vladimir%20Putin",
            f"/{db}/summit.json?_sort_desc=date&_size=50&_where={quote(participant_sql)}",
        ),
        Query(
            "issue + date range",
            "/summits?issue=trade&date_from=2005-01-01&date_to=2009-12-31",
            f"/{db}/summit.json?_sort_desc=date&_size=50&date__gte=2005-01-01"
            f"&date__lte=2009-12-31&_where={quote(issue_sql)}",
        ),
        Query("q text search", "/summits?q=cooperation", f"/{db}.json?sql={quote(search_sql)}"),
        Query(
            "facets",
            "/summits?facet=format&facet=country&limit=1",
            f"/{db}/summit.json?_facet=format&_facet=country&_size=1",
        ),
        Query(
            "CSV export 10k rows",
            f"/summits.csv?date_from={first}&date_to={last}",
            f"/{db}/summit.csv?date__gte={first}&date__lte={last}&_size=max&_stream=on",
        ),
    ]


def chosen(listed: list[Query], names: list[str] | None) -> list[Query]:
    """The queries named with ``--query`` (every one when none is named)."""
    if not names:
        return listed
    unknown = set(names) - {query.name for query in listed}
    if unknown:
        known = ", ".join(query.name for query in listed)
        raise SystemExit(f"unknown query {', '.join(sorted(unknown))}: choose from {known}")
    return [query for query in listed if query.name in names]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early ({process.returncode}): {url}")
        try:
            if httpx.get(url, timeout=5).status_code < 500:
                return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit(f"server did not start: {url}")


async def drive(base: str, path: str, *, ids: int, seconds: float, concurrency: int) -> Figures:
    """Bounded load: ``concurrency`` clients issue requests for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    counter = 0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors, counter
        while time.monotonic() < stop:
            counter += 1
            url = path.replace("{id}", str(1 + (counter * 7919) % ids))
            started = time.perf_counter()
            try:
                response = await client.get(url)
                await response.aread()
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append((time.perf_counter() - started) * 1000)

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        stop = time.monotonic() + seconds
        began = time.monotonic()
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
        elapsed = time.monotonic() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0.0

    return Figures(
        len(latencies),
        errors,
        len(latencies) / elapsed,
        statistics.median(latencies) if latencies else 0.0,
        pct(0.95),
        pct(0.99),
    )


async def warm(base: str, path: str) -> None:
    """Untimed requests first: first-use caches and connections are not the figures."""
    async with httpx.AsyncClient(base_url=base, timeout=600) as client:
        for number in range(WARMUP_REQUESTS):
            await client.get(path.replace("{id}", str(1 + number)))


def _children(pid: int) -> list[int]:
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        listed = subprocess.run(
            ["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True
        ).stdout
    return [int(child) for child in listed.split()]


def tree_cpu(roots: list[int]) -> float:
    """CPU seconds used so far by processes and their descendants, ended ones included
    (Linux /proc; NaN elsewhere). Steadier than latency when other work loads the machine."""
    total, pending, seen = 0, list(roots), set()
    while pending:
        pid = pending.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if pid in roots:
                return math.nan
            continue  # ended meanwhile: its time went to its parent's children's time
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
        pending += _children(pid)
    return total / os.sysconf("SC_CLK_TCK")


def settle(pid: int) -> None:
    """Wait until a server is idle: ours counts the explorer's first page in the
    background after it starts answering, which the first query's figures would
    otherwise include (seconds at 100,000 summits, in every worker)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    used = tree_cpu([pid])
    while time.monotonic() < deadline:
        time.sleep(SETTLE_SECONDS)
        now = tree_cpu([pid])
        if not now - used > SETTLE_SECONDS * IDLE_SHARE:  # NaN (no /proc): do not wait
            return
        used = now


def build(url: str, summits: int, env: dict[str, str]) -> None:
    """Write the synthetic database."""
    print(f"building {summits} synthetic summits ...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "app", "synth", "--summits", str(summits)],
        check=True,
        env={**env, "DATABASE_URL": url},
        cwd=ROOT,
    )


# ------------------------------------------------------------------ pinning
def pin_command(cores: set[int]) -> tuple[list[str], Callable[[], None] | None]:
    """A prefix (taskset) or a pre-exec hook (the affinity call) that runs a child on
    ``cores``; neither where the machine cannot pin."""
    listed = ",".join(map(str, sorted(cores)))
    if shutil.which("taskset"):
        return ["taskset", "-c", listed], None
    if hasattr(os, "sched_setaffinity"):
        return [], lambda: os.sched_setaffinity(0, cores)
    return [], None


def can_pin() -> bool:
    """Whether the servers and the clients can have cores of their own."""
    return (os.cpu_count() or 1) >= 2 and hasattr(os, "sched_setaffinity")


def postmaster(url: str) -> int | None:
    """The process id of a PostgreSQL server on this machine (None when remote)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    finally:
        engine.dispose()
    try:
        status = Path(f"/proc/{backend}/status").read_text()
    except OSError:
        return None
    return int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("PPid")))


def pin_postgres(postmaster: int | None, cores: set[int]) -> tuple[str, Callable[[], None]]:
    """Pin a PostgreSQL server on this machine (its postmaster and every process of it;
    new backends inherit) to ``cores``; what was done, and how to undo it."""
    if postmaster is None:
        return "PostgreSQL not pinned (not a local server)", lambda: None
    before: dict[int, set[int]] = {}
    for pid in (postmaster, *_children(postmaster)):
        try:
            before[pid] = os.sched_getaffinity(pid)
            os.sched_setaffinity(pid, cores)
        except OSError:
            continue  # a backend that ended meanwhile, or not ours to pin

    def undo() -> None:
        for pid, old in before.items():
            try:
                os.sched_setaffinity(pid, old)
            except OSError:
                continue

    if postmaster not in before:
        return "PostgreSQL not pinned (no permission)", undo
    listed = ",".join(map(str, sorted(cores)))
    return f"PostgreSQL (postmaster {postmaster} and its processes) on core {listed}", undo


# ------------------------------------------------------------------ description
def machine() -> str:
    """Cores, CPU model, memory and system, as the table header gives them."""
    model = platform.processor() or "unknown CPU"
    memory = "? GiB"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {model}, {memory} RAM, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def load_average() -> str:
    """The 1-minute load average: other work on the machine skews every figure."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"


def describe_database(url: str) -> str:
    """Engine, version and size of the benchmark's database."""
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        return f"SQLite {sqlite3.sqlite_version}, {path.stat().st_size / 2**20:.0f} MB file"
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SHOW server_version")).scalar_one()
            size = connection.execute(
                text("SELECT pg_database_size(current_database())")
            ).scalar_one()
    finally:
        engine.dispose()
    return f"PostgreSQL {version}, {size / 2**20:.0f} MB database"


# ------------------------------------------------------------------ databases
def summit_count(url: str) -> int:
    """Summits already stored (0 for an empty or unmigrated database)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM summit")).scalar_one())
    except SQLAlchemyError:  # no summit table yet: not built
        return 0
    finally:
        engine.dispose()


def postgres_for(url: str, summits: int, sized: bool) -> str:
    """The PostgreSQL URL for ``summits`` (``<name>_<summits>`` when sizes are compared),
    the database created when missing."""
    parsed = make_url(Settings(database_url=url).database_url)
    if sized:
        parsed = parsed.set(database=f"{parsed.database}_{summits}")
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": parsed.database},
            ).scalar()
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    finally:
        admin.dispose()
    return parsed.render_as_string(hide_password=False)


def prepare(args: argparse.Namespace, summits: int, env: dict[str, str], sized: bool) -> str:
    """The URL of a database holding exactly ``summits`` synthetic summits, built if
    empty; a database holding another number is refused rather than appended to."""
    if args.database_url:
        url = postgres_for(args.database_url, summits, sized)
    else:
        DATA.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA / f'bench-{summits}.db'}"
    stored = summit_count(url)
    if stored == 0:
        build(url, summits, env)
    elif stored != summits:
        raise SystemExit(f"{url} holds {stored} summits, not {summits}: use an empty database")
    return url


# ------------------------------------------------------------------ one run
# Figures of every query at one size: (query, ours, Datasette's or None).
Rows = list[tuple[Query, Figures, Figures | None]]


def start(command: list[str], env: dict[str, str] | None, pinned: bool) -> subprocess.Popen[bytes]:
    """A server process, on the server cores when pinning."""
    prefix, hook = pin_command(SERVER_CORES) if pinned else ([], None)
    return subprocess.Popen(
        [*prefix, *command],
        env=env,
        cwd=ROOT,
        preexec_fn=hook,  # the affinity call only, before exec
        stdout=subprocess.DEVNULL if env is None else None,
        stderr=subprocess.DEVNULL if env is None else None,
    )


def run(args: argparse.Namespace, summits: int, url: str, env: dict[str, str]) -> Rows:
    """Serve the database, drive every query, and print the table for this size."""
    pinned = can_pin() and not args.no_pin
    undo: Callable[[], None] = lambda: None  # noqa: E731
    database_pin = ""
    database_pid = postmaster(url) if url.startswith("postgresql") else None
    if pinned and url.startswith("postgresql"):
        database_pin, undo = pin_postgres(database_pid, SERVER_CORES)
    sqlite_file = None if args.database_url else Path(url.split("///", 1)[1])
    servers: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}
    port = _free_port()
    uvicorn = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory"]
    ours = start(
        [
            *uvicorn,
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
            *("--workers", str(args.workers)),
        ],
        {**env, "DATABASE_URL": url, "CACHE_MAX_AGE": "0"},
        pinned,
    )
    servers["summits"] = (f"http://127.0.0.1:{port}", ours)
    if args.datasette and sqlite_file:
        port = _free_port()
        datasette = [sys.executable, "-m", "datasette", "serve", str(sqlite_file)]
        settings = ("max_returned_rows", "10000", "sql_time_limit_ms", "60000")
        theirs = start(
            [
                *datasette,
                *("--port", str(port), "--host", "127.0.0.1"),
                *(
                    part
                    for i in range(0, len(settings), 2)
                    for part in ("--setting", *settings[i : i + 2])
                ),
                *("--setting", "num_sql_threads", "3"),
            ],
            None,
            pinned,
        )
        servers["datasette"] = (f"http://127.0.0.1:{port}", theirs)
    before = load_average()
    own_cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    if pinned:
        os.sched_setaffinity(0, CLIENT_CORES)
    try:
        for base, process in servers.values():
            _wait(base + ("/health" if process is ours else "/-/versions.json"), process)
        for _, process in servers.values():
            settle(process.pid)
        rows: Rows = []
        for query in chosen(queries(sqlite_file.stem if sqlite_file else "", summits), args.query):
            figures: dict[str, Figures] = {}
            for name, (base, process) in servers.items():
                path = query.ours if name == "summits" else query.datasette
                if path is None:
                    continue
                asyncio.run(warm(base, path))
                roots = [process.pid, *([database_pid] if database_pid else [])]
                used = tree_cpu(roots)
                found = asyncio.run(
                    drive(
                        base,
                        path,
                        ids=summits,
                        seconds=args.seconds,
                        concurrency=args.concurrency,
                    )
                )
                used = tree_cpu(roots) - used
                figures[name] = dataclasses.replace(
                    found, cpu_ms=used * 1000 / max(found.requests, 1)
                )
            rows.append((query, figures["summits"], figures.get("datasette")))
    finally:
        for _, process in servers.values():
            process.terminate()
            process.wait(timeout=60)
        if own_cores is not None:
            os.sched_setaffinity(0, own_cores)
        undo()
    after = load_average()

    backend = "postgresql" if args.database_url else "sqlite"
    if pinned:
        pinning = (
            f"servers on core {','.join(map(str, sorted(SERVER_CORES)))}"
            f"{' (' + database_pin + ')' if database_pin else ''}, "
            f"load generator on core {','.join(map(str, sorted(CLIENT_CORES)))}"
        )
    else:
        pinning = "not pinned: servers and load generator share every core"
    counted = "the server's processes" + (" and PostgreSQL's" if database_pid else "")
    print(
        f"\n{summits} summits on {backend}, {args.concurrency} clients, "
        f"{args.seconds:g} s per query after {WARMUP_REQUESTS} untimed requests, "
        f"{args.workers} uvicorn workers\n"
        f"- machine: {machine()}\n"
        f"- database: {describe_database(url)}\n"
        f"- pinning: {pinning}\n"
        f"- load average (1 min): {before} before, {after} after\n"
        f"- CPU ms/req: user + system time of {counted} over the timed requests\n"
    )
    print(
        "| query | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/req | Datasette req/s | "
        "Datasette p95 ms | Datasette CPU ms/req | ours/Datasette req/s | Datasette/ours CPU |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for query, mine, other in rows:
        compared = (
            f"{other.per_second:.1f} | {other.p95:.1f} | {other.cpu_ms:.1f} | "
            f"{mine.per_second / other.per_second:.2f}x | "
            f"{other.cpu_ms / mine.cpu_ms if mine.cpu_ms else math.nan:.2f}x"
            if other and other.per_second
            else "- | - | - | - | -"
        )
        print(
            f"| {query.name} | {mine.per_second:.1f} | {mine.p50:.1f} | {mine.p95:.1f} | "
            f"{mine.p99:.1f} | {mine.errors} | {mine.cpu_ms:.1f} | {compared} |"
        )
    return rows


def print_growth(sizes: list[int], runs: dict[int, Rows]) -> None:
    """How each query's p95 grew from the first size to the last."""
    first, last = sizes[0], sizes[-1]
    print(f"\np95 growth from {first} to {last} summits\n")
    print(f"| query | p95 ms at {first} | p95 ms at {last} | growth | target |")
    print("|---|---|---|---|---|")
    for (query, small, _), (_, large, _) in zip(runs[first], runs[last], strict=True):
        growth = large.p95 / small.p95 if small.p95 else float("inf")
        target = (
            ("met" if growth <= MAX_GROWTH else "missed") + f" (at most {MAX_GROWTH:.0f}x)"
            if query.name in INDEXED
            else "-"
        )
        print(f"| {query.name} | {small.p95:.1f} | {large.p95:.1f} | {growth:.2f}x | {target} |")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--summits", type=int, default=100_000)
    parser.add_argument(
        "--compare-sizes",
        help="comma-separated sizes (100000,1000000): each in turn, then the p95 growth",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="per query and server")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--datasette", action="store_true", help="compare with Datasette")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn processes")
    parser.add_argument("--no-pin", action="store_true", help="leave every process unpinned")
    parser.add_argument(
        "--query",
        action="append",
        help="run only this query, by its name in the table (repeatable): 'single summit'",
    )
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    sizes = (
        [int(size) for size in args.compare_sizes.split(",")]
        if args.compare_sizes
        else [args.summits]
    )
    runs = {}
    for summits in sizes:
        url = prepare(args, summits, env, sized=len(sizes) > 1)
        runs[summits] = run(args, summits, url, env)
    if len(sizes) > 1:
        print_growth(sizes, runs)


if __name__ == "__main__":
    main()
