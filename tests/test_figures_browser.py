"""The key-figures filter (overrides/assets/javascripts/figures-filter.js) in a
real Chromium, on the session's search site (the seed plus the TEST FIXTURE
search articles): choosing an entity or a unit shows only its figures, and an
article whose figures are all filtered out hides with them."""

from __future__ import annotations

import pytest

from browser import new_page, search_site, serve  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

STATE = """() => {
  const rows = [...document.querySelectorAll(".na-figures li[data-unit]")];
  const groups = [...new Set(rows.map(r => r.parentNode.closest("li")))];
  return {
    rows: rows.map(r => ({unit: r.dataset.unit, ids: r.dataset.entities.split(" "), hidden: r.hidden})),
    groups: groups.map(g => ({hidden: g.hidden, shown: g.querySelectorAll("li[data-unit]:not([hidden])").length})),
    status: document.querySelector(".na-figures-filter__status").textContent,
  };
}"""


@pytest.fixture(scope="module")
def figures_page(chromium, search_site):
    with serve(search_site) as base:
        page, rec = new_page(chromium)
        page.goto(base + "figures/")
        page.wait_for_selector(".na-figures-filter select")
        yield page, rec
        page.context.close()


def choose(page, label: str, value: str) -> dict:
    page.locator(f".na-figures-filter label:has-text('{label}') select").select_option(value)
    return page.evaluate(STATE)


def test_all_figures_show_at_first(figures_page):
    page, rec = figures_page
    state = page.evaluate(STATE)
    assert len(state["rows"]) >= 12 and not any(r["hidden"] for r in state["rows"])
    assert state["status"] == f"{len(state['rows'])} of {len(state['rows'])} figures on this page"
    assert len(state["groups"]) >= 2  # the seed and at least one fixture article
    assert rec.errors == []


def test_choosing_an_entity_shows_only_its_figures(figures_page):
    page, _ = figures_page
    options = page.locator(".na-figures-filter label:has-text('Entity') select option").evaluate_all(
        "os => os.map(o => o.value)")
    assert options[0] == "" and "world-health-organization" in options  # the legend's entities
    choose(page, "Unit", "")
    state = choose(page, "Entity", "world-health-organization")
    shown = [r for r in state["rows"] if not r["hidden"]]
    assert shown and all("world-health-organization" in r["ids"] for r in shown)
    assert all(r["hidden"] for r in state["rows"] if "world-health-organization" not in r["ids"])
    assert state["status"] == f"{len(shown)} of {len(state['rows'])} figures on this page"
    # an article with no figure about the WHO hides; one with some stays
    assert all(g["hidden"] == (g["shown"] == 0) for g in state["groups"])
    assert any(g["hidden"] for g in state["groups"])
    choose(page, "Entity", "")


def test_choosing_a_unit_shows_only_that_unit(figures_page):
    page, _ = figures_page
    state = choose(page, "Unit", "countries")
    shown = [r for r in state["rows"] if not r["hidden"]]
    assert shown and all(r["unit"] == "countries" for r in shown)
    assert all(r["hidden"] for r in state["rows"] if r["unit"] != "countries")
    state = choose(page, "Unit", "")
    assert not any(r["hidden"] for r in state["rows"])
