"""The read model (``summit_summary``, #14): it says what the link tables say, the write
path keeps it in step (a new summit, a second report merged into a stored one) and
synth fills it; lists, exports and the single summit read it."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, text
from sqlmodel import Session, col, select

from app import store
from app.bulk import load_records
from app.http import VERSION_QUERY
from app.models import (
    Article,
    Person,
    Summit,
    SummitAbout,
    SummitIssue,
    SummitParticipant,
    SummitSource,
    SummitSummary,
)
from app.nlp.doc import ArticleDoc, ArticleMeta, Participant, SummitRecord
from app.nlp.pipeline import EXTRACTOR_VERSION, extract
from app.records import ArticleRecord, write_records
from app.synth import generate
from tests.factories import PHONE_CALL, SOCHI_A, SOCHI_B, source_article

LEADERS = [
    Participant(name="Emmanuel Macron", country="FR", role="President"),
    Participant(name="Olaf Scholz", country="DE", role="Chancellor"),
]


def _links(session: Session, summit_id: int) -> dict[str, list[Any]]:
    """What the link tables say of one summit, in the API's orders."""
    people = session.exec(
        select(Person, SummitParticipant)
        .join(SummitParticipant, col(SummitParticipant.person_id) == col(Person.id))
        .where(SummitParticipant.summit_id == summit_id)
        .order_by(col(Person.name), col(Person.id))
    )
    articles = session.exec(
        select(Article)
        .join(SummitSource, col(SummitSource.article_id) == col(Article.id))
        .where(SummitSource.summit_id == summit_id)
        .order_by(col(Article.id))
    )
    return {
        "participants": [
            {"person_id": p.id, "name": p.name, "role": sp.role, "country": sp.country}
            for p, sp in people
        ],
        "issues": list(
            session.exec(
                select(SummitIssue.issue_slug)
                .where(SummitIssue.summit_id == summit_id)
                .order_by(col(SummitIssue.issue_slug))
            )
        ),
        "about": list(
            session.exec(
                select(SummitAbout.country)
                .where(SummitAbout.summit_id == summit_id)
                .order_by(col(SummitAbout.country))
            )
        ),
        "sources": [
            {
                "article_id": a.id,
                "title": a.title,
                "url": a.url,
                "publisher": a.publisher,
                "published_date": a.published_date and a.published_date.isoformat(),
            }
            for a in articles
        ],
    }


def _cells(links: dict[str, list[Any]]) -> dict[str, str]:
    """The CSV's list cells of what the link tables say: joined with '; ' (README)."""
    people = links["participants"]
    return {
        "csv_participants": "; ".join(p["name"] for p in people),
        "csv_participant_countries": "; ".join(p["country"] for p in people),
        "csv_participant_ids": "; ".join(str(p["person_id"]) for p in people),
        "csv_issues": "; ".join(links["issues"]),
        "csv_about": "; ".join(links["about"]),
        "csv_source_urls": "; ".join(s["url"] for s in links["sources"] if s["url"] is not None),
    }


def _truth_and_summaries(engine: Engine) -> tuple[dict[int, Any], dict[int, Any]]:
    """Per summit id: what the link tables say (with the CSV cells they make), and what
    the read model holds."""
    with Session(engine) as session:
        ids = list(session.exec(select(Summit.id).order_by(col(Summit.id))))
        links = {i: _links(session, i) for i in ids if i is not None}
        truth = {i: found | _cells(found) for i, found in links.items()}
        summaries = {
            s.summit_id: {
                "participants": s.participants,
                "issues": s.issues,
                "about": s.about,
                "sources": s.sources,
            }
            | {name: getattr(s, name) for name in store.SUMMARY_CELLS}
            for s in session.exec(select(SummitSummary))
        }
    return truth, summaries


def _store(engine: Engine, name: str, record: SummitRecord) -> int:
    """Store one article reporting ``record`` as the loader does (one transaction);
    returns the summit's id."""
    text = f"An article about a meeting ({name})."
    source = source_article(name, text, f"https://example.org/{name}")
    doc = ArticleDoc(raw=text, text=text, meta=ArticleMeta(title=name.title()), summits=[record])
    with Session(engine, expire_on_commit=False) as session, session.begin():
        _, (summit,), _ = store.store_article(
            session=session, source=source, doc=doc, extractor_version="test"
        )
    assert summit.id is not None
    return summit.id


def test_summaries_say_what_the_link_tables_say(loaded: TestClient, engine: Engine) -> None:
    truth, summaries = _truth_and_summaries(engine)
    assert len(truth) == 4
    assert summaries == truth
    sochi = ["Recep Tayyip Erdoğan", "Vladimir Putin"]
    (summary,) = [s for s in summaries.values() if s["participants"][0]["name"] == sochi[0]]
    assert [(p["name"], p["country"]) for p in summary["participants"]] == [
        (sochi[0], "TR"),
        (sochi[1], "RU"),
    ]


def test_a_second_report_updates_the_summary_it_merges_into(
    client: TestClient, engine: Engine
) -> None:
    first = SummitRecord(participants=LEADERS, date="2023-09", issues=["energy"], about=["UA"])
    summit_id = _store(engine, "first", first)
    before = client.get(f"/summits/{summit_id}").json()
    assert (before["date_text"], before["date_start"], before["date_end"]) == (
        "2023-09",
        "2023-09-01",
        "2023-09-30",
    )
    assert (before["issues"], before["about"], len(before["sources"])) == (["energy"], ["UA"], 1)

    second = SummitRecord(
        participants=LEADERS,
        date="2023-09-14",
        city="Paris",
        issues=["trade", "energy"],
        about=["CN"],
    )
    assert _store(engine, "second", second) == summit_id
    after = client.get(f"/summits/{summit_id}").json()
    assert (after["date_text"], after["date_start"], after["date_end"], after["city"]) == (
        "2023-09-14",
        "2023-09-14",
        "2023-09-14",
        "Paris",
    )
    assert [p["name"] for p in after["participants"]] == ["Emmanuel Macron", "Olaf Scholz"]
    assert (after["issues"], after["about"]) == (["energy", "trade"], ["CN", "UA"])
    assert [(s["title"], s["url"]) for s in after["sources"]] == [
        ("First", "https://example.org/first"),
        ("Second", "https://example.org/second"),
    ]
    (listed,) = client.get("/summits").json()["data"]
    assert listed == {k: v for k, v in after.items() if k in listed}
    (row,) = csv.DictReader(io.StringIO(client.get("/summits.csv").text))
    assert (row["date"], row["issues"], row["about"], row["source_urls"]) == (
        "2023-09-14",
        "energy; trade",
        "CN; UA",
        "https://example.org/first; https://example.org/second",
    )
    truth, summaries = _truth_and_summaries(engine)
    assert summaries == truth


def test_synth_fills_the_summaries(engine: Engine) -> None:
    generate(engine=engine, summits=40, seed=5)
    truth, summaries = _truth_and_summaries(engine)
    assert len(summaries) == 40
    assert summaries == truth
    with Session(engine) as session:
        participants = session.exec(select(func.count()).select_from(SummitParticipant)).one()
    assert sum(len(s["participants"]) for s in summaries.values()) == participants


def test_a_records_load_fills_the_summaries(engine: Engine, tmp_path: Path) -> None:
    records = []
    for name, (url, body) in {
        "sochi-a": (None, SOCHI_A),
        "sochi-b": ("https://news.example/sochi-b", SOCHI_B),  # merges into sochi-a's
        "call": ("https://news.example/call", PHONE_CALL),
    }.items():
        source = source_article(name, body, url)
        doc = extract(body, url=url)
        records.append(ArticleRecord(source, EXTRACTOR_VERSION, doc=doc))
    path = tmp_path / "batch.records.jsonl.gz"
    write_records(path, records)
    report = load_records(engine=engine, paths=[path], batch_size=2)
    assert (report.new, report.summits, report.merged) == (3, 2, 1)
    truth, summaries = _truth_and_summaries(engine)
    assert summaries == truth
    assert sorted(s["csv_source_urls"] for s in summaries.values()) == [
        "https://news.example/call",
        "https://news.example/sochi-b",  # sochi-a has no URL
    ]


def test_refresh_by_range_and_by_ids_agree(loaded: TestClient, engine: Engine) -> None:
    truth, _ = _truth_and_summaries(engine)
    with engine.begin() as connection:
        connection.execute(SummitSummary.__table__.delete())  # type: ignore[attr-defined]
        store.refresh_summary(session=connection, summit_ids=range(1, 3))
        store.refresh_summary(session=connection, summit_ids=[4, 3, 3])
    assert _truth_and_summaries(engine) == (truth, truth)


def test_postgresqls_lateral_summary_equals_the_correlated_one(
    loaded: TestClient, engine: Engine
) -> None:
    """PostgreSQL aggregates each list's rows once (LATERAL) for all of its columns; every
    value, JSON and CSV cell, is the one the correlated subqueries give (#16)."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no LATERAL: it runs the correlated form")
    generate(engine=engine, summits=60, seed=11)
    with engine.connect() as connection:
        lateral, correlated = (
            connection.execute(text(f"{sql} ORDER BY s.id")).all()
            for sql in (
                store.summary_select("postgresql"),
                store.correlated_summary_select("postgresql"),
            )
        )
    assert "LATERAL" in store.summary_select("postgresql")
    assert len(lateral) == 64
    assert lateral == correlated
    assert sum(bool(row[3]) for row in lateral) > 0  # some third countries among them


def test_one_summit_reads_in_one_query(loaded: TestClient, engine: Engine) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    (summit,) = loaded.get("/summits?location=Sochi").json()["data"]
    # on every engine: the route reads through the read engine, which an earlier test's
    # settings may have made another object than this fixture's
    event.listen(Engine, "before_cursor_execute", count)
    try:
        detail = loaded.get(f"/summits/{summit['id']}").json()
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    # the ETag middleware's data version (app.http) is not the route's; BEGIN and SET LOCAL
    # (app.db's transaction set-up) are not queries
    queries = [s for s in statements if s.startswith("SELECT") and s != str(VERSION_QUERY)]
    assert len(queries) == 1
    assert detail["statements"][0]["text"] == "We are open to negotiations on the grain deal"
    assert [s["summit_id"] for s in detail["statements"]] == [summit["id"]]
