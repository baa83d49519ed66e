"""Hostile input gets a 4xx with a reason, never a 500, on both databases (#13)."""

import base64

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from app import queries
from app.api.params import MAX_VALUES
from app.config import get_settings
from app.db import get_engine, writer
from app.main import create_app

BIG = 2**70  # beyond any SQL integer
BEYOND_INT32 = 2**40  # fits SQLite's integers, not PostgreSQL's INTEGER ids


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("params", "raw"),
    [
        ({}, f'["-date","2022-01-01",{BIG}]'),
        ({}, f'["-date","2022-01-01",{BEYOND_INT32}]'),
        ({}, '["-date","2022-01-01",true]'),
        ({}, '["-date","2022-01-01",-1]'),
        ({}, '["-date",20220101,3]'),
        ({}, '["-date","2022-01-01",3,4]'),
        ({}, '{"-date":1}'),
        ({}, "[" * 1000 + "]" * 1000),
        ({}, "[" * 20_000),
        ({"sort": "participants"}, f'["participants",{BIG},3]'),
        ({"sort": "participants"}, '["participants",true,3]'),
        ({"sort": "-duration"}, '["-duration",2.5,3]'),
        ({"sort": "relevance", "q": "trade"}, '["relevance",-5,0]'),
        ({"sort": "relevance", "q": "trade"}, f'["relevance",{BEYOND_INT32},0]'),
    ],
)
def test_forged_cursor_is_422(client: TestClient, params: dict[str, str], raw: str) -> None:
    response = client.get("/summits", params={**params, "cursor": _cursor(raw)})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "msg": "cursor is not valid for this sort",
            "type": "value_error",
            "loc": ["query", "cursor"],
        }
    ]


def test_forged_cursor_from_a_next_link_is_still_accepted(client: TestClient) -> None:
    response = client.get("/summits", params={"cursor": _cursor('["-date","2022-01-01",3]')})
    assert response.status_code == 200
    assert response.json()["data"] == []


KEY = {"X-API-Key": "test-key"}
WRITE_STEPS = 2_000_000  # rows a write counts through, well past a 0.2 s read budget


@pytest.mark.parametrize(
    ("url", "loc"),
    [
        ("/summits?location=Tok%00yo", ["query", "location"]),
        ("/summits?participant=Kishida&participant=Yo%00on", ["query", "participant", 1]),
        ("/summits.csv?q=trade%00", ["query", "q"]),
        ("/statements?speaker=%00", ["query", "speaker"]),
        ("/people?q=Bi%00den", ["query", "q"]),
    ],
)
def test_nul_in_a_text_parameter_is_422(client: TestClient, url: str, loc: list[object]) -> None:
    response = client.get(url)
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["loc"], item["type"]) == (loc, "value_error")
    assert item["msg"].endswith(
        "contains a NUL character at position " + str(url.index("%00") - url.rindex("=") - 1)
    )


def test_over_long_text_parameter_is_422(client: TestClient) -> None:
    response = client.get("/summits", params={"location": "x" * 201})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "string_too_long"


@pytest.mark.parametrize(
    ("body", "loc", "msg"),
    [
        (
            '{"text": "\\ud800 Leaders met."}',
            "text",
            "text contains a lone surrogate (U+D800) at position 0",
        ),
        ('{"html": "<p>a\\u0000b</p>"}', "html", "html contains a NUL character at position 4"),
        (
            '{"text": "Leaders met.", "url": "https://x.org/\\udfff"}',
            "url",
            "url contains a lone surrogate (U+DFFF) at position 14",
        ),
        (
            '{"text": "Leaders met.", "id": "a\\u0000"}',
            "id",
            "id contains a NUL character at position 1",
        ),
    ],
)
def test_unstorable_json_article_is_422_with_the_reason(
    client: TestClient, body: str, loc: str, msg: str
) -> None:
    response = client.post(
        "/articles", content=body, headers={**KEY, "Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"msg": msg, "type": "unprocessable_article", "loc": ["body", loc]}
    ]


@pytest.mark.parametrize(
    ("content", "filename", "form", "msg"),
    [
        (
            b"Leaders met. " * 400 + b"\x00",
            "a.txt",
            {},
            "text contains a NUL character at position 5200",
        ),
        (
            b"Leaders met.",
            "a.txt",
            {"url": "https://x.org/" + "p" * 2000},
            "url longer than 2000 characters (2014)",
        ),
        (b"Leaders met.", "n" * 1001 + ".txt", {}, "name longer than 1000 characters (1005)"),
    ],
)
def test_unstorable_upload_is_422_with_the_reason(
    client: TestClient, content: bytes, filename: str, form: dict[str, str], msg: str
) -> None:
    response = client.post(
        "/articles", files={"file": (filename, content, "text/plain")}, data=form, headers=KEY
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == msg
    assert client.get("/articles").json()["count"] == 0


TITLE_ONLY = "<html><head><title>Kishida and Yoon meet in Tokyo</title></head></html>"


def test_html_with_only_a_title_is_422_and_not_stored(client: TestClient) -> None:
    sent = client.post("/articles", json={"id": "page", "html": TITLE_ONLY}, headers=KEY)
    uploaded = client.post(
        "/articles", files={"file": ("page.html", TITLE_ONLY.encode(), "text/html")}, headers=KEY
    )
    for response in (sent, uploaded):
        assert response.status_code == 422
        assert response.json()["detail"] == [
            {
                "msg": "HTML with a <title> but no body text",
                "type": "unprocessable_article",
                "loc": ["body"],
            }
        ]
    assert client.get("/articles").json()["count"] == 0


@pytest.mark.parametrize(
    "url",
    ["/summits.csv?sort=relevance", "/summits.ndjson?sort=relevance", "/summits?sort=relevance"],
)
def test_export_with_a_bad_sort_is_422_before_streaming(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"Accept": "text/csv"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "sort=relevance needs q"


def test_exhausted_pool_is_a_json_503_with_retry_after(
    settings_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "DB_POOL_SIZE": "1",
        "DB_MAX_OVERFLOW": "0",
        "DB_POOL_TIMEOUT": "0.1",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    get_engine.cache_clear()
    with TestClient(create_app()) as client, get_engine().connect():  # holds the only connection
        response = client.get("/summits")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json()["detail"] == [
        {"msg": "the server is busy: try again shortly", "type": "server_busy", "loc": []}
    ]


@pytest.mark.parametrize("name", ["participant", "country", "issue", "about", "kind", "facet"])
def test_more_values_than_the_cap_is_422(client: TestClient, name: str) -> None:
    value = {"participant": "Biden", "country": "JP", "issue": "trade", "about": "KP"}.get(
        name, "bilateral" if name == "kind" else "issue"
    )
    response = client.get("/summits", params=[(name, value)] * (MAX_VALUES + 1))
    assert response.status_code == 422
    (item,) = response.json()["detail"]
    assert (item["loc"], item["type"]) == (["query", name], "too_long")


def test_repeated_values_give_what_one_of_each_gives(loaded: TestClient) -> None:
    once = loaded.get("/summits", params=[("country", "JP"), ("country", "US"), ("facet", "issue")])
    repeated = loaded.get(
        "/summits", params=[("country", "JP"), ("country", "US")] * 10 + [("facet", "issue")] * 20
    )
    assert repeated.json() == once.json()
    assert once.json()["count"] == 1


def test_each_filter_is_one_condition_however_many_values(engine: Engine) -> None:
    with Session(engine) as session:
        conditions = queries.summit_filters(
            session=session,
            participant=["Kishida", "Kishida"],
            country=["US", "JP", "US", "KR"],
            about=["KP", "CN", "KP"],
            issue=["trade", "trade", "missiles"],
        )
    assert len(conditions) == 4


def test_read_over_the_statement_timeout_is_503(
    settings_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not settings_env.startswith("postgres"):
        pytest.skip("a statement timeout is PostgreSQL's")
    monkeypatch.setenv("READ_TIMEOUT_SECONDS", "0.2")
    get_settings.cache_clear()
    get_engine.cache_clear()
    # another transaction holds the table, so the read waits until it is cancelled
    with TestClient(create_app()) as client, writer(get_engine()).begin() as blocker:
        blocker.execute(text("LOCK TABLE summit IN ACCESS EXCLUSIVE MODE"))
        response = client.get("/summits")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json()["detail"] == [
        {
            "msg": "the query took too long and was cancelled: narrow the filters",
            "type": "query_timeout",
            "loc": [],
        }
    ]


def test_writes_are_not_held_to_the_read_timeout(
    settings_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not settings_env.startswith("postgres"):
        pytest.skip("a statement timeout is PostgreSQL's")
    monkeypatch.setenv("READ_TIMEOUT_SECONDS", "0.05")
    get_settings.cache_clear()
    get_engine.cache_clear()
    with writer(get_engine()).begin() as connection:
        assert connection.execute(text("SELECT 1 FROM pg_sleep(0.2)")).scalar() == 1


def test_sqlite_read_over_its_budget_is_interrupted(
    settings_env: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not settings_env.startswith("sqlite"):
        pytest.skip("the progress-handler budget is SQLite's")
    monkeypatch.setenv("READ_TIMEOUT_SECONDS", "0.2")
    get_settings.cache_clear()
    get_engine.cache_clear()
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT max(x) FROM n"
    with get_engine().connect() as connection, pytest.raises(OperationalError, match="interrupted"):
        connection.execute(text(endless))
    with writer(get_engine()).connect() as connection:  # writes are not limited
        bounded = endless.replace("FROM n)", f"FROM n WHERE x < {WRITE_STEPS})")
        assert connection.execute(text(bounded)).scalar() == WRITE_STEPS
