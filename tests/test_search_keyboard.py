"""The header search overlay and the navigation drawer by keyboard, in a real
headless Chromium, at 1400 px (the box sits in the header) and at 400 px (the
closed box is off screen; the open overlay covers the page). Tabbing past the
box opens nothing and adds no tab stops; typing opens the overlay; tabbing out
closes it; focus never lands on something the reader cannot see."""

from __future__ import annotations

import pytest

from browser import new_page, search_site, serve  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

HEADER = "[data-na-search=header]"
SEED_TITLE = "What China has done to boost int'l cooperation against COVID-19"

#: what the focused element is, whether the reader can see it (on screen, not covered), overlay open
FOCUS = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const onScreen = r.width > 0 && r.height > 0 && x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
  const top = onScreen ? document.elementFromPoint(x, y) : null;
  // Material's palette switch is a visually hidden radio input whose label (the icon beside it) shows focus
  const palette = e.matches('input.md-option') && e.nextElementSibling && e.nextElementSibling.getBoundingClientRect().width > 0;
  const seen = palette || !!(top && (top === e || e.contains(top) || top.contains(e)));
  return {what: e.localName + '.' + String(e.className).split(' ')[0] + ' ' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 30),
          seen, open: document.getElementById('__search').checked, inBox: !!e.closest('[data-na-search=header]')};
}"""


@pytest.fixture(scope="module")
def http_base(search_site):
    with serve(search_site) as base:
        yield base


def tab(page, settle: int = 350) -> dict:
    """Press Tab; once the overlays' transitions have ended, where focus is."""
    page.keyboard.press("Tab")
    page.wait_for_timeout(settle)
    return page.evaluate(FOCUS)


def tab_to(page, predicate, limit: int = 12) -> dict:
    for _ in range(limit):
        focus = tab(page, settle=60)
        if predicate(focus):
            return focus
    raise AssertionError("never reached the element")


def tabbable_in_box(page) -> list[str]:
    """The elements of the header search that Tab can reach now."""
    return page.evaluate("""root => [...document.querySelector(root).querySelectorAll(
        'a[href], button, input, select, textarea, [tabindex]')].filter(e =>
        e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]') && !e.closest('[hidden]') &&
        e.getClientRects().length > 0).map(e => e.localName + '.' + e.className.split(' ')[0])""", HEADER)


def wait_results(page, query: str) -> None:
    page.wait_for_function("([r, q]) => document.querySelector(r).getAttribute('data-na-search-query') === q",
                           arg=[HEADER, query], timeout=15000)


def test_tabbing_past_the_header_box_opens_nothing_and_adds_no_stops(chromium, http_base):
    page, rec = new_page(chromium, width=1400)
    page.goto(http_base + "about.html")
    focus = tab_to(page, lambda f: f["inBox"])
    assert focus["what"].startswith("input.md-search__input") and not focus["open"]
    assert tabbable_in_box(page) == ["input.md-search__input"]  # the sort, filters, links: not while closed
    after = tab(page)
    assert not after["inBox"] and not after["open"] and after["seen"], after
    page.wait_for_timeout(300)
    assert not [r for r in rec.requests if "/pagefind/filter/" in r]  # no filter loaded by passing by
    assert rec.errors == []
    page.context.close()


@pytest.mark.parametrize("width", [1400, 400])
def test_typing_opens_the_overlay_and_tabbing_out_closes_it(chromium, http_base, width):
    page, rec = new_page(chromium, width=width)
    page.goto(http_base + "about.html")
    if width == 400:  # the closed box is off screen: the header's search button is the tab stop
        focus = tab_to(page, lambda f: f["what"].startswith("label.md-header__button Search"))
        assert focus["seen"] and not focus["open"]
        page.keyboard.press("Enter")
        page.wait_for_timeout(350)
        focus = page.evaluate(FOCUS)
        assert focus["open"] and focus["what"].startswith("input.md-search__input") and focus["seen"], focus
    else:
        focus = tab_to(page, lambda f: f["inBox"])
        assert not focus["open"]
    page.keyboard.type("tedros", delay=30)
    wait_results(page, "tedros")
    assert page.evaluate(FOCUS)["open"]
    stops = []
    for _ in range(12):
        focus = tab(page)
        if not focus["inBox"]:
            break
        assert focus["open"] and focus["seen"], focus
        stops.append(focus["what"].split(" ")[0])
    assert not focus["inBox"] and not focus["open"], focus  # focus left: the overlay closed
    assert focus["seen"], focus  # and what has focus now is in view, not under the overlay
    # sort, the Filters button, the search page link, the two results: no filter menus until asked for
    assert stops == ["select.na-search-sort", "button.na-search-filters-toggle", "a.na-search-full",
                     "a.md-search-result__link", "a.md-search-result__link"], stops
    assert rec.errors == []
    page.context.close()


@pytest.mark.parametrize("width", [1400, 400])
def test_focus_is_never_out_of_sight(chromium, http_base, width):
    """Thirty tab stops from the top of a page: every one is on screen and uncovered
    (at 400 px the closed navigation drawer and search overlay take no focus)."""
    page, rec = new_page(chromium, width=width)
    page.goto(http_base + "about.html")
    unseen = []
    for _ in range(30):
        focus = tab(page, settle=120)
        if focus["what"].startswith("body."):
            break  # past the end of the page
        if not focus["seen"]:
            page.wait_for_timeout(300)  # a transition may still be running
            focus = page.evaluate(FOCUS)
            if not focus["seen"]:
                unseen.append(focus["what"])
        assert not focus["open"], focus
    assert unseen == []
    page.context.close()


@pytest.mark.parametrize("width", [1400, 400])
def test_escape_closes_the_overlay_and_keeps_focus_in_sight(chromium, http_base, width):
    page, rec = new_page(chromium, width=width)
    page.goto(http_base + "about.html")
    page.keyboard.press("/")  # the shortcut opens the overlay with the box focused
    page.wait_for_timeout(350)
    assert page.evaluate(FOCUS)["open"]
    page.keyboard.type("cooperation", delay=30)
    wait_results(page, "cooperation")
    page.keyboard.press("ArrowDown")  # to the first result
    assert page.evaluate("() => document.activeElement.textContent").startswith(SEED_TITLE)
    page.keyboard.press("Escape")
    page.wait_for_timeout(350)
    focus = page.evaluate(FOCUS)
    assert not focus["open"] and focus["seen"], focus
    expected = "label.md-header__button Search" if width == 400 else "input.md-search__input"
    assert focus["what"].startswith(expected), focus
    assert rec.errors == []
    page.context.close()


def test_the_navigation_drawer_at_400px_by_keyboard(chromium, http_base):
    page, rec = new_page(chromium, width=400)
    page.goto(http_base + "about.html")
    assert page.evaluate("() => document.querySelector('.md-sidebar--primary').inert")  # closed: no focus inside
    focus = tab_to(page, lambda f: f["what"].startswith("label.md-header__button Navigation"))
    assert focus["seen"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    focus = page.evaluate(FOCUS)
    assert page.is_checked("#__drawer") and focus["seen"], focus
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    focus = page.evaluate(FOCUS)
    assert not page.is_checked("#__drawer") and focus["what"].startswith("label.md-header__button Navigation")
    assert rec.errors == []
    page.context.close()
