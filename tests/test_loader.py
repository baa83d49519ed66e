"""The loader: idempotent, transactional per article, and one broken file never stops a batch."""

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from app.loader import load_articles
from app.models import Article, Statement, Summit, SummitParticipant, SummitSource
from app.sources import RejectedArticle
from tests.conftest import SEEDS
from tests.factories import NO_SUMMIT, SOCHI_A, SOCHI_B, slow_article, write

MAX_BYTES = 1_000_000


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_seeds_load_with_their_summits_and_statements(engine: Engine) -> None:
    report = load_articles(engine=engine, paths=[SEEDS], max_bytes=MAX_BYTES)
    assert (report.read, report.new, report.unchanged, report.failed) == (2, 2, 0, [])
    assert (report.summits, report.merged, report.statements) == (2, 0, 5)
    assert (_count(engine, Summit), _count(engine, Statement)) == (2, 5)


def test_loading_the_same_files_twice_changes_nothing(engine: Engine) -> None:
    load_articles(engine=engine, paths=[SEEDS], max_bytes=MAX_BYTES)
    before = [_count(engine, m) for m in (Article, Summit, Statement, SummitParticipant)]
    report = load_articles(engine=engine, paths=[SEEDS], max_bytes=MAX_BYTES)
    assert (report.new, report.unchanged, report.summits) == (0, 2, 0)
    assert [_count(engine, m) for m in (Article, Summit, Statement, SummitParticipant)] == before


def test_broken_files_are_reported_and_the_rest_is_stored(engine: Engine, tmp_path: Path) -> None:
    shutil.copy(SEEDS / "004_e3a4041a73878da2.txt", tmp_path / "good.txt")
    write(tmp_path, "empty.txt", "")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG" * 10)
    (tmp_path / "latin1.txt").write_bytes("Café summit in Québec".encode("latin-1"))
    lines = [json.dumps({"id": "ok", "text": NO_SUMMIT}), "{not json", json.dumps({"id": "x"})]
    write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")

    report = load_articles(engine=engine, paths=[tmp_path], max_bytes=MAX_BYTES)

    reasons = {Path(f.source).name: f.reason for f in report.failed}
    assert reasons == {
        "binary.txt": "binary file, not text",
        "batch.jsonl:2": (
            "malformed JSON: Expecting property name enclosed in double quotes at column 2"
        ),
        "batch.jsonl:3": "record has no 'text' or 'html' string",
        "empty.txt": "empty file",
        "latin1.txt": "not valid UTF-8 at byte 3",
    }
    assert (report.new, report.summits) == (2, 1)
    assert _count(engine, Article) == 2


def test_oversized_file_is_rejected_with_the_limit(engine: Engine, tmp_path: Path) -> None:
    write(tmp_path, "big.txt", "word " * 1000)
    report = load_articles(engine=engine, paths=[tmp_path], max_bytes=1000)
    assert [f.reason for f in report.failed] == ["too large: 5000 bytes (limit 1000)"]


def test_article_over_the_extraction_budget_is_skipped_and_the_rest_stored(
    engine: Engine, tmp_path: Path
) -> None:
    shutil.copy(SEEDS / "004_e3a4041a73878da2.txt", tmp_path / "a.txt")
    slow = write(tmp_path, "b.txt", slow_article())
    shutil.copy(SEEDS / "000_9f4f7a5132786d4c.txt", tmp_path / "c.txt")

    report = load_articles(engine=engine, paths=[tmp_path], max_bytes=2_000_000, extract_timeout=1)

    assert report.failed == [RejectedArticle(str(slow), "extraction exceeded 1 s")]
    assert (report.read, report.new, report.summits) == (3, 2, 2)
    with Session(engine) as session:
        assert sorted(session.exec(select(Article.source))) == ["a.txt", "c.txt"]


def test_article_without_summit_is_stored_with_none(engine: Engine, tmp_path: Path) -> None:
    report = load_articles(
        engine=engine, paths=[write(tmp_path, "ministers.txt", NO_SUMMIT)], max_bytes=MAX_BYTES
    )
    assert (report.new, report.summits, report.failed) == (1, 0, [])
    assert (_count(engine, Article), _count(engine, Summit)) == (1, 0)


def test_two_reports_of_one_meeting_make_one_summit_with_two_sources(
    engine: Engine, tmp_path: Path
) -> None:
    paths = [write(tmp_path, "a.txt", SOCHI_A), write(tmp_path, "b.txt", SOCHI_B)]
    report = load_articles(engine=engine, paths=paths, max_bytes=MAX_BYTES)
    assert (report.new, report.failed) == (2, [])
    assert (report.summits, report.merged) == (1, 1)
    assert _count(engine, Summit) == 1
    assert _count(engine, SummitSource) == 2
    with Session(engine) as session:
        summit = session.exec(select(Summit)).one()
        assert (str(summit.date), summit.city, summit.country) == ("2023-09-04", "Sochi", "RU")


def test_json_lines_records_no_database_can_store_are_rejected_alone(
    engine: Engine, tmp_path: Path
) -> None:
    lines = [
        '{"id": "surrogate", "text": "\\ud800 Leaders met."}',
        '{"id": "nul", "text": "Leaders\\u0000 met."}',
        '{"id": "bad\\u0000id", "text": "Leaders met."}',
        '{"id": "long-url", "text": "Leaders met.", "url": "' + "u" * 2001 + '"}',
        json.dumps({"id": "ok", "text": NO_SUMMIT}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    report = load_articles(engine=engine, paths=[path], max_bytes=MAX_BYTES)
    assert {Path(f.source).name: f.reason for f in report.failed} == {
        "batch.jsonl:1": "text contains a lone surrogate (U+D800) at position 0",
        "batch.jsonl:2": "text contains a NUL character at position 7",
        "batch.jsonl:3": "name contains a NUL character at position 3",
        "batch.jsonl:4": "url longer than 2000 characters (2001)",
    }
    assert (report.read, report.new) == (5, 1)
    assert _count(engine, Article) == 1


TITLE_ONLY = "<title>Kishida and Yoon meet in Tokyo</title>"
TITLE_IN_HEAD = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kishida and Yoon meet"
    "</title><script>var page = '<p>not text</p>';</script></head><body>\n</body></html>"
)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (TITLE_ONLY, "HTML with a <title> but no body text"),
        (TITLE_IN_HEAD, "HTML with a <title> but no body text"),
        ("<html><body><div>&nbsp;</div></body></html>", "HTML with no body text"),
    ],
)
def test_html_without_body_text_is_rejected_with_the_reason(
    engine: Engine, tmp_path: Path, html: str, reason: str
) -> None:
    write(tmp_path, "page.html", html)
    write(tmp_path, "batch.jsonl", json.dumps({"id": "rec", "html": html}))
    report = load_articles(engine=engine, paths=[tmp_path], max_bytes=MAX_BYTES)
    assert {Path(f.source).name: f.reason for f in report.failed} == {
        "page.html": reason,
        "batch.jsonl:1": reason,
    }
    assert _count(engine, Article) == 0
