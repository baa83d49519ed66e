"""Exports beyond the summit list: statements, people, the timeline and the network as
CSV, NDJSON and GraphML, and map points of summits located only by country (#12)."""

import csv
import io
import json
from typing import Any
from xml.etree import ElementTree

from fastapi.testclient import TestClient

from app import export
from app.models import DatePrecision, Person

KEY = {"X-API-Key": "test-key"}
# A visit to a country with no city named: located only by country.
MODI_VISIT = (
    "Macron visits India\nPublished March 14, 2024\nFrench President Emmanuel Macron held "
    "talks with Indian Prime Minister Narendra Modi during a visit to India on Tuesday on "
    "defence and trade.\n"
)
# A second report of the Biden-Xi call of tests.factories.PHONE_CALL, with another quote.
XI_CALL = (
    "Xi warns Biden on Taiwan\nPublished July 29, 2022\nChinese President Xi Jinping and "
    "U.S. President Joe Biden spoke by phone on Thursday.\n"
    '"Taiwan is the core of China\'s core interests," Xi told Biden during the call.\n'
)


def test_geojson_maps_a_country_only_summit_at_the_centroid(loaded: TestClient) -> None:
    posted = loaded.post("/articles", json={"id": "modi", "text": MODI_VISIT}, headers=KEY)
    assert posted.status_code == 201
    (summit,) = posted.json()["summits"]
    assert (summit["city"], summit["country"], summit["latitude"]) == (None, "IN", None)
    body = loaded.get("/summits.geojson").json()
    located = {f["id"]: (f["properties"]["located"], f["geometry"]) for f in body["features"]}
    assert located[summit["id"]] == (
        "country_centroid",
        {"type": "Point", "coordinates": [79.594, 22.925]},
    )
    cities = sorted(
        f["properties"]["city"] for f in body["features"] if f["properties"]["located"] == "city"
    )
    assert cities == ["San Francisco", "Sochi", "Tokyo"]
    assert len(body["features"]) == 4, "the phone call has no place at all"


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_statements_csv_has_speaker_summit_date_url_and_offsets(loaded: TestClient) -> None:
    posted = loaded.post(
        "/articles",
        json={"id": "call-b", "url": "https://news.example/call?a=1&b=2", "text": XI_CALL},
        headers=KEY,
    )
    assert posted.status_code == 201
    response = loaded.get("/statements.csv", params={"speaker": "Xi"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="statements.csv"'
    rows = _rows(response.text)
    assert list(rows[0]) == [
        "id",
        "speaker",
        "person_id",
        "kind",
        "text",
        "summit_id",
        "summit_date",
        "article_id",
        "article_url",
        "start",
        "end",
    ]
    assert [
        (r["speaker"], r["kind"], r["text"], r["summit_date"], r["article_url"]) for r in rows
    ] == [
        ("Xi Jinping", "direct", "Those who play with fire will perish by it", "2022-07-28", ""),
        (
            "Xi Jinping",
            "direct",
            "Taiwan is the core of China's core interests",
            "2022-07-28",
            "https://news.example/call?a=1&b=2",
        ),
    ]
    assert rows[0]["summit_id"] == rows[1]["summit_id"], "the second report merged into one"
    article = loaded.get(f"/articles/{rows[1]['article_id']}").json()
    assert article["text"][int(rows[1]["start"]) : int(rows[1]["end"])] == rows[1]["text"]


def test_statements_ndjson_takes_the_list_filters_and_limit(loaded: TestClient) -> None:
    response = loaded.get("/statements.ndjson", params={"issue": "missiles", "kind": "direct"})
    assert response.headers["content-type"] == "application/x-ndjson"
    listed = loaded.get("/statements", params={"issue": "missiles", "kind": "direct"}).json()
    lines = _lines(response.text)
    assert [line["id"] for line in lines] == [s["id"] for s in listed["data"]]
    assert len(lines) == listed["count"] == 5
    assert [(line["speaker"], line["summit_date"]) for line in lines] == [
        ("Fumio Kishida", "2022"),
        ("Fumio Kishida", "2022"),
        ("Fumio Kishida", "2023-11-16"),
        ("Fumio Kishida", "2023-11-16"),
        ("Yoon Suk Yeol", "2023-11-16"),
    ]
    assert (lines[4]["start"], lines[4]["end"], lines[4]["article_url"]) == (1222, 1320, None)
    first = loaded.get("/statements.ndjson?limit=1").text
    assert _lines(first) == [lines[0]]
    assert loaded.get("/statements.csv?q=%22%22").status_code == 422
    assert loaded.get("/statements.ndjson?limit=0").status_code == 422


def test_people_csv_and_ndjson(loaded: TestClient) -> None:
    response = loaded.get("/people.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = _rows(response.text)
    assert [(r["name"], r["country"], r["summit_count"]) for r in rows] == [
        ("Fumio Kishida", "JP", "2"),
        ("Joe Biden", "US", "2"),
        ("Recep Tayyip Erdoğan", "TR", "1"),
        ("Vladimir Putin", "RU", "1"),
        ("Xi Jinping", "CN", "1"),
        ("Yoon Suk Yeol", "KR", "1"),
    ]
    assert rows[0]["aliases"] == "Kishida; Kishida Fumio"
    assert rows[1]["wikidata_id"] == "Q6279"
    (kishida,) = _lines(loaded.get("/people.ndjson?country=jp").text)
    assert kishida == {**loaded.get("/people?country=JP").json()["data"][0]}
    assert _lines(loaded.get("/people.ndjson?q=Putin&limit=1").text)[0]["name"] == "Vladimir Putin"
    assert [r["name"] for r in _rows(loaded.get("/people.csv?limit=2").text)] == [
        "Fumio Kishida",
        "Joe Biden",
    ]


def test_timeline_csv_and_ndjson(loaded: TestClient) -> None:
    response = loaded.get("/stats/timeline.csv?interval=year")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text.splitlines() == [
        "period,count,month_unknown",
        "2022,2,false",
        "2023,2,false",
    ]
    lines = _lines(loaded.get("/stats/timeline.ndjson?participant=Biden").text)
    assert lines == [  # the summit known only as 2022 is in no month
        {"period": "2022", "count": 1, "month_unknown": True},
        {"period": "2022-07", "count": 1, "month_unknown": False},
    ]
    assert loaded.get("/stats/timeline.csv?interval=week").status_code == 422


def test_network_edge_list_csv_and_ndjson(loaded: TestClient) -> None:
    response = loaded.get("/network.csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = _rows(response.text)
    assert [(r["source_name"], r["target_name"], r["weight"], r["first_date"]) for r in rows] == [
        ("Fumio Kishida", "Joe Biden", "1", "2022"),  # the date at its precision
        ("Fumio Kishida", "Yoon Suk Yeol", "1", "2023-11-16"),
        ("Joe Biden", "Xi Jinping", "1", "2022-07-28"),
        ("Recep Tayyip Erdoğan", "Vladimir Putin", "1", "2023-09-04"),
    ]
    graph = loaded.get("/network").json()
    assert [(int(r["source"]), int(r["target"])) for r in rows] == [
        (e["source"], e["target"]) for e in graph["edges"]
    ]
    lines = _lines(loaded.get("/network.ndjson?issue=missiles&limit=1").text)
    assert [(e["source_name"], e["target_name"]) for e in lines] == [("Fumio Kishida", "Joe Biden")]
    assert _rows(loaded.get("/network.csv?min_weight=2").text) == []
    assert loaded.get("/network.csv?min_weight=0").status_code == 422


def test_network_graphml_has_named_nodes_and_weighted_edges(loaded: TestClient) -> None:
    response = loaded.get("/network.graphml?date_from=2023-01-01")
    assert response.headers["content-type"] == "application/graphml+xml"
    root = ElementTree.fromstring(response.content)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): (k.get("for"), k.get("attr.type")) for k in root.findall("g:key", ns)}
    assert keys["weight"] == ("edge", "int")
    assert keys["country"] == ("node", "string")
    (graph,) = root.findall("g:graph", ns)
    assert graph.get("edgedefault") == "undirected"

    def values(element: ElementTree.Element) -> dict[str, str | None]:
        return {d.get("key", ""): d.text for d in element.findall("g:data", ns)}

    nodes = {n.get("id"): values(n) for n in graph.findall("g:node", ns)}
    assert sorted((v["name"], v["country"], v["summits"]) for v in nodes.values()) == [
        ("Fumio Kishida", "JP", "1"),
        ("Recep Tayyip Erdoğan", "TR", "1"),
        ("Vladimir Putin", "RU", "1"),
        ("Yoon Suk Yeol", "KR", "1"),
    ]
    edges = sorted(
        (nodes[e.get("source")]["name"], nodes[e.get("target")]["name"], values(e)["weight"])
        for e in graph.findall("g:edge", ns)
    )
    assert edges == [
        ("Fumio Kishida", "Yoon Suk Yeol", "1"),
        ("Recep Tayyip Erdoğan", "Vladimir Putin", "1"),
    ]


def test_graphml_escapes_markup_and_drops_what_xml_cannot_hold() -> None:
    person = Person(id=7, name='Tom & "Jerry" <b>\x01', country="US")
    other = Person(id=9, name="Ann", country="GB")
    first = ("2024-01-02", DatePrecision.day)
    edges = [(7, 9, 2, first, (None, None))]
    text = "".join(export.network_graphml([(person, 2), (other, 1)], edges))
    root = ElementTree.fromstring(text.encode("utf-8"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    node = root.find("g:graph/g:node[@id='p7']", ns)
    assert node is not None
    assert node.find("g:data[@key='name']", ns).text == 'Tom & "Jerry" <b>'  # type: ignore[union-attr]
    edge = root.find("g:graph/g:edge", ns)
    assert edge is not None
    assert [(d.get("key"), d.text) for d in edge] == [
        ("weight", "2"),
        ("first_date", "2024-01-02"),
        ("first_date_precision", "day"),
    ]
