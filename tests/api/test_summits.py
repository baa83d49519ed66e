"""GET /summits and GET /summits/{id}: every filter, paging, 404 and 422."""

import pytest
from fastapi.testclient import TestClient

from tests.factories import TRILATERAL


def _names(body: dict) -> list[list[str]]:
    return [sorted(p["name"] for p in s["participants"]) for s in body["data"]]


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("participant=Kishida", 2),
        ("participant=kishida&participant=YOON", 1),
        ("participant=Fumio Kishida&participant=Joe Biden", 1),
        ("participant=Erdoğan", 1),
        ("participant=erdogan", 1),
        ("participant=Nobody", 0),
        ("location=Tokyo", 1),
        ("location=tokyo", 1),
        ("location=Japan", 1),
        ("location=US", 1),
        ("location=Sochi", 1),
        ("issue=missiles", 2),
        ("issue=missiles&issue=food-security", 3),
        ("about=KP", 2),
        ("about=kp", 2),
        ("about=UA", 2),
        ("country=JP", 2),
        ("country=JP&country=KR", 1),
        ("country=CN", 1),
        ("format=phone", 1),
        ("format=in_person", 3),
        ("date_from=2023-01-01", 2),
        ("date_to=2022-12-31", 2),
        ("date_from=2022-07-01&date_to=2022-07-31", 2),  # and Biden-Kishida, "2022" (#12)
        ("date_from=2022-07&date_to=2022-07", 2),
        ("date_from=2022-08&date_to=2022-12", 1),
        ("date_to=2022", 2),
        ("date_from=2023", 2),
        ("q=momentum", 1),
        ("q=grain deal", 1),
        ("q=perish fire", 1),
        ("q=nowhere-to-be-found", 0),
    ],
)
def test_filters_count(loaded: TestClient, query: str, count: int) -> None:
    response = loaded.get(f"/summits?{query}")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == count
    assert len(body["data"]) == count


def test_list_is_newest_first_with_total_and_paging(loaded: TestClient) -> None:
    first = loaded.get("/summits?limit=2").json()
    assert first["count"] == 4
    assert [s["date_text"] for s in first["data"]] == ["2023-11-16", "2023-09-04"]
    rest = loaded.get("/summits?limit=2&offset=2").json()
    assert [s["date_text"] for s in rest["data"]] == ["2022-07-28", "2022"]


def test_phone_call_has_format_and_no_place(loaded: TestClient) -> None:
    (call,) = loaded.get("/summits?format=phone").json()["data"]
    assert _names({"data": [call]}) == [["Joe Biden", "Xi Jinping"]]
    assert (call["city"], call["country"], call["duration_minutes"]) == (None, None, 120)


def test_summit_detail_has_everything(loaded: TestClient) -> None:
    (summit,) = loaded.get("/summits?location=San Francisco").json()["data"]
    detail = loaded.get(f"/summits/{summit['id']}").json()
    assert detail["date_text"] == "2023-11-16"
    assert detail["kind"] == "bilateral"
    assert detail["duration_minutes"] == 35
    assert [p["name"] for p in detail["participants"]] == ["Fumio Kishida", "Yoon Suk Yeol"]
    assert detail["issues"] == [
        "bilateral-relations",
        "defense",
        "humanitarian",
        "international-order",
        "missiles",
        "nuclear-weapons",
    ]
    assert detail["about"] == ["IL", "KP", "US"]
    assert [s["speaker"] for s in detail["statements"] if s["kind"] == "direct"] == [
        "Fumio Kishida",
        "Fumio Kishida",
        "Yoon Suk Yeol",
    ]
    assert [s["title"] for s in detail["sources"]] == [
        "Japan’s Kishida, South Korea’s Yoon Confirm to Cooperate Against N. Korea in San Francisco"
    ]
    labels = {e["label"] for e in detail["evidence"]}
    assert labels == {"participant", "date", "location"}


def test_statement_offsets_point_into_the_article_text(loaded: TestClient) -> None:
    (summit,) = loaded.get("/summits?location=Tokyo").json()["data"]
    detail = loaded.get(f"/summits/{summit['id']}").json()
    article = loaded.get(f"/articles/{detail['sources'][0]['article_id']}").json()
    for statement in detail["statements"]:
        assert article["text"][statement["start"] : statement["end"]] == statement["text"]


def test_unknown_summit_is_404_in_the_error_envelope(loaded: TestClient) -> None:
    response = loaded.get("/summits/9999")
    assert response.status_code == 404
    assert response.json() == {
        "detail": [
            {"msg": "no summit with id 9999", "type": "not_found", "loc": ["path", "summit_id"]}
        ]
    }


@pytest.mark.parametrize(
    ("query", "loc"),
    [
        ("limit=0", ["query", "limit"]),
        ("limit=501", ["query", "limit"]),
        ("offset=-1", ["query", "offset"]),
        ("issue=bogus", ["query", "issue", 0]),
        ("format=carrier-pigeon", ["query", "format"]),
        ("date_from=yesterday", ["query", "date_from"]),
        ("about=KOR", ["query", "about", 0]),
        ("country=1", ["query", "country", 0]),
    ],
)
def test_bad_parameters_are_422(loaded: TestClient, query: str, loc: list) -> None:
    response = loaded.get(f"/summits?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


def test_non_integer_summit_id_is_422(loaded: TestClient) -> None:
    assert loaded.get("/summits/abc").status_code == 422


@pytest.fixture
def with_trilateral(loaded: TestClient) -> TestClient:
    """The loaded summits (all bilateral) plus Biden-Kishida-Yoon at Camp David."""
    response = loaded.post(
        "/articles", json={"id": "camp", "text": TRILATERAL}, headers={"X-API-Key": "test-key"}
    )
    assert response.status_code == 201
    return loaded


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        ("kind=trilateral", ["2023-08-18"]),
        ("kind=bilateral", ["2023-11-16", "2023-09-04", "2022-07-28", "2022"]),
        ("kind=multilateral", []),
        ("kind=multilateral&kind=trilateral", ["2023-08-18"]),
        ("kind=bilateral&participant=Yoon", ["2023-11-16"]),
        ("kind=", ["2023-11-16", "2023-09-04", "2023-08-18", "2022-07-28", "2022"]),
    ],
)
def test_kind_filter_matches_the_facet(
    with_trilateral: TestClient, query: str, dates: list[str]
) -> None:
    body = with_trilateral.get(f"/summits?{query}&facet=kind").json()
    assert [s["date_text"] for s in body["data"]] == dates
    assert sum(v["count"] for v in body["facets"]["kind"]) == len(dates)
    assert {s["kind"] for s in body["data"]} == {v["value"] for v in body["facets"]["kind"]}


def test_kind_filter_applies_to_the_timeline_and_network(with_trilateral: TestClient) -> None:
    timeline = with_trilateral.get("/stats/timeline?kind=trilateral").json()
    assert timeline["data"] == [{"period": "2023-08", "count": 1}]
    network = with_trilateral.get("/network?kind=trilateral").json()
    assert sorted(n["name"] for n in network["nodes"]) == [
        "Fumio Kishida",
        "Joe Biden",
        "Yoon Suk Yeol",
    ]
    assert len(network["edges"]) == 3


def _edges(body: dict) -> list[tuple[str, str, int]]:
    names = {n["id"]: n["name"] for n in body["nodes"]}
    edges = []
    for edge in body["edges"]:
        first, second = sorted((names[edge["source"]], names[edge["target"]]))
        edges.append((first, second, edge["weight"]))
    return edges


def test_network_prunes_by_weight_and_limit(with_trilateral: TestClient) -> None:
    assert len(with_trilateral.get("/network").json()["edges"]) == 5
    heavy = with_trilateral.get("/network?min_weight=2").json()
    assert sorted(_edges(heavy)) == [
        ("Fumio Kishida", "Joe Biden", 2),
        ("Fumio Kishida", "Yoon Suk Yeol", 2),
    ]
    assert sorted(n["name"] for n in heavy["nodes"]) == [
        "Fumio Kishida",
        "Joe Biden",
        "Yoon Suk Yeol",
    ]
    (top,) = _edges(with_trilateral.get("/network?limit=1").json())
    assert top[2] == 2
    assert len(with_trilateral.get("/network?limit=1").json()["nodes"]) == 2
    assert with_trilateral.get("/network?min_weight=3").json() == {"nodes": [], "edges": []}
    assert with_trilateral.get("/network?min_weight=0").status_code == 422
