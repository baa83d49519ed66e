"""Extraction work as an instruction count, for comparing code on a noisy machine.

Wall clock on a shared VM varies by 40 % from run to run; an instruction count repeats.
Run it twice under callgrind, once stopping after start-up, and subtract:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --cache-sim=no python bench/instructions.py warm
    PYTHONHASHSEED=0 valgrind --tool=callgrind --cache-sim=no python bench/instructions.py run

Each dev article is extracted once, with every per-text cache cleared first.
"""

import argparse
import json
from pathlib import Path

from app.nlp import pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["warm", "run"], help="stop after start-up, or extract")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS / "articles.jsonl")
    args = parser.parse_args()
    rules = pipeline.warm_up()
    records = [json.loads(line) for line in args.corpus.read_text().splitlines() if line]
    if args.mode == "run":
        pipeline.clear_caches()
        for record in records:
            text = record.get("text") or record.get("html") or ""
            pipeline.extract(text, url=record.get("url"), rules=rules)


if __name__ == "__main__":
    main()
