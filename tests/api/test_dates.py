"""Dates as the intervals they denote (#12): overlap filters, periods as parameters, the
timeline's year-only bucket, the date sort, network dates and exports."""

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app import dates, store
from app.models import Article, Summit
from app.nlp.doc import Participant, SummitRecord

# (participants, date, coordinates) stored through the write path, one article each
SUMMITS: list[tuple[tuple[str, str], str | None, tuple[float, float] | None]] = [
    (("Emmanuel Macron", "Olaf Scholz"), "2022-11", (48.86, 2.35)),
    (("Joe Biden", "Xi Jinping"), "2022-11-14", None),
    (("Rishi Sunak", "Giorgia Meloni"), "2022-11-01", None),
    (("Narendra Modi", "Anthony Albanese"), "2021", None),
    (("Emmanuel Macron", "Olaf Scholz"), "2023-02-05", None),
    (("Vladimir Putin", "Recep Tayyip Erdoğan"), None, None),
]


def _store(engine: Engine, number: int, names: tuple[str, ...], date: str | None) -> Summit:
    """One summit stored by ``store.store_summit`` from an article of its own."""
    with Session(engine) as session, session.begin():
        article = Article(source=f"a{number}.txt", sha256=f"{number:064d}", extractor_version="t")
        session.add(article)
        session.flush()
        record = SummitRecord(
            participants=[Participant(name=name, country=None, role=None) for name in names],
            date=date,
        )
        summit, _ = store.store_summit(session=session, article=article, record=record)
        session.expunge(summit)
        return summit


@pytest.fixture
def dated(client: TestClient, engine: Engine) -> Iterator[TestClient]:
    """The summits of ``SUMMITS``: a month, three days, a year and an unknown date."""
    for number, (names, date, place) in enumerate(SUMMITS):
        summit = _store(engine, number, names, date)
        if place:
            with Session(engine) as session, session.begin():
                stored = session.get(Summit, summit.id)
                assert stored is not None
                stored.latitude, stored.longitude = place
    yield client


def _dates(body: dict[str, list[dict[str, str]]]) -> list[str | None]:
    return [summit["date_text"] for summit in body["data"]]


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        # the month summit may fall inside a range within its month, never in a disjoint one
        ("date_from=2022-11-10&date_to=2022-11-20", ["2022-11-14", "2022-11"]),
        ("date_from=2022-11-15&date_to=2022-11-30", ["2022-11"]),
        ("date_from=2022-12-01&date_to=2022-12-31", []),
        ("date_from=2022-10-01&date_to=2022-10-31", []),
        ("date_to=2022-10-31", ["2021"]),
        # periods as parameters: date_from is the period's first day, date_to its last
        ("date_from=2022-11&date_to=2022-11", ["2022-11-14", "2022-11", "2022-11-01"]),
        ("date_to=2022", ["2022-11-14", "2022-11", "2022-11-01", "2021"]),
        ("date_from=2022&date_to=2022", ["2022-11-14", "2022-11", "2022-11-01"]),
        ("date_from=2023", ["2023-02-05"]),
        ("date_from=2021-12-31&date_to=2021-12-31", ["2021"]),
        ("date_from=2022-11-02", ["2023-02-05", "2022-11-14", "2022-11"]),
        ("date_to=2022-11-01", ["2022-11", "2022-11-01", "2021"]),
        ("date_from=2023-02-06", []),
    ],
)
def test_filters_select_overlapping_intervals(
    dated: TestClient, query: str, dates: list[str]
) -> None:
    body = dated.get(f"/summits?{query}").json()
    assert (body["count"], _dates(body)) == (len(dates), dates)


@pytest.mark.parametrize(
    ("sort", "dates"),
    [
        ("date", ["2021", "2022-11-01", "2022-11", "2022-11-14", "2023-02-05", None]),
        ("-date", ["2023-02-05", "2022-11-14", "2022-11", "2022-11-01", "2021", None]),
    ],
)
def test_date_sort_is_start_then_end_with_unknown_last_on_every_page(
    dated: TestClient, sort: str, dates: list[str | None]
) -> None:
    assert _dates(dated.get(f"/summits?sort={sort}").json()) == dates
    walked: list[str | None] = []
    page = dated.get(f"/summits?sort={sort}&limit=1").json()
    while True:
        walked += _dates(page)
        if not page["next"]:
            break
        page = dated.get(f"/summits?sort={sort}&limit=1&cursor={page['next']}").json()
    assert walked == dates


def test_summits_carry_their_interval(dated: TestClient) -> None:
    body = dated.get("/summits?sort=date").json()
    assert [
        (s["date"], s["date_precision"], s["date_start"], s["date_end"]) for s in body["data"]
    ] == [
        ("2021-01-01", "year", "2021-01-01", "2021-12-31"),
        ("2022-11-01", "day", "2022-11-01", "2022-11-01"),
        ("2022-11-01", "month", "2022-11-01", "2022-11-30"),
        ("2022-11-14", "day", "2022-11-14", "2022-11-14"),
        ("2023-02-05", "day", "2023-02-05", "2023-02-05"),
        (None, "unknown", None, None),
    ]


def test_timeline_keeps_a_year_only_date_out_of_the_months(dated: TestClient) -> None:
    assert dated.get("/stats/timeline").json() == {
        "interval": "month",
        "data": [{"period": "2022-11", "count": 3}, {"period": "2023-02", "count": 1}],
        "month_unknown": [{"period": "2021", "count": 1}],
    }
    assert dated.get("/stats/timeline?interval=year").json() == {
        "interval": "year",
        "data": [
            {"period": "2021", "count": 1},
            {"period": "2022", "count": 3},
            {"period": "2023", "count": 1},
        ],
        "month_unknown": [],
    }
    filtered = dated.get("/stats/timeline?date_from=2021-06&date_to=2022-11-10").json()
    assert (filtered["data"], filtered["month_unknown"]) == (
        [{"period": "2022-11", "count": 2}],
        [{"period": "2021", "count": 1}],
    )


def test_network_dates_carry_text_and_precision(dated: TestClient) -> None:
    (macron,) = dated.get("/people?q=Macron").json()["data"]
    (scholz,) = dated.get(f"/people/{macron['id']}/network").json()["counterparts"]
    assert (
        scholz["meetings"],
        scholz["first_date"],
        scholz["first_date_precision"],
        scholz["last_date"],
        scholz["last_date_precision"],
    ) == (2, "2022-11", "month", "2023-02-05", "day")
    people = {p["id"]: p["name"] for p in dated.get("/people").json()["data"]}
    edges = {
        frozenset((people[e["source"]], people[e["target"]])): (
            e["weight"],
            e["first_date"],
            e["first_date_precision"],
            e["last_date"],
            e["last_date_precision"],
        )
        for e in dated.get("/network").json()["edges"]
    }
    assert edges == {
        frozenset(("Emmanuel Macron", "Olaf Scholz")): (2, "2022-11", "month", "2023-02-05", "day"),
        frozenset(("Joe Biden", "Xi Jinping")): (1, "2022-11-14", "day", "2022-11-14", "day"),
        frozenset(("Rishi Sunak", "Giorgia Meloni")): (1, "2022-11-01", "day", "2022-11-01", "day"),
        frozenset(("Narendra Modi", "Anthony Albanese")): (1, "2021", "year", "2021", "year"),
        frozenset(("Vladimir Putin", "Recep Tayyip Erdoğan")): (1, None, None, None, None),
    }


def test_csv_and_geojson_carry_date_text_precision_and_interval(dated: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(dated.get("/summits.csv?sort=date").text)))
    assert [(r["date"], r["date_precision"], r["date_start"], r["date_end"]) for r in rows] == [
        ("2021", "year", "2021-01-01", "2021-12-31"),
        ("2022-11-01", "day", "2022-11-01", "2022-11-01"),
        ("2022-11", "month", "2022-11-01", "2022-11-30"),
        ("2022-11-14", "day", "2022-11-14", "2022-11-14"),
        ("2023-02-05", "day", "2023-02-05", "2023-02-05"),
        ("", "unknown", "", ""),
    ]
    (feature,) = dated.get("/summits.geojson").json()["features"]
    properties = feature["properties"]
    assert (
        properties["date"],
        properties["date_precision"],
        properties["date_start"],
        properties["date_end"],
    ) == ("2022-11", "month", "2022-11-01", "2022-11-30")


def test_a_finer_report_narrows_the_stored_interval(client: TestClient, engine: Engine) -> None:
    first = _store(engine, 1, ("Emmanuel Macron", "Olaf Scholz"), "2022-11")
    again = _store(engine, 2, ("Emmanuel Macron", "Olaf Scholz"), "2022-11-14")
    assert again.id == first.id
    (summit,) = client.get("/summits").json()["data"]
    assert (summit["date_text"], summit["date_start"], summit["date_end"]) == (
        "2022-11-14",
        "2022-11-14",
        "2022-11-14",
    )


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2020", ("2020-01-01", "2020-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-02", ("2023-02-01", "2023-02-28")),
        ("2020-11-05", ("2020-11-05", "2020-11-05")),
        ("2020-1", None),
        ("20201105", None),
        ("2020-11-05T00:00", None),
        ("0000", None),
        ("2020-00", None),
        ("2023-02-29", None),
        ("２０２０", None),
    ],
)
def test_period_bounds(value: str, bounds: tuple[str, str] | None) -> None:
    found = dates.period_bounds(value)
    assert (found and (found[0].isoformat(), found[1].isoformat())) == bounds
