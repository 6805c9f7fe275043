"""axe-core on the built site in a real Chromium: no serious or critical violation
(any rule axe runs by default) on each kind of page a reader opens, at 1400 px and
at 400 px, in the light and the dark palette.

The site is the session's build of the seed (the article with three notes) and the
search TEST FIXTURE articles (tests/browser.py), served over http. "search results"
is the header box after typing "tedros" (its results exist only then); "search page"
is the full search page with that query's results; "article, notes open" has every
note opened (the margin notes' "more", the markers at 400 px). axe.min.js comes from the PyPI
package axe-playwright-python (a test dependency), injected into each page.
"""

from __future__ import annotations

import pytest

from browser import axe_violations, search_site, serve, type_query  # noqa: F401 (fixtures)
from conftest import SEED_ID

pytestmark = pytest.mark.browser

SEED_PAGE = f"articles/{SEED_ID}.html"
PAGES = {
    "home": "index.html",
    "article": SEED_PAGE,
    "article, notes open": SEED_PAGE,
    "entity": "entities/tedros-adhanom-ghebreyesus/index.html",
    "timeline": "timeline/index.html",
    "key figures": "figures/index.html",
    "month archive": "archive/2020/05.html",
    "search page": "search.html?q=tedros",
    "search results": SEED_PAGE,
}
WIDTHS = (1400, 400)
PALETTES = {"light": "default", "dark": "slate"}
HEADER_INPUT = "[data-na-search=header] [data-na-search-input]"


@pytest.fixture(scope="module")
def http_base(search_site):
    with serve(search_site) as base:
        yield base


def open_page(page, base: str, what: str) -> None:
    page.goto(base + PAGES[what])
    page.wait_for_load_state("load")
    if what == "search results":
        button = page.locator(".md-header label.md-header__button[for='__search']")
        if button.is_visible():  # narrow screens: the header's search button opens the box
            button.click()
        type_query(page, HEADER_INPUT, "tedros")
        page.wait_for_selector("[data-na-search=header] .md-search-result__item", timeout=15000)
    elif what == "search page":
        page.wait_for_selector(".md-search-result__item, .pagefind-ui__result", timeout=15000)
    elif what == "article":
        assert page.locator(".na-note").count() >= 3 and page.locator("mark.na-mark").count() >= 3
    elif what == "article, notes open":  # every note whole: sources and meta lines too
        page.wait_for_selector(".na-sidenotes")
        toggles = page.locator(".na-note__more:visible")
        if toggles.count():  # wide screens: the margin notes' "more" buttons
            for i in range(toggles.count()):
                page.locator(".na-note__more[aria-expanded=false]:visible").first.click()
        else:  # narrow screens: the markers
            for marker in page.locator(".na-marker a").all():
                marker.click()
        assert page.locator(".na-note__meta:visible").count() >= 3
    page.wait_for_timeout(250)  # layout settles (margin notes, fonts)


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("what", list(PAGES))
def test_no_serious_or_critical_axe_violation(chromium, http_base, what, width, palette):
    context = chromium.new_context(color_scheme=palette, viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_page(page, http_base, what)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == PALETTES[palette]
        found = axe_violations(page, rules=None)
        assert found == [], f"{what} at {width} px, {palette}: " + "\n".join(found)
    finally:
        context.close()
