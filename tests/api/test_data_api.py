"""The analyst-facing query features: facets, search, sorting, cursors, exports, graphs."""

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from tests.factories import SOCHI_B, UNDATED

ISSUES_OF_KISHIDA = {
    "defense": 2,
    "international-order": 2,
    "missiles": 2,
    "nuclear-weapons": 2,
    "armed-conflict": 1,
    "bilateral-relations": 1,
    "energy": 1,
    "human-rights": 1,
    "humanitarian": 1,
    "supply-chains": 1,
    "technology": 1,
}


def _facet(body: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"][name]}


def test_facets_count_the_filtered_set(loaded: TestClient) -> None:
    body = loaded.get("/summits?participant=Kishida&facet=issue&limit=1").json()
    assert body["count"] == 2
    assert _facet(body, "issue") == ISSUES_OF_KISHIDA
    assert body["facets"]["issue"][0] == {"value": "defense", "label": "Defence", "count": 2}


def test_facets_over_many_to_many_links_and_columns(loaded: TestClient) -> None:
    query = "facet=participant&facet=year&facet=format&facet=country&facet=location&facet=kind"
    body = loaded.get(f"/summits?{query}").json()
    assert _facet(body, "participant") == {
        "Fumio Kishida": 2,
        "Joe Biden": 2,
        "Recep Tayyip Erdoğan": 1,
        "Vladimir Putin": 1,
        "Xi Jinping": 1,
        "Yoon Suk Yeol": 1,
    }
    assert _facet(body, "year") == {"2022": 2, "2023": 2}
    assert _facet(body, "format") == {"in_person": 3, "phone": 1}
    assert _facet(body, "country") == {"US": 2, "JP": 2, "CN": 1, "KR": 1, "RU": 1, "TR": 1}
    assert body["facets"]["country"][0]["label"] in {"United States", "Japan"}
    assert _facet(body, "location") == {"San Francisco": 1, "Sochi": 1, "Tokyo": 1}
    assert _facet(body, "kind") == {"bilateral": 4}


def test_statement_facets(loaded: TestClient) -> None:
    body = loaded.get("/statements?kind=direct&facet=speaker&limit=1").json()
    assert _facet(body, "speaker") == {
        "Fumio Kishida": 4,
        "Vladimir Putin": 1,
        "Xi Jinping": 1,
        "Yoon Suk Yeol": 1,
    }


@pytest.mark.parametrize(
    ("q", "count"),
    [
        ("momentum", 1),
        ("momen*", 1),
        ('"grain deal"', 1),
        ('"deal grain"', 0),
        ("nuclear missile", 2),
        ("perish fire", 1),
    ],
)
def test_full_text_search(loaded: TestClient, q: str, count: int) -> None:
    assert loaded.get("/summits", params={"q": q}).json()["count"] == count


def test_search_ranks_by_relevance_and_rejects_empty_queries(loaded: TestClient) -> None:
    body = loaded.get("/summits", params={"q": "nuclear", "sort": "relevance"}).json()
    assert body["count"] == 2
    assert loaded.get("/summits", params={"sort": "relevance"}).status_code == 422
    empty = loaded.get("/summits", params={"q": '"'})
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["loc"] == ["query", "q"]


@pytest.fixture
def with_undated(loaded: TestClient) -> TestClient:
    """The loaded summits plus Macron-Scholz, of unknown date and length."""
    response = loaded.post(
        "/articles", json={"id": "undated", "text": UNDATED}, headers={"X-API-Key": "test-key"}
    )
    assert response.status_code == 201
    (summit,) = response.json()["summits"]
    assert (summit["date"], summit["duration_minutes"]) == (None, None)
    return loaded


# Sochi (2023-09-04): "talked for about three hours", the longest; the undated summit has
# no length either, and comes last both ways.
@pytest.mark.parametrize(
    ("sort", "dates"),
    [
        ("date", ["2022", "2022-07-28", "2023-09-04", "2023-11-16", None]),
        ("-date", ["2023-11-16", "2023-09-04", "2022-07-28", "2022", None]),
        ("-duration", ["2023-09-04", "2022-07-28", "2023-11-16", "2022", None]),
        ("duration", ["2022", "2023-11-16", "2022-07-28", "2023-09-04", None]),
    ],
)
def test_sorting_puts_unknowns_last_both_ways(
    with_undated: TestClient, sort: str, dates: list[str | None]
) -> None:
    body = with_undated.get("/summits", params={"sort": sort}).json()
    assert [s["date_text"] for s in body["data"]] == dates


@pytest.mark.parametrize("sort", ["date", "-date", "duration", "-duration"])
def test_cursor_walk_passes_the_unknowns(with_undated: TestClient, sort: str) -> None:
    whole = [s["id"] for s in with_undated.get("/summits", params={"sort": sort}).json()["data"]]
    walked, cursor = [], None
    while True:
        params = {"sort": sort, "limit": 1, **({"cursor": cursor} if cursor else {})}
        body = with_undated.get("/summits", params=params).json()
        walked += [s["id"] for s in body["data"]]
        cursor = body["next"]
        if cursor is None:
            break
    assert walked == whole
    assert len(whole) == 5


@pytest.mark.parametrize("sort", ["-date", "date", "duration", "-participants", "relevance"])
def test_cursor_walk_matches_one_page(loaded: TestClient, sort: str) -> None:
    params = {"sort": sort, "q": "president*"} if sort == "relevance" else {"sort": sort}
    whole = [s["id"] for s in loaded.get("/summits", params={**params, "limit": 50}).json()["data"]]
    walked, cursor = [], None
    while True:
        response = loaded.get(
            "/summits", params={**params, "limit": 1, **({"cursor": cursor} if cursor else {})}
        )
        body = response.json()
        walked += [s["id"] for s in body["data"]]
        cursor = body["next"]
        if cursor is None:
            assert "link" not in response.headers
            break
        assert response.headers["link"].endswith('>; rel="next"')
        assert f"cursor={cursor}" in response.headers["link"]
    assert walked == whole
    assert len(whole) >= 2


def test_bad_cursor_is_422(loaded: TestClient) -> None:
    response = loaded.get("/summits", params={"cursor": "not-a-cursor"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


def test_count_none_skips_the_count(loaded: TestClient) -> None:
    body = loaded.get("/summits?count=none&limit=2").json()
    assert body["count"] is None
    assert len(body["data"]) == 2


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/summits.csv?issue=missiles", {}),
        ("/summits?issue=missiles", {"Accept": "text/csv"}),
        ("/summits?issue=missiles", {"Accept": "text/csv;q=0.9, */*;q=0.1"}),
    ],
)
def test_csv_export_by_path_and_by_accept(
    loaded: TestClient, url: str, headers: dict[str, str]
) -> None:
    response = loaded.get(url, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["date"] for r in rows] == ["2023-11-16", "2022"]
    assert rows[0]["participants"] == "Fumio Kishida; Yoon Suk Yeol"
    assert rows[0]["about"] == "IL; KP; US"


def test_csv_export_sorts_and_filters_by_meeting_format(loaded: TestClient) -> None:
    response = loaded.get("/summits.csv?format=in_person&sort=date")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["date"], r["format"]) for r in rows] == [
        ("2022", "in_person"),
        ("2023-09-04", "in_person"),
        ("2023-11-16", "in_person"),
    ]


@pytest.mark.parametrize(
    ("url", "headers"),
    [("/summits.ndjson", {}), ("/summits", {"Accept": "application/x-ndjson"})],
)
def test_ndjson_export_streams_every_match(
    loaded: TestClient, url: str, headers: dict[str, str]
) -> None:
    response = loaded.get(url, headers=headers)
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [line["date_text"] for line in lines] == [
        "2023-11-16",
        "2023-09-04",
        "2022-07-28",
        "2022",
    ]
    assert {"id", "participants", "issues", "about"} <= set(lines[0])


def test_format_means_the_meeting_format_only(loaded: TestClient) -> None:
    assert loaded.get("/summits.ndjson?format=phone").text.count("\n") == 1
    assert loaded.get("/summits?format=csv").status_code == 422
    assert loaded.get("/summits?format=phone&format=csv").status_code == 422
    json_list = loaded.get("/summits?format=video", headers={"Accept": "application/json"})
    assert json_list.json() == {"data": [], "count": 0, "next": None, "facets": None}


def test_phone_filter_still_works_beside_exports(loaded: TestClient) -> None:
    assert loaded.get("/summits?format=phone").json()["count"] == 1


@pytest.mark.parametrize(
    ("url", "headers"),
    [("/summits.geojson", {}), ("/summits", {"Accept": "application/geo+json"})],
)
def test_geojson_of_located_summits(loaded: TestClient, url: str, headers: dict[str, str]) -> None:
    response = loaded.get(url, headers=headers)
    assert response.headers["content-type"].startswith("application/geo+json")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    cities = sorted(f["properties"]["city"] for f in body["features"])
    assert cities == ["San Francisco", "Sochi", "Tokyo"]
    tokyo = next(f for f in body["features"] if f["properties"]["city"] == "Tokyo")
    assert tokyo["geometry"]["type"] == "Point"
    assert tokyo["geometry"]["coordinates"] == pytest.approx([139.69, 35.69], abs=0.01)


def test_timeline(loaded: TestClient) -> None:
    months = loaded.get("/stats/timeline").json()
    # Biden-Kishida is known only as 2022: in no month, and not in January (#12)
    assert months["data"] == [
        {"period": "2022-07", "count": 1},
        {"period": "2023-09", "count": 1},
        {"period": "2023-11", "count": 1},
    ]
    assert months["month_unknown"] == [{"period": "2022", "count": 1}]
    years = loaded.get("/stats/timeline?interval=year&participant=Biden").json()
    assert years == {
        "interval": "year",
        "data": [{"period": "2022", "count": 2}],
        "month_unknown": [],
    }


def test_person_network(loaded: TestClient) -> None:
    (kishida,) = loaded.get("/people?q=Kishida").json()["data"]
    body = loaded.get(f"/people/{kishida['id']}/network").json()
    assert body["person"]["name"] == "Fumio Kishida"
    assert [
        (
            c["person"]["name"],
            c["meetings"],
            c["first_date"],
            c["first_date_precision"],
            c["last_date"],
            c["last_date_precision"],
        )
        for c in body["counterparts"]
    ] == [
        ("Joe Biden", 1, "2022", "year", "2022", "year"),
        ("Yoon Suk Yeol", 1, "2023-11-16", "day", "2023-11-16", "day"),
    ]
    assert loaded.get("/people/999/network").status_code == 404


def test_network_graph_with_filters(loaded: TestClient) -> None:
    body = loaded.get("/network").json()
    assert len(body["nodes"]) == 6
    assert len(body["edges"]) == 4
    assert all(e["weight"] == 1 and e["source"] < e["target"] for e in body["edges"])
    only_2023 = loaded.get("/network?date_from=2023-01-01").json()
    assert sorted(n["name"] for n in only_2023["nodes"]) == [
        "Fumio Kishida",
        "Recep Tayyip Erdoğan",
        "Vladimir Putin",
        "Yoon Suk Yeol",
    ]
    assert len(loaded.get("/network?issue=missiles").json()["edges"]) == 2


def test_csv_has_participant_ids_and_source_urls_and_honours_limit(loaded: TestClient) -> None:
    posted = loaded.post(
        "/articles",
        json={"id": "sochi-b", "url": "https://news.example/sochi-b", "text": SOCHI_B},
        headers={"X-API-Key": "test-key"},
    )
    assert posted.status_code == 201
    rows = list(csv.DictReader(io.StringIO(loaded.get("/summits.csv?location=Sochi").text)))
    (sochi,) = rows
    people = {p["name"]: p["id"] for p in loaded.get("/people").json()["data"]}
    assert sochi["participant_ids"] == "; ".join(
        str(people[name]) for name in ("Recep Tayyip Erdoğan", "Vladimir Putin")
    )
    assert sochi["source_urls"] == "https://news.example/sochi-b"
    limited = list(csv.DictReader(io.StringIO(loaded.get("/summits.csv?limit=2").text)))
    assert [r["date"] for r in limited] == ["2023-11-16", "2023-09-04"]
    lines = loaded.get("/summits.ndjson?limit=3&sort=date").text.splitlines()
    assert [json.loads(line)["date_text"] for line in lines] == ["2022", "2022-07-28", "2023-09-04"]
    assert loaded.get("/summits.csv?limit=0").status_code == 422
