"""Scale figures (#16): extraction on a Dask cluster of 1 and 2 workers, with peak memory.

Distinct articles (the dev corpus when ``../shared`` is beside the project, and
``--synthetic N`` meeting reports written by ``app.synth``) are split into JSON Lines
shards and extracted the way ``summits extract SHARDS --out DIR`` does, on a local
cluster of one, then two, single-threaded worker processes, each started and warmed (rule
data loaded) before the clock starts; warm-up is timed apart. One process without Dask
(``pipeline.extract`` in a loop) gives the baseline of the same run. Memory is the peak,
sampled every 0.2 s, of this process and all its descendants (scheduler, nannies,
workers, their fork servers and extraction processes), in proportional set size so
pages shared after a fork count once.

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


def _tree_pss_mb(root: int) -> float:
    """Memory now of ``root`` and all its descendants in MB (proportional set sizes);
    Linux's /proc, 0 elsewhere."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except OSError:  # the process ended while we looked
            continue
    tree = {root}
    while found := {pid for pid, parent in parents.items() if parent in tree} - tree:
        tree |= found
    kib = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        kib += sum(int(line.split()[1]) for line in rollup.splitlines() if line[:4] == "Pss:")
    return kib / MB


class PeakMemory:
    """The largest memory of this process's tree while the block runs."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_S):
            self.peak = max(self.peak, _tree_pss_mb(os.getpid()))

    def __enter__(self) -> "PeakMemory":
        self.peak = _tree_pss_mb(os.getpid())
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_pss_mb(os.getpid()))


def one_process(dataset: Dataset) -> tuple[float, float]:
    """Articles/s and peak MB of plain extraction in this process, warm, caches cleared."""
    rules = warm_up()
    clear_caches()
    with PeakMemory() as memory:
        started = time.perf_counter()
        for row in dataset.rows:
            extract(row["text"], rules=rules)
        seconds = time.perf_counter() - started
    return len(dataset.rows) / seconds, memory.peak


def on_cluster(
    workers: int, runs: list[tuple[Dataset, list[str], Path]]
) -> list[tuple[float, float, float, int]]:
    """For each run on one fresh cluster of ``workers``: warm-up seconds (the first run
    only), articles/s, peak MB and records bytes per article."""
    results: list[tuple[float, float, float, int]] = []
    with start_local_cluster(workers) as local, Client(local) as client:
        check_workers(client)
        warm = warm_workers(client, budget_s=DEFAULT_EXTRACT_TIMEOUT_S)
        for dataset, shards, out in runs:
            shutil.rmtree(out, ignore_errors=True)
            with PeakMemory() as memory:
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
            results.append((warm, report.rate, memory.peak, size // report.articles))
            warm = 0.0
    return results


def bulk_load(records: Path) -> None:
    """The bulk load's figure (``summits load --records DIR`` into PostgreSQL, #16): the
    records written by the two-worker run are in ``records``."""
    print(f"\nrecords of the two-worker run kept in {records} (input of the bulk load)")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    parser.add_argument("--synthetic", type=int, default=2000, help="generated articles")
    parser.add_argument("--shards", type=int, default=8, help="shards per dataset")
    parser.add_argument("--records", type=Path, help="keep the two-worker records here")
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
        single = on_cluster(1, runs)
        double = on_cluster(2, runs)
        print(
            "\n| articles | kB mean | shards | 1 process, no Dask | 1 worker | 2 workers "
            "| 2 workers / 1 | peak MB: 1 process, 1 worker, 2 workers | records B/article |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for (d, shards, _), base, one, two in zip(runs, baseline, single, double, strict=True):
            print(
                f"| {d.name}: {len(d.rows)} | {d.mean_kb:.1f} | {len(shards)} "
                f"| {base[0]:.1f}/s | {one[1]:.1f}/s | {two[1]:.1f}/s | {two[1] / one[1]:.2f}x "
                f"| {base[1]:.0f}, {one[2]:.0f}, {two[2]:.0f} | {two[3]} |"
            )
        print(
            f"\nwarm-up (every worker loads the rule data): 1 worker {single[0][0]:.1f} s, "
            f"2 workers {double[0][0]:.1f} s"
        )
        if args.records:
            args.records.mkdir(parents=True, exist_ok=True)
            for _, _, out in runs:
                for path in out.iterdir():
                    shutil.copy2(path, args.records / path.name)
            bulk_load(args.records)
    print(f"load average {_load()} at the end")


if __name__ == "__main__":
    main()
