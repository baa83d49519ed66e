"""Search over one document per summit, ranked in the database, and facets counted from
indexes (#14): written through the write path (``store.store_summit``) and ``synth``."""

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app import store
from app.models import Article
from app.nlp.doc import Participant, Quote, SummitRecord
from app.synth import generate

FILLER = "The talks covered regional questions and the schedule of further visits."


def _store(engine: Engine, number: int, record: SummitRecord, article_text: str) -> int:
    """Store ``record`` from an article of its own holding ``article_text``; its summit id."""
    with Session(engine) as session, session.begin():
        article = Article(
            source=f"s{number}.txt",
            sha256=f"{number:064d}",
            extractor_version="t",
            text=article_text,
            raw_text=article_text,
        )
        session.add(article)
        session.flush()
        summit, _ = store.store_summit(session=session, article=article, record=record)
        assert summit.id is not None
        return summit.id


def _record(
    names: tuple[str, str], date: str, *, said: str = "Good talks.", **fields: Any
) -> SummitRecord:
    quotes = [Quote(start=0, end=len(said), text=said, speaker=names[0], kind="direct")]
    return SummitRecord(
        participants=[Participant(name=name, country=None, role=None) for name in names],
        date=date,
        statements=quotes,
        **fields,
    )


@pytest.fixture
def ranked(client: TestClient, engine: Engine) -> Iterator[tuple[TestClient, dict[str, int]]]:
    """Five summits where "wheat" appears in the summit's own fields, in a statement and
    its article, twice in the article only, once in the article only, and nowhere."""
    ids = {
        "own": _store(
            engine,
            1,
            _record(("Emmanuel Macron", "Olaf Scholz"), "2023-01-10", context="Wheat forum"),
            f"Macron met Scholz. {FILLER}",
        ),
        "statement": _store(
            engine,
            2,
            _record(
                ("Joe Biden", "Xi Jinping"),
                "2023-01-12",
                said="Our farmers grow wheat.",
                format="phone",
            ),
            f'"Our farmers grow wheat," Biden said. {FILLER}',
        ),
        "article_twice": _store(
            engine,
            3,
            _record(("Narendra Modi", "Anthony Albanese"), "2023-01-11"),
            f"Wheat prices came up, and wheat stocks. {FILLER}",
        ),
        "article_once": _store(
            engine,
            4,
            _record(("Rishi Sunak", "Giorgia Meloni"), "2023-01-13", format="phone"),
            f"Wheat prices came up, and rice stocks. {FILLER}",
        ),
        "none": _store(
            engine,
            5,
            _record(("Fumio Kishida", "Yoon Suk Yeol"), "2023-01-14", said="Rice matters."),
            f'"Rice matters," Kishida said. {FILLER}',
        ),
    }
    yield client, ids


def _ids(body: dict[str, Any]) -> list[int]:
    return [summit["id"] for summit in body["data"]]


def test_relevance_ranks_own_fields_then_statements_then_article_text(
    ranked: tuple[TestClient, dict[str, int]],
) -> None:
    client, ids = ranked
    body = client.get("/summits?q=wheat&sort=relevance").json()
    assert body["count"] == 4
    assert _ids(body) == [ids["own"], ids["statement"], ids["article_twice"], ids["article_once"]]


def test_relevance_with_another_filter_ranks_within_it(
    ranked: tuple[TestClient, dict[str, int]],
) -> None:
    client, ids = ranked
    body = client.get("/summits?q=wheat&sort=relevance&format=phone").json()
    assert (body["count"], _ids(body)) == (2, [ids["statement"], ids["article_once"]])


def test_relevance_pages_follow_the_ranking(ranked: tuple[TestClient, dict[str, int]]) -> None:
    client, ids = ranked
    first = client.get("/summits?q=wheat&sort=relevance&limit=3").json()
    second = client.get(f"/summits?q=wheat&sort=relevance&limit=3&cursor={first['next']}").json()
    assert _ids(first) == [ids["own"], ids["statement"], ids["article_twice"]]
    assert (_ids(second), second["next"]) == ([ids["article_once"]], None)


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("wheat", ["article_once", "statement", "article_twice", "own"]),  # newest first
        ("farmers", ["statement"]),  # a statement's word
        ("Scholz", ["own"]),  # a participant
        ('"Xi Jinping"', ["statement"]),
        ('"wheat forum"', ["own"]),  # the context, as a phrase
        ('"wheat stocks"', ["article_twice"]),
        ('"rice prices"', []),  # both words, not as a phrase
        ("rice prices", ["article_once"]),
        ("whe*", ["article_once", "statement", "article_twice", "own"]),
        ("rice", ["none", "article_once"]),
    ],
)
def test_the_document_holds_participants_context_statements_and_sources(
    ranked: tuple[TestClient, dict[str, int]], q: str, found: list[str]
) -> None:
    client, ids = ranked
    body = client.get("/summits", params={"q": q}).json()
    assert (body["count"], _ids(body)) == (len(found), [ids[name] for name in found])


def test_a_merged_second_article_becomes_searchable(client: TestClient, engine: Engine) -> None:
    names = ("Joe Biden", "Xi Jinping")
    first = _store(engine, 1, _record(names, "2022-11-14", said="We talked."), FILLER)
    before = [client.get("/summits", params={"q": q}).json()["count"] for q in QUERIES]
    second = _store(
        engine,
        2,
        _record(
            names,
            "2022-11-14",
            said="Barley exports must resume.",
            context="G20 summit",
            city="Nusa Dua",
            issues=["trade"],
            about=["UA"],
        ),
        f'"Barley exports must resume," Biden said of the oats harvest. {FILLER}',
    )
    assert second == first  # the same meeting: merged, not a second summit
    after = [_ids(client.get("/summits", params={"q": q}).json()) for q in QUERIES]
    assert before == [0] * len(QUERIES)
    assert after == [[first]] * len(QUERIES)
    assert client.get("/summits?q=talked").json()["count"] == 1  # the first report stays


# words only the second report brings: its statement, its article, the context, the city,
# an issue's label and a third country's name
QUERIES = ("barley", "oats", "G20", '"Nusa Dua"', "trade", "Ukraine")


@pytest.fixture
def synthetic(client: TestClient, engine: Engine) -> TestClient:
    """200 synthetic summits written by ``summits synth``'s library call."""
    generate(engine=engine, summits=200, seed=5)
    return client


def test_synth_fills_one_document_per_summit(synthetic: TestClient, engine: Engine) -> None:
    with engine.connect() as conn:
        table = "summit_fts"
        documents = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar()
        name, with_him = conn.execute(
            text(
                "SELECT p.name, count(*) FROM summit_participant sp JOIN person p"
                " ON p.id = sp.person_id GROUP BY p.name ORDER BY count(*) DESC, p.name LIMIT 1"
            )
        ).one()
    assert documents == 200
    body = synthetic.get("/summits", params={"q": f'"{name}"', "limit": 500}).json()
    assert body["count"] == with_him


FACETS = ("issue", "country", "participant", "about", "year", "format", "location", "kind")


def _expected(engine: Engine, where: str) -> dict[str, list[tuple[str, int]]]:
    """Each facet's (value, count), top 50 by count then value, counted here in Python
    from the link tables' rows for the summits ``where`` selects."""
    queries = {
        "issue": "SELECT summit_id, issue_slug FROM summit_issue",
        "country": "SELECT DISTINCT summit_id, country FROM summit_participant",
        "participant": "SELECT sp.summit_id, p.name FROM summit_participant sp"
        " JOIN person p ON p.id = sp.person_id",
        "about": "SELECT summit_id, country FROM summit_about",
        "year": "SELECT id, date FROM summit WHERE date IS NOT NULL",
        "format": "SELECT id, format FROM summit",
        "location": "SELECT id, city FROM summit WHERE city IS NOT NULL",
        "kind": "SELECT id, kind FROM summit",
        "speaker": "SELECT DISTINCT summit_id, speaker FROM statement",
    }
    with engine.connect() as conn:
        chosen = set(conn.execute(text(f"SELECT id FROM summit WHERE {where}")).scalars())
        expected = {}
        for facet, sql in queries.items():
            counts = Counter(
                str(value)[:4] if facet == "year" else str(value)
                for summit_id, value in conn.execute(text(sql))
                if summit_id in chosen
            )
            expected[facet] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:50]
    return expected


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ("", "1 = 1"),
        ("format=in_person", "format = 'in_person'"),
        (
            "country=US",
            "id IN (SELECT summit_id FROM summit_participant WHERE country = 'US')",
        ),
        (
            "issue=trade&kind=bilateral",
            "kind = 'bilateral' AND id IN"
            " (SELECT summit_id FROM summit_issue WHERE issue_slug = 'trade')",
        ),
    ],
)
def test_facets_equal_the_link_tables_counts(
    synthetic: TestClient, engine: Engine, query: str, where: str
) -> None:
    names = "&".join(f"facet={name}" for name in (*FACETS, "speaker"))
    body = synthetic.get(f"/summits?{query}&{names}&limit=1").json()
    found = {
        facet: [(v["value"], v["count"]) for v in values]
        for facet, values in body["facets"].items()
    }
    expected = _expected(engine, where)
    assert found == expected
    assert sum(count for _, count in found["format"]) == body["count"]
