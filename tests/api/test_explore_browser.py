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
from playwright.sync_api import Browser, ConsoleMessage, Page, Route, expect, sync_playwright

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
