"""Extraction throughput on distinct articles: articles per second, p50/p95 per article.

Every article of the corpus (the 108 dev articles by default) is extracted once per
pass, in one process, with the rule data loaded once and every per-text cache cleared
before each pass, so no memoised sentence flatters the figure: each pass sees each
article as new. Start-up (loading the rule tables and the gazetteer) is timed apart.

    python bench/extract.py [--corpus articles.jsonl] [--passes 3]
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from app.nlp.pipeline import clear_caches, extract, warm_up

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS / "articles.jsonl")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    rules = warm_up()
    startup = time.perf_counter() - started

    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    size = sum(len((r.get("text") or r.get("html") or "").encode()) for r in records)
    timings: list[float] = []
    rates: list[float] = []
    summits = 0
    for _ in range(args.passes):
        clear_caches()
        began = time.perf_counter()
        for record in records:
            t0 = time.perf_counter()
            raw = record.get("text") or record.get("html")
            doc = extract(raw, url=record.get("url"), rules=rules)
            timings.append((time.perf_counter() - t0) * 1000)
            summits += len(doc.summits)
        rates.append(len(records) / (time.perf_counter() - began))
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"{'figure':30} value")
    print(f"{'rule data start-up':30} {startup:.2f} s")
    print(f"{'distinct articles':30} {len(records)} ({size / len(records) / 1000:.1f} kB mean)")
    print(f"{'passes (caches cleared)':30} {args.passes}")
    print(f"{'throughput, median pass':30} {statistics.median(rates):.1f} articles/s")
    print(f"{'throughput, each pass':30} {', '.join(f'{r:.1f}' for r in rates)}")
    print(f"{'p50 per article':30} {statistics.median(timings):.1f} ms")
    print(f"{'p95 per article':30} {p95:.1f} ms")
    print(f"{'summits found per pass':30} {summits // args.passes}")


if __name__ == "__main__":
    main()
