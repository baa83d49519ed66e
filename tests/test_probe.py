"""The probe corpus: one hundred articles the team wrote in the house styles of many outlets
and decades (a stand-in for unseen news), scored like the dev corpus so a rule tuned to
the dev articles that breaks other news shows here."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED

PROBE = ROOT / "tests" / "probe"
SCORE = SHARED / "eval" / "score.py"
# pinned from the last scored run; raise it when the extractor earns more
FLOOR = 0.96  # 100 articles (0.975 when pinned, after session 6's two probe rounds)


def test_probe_corpus_is_complete() -> None:
    ids = [json.loads(line)["id"] for line in (PROBE / "articles.jsonl").read_text().splitlines()]
    assert len(ids) == 100
    for aid in ids:
        for suffix in (".txt", ".meta.json", ".gold.json"):
            assert (PROBE / f"{aid}{suffix}").exists(), aid + suffix


@pytest.mark.skipif(not SCORE.exists(), reason="needs ../shared")
def test_probe_summit_score_stays_above_floor(tmp_path: Path) -> None:
    extracted = subprocess.run(
        [sys.executable, "-m", "app", "extract", str(PROBE / "articles.jsonl")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pred = tmp_path / "pred.jsonl"
    pred.write_text(extracted.stdout)
    scored = subprocess.run(
        [sys.executable, str(SCORE), "--gold", str(PROBE), "--pred", str(pred)],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"summit_score (\d\.\d+)", scored.stdout)
    assert found is not None, scored.stdout
    assert float(found.group(1)) >= FLOOR, scored.stdout
