"""The explorer's pages over HTTP (#15): the list with filters, facets, sorting, paging and
export links; a summit with its evidence marked; a person; suggestions; static files."""

import csv
import io
import re
import threading
from pathlib import Path

import lxml.html
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.explore import pages
from app.loader import load_articles
from app.main import create_app
from tests.factories import TRILATERAL, write

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}  # what a browser sends
ASSET_ATTRS = ("//script/@src", "//link/@href", "//img/@src", "//iframe/@src", "//source/@src")


def page(client: TestClient, url: str) -> lxml.html.HtmlElement:
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return lxml.html.fromstring(response.text)


def texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def row_dates(tree: lxml.html.HtmlElement) -> list[str]:
    return texts(tree, "//table[@class='summits']/tbody/tr/td[1]")


def row_people(tree: lxml.html.HtmlElement) -> list[list[str]]:
    return [texts(row, "td[2]//a") for row in tree.xpath("//table[@class='summits']/tbody/tr")]


def count_text(tree: lxml.html.HtmlElement) -> str:
    return texts(tree, "//p[@id='count']")[0]


def facet(tree: lxml.html.HtmlElement, title: str) -> list[tuple[str, str]]:
    """A facet's (label, count) pairs, as shown."""
    (section,) = tree.xpath(f"//section[@class='facet'][h2='{title}']")
    return [(texts(li, "a")[0], texts(li, "span")[0]) for li in section.xpath(".//li")]


def person_id(client: TestClient, name: str) -> int:
    (person,) = client.get("/people", params={"q": name}).json()["data"]
    return int(person["id"])


def summit_id(client: TestClient, participant: str) -> int:
    (summit,) = client.get("/summits", params={"participant": participant}).json()["data"]
    return int(summit["id"])


# ------------------------------------------------------------------ the root
def test_root_sends_a_browser_to_the_explorer(client: TestClient) -> None:
    response = client.get("/", headers=HTML, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/explore")


@pytest.mark.parametrize("accept", [None, "application/json", "*/*"])
def test_root_keeps_its_json_answer_for_clients(client: TestClient, accept: str | None) -> None:
    response = client.get("/", headers={"Accept": accept} if accept else {})
    assert response.status_code == 404
    assert response.json() == {
        "detail": [{"msg": "no such path: /", "type": "not_found", "loc": ["path"]}]
    }


# ------------------------------------------------------------------ the list
def test_list_shows_every_summit_newest_first(loaded: TestClient) -> None:
    tree = page(loaded, "/explore")
    assert count_text(tree) == "4 summits, showing 1–4"
    assert row_dates(tree) == ["2023-11-16", "2023-09-04", "2022-07-28", "2022"]
    assert row_people(tree)[1] == ["Recep Tayyip Erdoğan", "Vladimir Putin"]


def test_list_facets_count_the_filtered_summits(loaded: TestClient) -> None:
    tree = page(loaded, "/explore")
    assert facet(tree, "Country") == [
        ("Japan", "2"),
        ("United States", "2"),
        ("China", "1"),
        ("South Korea", "1"),
        ("Russia", "1"),
        ("Turkey", "1"),
    ]
    assert facet(tree, "Year") == [("2023", "2"), ("2022", "2")]
    assert facet(tree, "Format") == [("in person", "3"), ("phone", "1")]


def test_participant_filter_counts_and_lists_its_summits(loaded: TestClient) -> None:
    tree = page(loaded, "/explore?participant=Kishida")
    assert count_text(tree) == "2 summits, showing 1–2"
    assert row_people(tree) == [["Fumio Kishida", "Yoon Suk Yeol"], ["Fumio Kishida", "Joe Biden"]]
    assert facet(tree, "Participant") == [
        ("Fumio Kishida", "2"),
        ("Joe Biden", "1"),
        ("Yoon Suk Yeol", "1"),
    ]
    # the filter shows as a chip whose link removes it
    assert tree.xpath("//ul[@class='chips']//a/@href") == ["/explore"]


def test_a_facet_link_adds_its_filter(loaded: TestClient) -> None:
    tree = page(loaded, "/explore?participant=Kishida")
    (href,) = tree.xpath("//section[@class='facet'][h2='Country']//a[.='United States']/@href")
    assert href == "/explore?participant=Kishida&country=US"
    narrowed = page(loaded, href)
    assert row_people(narrowed) == [["Fumio Kishida", "Joe Biden"]]
    # the chosen value is marked and its link now removes it
    (on,) = narrowed.xpath("//section[@class='facet']//a[@aria-current='true']")
    assert (on.text_content(), on.get("href")) == ("United States", "/explore?participant=Kishida")


@pytest.mark.parametrize(
    ("query", "dates"),
    [
        ("year=2023", ["2023-11-16", "2023-09-04"]),
        ("format=phone", ["2022-07-28"]),
        ("issue=missiles", ["2023-11-16", "2022"]),
        ("country=TR", ["2023-09-04"]),
        ("about=TW", ["2022-07-28"]),
        ("kind=bilateral&sort=date", ["2022", "2022-07-28", "2023-09-04", "2023-11-16"]),
        ("q=grain", ["2023-09-04"]),
        ("participant=&country=", ["2023-11-16", "2023-09-04", "2022-07-28", "2022"]),
    ],
)
def test_filters_and_sorts_match_the_api(loaded: TestClient, query: str, dates: list[str]) -> None:
    assert row_dates(page(loaded, f"/explore?{query}")) == dates


def test_export_links_carry_the_filters(loaded: TestClient) -> None:
    tree = page(loaded, "/explore?participant=Kishida&year=2023&sort=date&page=1")
    links = dict(
        zip(
            texts(tree, "//p[@class='exports']/a"),
            tree.xpath("//p[@class='exports']/a/@href"),
            strict=True,
        )
    )
    assert links == {
        "CSV": "/summits.csv?participant=Kishida&date_from=2023-01-01&date_to=2023-12-31&sort=date",
        "NDJSON": "/summits.ndjson?participant=Kishida&date_from=2023-01-01&date_to=2023-12-31"
        "&sort=date",
        "GeoJSON": "/summits.geojson?participant=Kishida&date_from=2023-01-01&date_to=2023-12-31",
        "JSON": "/summits?participant=Kishida&date_from=2023-01-01&date_to=2023-12-31&sort=date",
    }
    exported = list(csv.DictReader(io.StringIO(loaded.get(links["CSV"]).text)))
    assert [row["date"] for row in exported] == row_dates(tree) == ["2023-11-16"]
    geojson = loaded.get(links["GeoJSON"]).json()
    assert [f["properties"]["city"] for f in geojson["features"]] == ["San Francisco"]


def test_paging_walks_the_list(loaded: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    first = page(loaded, "/explore?sort=date")
    assert count_text(first) == "4 summits, showing 1–3"
    assert texts(first, "//nav[@class='pager']") == ["Page 1 of 2 Next →"]
    (href,) = first.xpath("//nav[@class='pager']/a[@rel='next']/@href")
    assert href == "/explore?sort=date&page=2"
    second = page(loaded, href)
    assert count_text(second) == "4 summits, showing 4–4"
    assert row_dates(second) == ["2023-11-16"]
    assert second.xpath("//nav[@class='pager']/a/@href") == ["/explore?sort=date"]


def test_column_headers_sort(loaded: TestClient) -> None:
    tree = page(loaded, "/explore?country=JP")
    assert tree.xpath("//table[@class='summits']/thead//a/@href") == [
        "/explore?country=JP&sort=date",
        "/explore?country=JP&sort=participants",
    ]


def test_the_form_keeps_the_state(loaded: TestClient) -> None:
    tree = page(
        loaded, "/explore?participant=Kishida&country=JP&format=in_person&q=summit&sort=date"
    )
    hidden = [(i.get("name"), i.get("value")) for i in tree.xpath("//form//input[@type='hidden']")]
    assert hidden == [("participant", "Kishida"), ("country", "JP")]
    assert tree.xpath("//select[@name='format']/option[@selected]/@value") == ["in_person"]
    assert tree.xpath("//select[@name='sort']/option[@selected]/@value") == ["date"]
    assert tree.xpath("//input[@name='q']/@value") == ["summit"]


def test_the_form_offers_the_values_of_the_filtered_summits(loaded: TestClient) -> None:
    tree = page(loaded, "/explore?participant=Kishida")
    assert texts(tree, "//select[@name='about']/option") == [
        "any",
        "North Korea (2)",
        "China (1)",
        "Israel (1)",
        "South Korea (1)",
        "Russia (1)",
        "Ukraine (1)",
        "United States (1)",
    ]
    assert tree.xpath("//select[@name='country']/option/@value") == ["", "JP", "KR", "US"]


def test_cached_facets_follow_new_data(loaded: TestClient, engine: Engine, tmp_path: Path) -> None:
    """Facets are kept per filter set, but a stored article changes what the page shows."""
    assert facet(page(loaded, "/explore"), "Kind") == [("bilateral", "4")]
    assert facet(page(loaded, "/explore?sort=date&page=1"), "Kind") == [("bilateral", "4")]
    report = load_articles(
        engine=engine, paths=[write(tmp_path, "camp.txt", TRILATERAL)], max_bytes=1_000_000
    )
    assert report.summits == 1
    tree = page(loaded, "/explore")
    assert facet(tree, "Kind") == [("bilateral", "4"), ("trilateral", "1")]
    assert count_text(tree) == "5 summits, showing 1–5"


def test_a_count_asked_twice_at_once_runs_once(loaded: TestClient, engine: Engine) -> None:
    """A visitor who comes during the start-up warm-up waits for its facets instead of
    counting them a second time (#15: the warm-up no longer delays readiness)."""
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def compute() -> str:
        calls.append(threading.current_thread().name)
        started.set()
        release.wait(5)
        return "counted"

    def ask(results: list[str]) -> None:
        with Session(engine) as session:
            results.append(pages.cached(session, (("test", "once"),), compute))

    first: list[str] = []
    second: list[str] = []
    warm = threading.Thread(target=ask, args=(first,), name="first")
    warm.start()
    assert started.wait(5)
    visitor = threading.Thread(target=ask, args=(second,), name="second")
    visitor.start()
    visitor.join(0.3)
    assert visitor.is_alive()  # waiting for the first count, not running its own
    release.set()
    warm.join(5)
    visitor.join(5)
    assert (calls, first, second) == (["first"], ["counted"], ["counted"])


def test_start_up_counts_the_first_page_s_facets(engine: Engine, settings_env: str) -> None:
    """The warm-up runs beside the server and has stored the unfiltered facets by the time
    the app stops (which waits for it)."""
    pages._facet_cache.clear()
    with TestClient(create_app()):
        pass
    assert [key for *_, key in pages._facet_cache] == [(("facets", ""),), (("issues", ""),)]


# ------------------------------------------------------------------ a summit
def test_summit_page_marks_the_evidence_in_the_article(loaded: TestClient) -> None:
    tree = page(loaded, f"/explore/summits/{summit_id(loaded, 'Putin')}")
    assert texts(tree, "//h1") == ["Recep Tayyip Erdoğan – Vladimir Putin"]
    facts = dict(
        zip(
            texts(tree, "//dl[@class='facts']/dt"),
            texts(tree, "//dl[@class='facts']/dd"),
            strict=True,
        )
    )
    assert facts["Date"] == "2023-09-04 (known to the day)"
    assert facts["Place"] == "Sochi, Russia"
    assert facts["Format"] == "in person, bilateral"
    assert facts["Issues"] == "Armed conflict, Food security"
    assert facts["About"] == "Ukraine"
    marks = [(m.get("class"), m.text_content()) for m in tree.xpath("//div[@class='text']/mark")]
    assert marks == [
        ("ev-participant", "Vladimir Putin"),
        ("ev-participant", "Recep Tayyip Erdogan"),
        ("ev-location", "Sochi"),
        ("ev-date", "on Monday"),
        ("ev-quote", "We are open to negotiations on the grain deal"),
    ]
    assert texts(tree, "//ol[@class='statements']/li/p[@class='speaker']") == [
        "Vladimir Putin (direct) · in the article"
    ]


def test_a_source_line_lists_only_the_facts_it_has(loaded: TestClient) -> None:
    """Separators come between the facts present, so a source without a publisher does not
    open with a stray dot."""
    tree = page(loaded, f"/explore/summits/{summit_id(loaded, 'Putin')}")
    (line,) = tree.xpath("//article[@class='source']/p[contains(@class, 'source-meta')]")
    parts = [span.text_content() for span in line.xpath("./span")]
    assert parts == ["2023-09-05", "1 date, 1 place, 2 participants, 1 statement"]
    assert "·" not in line.text_content()  # the dots are drawn between spans by the stylesheet


def test_statements_and_their_marks_link_to_each_other(loaded: TestClient) -> None:
    """Each statement links to its words in the article by their span, and back (#15)."""
    summit = summit_id(loaded, "Putin")
    (statement,) = loaded.get(f"/summits/{summit}").json()["statements"]
    sid = statement["id"]
    tree = page(loaded, f"/explore/summits/{summit}")
    (item,) = tree.xpath("//ol[@class='statements']/li")
    assert (item.get("id"), item.xpath(".//a[@class='to-text']/@href")) == (
        f"statement-{sid}",
        [f"#quote-{sid}"],
    )
    (mark,) = tree.xpath(f"//div[@class='text']/mark[@id='quote-{sid}']")
    assert (mark.get("class"), mark.text_content()) == (
        "ev-quote",
        "We are open to negotiations on the grain deal",
    )
    assert mark.xpath("a/@href") == [f"#statement-{sid}"]
    assert tree.xpath("//div[@class='text']//a/@href") == [f"#statement-{sid}"]


def test_a_statement_off_the_text_says_so_and_links_nowhere(
    loaded: TestClient, engine: Engine
) -> None:
    summit = summit_id(loaded, "Putin")
    with engine.begin() as connection:
        connection.execute(
            text('UPDATE statement SET start = 0, "end" = 100000 WHERE summit_id = :s'),
            {"s": summit},
        )
    tree = page(loaded, f"/explore/summits/{summit}")
    assert texts(tree, "//ol[@class='statements']/li/p[@class='speaker']") == [
        "Vladimir Putin (direct) · not found in the article text"
    ]
    assert tree.xpath("//a[@class='to-text'] | //div[@class='text']//a | //mark[@id]") == []


def test_summit_page_lists_participants_with_roles(loaded: TestClient) -> None:
    tree = page(loaded, f"/explore/summits/{summit_id(loaded, 'Yoon')}")
    rows = [
        texts(tr, "td") for tr in tree.xpath("//section[@aria-labelledby='participants']//tbody/tr")
    ]
    assert rows == [
        ["Fumio Kishida", "Prime Minister", "Japan"],
        ["Yoon Suk Yeol", "President", "South Korea"],
    ]


def test_summit_page_escapes_stored_text(loaded: TestClient, engine: Engine) -> None:
    hostile = '<script>alert("x")</script><b onmouseover=x>'
    with engine.begin() as connection:
        connection.execute(text("UPDATE article SET title = :t"), {"t": hostile})
    response = loaded.get(f"/explore/summits/{summit_id(loaded, 'Putin')}", headers=HTML)
    assert "<script>alert" not in response.text and "<b onmouseover" not in response.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;b onmouseover=x&gt;" in response.text


def test_evidence_with_offsets_off_the_text_is_not_marked(
    loaded: TestClient, engine: Engine
) -> None:
    """A span whose text no longer sits at its offsets is left out, not mismarked."""
    summit = summit_id(loaded, "Xi")
    with engine.begin() as connection:
        connection.execute(
            text('UPDATE statement SET start = 0, "end" = 100000 WHERE summit_id = :s'),
            {"s": summit},
        )
        connection.execute(
            text(
                "UPDATE article SET text = :t WHERE id IN "
                "(SELECT article_id FROM summit_source WHERE summit_id = :s)"
            ),
            {"t": "Joe Biden and Xi Jinping spoke on Thursday.", "s": summit},
        )
    tree = page(loaded, f"/explore/summits/{summit}")
    assert tree.xpath("//div[@class='text']/mark") == []
    assert texts(tree, "//div[@class='text']") == ["Joe Biden and Xi Jinping spoke on Thursday."]


@pytest.mark.parametrize(
    ("url", "status", "messages"),
    [
        ("/explore/summits/999", 404, ["no summit with id 999"]),
        ("/explore/people/999", 404, ["no person with id 999"]),
        (
            "/explore?year=abc",
            422,
            ["year: Input should be a valid integer, unable to parse string as an integer"],
        ),
        ("/explore?q=*", 422, ["q: the search needs at least one word"]),
    ],
)
def test_errors_on_pages_are_pages(
    loaded: TestClient, url: str, status: int, messages: list[str]
) -> None:
    response = loaded.get(url, headers=HTML)
    assert (response.status_code, response.headers["content-type"]) == (
        status,
        "text/html; charset=utf-8",
    )
    assert texts(lxml.html.fromstring(response.text), "//ul[@class='errors']/li") == messages


def test_errors_stay_json_for_clients(loaded: TestClient) -> None:
    response = loaded.get("/explore/summits/999", headers={"Accept": "application/json"})
    assert (response.status_code, response.json()["detail"][0]["type"]) == (404, "not_found")


# ------------------------------------------------------------------ a person
def test_person_page_shows_meetings_and_counterparts(loaded: TestClient) -> None:
    tree = page(loaded, f"/explore/people/{person_id(loaded, 'Kishida')}")
    assert texts(tree, "//h1") == ["Fumio Kishida"]
    counterparts = [
        texts(tr, "td") for tr in tree.xpath("//section[@aria-labelledby='counterparts']//tbody/tr")
    ]
    assert counterparts == [
        ["Joe Biden", "United States", "1", "2022", "2022"],  # at the date's precision
        ["Yoon Suk Yeol", "South Korea", "1", "2023-11-16", "2023-11-16"],
    ]
    assert row_dates(tree) == ["2023-11-16", "2022"]
    per_year = [texts(tr, "*") for tr in tree.xpath("//table[caption='Summits per year']//tr")]
    assert per_year == [["2022", "1"], ["2023", "1"]]
    (link,) = tree.xpath("//section[@aria-labelledby='counterparts']//tbody/tr[1]/td[3]/a/@href")
    assert row_people(page(loaded, link)) == [["Fumio Kishida", "Joe Biden"]]


def test_person_page_lists_the_newest_summits_and_links_the_rest(
    loaded: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PERSON_ROWS", 1)
    tree = page(loaded, f"/explore/people/{person_id(loaded, 'Biden')}")
    assert row_dates(tree) == ["2022-07-28"]
    (link,) = tree.xpath("//a[starts-with(., 'All 2 summits')]")
    assert link.get("href") == "/explore?participant=Joe%20Biden"
    assert row_dates(page(loaded, link.get("href"))) == ["2022-07-28", "2022"]


# ------------------------------------------------------------------ suggestions
@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("kis", ["Fumio Kishida"]),
        ("ERDO", ["Recep Tayyip Erdoğan"]),
        ("erdoğ", ["Recep Tayyip Erdoğan"]),
        ("j", ["Joe Biden", "Xi Jinping"]),
        ("zz", []),
        ("", []),
    ],
)
def test_suggestions_start_with_what_was_typed(
    loaded: TestClient, typed: str, names: list[str]
) -> None:
    response = loaded.get("/explore/suggest", params={"q": typed})
    assert (response.status_code, response.json()) == (200, names)


# ------------------------------------------------------------------ offline and CSP-ready
@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/explore/static/explore.css", "text/css; charset=utf-8"),
        ("/explore/static/explore.js", "text/javascript; charset=utf-8"),
        ("/explore/static/map.js", "text/javascript; charset=utf-8"),
        ("/explore/static/network.js", "text/javascript; charset=utf-8"),
    ],
)
def test_static_files_are_served_by_the_app(client: TestClient, path: str, media_type: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.headers["content-type"]) == (200, media_type)
    assert not re.search(r"https?://|@import|url\(", response.text)


@pytest.mark.parametrize(
    "url", ["/explore", "/explore/summits/{summit}", "/explore/people/{person}"]
)
def test_pages_load_nothing_from_elsewhere_and_nothing_inline(loaded: TestClient, url: str) -> None:
    response = loaded.get(
        url.format(summit=summit_id(loaded, "Putin"), person=person_id(loaded, "Putin")),
        headers=HTML,
    )
    tree = lxml.html.fromstring(response.text)
    assets = [a for xpath in ASSET_ATTRS for a in tree.xpath(xpath)]
    assert assets == ["/explore/static/explore.js", "/explore/static/explore.css"]
    assert tree.xpath("//script[not(@src)] | //style | //*[@style]") == []
    assert not [name for e in tree.iter() for name in e.attrib if name.startswith("on")]


def test_pages_carry_a_policy_that_lets_their_form_submit_to_the_app(loaded: TestClient) -> None:
    policy = loaded.get("/explore", headers={"Accept": "text/html"}).headers[
        "content-security-policy"
    ]
    assert "form-action 'self'" in policy
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy  # no inline script on the explorer, so no hash
