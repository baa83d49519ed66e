"""Query parameters on every route: unknown names are 422 with a suggestion (#12)."""

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize(
    ("url", "name", "msg"),
    [
        (
            "/summits?particpant=Xi",
            "particpant",
            "unknown query parameter 'particpant'; did you mean 'participant'?",
        ),
        (
            "/summits?participants=Xi",
            "participants",
            "unknown query parameter 'participants'; did you mean 'participant'?",
        ),
        ("/people?name=Xi", "name", "unknown query parameter 'name'; did you mean 'q'?"),
        (
            "/people/1/network?date_from=2020-01-01",
            "date_from",
            "unknown query parameter 'date_from': this endpoint takes no query parameters",
        ),
        (
            "/statements?Speaker=Xi",
            "Speaker",
            "unknown query parameter 'Speaker'; did you mean 'speaker'?",
        ),
        (
            "/stats/timeline?since=2020-01-01",
            "since",
            "unknown query parameter 'since'; did you mean 'date_from'?",
        ),
        (
            "/articles?zzz=1",
            "zzz",
            "unknown query parameter 'zzz'; this endpoint takes: limit, offset",
        ),
        (
            "/summits/1?verbose=1",
            "verbose",
            "unknown query parameter 'verbose': this endpoint takes no query parameters",
        ),
        (
            "/summits.geojson?issues=trade",
            "issues",
            "unknown query parameter 'issues'; did you mean 'issue'?",
        ),
        (
            "/network?limt=5",
            "limt",
            "unknown query parameter 'limt'; did you mean 'limit'?",
        ),
        ("/health?x=", "x", "unknown query parameter 'x': this endpoint takes no query parameters"),
    ],
)
def test_unknown_parameter_is_422_with_the_nearest_valid_one(
    loaded: TestClient, url: str, name: str, msg: str
) -> None:
    response = loaded.get(url)
    assert response.status_code == 422
    assert [(e["msg"], e["type"], e["loc"]) for e in response.json()["detail"]] == [
        (msg, "extra_forbidden", ["query", name])
    ]


def test_every_operation_rejects_an_unknown_parameter(loaded: TestClient) -> None:
    schema = loaded.get("/openapi.json").json()
    checked = []
    for path, operations in schema["paths"].items():
        for method in operations:
            url = path.replace("{summit_id}", "1").replace("{person_id}", "1")
            url = url.replace("{article_id}", "1")
            response = loaded.request(method, f"{url}?bogus=1", headers={"X-API-Key": "test-key"})
            assert response.status_code == 422, (method, path)
            assert response.json()["detail"][0]["loc"] == ["query", "bogus"], (method, path)
            checked.append(f"{method.upper()} {path}")
    assert len(checked) == 25  # 16, and the 9 exports of statements, people, timeline, network


def test_every_unknown_parameter_is_reported(loaded: TestClient) -> None:
    response = loaded.get("/summits?participant=Kishida&particpant=Xi&isue=trade&particpant=Li")
    assert response.status_code == 422
    assert [(e["loc"], e["msg"]) for e in response.json()["detail"]] == [
        (
            ["query", "particpant"],
            "unknown query parameter 'particpant'; did you mean 'participant'?",
        ),
        (["query", "isue"], "unknown query parameter 'isue'; did you mean 'issue'?"),
    ]


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/summits?participant=&q=&issue=&date_from=&date_to=", 4),
        ("/summits?participant=&participant=Kishida", 2),
        ("/summits?country=&about=&location=&format=&q=%20", 4),
        ("/summits?sort=&cursor=&count=&limit=&offset=&facet=", 4),
        ("/summits.geojson?participant=&q=", 3),
        ("/stats/timeline?interval=&participant=&date_from=", 4),
        ("/network?participant=&issue=", 6),
        ("/statements?speaker=&q=&issue=&kind=&summit=", 7),
        ("/statements?speaker=+&kind=direct", 7),
        ("/people?q=&country=&limit=", 6),
        ("/articles?limit=&offset=", 5),
    ],
)
def test_blank_parameters_are_absent(loaded: TestClient, url: str, count: int) -> None:
    response = loaded.get(url)
    assert response.status_code == 200
    body = response.json()
    if "features" in body:
        found = len(body["features"])
    elif "nodes" in body:
        found = len(body["nodes"])
    elif "interval" in body:
        assert body["interval"] == "month"
        found = sum(point["count"] for point in body["data"] + body["month_unknown"])
    else:
        found = body["count"]
        assert body.get("next") is None
    assert found == count


def test_a_blank_unknown_parameter_is_still_unknown(loaded: TestClient) -> None:
    response = loaded.get("/summits?particpant=")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "particpant"]


@pytest.mark.parametrize(
    ("url", "loc", "msg"),
    [
        (
            "/summits?date_from=2020-13",
            ["query", "date_from"],
            "'2020-13' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_from=2020, date_from=2020-11 or date_from=2020-11-05",
        ),
        (
            "/network?date_to=2024-2",
            ["query", "date_to"],
            "'2024-2' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_to=2020, date_to=2020-11 or date_to=2020-11-05; did you mean date_to=2024-02?",
        ),
        (
            "/stats/timeline?date_from=2024/2/29",
            ["query", "date_from"],
            "'2024/2/29' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_from=2020, date_from=2020-11 or date_from=2020-11-05; "
            "did you mean date_from=2024-02-29?",
        ),
        (
            "/summits?date_to=2023-02-29",
            ["query", "date_to"],
            "'2023-02-29' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_to=2020, date_to=2020-11 or date_to=2020-11-05",
        ),
        (
            "/summits?date_to=0",  # pydantic alone reads a number as a Unix time (#13)
            ["query", "date_to"],
            "'0' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_to=2020, date_to=2020-11 or date_to=2020-11-05",
        ),
        (
            "/stats/timeline?date_from=1700000000",
            ["query", "date_from"],
            "'1700000000' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_from=2020, date_from=2020-11 or date_from=2020-11-05",
        ),
        (
            "/summits?date_to=yesterday",
            ["query", "date_to"],
            "'yesterday' is not a date: send YYYY, YYYY-MM or YYYY-MM-DD, such as "
            "date_to=2020, date_to=2020-11 or date_to=2020-11-05",
        ),
        (
            "/summits?country=China",
            ["query", "country", 0],
            "send an ISO 3166-1 alpha-2 code such as CN or JP, or EU, UN, NATO, ASEAN; "
            "for China send CN",
        ),
        (
            "/stats/timeline?about=south%20korean",
            ["query", "about", 0],
            "send an ISO 3166-1 alpha-2 code such as CN or JP, or EU, UN, NATO, ASEAN; "
            "for south korean send KR",
        ),
        (
            "/people?country=Japan",
            ["query", "country"],
            "send an ISO 3166-1 alpha-2 code such as CN or JP, or EU, UN, NATO, ASEAN; "
            "for Japan send JP",
        ),
        (
            "/summits?country=Narnia",
            ["query", "country", 0],
            "'Narnia' is not a country code: send an ISO 3166-1 alpha-2 code such as CN or JP, "
            "or EU, UN, NATO, ASEAN",
        ),
        (
            "/summits?format=phonecall",
            ["query", "format"],
            "'phonecall' is not one of: in_person, phone, video; did you mean 'phone'?",
        ),
        (
            "/summits?format=phone&format=csv",
            ["query", "format"],
            "format filters by how the leaders met (in_person, phone, video); for csv, ask for "
            "/summits.csv, or send Accept: text/csv",
        ),
        (
            "/summits?format=ndjson",
            ["query", "format"],
            "format filters by how the leaders met (in_person, phone, video); for ndjson, ask "
            "for /summits.ndjson, or send Accept: application/x-ndjson",
        ),
        (
            "/statements?kind=rumour",
            ["query", "kind"],
            "'rumour' is not one of: direct, reported",
        ),
    ],
)
def test_error_messages_say_what_to_send(
    loaded: TestClient, url: str, loc: list[str | int], msg: str
) -> None:
    response = loaded.get(url)
    assert response.status_code == 422
    assert [(e["loc"], e["msg"]) for e in response.json()["detail"]] == [(loc, msg)]
