"""``summits load --records``: batches of extracted records store what the article-by-article
load stores (#16), on SQLite and PostgreSQL, run as the real command."""

import datetime as dt
import gc
import gzip
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from app import bulk, store
from app.bulk import (
    LOAD_GC_THRESHOLD,
    SUMMIT_COLUMNS,
    _column_value,
    _read_ahead,
    _summit_row,
    _SummitRow,
    _writer_of,
    load_records,
)
from app.config import Settings
from app.db import make_engine
from app.models import DatePrecision, SummitFormat, SummitKind, metadata
from app.nlp.pipeline import EXTRACTOR_VERSION, extract
from app.records import ArticleRecord, write_records
from app.sources import SourceArticle, read_articles
from app.synth import article_texts
from tests.conftest import DATA_TABLES, ROOT, SEEDS
from tests.factories import (
    ASTANA,
    ISTANBUL,
    MONTH_REPORT,
    NO_SUMMIT,
    PHONE_CALL,
    SECOND_YEAR_REPORT,
    SOCHI_A,
    SOCHI_B,
    TRILATERAL,
    UNDATED,
    YEAR_REPORT,
    slow_article,
    source_article,
    write,
)
from tests.test_reliability import assert_consistent, signature

SUMMITS = [sys.executable, "-m", "app"]
TIMEOUT_S = 300
BUDGET_S = 1  # the article load's extraction budget: the slow article fails within it
SLOW_FAILURE = f"extraction exceeded {BUDGET_S} s"

ARTICLES = {
    "01-year.txt": YEAR_REPORT,
    "02-sochi-a.txt": SOCHI_A,
    "03-phone.txt": PHONE_CALL,
    "04-istanbul.txt": ISTANBUL,
    "05-month.txt": MONTH_REPORT,
    "06-year-again.txt": SECOND_YEAR_REPORT,
    "07-sochi-b.txt": SOCHI_B,
    "08-astana.txt": ASTANA,
    "09-sochi-a-copy.txt": SOCHI_A,  # the same bytes again: stored once
    "10-advert.txt": "Advertisement\n",  # no article text once chrome is removed
    "11-slow.txt": "",  # slow_article(): over the extraction budget
    "12-trilateral.txt": TRILATERAL,
    "13-undated.txt": UNDATED,
    "14-no-summit.txt": NO_SUMMIT,
}


def _run(args: list[str], url: str, **env: str) -> dict[str, Any]:
    result = subprocess.run(
        [*SUMMITS, "load", "--json", "--quiet", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url, **env},
        check=False,
        timeout=TIMEOUT_S,
        cwd=ROOT,
    )
    assert result.returncode in (0, 1), result.stderr
    summary: dict[str, Any] = json.loads(result.stdout)
    return summary


def _engine(url: str) -> Engine:
    return make_engine(Settings(database_url=url).database_url)


def _write_articles(folder: Path) -> Path:
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for name, body in ARTICLES.items():
        write(folder, name, body or slow_article())
    return folder


def _extract_records(folder: Path, out: Path, files: int = 2) -> list[ArticleRecord]:
    """Records of every article under ``folder``, read as ``summits load`` reads them,
    split over ``files`` records files; the slow article is recorded as failed."""
    records = []
    for source in read_articles([folder], max_bytes=5_000_000):
        assert isinstance(source, SourceArticle)
        if source.name == "11-slow.txt":
            records.append(ArticleRecord(source, EXTRACTOR_VERSION, error=SLOW_FAILURE))
            continue
        doc = extract(source.text, url=source.url, supplied=source.supplied)
        records.append(ArticleRecord(source, EXTRACTOR_VERSION, doc=doc))
    out.mkdir()
    share = -(-len(records) // files)
    for number in range(files):
        part = records[number * share : (number + 1) * share]
        write_records(out / f"part-{number}.records.jsonl.gz", part)
    return records


def _empty(url: str) -> None:
    engine = _engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"TRUNCATE {', '.join(DATA_TABLES)} RESTART IDENTITY CASCADE"))
        else:
            for table in DATA_TABLES:
                connection.execute(text(f"DELETE FROM {table}"))
    engine.dispose()


def snapshot(url: str) -> dict[str, list[Any]]:
    """Every stored row, table by table. Surrogate ids are replaced by what they stand
    for: an article, summit or statement by its rank in storage order (both paths store
    in input order), a person by name and country, since a batch creates its new people
    in name order; ``ingested_at`` and ``created_at`` (the time of the write) are left out."""
    tables = metadata.tables
    engine = _engine(url)
    with engine.connect() as connection:

        def rows(table: str) -> list[dict[str, Any]]:
            query = select(tables[table])
            if "id" in tables[table].c:
                query = query.order_by(tables[table].c.id)
            return [dict(row) for row in connection.execute(query).mappings()]

        articles, summits, people = rows("article"), rows("summit"), rows("person")
        article = {row["id"]: n for n, row in enumerate(articles)}
        summit = {row["id"]: n for n, row in enumerate(summits)}
        person = {row["id"]: (row["name"], row["country"]) for row in people}

        def without(row: dict[str, Any], *names: str) -> dict[str, Any]:
            return {k: v for k, v in row.items() if k not in names}

        found: dict[str, list[Any]] = {
            "article": [without(r, "id", "ingested_at") for r in articles],
            "person": sorted(
                (r["name"], r["country"], r["aliases"], r["wikidata_id"]) for r in people
            ),
            "summit": [
                without(r, "id", "created_at")
                | {
                    "evidence": [
                        e | {"article_id": article[e["article_id"]]} for e in r["evidence"]
                    ]
                }
                for r in summits
            ],
            # with each link's copy of its summit's interval: the records load supplies
            # it, the article load leaves it to the trigger (0012)
            "summit_participant": sorted(
                (
                    summit[r["summit_id"]],
                    person[r["person_id"]],
                    r["role"],
                    r["country"],
                    r["date_start"],
                    r["date_end"],
                )
                for r in rows("summit_participant")
            ),
            "summit_issue": sorted(
                (summit[r["summit_id"]], r["issue_slug"], r["date_start"], r["date_end"])
                for r in rows("summit_issue")
            ),
            "summit_about": sorted(
                (summit[r["summit_id"]], r["country"]) for r in rows("summit_about")
            ),
            "summit_source": sorted(
                (summit[r["summit_id"]], article[r["article_id"]]) for r in rows("summit_source")
            ),
            "statement": [
                without(r, "id")
                | {
                    "summit_id": summit[r["summit_id"]],
                    "article_id": article[r["article_id"]],
                    "person_id": person.get(r["person_id"]),
                }
                for r in rows("statement")
            ],
        }
    engine.dispose()
    return found


def read_model(url: str) -> dict[str, list[Any]]:
    """Each summit's read model (#14), by the summit's rank in storage order: its summary
    (people by name and country, articles by rank) and its search document (PostgreSQL's
    tsvector as text, with positions and weights; SQLite's three parts)."""
    engine = _engine(url)
    with engine.connect() as connection:

        def ranks(table: str) -> dict[int, int]:
            ids = connection.execute(text(f"SELECT id FROM {table} ORDER BY id")).scalars()
            return {summit_id: n for n, summit_id in enumerate(ids)}

        summit, article = ranks("summit"), ranks("article")
        person = {
            row.id: (row.name, row.country)
            for row in connection.execute(text("SELECT id, name, country FROM person"))
        }
        summaries = []
        for row in connection.execute(select(metadata.tables["summit_summary"])).mappings():
            participants, sources = row["participants"], row["sources"]
            summaries.append(
                (
                    summit[row["summit_id"]],
                    [p | {"person_id": person[p["person_id"]]} for p in participants],
                    row["issues"],
                    row["about"],
                    [s | {"article_id": article[s["article_id"]]} for s in sources],
                )
            )
        if engine.dialect.name == "postgresql":
            query = "SELECT summit_id, document::text FROM summit_fts"
        else:
            query = "SELECT rowid, summit, statements, sources FROM summit_fts"
        documents = [(summit[row[0]], *row[1:]) for row in connection.execute(text(query))]
    engine.dispose()
    return {"summary": sorted(summaries), "documents": sorted(documents)}


def test_records_load_stores_what_the_article_load_stores(
    database_url: str, tmp_path: Path
) -> None:
    folder = _write_articles(tmp_path / "articles")
    records = _extract_records(folder, tmp_path / "records")
    by_article = _run([str(folder)], database_url, EXTRACT_TIMEOUT_SECONDS=str(BUDGET_S))
    expected = snapshot(database_url)
    expected_read_model = read_model(database_url)
    assert len(expected_read_model["summary"]) == len(expected_read_model["documents"]) == 8

    # the article path's outcome, in exact values
    assert {k: v for k, v in by_article.items() if k != "failures"} == {
        "read": 16,
        "new": 13,
        "unchanged": 1,
        "failed": 2,
        "summits": 8,
        "merged": 4,
        "statements": 10,
    }
    assert by_article["failures"] == [
        {"source": str(folder / "10-advert.txt"), "reason": "no article text found"},
        {"source": str(folder / "11-slow.txt"), "reason": SLOW_FAILURE},
    ]
    sochi = [s for s in expected["summit"] if s["city"] == "Sochi"]
    assert [(s["date"], s["date_precision"]) for s in sochi] == [(dt.date(2023, 9, 4), "day")]
    sources = [a for s, a in expected["summit_source"] if s == expected["summit"].index(sochi[0])]
    assert [expected["article"][a]["source"] for a in sources] == [
        "01-year.txt",
        "02-sochi-a.txt",
        "05-month.txt",
        "06-year-again.txt",
        "07-sochi-b.txt",
    ]
    assert len(records) == 16

    for batch_size in (1, 3, 1000):  # every report against the database; mixed; one batch
        _empty(database_url)
        by_records = _run(
            ["--records", str(tmp_path / "records"), "--batch-size", str(batch_size)],
            database_url,
        )
        assert by_records == by_article, batch_size
        assert snapshot(database_url) == expected, batch_size
        assert read_model(database_url) == expected_read_model, batch_size

    again = _run(["--records", str(tmp_path / "records")], database_url)
    assert (again["new"], again["unchanged"], again["summits"], again["failed"]) == (0, 14, 0, 2)
    assert snapshot(database_url) == expected
    assert_consistent(database_url)


def test_records_merge_into_summits_the_article_load_stored(
    database_url: str, tmp_path: Path
) -> None:
    folder = _write_articles(tmp_path / "articles")
    _extract_records(folder, tmp_path / "records")
    first = tmp_path / "first"
    first.mkdir()
    # stored first: the year report and the Istanbul meeting, which refines its date;
    # the later year report then agrees with it and with Sochi, and joins it (the oldest)
    for name in ("01-year.txt", "04-istanbul.txt"):
        shutil.copy(folder / name, first / name)
    _run([str(first)], database_url)
    _run([str(folder)], database_url, EXTRACT_TIMEOUT_SECONDS=str(BUDGET_S))
    expected = signature(database_url)

    _empty(database_url)
    _run([str(first)], database_url)
    report = _run(["--records", str(tmp_path / "records"), "--batch-size", "4"], database_url)
    assert (report["new"], report["unchanged"], report["summits"], report["merged"]) == (
        11,
        3,
        7,
        3,
    )
    assert signature(database_url) == expected
    assert_consistent(database_url)


def test_a_load_renews_the_planner_statistics_of_the_tables_it_doubled(
    database_url: str, tmp_path: Path
) -> None:
    # the planner's row counts of a young database, as autovacuum has not renewed them
    # yet: without the load's own ANALYZE they would still say empty (#16)
    if not database_url.startswith("postgresql"):
        pytest.skip("planner statistics are PostgreSQL's")
    folder = _write_articles(tmp_path / "articles")
    _extract_records(folder, tmp_path / "records")
    engine = _engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE article, summit"))

    report = load_records(engine=engine, paths=[tmp_path / "records"], batch_size=1000)

    with engine.connect() as connection:
        estimates: dict[str, float] = dict(
            connection.execute(
                text(
                    "SELECT relname, reltuples FROM pg_class "
                    "WHERE relname IN ('article', 'summit') ORDER BY relname"
                )
            ).all()
        )
    engine.dispose()
    assert (report.new, report.summits) == (13, 8)
    assert estimates == {"article": 13, "summit": 8}


def test_broken_records_are_reported_and_the_rest_stored(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "sochi.txt", SOCHI_A)
    write(folder, "phone.txt", PHONE_CALL)
    out = tmp_path / "records"
    _extract_records(folder, out, files=1)
    with gzip.open(out / "part-0.records.jsonl.gz", "at", encoding="utf-8") as lines:
        lines.write('{"format": 1, "id": "x"}\nnot json\n')
    (out / "truncated.records.jsonl.gz").write_bytes(
        (out / "part-0.records.jsonl.gz").read_bytes()[:40]
    )

    report = _run(["--records", str(out), str(tmp_path / "missing")], database_url)

    assert (report["read"], report["new"], report["failed"], report["summits"]) == (6, 2, 4, 2)
    assert [(Path(f["source"]).name, f["reason"]) for f in report["failures"]] == [
        (
            "part-0.records.jsonl.gz",
            "part-0.records.jsonl.gz line 3: not an article record: KeyError: 'source'",
        ),
        (
            "part-0.records.jsonl.gz",
            "part-0.records.jsonl.gz line 4: Expecting value: line 1 column 1 (char 0)",
        ),
        (
            "truncated.records.jsonl.gz",
            "unreadable records file: "
            "Compressed file ended before the end-of-stream marker was reached",
        ),
        ("missing", "no such file or folder"),
    ]


def test_a_record_the_database_refuses_fails_alone(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, body in (("a.txt", SOCHI_A), ("b.txt", PHONE_CALL), ("c.txt", TRILATERAL)):
        write(folder, name, body)
    records = _extract_records(folder, tmp_path / "unused", files=1)
    bad = records[1].doc
    assert bad is not None
    bad.summits[0].issues.append("no-such-issue")  # not in the issue table: a foreign key
    path = tmp_path / "batch.records.jsonl.gz"
    write_records(path, records)

    report = load_records(engine=engine, paths=[path], batch_size=10)

    assert (report.new, report.summits, report.merged) == (2, 2, 0)
    assert [(Path(f.source).name, f.reason.split(":")[0]) for f in report.failed] == [
        ("b.txt", "database error")
    ]
    assert "IntegrityError" in report.failed[0].reason
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT source FROM article ORDER BY id")).scalars()
        assert list(stored) == ["a.txt", "c.txt"]
    assert_consistent(str(engine.url.render_as_string(hide_password=False)))


def test_batches_are_prepared_one_ahead_while_the_previous_is_stored() -> None:
    # batch n + 1 is read and prepared while batch n is stored, and no further one, so
    # at most two batches are held (#16)
    total = 4
    pulled: list[int] = []
    started = [threading.Event() for _ in range(total)]

    def batches() -> Iterator[int]:
        for number in range(total):
            pulled.append(number)
            started[number].set()
            yield number

    stored = []
    for number in _read_ahead(batches()):
        if number + 1 < total:
            assert started[number + 1].wait(timeout=10)
        time.sleep(0.05)  # time enough for the thread to run further, were it allowed to
        assert pulled == list(range(min(number + 2, total)))
        stored.append(number)
    assert stored == list(range(total))


def test_a_batch_that_fails_to_prepare_ends_the_load_after_the_previous_ones() -> None:
    def batches() -> Iterator[int]:
        yield 0
        yield 1
        raise OSError("disk gone")

    stored = []
    with pytest.raises(OSError, match="disk gone"):
        for number in _read_ahead(batches()):
            stored.append(number)
    assert stored == [0, 1]


def test_batches_prepared_ahead_store_texts_exactly_and_fail_alone(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # batches of two, each prepared while the previous one is stored: the second holds
    # a record the database refuses and a failed extraction, the third an article whose
    # texts hold what COPY's text format escapes (tab, backslash, carriage return)
    folder = tmp_path / "articles"
    folder.mkdir()
    odd = SOCHI_B.replace("\n", "\n\tPutin said C:\\temp\\new \\N is\r\n", 1)
    for name, body in (
        ("a.txt", SOCHI_A),
        ("b.txt", PHONE_CALL),
        ("c.txt", TRILATERAL),
        ("d.txt", ASTANA),
        ("e.txt", odd),
    ):
        write(folder, name, body)
    records = _extract_records(folder, tmp_path / "unused", files=1)
    refused = records[2].doc
    assert refused is not None
    refused.summits[0].issues.append("no-such-issue")  # not in the issue table
    records[3] = ArticleRecord(records[3].source, EXTRACTOR_VERSION, error="extractor crashed")
    path = tmp_path / "batches.records.jsonl.gz"
    write_records(path, records)
    texts = {r.source.name: (r.doc.text, r.source.text) for r in records if r.doc}
    assert all(c in texts["e.txt"][1] for c in "\t\\\r")

    with caplog.at_level(logging.WARNING, logger="app.bulk"):
        report = load_records(engine=engine, paths=[path], batch_size=2)

    # only the second batch was refused: the third's escaped lines were taken as sent
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == ["batch refused"]
    assert (report.read, report.new, report.summits, report.merged) == (5, 3, 2, 1)
    assert [(Path(f.source).name, f.reason.split(":")[0]) for f in report.failed] == [
        ("c.txt", "database error"),
        ("d.txt", "extractor crashed"),
    ]
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT source, text, raw_text FROM article ORDER BY id"))
        assert {source: (body, raw) for source, body, raw in stored} == {
            name: texts[name] for name in ("a.txt", "b.txt", "e.txt")
        }
    before = signature(str(engine.url.render_as_string(hide_password=False)))

    again = load_records(engine=engine, paths=[path], batch_size=2)

    assert (again.new, again.unchanged, len(again.failed)) == (0, 3, 2)
    assert signature(str(engine.url.render_as_string(hide_password=False))) == before


def test_concurrent_record_and_article_loads_equal_a_sequential_load(
    database_url: str, tmp_path: Path
) -> None:
    # each meeting reported twice, by articles in neighbouring loaders' inputs, two of
    # them loading records in batches and two article by article (#13, #16)
    loaders = 4
    meetings = list(article_texts(24, seed=16))
    folders = [tmp_path / f"loader-{n}" for n in range(loaders)]
    for folder in folders:
        folder.mkdir()
    for number, (name, body) in enumerate(meetings):
        write(folders[number % loaders], f"{number:03d}-a-{name}", body)
        again = body + "Another agency reported the same meeting.\n"
        write(folders[(number + 1) % loaders], f"{number:03d}-b-{name}", again)
    for number in (0, 1):
        _extract_records(folders[number], tmp_path / f"records-{number}", files=1)
    commands = [
        ["--records", str(tmp_path / "records-0"), "--batch-size", "2"],
        ["--records", str(tmp_path / "records-1"), "--batch-size", "5"],
        [str(folders[2])],
        [str(folders[3])],
    ]
    processes = [
        subprocess.Popen(
            [*SUMMITS, "load", "--json", "--quiet", *args],
            env={**os.environ, "DATABASE_URL": database_url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for args in commands
    ]
    for process in processes:
        out, err = process.communicate(timeout=TIMEOUT_S)
        assert process.returncode == 0, err + out
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    sequential = _run([str(folder) for folder in folders], reference)
    assert (sequential["new"], sequential["summits"], sequential["merged"]) == (48, 24, 24)
    assert signature(database_url) == signature(reference)
    assert_consistent(database_url)


@pytest.mark.parametrize("paths", [["ARTICLES", "--records", "RECORDS"], []])
def test_load_takes_article_paths_or_records_not_both(tmp_path: Path, paths: list[str]) -> None:
    args = [{"ARTICLES": str(tmp_path), "RECORDS": str(tmp_path)}.get(a, a) for a in paths]
    result = subprocess.run(
        [*SUMMITS, "load", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.db'}"},
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "load takes article PATHs or --records PATH..., one of the two" in result.stderr
    assert not (tmp_path / "unused.db").exists()


def test_a_load_collects_cycles_rarely_and_then_as_before(
    database_url: str, tmp_path: Path
) -> None:
    """While the records load runs the cycle collector waits for 50,000 allocations, not
    700 (its walks were a fifth of the loader's CPU); afterwards the thresholds are back."""
    folder = _write_articles(tmp_path / "articles")
    _extract_records(folder, tmp_path / "records")
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    engine = _engine(database_url)
    report = load_records(
        engine=engine,
        paths=[tmp_path / "records"],
        batch_size=4,
        on_progress=lambda _read: during.append(gc.get_threshold()),
    )
    engine.dispose()
    assert report.new == 13
    assert len(during) == 4
    assert set(during) == {LOAD_GC_THRESHOLD} != {before}
    assert LOAD_GC_THRESHOLD[0] == 50_000
    assert gc.get_threshold() == before


def test_a_new_summits_copy_row_is_each_column_as_copy_takes_it() -> None:
    """The spelt-out row (one call per summit) holds, column for column, what the generic
    conversion gives, every column set to a distinct value (so a swap shows), not to a
    consistent summit."""
    summit = _SummitRow(
        date=dt.date(2019, 6, 1),
        date_precision=DatePrecision.month,
        date_start=dt.date(2019, 5, 31),
        date_end=dt.date(2019, 6, 30),
        place="Akasaka Palace",
        city="Tokyo",
        country="JP",
        latitude=35.68,
        longitude=139.73,
        format=SummitFormat.phone,
        duration_minutes=45,
        context="G20 summit",
        kind=SummitKind.bilateral,
        participant_count=2,
        evidence=[{"label": "date", "start": 3, "end": 9, "text": "June", "article_id": 7}],
        id=12,
        created_at=dt.datetime(2026, 12, 7, 15, 0, tzinfo=dt.UTC),
    )
    generic = tuple(_column_value(c, getattr(summit, c)) for c in SUMMIT_COLUMNS)
    assert _summit_row(summit) == generic
    assert len(set(map(repr, generic))) == len(SUMMIT_COLUMNS)
    assert generic[2:3] + generic[10:11] + generic[13:14] == ("month", "phone", "bilateral")


def test_two_writers_store_what_one_writer_stores(database_url: str, tmp_path: Path) -> None:
    """``--writers 2`` stores batches on two connections at once (PostgreSQL): the same
    articles, summits (each meeting once, its reports merged) and statements as one
    writer, consistent, with the same counts in the report."""
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time")
    folder = tmp_path / "articles"
    folder.mkdir()
    for number, (name, body) in enumerate(article_texts(30, seed=21)):
        write(folder, f"{number:03d}-a-{name}", body)
        if number % 3 == 0:  # a second report of every third meeting
            write(folder, f"{number:03d}-b-{name}", body + "Another agency reported it.\n")
    _extract_records(folder, tmp_path / "records", files=3)
    one = _run(["--records", str(tmp_path / "records"), "--batch-size", "4"], database_url)
    expected = signature(database_url)

    _empty(database_url)
    two = _run(
        ["--records", str(tmp_path / "records"), "--batch-size", "4", "--writers", "2"],
        database_url,
    )
    assert two == one
    assert two["new"] == 40
    assert two["merged"] >= 5  # second reports joined their meetings
    assert signature(database_url) == expected
    assert_consistent(database_url)


def test_a_meetings_reports_go_to_one_writer() -> None:
    """Records are grouped by their first report's participant set: two articles on one
    meeting meet in one writer (no lock to wait for), whatever else they report."""
    records = [
        ArticleRecord(
            source_article(name, body, None), EXTRACTOR_VERSION, doc=extract(body, url=None)
        )
        for name, body in article_texts(40, seed=5)
    ]
    by_set: dict[int, set[int]] = {}
    for record in records:
        first = next(r for r in record.doc.summits if r.participants)  # type: ignore[union-attr]
        by_set.setdefault(store.participant_key(first), set()).add(_writer_of(record, 3))
    assert all(len(writers) == 1 for writers in by_set.values())
    assert {w for writers in by_set.values() for w in writers} == {0, 1, 2}
    nobody = ArticleRecord(
        SourceArticle(id="x", source="x", text="x", url=None, sha256="f" * 64, name="x"),
        EXTRACTOR_VERSION,
        error="no article text found",
    )
    assert _writer_of(nobody, 4) == int("f" * 15, 16) % 4


def test_a_failing_writer_ends_the_load_with_its_error(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer at a time")
    folder = _write_articles(tmp_path / "articles")
    _extract_records(folder, tmp_path / "records")
    stored: list[int] = []

    def failing(engine: Engine, prepared: Any, retry_seconds: float) -> Any:
        if stored:
            raise RuntimeError("disk on fire")
        stored.append(len(prepared.records))
        return original(engine, prepared, retry_seconds)

    original = bulk._load_batch
    monkeypatch.setattr(bulk, "_load_batch", failing)
    engine = _engine(database_url)
    with pytest.raises(RuntimeError, match="disk on fire"):
        load_records(engine=engine, paths=[tmp_path / "records"], batch_size=2, writers=2)
    engine.dispose()
    assert len(stored) == 1
    assert not [t for t in threading.enumerate() if t.name.startswith("records-writer")]


def test_a_batchs_people_are_created_ahead_in_their_own_transaction(
    database_url: str, tmp_path: Path
) -> None:
    """People are reference data: a batch creates its people first and commits them, so
    another loader naming them never waits for the whole batch; statements still name
    only the people the article load would have stored by then."""
    folder = _write_articles(tmp_path / "articles")
    records = _extract_records(folder, tmp_path / "records")
    usable = [r for r in records if r.doc is not None and r.error is None]
    prepared = bulk._prepare(usable, [], postgres=database_url.startswith("postgresql"))
    engine = _engine(database_url)
    existed = bulk._create_people(engine, prepared)
    with engine.connect() as connection:
        people = set(connection.execute(text("SELECT name, country FROM person")).all())
    engine.dispose()
    named = {
        (p.name, p.country or "ZZ")
        for r in usable
        for s in r.doc.summits  # type: ignore[union-attr]
        for p in s.participants
    }
    assert existed == set()
    assert people == named
    assert len(people) >= 8
