"""The ``summits`` command: extract, load, db upgrade, serve.

Each command parses its arguments, calls one library function and turns the
outcome into output and an exit status.
"""

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import DEFAULT_BATCH_ARTICLES, get_settings
from app.records import RECORDS_SUFFIX

if TYPE_CHECKING:
    from distributed import Client
    from rich.progress import Progress
    from sqlalchemy import Engine

    from app.cluster import ExtractReport, ShardResult
    from app.loader import LoadReport

CONNECT_TIMEOUT = "10s"  # to reach an existing Dask scheduler (extract --cluster)


def _cmd_extract(args: argparse.Namespace) -> int:
    if args.out is not None:
        return _cmd_extract_shards(args)
    if args.cluster or args.workers or args.json:
        print("summits: --cluster, --workers and --json go with --out DIR", file=sys.stderr)
        return 2
    from app.extractor import ExtractionFailed, Extractor
    from app.nlp.pipeline import to_record
    from app.sources import RejectedArticle, read_articles

    settings = get_settings()
    failed = 0
    out = sys.stdout
    with Extractor(budget_s=settings.extract_timeout_seconds) as extractor:
        extractor.start()
        for item in read_articles(args.paths, max_bytes=settings.max_article_bytes):
            if isinstance(item, RejectedArticle):
                print(f"summits: skipped {item.source}: {item.reason}", file=sys.stderr)
                failed += 1
                continue
            try:
                doc = extractor.extract(item.text, url=item.url, supplied=item.supplied)
            except ExtractionFailed as err:
                print(f"summits: skipped {item.source}: {err}", file=sys.stderr)
                failed += 1
                continue
            out.write(json.dumps(to_record(doc, item.id), ensure_ascii=False) + "\n")
    out.flush()
    return 1 if failed else 0


def _shard_progress() -> "Progress":
    """The progress bar of ``extract --out`` on stderr: shards done of all, articles,
    their rate and failures, elapsed and remaining time."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("shards, {task.fields[articles]} articles, {task.fields[rate]:.1f} articles/s,"),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )


def _shard_line(result: "ShardResult", done: int, total: int, report: "ExtractReport") -> str:
    """One finished shard, for logs (``extract --out`` in a pipe)."""
    if result.error is not None:
        what = f"failed {result.shard}: {result.error}"
    elif result.skipped:
        what = f"skipped {result.output} (done before)"
    else:
        what = f"{result.output}: {result.articles} articles, {len(result.failures)} failed"
    return (
        f"summits: shard {done}/{total} {what} "
        f"({report.articles} articles, {report.rate:.1f} articles/s)"
    )


@contextlib.contextmanager
def _dask_client(address: str | None, workers: int | None) -> "Iterator[Client]":
    """A client of the Dask scheduler at ``address``, or of a cluster started here with
    ``workers`` processes (one per core by default) and stopped afterwards."""
    from distributed import Client

    from app.cluster import start_local_cluster

    if address:
        with Client(address, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    with start_local_cluster(workers or os.cpu_count() or 1) as local, Client(local) as client:
        yield client


def _cmd_extract_shards(args: argparse.Namespace) -> int:
    """``extract SHARDS... --out DIR``: one records file per shard, on a Dask cluster."""
    if args.cluster and args.workers:
        print("summits: --workers sizes a local cluster, not one at --cluster", file=sys.stderr)
        return 2
    try:
        from app import cluster
    except ImportError as err:
        print(f"summits: extract --out needs summits[cluster] installed ({err})", file=sys.stderr)
        return 2
    settings = get_settings()
    out = Path(args.out)
    shards, missing = cluster.find_shards(args.paths)
    report = cluster.ExtractReport(shards=len(missing))
    total, finished, threads = len(shards) + len(missing), 0, 0
    with contextlib.ExitStack() as stack:
        bar = _shard_progress() if sys.stderr.isatty() and not args.quiet else None
        task = (
            bar.add_task("extracting", total=total, articles=0, rate=0.0, failed=0)
            if bar is not None
            else None
        )

        def show(result: "ShardResult") -> None:
            nonlocal finished
            finished += 1
            if bar is not None and task is not None:
                failed = len(report.failures) + len(report.failed)
                rate = report.rate
                bar.update(task, advance=1, articles=report.articles, rate=rate, failed=failed)
            elif not args.quiet:
                print(_shard_line(result, finished, total, report), file=sys.stderr)

        for result in missing:
            report.add(result)
            show(result)
        if shards:
            try:
                client = stack.enter_context(_dask_client(args.cluster, args.workers))
                threads = cluster.check_workers(client)
            except (OSError, TimeoutError, cluster.ClusterUnfit) as err:
                print(f"summits: Dask cluster {args.cluster or 'local'}: {err}", file=sys.stderr)
                return 2
            if bar is not None:
                stack.enter_context(bar)
            cluster.extract_shards(
                client=client,
                shards=shards,
                out=out,
                budget_s=settings.extract_timeout_seconds,
                max_bytes=settings.max_article_bytes,
                on_shard=show,
                report=report,
            )
    return _print_extract_summary(report, out=out, threads=threads, as_json=args.json)


def _print_extract_summary(
    report: "ExtractReport", *, out: Path, threads: int, as_json: bool
) -> int:
    """The summary of ``extract --out``; exit status 1 when a whole shard failed."""
    shard_failures = [{"shard": r.shard, "reason": r.error} for r in report.failed]
    if as_json:
        summary = {
            "shards": report.shards,
            "extracted": report.extracted,
            "skipped": report.skipped,
            "failed_shards": len(report.failed),
            "articles": report.articles,
            "failed": len(report.failures),
            "seconds": round(report.seconds, 3),
            "rate": round(report.rate, 1),
            "threads": threads,
            "out": str(out),
            "shard_failures": shard_failures,
            "failures": [{"source": s, "reason": r} for s, r in report.failures],
        }
        print(json.dumps(summary))
    else:
        print(
            f"shards {report.shards}: {report.extracted} extracted, {report.skipped} skipped "
            f"(done before), {len(report.failed)} failed; articles {report.articles}, "
            f"{len(report.failures)} failed (recorded with their reasons); "
            f"{report.rate:.1f} articles/s on {threads} worker thread{'s' * (threads != 1)} "
            f"in {report.seconds:.1f} s; "
            f"records in {out}"
        )
        for failure in shard_failures:
            print(f"  failed shard {failure['shard']}: {failure['reason']}", file=sys.stderr)
        for source, reason in report.failures:
            print(f"  failed {source}: {reason}", file=sys.stderr)
    return 1 if report.failed else 0


def _load_progress() -> "Progress":
    """A progress bar on stderr: count, rate, elapsed and remaining time, and the file
    last read (#14); shown only on a terminal, so pipes and CI logs get the summary alone."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Articles per second over the last half minute (rich's speed estimate)."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "- articles/s")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[current]}"),
        console=Console(stderr=True),
    )


def _short_source(source: str) -> str:
    """The file name (and JSON Lines line) of an input, not its whole path."""
    return Path(source).name


def _cmd_load(args: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.loader import load_articles
    from app.migrate import upgrade

    upgrade()
    settings = get_settings()
    engine = get_engine()
    if getattr(args, "if_empty", False):
        stored = _stored_articles(engine)
        if stored:
            print(f"the database holds {stored} articles: nothing loaded (--if-empty)")
            return 0
    if getattr(args, "records", None):
        report = _load_records(args, engine)
    elif sys.stderr.isatty() and not args.quiet:
        from app.sources import count_articles

        with _load_progress() as progress:
            task = progress.add_task("loading", total=count_articles(args.paths), current="")

            def advance(source: str) -> None:
                progress.update(task, advance=1, current=_short_source(source))

            report = load_articles(
                engine=engine,
                paths=args.paths,
                max_bytes=settings.max_article_bytes,
                on_progress=advance,
                retry_seconds=settings.load_retry_seconds,
                extract_timeout=settings.extract_timeout_seconds,
            )
    else:
        report = load_articles(
            engine=engine,
            paths=args.paths,
            max_bytes=settings.max_article_bytes,
            retry_seconds=settings.load_retry_seconds,
            extract_timeout=settings.extract_timeout_seconds,
        )
    summary = {
        "read": report.read,
        "new": report.new,
        "unchanged": report.unchanged,
        "failed": len(report.failed),
        "summits": report.summits,
        "merged": report.merged,
        "statements": report.statements,
    }
    if args.json:
        summary["failures"] = [{"source": f.source, "reason": f.reason} for f in report.failed]  # type: ignore[assignment]
        print(json.dumps(summary))
    else:
        print(
            f"articles read {report.read}: {report.new} new, {report.unchanged} unchanged, "
            f"{len(report.failed)} failed; summits {report.summits} new, "
            f"{report.merged} merged into stored ones; {report.statements} statements"
        )
        for failure in report.failed:
            print(f"  failed {failure.source}: {failure.reason}", file=sys.stderr)
    return 0 if report.ok else 1


def _load_records(args: argparse.Namespace, engine: "Engine") -> "LoadReport":
    """``summits load --records``: store extracted records in batches (#16)."""
    from app.bulk import load_records

    settings = get_settings()
    if not (sys.stderr.isatty() and not args.quiet):
        return load_records(
            engine=engine,
            paths=args.records,
            batch_size=args.batch_size,
            retry_seconds=settings.load_retry_seconds,
            writers=args.writers,
        )
    with _load_progress() as progress:
        task = progress.add_task("loading records", total=None, current="")
        return load_records(
            engine=engine,
            paths=args.records,
            batch_size=args.batch_size,
            on_progress=lambda count: progress.update(task, advance=count),
            retry_seconds=settings.load_retry_seconds,
            writers=args.writers,
        )


def _stored_articles(engine: "Engine") -> int:
    """How many articles the database holds: seeds go only into an empty one (#12)."""
    from sqlmodel import Session

    from app import queries

    with Session(engine) as session:
        return queries.list_articles(session=session, limit=1, offset=0)[1]


def _cmd_db(args: argparse.Namespace) -> int:
    from app.migrate import downgrade, upgrade

    if args.action == "upgrade":
        upgrade(args.revision)
    else:
        downgrade(args.revision)
    print(f"database at {args.revision}: {get_settings().database_url.split('@')[-1]}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.migrate import upgrade

    upgrade()
    if args.load:
        code = _cmd_load(argparse.Namespace(paths=args.load, json=False, quiet=True))
        if code:
            print("summits: some files failed to load; serving what was stored", file=sys.stderr)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
    )
    return 0


def _cmd_synth(args: argparse.Namespace) -> int:
    import time

    from app.db import get_engine
    from app.migrate import upgrade
    from app.synth import generate

    upgrade()
    started = time.perf_counter()
    report = generate(engine=get_engine(), summits=args.summits, seed=args.seed)
    print(
        f"wrote {report.summits} summits, {report.statements} statements, "
        f"{report.people} people in {time.perf_counter() - started:.1f} s"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, separate so docs and tests can read it."""
    parser = argparse.ArgumentParser(
        prog="summits", description="Meetings between national leaders, from news to an API."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    extract = sub.add_parser(
        "extract",
        help="print one JSON record per article (gold format), or with --out write one "
        "records file per JSON Lines shard on a Dask cluster; no database",
    )
    extract.add_argument(
        "paths",
        nargs="+",
        help=".txt, .html or .jsonl files, or folders; with --out, JSON Lines shards: "
        "files, folders or globs, local or fsspec URLs (s3://, gs://, file://)",
    )
    extract.add_argument(
        "--out", metavar="DIR", help="write NAME.<hash>.records.jsonl.gz per shard here"
    )
    extract.add_argument(
        "--cluster", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786); else local"
    )
    extract.add_argument(
        "--workers", type=int, help="worker processes of the local cluster (default: cores)"
    )
    extract.add_argument("--json", action="store_true", help="print the summary as JSON")
    extract.add_argument("--quiet", action="store_true", help="no progress on stderr")
    extract.set_defaults(func=_cmd_extract)

    load = sub.add_parser("load", help="extract articles and store them (idempotent)")
    load.add_argument("paths", nargs="*", help=".txt, .html or .jsonl files, or folders")
    load.add_argument(
        "--records",
        nargs="+",
        metavar="PATH",
        help=f"store extracted records ({RECORDS_SUFFIX} files, or folders) in batches, "
        "without extracting again",
    )
    load.add_argument(
        "--batch-size",
        type=_positive,
        default=DEFAULT_BATCH_ARTICLES,
        help="articles per transaction with --records",
    )
    load.add_argument(
        "--writers",
        type=_positive,
        default=1,
        help="with --records on PostgreSQL: batches stored at once, each on its own "
        "connection (records grouped by participant set); 1 stores them in input order",
    )
    load.add_argument("--json", action="store_true", help="print the summary as JSON")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    load.add_argument(
        "--if-empty", action="store_true", help="load only into a database holding no articles"
    )
    load.set_defaults(func=_cmd_load)

    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?", default=None, help="target (head / base by default)")
    db.set_defaults(func=_cmd_db)

    synth = sub.add_parser("synth", help="write synthetic summits (benchmarks)")
    synth.add_argument("--summits", type=int, default=1000, help="how many summits")
    synth.add_argument("--seed", type=int, default=1, help="same seed, same data")
    synth.set_defaults(func=_cmd_synth)

    serve = sub.add_parser("serve", help="apply migrations and serve the REST API")
    serve.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--load", nargs="+", metavar="PATH", help="load these first")
    serve.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "1")),
        help="server processes (one per core suits read-heavy use)",
    )
    serve.set_defaults(func=_cmd_serve)
    return parser


def _positive(value: str) -> int:
    """An argument that must be a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``summits`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "load" and bool(args.paths) == bool(args.records):
        parser.error("load takes article PATHs or --records PATH..., one of the two")
    if args.command == "db" and args.revision is None:
        args.revision = "head" if args.action == "upgrade" else "base"
    from app.db import DatabaseDirectoryMissing

    try:
        return int(args.func(args))
    except DatabaseDirectoryMissing as err:
        print(f"summits: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
