"""`summits load` throughput: articles per second into SQLite (and PostgreSQL), with one
and with two worker processes, over articles the script writes itself.

    python bench/load.py                       # 10,000 articles into SQLite
    python bench/load.py --database-url postgresql://postgres@127.0.0.1:54329/bench
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from app.config import Settings
from app.db import make_engine
from app.synth import article_texts

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"


def write_articles(count: int) -> list[Path]:
    """The benchmark's articles on disk, written once and reused."""
    folder = DATA / f"articles-{count}"
    if not folder.exists() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, body in article_texts(count, seed=2026):
            (folder / name).write_text(body, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def reset(url: str) -> None:
    """An empty database at ``url`` (the load command migrates it)."""
    if url.startswith("sqlite"):
        Path(url.split("///", 1)[1]).unlink(missing_ok=True)
        return
    engine = make_engine(Settings(database_url=url).database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def timed_load(url: str, files: list[Path], workers: int) -> float:
    """Seconds for ``workers`` concurrent `summits load` processes to store ``files``."""
    reset(url)
    subprocess.run(
        [sys.executable, "-m", "app", "db", "upgrade"],
        check=True,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
    )
    with tempfile.TemporaryDirectory() as tmp:
        shares = []
        for worker in range(workers):
            share = Path(tmp) / f"share-{worker}"
            share.mkdir()
            for path in files[worker::workers]:
                (share / path.name).symlink_to(path)
            shares.append(share)
        started = time.perf_counter()
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "app", "load", "--quiet", str(share)],
                cwd=ROOT,
                env={**os.environ, "DATABASE_URL": url},
                stdout=subprocess.DEVNULL,
            )
            for share in shares
        ]
        codes = [p.wait() for p in processes]
        elapsed = time.perf_counter() - started
    if any(codes):
        raise SystemExit(f"a load failed: exit codes {codes}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database-url", help="also load into this PostgreSQL database")
    args = parser.parse_args()
    files = write_articles(args.articles)
    targets = {"sqlite": f"sqlite:///{DATA / 'load-bench.db'}"}
    if args.database_url:
        targets["postgresql"] = args.database_url
    print("| database | workers | articles | seconds | articles/s |")
    print("|---|---|---|---|---|")
    for name, url in targets.items():
        for workers in (1, 2):
            seconds = timed_load(url, files, workers)
            print(
                f"| {name} | {workers} | {len(files)} | {seconds:.1f} | "
                f"{len(files) / seconds:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
