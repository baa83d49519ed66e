"""A list filtered by one leader or one issue, in date order, reads its page as a range of
the link's date index (0009, #14): the same rows, order and cursors as the summit-side
query, the links' copies of the summit's interval kept in step by triggers whatever
writes them, and a plan without a sort of every match."""

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlmodel import Session

from app import queries
from app.models import SummitSort
from app.synth import generate

SUMMITS = 400  # enough that the most-linked leader fills several pages
PAGE = 2  # small pages: several cursors per walk
DATE_FROM, DATE_TO = dt.date(2005, 1, 1), dt.date(2014, 12, 31)
# summits re-dated after they and their links are written: undated ones (last in both
# directions) and a run of equal intervals (ties broken by id)
UNDATED = "id % 9 = 0"
TIED = "id % 9 = 4"


@pytest.fixture
def synthetic(loaded: TestClient, engine: Engine) -> TestClient:
    """The seeds (stored article by article) and synthetic summits (written in bulk),
    some then undated and some given one shared interval."""
    generate(engine=engine, summits=SUMMITS, seed=3)
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE summit SET date = NULL, date_precision = 'unknown', "
                f"date_start = NULL, date_end = NULL WHERE {UNDATED}"
            )
        )
        connection.execute(
            text(
                "UPDATE summit SET date = '2010-06-01', date_precision = 'month', "
                f"date_start = '2010-06-01', date_end = '2010-06-30' WHERE {TIED}"
            )
        )
    return loaded


def _most_linked(engine: Engine, table: str, column: str) -> Any:
    """The person or issue with the most summits."""
    with engine.connect() as connection:
        return connection.execute(
            text(f"SELECT {column} FROM {table} GROUP BY {column} ORDER BY count(*) DESC, {column}")
        ).first()[0]  # type: ignore[index]  # the fixture wrote links


def _leader(engine: Engine) -> str:
    person_id = _most_linked(engine, "summit_participant", "person_id")
    with engine.connect() as connection:
        name: str = connection.execute(
            text("SELECT name FROM person WHERE id = :id"), {"id": person_id}
        ).scalar_one()
    return name


def _walk(client: TestClient, query: dict[str, str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Every row of a list, page by page through its cursors, and the cursors."""
    rows: list[dict[str, Any]] = []
    cursors: list[str] = []
    body = client.get("/summits", params={**query, "limit": str(PAGE)}).json()
    rows += body["data"]
    while body["next"]:
        cursors.append(body["next"])
        page = {**query, "limit": str(PAGE), "cursor": body["next"]}
        body = client.get("/summits", params=page).json()
        rows += body["data"]
    return rows, cursors


def _overlaps(summit: dict[str, Any]) -> bool:
    """Whether a summit's interval meets [DATE_FROM, DATE_TO] (undated ones do not)."""
    if summit["date_start"] is None:
        return False
    return summit["date_end"] >= DATE_FROM.isoformat() and summit["date_start"] <= (
        DATE_TO.isoformat()
    )


@pytest.mark.parametrize("sort", ["-date", "date"])
@pytest.mark.parametrize("filtered_by", ["participant", "issue + date range"])
def test_filtered_pages_are_the_unfiltered_list_filtered(
    synthetic: TestClient, engine: Engine, sort: str, filtered_by: str
) -> None:
    everything = synthetic.get(f"/summits?sort={sort}&limit=500").json()["data"]
    assert len(everything) == SUMMITS + 4
    if filtered_by == "participant":
        leader = _leader(engine)
        query = {"participant": leader, "sort": sort}
        expected = [s for s in everything if leader in {p["name"] for p in s["participants"]}]
    else:
        slug = _most_linked(engine, "summit_issue", "issue_slug")
        query = {"issue": slug, "date_from": str(DATE_FROM), "date_to": str(DATE_TO), "sort": sort}
        expected = [s for s in everything if slug in s["issues"] and _overlaps(s)]
    rows, cursors = _walk(synthetic, query)
    assert len(expected) > 3 * PAGE
    assert rows == expected
    assert len(cursors) == (len(expected) - 1) // PAGE


@pytest.mark.parametrize("sort", [SummitSort.date_desc, SummitSort.date])
@pytest.mark.parametrize("filtered_by", ["participant", "issue + date range"])
def test_link_pages_and_cursors_match_the_summit_side_query(
    synthetic: TestClient, engine: Engine, sort: SummitSort, filtered_by: str
) -> None:
    """Page by page, reading from the link gives the summit-side query's rows, total and
    next key (what the cursor carries)."""
    with Session(engine) as session:
        if filtered_by == "participant":
            conditions = queries.summit_filters(session=session, participant=[_leader(engine)])
        else:
            conditions = queries.summit_filters(
                session=session,
                issue=[_most_linked(engine, "summit_issue", "issue_slug")],
                date_from=DATE_FROM,
                date_to=DATE_TO,
            )
        assert isinstance(conditions, queries.SummitConditions) and conditions.scan
        pages = 0
        after = None
        while True:
            read: list[Any] = []
            for given in (conditions, list(conditions)):  # the plain list: summit-side
                rows, total, following = queries.list_summits(
                    session=session,
                    conditions=given,
                    limit=PAGE,
                    sort=sort,
                    after=after,
                    plain=True,
                )
                read.append(([tuple(row) for row in rows], total, following))
            assert read[0] == read[1]
            pages += 1
            after = read[0][2]
            if after is None:
                break
    assert pages > 3


def _plan(engine: Engine, query: str, client: TestClient) -> str:
    """The plan of the page query a request ran, as text (PostgreSQL: told to avoid
    sequential scans and sorts, so the plan shows whether an index gives the order)."""
    seen: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert client.get(f"/summits?{query}").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    (statement, parameters) = next(
        (s, p) for s, p in seen if " LIMIT " in s and "JOIN summit " in s
    )
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            found = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return "\n".join(row[3] for row in found)
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        found = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
        return json.dumps(found.scalar_one())


@pytest.mark.parametrize(
    ("filtered_by", "sort", "index"),
    [
        ("participant", "-date", "ix_summit_participant_sort_interval"),
        ("participant", "date", "ix_summit_participant_sort_interval_asc"),
        ("issue + date range", "-date", "ix_summit_issue_sort_interval"),
        ("issue + date range", "date", "ix_summit_issue_sort_interval_asc"),
    ],
)
def test_page_is_read_in_order_from_the_link_index(
    synthetic: TestClient, engine: Engine, filtered_by: str, sort: str, index: str
) -> None:
    if filtered_by == "participant":
        query = urlencode({"participant": _leader(engine), "sort": sort})
    else:
        slug = _most_linked(engine, "summit_issue", "issue_slug")
        query = f"issue={slug}&date_from={DATE_FROM}&date_to={DATE_TO}&sort={sort}"
    plan = _plan(engine, query, synthetic)
    if engine.dialect.name == "sqlite":
        assert f"USING INDEX {index} " in plan
        assert "TEMP B-TREE" not in plan
    else:
        assert f'"Index Name": "{index}"' in plan
        assert '"Node Type": "Sort"' not in plan


def test_links_carry_their_summits_interval(synthetic: TestClient, engine: Engine) -> None:
    """Links written by the store (the seeds), in bulk (synth), and links of summits
    re-dated afterwards all hold their summit's interval."""
    with engine.connect() as connection:
        for table in ("summit_participant", "summit_issue"):
            differing = connection.execute(
                text(
                    f"SELECT count(*) FROM {table} l JOIN summit s ON s.id = l.summit_id "
                    "WHERE l.date_start IS DISTINCT FROM s.date_start "
                    "OR l.date_end IS DISTINCT FROM s.date_end"
                    if engine.dialect.name == "postgresql"
                    else f"SELECT count(*) FROM {table} l JOIN summit s ON s.id = l.summit_id "
                    "WHERE l.date_start IS NOT s.date_start OR l.date_end IS NOT s.date_end"
                )
            ).scalar_one()
            undated = connection.execute(
                text(
                    f"SELECT count(*) FROM {table} l JOIN summit s ON s.id = l.summit_id "
                    f"WHERE s.{UNDATED} AND l.date_start IS NULL"
                )
            ).scalar_one()
            assert (table, differing) == (table, 0)
            assert undated > 0


def _day(value: Any) -> Any:
    """A date as either database returns it to a text() query (SQLite: ISO text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def test_a_writer_may_supply_the_interval_and_the_trigger_fills_it_otherwise(
    loaded: TestClient, engine: Engine
) -> None:
    """A link written with an interval keeps it (the records load supplies its summit's,
    sparing the trigger, 0012); one written without gets its summit's; one moved to
    another summit always takes the new summit's."""
    supplied = (dt.date(1999, 1, 1), dt.date(1999, 12, 31))
    with engine.begin() as connection:
        dated = connection.execute(
            text(
                "SELECT id, date_start, date_end FROM summit "
                "WHERE date_start IS NOT NULL ORDER BY id"
            )
        ).all()
        (first, *first_interval), (second, *second_interval) = (
            (row[0], *map(_day, row[1:])) for row in dated[:2]
        )
        people = [
            connection.execute(
                text(
                    "INSERT INTO person (name, country, aliases) "
                    "VALUES (:name, 'ZZ', '[]') RETURNING id"
                ),
                {"name": name},
            ).scalar_one()
            for name in ("Supplied Leader", "Unsupplied Leader")
        ]
        link = (
            "INSERT INTO summit_participant (summit_id, person_id, role, country, "
            "date_start, date_end) VALUES (:summit, :person, NULL, 'ZZ', :start, :end)"
        )
        connection.execute(
            text(link),
            {"summit": first, "person": people[0], "start": supplied[0], "end": supplied[1]},
        )
        connection.execute(
            text(link), {"summit": first, "person": people[1], "start": None, "end": None}
        )
        slug = connection.execute(
            text(
                "SELECT slug FROM issue WHERE slug NOT IN "
                "(SELECT issue_slug FROM summit_issue WHERE summit_id = :summit) ORDER BY slug"
            ),
            {"summit": first},
        ).first()[0]  # type: ignore[index]  # 24 issues, a summit has a few
        connection.execute(
            text(
                "INSERT INTO summit_issue (summit_id, issue_slug, date_start, date_end) "
                "VALUES (:summit, :slug, :start, :end)"
            ),
            {"summit": first, "slug": slug, "start": supplied[0], "end": supplied[1]},
        )

    def interval(table: str, where: str, **values: Any) -> list[Any]:
        with engine.connect() as connection:
            row = connection.execute(
                text(f"SELECT date_start, date_end FROM {table} WHERE {where}"), values
            ).one()
        return [_day(v) for v in row]

    assert interval("summit_participant", "person_id = :p", p=people[0]) == list(supplied)
    assert interval("summit_participant", "person_id = :p", p=people[1]) == first_interval
    assert interval("summit_issue", "summit_id = :s AND issue_slug = :i", s=first, i=slug) == (
        list(supplied)
    )
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE summit_participant SET summit_id = :to WHERE person_id = :p"),
            {"to": second, "p": people[0]},
        )
    assert interval("summit_participant", "person_id = :p", p=people[0]) == second_interval
