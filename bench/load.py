"""`summits load` throughput: articles per second into SQLite (and PostgreSQL), with one
and with two load processes, over articles the script writes itself, with the peak
resident memory of one load process and, sampled every 0.2 s, the memory of the loads
together with their extraction workers (proportional set size: shared pages once).

``--memory-mb M`` then loads JSON Lines files of M, 2M and 4M megabytes into SQLite and
prints each load's peak memory, which must stay flat as the input grows (#13). Those
files repeat a few records of the benchmark's articles, so after the first copy each
record is known by its hash and costs a read, not an extraction.

    python bench/load.py                       # 10,000 articles into SQLite
    python bench/load.py --database-url postgresql://postgres@127.0.0.1:54329/bench
    python bench/load.py --articles 2000 --memory-mb 64
"""

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import text

from app.config import Settings
from app.db import make_engine
from app.synth import article_texts

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
MB = 1024 * 1024
ARTICLES_PER_RECORD = 100  # about 45 kB per JSON Lines record: few records to look up
RECORDS = 2  # distinct records in the memory files; the rest repeat them
SAMPLE_S = 0.2  # how often the memory of the load processes' trees is sampled


def write_articles(count: int) -> list[Path]:
    """The benchmark's articles on disk, written once and reused."""
    folder = DATA / f"articles-{count}"
    if not folder.exists() or len(list(folder.glob("*.txt"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name, body in article_texts(count, seed=2026):
            (folder / name).write_text(body, encoding="utf-8")
    return sorted(folder.glob("*.txt"))


def write_jsonl(megabytes: int) -> Path:
    """A JSON Lines file of about ``megabytes`` MB: records of articles run together,
    repeated, so that only the first copies need extracting."""
    path = DATA / f"batch-{megabytes}mb.jsonl"
    if path.exists():
        return path
    texts = [body for _name, body in article_texts(ARTICLES_PER_RECORD * RECORDS, seed=2027)]
    lines = [
        json.dumps({"text": "\n\n".join(texts[i : i + ARTICLES_PER_RECORD])}) + "\n"
        for i in range(0, len(texts), ARTICLES_PER_RECORD)
    ]
    written = 0
    with path.open("w", encoding="utf-8") as stream:
        for line in itertools.cycle(lines):
            if written >= megabytes * MB:
                break
            stream.write(line)
            written += len(line)
    return path


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


def _wait(process: subprocess.Popen[bytes]) -> tuple[int, float]:
    """Exit code and peak resident memory in MB of a finished process (``ru_maxrss`` is
    the largest of the process and the children it waited for; KiB on Linux)."""
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss / 1024


def _tree_pss_mb(roots: list[int]) -> float:
    """Memory now of ``roots`` and all their descendants (the extraction workers and their
    fork server), in MB: proportional set sizes, so pages a worker shares with the fork
    server count once. Linux's /proc; 0 elsewhere."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except OSError:  # the process ended while we looked
            continue
    tree = set(roots)
    grew = True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    kib = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        kib += sum(int(line.split()[1]) for line in rollup.splitlines() if line[:4] == "Pss:")
    return kib / 1024


def _sample_peak(roots: list[int], done: threading.Event, peak: list[float]) -> None:
    """Keep the largest memory of the process trees until ``done``."""
    while not done.wait(SAMPLE_S):
        peak[0] = max(peak[0], _tree_pss_mb(roots))


def timed_load(url: str, inputs: list[Path], workers: int) -> tuple[float, float, float]:
    """Seconds for ``workers`` concurrent `summits load` processes to store ``inputs``,
    the largest peak memory (MB) of one of them, and the sampled peak of all of them
    with their extraction workers."""
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
            for path in inputs[worker::workers]:
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
        done, tree_peak = threading.Event(), [0.0]
        sampler = threading.Thread(
            target=_sample_peak, args=([p.pid for p in processes], done, tree_peak)
        )
        sampler.start()
        outcomes = [_wait(p) for p in processes]
        elapsed = time.perf_counter() - started
        done.set()
        sampler.join()
    if any(code for code, _peak in outcomes):
        raise SystemExit(f"a load failed: exit codes {[code for code, _peak in outcomes]}")
    return elapsed, max(peak for _code, peak in outcomes), tree_peak[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database-url", help="also load into this PostgreSQL database")
    parser.add_argument("--memory-mb", type=int, help="also load JSON Lines of 1x, 2x, 4x MB")
    args = parser.parse_args()
    files = write_articles(args.articles)
    sqlite = f"sqlite:///{DATA / 'load-bench.db'}"
    targets = {"sqlite": sqlite}
    if args.database_url:
        targets["postgresql"] = args.database_url
    print("| database | loads | articles | seconds | articles/s | peak RSS MB | with workers |")
    print("|---|---|---|---|---|---|---|")
    for name, url in targets.items():
        for workers in (1, 2):
            seconds, peak, tree = timed_load(url, files, workers)
            print(
                f"| {name} | {workers} | {len(files)} | {seconds:.1f} | "
                f"{len(files) / seconds:.1f} | {peak:.0f} | {tree:.0f} |",
                flush=True,
            )
    if args.memory_mb:
        print("\n| JSON Lines MB | seconds | peak RSS MB | with workers |")
        print("|---|---|---|---|")
        for scale in (1, 2, 4):
            path = write_jsonl(args.memory_mb * scale)
            seconds, peak, tree = timed_load(sqlite, [path], 1)
            size = path.stat().st_size / MB
            print(f"| {size:.0f} | {seconds:.1f} | {peak:.0f} | {tree:.0f} |", flush=True)


if __name__ == "__main__":
    main()
