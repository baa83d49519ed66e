"""Scale figures (#16): extraction on a Dask cluster of 1 and 2 workers, with peak memory.

Distinct articles (the dev corpus when ``../shared`` is beside the project, and
``--synthetic N`` meeting reports written by ``app.synth``) are split into JSON Lines
shards and extracted the way ``summits extract SHARDS --out DIR`` does, on a local
cluster of one, then two, single-threaded worker processes, each started and warmed (rule
data loaded) before the clock starts; warm-up is timed apart. One process without Dask
(``pipeline.extract`` in a loop) gives the baseline of the same run. Besides articles per
wall-clock second, each run gives the CPU time per article of this process and all its
descendants (scheduler, nannies, workers, their fork servers and extraction processes):
what sizing a cluster needs, and a figure that other work on shared cores hardly moves.
Memory is the peak of the same processes, sampled every 0.2 s, in proportional set size
so pages shared after a fork count once.

    python bench/scale.py                      # dev corpus and 2,000 synthetic articles
    python bench/scale.py --synthetic 20000 --shards 16 --records bench/.data/records

``--records DIR`` keeps the two-worker run's records files there: the input of the bulk
load (``summits load --records DIR``), whose figure belongs in ``bulk_load`` below.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from distributed import Client

from app.cluster import check_workers, extract_shards, start_local_cluster, warm_workers
from app.config import DEFAULT_EXTRACT_TIMEOUT_S
from app.nlp.pipeline import clear_caches, extract, warm_up
from app.synth import article_texts

ROOT = Path(__file__).resolve().parent.parent
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "articles.jsonl"
MAX_BYTES = 5_000_000
SAMPLE_S = 0.2
IDLE_S = 5.0  # how long the idle cluster's CPU time is measured
MB = 1024


# One set of distinct articles, as JSON Lines records.
@dataclass(frozen=True, slots=True)
class Dataset:
    name: str
    rows: list[dict[str, str]]

    @property
    def mean_kb(self) -> float:
        """Mean article size in kB."""
        return statistics.mean(len(r["text"].encode()) for r in self.rows) / 1000


def datasets(corpus: Path, synthetic: int) -> list[Dataset]:
    """The dev corpus when present, and ``synthetic`` generated articles."""
    found: list[Dataset] = []
    if corpus.is_file():
        rows = [json.loads(line) for line in corpus.read_text().splitlines() if line.strip()]
        texts = [{"id": r["id"], "text": r.get("text") or r["html"]} for r in rows]
        found.append(Dataset(f"dev corpus ({corpus.name})", texts))
    if synthetic:
        texts = [{"id": n, "text": t} for n, t in article_texts(synthetic, seed=1616)]
        found.append(Dataset("synthetic (app.synth)", texts))
    return found


def write_shards(dataset: Dataset, folder: Path, shards: int) -> list[str]:
    """The dataset as ``shards`` JSON Lines files of about equal size."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[str] = []
    size = -(-len(dataset.rows) // shards)
    for number in range(shards):
        part = dataset.rows[number * size : (number + 1) * size]
        if part:
            path = folder / f"shard-{number:03d}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
            paths.append(str(path))
    return paths


def _tree(root: int) -> set[int]:
    """``root`` and every process descended from it."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except OSError:  # the process ended while we looked
            continue
    tree = {root}
    while found := {pid for pid, parent in parents.items() if parent in tree} - tree:
        tree |= found
    return tree


def _tree_pss_mb(root: int) -> float:
    """Memory now of ``root`` and all its descendants in MB (proportional set sizes);
    Linux's /proc, 0 elsewhere."""
    kib = 0
    for pid in _tree(root):
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        kib += sum(int(line.split()[1]) for line in rollup.splitlines() if line[:4] == "Pss:")
    return kib / MB


def _tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) spent so far by ``root`` and its living descendants,
    with the children each has reaped; Linux's /proc, 0 elsewhere. Unlike wall-clock
    time, this hardly moves when other work shares the cores."""
    ticks = 0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return ticks / os.sysconf("SC_CLK_TCK")


# What one run of one dataset measured.
@dataclass(frozen=True, slots=True)
class Figure:
    setup: str
    rate: float  # articles per wall-clock second
    cpu_ms: float  # CPU milliseconds per article, every process of the run counted
    marginal_ms: float  # the same less what the idle cluster spends in as long
    peak_mb: float
    record_bytes: int = 0  # compressed records file bytes per article


class Measured:
    """Wall-clock and CPU time and the largest memory of this process's tree while the
    block runs."""

    def __init__(self) -> None:
        self.peak = 0.0
        self.seconds = 0.0
        self.cpu_s = 0.0
        self._sampler_cpu_s = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_S):
            self.peak = max(self.peak, _tree_pss_mb(os.getpid()))
        self._sampler_cpu_s = time.thread_time()  # the sampling's own cost, taken out

    def __enter__(self) -> "Measured":
        self.peak = _tree_pss_mb(os.getpid())
        self._thread.start()
        self.cpu_s = _tree_cpu_s(os.getpid())
        self.seconds = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = time.perf_counter() - self.seconds
        self._done.set()
        self._thread.join()
        self.cpu_s = _tree_cpu_s(os.getpid()) - self.cpu_s - self._sampler_cpu_s
        self.peak = max(self.peak, _tree_pss_mb(os.getpid()))


def one_process(dataset: Dataset) -> Figure:
    """Plain extraction in this process, warm, caches cleared: the baseline."""
    rules = warm_up()
    clear_caches()
    with Measured() as measured:
        for row in dataset.rows:
            extract(row["text"], rules=rules)
    count = len(dataset.rows)
    cpu_ms = measured.cpu_s * 1000 / count
    return Figure("1 process, no Dask", count / measured.seconds, cpu_ms, cpu_ms, measured.peak)


def on_cluster(
    workers: int, runs: list[tuple[Dataset, list[str], Path]]
) -> tuple[float, list[Figure]]:
    """Warm-up seconds of a fresh cluster of ``workers``, and each run's figures on it."""
    figures: list[Figure] = []
    with start_local_cluster(workers) as local, Client(local) as client:
        check_workers(client)
        warm = warm_workers(client, budget_s=DEFAULT_EXTRACT_TIMEOUT_S)
        with Measured() as idle:  # heartbeats, monitors: the cluster's own upkeep
            time.sleep(IDLE_S)
        upkeep = idle.cpu_s / idle.seconds
        for dataset, shards, out in runs:
            shutil.rmtree(out, ignore_errors=True)
            with Measured() as measured:
                report = extract_shards(
                    client=client,
                    shards=shards,
                    out=out,
                    budget_s=DEFAULT_EXTRACT_TIMEOUT_S,
                    max_bytes=MAX_BYTES,
                )
            if report.failed or report.articles != len(dataset.rows):
                raise SystemExit(f"extraction failed: {report.failed or report.articles}")
            size = sum(p.stat().st_size for p in out.iterdir())
            figures.append(
                Figure(
                    f"{workers} worker{'s' * (workers > 1)} (Dask)",
                    report.articles / measured.seconds,
                    measured.cpu_s * 1000 / report.articles,
                    (measured.cpu_s - upkeep * measured.seconds) * 1000 / report.articles,
                    measured.peak,
                    size // report.articles,
                )
            )
    return warm, figures


def bulk_load(records: Path, database_url: str | None) -> None:
    """The bulk load's figure (``summits load --records DIR``, #16) on the records the
    two-worker run wrote: ``bench/bulk.py`` times it into a fresh database."""
    print(f"\nrecords of the two-worker run kept in {records} (input of the bulk load)")
    command = [sys.executable, str(Path(__file__).with_name("bulk.py")), "--records"]
    command += [str(records), "--no-reference", "--writers", "1,2"]
    if database_url:
        command += ["--database-url", database_url, "--no-sqlite"]
    subprocess.run(command, check=True)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    parser.add_argument("--synthetic", type=int, default=2000, help="generated articles")
    parser.add_argument("--shards", type=int, default=8, help="shards per dataset")
    parser.add_argument("--records", type=Path, help="keep the two-worker records here")
    parser.add_argument("--database-url", help="bulk-load the records into this PostgreSQL")
    args = parser.parse_args()

    print(f"machine: {os.cpu_count()} cores, load average {_load()} at start")
    found = datasets(args.corpus, args.synthetic)
    with tempfile.TemporaryDirectory(prefix="summits-scale-") as folder:
        root = Path(folder)
        runs = [
            (d, write_shards(d, root / f"in-{i}", args.shards), root / f"out-{i}")
            for i, d in enumerate(found)
        ]
        baseline = [one_process(d) for d in found]
        warm_one, single = on_cluster(1, runs)
        warm_two, double = on_cluster(2, runs)
        print(
            "\n| articles | setup | articles/s | CPU ms/article | less idle upkeep "
            "| peak MB | records B/article |"
        )
        print("|---|---|---|---|---|---|---|")
        for (d, _, _), *figures in zip(runs, baseline, single, double, strict=True):
            for f in figures:
                print(
                    f"| {d.name}: {len(d.rows)}, {d.mean_kb:.1f} kB mean | {f.setup} "
                    f"| {f.rate:.1f} | {f.cpu_ms:.1f} | {f.marginal_ms:.1f} | {f.peak_mb:.0f} "
                    f"| {f.record_bytes or ''} |"
                )
            print(f"| | 2 workers / 1 | {figures[2].rate / figures[1].rate:.2f}x | | | | |")
        print(f"\nwarm-up (rule data in every worker): 1 worker {warm_one:.1f} s, ", end="")
        print(f"2 workers {warm_two:.1f} s")
        if args.records:
            args.records.mkdir(parents=True, exist_ok=True)
            for _, _, out in runs:
                for path in out.iterdir():
                    shutil.copy2(path, args.records / path.name)
            bulk_load(args.records, args.database_url)
    print(f"load average {_load()} at the end")


if __name__ == "__main__":
    main()
