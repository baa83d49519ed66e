"""The explorer in a real browser (#15): headless Chromium from Debian, driven by
Playwright, against uvicorn serving a seeded SQLite file.

Skipped when Chromium or Playwright is missing; ``REQUIRE_BROWSER=1`` (set by CI) makes
that a failure instead. Playwright's own browser download is never used.
"""

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Route,
    expect,
    sync_playwright,
)

from app.config import Settings
from app.db import make_engine
from app.loader import load_articles
from tests.factories import OSAKA, SEOUL, write

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# what the pages must live with: nothing inline, nothing from another host
STRICT_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
WAIT_MS = 10_000
MAX_TABS = 30  # more than the page has before the form ends
PHONE = {"width": 375, "height": 740}
# the page's cumulative layout shift so far (buffered entries, read after a moment)
LAYOUT_SHIFT_JS = """() => new Promise(done => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 300);
})"""

# where tests save a screenshot of each page (CI keeps the folder as an artefact)
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")

# one file of seeds on SQLite is enough here; tests/api/test_explore.py covers both databases
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; skipped (or failed under REQUIRE_BROWSER) without it."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"REQUIRE_BROWSER is set but {reason}")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# A page, the URLs it requested and the errors its console reported.
@dataclass
class Tab:
    page: Page
    requested: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def record(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture
def tab(browser: Browser, server: str) -> Iterator[Tab]:
    """A fresh page whose HTML comes with a strict CSP, recording every request and every
    console error, so tests can assert the pages stayed on the server and broke no rule."""
    context = browser.new_context(base_url=server)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    tab = Tab(page)
    page.on("request", lambda request: tab.requested.append(request.url))
    page.on("console", tab.record)

    def with_csp(route: Route) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": STRICT_CSP}
        )

    context.route("**/explore**", with_csp)
    yield tab
    context.close()


def _row_people(page: Page) -> list[str]:
    cells = page.locator("table.summits tbody tr td:nth-child(2)").all_inner_texts()
    return [" ".join(cell.split()) for cell in cells]


def test_typing_a_participant_suggests_and_filters(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto("/explore")
    expect(page.locator("#count")).to_have_text("2 summits, showing 1–2")
    field = page.get_by_label("Participant")
    field.press_sequentially("yoo")
    suggestion = page.locator("#participant-suggestions option")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_attribute("value", "Yoon Suk Yeol")
    field.fill("Yoon")
    field.press("Enter")
    page.wait_for_url("**/explore?participant=Yoon*")
    expect(page.locator("#count")).to_have_text("1 summit, showing 1–1")
    assert _row_people(page) == ["Fumio Kishida (JP) Yoon Suk Yeol (KR)"]
    assert {urlsplit(url).netloc for url in tab.requested} == {urlsplit(server).netloc}
    assert tab.errors == []  # the CSP refused nothing


def test_a_row_leads_to_the_summit_and_its_marked_evidence(tab: Tab) -> None:
    page = tab.page
    page.goto("/explore?participant=Yoon")
    page.locator("table.summits tbody tr").first.get_by_role("link", name="2023-11-16").click()
    page.wait_for_url("**/explore/summits/*")
    expect(page.locator("h1")).to_have_text("Fumio Kishida – Yoon Suk Yeol")
    expect(page.locator("div.text mark.ev-participant")).to_have_text(
        ["Fumio Kishida", "Yoon Suk Yeol"]
    )
    expect(page.locator("div.text mark.ev-location")).to_have_text(["San Francisco"])
    expect(page.locator("div.text mark.ev-quote")).to_have_count(3)
    assert tab.errors == []


def test_the_filter_form_is_reachable_by_keyboard(tab: Tab) -> None:
    page = tab.page
    page.goto("/explore")
    reached: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.id || e.textContent.trim(), getComputedStyle(e).outlineStyle]; }"
        )
        reached.append(focused[0])
        assert focused[1] == "solid", f"{focused[0]} shows no focus ring"
        if focused[0] == "Apply":
            break
    assert reached[reached.index("Skip to content") :] == [
        "Skip to content",
        "Summits",
        "Browse",
        "Map",
        "Timeline",
        "Network",
        "API",
        "f-participant",
        "f-country",
        "f-issue",
        "f-about",
        "f-year",
        "f-format",
        "f-kind",
        "f-q",
        "f-sort",
        "Apply",
    ]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type("nuclear")
    page.keyboard.press("Enter")
    page.wait_for_url("**/explore?*q=nuclear*")


def test_a_phone_sees_the_list_without_sideways_scrolling(browser: Browser, server: str) -> None:
    context = browser.new_context(base_url=server, viewport=PHONE)
    tab = context.new_page()
    tab.goto("/explore")
    widest = tab.evaluate(
        "() => Math.max(...[...document.querySelectorAll('main *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    scroll = tab.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert widest <= PHONE["width"] and scroll == PHONE["width"]


def test_the_map_draws_offline_and_a_dot_opens_its_summits(tab: Tab, server: str) -> None:
    page = tab.page
    page.goto("/explore/map")
    expect(page.locator("figure.map circle")).to_have_count(2)
    assert f"{server}/explore/static/world.svg" in tab.requested
    box = page.locator("figure.map svg").bounding_box()
    assert box is not None and round(box["width"] / box["height"]) == 2
    page.locator("figure.map a").filter(has=page.locator("title", has_text="Tokyo")).click()
    page.wait_for_url("**/explore?location=Tokyo")
    expect(page.locator("#count")).to_have_text("1 summit, showing 1–1")
    assert {urlsplit(url).netloc for url in tab.requested} == {urlsplit(server).netloc}
    assert tab.errors == []


def test_the_network_links_a_pair_to_its_summits(tab: Tab) -> None:
    page = tab.page
    page.goto("/explore")
    page.get_by_role("navigation", name="Site").get_by_role("link", name="Network").click()
    page.wait_for_url("**/explore/network")
    expect(page.locator("figure.network line")).to_have_count(2)
    page.locator("figure.network a").filter(has=page.locator("line")).filter(
        has_text="Yoon"
    ).click()
    page.wait_for_url("**/explore?participant=Fumio+Kishida&participant=Yoon+Suk+Yeol")
    expect(page.locator("#count")).to_have_text("1 summit, showing 1–1")
    assert tab.errors == []


@pytest.mark.parametrize(
    "path", ["/explore", "/explore/map", "/explore/timeline", "/explore/people/1"]
)
def test_pages_do_not_shift_while_loading(tab: Tab, path: str) -> None:
    """Everything is in the HTML and every drawing has its size, so nothing moves."""
    page = tab.page
    page.goto(path, wait_until="load")
    shift = page.evaluate(LAYOUT_SHIFT_JS)
    assert shift == 0


@pytest.fixture
def more_summits(database_url: str, tmp_path: Path) -> None:
    """Osaka and Seoul stored before the server starts (and loads the seeds)."""
    engine = make_engine(Settings(database_url=database_url).database_url)
    paths = [write(tmp_path, "osaka.txt", OSAKA), write(tmp_path, "seoul.txt", SEOUL)]
    assert load_articles(engine=engine, paths=paths, max_bytes=1_000_000).new == 2
    engine.dispose()


@pytest.fixture
def crowded(more_summits: None, tab: Tab) -> Tab:
    """A tab on a server holding the seeds, Osaka and Seoul."""
    return tab


def _markers(page: Page) -> list[str]:
    """Each marker on the map: its count and, for a city, its name ("2" for a cluster)."""
    return page.locator("figure.map g.markers a").evaluate_all(
        "links => links.map(a => a.classList.contains('cluster')"
        " ? 'cluster ' + a.dataset.count : a.dataset.first + ' ' + a.dataset.count)"
    )


def test_the_map_merges_nearby_cities_and_a_zoom_splits_them(crowded: Tab, server: str) -> None:
    page = crowded.page
    page.goto("/explore/map")
    markers = page.locator("figure.map g.markers a")
    expect(markers).to_have_count(3)
    assert _markers(page) == [
        "cluster 2",
        "San Francisco, United States 1",
        "Seoul, South Korea 1",
    ]
    expect(page.locator("a.cluster text")).to_have_text("2")
    page.locator("a.cluster").click()
    panel = page.locator(".map-panel")
    expect(panel.locator("li")).to_have_text(["Osaka, Japan 1", "Tokyo, Japan 1"])
    assert panel.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "/explore?location=Osaka",
        "/explore?location=Tokyo",
    ]
    panel.get_by_role("button", name="Zoom to these").click()
    expect(markers).to_have_count(4)
    assert page.locator("a.cluster").count() == 0
    assert float(page.locator("figure.map").get_attribute("data-zoom") or 0) > 40
    assert page.url.startswith(f"{server}/explore/map#map=42.9")
    view = page.locator("figure.map svg").get_attribute("viewBox")
    page.reload()  # a shared link opens the same view
    expect(markers).to_have_count(4)
    assert page.locator("figure.map svg").get_attribute("viewBox") == view
    page.get_by_role("button", name="Osaka, Japan: 1").count()  # singles stay links
    page.locator("a.marker").filter(has=page.locator("title", has_text="Osaka")).click()
    page.wait_for_url("**/explore?location=Osaka")
    expect(page.locator("#count")).to_have_text("1 summit, showing 1–1")
    assert {urlsplit(url).netloc for url in crowded.requested} == {urlsplit(server).netloc}
    assert crowded.errors == []


def test_the_map_zooms_and_pans_by_buttons_keys_wheel_and_drag(crowded: Tab) -> None:
    page = crowded.page
    page.goto("/explore/map")
    svg = page.locator("figure.map svg")
    expect(svg).to_have_attribute("viewBox", "-180 -90 360 180")
    page.get_by_role("button", name="Zoom in").click()
    expect(svg).to_have_attribute("viewBox", "-90 -45 180 90")
    svg.focus()
    page.keyboard.press("ArrowRight")  # a fifth of the view
    expect(svg).to_have_attribute("viewBox", "-54 -45 180 90")
    page.keyboard.press("+")
    expect(svg).to_have_attribute("viewBox", "-9 -22.5 90 45")
    page.keyboard.press("-")
    page.keyboard.press("0")
    expect(svg).to_have_attribute("viewBox", "-180 -90 360 180")
    expect(page.locator("figure.map g.markers a")).to_have_count(3)
    box = svg.bounding_box()
    assert box is not None
    # the wheel zooms about the pointer: Tokyo stays under it and leaves the cluster
    tokyo = page.locator("a.cluster circle").bounding_box()
    assert tokyo is not None
    page.mouse.move(tokyo["x"] + tokyo["width"] / 2, tokyo["y"] + tokyo["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, -100)
    expect(page.locator("figure.map")).to_have_attribute("data-zoom", "3.375")
    expect(page.locator("figure.map g.markers a")).to_have_count(4)
    before = svg.get_attribute("viewBox")
    page.mouse.move(box["x"] + 100, box["y"] + 100)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 150, steps=5)
    page.mouse.up()
    after = svg.get_attribute("viewBox")
    assert before and after
    moved = [float(b) - float(a) for a, b in zip(before.split(), after.split(), strict=True)]
    pixels = box["width"] / float(after.split()[2])  # screen pixels per map unit
    assert [round(m * pixels) for m in moved] == [-200, -50, 0, 0]  # the map followed the drag
    assert crowded.errors == []


def _names(people: Locator) -> list[str]:
    """The leaders' names, sorted (SVG elements have no inner text)."""
    return sorted(people.evaluate_all("links => links.map(a => a.dataset.name)"))


def test_a_leader_s_neighbourhood_lights_up_on_click_and_by_keyboard(crowded: Tab) -> None:
    page = crowded.page
    page.goto("/explore/network")
    figure = page.locator("figure.network")
    expect(figure).to_have_attribute("data-layout", "force")
    layout = figure.locator("circle").evaluate_all(
        "cs => cs.map(c => [c.getAttribute('cx'), c.getAttribute('cy')])"
    )
    page.locator("a.person", has_text="Yoon Suk Yeol").click()
    expect(figure).to_have_class("network focused")
    assert _names(figure.locator("a.person.chosen")) == ["Yoon Suk Yeol"]
    assert _names(figure.locator("a.person.near")) == ["Fumio Kishida", "Narendra Modi"]
    near_lines = figure.locator("a.pair.near title").all_text_contents()
    assert sorted(near_lines) == [
        "Fumio Kishida – Yoon Suk Yeol: 1",
        "Narendra Modi – Yoon Suk Yeol: 1",
    ]
    dimmed = figure.locator("a.person:not(.chosen):not(.near)")
    assert _names(dimmed) == ["Anthony Albanese", "Joe Biden"]
    assert dimmed.first.evaluate("e => getComputedStyle(e).opacity") == "0.15"
    panel = page.locator(".network-panel")
    expect(panel.locator("h2")).to_have_text("Yoon Suk Yeol")
    expect(panel.locator("li")).to_have_text(["Fumio Kishida 1", "Narendra Modi 1"])
    yoon = figure.locator("a.person", has_text="Yoon Suk Yeol").get_attribute("data-id")
    assert page.url.endswith(f"/explore/network#person={yoon}")
    page.reload()  # a shared link opens the same choice, in the same drawing
    expect(figure.locator("a.person.chosen")).to_have_attribute("data-name", "Yoon Suk Yeol")
    expect(panel.locator("li")).to_have_text(["Fumio Kishida 1", "Narendra Modi 1"])
    assert layout == figure.locator("circle").evaluate_all(
        "cs => cs.map(c => [c.getAttribute('cx'), c.getAttribute('cy')])"
    )
    page.keyboard.press("Escape")
    expect(figure).to_have_class("network")
    figure.locator("a.person", has_text="Joe Biden").focus()
    page.keyboard.press("Enter")
    expect(figure.locator("a.person.chosen")).to_have_attribute("data-name", "Joe Biden")
    expect(figure.locator("a.person", has_text="Joe Biden")).to_have_attribute(
        "aria-pressed", "true"
    )
    panel.get_by_role("link", name="Joe Biden's page").click()
    page.wait_for_url("**/explore/people/*")
    expect(page.locator("h1")).to_have_text("Joe Biden")
    assert crowded.errors == []


def test_a_statement_leads_to_its_words_in_the_article_and_back(tab: Tab) -> None:
    page = tab.page
    page.goto("/explore?participant=Yoon")
    page.locator("table.summits tbody tr").first.get_by_role("link", name="2023-11-16").click()
    page.wait_for_url("**/explore/summits/*")
    statement = page.locator("ol.statements li").first
    statement_id = statement.get_attribute("id") or ""
    quote = statement.locator("blockquote").inner_text()
    statement.get_by_role("link", name="in the article").click()
    target = page.locator("mark:target")
    expect(target).to_have_count(1)
    assert page.url.endswith("#quote-" + statement_id.removeprefix("statement-"))
    assert quote.startswith(target.inner_text())  # the quote opens with the marked words
    expect(target).to_be_in_viewport()
    target.get_by_role("link").click()
    expect(page.locator("li:target")).to_have_attribute("id", statement_id)
    assert page.url.endswith(f"#{statement_id}")
    assert tab.errors == []


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("list", "/explore"),
        ("summit", "/explore/summits/1"),
        ("person", "/explore/people/1"),
        ("map", "/explore/map"),
        ("timeline", "/explore/timeline"),
        ("network", "/explore/network#person=1"),
    ],
)
def test_each_page_is_saved_as_a_screenshot(
    crowded: Tab, tmp_path: Path, name: str, path: str
) -> None:
    """A picture of each page for a reviewer (SCREENSHOT_DIR, else a temporary folder)."""
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    page = crowded.page
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(path)
    expect(page.locator("h1")).not_to_be_empty()
    shot = folder / f"explore-{name}.png"
    page.screenshot(path=shot, full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert crowded.errors == []


def test_tab_reaches_the_network_s_leaders_past_its_lines(crowded: Tab) -> None:
    """The lines are links for the mouse; Tab goes from the views to the leaders (the
    pairs table below holds the same links)."""
    page = crowded.page
    page.goto("/explore/network")
    expect(page.locator("figure.network")).to_have_attribute("data-layout", "force")
    page.get_by_role("link", name="JSON").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.dataset.name")
    assert focused == page.locator("a.person").first.get_attribute("data-name")
