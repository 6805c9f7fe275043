"""When the search engine loads and which searches reach the screen, in real
Chromium on the search fixture site: the engine warms up once the page is idle
(not with Save-Data on), loading no index chunk, filter or fragment; a search
overtaken by newer keys is not shown once results of the typing are on screen."""

from __future__ import annotations

import json

import pytest

from browser import new_page, search_site, serve  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

HEADER = "[data-na-search=header]"
INPUT = f"{HEADER} [data-na-search-input]"
ENGINE_FILES = ("pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/wasm.", ".pf_meta")
CHUNKS = ("/pagefind/index/", "/pagefind/filter/", "/pagefind/fragment/")


@pytest.fixture(scope="module")
def http_base(search_site):
    with serve(search_site) as base:
        yield base


def pagefind_requests(rec) -> list[str]:
    return [r for r in rec.requests if "/pagefind/" in r]


def wait_request(page, rec, part: str, timeout_ms: int = 10000) -> None:
    """Until the page (or its worker) has asked for a file whose address holds ``part``."""
    for _ in range(timeout_ms // 50):
        if any(part in r for r in rec.requests):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"no request for {part}: {rec.requests}")


def test_over_http_the_engine_loads_once_the_page_is_idle_without_any_index_chunk(chromium, http_base):
    page, rec = new_page(chromium)
    page.goto(http_base + "about.html", wait_until="load")
    wait_request(page, rec, ".pf_meta")
    page.wait_for_timeout(300)
    loaded = pagefind_requests(rec)
    for name in ENGINE_FILES:
        assert any(name in r for r in loaded), (name, loaded)
    assert not [r for r in loaded if any(c in r for c in CHUNKS)], loaded
    assert page.evaluate("() => document.activeElement === document.body")  # no focus was needed
    page.context.close()


def test_over_http_the_warm_up_runs_one_search_for_every_page_without_loading_more(chromium, http_base,
                                                                                  search_site):
    """The warm-up's search (PagefindEngine.warm) runs at idle, gives every indexed page and loads
    no index chunk, filter or fragment: it only runs Pagefind's WebAssembly, so V8 optimises it."""
    page, rec = new_page(chromium)
    page.goto(http_base + "about.html", wait_until="load")
    wait_request(page, rec, ".pf_meta")
    warmed = page.evaluate("""async () => {
      const e = await window.newsarchiveSearchEngine();
      for (let i = 0; i < 100 && !e.warmed; i++) await new Promise(r => setTimeout(r, 50));
      if (!e.warmed) return null;
      const found = await e.warmed;
      return {pages: found.results.length, again: e.warm() === e.warmed};
    }""")
    entry = json.loads((search_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = sum(language["page_count"] for language in entry["languages"].values())
    assert warmed == {"pages": pages, "again": True}
    page.wait_for_timeout(300)
    assert not [r for r in pagefind_requests(rec) if any(c in r for c in CHUNKS)], rec.requests
    page.context.close()


def test_a_new_search_asks_for_the_top_result_data_alone_first(chromium, http_base):
    """Pagefind's worker reads fragments in the order they arrive: the top result's is asked
    for before the others, which are asked for once it has come."""
    page, rec = new_page(chromium)
    page.goto(http_base, wait_until="load")
    page.evaluate("""async () => {
      const e = await window.newsarchiveSearchEngine();
      const search = e.search.bind(e);
      window.__data = [];
      e.search = (q, o) => search(q, o).then(found => {
        found.results.forEach((r, i) => {
          const data = r.data;
          r.data = () => { window.__data.push('ask ' + i); return data().then(d => { window.__data.push('got ' + i); return d; }); };
        });
        return found;
      });
    }""")
    page.click(INPUT)
    page.locator(INPUT).press_sequentially("lighthouse", delay=20)  # two fixture articles, and more
    page.wait_for_function(
        "() => document.querySelector('[data-na-search=header]').getAttribute('data-na-search-query') === 'lighthouse'")
    log = page.evaluate("() => window.__data")
    assert log[:2] == ["ask 0", "got 0"], log
    assert "ask 1" in log, log  # the rest follow, for a query with more than one result
    page.context.close()


def test_with_save_data_on_the_engine_waits_for_the_search_box(chromium, http_base):
    page, rec = new_page(chromium)
    page.add_init_script("Object.defineProperty(navigator, 'connection', {value: {saveData: true}})")
    page.goto(http_base + "about.html", wait_until="load")
    page.wait_for_timeout(1500)
    assert pagefind_requests(rec) == []
    page.focus(INPUT)
    wait_request(page, rec, ".pf_meta")
    assert any("pagefind-worker.js" in r for r in pagefind_requests(rec))
    page.context.close()


def test_from_disk_the_warm_up_loads_only_the_offline_index_meta(chromium, search_site):
    page, rec = new_page(chromium)
    page.goto((search_site / "about.html").as_uri(), wait_until="load")
    wait_request(page, rec, "search-offline/meta.js")
    page.wait_for_timeout(300)
    offline = [r for r in rec.requests if "/search-offline/" in r]
    assert [r.rsplit("/search-offline/", 1)[1] for r in offline] == ["meta.js"]
    assert not [r for r in rec.requests if "/pagefind/" in r]
    page.context.close()


SLOW_ENGINE = """async (ms) => {
  const e = await window.newsarchiveSearchEngine();
  const search = e.search.bind(e);
  e.search = (q, o) => q.trim().length < 2 ? search(q, o)  // one letter: answered at once, as ever
    : new Promise(r => setTimeout(r, ms)).then(() => search(q, o));
  window.__shown = [];
  const root = document.querySelector('[data-na-search=header]');
  new MutationObserver(() => window.__shown.push(root.getAttribute('data-na-search-query')))
    .observe(root, {attributes: true, attributeFilter: ['data-na-search-query']});
}"""


def shown_queries(page, until: str) -> list[str]:
    page.wait_for_function("q => window.__shown.includes(q)", arg=until, timeout=15000)
    page.wait_for_timeout(400)
    return page.evaluate("() => window.__shown")


@pytest.mark.parametrize("where", ["http", "file"])
def test_a_search_overtaken_by_newer_keys_is_not_shown_once_results_are(chromium, http_base, search_site, where):
    page, rec = new_page(chromium)
    page.goto(http_base if where == "http" else (search_site / "index.html").as_uri(), wait_until="load")
    page.evaluate(SLOW_ENGINE, 300)  # each search takes 300 ms more: the next keys come meanwhile
    page.click(INPUT)
    page.locator(INPUT).press_sequentially("gl", delay=20)
    assert shown_queries(page, "gl") == ["gl"]  # the first results show while the reader types
    page.locator(INPUT).press_sequentially("immerfish", delay=20)
    # "gli" started at once; the keys after it overtook it, so its results never showed
    assert shown_queries(page, "glimmerfish") == ["gl", "glimmerfish"]
    assert page.locator(f"{HEADER} .md-search-result__item").count() >= 1
    page.context.close()


@pytest.mark.parametrize("where", ["http", "file"])
def test_the_first_search_while_nothing_is_shown_goes_on_screen_though_overtaken(chromium, http_base,
                                                                                 search_site, where):
    page, rec = new_page(chromium)
    page.goto(http_base if where == "http" else (search_site / "index.html").as_uri(), wait_until="load")
    page.evaluate(SLOW_ENGINE, 300)
    page.click(INPUT)
    page.locator(INPUT).press_sequentially("glimmer", delay=20)  # all typed while "gl" is searched
    assert shown_queries(page, "glimmer") == ["gl", "glimmer"]
    page.context.close()
