"""The OpenAPI document is precise enough for typed clients (#12): one media type per
response, every always-sent field required, and a real GeoJSON schema."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from app.main import create_app

SPEC: dict[str, Any] = create_app().openapi()
REF = "#/components/schemas/"
EXPORTS = {  # an export's path suffix names its one media type
    ".csv": "text/csv",
    ".ndjson": "application/x-ndjson",
    ".geojson": "application/geo+json",
    ".graphml": "application/graphml+xml",
}
OPERATIONS = [
    pytest.param(path, method, operation, id=f"{method.upper()} {path}")
    for path, methods in SPEC["paths"].items()
    for method, operation in methods.items()
]


def _reachable(schema: Any, found: set[str]) -> set[str]:
    """Names of the component schemas a schema refers to, directly or not."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.removeprefix(REF) not in found:
            name = ref.removeprefix(REF)
            found.add(name)
            _reachable(SPEC["components"]["schemas"][name], found)
        for value in schema.values():
            _reachable(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _reachable(value, found)
    return found


RESPONSE_SCHEMAS = sorted(
    _reachable(
        [
            response.get("content", {})
            for methods in SPEC["paths"].values()
            for operation in methods.values()
            for code, response in operation["responses"].items()
            if code.startswith("2")
        ],
        set(),
    )
)


def _validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A validator for one response schema, its $refs resolved in the whole document."""
    return Draft202012Validator({**schema, "components": SPEC["components"]})


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_success_declares_one_media_type(path: str, method: str, operation: dict[str, Any]) -> None:
    for code, response in operation["responses"].items():
        if code.startswith("2"):
            suffix = "." + path.rpartition(".")[2] if "." in path else ""
            assert list(response["content"]) == [EXPORTS.get(suffix, "application/json")], code


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS)
def test_errors_are_error_out_json(path: str, method: str, operation: dict[str, Any]) -> None:
    errors = {c: r for c, r in operation["responses"].items() if c[0] in "45"}
    assert "422" in errors  # every route rejects an unknown query parameter
    for response in errors.values():
        assert response["content"] == {"application/json": {"schema": {"$ref": f"{REF}ErrorOut"}}}


@pytest.mark.parametrize("name", RESPONSE_SCHEMAS)
def test_response_schema_requires_every_field(name: str) -> None:
    schema = SPEC["components"]["schemas"][name]
    assert set(schema.get("properties", {})) == set(schema.get("required", []))


@pytest.mark.parametrize(
    ("name", "field", "nullable"),
    [
        ("SummitsPublic", "next", True),
        ("SummitsPublic", "facets", True),
        ("SummitsPublic", "count", True),
        ("SummitPublic", "date", True),
        ("SummitPublic", "participant_count", False),
        ("SummitPublic", "format", False),
        ("PersonPublic", "wikidata_id", True),
        ("PersonPublic", "summit_count", False),
        ("ArticlePublic", "status", False),
        ("SummitFeatureProperties", "city", True),
    ],
)
def test_required_field_is_nullable_only_when_it_can_be_null(
    name: str, field: str, nullable: bool
) -> None:
    schema = SPEC["components"]["schemas"][name]
    assert field in schema["required"]
    declared = schema["properties"][field]
    assert ({"type": "null"} in declared.get("anyOf", [])) is nullable


def test_geojson_schema_is_a_feature_collection_of_points() -> None:
    schemas = SPEC["components"]["schemas"]
    content = SPEC["paths"]["/summits.geojson"]["get"]["responses"]["200"]["content"]
    assert content["application/geo+json"]["schema"] == {"$ref": f"{REF}SummitFeatureCollection"}
    collection = schemas["SummitFeatureCollection"]["properties"]
    assert collection["type"]["const"] == "FeatureCollection"
    assert collection["features"]["items"] == {"$ref": f"{REF}SummitFeature"}
    feature = schemas["SummitFeature"]["properties"]
    assert feature["type"]["const"] == "Feature"
    assert feature["geometry"] == {"$ref": f"{REF}SummitPoint"}
    assert feature["properties"] == {"$ref": f"{REF}SummitFeatureProperties"}
    point = schemas["SummitPoint"]["properties"]
    assert point["type"]["const"] == "Point"
    assert point["coordinates"]["prefixItems"] == [{"type": "number"}, {"type": "number"}]
    assert (point["coordinates"]["minItems"], point["coordinates"]["maxItems"]) == (2, 2)


def test_geojson_body_validates_against_its_declared_schema(loaded: TestClient) -> None:
    response = loaded.get("/summits.geojson")
    assert response.headers["content-type"] == "application/geo+json"
    schema = SPEC["paths"]["/summits.geojson"]["get"]["responses"]["200"]["content"]
    body = response.json()
    assert list(_validator(schema["application/geo+json"]["schema"]).iter_errors(body)) == []
    assert [f["id"] for f in body["features"]] == [2, 3, 1]  # the 4th summit, a call, has no city
    assert body["features"][1] == {
        "type": "Feature",
        "id": 3,
        "geometry": {"type": "Point", "coordinates": [39.72477, 43.59699]},
        "properties": {
            "located": "city",
            "date": "2023-09-04",
            "date_precision": "day",
            "date_start": "2023-09-04",
            "date_end": "2023-09-04",
            "participants": ["Recep Tayyip Erdoğan", "Vladimir Putin"],
            "place": None,
            "city": "Sochi",
            "country": "RU",
            "format": "in_person",
            "issues": ["armed-conflict", "food-security"],
        },
    }


@pytest.mark.parametrize(
    ("url", "path", "status"),
    [
        ("/summits?facet=issue&facet=participant&limit=1", "/summits", 200),
        ("/summits?count=none", "/summits", 200),
        ("/summits/1", "/summits/{summit_id}", 200),
        ("/summits/999", "/summits/{summit_id}", 404),
        ("/statements?facet=speaker", "/statements", 200),
        ("/people", "/people", 200),
        ("/people/1", "/people/{person_id}", 200),
        ("/people/1/network", "/people/{person_id}/network", 200),
        ("/network", "/network", 200),
        ("/stats/timeline", "/stats/timeline", 200),
        ("/issues", "/issues", 200),
        ("/articles", "/articles", 200),
        ("/articles/1", "/articles/{article_id}", 200),
        ("/health", "/health", 200),
        ("/health?x=1", "/health", 422),
    ],
)
def test_json_body_validates_against_its_declared_schema(
    loaded: TestClient, url: str, path: str, status: int
) -> None:
    response = loaded.get(url)
    assert (response.status_code, response.headers["content-type"]) == (status, "application/json")
    declared = SPEC["paths"][path]["get"]["responses"][str(status)]["content"]
    schema = declared["application/json"]["schema"]
    assert list(_validator(schema).iter_errors(response.json())) == []
