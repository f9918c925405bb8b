"""The web app in real headless Chromium, over real HTTP, on the ingested sample corpus.

The journey a reader and then an editor take: search → document → entity →
graph → map → log in → accept a fact in the review queue → see it in the
fact's audit log. Each page is saved as a screenshot in test-artifacts/web/.
"""

from __future__ import annotations

import re

import pytest

from conftest import EDITOR, PASSWORD, Pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 375, "height": 812}


def test_search_to_audit_log(pages: Pages, record_property) -> None:
    page = pages.page

    # Search: ranked documents with highlighted snippets and facets.
    page.goto("/search?q=Seoul")
    first = page.locator("#results li").first
    first.wait_for()
    assert "Seoul" in first.locator("a.title").inner_text()
    assert first.locator(".snippet mark").count() >= 1
    assert page.locator("#facet-language li").count() >= 1
    pages.shot("01-search")

    # Document: mentions coloured by type; choosing a fact shows evidence and confidence.
    first.locator("a.title").click()
    page.locator(".doc-text a.mention").first.wait_for()
    assert page.locator(".doc-text a.mention.t-place").count() >= 1
    fact = page.locator("#relations button").first
    fact.hover()
    detail = page.locator("#fact-detail")
    assert detail.locator("blockquote").count() >= 1
    assert "confidence" in detail.inner_text().lower()
    assert page.locator(".doc-text .ev.active").count() >= 1
    pages.shot("02-document")

    # Entity: the page of a place mentioned in the text.
    document_path = page.url.removeprefix(pages.base_url)
    page.locator(".doc-text a.mention.t-place", has_text="Seoul").first.click()
    page.locator(f'#documents a[href="{document_path}"]').wait_for()
    assert "Seoul" in page.locator("#entity-name").inner_text()
    assert page.locator("#profile dd").count() >= 1
    page.locator("#mini-map svg, #mini-map p").first.wait_for()
    pages.shot("03-entity")

    # Graph explorer, started from the entity; first load timed from navigation start.
    page.locator("#graph-link").click()
    page.locator("body[data-graph-ready-ms]").wait_for(state="attached", timeout=15_000)
    ready_ms = int(page.evaluate("document.body.dataset.graphReadyMs"))
    assert ready_ms > 0, page.locator("#status").inner_text()
    record_property("graph_first_load_ms", ready_ms)
    print(f"\ngraph explorer first load: {ready_ms} ms")
    nodes = page.evaluate("document.querySelectorAll('#node-list li').length")
    assert nodes >= 2
    assert re.search(r"\d+ nodes, \d+ edges", page.locator("#status").inner_text())
    pages.shot("04-graph")

    # Map: an offline basemap, the API's places as markers and partnerships as lines.
    page.locator("nav[aria-label=Main] a", has_text="Map").click()
    page.locator("#map svg .country").first.wait_for()
    assert page.locator("#map svg .country").count() > 100
    answer = page.request.get("/api/v1/map").json()
    assert page.locator("#map svg .place").count() == len(answer["places"])
    assert page.locator("#map svg .partnership").count() == len(answer["lines"])
    if not answer["places"]:
        assert "No place with known coordinates" in page.locator("#status").inner_text()
    pages.shot("05-map")

    # Log in as the editor, then accept the least certain fact in the review queue.
    page.goto("/review")
    page.locator("#login-link").click()
    page.fill("#username", EDITOR)
    page.fill("#password", PASSWORD)
    page.locator("#login-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/review$"))
    item = page.locator("#queue .review-item").first
    item.wait_for()
    assert EDITOR in page.locator("#user-box").inner_text()
    pages.shot("06-review")
    item.locator("input[name=reason]").fill("checked against the source")
    item.locator("button", has_text="Accept").click()
    outcome = item.locator(".outcome")
    outcome.locator("a").wait_for()
    assert "Accepted" in outcome.inner_text()

    # The fact's page shows the acceptance in its audit log.
    outcome.locator("a").click()
    page.locator("#audit tbody tr[data-action]").first.wait_for()
    audit = page.locator("#audit tbody").inner_text()
    assert EDITOR in audit
    assert "accept" in audit.lower()
    assert "checked against the source" in audit
    assert "accepted" in page.locator("#details").inner_text().lower()
    pages.shot("07-fact-audit")


def test_dashboard_charts(pages: Pages) -> None:
    page = pages.page
    page.goto("/dashboard")
    page.locator("#chart-per_year svg").wait_for()
    stats = page.request.get("/api/v1/stats").json()
    years = page.locator("#chart-per_year tbody tr")
    assert years.count() == len(stats["per_year"]) >= 1
    assert page.locator("#chart-by_relation_type svg rect.bar").count() == len(
        stats["by_relation_type"]
    )
    assert page.locator("#recent li").count() >= 1
    pages.shot("08-dashboard")


def test_interface_language_switch(browser, web_url: str) -> None:
    """Indonesian for an Indonesian browser; the switch changes it and is remembered."""
    session = Pages(browser, web_url, locale="id-ID")
    try:
        page = session.page
        page.goto("/")
        assert page.locator("html").get_attribute("lang") == "id"
        assert page.locator("h1").inner_text() == "Cari dokumen"
        page.locator(".language-switch a", has_text="EN").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Search the documents"
        page.goto("/dashboard")
        assert page.locator("h1").inner_text() == "Dashboard"
        assert session.errors == []
    finally:
        session.close()


def test_keyboard_reaches_content_and_facts(pages: Pages) -> None:
    """The first Tab reaches the skip link; fact buttons work from the keyboard."""
    page = pages.page
    page.goto("/search?q=Seoul")
    page.locator("#results li a.title").first.click()
    page.locator("#relations button").first.wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.locator("#relations button").first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#relations button").first.get_attribute("aria-pressed") == "true"
    assert page.locator("#fact-detail blockquote").count() >= 1


@pytest.mark.parametrize(
    "path",
    [
        "/search?q=kota",
        "/documents/01-surabaya-kitakyushu",
        "/graph",
        "/map",
        "/dashboard",
        "/review",
        "/login",
    ],
)
def test_readable_on_a_phone(browser, web_url: str, path: str) -> None:
    """At 375 px nothing is wider than the screen (no sideways scrolling)."""
    session = Pages(
        browser, web_url, locale="en-GB", viewport=PHONE, is_mobile=True, has_touch=True
    )
    try:
        page = session.page
        page.goto(path)
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width}px wide on a 375-px screen"
        name = path.strip("/").replace("/", "-").split("?")[0] or "home"
        session.shot(f"phone-{name}")
        assert session.errors == []
    finally:
        session.close()
