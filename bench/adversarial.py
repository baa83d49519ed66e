"""Extraction time on adversarial inputs: seconds, seconds per MB, 1 MB / 100 kB ratio.

Each case is built in memory at every size (10 kB, 100 kB and 1 MB by default) and run
through ``app.nlp.pipeline.extract`` once, timed in CPU seconds (``time.process_time``:
the wall clock would count the machine's other work). The rule data is loaded once
(``warm_up()``) in this process; every extraction runs in a forked child with a
wall-clock cap, so a case that does not finish is printed as "over N s" instead of
hanging the run (and the larger sizes of that case are skipped). Targets of issue 13:
at most 2 s per MB for every case (judged at the largest size, where the fixed cost per
article no longer dominates), and at most 12x between 1 MB and 100 kB (linear growth);
cases that miss either are flagged.

    python bench/adversarial.py [--sizes 10000,100000,1000000] [--timeout 60]
"""

import argparse
import csv
import multiprocessing as mp
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from app.nlp.pipeline import clear_caches, extract, warm_up
from app.nlp.rules import Rules

LEADERS_DIR = Path(__file__).resolve().parent.parent / "app" / "nlp" / "data" / "leaders"
TARGET_S_PER_MB = 2.0
TARGET_RATIO = 12.0
QUOTE_MARKS = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "'"]
ZERO_WIDTH_RTL = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200f", "\u202e", "\u2067"]
MEETING = (
    "French President Emmanuel Macron met German Chancellor Angela Merkel in Berlin on "
    "Tuesday for two hours of talks on trade. "
)
DATELINE = "BERLIN, March 3, 2021 (Reuters) - "


def leader_names() -> list[str]:
    """Every leader name (first column) of the leaders tables."""
    names: list[str] = []
    for path in sorted(LEADERS_DIR.glob("*.tsv")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        rows = csv.reader((ln for ln in lines if not ln.startswith("#")), delimiter="\t")
        names += [row[0] for row in rows if row and row[0] != "name"]
    return names


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` bytes of UTF-8 (cut at a character boundary)."""
    per = max(1, len(unit.encode()))
    text = unit * (size // per + 1)
    return text.encode()[:size].decode(errors="ignore")


def letters(size: int) -> str:
    return fill("abcdefghijklmnopqrstuvwxyz", size)


def unbalanced_quotes(size: int) -> str:
    line = "".join(f"{mark}Leaders said {mark}we met " for mark in QUOTE_MARKS) + "\n"
    return fill(line, size)


def zero_width_rtl(size: int) -> str:
    chars = ZERO_WIDTH_RTL
    unit = "".join(f"{w}{c}" for w, c in zip(MEETING.split(" "), chars * 10, strict=False))
    return fill(unit + " \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627\n", size)


def names_list(size: int) -> str:
    return fill("\n".join(leader_names()) + "\n", size)


def names_one_line(size: int) -> str:
    return fill(", ".join(leader_names()) + ", ", size)


def repeated_meeting(size: int) -> str:
    return fill(MEETING, size)


def dated_meeting(size: int) -> str:
    # a dateline that dates the meeting, so every repeat's "on Tuesday" is a day
    return DATELINE + fill(MEETING, size - len(DATELINE))


def many_quotes(size: int) -> str:
    # 64,000 quotation marks at 64 kB; at other sizes the same density (all quotes).
    return fill('"', size)


CASES: dict[str, Callable[[int], str]] = {
    "letters, no spaces": letters,
    "unbalanced quotes (9 kinds)": unbalanced_quotes,
    "zero-width and RTL": zero_width_rtl,
    "leader names, one a line": names_list,
    "leader names, one line": names_one_line,
    "one meeting sentence repeated": repeated_meeting,
    "quotation marks only": many_quotes,
    "meeting sentence repeated, dated dateline": dated_meeting,
}


def _child(conn: Connection, text: str, rules: Rules) -> None:
    clear_caches()
    started = time.process_time()
    doc = extract(text, rules=rules)
    conn.send((time.process_time() - started, len(doc.summits)))
    conn.close()


def timed(text: str, rules: Rules, timeout: float) -> tuple[float, int] | None:
    """Seconds and summits of one extraction in a forked child, or None past ``timeout``
    (or if the child died)."""
    ctx = mp.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, text, rules))
    child.start()
    sender.close()
    result = None
    if receiver.poll(timeout):
        try:
            result = receiver.recv()
        except EOFError:
            result = None
    if child.is_alive():
        child.kill()
    child.join()
    return result


def human(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} kB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--timeout", type=float, default=60.0, help="cap per extraction, s")
    parser.add_argument("--cases", default="", help="comma-separated substrings of case names")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    wanted = [c.strip() for c in args.cases.split(",") if c.strip()]

    rules = warm_up()
    cells = " | ".join(f"{human(s)} s | s/MB" for s in sizes)
    print(f"| case | {cells} | ratio 1 MB / 100 kB | flag |")
    print("|---|" + "---|---|" * len(sizes) + "---|---|")
    for name, build in CASES.items():
        if wanted and not any(w in name for w in wanted):
            continue
        seconds: dict[int, float | None] = {}
        row: list[str] = []
        over = False
        for size in sizes:
            if over:
                seconds[size] = None
                row += ["skipped", "-"]
                continue
            result = timed(build(size), rules, args.timeout)
            if result is None:
                over = True
                seconds[size] = None
                row += [f"over {args.timeout:.0f} s", "-"]
                continue
            seconds[size] = result[0]
            row += [f"{result[0]:.2f}", f"{result[0] / (size / 1e6):.2f}"]
        big, small = seconds.get(1_000_000), seconds.get(100_000)
        ratio = f"{big / small:.1f}x" if big is not None and small else "-"
        flags = []
        # s/MB is judged at the largest size: at 10 kB the fixed cost per article dominates.
        largest = seconds[sizes[-1]]
        if largest is None or largest / (sizes[-1] / 1e6) > TARGET_S_PER_MB:
            flags.append(f"> {TARGET_S_PER_MB:.0f} s/MB")
        if big is not None and small and big / small > TARGET_RATIO:
            flags.append(f"ratio > {TARGET_RATIO:.0f}x")
        print(f"| {name} | {' | '.join(row)} | {ratio} | {', '.join(flags) or 'ok'} |", flush=True)


if __name__ == "__main__":
    main()
