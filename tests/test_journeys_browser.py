"""Readers' journeys in a real Chromium, clicked through as a reader clicks:
from disk (site/index.html), from the unzipped pack (`newsarchive pack`) and
hosted under a base path (http://127.0.0.1:PORT/some/base/, by a server that
sends 404.html for a missing address, as static hosts do).

The journey: nav -> month archive -> article -> entity (a link in the text)
-> an article on the entity page -> its related coverage -> the header search
box, typed into -> a result. Then one click on each other kind of link:
pagination next and previous, month to month, a note's links, the raw text as archived, the
home link, the data page's feeds and exports, the 404 page. Every step checks
the page reached is the one clicked for (its h1 and <title>), not a folder
listing ("Index of"), and that nothing failed to load and no script erred.
Each journey and each place is its own test.

The site: the TEST FIXTURE archive of tests/offline_site.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from browser import new_page
from offline_site import host

pytestmark = pytest.mark.browser

BRENNER = "TEST FIXTURE: Brenner visits the Ostmark coast"
YEAR_AFTER = "TEST FIXTURE: A year after, Vellan looks back"
CLINIC = "TEST FIXTURE: Vellan opens a clinic"
KALE = "TEST FIXTURE: Kale warns of a *second* wave [update] <em>"  # Markdown and HTML characters, as text
PLACES = ("disk", "pack", "http-base")


@pytest.fixture(scope="module")
def hosted(offline_site):
    with host(offline_site, "/some/base/") as base:
        yield base


@pytest.fixture(params=PLACES)
def start(request, offline_site, offline_pack, hosted) -> str:
    """The site root's address: from disk, from the unzipped pack, hosted under a base path."""
    return {"disk": offline_site.as_uri() + "/", "pack": offline_pack.as_uri() + "/",
            "http-base": hosted}[request.param]


class Reader:
    """A page in Chromium and what went wrong on it, step by step."""

    def __init__(self, chromium, root: str):
        self.root = root
        self.page, self.rec = new_page(chromium, width=1400, height=900)
        self.failed: list[str] = []  # responses of 400 and over: the site's missing files
        self.loaded: set[str] = set()
        self.page.on("response", self._response)

    def _response(self, response) -> None:
        # Chromium asks for /favicon.ico itself for a page with no icon link (a text or XML file)
        if response.ok:
            self.loaded.add(response.url)
        elif response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.failed.append(f"{response.status} {response.url}")

    def open(self, rel: str, h1: str) -> None:
        self.page.goto(self.root + rel)
        self.arrived(rel, h1)

    def click(self, locator, rel: str, h1: str, title: str | None = None) -> None:
        """Click ``locator`` (one element, visible) and check the page reached."""
        locator.scroll_into_view_if_needed()
        with self.page.expect_navigation():
            locator.click()
        self.arrived(rel, h1, title)

    def to_month_archive(self) -> None:
        """From the home page, Browse -> By month in the navigation, to the month archive."""
        self.open("index.html", "newsarchive")
        nav = self.page.locator(".md-sidebar--primary .md-nav--primary")
        nav.locator("label.md-nav__link", has_text="Browse").click()
        self.click(nav.get_by_role("link", name="By month"), "archive/index.html", "Archive")

    def search(self, query: str, h1: str, rel: str) -> None:
        """Type ``query`` into the header search box, key by key, and open the result headed ``h1``."""
        page = self.page
        box = page.locator("[data-na-search=header] input[name=q]")
        box.click()
        box.press_sequentially(query, delay=30)
        # the box says which query its results are for: wait for this one's (they are re-rendered as they come)
        page.wait_for_function("""q => { const box = document.querySelector('[data-na-search=header]');
            return !box.hasAttribute('data-na-search-query') || box.getAttribute('data-na-search-query') === q; }""",
                               arg=query, timeout=15000)
        result = page.locator("[data-na-search=header] a", has=page.locator("h1", has_text=h1)).first
        result.wait_for(state="visible", timeout=15000)
        page.wait_for_timeout(300)
        self.click(page.locator("[data-na-search=header] a", has=page.locator("h1", has_text=h1)).first, rel, h1)

    def arrived(self, rel: str, h1: str, title: str | None = None) -> None:
        page = self.page
        page.wait_for_load_state("load")
        url = page.url.split("#")[0]
        assert url == self.root + rel, (url, rel)
        assert not page.locator("body").inner_text().lstrip().startswith("Index of"), url
        heading = page.locator("article h1").first.inner_text().replace("¶", "").strip()
        assert heading == h1, (url, heading)
        want = "newsarchive" if rel == "index.html" else f"{title or h1} - newsarchive"
        assert page.title() == want, (url, page.title())
        # Material's stylesheet applied (a page without its CSS shows the raw nav)
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        self.clean(rel)

    def clean(self, where: str) -> None:
        assert self.failed == [], (where, self.failed)
        # a missing file is in self.failed with its address; the console says the same without it
        errors = [e for e in self.rec.errors if "the server responded with a status of" not in e]
        assert errors == [], (where, errors)
        assert self.rec.external() == [], (where, self.rec.external())

    def close(self) -> None:
        self.page.context.close()


@pytest.fixture(scope="module")
def sample_hosted(sample_site):
    with host(sample_site, "/some/base/") as base:
        yield base


@pytest.fixture(params=PLACES)
def sample_reader(request, chromium, sample_site, sample_pack, sample_hosted):
    """A reader of the sample archive (the committed seed article and its notes)."""
    root = {"disk": sample_site.as_uri() + "/", "pack": sample_pack.as_uri() + "/",
            "http-base": sample_hosted}[request.param]
    r = Reader(chromium, root)
    yield r
    r.close()


@pytest.fixture
def reader(chromium, start):
    r = Reader(chromium, start)
    yield r
    r.close()


def test_journey_nav_archive_article_entity_related_search(reader):
    page = reader.page
    reader.to_month_archive()
    content = page.locator("article")
    reader.click(content.get_by_role("link", name="March 2021"), "archive/2021/03.html", "March 2021")
    reader.click(content.get_by_role("link", name=BRENNER), "articles/2021-03-03-test-fixture-brenner-visits-ostmark.html",
                 BRENNER)
    # the first mention in the text links the entity's page
    reader.click(page.locator("#p1").get_by_role("link", name="Alda Brenner").first,
                 "entities/alda-brenner/index.html", "Alda Brenner")
    reader.click(content.get_by_role("link", name=YEAR_AFTER).first,
                 "articles/2022-03-02-test-fixture-a-year-after.html", YEAR_AFTER)
    related = page.locator(".na-related")
    reader.click(related.get_by_role("link", name=CLINIC), "articles/2021-03-01-test-fixture-vellan-opens-clinic.html",
                 CLINIC)
    # the header search box, typed into like a reader does (the search box reacts to keys)
    reader.search("second wave", KALE, "articles/2021-06-10-test-fixture-kale-warns-of-a-second-wave.html")


SEED = "What China has done to boost int'l cooperation against COVID-19"
SEED_PAGE = "articles/2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19.html"


def test_sample_journey_nav_month_article_entity_search(sample_reader):
    """The sample archive as a reader gets it: nav -> May 2020 -> the seed article ->
    an entity in its text -> an entity it is often mentioned with -> back to the
    article from that entity's page -> the raw text -> the header search -> the result."""
    reader, page = sample_reader, sample_reader.page
    reader.to_month_archive()
    content = page.locator("article")
    reader.click(content.get_by_role("link", name="May 2020"), "archive/2020/05.html", "May 2020")
    reader.click(content.get_by_role("link", name=SEED), SEED_PAGE, SEED)
    reader.click(page.locator("#p3").get_by_role("link", name="World Health Organization"),
                 "entities/world-health-organization/index.html", "World Health Organization")
    reader.click(content.get_by_role("link", name="Africa", exact=True), "entities/africa/index.html", "Africa")
    reader.click(content.get_by_role("link", name=SEED).first, SEED_PAGE, SEED)
    reader.search("livelihoods", SEED, SEED_PAGE)
    with page.expect_navigation():
        page.get_by_role("link", name="raw text as archived").click()
    assert page.url == reader.root + "raw/2020-05-17-what-china-has-done-to-boost-intl-cooperation-against-covid-19.txt"
    assert "微博" in page.locator("body").inner_text()
    reader.clean("the raw text")


def test_journey_through_pagination(reader):
    page = reader.page
    reader.open("entities/alda-brenner/index.html", "Alda Brenner")
    pager = page.locator("article .na-pager").first
    reader.click(pager.get_by_role("link", name="Next »"), "entities/alda-brenner/page-2.html", "Alda Brenner",
                 "Alda Brenner (page 2)")
    reader.click(page.locator("article .na-pager").first.get_by_role("link", name=re.compile("Previous")),
                 "entities/alda-brenner/index.html", "Alda Brenner")
    reader.click(page.locator("article .na-pager").first.get_by_role("link", name="2", exact=True),
                 "entities/alda-brenner/page-2.html", "Alda Brenner", "Alda Brenner (page 2)")


def test_journey_month_to_month(reader):
    page = reader.page
    reader.open("archive/2021/06.html", "June 2021")
    months = page.locator("article .na-month-nav")
    reader.click(months.get_by_role("link", name="« March 2021"), "archive/2021/03.html", "March 2021")
    reader.click(page.locator("article .na-month-nav").get_by_role("link", name="June 2021 »"),
                 "archive/2021/06.html", "June 2021")
    reader.click(page.locator("article .na-month-nav").get_by_role("link", name="March 2022 »"),
                 "archive/2022/03.html", "March 2022")
    assert page.locator("article .na-month-nav a[rel=next]").count() == 0  # the newest month
    reader.click(page.locator("article .na-month-nav").get_by_role("link", name="All months"),
                 "archive/index.html", "Archive")


def test_journey_through_a_notes_links(reader):
    page = reader.page
    article = "articles/2021-03-03-test-fixture-brenner-visits-ostmark.html"
    reader.open(article, BRENNER)
    note = page.locator("#note-fixture-coast-visit")
    reader.click(note.get_by_role("link", name="the clinic opening in Vellan"),
                 "articles/2021-03-01-test-fixture-vellan-opens-clinic.html", CLINIC)
    page.go_back()
    reader.arrived(article, BRENNER)
    reader.click(page.locator("#note-fixture-coast-visit").get_by_role("link", name="Alda Brenner's page"),
                 "entities/alda-brenner/index.html", "Alda Brenner")
    page.go_back()
    reader.click(page.locator("#note-fixture-coast-visit").get_by_role("link", name="articles of March 2021"),
                 "archive/2021/03.html", "March 2021")
    page.go_back()
    # a note linking the archive by its hosted address (site_url): the built link stays on the local copy
    reader.click(page.locator("#note-fixture-hosted-links").get_by_role("link", name="Alda Brenner's page"),
                 "entities/alda-brenner/index.html", "Alda Brenner")
    page.go_back()
    page.locator("#note-fixture-coast-visit").get_by_role("link", name="note on the season").click()
    page.wait_for_function("location.hash === '#note-fixture-season'")
    reader.clean("the note's link to another note")


def test_journey_to_the_raw_text_as_archived(reader):
    page = reader.page
    reader.open("articles/2021-03-03-test-fixture-brenner-visits-ostmark.html", BRENNER)
    with page.expect_navigation():
        page.get_by_role("link", name="raw text as archived").click()
    assert page.url == reader.root + "raw/2021-03-03-test-fixture-brenner-visits-ostmark.txt"
    text = page.locator("body").inner_text()
    assert "TEST FIXTURE: Brenner visits the Ostmark coast" in text and "微博" in text  # UTF-8 read as UTF-8
    reader.clean("raw text")


def test_journey_home_link_data_page_feeds_and_exports(reader):
    page = reader.page
    reader.open("archive/2021/03.html", "March 2021")
    reader.click(page.locator(".md-header a.md-logo"), "index.html", "newsarchive")
    nav = page.locator(".md-sidebar--primary .md-nav--primary")
    reader.click(nav.get_by_role("link", name="Data"), "data.html", "Data")
    for name, rel in (("feeds/articles.xml", "feeds/articles.xml"), ("JSON", "feeds/articles.json")):
        link = page.locator("article").get_by_role("link", name=name, exact=True).first
        response = _follow(page, link)
        assert page.url == reader.root + rel and response is not None and response.ok, (name, page.url)
        assert "TEST FIXTURE" in page.content()
        page.go_back()
    reader.clean("feeds")


def _follow(page, link):
    with page.expect_navigation() as nav:
        link.click()
    return nav.value


def test_the_404_page_works_where_a_reader_meets_it(chromium, offline_site, offline_pack, hosted):
    """Opened from disk or the pack, and sent by the host for a missing address two
    folders down under the base path: styled, and its links lead into the site."""
    for root, missing in ((offline_site.as_uri() + "/", "404.html"), (offline_pack.as_uri() + "/", "404.html"),
                          (hosted, "404.html"), (hosted, "articles/2099/no-such-article.html")):
        reader = Reader(chromium, root)
        page = reader.page
        try:
            response = page.goto(root + missing)
            assert response.status == (404 if missing != "404.html" else 200) or root.startswith("file:")
            assert page.locator("article h1").first.inner_text().strip() == "Page not found"
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            reader.failed = [f for f in reader.failed if not f.endswith(missing)]  # the missing page itself
            # Chromium's preload scanner fetches a deep 404's stylesheets and scripts relative to the
            # address before the page's first script sets <base>; then each loads from the site root
            folder = root + missing.rsplit("/", 1)[0] + "/" if "/" in missing else None
            if folder:
                early = [f.split(" ", 1)[1] for f in reader.failed if f.split(" ", 1)[1].startswith(folder)]
                assert early and all(root + url[len(folder):] in reader.loaded for url in early), early
                reader.failed = [f for f in reader.failed if f.split(" ", 1)[1] not in early]
            reader.click(page.locator("article").get_by_role("link", name="The archive by month"),
                         "archive/index.html", "Archive")
        finally:
            reader.close()
