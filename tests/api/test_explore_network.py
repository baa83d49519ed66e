"""The explorer's network (#15): who met whom among the most active leaders of the
filtered summits, drawn by the server."""

import lxml.html
import pytest
from fastapi.testclient import TestClient

from app.explore import pages
from tests.api.test_explore import page, person_id, row_people, texts


def lines(tree: lxml.html.HtmlElement) -> list[tuple[str, str, str]]:
    """(title, width, link) of each pair's line."""
    return [
        (texts(line, "title")[0], line.get("stroke-width"), line.getparent().get("href"))
        for line in tree.xpath("//figure[@class='network']//line")
    ]


def test_network_draws_every_pair_that_met(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/network")
    assert texts(tree, "//p[@id='count']") == [
        "The 6 most active of 6 leaders who met another, and 4 pairs among them · JSON"
    ]
    assert sorted(title for title, _, _ in lines(tree)) == [
        "Fumio Kishida – Joe Biden: 1",
        "Fumio Kishida – Yoon Suk Yeol: 1",
        "Joe Biden – Xi Jinping: 1",
        "Recep Tayyip Erdoğan – Vladimir Putin: 1",
    ]
    names = texts(tree, "//figure[@class='network']//text")
    # grouped by country on the circle: CN, JP, KR, RU, TR, US
    assert names == [
        "Xi Jinping",
        "Fumio Kishida",
        "Yoon Suk Yeol",
        "Vladimir Putin",
        "Recep Tayyip Erdoğan",
        "Joe Biden",
    ]


def test_a_line_opens_the_pair_s_summits(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/network?participant=Kishida")
    assert lines(tree) == [
        (
            "Fumio Kishida – Joe Biden: 1",
            "8.0",
            "/explore?participant=Fumio+Kishida&participant=Joe+Biden",
        ),
        (
            "Fumio Kishida – Yoon Suk Yeol: 1",
            "8.0",
            "/explore?participant=Fumio+Kishida&participant=Yoon+Suk+Yeol",
        ),
    ]
    assert row_people(page(loaded, lines(tree)[1][2])) == [["Fumio Kishida", "Yoon Suk Yeol"]]
    assert tree.xpath("//p[@id='count']/a/@href") == ["/network?participant=Kishida"]


def test_network_keeps_the_most_active_leaders(
    loaded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "NETWORK_PEOPLE", 2)
    tree = page(loaded, "/explore/network?participant=Biden")
    assert texts(tree, "//figure[@class='network']//text") == ["Fumio Kishida", "Joe Biden"]
    assert [title for title, _, _ in lines(tree)] == ["Fumio Kishida – Joe Biden: 1"]


def test_network_of_nobody_says_so(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/network?format=video")
    assert texts(tree, "//p[@class='empty']") == [
        "No two leaders met in the summits matching these filters."
    ]


def test_nodes_and_lines_carry_what_the_layout_and_the_neighbourhood_read(
    loaded: TestClient,
) -> None:
    """network.js lays out and highlights from these attributes alone (#15)."""
    tree = page(loaded, "/explore/network?participant=Kishida")
    ids = {
        name: str(person_id(loaded, name))
        for name in ("Fumio Kishida", "Joe Biden", "Yoon Suk Yeol")
    }
    people = [
        (a.get("data-id"), a.get("data-name"), a.get("data-count"), a.get("href"))
        for a in tree.xpath("//figure[@class='network']//a[@class='person']")
    ]
    assert people == [
        (ids[n], n, c, f"/explore/people/{ids[n]}")
        for n, c in [("Fumio Kishida", "2"), ("Yoon Suk Yeol", "1"), ("Joe Biden", "1")]
    ]
    pairs = [
        (a.get("data-a"), a.get("data-b"), a.get("data-weight"))
        for a in tree.xpath("//figure[@class='network']//a[@class='pair']")
    ]
    assert sorted(pairs) == sorted(
        [
            (*sorted((ids["Fumio Kishida"], ids[other]), key=int), "1")
            for other in ("Joe Biden", "Yoon Suk Yeol")
        ]
    )
    assert tree.xpath("//a[@class='pair']/@tabindex") == ["-1", "-1"]  # the table has them
    assert tree.xpath("//figure[@class='network']/@data-size") == [str(pages.NETWORK_SIZE)]
    assert tree.xpath("//script/@src") == [
        "/explore/static/explore.js",
        "/explore/static/network.js",
    ]
