"""Reading inputs in bounded memory: sizes checked before reading, JSON Lines streamed (#13)."""

import json
import os
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from app.sources import RejectedArticle, SourceArticle, read_articles
from tests.factories import NO_SUMMIT, PHONE_CALL

T = TypeVar("T")
LIMIT = 10_000  # bytes per article
BIG_BYTES = 64 * 1024 * 1024  # an input far larger than anything the reader may hold
PEAK_BOUND = 2 * 1024 * 1024  # what reading one small article may allocate, generously


def _peak(read: Callable[[], T]) -> tuple[T, int]:
    """What ``read`` returns, and the most memory Python held for it at once."""
    tracemalloc.start()
    try:
        value = read()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _articles(path: Path) -> Iterator[SourceArticle | RejectedArticle]:
    return read_articles([path], max_bytes=LIMIT)


def test_oversized_file_is_rejected_by_its_size_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(BIG_BYTES)  # sparse: large on paper, instant to make
    items, peak = _peak(lambda: list(_articles(path)))
    assert items == [RejectedArticle(str(path), f"too large: {BIG_BYTES} bytes (limit {LIMIT})")]
    assert peak < PEAK_BOUND


def test_json_lines_are_read_one_record_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    line = json.dumps({"text": NO_SUMMIT}) + "\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.writelines(line for _ in range(BIG_BYTES // len(line)))
    first, peak = _peak(lambda: next(_articles(path)))
    assert isinstance(first, SourceArticle)
    assert (first.id, first.text) == ("batch-1", NO_SUMMIT)
    assert peak < PEAK_BOUND


def test_json_lines_record_over_the_limit_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    with path.open("wb") as stream:
        stream.write(json.dumps({"id": "a", "text": NO_SUMMIT}).encode() + b"\n")
        stream.write(b'{"id": "b", "text": "')
        stream.seek(BIG_BYTES, os.SEEK_CUR)  # a sparse run of NULs inside the record
        stream.write(b'"}\n' + json.dumps({"id": "c", "text": PHONE_CALL}).encode() + b"\n")
    items, peak = _peak(lambda: list(_articles(path)))
    record_bytes = len('{"id": "b", "text": "') + BIG_BYTES + len('"}')
    assert [(i.id, i.text) for i in items if isinstance(i, SourceArticle)] == [
        ("a", NO_SUMMIT),
        ("c", PHONE_CALL),
    ]
    assert [i for i in items if isinstance(i, RejectedArticle)] == [
        RejectedArticle(f"{path}:2", f"too large: {record_bytes} bytes (limit {LIMIT})")
    ]
    assert peak < PEAK_BOUND
