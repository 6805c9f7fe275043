"""Search in a real headless Chromium, on a site built from the seed and the
search fixtures (tests/fixtures/search/): the header box over http (Pagefind),
a filter, the full search page, the same site opened from disk (the offline
index), the packed zip unzipped and opened from disk. Every page records its
requests (none may leave 127.0.0.1 or file:) and its console errors (none)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest

from browser import new_page, result_titles, search_site, serve, type_query  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

HEADER = "[data-na-search=header]"
GLIMMER = "TEST FIXTURE: Glimmerfish counted in Marrowby bay"
MUSEUM = "TEST FIXTURE: Lighthouse museum opens in Marrowby"
KEEPERS = "TEST FIXTURE: Lighthouse keepers meet in Marrowby"
GLIMMER_PAGE = "articles/2021-09-30-test-fixture-glimmerfish-counted.html"


@pytest.fixture(scope="module")
def http_base(search_site):
    with serve(search_site) as base:
        yield base


def search(page, query: str, root: str = HEADER) -> list[str]:
    """Type ``query`` into the box in ``root`` and wait until its results are shown."""
    type_query(page, f"{root} [data-na-search-input]", query)
    page.wait_for_function("([root, q]) => document.querySelector(root).getAttribute('data-na-search-query') === q",
                           arg=[root, query], timeout=15000)
    return result_titles(page, root)


def open_filters(page, root: str = HEADER) -> None:
    """Press the header's "Filters" button; wait until its menus are built."""
    page.click(f"{root} [data-na-search-filters-toggle]")
    page.wait_for_selector(f"{root}[data-na-search-filters-ready] select.na-search-filter", timeout=15000)


def wait_counts(page, state: str, root: str = HEADER) -> None:
    """Until the filters show the counts of ``state`` (query, sort, filters as URL parameters)."""
    page.wait_for_function("([r, s]) => document.querySelector(r)?.getAttribute('data-na-search-counts') === s",
                           arg=[root, state], timeout=15000)


def assert_clean(recorder) -> None:
    assert recorder.external() == [], "requests left 127.0.0.1/file:"
    assert recorder.errors == []


def test_header_search_over_http_finds_the_article_and_opens_it(chromium, http_base):
    page, rec = new_page(chromium)
    page.goto(http_base + "about.html")
    assert search(page, "glimmerfish") == [GLIMMER]
    assert page.get_attribute(HEADER, "data-na-search-engine") == "pagefind"
    item = page.locator(f"{HEADER} .md-search-result__item").first
    assert item.locator(".na-search-result__type").inner_text().lower() == "article"
    assert "30 September 2021" in item.locator("time").inner_text()
    assert "glimmerfish" in item.locator("mark").first.inner_text().lower()  # the excerpt marks the match
    item.locator("a").click()
    page.wait_for_url(http_base + GLIMMER_PAGE)
    assert page.locator("article h1").first.inner_text().startswith(GLIMMER)
    assert_clean(rec)
    page.context.close()


def test_a_filter_narrows_the_header_results(chromium, http_base):
    page, rec = new_page(chromium)
    page.goto(http_base)
    assert sorted(search(page, "lighthouse")) == [KEEPERS, MUSEUM]
    assert page.locator(f"{HEADER} select.na-search-filter").count() == 0  # behind the Filters button
    assert not [r for r in rec.requests if "/pagefind/filter/" in r]  # and not loaded before it is pressed
    open_filters(page)
    assert [r for r in rec.requests if "/pagefind/filter/" in r]
    wait_counts(page, "q=lighthouse")
    year = page.locator(f"{HEADER} select[name=year]")
    # the counts are the query's: one lighthouse article a year, and no 2020 one to offer
    shown = year.evaluate("s => [...s.options].filter(o => !o.hidden).map(o => o.textContent)")
    assert shown == ["Any year", "2021 (1)", "2019 (1)"], shown
    year.select_option("2021")
    page.wait_for_function("root => document.querySelectorAll(root + ' .md-search-result__item').length === 1",
                           arg=HEADER)
    assert result_titles(page) == [MUSEUM]
    assert page.inner_text(f"{HEADER} [data-na-search-meta]") == "1 matching document"
    # every filter Pagefind reports is offered
    names = page.eval_on_selector_all(f"{HEADER} select.na-search-filter", "els => els.map(e => e.name)")
    assert {"agency", "year", "person", "organisation", "place"} <= set(names)
    assert_clean(rec)
    page.context.close()


def test_header_sort_by_date(chromium, http_base):
    page, rec = new_page(chromium)
    page.goto(http_base)
    search(page, "lighthouse")
    page.select_option(f"{HEADER} [data-na-search-sort]", "oldest")
    page.wait_for_function("t => document.querySelector('[data-na-search=header] h1')?.textContent === t", arg=KEEPERS)
    page.select_option(f"{HEADER} [data-na-search-sort]", "newest")
    page.wait_for_function("t => document.querySelector('[data-na-search=header] h1')?.textContent === t", arg=MUSEUM)
    assert result_titles(page) == [MUSEUM, KEEPERS]
    assert_clean(rec)
    page.context.close()


def test_header_links_to_the_full_search_page_which_runs_the_query(chromium, http_base):
    page, rec = new_page(chromium)
    page.goto(http_base)
    search(page, "lighthouse")
    open_filters(page)
    page.locator(f"{HEADER} select[name=year]").select_option("2021")
    page.wait_for_function("root => document.querySelectorAll(root + ' .md-search-result__item').length === 1",
                           arg=HEADER)
    full = page.locator(f"{HEADER} [data-na-search-full]")
    assert full.get_attribute("href") == http_base + "search.html?q=lighthouse&year=2021"
    full.click()
    page.wait_for_url(http_base + "search.html?q=lighthouse&year=2021")
    wait_rendered(page, "lighthouse")
    assert result_titles(page, PAGE) == [MUSEUM]
    assert page.is_checked(f"{PAGE} input[name=year][value='2021']")
    assert page.get_attribute(PAGE, "data-na-search-engine") == "pagefind"
    assert not [r for r in rec.requests if "pagefind-ui" in r]  # Pagefind's JS API, not its Default UI
    assert_clean(rec)
    page.context.close()


PAGE = "[data-na-search=page]"


def wait_rendered(page, query: str, root: str = PAGE) -> None:
    page.wait_for_function("([root, q]) => document.querySelector(root).getAttribute('data-na-search-query') === q",
                           arg=[root, query], timeout=15000)


def wait_titles(page, expected: list[str], root: str = PAGE) -> list[str]:
    """The result titles in ``root`` once they are ``expected`` (or what they are after 15 s)."""
    try:
        page.wait_for_function("""([root, want]) => JSON.stringify([...document.querySelectorAll(
            root + ' .md-search-result__item h1')].map(e => e.textContent)) === JSON.stringify(want)""",
                               arg=[root, expected], timeout=15000)
    except Exception:  # noqa: BLE001 - the assertion below shows what was there instead
        pass
    return result_titles(page, root)


def facets(page) -> dict[str, list[str]]:
    """Each filter group's name and its values as the page shows them (hidden ones left out)."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.na-search-facet')].map(g =>
        [g.querySelector('summary').textContent,
         [...g.querySelectorAll('li:not([hidden]) label')].map(l => l.textContent)]))""")


@pytest.mark.parametrize("where", ["http", "disk"])
def test_search_page_filters_and_sort(chromium, http_base, search_site, where):
    """Names as words, values as text with counts, any value of a filter, every filter,
    the three sorts, filters alone; the address keeps the search."""
    page, rec = new_page(chromium)
    start = http_base + "search.html" if where == "http" else (search_site / "search.html").as_uri()
    page.goto(start + "?q=lighthouse")
    wait_rendered(page, "lighthouse")
    assert page.get_attribute(PAGE, "data-na-search-engine") == ("pagefind" if where == "http" else "offline")
    wait_counts(page, "q=lighthouse", PAGE)
    shown = facets(page)
    assert {"Agency", "Year", "Person", "Organisation", "Place", "Note kind", "Type"} <= set(shown)
    # the values the query's results have, with their counts (none that would give no result)
    assert shown["Year"] == ["2021 (1)", "2019 (1)"] and shown["Agency"] == ["Xinhua (2)"], shown
    assert shown["Type"] == ["Article (2)"] and shown["Note kind"] == [], shown
    assert sorted(result_titles(page, PAGE)) == [KEEPERS, MUSEUM]
    page.check(f"{PAGE} input[name=year][value='2019']")
    assert wait_titles(page, [KEEPERS]) == [KEEPERS]
    page.check(f"{PAGE} input[name=year][value='2021']")  # either year
    assert sorted(wait_titles(page, [KEEPERS, MUSEUM])) == [KEEPERS, MUSEUM]
    page.select_option(f"{PAGE} [data-na-search-sort]", "oldest")
    assert wait_titles(page, [KEEPERS, MUSEUM]) == [KEEPERS, MUSEUM]
    page.select_option(f"{PAGE} [data-na-search-sort]", "newest")
    assert wait_titles(page, [MUSEUM, KEEPERS]) == [MUSEUM, KEEPERS]
    if where == "http":  # a file: page's address is not rewritten by every browser
        assert page.url == http_base + "search.html?q=lighthouse&sort=newest&year=2021&year=2019"
    page.uncheck(f"{PAGE} input[name=year][value='2019']")
    page.check(f"{PAGE} input[name=agency][value='Xinhua']")  # and an agency: both must hold
    assert wait_titles(page, [MUSEUM]) == [MUSEUM]
    type_query(page, f"{PAGE} [data-na-search-input]", " ")  # no words: the filters alone
    assert wait_titles(page, [GLIMMER, MUSEUM]) == [GLIMMER, MUSEUM]
    assert page.inner_text(f"{PAGE} [data-na-search-meta]") == "2 matching documents"
    assert_clean(rec)
    page.context.close()


def wait_state(page, state: str, root: str) -> None:
    """Until ``root`` shows the results of ``state`` (its query, sort and filters as URL parameters)."""
    page.wait_for_function("([root, s]) => document.querySelector(root)?.getAttribute('data-na-search-state') === s",
                           arg=[root, state], timeout=15000)


@pytest.mark.parametrize("where", ["http", "disk"])
def test_header_box_and_search_page_give_the_same_results(chromium, http_base, search_site, where):
    base = http_base if where == "http" else search_site.as_uri() + "/"
    page, rec = new_page(chromium)
    for query, year, sort in (("marrowby", "", "relevance"), ("lighthouse", "2021", "relevance"),
                              ("marrowby", "", "oldest"), ("test fixture", "2019", "newest")):
        page.goto(base + "about.html")
        search(page, query)
        if year:
            open_filters(page)
            page.locator(f"{HEADER} select[name=year]").select_option(year)
        page.select_option(f"{HEADER} [data-na-search-sort]", sort)
        state = "&".join([f"q={query.replace(' ', '+')}"] + ([f"sort={sort}"] if sort != "relevance" else [])
                         + ([f"year={year}"] if year else []))
        wait_state(page, state, HEADER)
        header = result_titles(page)
        assert header, (query, year, sort)
        page.locator(f"{HEADER} [data-na-search-full]").click()
        page.wait_for_selector(PAGE)
        wait_state(page, state, PAGE)
        assert result_titles(page, PAGE) == header, (query, year, sort)
    assert_clean(rec)
    page.context.close()


def open_from_disk_and_search(chromium, site: Path):
    page, rec = new_page(chromium)
    page.goto((site / "index.html").as_uri())
    assert search(page, "glimmerfish") == [GLIMMER]
    assert page.get_attribute(HEADER, "data-na-search-engine") == "offline"
    link = page.locator(f"{HEADER} .md-search-result__link").first
    assert link.get_attribute("href") == (site / GLIMMER_PAGE).as_uri()
    link.click()
    page.wait_for_url((site / GLIMMER_PAGE).as_uri())
    assert page.locator("article h1").first.inner_text().startswith(GLIMMER)
    return page, rec


def test_from_disk_the_header_search_uses_the_offline_index_and_opens_the_page(chromium, search_site):
    page, rec = open_from_disk_and_search(chromium, search_site)
    # and again from the article page, two folders down, with a word still being typed
    assert search(page, "lighth") in ([MUSEUM, KEEPERS], [KEEPERS, MUSEUM])
    page.select_option(f"{HEADER} [data-na-search-sort]", "newest")
    page.wait_for_function("t => document.querySelector('[data-na-search=header] h1')?.textContent === t", arg=MUSEUM)
    assert result_titles(page) == [MUSEUM, KEEPERS]
    assert search(page, "nosuchwordanywhere") == []
    assert page.inner_text(f"{HEADER} [data-na-search-meta]") == "No matching documents"
    assert_clean(rec)
    page.context.close()


def test_from_disk_the_search_page_searches_too(chromium, search_site):
    page, rec = new_page(chromium)
    page.goto((search_site / "search.html").as_uri() + "?q=lighthouse&year=2021")
    wait_rendered(page, "lighthouse")
    assert result_titles(page, PAGE) == [MUSEUM]
    assert page.is_checked(f"{PAGE} input[name=year][value='2021']")
    assert_clean(rec)
    page.context.close()


def test_without_pagefind_over_http_the_offline_index_takes_over(chromium, search_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(search_site, site, ignore=lambda d, names: ["pagefind"] if Path(d) == search_site else [])
    with serve(site) as base:
        page, rec = new_page(chromium)
        page.goto(base)
        assert search(page, "glimmerfish") == [GLIMMER]
        assert page.get_attribute(HEADER, "data-na-search-engine") == "offline"
        assert rec.external() == []
        # the only errors: the missing module (404), nothing else
        assert rec.errors and all("pagefind/pagefind.js" in e or "404" in e for e in rec.errors), rec.errors
        assert [r for r in rec.requests if "/pagefind/" in r] == [base + "pagefind/pagefind.js"]
        page.context.close()


def test_the_packed_zip_unzipped_searches_from_disk(chromium, search_site, tmp_path):
    from generator.pack import pack_site

    result = pack_site(search_site, tmp_path / "newsarchive.zip")
    with zipfile.ZipFile(result.out) as zf:
        zf.extractall(tmp_path / "unzipped")
    page, rec = open_from_disk_and_search(chromium, tmp_path / "unzipped" / "newsarchive")
    assert_clean(rec)
    page.context.close()


def test_no_external_requests_on_any_page_type(chromium, http_base, search_site):
    pages = ["", "about.html", "archive/index.html", "search.html", GLIMMER_PAGE, "404.html"]
    for rel in pages:
        page, rec = new_page(chromium)
        page.goto(http_base + rel)
        page.wait_for_load_state("networkidle")
        assert rec.external() == [], rel
        assert rec.errors == [], rel
        page.context.close()
    page, rec = new_page(chromium)
    page.goto((search_site / "about.html").as_uri())
    page.wait_for_load_state("networkidle")
    assert_clean(rec)
    page.context.close()


SEED_TITLE = "What China has done to boost int'l cooperation against COVID-19"


@pytest.mark.parametrize("where", ["http", "file"])
def test_an_article_naming_an_entity_ranks_above_the_entity_page(chromium, http_base, search_site, where):
    """Entity pages are indexed by their name, description and aliases only,
    weighed low: "tedros" finds the seed article first, then Tedros's own page,
    and nothing that only lists him (Pagefind over http, the offline index from disk)."""
    page, rec = new_page(chromium)
    page.goto(http_base if where == "http" else (search_site / "index.html").as_uri())
    titles = search(page, "tedros")
    assert page.get_attribute(HEADER, "data-na-search-engine") == ("pagefind" if where == "http" else "offline")
    assert titles == [SEED_TITLE, "Tedros Adhanom Ghebreyesus"]
    assert search(page, "cooperation")[0] == SEED_TITLE  # in its headline and its text
    assert_clean(rec)
    page.context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_excerpt_is_the_passage_that_matches(chromium, http_base, search_site, where):
    """"tedros" first comes in the seed's fifth paragraph: both engines show that passage, with
    the name marked, not the article's first paragraph (the offline index from its text/ files)."""
    page, rec = new_page(chromium)
    page.goto(http_base if where == "http" else (search_site / "index.html").as_uri())
    assert search(page, "tedros")[0] == SEED_TITLE
    teaser = page.locator(f"{HEADER} .md-search-result__item").first.locator(".md-search-result__teaser")
    assert teaser.locator("mark").all_inner_texts() == ["Tedros"]
    assert "WHO Director-General Tedros Adhanom Ghebreyesus said" in " ".join(teaser.inner_text().split())
    assert "BEIJING" not in teaser.inner_text()
    if where == "file":
        loaded = [r.rsplit("/search-offline/", 1)[1] for r in rec.requests if "/search-offline/" in r]
        texts = [r for r in loaded if r.startswith("text/")]
        assert "text/0.js" in texts, loaded  # the seed's (documents 0-7, newest first)
        assert len(texts) < len(list((search_site / "search-offline" / "text").glob("*.js"))), loaded
    assert_clean(rec)
    page.context.close()


@pytest.mark.parametrize("where", ["http", "file"])
@pytest.mark.parametrize("query", ["tedros", "cooperation"])
def test_the_search_page_puts_the_article_first(chromium, http_base, search_site, where, query):
    """The search page ranks as the header box: the seed article, which has the word in its
    text (and "cooperation" in its headline), above every page that only names or lists it."""
    page, rec = new_page(chromium)
    base = http_base if where == "http" else search_site.as_uri() + "/"
    page.goto(base + "search.html?q=" + query)
    wait_rendered(page, query)
    assert page.get_attribute(PAGE, "data-na-search-engine") == ("pagefind" if where == "http" else "offline")
    titles = result_titles(page, PAGE)
    assert titles[0] == SEED_TITLE, titles
    assert_clean(rec)
    page.context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_sorting_by_date_keeps_the_undated_pages_last(chromium, http_base, search_site, where):
    """An entity page has no date: sorted newest or oldest first it still comes, after the articles."""
    page, rec = new_page(chromium)
    base = http_base if where == "http" else search_site.as_uri() + "/"
    page.goto(base + "about.html")
    relevance = search(page, "tedros")
    assert relevance == [SEED_TITLE, "Tedros Adhanom Ghebreyesus"]
    for sort in ("newest", "oldest"):
        page.select_option(f"{HEADER} [data-na-search-sort]", sort)
        wait_state(page, f"q=tedros&sort={sort}", HEADER)
        assert result_titles(page) == relevance, sort
        assert page.inner_text(f"{HEADER} [data-na-search-meta]") == "2 matching documents"
    page.goto(base + "search.html?q=marrowby&sort=oldest")
    wait_rendered(page, "marrowby")
    titles = result_titles(page, PAGE)
    assert titles[:3] == [KEEPERS, MUSEUM, GLIMMER] and "Marrowby" in titles[3:], titles  # 2019, 2021-04, 2021-09; the place
    assert_clean(rec)
    page.context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_every_filter_value_offered_gives_the_results_it_counts(chromium, http_base, search_site, where):
    """The Type filter (and every other) offers only values the query's results have, and
    ticking one shows as many results as its count said: never "person (7)", then nothing."""
    page, rec = new_page(chromium)
    base = http_base if where == "http" else search_site.as_uri() + "/"
    page.goto(base + "search.html?q=cooperation")
    wait_rendered(page, "cooperation")
    wait_counts(page, "q=cooperation", PAGE)
    offered = page.evaluate("""() => [...document.querySelectorAll('.na-search-facet li:not([hidden]) input')].map(i =>
        [i.name, i.value, +i.closest('label').querySelector('.na-search-facet__count').textContent.slice(1, -1)])""")
    types = [value for name, value, _ in offered if name == "type"]
    assert types == ["article"], offered  # "cooperation" is in one article's text, in no entity page
    for name, value, count in offered:
        if name not in ("type", "year", "person", "note_kind"):
            continue
        box = f'{PAGE} input[name={name}][value="{value}"]'
        page.check(box)
        state = urlencode([("q", "cooperation"), (name, value)])
        wait_state(page, state, PAGE)
        shown = page.inner_text(f"{PAGE} [data-na-search-meta]")
        assert shown == ("1 matching document" if count == 1 else f"{count} matching documents"), (name, value, shown)
        page.uncheck(box)
        wait_state(page, "q=cooperation", PAGE)
    assert_clean(rec)
    page.context.close()


#: the contrast of an element's text against what is behind it (its ancestors' backgrounds, blended), WCAG formula
CONTRAST = """sel => [...document.querySelectorAll(sel)].map(e => {
  const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const blend = (fg, bg) => [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3])).concat([1]);
  const lum = c => c.slice(0, 3).map(v => (v /= 255) <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const layers = [];
  for (let n = e; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  let bg = [255, 255, 255, 1];
  for (const layer of layers.reverse()) bg = blend(layer, bg);
  const [a, b] = [lum(blend(parse(getComputedStyle(e).color), bg)), lum(bg)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_text_reads_at_4_5_to_1_also_on_a_hovered_result(chromium, http_base, scheme):
    """The result's type/date line, excerpt and marked words, in the header box and on the
    search page, light and dark palettes: Material's grey and accent-coloured marks fell to
    4.46:1 and 4.25:1 on a hovered result's tinted background (WCAG AA: 4.5:1)."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(http_base + "about.html")
    search(page, "tedros")
    for where, root in (("header", HEADER), ("page", PAGE)):
        if where == "page":
            page.goto(http_base + "search.html?q=tedros")
            wait_rendered(page, "tedros")
        for hovered in (False, True):
            if hovered:
                page.hover(f"{root} .md-search-result__link")
                page.wait_for_timeout(300)  # Material's background transition
            for part in (".na-search-result__meta time", ".md-search-result__teaser", ".md-search-result__teaser mark"):
                ratios = page.evaluate(CONTRAST, f"{root} .md-search-result__item:first-child {part}")
                assert ratios and min(ratios) >= 4.5, (scheme, where, hovered, part, ratios)
    context.close()
