"""The summits command, run as a real process."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.config import Settings
from app.db import make_engine
from tests.conftest import SEEDS, SHARED
from tests.factories import NO_SUMMIT, SOCHI_A, SOCHI_B, slow_article, write

SUMMITS = [sys.executable, "-m", "app"]


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SUMMITS, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=120,
    )


def test_extract_prints_one_gold_format_record_per_article() -> None:
    result = _run(["extract", str(SEEDS)])
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["000_9f4f7a5132786d4c", "004_e3a4041a73878da2"]
    assert set(records[1]) == {"id", "article", "summits"}
    assert records[1]["article"] == {
        "title": "Japan’s Kishida, South Korea’s Yoon Confirm to Cooperate Against N. Korea "
        "in San Francisco",
        "published": "2023-11-17",
        "publisher": "The Japan News",
        "dateline": "SAN FRANCISCO",
    }


def test_extract_reads_json_lines_with_their_ids(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "m1", "url": "https://example.org/2023/03/02/x", "text": NO_SUMMIT})]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    result = _run(["extract", str(path)])
    assert result.returncode == 0
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["id"], record["summits"]) == ("m1", [])


def test_extract_reports_bad_input_and_goes_on(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "ok.txt", NO_SUMMIT)
    result = _run(["extract", str(tmp_path)])
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert "empty.txt: empty file" in result.stderr


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared")
def test_seeds_score_exactly_one(tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_run(["extract", *map(str, sorted(SEEDS.glob("*.txt")))]).stdout)
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--gold",
            str(SHARED / "seeds"),
            "--pred",
            str(pred),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "summit_score 1.000" in scored.stdout, scored.stdout


def test_extract_skips_an_article_over_the_budget_and_goes_on(tmp_path: Path) -> None:
    slow = write(tmp_path, "slow.txt", slow_article())
    write(tmp_path, "z.txt", NO_SUMMIT)
    result = _run(["extract", str(tmp_path)], {"EXTRACT_TIMEOUT_SECONDS": "1"})
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["z"]
    assert f"summits: skipped {slow}: extraction exceeded 1 s" in result.stderr.splitlines()


def test_load_skips_an_article_over_the_budget_and_stores_the_rest(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    slow = write(tmp_path, "slow.txt", slow_article())
    write(tmp_path, "z.txt", NO_SUMMIT)
    env = {"DATABASE_URL": url, "EXTRACT_TIMEOUT_SECONDS": "1"}
    result = _run(["load", "--json", str(slow), str(tmp_path / "z.txt")], env)
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["new"], summary["failed"]) == (2, 1, 1)
    assert summary["failures"] == [{"source": str(slow), "reason": "extraction exceeded 1 s"}]
    engine = make_engine(Settings(database_url=url).database_url)
    with engine.connect() as connection:
        assert list(connection.execute(text("SELECT source FROM article"))) == [("z.txt",)]
    engine.dispose()


def test_load_summarises_and_fails_on_bad_files(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    (tmp_path / "in").mkdir()
    write(tmp_path / "in", "bad.txt", "")
    first = _run(["load", "--json", str(SEEDS), str(tmp_path / "in")], env)
    assert first.returncode == 1
    summary = json.loads(first.stdout)
    assert summary == {
        "read": 3,
        "new": 2,
        "unchanged": 0,
        "failed": 1,
        "summits": 2,
        "merged": 0,
        "statements": 5,
        "failures": [{"source": str(tmp_path / "in" / "bad.txt"), "reason": "empty file"}],
    }
    again = _run(["load", str(SEEDS)], env)
    assert again.returncode == 0
    assert again.stdout.strip() == (
        "articles read 2: 0 new, 2 unchanged, 0 failed; summits 0 new, "
        "0 merged into stored ones; 0 statements"
    )


def test_load_reports_new_and_merged_summits_apart(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    paths = [str(write(tmp_path, "a.txt", SOCHI_A)), str(write(tmp_path, "b.txt", SOCHI_B))]
    result = _run(["load", *paths], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "articles read 2: 2 new, 0 unchanged, 0 failed; summits 1 new, "
        "1 merged into stored ones; 2 statements"
    )
    with sqlite3.connect(tmp_path / "cli.db") as db:
        assert db.execute("SELECT count(*) FROM summit").fetchone() == (1,)


def test_db_upgrade_and_downgrade(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    assert _run(["db", "upgrade"], env).returncode == 0
    assert _run(["db", "downgrade"], env).returncode == 0
    assert _run(["db", "upgrade"], env).returncode == 0


def test_synth_is_deterministic_and_realistic(tmp_path: Path) -> None:
    import sqlite3

    dumps = []
    for name in ("a.db", "b.db"):
        env = {"DATABASE_URL": f"sqlite:///{tmp_path / name}"}
        result = _run(["synth", "--summits", "60", "--seed", "7"], env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("wrote 60 summits")
        db = sqlite3.connect(tmp_path / name)
        dumps.append(
            db.execute(
                "SELECT group_concat(date || city || format || participant_count, ',') FROM summit"
            ).fetchone()[0]
        )
        counts = db.execute(
            "SELECT min(participant_count), max(participant_count),"
            " (SELECT min(n) FROM (SELECT count(*) n FROM statement GROUP BY summit_id)),"
            " (SELECT max(n) FROM (SELECT count(*) n FROM statement GROUP BY summit_id)),"
            " (SELECT count(*) FROM summit_source) FROM summit"
        ).fetchone()
        assert counts[0] >= 1 and counts[1] <= 8
        assert (counts[2], counts[3], counts[4]) >= (3, 3, 60) and counts[3] <= 6
        db.close()
    assert dumps[0] == dumps[1]


@pytest.mark.parametrize("command", [["load", str(SEEDS)], ["db", "upgrade"]])
def test_a_missing_database_directory_is_an_error(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    result = _run(command, {"DATABASE_URL": f"sqlite:///{missing / 'x.db'}"})
    assert result.returncode == 2
    assert result.stderr == (
        f"summits: the directory {missing} of DATABASE_URL does not exist: create it, or "
        "correct DATABASE_URL (only the default data/ is created for you)\n"
    )
    assert not (tmp_path / "nonexistent").exists()


def test_the_default_data_directory_is_created(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [*SUMMITS, "db", "upgrade"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "summits.db").is_file()


def test_extract_skips_a_record_with_a_lone_surrogate_and_goes_on(tmp_path: Path) -> None:
    lines = [
        '{"id": "broken", "text": "\\udc80 Leaders met."}',
        json.dumps({"id": "ok", "text": NO_SUMMIT}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    result = _run(["extract", str(path)])
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok"]
    assert result.stderr == (
        f"summits: skipped {path}:1: text contains a lone surrogate (U+DC80) at position 0\n"
    )


def test_extract_takes_the_metadata_a_json_lines_record_supplies(tmp_path: Path) -> None:
    """A record's title and publication date win, and "on Sunday" counts from it (#13)."""
    text = (
        "Macron and Scholz talk energy\nFrench President Emmanuel Macron met German "
        "Chancellor Olaf Scholz in Berlin on Sunday for talks on energy prices.\n"
    )
    record = {"id": "t1", "text": text, "title": "Supplied", "published": "2024-03-20"}
    path = write(tmp_path, "batch.jsonl", json.dumps(record) + "\n")
    result = _run(["extract", str(path)])
    assert result.returncode == 0, result.stderr
    (extracted,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert extracted["article"] == {
        "title": "Supplied",
        "published": "2024-03-20",
        "publisher": None,
        "dateline": None,
    }
    assert [s["date"] for s in extracted["summits"]] == ["2024-03-17"]
