"""``summits extract --out`` on a real Dask cluster of two worker processes (#16).

The records must equal single-process extraction of the same articles, a re-run must
skip the shards done, failures must be recorded with their reasons, and a worker killed
mid-run must change nothing (Dask runs its task again). Skipped without the
``cluster`` extra; ``REQUIRE_CLUSTER=1`` (set by CI) makes its absence an error.
"""

import gzip
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.nlp.doc import ArticleDoc
from app.nlp.pipeline import EXTRACTOR_VERSION, extract
from app.records import RECORDS_FORMAT, ArticleRecord, read_records
from app.sources import SourceArticle, read_articles, read_jsonl
from app.synth import article_texts
from tests.conftest import SEEDS
from tests.factories import NO_SUMMIT, PHONE_CALL, SOCHI_A, SOCHI_B, slow_article

try:
    import dask
    from distributed import Client, LocalCluster

    from app import cluster
except ImportError as missing:  # the optional extra is not installed
    if os.environ.get("REQUIRE_CLUSTER"):
        raise
    pytest.skip(f"needs summits[cluster]: {missing}", allow_module_level=True)

SUMMITS = [sys.executable, "-m", "app"]
SYNTHETIC_SHARDS = 3
SYNTHETIC_PER_SHARD = 20
KILL_WAIT_S = 60.0


def _run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SUMMITS, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
        timeout=180,
    )


def _write_shard(path: Path, rows: list[dict[str, str]]) -> Path:
    data = "".join(json.dumps(row) + "\n" for row in rows).encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def _shard_text(shard: Path) -> bytes:
    data = shard.read_bytes()
    return gzip.decompress(data) if shard.suffix == ".gz" else data


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four shards: the seeds and articles written for the tests (one with supplied
    metadata), and synthetic meeting reports, the last shard gzip-compressed."""
    folder = tmp_path_factory.mktemp("shards")
    seeds = [a for a in read_articles([SEEDS], max_bytes=1 << 20) if isinstance(a, SourceArticle)]
    written = [{"id": s.id, "text": s.text} for s in seeds] + [
        {"id": "sochi-a", "text": SOCHI_A, "url": "https://example.org/2023/09/05/sochi"},
        {"id": "sochi-b", "text": SOCHI_B, "publisher": "Test Wire", "published": "2023-09-04"},
        {"id": "phone", "text": PHONE_CALL},
        {"id": "ministers", "text": NO_SUMMIT},
    ]
    paths = [_write_shard(folder / "written.jsonl", written)]
    texts = list(article_texts(SYNTHETIC_SHARDS * SYNTHETIC_PER_SHARD, seed=16))
    for number in range(SYNTHETIC_SHARDS):
        part = texts[number * SYNTHETIC_PER_SHARD : (number + 1) * SYNTHETIC_PER_SHARD]
        rows = [{"id": name, "text": text} for name, text in part]
        suffix = ".jsonl.gz" if number == SYNTHETIC_SHARDS - 1 else ".jsonl"
        paths.append(_write_shard(folder / f"synthetic-{number}{suffix}", rows))
    return paths


@pytest.fixture(scope="module")
def single_process(shards: list[Path]) -> dict[str, ArticleDoc]:
    """Every article of the shards extracted in this process, as ``summits extract`` does."""
    found = [
        article
        for shard in shards
        for article in read_jsonl(io.BytesIO(_shard_text(shard)), str(shard), max_bytes=1 << 20)
    ]
    return {
        a.id: extract(a.text, url=a.url, supplied=a.supplied)
        for a in found
        if isinstance(a, SourceArticle)
    }


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Client]:
    """A Dask cluster of two worker processes on this machine, as the CLI starts one."""
    with cluster.start_local_cluster(2) as local, Client(local) as client:
        assert cluster.check_workers(client) == 2
        yield client


@pytest.fixture(scope="module")
def first_run(shards: list[Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """``summits extract SHARDS --out DIR`` on the local cluster it starts itself."""
    out = tmp_path_factory.mktemp("records")
    result = _run(["extract", *map(str, shards), "--out", str(out), "--workers", "2", "--json"])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), out


def _address(client: Client) -> str:
    """The scheduler's address, as ``--cluster`` takes it."""
    return str(client.scheduler_info()["address"])


def _expected_name(shard: Path) -> str:
    digest = hashlib.sha256(f"{EXTRACTOR_VERSION}\0{RECORDS_FORMAT}\0".encode())
    digest.update(shard.read_bytes())
    stem = shard.name.removesuffix(".gz").removesuffix(".jsonl")
    return f"{stem}.{digest.hexdigest()[:12]}.records.jsonl.gz"


def _records(path: Path) -> list[ArticleRecord]:
    found = list(read_records(path))
    assert all(isinstance(r, ArticleRecord) for r in found), found
    return [r for r in found if isinstance(r, ArticleRecord)]


def _assert_same_as_single_process(
    out: Path, shards: list[Path], single_process: dict[str, ArticleDoc]
) -> None:
    """One records file per shard, named after it, holding each article's extraction in
    the shard's order, equal to single-process extraction."""
    assert sorted(p.name for p in out.iterdir()) == sorted(map(_expected_name, shards))
    for shard in shards:
        records = _records(out / _expected_name(shard))
        ids = [json.loads(line)["id"] for line in _shard_text(shard).splitlines()]
        assert [r.source.id for r in records] == ids
        for record in records:
            expected = single_process[record.source.id]
            assert record.error is None and record.doc is not None
            assert record.extractor_version == EXTRACTOR_VERSION
            assert record.doc.summits == expected.summits
            assert (record.doc.text, record.doc.meta) == (expected.text, expected.meta)


def test_records_equal_single_process_extraction(
    first_run: tuple[Any, Path], shards: list[Path], single_process: dict[str, ArticleDoc]
) -> None:
    summary, out = first_run
    assert {k: summary[k] for k in ("shards", "extracted", "skipped", "failed_shards")} == {
        "shards": 4,
        "extracted": 4,
        "skipped": 0,
        "failed_shards": 0,
    }
    assert (summary["articles"], summary["failed"], summary["threads"]) == (66, 0, 2)
    assert sum(len(doc.summits) for doc in single_process.values()) == 65
    _assert_same_as_single_process(out, shards, single_process)


def test_a_second_run_skips_the_shards_done(
    first_run: tuple[Any, Path], shards: list[Path], dask_client: Client
) -> None:
    _, out = first_run
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    address = _address(dask_client)
    result = _run(["extract", *map(str, shards), "--out", str(out), "--cluster", address])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("shards 4: 0 extracted, 4 skipped (done before), 0 failed;")
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    skipped = [line for line in result.stderr.splitlines() if " skipped " in line]
    assert len(skipped) == 4


def test_a_broken_line_and_an_article_over_budget_are_recorded_with_reasons(
    tmp_path: Path, dask_client: Client
) -> None:
    slow = slow_article()
    lines = [
        json.dumps({"id": "ministers", "text": NO_SUMMIT}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "slow", "text": slow}),
        json.dumps({"id": "phone", "text": PHONE_CALL}),
    ]
    shard = tmp_path / "bad.jsonl"
    shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "records"
    result = _run(
        ["extract", shard.as_uri(), "--out", str(out), "--cluster", _address(dask_client)],
        env={"EXTRACT_TIMEOUT_SECONDS": "1"},
    )
    assert result.returncode == 0, result.stderr  # articles failed, no whole shard
    first, broken, over, last = _records(out / _expected_name(shard))
    assert [r.error for r in (first, broken, over, last)] == [
        None,
        "malformed JSON: Expecting value at column 26",
        "extraction exceeded 1 s",
        None,
    ]
    assert (broken.source.id, broken.source.text) == ("bad-2", '{"id": "broken", "text": ')
    assert broken.source.source == f"{shard.as_uri()}:2"
    assert (over.source.id, over.source.text, over.doc) == ("slow", slow, None)
    assert last.doc is not None and len(last.doc.summits) == 1
    assert result.stdout.startswith(
        "shards 1: 1 extracted, 0 skipped (done before), 0 failed; articles 4, 2 failed"
    )
    assert f"failed {shard.as_uri()}:3: extraction exceeded 1 s" in result.stderr


def test_a_missing_shard_fails_the_run(tmp_path: Path) -> None:
    missing = tmp_path / "gone.jsonl"
    result = _run(["extract", str(missing), "--out", str(tmp_path / "records"), "--json"])
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["shard_failures"] == [
        {"shard": str(missing), "reason": "no such file or folder"}
    ]
    assert (summary["shards"], summary["failed_shards"], summary["extracted"]) == (1, 1, 0)


def test_daemon_workers_are_refused_with_what_to_change() -> None:
    with (
        dask.config.set({cluster.DAEMON_CONFIG: True}),  # Dask's default
        LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as local,
        Client(local) as client,
        pytest.raises(cluster.ClusterUnfit, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"),
    ):
        cluster.check_workers(client)


def test_cluster_options_need_out() -> None:
    result = _run(["extract", str(SEEDS), "--cluster", "tcp://127.0.0.1:8786"])
    assert result.returncode == 2
    assert result.stderr == "summits: --cluster, --workers and --json go with --out DIR\n"


def test_shards_are_found_in_folders_globs_and_urls(shards: list[Path]) -> None:
    folder = shards[0].parent
    (folder / "notes.txt").write_text("not a shard")
    found, missing = cluster.find_shards(
        [str(folder / "synthetic-*"), folder.as_uri(), str(folder / "none.jsonl")]
    )
    uris = [p.as_uri() for p in shards]
    assert found == [*uris[1:], uris[0]]
    assert missing == [
        cluster.ShardResult(str(folder / "none.jsonl"), error="no such file or folder")
    ]


def test_killing_a_worker_mid_run_gives_the_same_records(
    shards: list[Path], single_process: dict[str, ArticleDoc], dask_client: Client, tmp_path: Path
) -> None:
    out = tmp_path / "records"
    before = set(dask_client.scheduler_info()["workers"])
    address = _address(dask_client)
    run = subprocess.Popen(
        [*SUMMITS, "extract", *map(str, shards), "--out", str(out), "--json", "--cluster", address],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + KILL_WAIT_S
    busy: list[str] = []
    while not busy and time.monotonic() < deadline and run.poll() is None:
        busy = [w for w, keys in dask_client.processing().items() if keys]
        time.sleep(0.02)
    assert busy, "no shard task was seen running"
    victim = busy[0]
    pid = dask_client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    stdout, stderr = run.communicate(timeout=180)
    assert run.returncode == 0, stderr
    summary = json.loads(stdout)
    assert (summary["extracted"], summary["articles"], summary["failed_shards"]) == (4, 66, 0)
    assert victim not in dask_client.scheduler_info()["workers"]
    assert victim in before
    _assert_same_as_single_process(out, shards, single_process)
    assert not list(out.glob("*.partial"))
    with gzip.open(out / _expected_name(shards[0]), "rt") as lines:
        assert sum(1 for _ in lines) == 6
