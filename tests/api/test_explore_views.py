"""The explorer's map and timeline (#15): the same filters as the list, drawn as SVG by
the server over a base map the app serves."""

import lxml.etree
import lxml.html
import pytest
from fastapi.testclient import TestClient

from tests.api.test_explore import HTML, page, row_dates, texts


def circles(tree: lxml.html.HtmlElement) -> list[tuple[str, str, str, str]]:
    """(title, cx, cy, link) of each city dot."""
    return [
        (texts(c, "title")[0], c.get("cx"), c.get("cy"), c.getparent().get("href"))
        for c in tree.xpath("//figure[@class='map']//circle")
    ]


def test_map_puts_each_located_city_at_its_coordinates(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/map")
    assert texts(tree, "//p[@id='count']") == ["3 summits in 3 cities with a known place · GeoJSON"]
    located = {
        s["city"]: (s["longitude"], s["latitude"])
        for s in loaded.get("/summits").json()["data"]
        if s["city"]
    }
    assert [(title, float(x), -float(y)) for title, x, y, _ in circles(tree)] == [
        (f"{city}, {country}: 1", round(located[city][0], 3), round(located[city][1], 3))
        for city, country in [
            ("San Francisco", "United States"),
            ("Sochi", "Russia"),
            ("Tokyo", "Japan"),
        ]
    ]
    assert tree.xpath("//figure[@class='map']//image/@href") == ["/explore/static/world.svg"]


def test_map_follows_the_filters_and_links_to_the_list(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/map?participant=Kishida")
    assert [(title, href) for title, _, _, href in circles(tree)] == [
        ("San Francisco, United States: 1", "/explore?participant=Kishida&location=San+Francisco"),
        ("Tokyo, Japan: 1", "/explore?participant=Kishida&location=Tokyo"),
    ]
    assert row_dates(page(loaded, "/explore?participant=Kishida&location=Tokyo")) == ["2022"]
    views = tree.xpath("//nav[@class='views']/a")
    assert [(a.text_content(), a.get("href"), a.get("aria-current")) for a in views] == [
        ("List", "/explore?participant=Kishida", None),
        ("Map", "/explore/map?participant=Kishida", "page"),
        ("Timeline", "/explore/timeline?participant=Kishida", None),
        ("Network", "/explore/network?participant=Kishida", None),
    ]
    assert tree.xpath("//p[@id='count']/a/@href") == ["/summits.geojson?participant=Kishida"]


def test_the_base_map_is_served_by_the_app(client: TestClient) -> None:
    response = client.get("/explore/static/world.svg")
    assert (response.status_code, response.headers["content-type"]) == (200, "image/svg+xml")
    svg = lxml.etree.fromstring(response.content)
    assert svg.get("viewBox") == "-180 -90 360 180"
    assert "Natural Earth" in response.text


def per_period(tree: lxml.html.HtmlElement) -> list[tuple[str, str, str | None]]:
    return [
        (texts(tr, "th")[0], texts(tr, "td[1]")[0], (tr.xpath("th/a/@href") or [None])[0])
        for tr in tree.xpath("//figure[@class='timeline']/following-sibling::div//tbody/tr")
    ]


def test_timeline_counts_per_year_with_links_to_the_list(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/timeline?format=in_person")
    assert texts(tree, "//h1") == ["Summits per year"]
    assert per_period(tree) == [
        ("2022", "1", "/explore?format=in_person&year=2022"),
        ("2023", "2", "/explore?format=in_person&year=2023"),
    ]
    assert [r.get("height") for r in tree.xpath("//rect[@class='bar']")] == ["45", "90"]


def test_timeline_of_a_year_counts_per_month(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/timeline?year=2023")
    assert texts(tree, "//h1") == ["Summits per month in 2023"]
    months = per_period(tree)
    assert len(months) == 12
    assert [m for m in months if m[1] != "0"] == [
        ("2023-09", "1", "/explore?year=2023&date_from=2023-09-01&date_to=2023-09-30"),
        ("2023-11", "1", "/explore?year=2023&date_from=2023-11-01&date_to=2023-11-30"),
    ]
    assert row_dates(page(loaded, months[8][2] or "")) == ["2023-09-04"]


def test_timeline_of_a_year_counts_its_year_only_summits_in_no_month(loaded: TestClient) -> None:
    tree = page(loaded, "/explore/timeline?year=2022")
    assert [m[:2] for m in per_period(tree) if m[1] != "0"] == [("2022-07", "1")]
    assert texts(tree, "//p[@class='month-unknown']") == [
        "1 summit of 2022 known only by its year, in no month above."
    ]


@pytest.mark.parametrize("url", ["/explore/map?participant=Nobody", "/explore/timeline?q=zzzz"])
def test_views_of_nothing_say_so(loaded: TestClient, url: str) -> None:
    assert texts(page(loaded, url), "//p[@class='empty']") != []


@pytest.mark.parametrize("url", ["/explore/map?year=x", "/explore/timeline?format=fax"])
def test_bad_filters_on_views_are_pages(loaded: TestClient, url: str) -> None:
    response = loaded.get(url, headers=HTML)
    assert (response.status_code, response.headers["content-type"]) == (
        422,
        "text/html; charset=utf-8",
    )


def test_map_markers_carry_what_zoom_and_clustering_read(loaded: TestClient) -> None:
    """map.js clusters and zooms from these attributes alone (#15); without it the dots
    stay links and the zoom buttons stay hidden."""
    tree = page(loaded, "/explore/map?participant=Kishida")
    markers = [
        (a.get("data-label"), a.get("data-count"), a.get("data-x"), a.get("data-y"))
        for a in tree.xpath("//figure[@class='map']//g[@class='markers']/a")
    ]
    assert markers == [
        (title.rsplit(": ", 1)[0], "1", cx, cy) for title, cx, cy, _ in circles(tree)
    ]
    assert [m[0] for m in markers] == ["San Francisco, United States", "Tokyo, Japan"]
    (tools,) = tree.xpath("//div[@class='map-tools']")
    assert tools.get("hidden") is not None
    assert [b.get("data-zoom") for b in tools.xpath("button")] == ["in", "out", "reset"]
    assert tree.xpath("//figure[@class='map']/@data-map") == [""]
    assert tree.xpath("//script/@src") == ["/explore/static/explore.js", "/explore/static/map.js"]
