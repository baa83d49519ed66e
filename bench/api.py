"""API throughput and latency over a synthetic database, side by side with Datasette.

Builds (once) a database of ``--summits`` synthetic summits with ``summits synth``,
serves it with uvicorn on loopback, and drives each query with a bounded load
generator (``--concurrency`` httpx clients for ``--seconds`` each). With
``--datasette`` it serves the same SQLite file with Datasette and times the
equivalent queries, printing our/Datasette throughput ratios. Loopback only.

    python bench/api.py --summits 100000 --datasette
    python bench/api.py --database-url postgresql://user@127.0.0.1/bench
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
STARTUP_SECONDS = 120


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


def queries(db: str) -> list[Query]:
    """The benchmark's queries; ``db`` is Datasette's database name."""
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
            "/summits.csv?date_from=2000-01-01&date_to=2002-12-31",
            f"/{db}/summit.csv?date__gte=2000-01-01&date__lte=2002-12-31&_size=max&_stream=on",
        ),
    ]


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
    stop = time.monotonic() + seconds
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


def build(url: str, summits: int, env: dict[str, str]) -> None:
    """Write the synthetic database unless it is already there."""
    print(f"building {summits} synthetic summits ...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "app", "synth", "--summits", str(summits)],
        check=True,
        env={**env, "DATABASE_URL": url},
        cwd=ROOT,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--summits", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5.0, help="per query and server")
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--datasette", action="store_true", help="compare with Datasette")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn processes (one a core)")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if args.database_url:
        url = args.database_url
        build(url, args.summits, env)
        sqlite_file = None
    else:
        DATA.mkdir(parents=True, exist_ok=True)
        sqlite_file = DATA / f"bench-{args.summits}.db"
        url = f"sqlite:///{sqlite_file}"
        if not sqlite_file.exists():
            build(url, args.summits, env)

    servers: dict[str, tuple[str, subprocess.Popen[bytes]]] = {}
    port = _free_port()
    ours = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "app.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            str(args.workers),
        ],
        env={**env, "DATABASE_URL": url, "CACHE_MAX_AGE": "0"},
        cwd=ROOT,
    )
    servers["summits"] = (f"http://127.0.0.1:{port}", ours)
    if args.datasette and sqlite_file:
        port = _free_port()
        theirs = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "datasette",
                "serve",
                str(sqlite_file),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
                "--setting",
                "max_returned_rows",
                "10000",
                "--setting",
                "sql_time_limit_ms",
                "60000",
                "--setting",
                "num_sql_threads",
                "3",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        servers["datasette"] = (f"http://127.0.0.1:{port}", theirs)
    try:
        for base, process in servers.values():
            _wait(base + ("/health" if process is ours else "/-/versions.json"), process)
        rows = []
        for query in queries(sqlite_file.stem if sqlite_file else ""):
            mine = asyncio.run(
                drive(
                    servers["summits"][0],
                    query.ours,
                    ids=args.summits,
                    seconds=args.seconds,
                    concurrency=args.concurrency,
                )
            )
            other = None
            if "datasette" in servers and query.datasette:
                other = asyncio.run(
                    drive(
                        servers["datasette"][0],
                        query.datasette,
                        ids=args.summits,
                        seconds=args.seconds,
                        concurrency=args.concurrency,
                    )
                )
            rows.append((query, mine, other))
    finally:
        for _, process in servers.values():
            process.terminate()
            process.wait(timeout=15)

    backend = "postgresql" if args.database_url else "sqlite"
    print(
        f"\n{args.summits} summits on {backend}, {args.concurrency} clients, "
        f"{args.seconds:.0f} s per query, {args.workers} uvicorn workers\n"
    )
    print(
        "| query | req/s | p50 ms | p95 ms | p99 ms | errors | Datasette req/s | "
        "Datasette p95 ms | ours/Datasette |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for query, mine, other in rows:
        compared = (
            f"{other.per_second:.1f} | {other.p95:.1f} | {mine.per_second / other.per_second:.2f}x"
            if other and other.per_second
            else "- | - | -"
        )
        print(
            f"| {query.name} | {mine.per_second:.1f} | {mine.p50:.1f} | {mine.p95:.1f} | "
            f"{mine.p99:.1f} | {mine.errors} | {compared} |"
        )


if __name__ == "__main__":
    main()
