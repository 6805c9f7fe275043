"""An entity the registry lacks, as a reader meets it in a real headless Chromium: the seed
article links it, its page says it is not reviewed, a search by its name finds it (over http,
Pagefind) and its page opens from disk too. The site is the seed plus the search TEST FIXTURES."""

from __future__ import annotations

import pytest

from browser import new_page, result_titles, search_site, serve, type_query  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

SEED = "articles/2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19/"
DEPARTMENT = "Department of Biomedical Sciences for Health"
PAGE = "entities/department-of-biomedical-sciences-for-health/"
HEADER = "[data-na-search=header]"


def test_the_seed_links_the_unregistered_entity_and_its_page_says_not_reviewed(chromium, search_site):
    with serve(search_site) as base:
        page, rec = new_page(chromium, width=1400)
        page.goto(base + SEED)
        link = page.locator(f"article a[title='{DEPARTMENT}']")
        assert link.count() == 1 and link.inner_text() == DEPARTMENT
        link.click()
        page.wait_for_url(base + PAGE)
        assert page.locator("article h1").first.inner_text().startswith(DEPARTMENT)
        note = page.locator("article .admonition.note")
        assert note.is_visible()
        assert note.locator(".admonition-title").inner_text() == "Not reviewed"
        assert "automatic detection" in note.inner_text()
        back = page.locator("article a[href*='articles/2020-05-17-what-china-has-done']").first
        assert back.is_visible()
        registered = page.goto(base + "entities/university-of-milan/")
        assert registered.ok and page.locator("article .admonition").count() == 0
        assert rec.external() == [] and rec.errors == []
        page.context.close()


def test_a_search_for_its_name_finds_its_page(chromium, search_site):
    with serve(search_site) as base:
        page, rec = new_page(chromium)
        page.goto(base)
        type_query(page, f"{HEADER} [data-na-search-input]", "Biomedical")
        page.wait_for_function("root => document.querySelector(root).getAttribute('data-na-search-query')"
                               " === 'Biomedical'", arg=HEADER, timeout=15000)
        titles = result_titles(page)
        assert DEPARTMENT in titles
        assert rec.external() == [] and rec.errors == []
        page.context.close()


def test_its_page_opens_from_disk(chromium, search_site):
    page, rec = new_page(chromium, width=400)
    page.goto((search_site / PAGE / "index.html").as_uri())
    assert page.locator("article .admonition.note").is_visible()
    assert page.locator("article h1").first.inner_text().startswith(DEPARTMENT)
    assert rec.errors == []
    page.context.close()
