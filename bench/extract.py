"""Extraction throughput: articles per second and p50/p95 milliseconds per article.

Runs the pipeline in one process over the dev corpus repeated to ``--articles``
articles (1,000 by default), with the rule data loaded once, and prints a table.
The start-up line is the time to load every rule table and the gazetteer.
"""

import argparse
import json
import statistics
import time
from pathlib import Path

from app.nlp.pipeline import extract, warm_up

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS / "articles.jsonl")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()

    started = time.perf_counter()
    rules = warm_up()
    startup = time.perf_counter() - started

    records = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines()]
    batch = [records[i % len(records)] for i in range(args.articles)]
    timings = []
    summits = 0
    began = time.perf_counter()
    for record in batch:
        t0 = time.perf_counter()
        doc = extract(record.get("text") or record.get("html"), url=record.get("url"), rules=rules)
        timings.append((time.perf_counter() - t0) * 1000)
        summits += len(doc.summits)
    elapsed = time.perf_counter() - began
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"{'figure':28} value")
    print(f"{'rule data start-up':28} {startup:.2f} s")
    print(f"{'articles':28} {len(batch)} ({len(records)} distinct)")
    print(f"{'throughput':28} {len(batch) / elapsed:.1f} articles/s")
    print(f"{'p50 per article':28} {statistics.median(timings):.1f} ms")
    print(f"{'p95 per article':28} {p95:.1f} ms")
    print(f"{'summits found':28} {summits}")


if __name__ == "__main__":
    main()
