"""The summit CSV export's exact bytes (#14): the header, every cell (lists joined with
'; ' in the API's orders, the date at its precision, floats as Python writes them) and
csv's minimal quoting, on both databases, whichever way the rows are read."""

import gzip
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, text
from sqlmodel import Session

from app import store
from app.http import VERSION_QUERY
from app.nlp.doc import ArticleDoc, ArticleMeta, Participant, SummitRecord
from tests.factories import source_article

HEADER = (
    "id,date,date_precision,date_start,date_end,participants,participant_countries,place,"
    "city,country,latitude,longitude,format,duration_minutes,context,kind,issues,about,"
    "participant_ids,source_urls\r\n"
)
MACRON = Participant(name="Emmanuel Macron", country="FR", role="President")
LULA = Participant(name="Luiz Inácio Lula da Silva", country="BR", role="President")
SCHOLZ = Participant(name="Olaf Scholz", country="DE", role="Chancellor")


def _store(engine: Engine, name: str, url: str | None, record: SummitRecord) -> int:
    """Store one article reporting ``record`` as the loader does; the summit's id."""
    body = f"An article about a meeting ({name})."
    source = source_article(name, body, url)
    doc = ArticleDoc(raw=body, text=body, meta=ArticleMeta(title=name), summits=[record])
    with Session(engine, expire_on_commit=False) as session, session.begin():
        _, (summit,), _ = store.store_article(
            session=session, source=source, doc=doc, extractor_version="test"
        )
    assert summit.id is not None
    return summit.id


@pytest.fixture
def stored(client: TestClient, engine: Engine) -> TestClient:
    """Four summits whose cells need quoting, joining, dropping or a precision."""
    quoted = SummitRecord(
        participants=[SCHOLZ, LULA, MACRON],
        date="2023-09",
        place='Palácio "Itamaraty", Hall 2',
        city="Brasília",
        country="BR",
        latitude=-15.7801,
        longitude=0.1 + 0.2,  # written as Python writes it: 0.30000000000000004
        duration_minutes=90,
        context="G20 summit\non the sidelines",
        issues=["trade", "energy"],
        about=["UA", "CN"],
    )
    _store(engine, "first", "https://example.org/a,b?q=1", quoted)
    _store(engine, "second", None, quoted)  # merged: a source without a URL
    _store(
        engine,
        "undated",
        "https://example.org/undated",
        SummitRecord(participants=[MACRON, SCHOLZ], format="phone"),
    )
    _store(
        engine,
        "year",
        "https://example.org/year",
        SummitRecord(participants=[SCHOLZ, MACRON], date="2022", city="Berlin", country="DE"),
    )
    unsummarised = _store(
        engine,
        "day",
        "https://example.org/day",
        SummitRecord(
            participants=[MACRON, LULA], date="2024-02-29", issues=["climate-environment"]
        ),
    )
    # a summit no write path summarised still exports, with its lists empty
    with engine.begin() as connection:
        connection.execute(
            text("DELETE FROM summit_summary WHERE summit_id = :id"), {"id": unsummarised}
        )
    return client


def _ids(client: TestClient) -> dict[str, int]:
    return {p["name"]: p["id"] for p in client.get("/people").json()["data"]}


def test_csv_cells_and_quoting_are_exact(stored: TestClient) -> None:
    people = _ids(stored)
    macron, lula, scholz = (people[p.name] for p in (MACRON, LULA, SCHOLZ))
    response = stored.get("/summits.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text == (
        HEADER
        + "4,2024-02-29,day,2024-02-29,2024-02-29,,,,,,,,in_person,,,bilateral,,,,\r\n"
        + "1,2023-09,month,2023-09-01,2023-09-30,"
        "Emmanuel Macron; Luiz Inácio Lula da Silva; Olaf Scholz,FR; BR; DE,"
        '"Palácio ""Itamaraty"", Hall 2",Brasília,BR,-15.7801,0.30000000000000004,'
        'in_person,90,"G20 summit\non the sidelines",trilateral,energy; trade,CN; UA,'
        f'{macron}; {lula}; {scholz},"https://example.org/a,b?q=1"\r\n'
        + "3,2022,year,2022-01-01,2022-12-31,Emmanuel Macron; Olaf Scholz,FR; DE,,Berlin,DE,"
        f",,in_person,,,bilateral,,,{macron}; {scholz},https://example.org/year\r\n"
        + "2,,unknown,,,Emmanuel Macron; Olaf Scholz,FR; DE,,,,,,phone,,,bilateral,,,"
        f"{macron}; {scholz},https://example.org/undated\r\n"
    )


def test_csv_in_date_order_with_a_limit(stored: TestClient) -> None:
    rows = stored.get("/summits.csv?sort=date&limit=3").text.split("\r\n")
    assert rows[0] + "\r\n" == HEADER
    assert [row.split(",", 2)[:2] for row in rows[1:-1]] == [
        ["3", "2022"],
        ["1", "2023-09"],
        ["4", "2024-02-29"],
    ]
    assert rows[-1] == ""
    assert stored.get("/summits.csv?format=video").text == HEADER  # nothing matched


@pytest.mark.parametrize("path", ["/summits.csv", "/summits.ndjson", "/summits.geojson"])
def test_an_export_reads_in_one_query(stored: TestClient, path: str) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(Engine, "before_cursor_execute", count)
    try:
        response = stored.get(path, params={"date_from": "2022"})
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert response.status_code == 200
    # the ETag middleware's data version (app.http) is not the route's; BEGIN and SET LOCAL
    # (app.db's transaction set-up) are not queries
    queries = [s for s in statements if s.startswith("SELECT") and s != str(VERSION_QUERY)]
    assert len(queries) == 1, "the export's query runs once, before the response starts"


def test_an_export_is_gzipped_at_the_fastest_level(stored: TestClient) -> None:
    with stored.stream("GET", "/summits.csv", headers={"Accept-Encoding": "gzip"}) as response:
        body = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    # the gzip header's extra flags (RFC 1952): 2 for the slowest level, 4 for the
    # fastest, 0 between (#14)
    assert (body[:2], body[8]) == (b"\x1f\x8b", 4)
    assert gzip.decompress(body).decode() == stored.get("/summits.csv").text


def test_a_json_page_is_gzipped_at_the_default_level(stored: TestClient) -> None:
    with stored.stream("GET", "/summits", headers={"Accept-Encoding": "gzip"}) as response:
        body = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "gzip"
    assert (body[:2], body[8]) == (b"\x1f\x8b", 0)
    assert gzip.decompress(body) == stored.get("/summits").content
