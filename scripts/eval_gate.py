"""Fail when extraction accuracy on the dev corpus drops below the pinned floors.

Runs ``summits extract`` on ``../shared/corpus/dev/articles.jsonl``, scores it with
``../shared/eval/score.py`` and compares each figure with ``scripts/eval_floors.json``.
``--raise-floors`` moves floors up to the current figures; it never lowers one.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "scripts" / "eval_floors.json"
README_START, README_END = "<!-- score-table -->", "<!-- /score-table -->"
TOLERANCE = 0.0005  # figures are rounded to three places by score.py


def figure(result: dict[str, Any], name: str) -> float:
    """One score.py figure: an F1, an accuracy, or the summit score."""
    value = result[name]
    if isinstance(value, dict):
        return float(value.get("f1", value.get("acc")) or 0.0)
    return float(value)


def run_eval(corpus: Path) -> dict[str, Any]:
    """Extract and score ``corpus``; returns score.py's JSON figures."""
    with tempfile.TemporaryDirectory() as tmp:
        pred, figures = Path(tmp) / "pred.jsonl", Path(tmp) / "figures.json"
        with pred.open("w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, "-m", "app", "extract", str(corpus / "articles.jsonl")],
                stdout=out,
                check=True,
                cwd=ROOT,
            )
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval" / "score.py"),
                "--gold",
                str(corpus),
                "--pred",
                str(pred),
                "--json",
                str(figures),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        result: dict[str, Any] = json.loads(figures.read_text(encoding="utf-8"))
        return result


def write_readme_table(result: dict[str, Any]) -> None:
    """Replace the table between the README's score-table markers with these figures."""
    rows = ["| figure | dev | kind |", "|---|---|---|"]
    for name, value in result.items():
        if isinstance(value, dict) and "f1" in value:
            rows.append(
                f"| {name} | {value['f1']:.3f} | F1 (P {value['p']:.3f}, R {value['r']:.3f}) |"
            )
        elif isinstance(value, dict) and "acc" in value and value["acc"] is not None:
            rows.append(f"| {name} | {value['acc']:.3f} | accuracy ({value['ok']}/{value['n']}) |")
    rows.append(f"| **summit_score** | **{result['summit_score']:.3f}** | mean of the seven |")
    rows.append(f"| spurious fills | {result['spurious']} | |")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start = text.index(README_START) + len(README_START)
    end = text.index(README_END)
    readme.write_text(text[:start] + "\n" + "\n".join(rows) + "\n" + text[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "dev")
    parser.add_argument("--raise-floors", action="store_true", help="move floors up to now")
    parser.add_argument("--readme", action="store_true", help="rewrite the README score table")
    args = parser.parse_args()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    result = run_eval(args.corpus)
    failures = []
    for name, floor in sorted(floors.items()):
        now = figure(result, name)
        mark = "ok " if now + TOLERANCE >= floor else "LOW"
        print(f"{mark} {name:24} {now:.3f}  (floor {floor:.3f})")
        if mark == "LOW":
            failures.append(name)
    if args.raise_floors:
        raised = {
            name: max(floor, round(figure(result, name), 3)) for name, floor in floors.items()
        }
        FLOORS.write_text(json.dumps(raised, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS.relative_to(ROOT)}")
    if args.readme:
        write_readme_table(result)
        print("README score table updated")
    if failures:
        print(f"eval gate: below floor: {', '.join(failures)}")
        return 1
    print("eval gate: every figure at or above its floor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
