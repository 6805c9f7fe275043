"""End to end: a small fixture archive built with real MkDocs + Material and
indexed with real Pagefind, in a scratch copy of the repository layout.

The fixture articles are constructed directly (not read from raw files) so
this test exercises only the site layer; every text says TEST FIXTURE.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.archive import Paths
from generator.diagnostics import Report
from generator.records import Article, Dateline, Figure, Mention, Source
from generator.site import build_static
from generator.write import render_crosslink_pages, render_pages, write_owned

from conftest import tree_digest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
HAND_WRITTEN = tuple(sorted(p.name for p in (ROOT / "content").glob("*.md")))


def fixture_article(id: str, published: str, title: str, paragraphs: tuple[str, ...], **kw) -> Article:
    raw = f"site-data/raw/{id}.txt"
    fields = dict(
        id=id, title=title, published=published, agency="TEST FIXTURE Agency", publisher="Fixture Daily",
        dateline=Dateline("TESTVILLE", published[:10], "TESTVILLE, Jan. 2 (TEST FIXTURE)"),
        editors=("Ed One", "Ed Two"), byline=None, paragraphs=paragraphs,
        key_figures=(Figure("1,000 test cases", 1000, "cases", "test cases", 2),),
        people=(Mention("Ada Fixture", ("Ada Fixture",), (1,)),),
        organisations=(Mention("Fixture Health Organization", ("FHO",), (2,)),),
        places=(Mention("Testville", ("TESTVILLE",), (1,)),),
        quotes=(), events=(), source=Source(raw, "ab" * 32), word_count=42, reader="fixture",
    )
    fields.update(kw)
    return Article(**fields)


ARTICLES = [
    fixture_article(
        "2020-01-02-test-fixture-one", "2020-01-02T10:05:00+08:00", "TEST FIXTURE: first <b>article</b>",
        ("TEST FIXTURE - not real news. Ada Fixture spoke in TESTVILLE.",
         "The FHO counted 1,000 test cases. {: #evil } <script>alert(1)</script> *not em*",
         "1. not a list | and a [link](javascript:alert(1))"),
    ),
    fixture_article(
        "2020-02-03-test-fixture-two", "2020-02-03T08:00:00+00:00", "TEST FIXTURE: second article",
        ("TEST FIXTURE - not real news, second page.", "Another 1,000 test cases."),
        agency="Other Fixture Wire",
    ),
]


def pages_for(articles: list[Article]) -> dict[str, str]:
    """Article and archive pages, plus the cross-link pages the nav links to (no registry)."""
    from generator.archive import Archive, Paths
    from generator.registry import EMPTY

    pages = render_pages(articles)
    pages.update(render_crosslink_pages(Archive(Paths(ROOT), EMPTY, list(articles))))
    return pages


def scratch_repo(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    (tmp_path / "content").mkdir()
    for name in HAND_WRITTEN:
        shutil.copy(ROOT / "content" / name, tmp_path / "content" / name)
    raw = tmp_path / "site-data" / "raw"
    raw.mkdir(parents=True)
    for a in ARTICLES:
        (raw / f"{a.id}.txt").write_text("TEST FIXTURE - not real news\n" + "\n\n".join(a.paragraphs) + "\n")
    return tmp_path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Report, str]:
    repo = scratch_repo(tmp_path_factory.mktemp("archive"))
    before = tree_digest(repo / "site-data")
    write_owned(pages_for(ARTICLES), repo / "content")
    report = Report()
    result = build_static(repo, report, quiet=True)
    assert result.built, [d.format() for d in report.diagnostics]
    return repo, report, before


def article_html(repo: Path, id: str) -> str:
    return (repo / "site" / "articles" / f"{id}.html").read_text(encoding="utf-8")


def test_build_is_clean_and_leaves_site_data_alone(built):
    repo, report, before = built
    assert [d.format() for d in report.diagnostics] == []
    assert tree_digest(repo / "site-data") == before


def test_article_page_has_headline_metadata_and_key_figures(built):
    repo, _report, _ = built
    page = article_html(repo, "2020-01-02-test-fixture-one")
    assert '<h1 id="title">TEST FIXTURE: first &lt;b&gt;article&lt;/b&gt;<a class="headerlink"' in page
    panel = re.search(r'<aside class="na-meta".*?</aside>', page, re.S).group(0)
    assert '<time datetime="2020-01-02T10:05:00+08:00">2 January 2020, 10:05 UTC+08:00</time>' in panel
    assert '<dd class="na-meta-agency">TEST FIXTURE Agency</dd>' in panel
    assert '<dd class="na-meta-publisher">Fixture Daily</dd>' in panel
    assert '<dd class="na-meta-dateline">TESTVILLE, Jan. 2 (TEST FIXTURE)</dd>' in panel
    assert '<dd class="na-meta-editors">Ed One, Ed Two</dd>' in panel
    assert "42 words" in panel
    # the panel comes right after the headline
    assert page.index("</h1>") < page.index('<aside class="na-meta"') < page.index('<p id="p1">')
    # raw-source link resolves to the published copy of the raw file
    href = re.search(r'<a class="na-meta-raw" href="([^"]+)"', panel).group(1)
    raw = (repo / "site" / "articles" / href).resolve()
    assert raw == (repo / "site" / "raw" / "2020-01-02-test-fixture-one.txt").resolve()
    assert raw.read_bytes() == (repo / "site-data/raw/2020-01-02-test-fixture-one.txt").read_bytes()
    figures = re.search(r'<div class="admonition abstract na-key-figures"[^>]*>.*?</div>', page, re.S).group(0)
    assert '<li><a href="#p2">1,000 test cases</a> (paragraph 2)</li>' in figures


def test_article_text_is_literal_with_paragraph_anchors(built):
    repo, _report, _ = built
    page = article_html(repo, "2020-01-02-test-fixture-one")
    assert '<p id="p1">TEST FIXTURE - not real news. Ada Fixture spoke in TESTVILLE.</p>' in page
    assert ('<p id="p2">The FHO counted 1,000 test cases. {: #evil } &lt;script&gt;alert(1)&lt;/script&gt; '
            "*not em*</p>") in page
    assert '<p id="p3">1. not a list | and a [link](javascript:alert(1))</p>' in page
    assert 'id="evil"' not in page
    assert "<script>alert" not in page
    assert 'href="javascript:' not in page


def test_pagefind_attributes_on_the_article(built):
    repo, _report, _ = built
    page = article_html(repo, "2020-01-02-test-fixture-one")
    assert page.count("data-pagefind-body") == 1
    for attr in ('data-pagefind-meta="title[content]" content="TEST FIXTURE: first &lt;b&gt;article&lt;/b&gt;"',
                 'data-pagefind-sort="newest[content]" content="2020-01-02T02:05:00Z"',
                 'data-pagefind-sort="oldest[content]" content="2020-01-02T02:05:00Z"',
                 'data-pagefind-filter="agency[content]" content="TEST FIXTURE Agency"',
                 'data-pagefind-filter="year[content]" content="2020"',
                 'data-pagefind-filter="person[content]" content="Ada Fixture"',
                 'data-pagefind-filter="organisation[content]" content="Fixture Health Organization"',
                 'data-pagefind-filter="place[content]" content="Testville"'):
        assert attr in page, attr
    assert '<a class="headerlink" href="#title" title="Permanent link" data-pagefind-ignore>' in page  # not indexed


def test_pagefind_index_holds_the_articles_and_filters(built):
    repo, _report, _ = built
    entry = json.loads((repo / "site/pagefind/pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(ARTICLES)
    filters = b"".join(gzip.decompress(p.read_bytes()) for p in (repo / "site/pagefind/filter").iterdir())
    for name, value in (("agency", "TEST FIXTURE Agency"), ("agency", "Other Fixture Wire"), ("year", "2020"),
                        ("person", "Ada Fixture"), ("organisation", "Fixture Health Organization"),
                        ("place", "Testville")):
        assert name.encode() in filters and value.encode() in filters, (name, value)
    assert (repo / "site/pagefind/pagefind.js").is_file()


def test_search_page_uses_the_search_box_not_the_pagefind_ui(built):
    """The search page renders with Pagefind's JS API through the site's own
    box (search-text.js, search-engines.js, search.js, search-page.js): Pagefind's Default UI
    built filter labels as HTML (issue 11)."""
    repo, _report, _ = built
    page = (repo / "site/search.html").read_text(encoding="utf-8")
    assert "pagefind-ui" not in page and "PagefindUI" not in page
    for script in ("search-text.js", "search-engines.js", "search.js", "search-page.js"):
        assert f'<script src="assets/javascripts/{script}' in page, script
    assert 'data-na-search="page"' in page and "data-na-search-facets" in page


def test_home_lists_latest_and_archive_lists_months(built):
    repo, _report, _ = built
    home = (repo / "site/index.html").read_text(encoding="utf-8")
    latest = [m.group(1) for m in re.finditer(r'<li>[^<]*<a href="(articles/[^"]+)">', home)]
    assert latest == ["articles/2020-02-03-test-fixture-two.html", "articles/2020-01-02-test-fixture-one.html"]
    archive = (repo / "site/archive/index.html").read_text(encoding="utf-8")
    assert '<li><a href="2020/02.html">February 2020</a>: 1 article</li>' in archive
    assert '<li><a href="2020/01.html">January 2020</a>: 1 article</li>' in archive
    month = (repo / "site/archive/2020/01.html").read_text(encoding="utf-8")
    assert ('<a href="../../articles/2020-01-02-test-fixture-one.html">TEST FIXTURE: first &lt;b&gt;article&lt;/b&gt;'
            "</a>") in month


def test_articles_stay_out_of_the_nav(built):
    repo, _report, _ = built
    html = (repo / "site/about.html").read_text()
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?<div class="md-content"', html, re.S)
    assert nav, "no primary navigation"
    links = re.findall(r'href="([^"]+)"', nav.group(0))
    assert "search.html" in links and "archive/index.html" in links and "entities/index.html" in links, links
    assert not [link for link in links if "articles/" in link], links


def test_broken_anchor_is_a_warning_naming_the_page(tmp_path):
    """MkDocs does not read a generated body: the generator's own link check
    (generate runs it; here called as generate does) names the pages, and
    --strict fails on the warnings."""
    from generator.generate import site_file_paths
    from generator.write import check_pages

    repo = scratch_repo(tmp_path)
    bad = fixture_article("2020-03-04-test-fixture-bad", "2020-03-04T00:00:00+00:00", "TEST FIXTURE: bad figure",
                          ("TEST FIXTURE - not real news.",),
                          key_figures=(Figure("9 test cases", 9, "cases", "test cases", 7),))
    pages = pages_for([bad])
    report = Report()
    for problem in check_pages(pages, site_file_paths(Paths(repo), [])):
        report.add(problem)
    write_owned(pages, repo / "content")
    result = build_static(repo, report, quiet=True, search=False)
    assert result.built and result.pages_indexed is None
    # the article's key-figures box and the key-figures page both link to the missing #p7
    assert sorted((d.level, d.file) for d in report.diagnostics) == [
        ("warning", "content/articles/2020-03-04-test-fixture-bad.md"), ("warning", "content/figures/index.md")]
    assert all("#p7" in d.message and "has no anchor #p7" in d.message for d in report.diagnostics)
    assert report.failed(strict=True) and not report.failed(strict=False)
