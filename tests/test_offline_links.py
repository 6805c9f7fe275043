"""Offline browsing, statically: every internal link of every page of a built
site, opened from disk (file://) and from the unzipped pack, leads to a file of
the site (never a folder, which the browser shows as a folder listing, nor a
missing file, nor the disk's root) and to an anchor the target page has.

The site is the TEST FIXTURE archive of tests/offline_site.py (pagination,
related coverage, notes whose bodies link to other pages); the sample site is
walked in tests/test_sample_site.py. The walker is tests/linkwalk.py; the
clicks in a real Chromium are in tests/test_journeys_browser.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import linkwalk
from generator.errorpage import relative_error_page, site_base

pytestmark = pytest.mark.e2e
SITE_URL = "https://example.org/"
ARTICLE = "articles/2021-03-03-test-fixture-brenner-visits-ostmark.html"


def test_the_walker_finds_every_kind_of_broken_link(tmp_path):
    """It can fail: one page with a working link and each kind of broken one."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.html").write_text('<h2 id="there">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<nav class="md-nav"><a href="sub/page.html#there">ok</a><a href="sub/">folder</a></nav>'
        '<a href="gone.html">missing</a><a href="/sub/page.html">root</a><a href="../x.html">outside</a>'
        '<a href="sub/page.html#nowhere">anchor</a><a href="https://example.org/sub/page.html">hosted</a>'
        '<link rel="stylesheet" href="style.css"><script src="/app.js"></script><img src="sub">'
        '<link rel="canonical" href="https://example.org/index.html"><a href="#">top</a>',
        encoding="utf-8")
    found = sorted((p.link.url, p.link.kind, p.reason) for p in linkwalk.walk(tmp_path, SITE_URL))
    assert found == sorted([
        ("sub/", "a:nav", "folder"), ("gone.html", "a:content", "missing"),
        ("/sub/page.html", "a:content", "root-absolute"), ("../x.html", "a:content", "outside"),
        ("sub/page.html#nowhere", "a:content", "anchor"),
        ("https://example.org/sub/page.html", "a:content", "site-url"),
        ("style.css", "link:stylesheet", "missing"), ("/app.js", "script", "root-absolute"),
        ("sub", "img", "folder")])


def assert_every_link_works(site: Path) -> None:
    problems = linkwalk.walk(site, SITE_URL)
    assert [p.format() for p in problems] == []
    kinds = linkwalk.count_links(site)
    # the walk saw every kind of link the brief names (none of them vacuously clean)
    for kind in ("a:nav", "a:header", "a:content", "a:pagination", "a:month-nav", "a:related", "a:notes", "a:raw-source",
                 "link:stylesheet", "link:prev", "link:next", "script", "form"):
        assert kinds[kind] > 0, (kind, kinds)
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert {"404.html", "index.html", ARTICLE, "archive/2021/03.html", "entities/alda-brenner/page-2.html",
            "search.html", "data.html", "about.html"} <= pages


def test_every_link_of_every_page_works_from_disk(offline_site):
    assert_every_link_works(offline_site)


def test_every_link_of_every_page_works_in_the_unzipped_pack(offline_pack):
    assert (offline_pack / "index.html").is_file()
    assert_every_link_works(offline_pack)


def test_the_notes_links_lead_to_the_pages_they_name(offline_site):
    links = {(l.url, l.target, l.fragment) for l in linkwalk.page_links(offline_site, offline_site / ARTICLE)
             if l.kind == "a:notes" and "nofollow" in _rel_of(offline_site / ARTICLE, l.url)}
    assert {("2021-03-01-test-fixture-vellan-opens-clinic.html",
             "articles/2021-03-01-test-fixture-vellan-opens-clinic.html", ""),
            ("../entities/alda-brenner/index.html", "entities/alda-brenner/index.html", ""),
            ("../archive/2021/03.html", "archive/2021/03.html", ""),
            ("#note-fixture-season", ARTICLE, "note-fixture-season"),
            ("#note-fixture-coast-visit", ARTICLE, "note-fixture-coast-visit")} <= links, links


def test_the_notes_full_links_to_the_archive_are_relative_files(offline_site):
    """A note body linking pages by their hosted address (site_url): relative links, each to a file."""
    page = offline_site / ARTICLE
    html = page.read_text(encoding="utf-8")
    body = re.search(r'<aside [^>]*id="note-fixture-hosted-links".*?</aside>', html, re.S).group(0)
    assert "example.org" not in body, body
    links = {(l.url, l.target, l.fragment) for l in linkwalk.page_links(offline_site, page)
             if l.kind == "a:notes" and l.url in re.findall(r'href="([^"]*)"', body)}
    assert links == {
        ("2021-03-01-test-fixture-vellan-opens-clinic.html#p1",
         "articles/2021-03-01-test-fixture-vellan-opens-clinic.html", "p1"),
        ("../entities/alda-brenner/index.html", "entities/alda-brenner/index.html", ""),
        ("../about.html", "about.html", ""),
        ("../search.html?q=Ostmark", "search.html", ""),
        ("#note-fixture-hosted-links", ARTICLE, "note-fixture-hosted-links"),  # its permalink
    }, links
    assert all((offline_site / target).is_file() for _url, target, _fragment in links)


def _rel_of(page: Path, url: str) -> str:
    match = re.search(r'<a href="%s" rel="([^"]*)"' % re.escape(url), page.read_text(encoding="utf-8"))
    return match.group(1) if match else ""


def test_every_search_result_of_the_offline_index_opens_a_page(offline_site):
    """The header box's results from disk come from search-offline/docs/: each URL is a page of the site."""
    urls = []
    for chunk in sorted((offline_site / "search-offline" / "docs").glob("*.js")):
        text = chunk.read_text(encoding="utf-8")
        payload = json.loads(text[text.index("(") + 1:text.rindex(")")])
        urls += [row[0] for row in payload["docs"]]
    assert len(urls) >= 14
    for url in urls:
        assert not url.startswith("/") and (offline_site / url).is_file(), url


def test_the_raw_text_link_and_the_data_exports_are_files(offline_site):
    article = (offline_site / ARTICLE).read_text(encoding="utf-8")
    raw = re.search(r'<a class="na-meta-raw" href="([^"]+)"', article).group(1)
    assert (offline_site / "articles" / raw).resolve().is_file()
    data = [l for l in linkwalk.page_links(offline_site, offline_site / "data.html") if l.kind == "a:content"]
    targets = {l.target for l in data}
    assert {"feeds/articles.xml", "feeds/notes.json", "articles.jsonl", "entities.json"} <= targets, targets


# ------------------------------------------------------------------ the 404 page

PAGE = """<html><head>
<link rel="icon" href="{b}assets/images/favicon.png"><link rel="stylesheet" href="{b}assets/main.css">
<script id="__config" type="application/json">{{"base": "{b}", "search": "{b}assets/w.js", "x": "a<b"}}</script>
</head><body><a href="{b}index.html" class="md-logo">home</a><a href="{b}">root</a><form action="{b}search.html">
<a href="https://example.org/about.html">out</a><a href="#top">top</a><script src="{b}assets/app.js"></script></body></html>"""


@pytest.mark.parametrize("site_url, b", [("https://example.org/", "/"), ("https://example.org/archive/news", "/archive/news/"),
                                         (None, "/")])
def test_the_404_page_links_start_at_the_site_root(site_url, b):
    assert site_base(site_url) == b
    out = relative_error_page(PAGE.format(b=b), site_url, ["articles", "assets"])
    assert re.findall(r'(?:href|src|action)="([^"]*)"', out) == [
        "assets/images/favicon.png", "assets/main.css", "index.html", "index.html", "search.html",
        "https://example.org/about.html", "#top", "assets/app.js"]
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', out).group(1))
    assert config == {"base": ".", "search": "assets/w.js", "x": "a<b"}
    assert "a\\u003cb" in out  # still no "<" inside the script element
    # the script that sets <base> comes first in <head>, before any stylesheet
    assert out.index("<script>/* newsarchive") < out.index("stylesheet")
    assert f'["articles", "assets"], "{b}"' in out


def test_the_built_404_page_has_no_absolute_link(offline_site):
    problems = [p for p in linkwalk.walk(offline_site, SITE_URL) if p.link.page == "404.html"]
    assert problems == []
    links = linkwalk.page_links(offline_site, offline_site / "404.html")
    assert {"index.html", "archive/index.html", "search.html"} <= {l.target for l in links if l.kind == "a:content"}
