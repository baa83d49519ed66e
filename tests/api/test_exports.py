"""Exports beyond the summit list: statements, people, the timeline and the network as
CSV, NDJSON and GraphML, and map points of summits located only by country (#12)."""

from fastapi.testclient import TestClient

KEY = {"X-API-Key": "test-key"}
# A visit to a country with no city named: located only by country.
MODI_VISIT = (
    "Macron visits India\nPublished March 14, 2024\nFrench President Emmanuel Macron held "
    "talks with Indian Prime Minister Narendra Modi during a visit to India on Tuesday on "
    "defence and trade.\n"
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
