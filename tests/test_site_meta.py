"""End to end (real MkDocs and Material): the site address and what comes
with it. A scratch copy of the repository with the seed, the TEST FIXTURE
search articles (one with a sidecar giving its original URL and a dated
correction) and the TEST FIXTURE hostile article, built with site_url and
without.

* sitemap.xml lists every page, each with a lastmod from the data (never
  the build clock), byte-identical across builds (sitemap.xml.gz too);
* robots.txt points at the sitemap;
* the head of a corrected article with a known original: dateModified,
  isBasedOn, og:url, canonical; a hostile headline stays inert in the head;
* without site_url the build works, with no canonical link and relative feeds.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lxml import etree

from generator.diagnostics import Report
from generator.site import build_site

from conftest import ROOT, SEED_ID, copy_site

pytestmark = pytest.mark.e2e

FIXTURES = ROOT / "tests" / "fixtures"
CORRECTED = "2021-04-06-test-fixture-lighthouse-museum-opens"
HOSTILE = "2020-05-17-test-fixture-hostile-text"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SIDECAR = """# TEST FIXTURE sidecar: an invented original address and a dated correction
title: "TEST FIXTURE: Lighthouse museum opens in Marrowby (corrected)"
url: https://fixture.example.com/2021/04/06/lighthouse-museum.html
corrected_on: 2026-12-02
archived: 2026-11-30
"""


def scratch(target: Path, site_url: str | None) -> Path:
    copy_site(target)
    raw = target / "site-data" / "raw"
    for path in sorted((FIXTURES / "search" / "raw").glob("*.txt")):
        shutil.copy(path, raw / path.name)
    (raw / f"{CORRECTED}.meta.yml").write_text(SIDECAR, encoding="utf-8")
    shutil.copy(FIXTURES / "hostile" / "raw" / f"{HOSTILE}.txt", raw)
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}" if site_url else "", config)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def build(root: Path) -> Path:
    report = Report()
    result = build_site(root, report, quiet=True, search=False)
    assert result.built and not report.errors, [d.format() for d in report.diagnostics]
    return result.site_dir


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(scratch(tmp_path_factory.mktemp("meta"), "https://archive.example.org/"))


class Head(HTMLParser):
    """<meta>, <link> and JSON-LD of a page's <head>."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._in_ld = False
        self.feed(html.split("</head>", 1)[0])

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_ld:
            self.jsonld.append(data)

    def handle_endtag(self, tag):
        self._in_ld = False


def page(site: Path, *parts: str) -> str:
    return (site.joinpath(*parts) / "index.html").read_text(encoding="utf-8")


def test_sitemap_lists_every_page_with_lastmod_from_the_data(site):
    root = etree.fromstring((site / "sitemap.xml").read_bytes())
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.iter(f"{SITEMAP}url")}
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")
                   if not p.parent.relative_to(site).parts[:1] in (("search-offline",), ("pagefind",)))
    expected = {"https://archive.example.org/" + ("" if p == "." else p + "/") for p in pages}
    assert set(entries) == expected  # every page, articles (not in the nav) included
    base = "https://archive.example.org/articles/"
    assert entries[f"{base}{SEED_ID}/"] == "2026-11-29"  # its newest note
    assert entries[f"{base}2019-08-12-test-fixture-lighthouse-keepers-meet/"] == "2019-08-12"  # published
    assert entries[f"{base}{CORRECTED}/"] == "2026-12-02"  # corrected_on
    assert set(entries.values()) <= {"2026-12-02", "2026-11-29", "2019-08-12", "2020-05-17", "2021-09-30"}
    assert entries["https://archive.example.org/about/"] == "2026-12-02"  # the archive's newest date
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == (site / "sitemap.xml").read_bytes()


def test_robots_txt_points_at_the_sitemap(site):
    assert (site / "robots.txt").read_text(encoding="utf-8") == \
        "User-agent: *\nAllow: /\nSitemap: https://archive.example.org/sitemap.xml\n"


def test_corrected_article_with_an_original_url(site):
    html = page(site, "articles", CORRECTED)
    head = Head(html)
    url = f"https://archive.example.org/articles/{CORRECTED}/"
    assert {"rel": "canonical", "href": url} in head.links
    assert head.meta["og:url"] == [url] and head.meta["article:modified_time"] == ["2026-12-02"]
    data = json.loads(head.jsonld[0])
    assert data["headline"] == "TEST FIXTURE: Lighthouse museum opens in Marrowby (corrected)"
    assert data["dateModified"] == "2026-12-02" and data["datePublished"] == "2021-04-06T14:10:00+08:00"
    assert data["isBasedOn"] == "https://fixture.example.com/2021/04/06/lighthouse-museum.html"
    assert 'class="na-meta-original" href="https://fixture.example.com/2021/04/06/lighthouse-museum.html"' in html
    assert "Archived</dt><dd class=\"na-meta-archived\"><time datetime=\"2026-11-30\">November 30, 2026" in html
    assert 'class="na-meta-corrected">title, url on <time datetime="2026-12-02">' in html
    feed = json.loads((site / "feeds" / "articles.json").read_text(encoding="utf-8"))
    item = next(i for i in feed["items"] if CORRECTED in i["url"])
    assert item["external_url"] == data["isBasedOn"] and item["date_modified"] == "2026-12-02T00:00:00Z"


def test_hostile_headline_is_inert_in_the_head(site):
    html = page(site, "articles", HOSTILE)
    head_html = html.split("</head>", 1)[0]
    assert head_html.count("<script") == head_html.count("</script>")
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head_html, re.S).group(1)
    assert "<" not in ld and ">" not in ld  # nothing in it can close the element or open a comment
    data = json.loads(ld)
    assert data["headline"].startswith('TEST FIXTURE - not real news: </title><script>alert("t")</script>')
    head = Head(html)
    assert head.meta["og:title"] == [data["headline"]]  # the same text, as an escaped attribute
    # the only elements in the head are the theme's (no injected <script>, <title> or <base>)
    tags = re.findall(r"<([a-z]+)[\s>]", head_html)
    assert set(tags) <= {"html", "head", "meta", "link", "title", "script", "style", "noscript"}
    assert len(re.findall(r"<title>", head_html)) == 1


def test_builds_are_byte_identical(site, tmp_path):
    again = build(scratch(tmp_path, "https://archive.example.org/"))
    for rel in ("sitemap.xml", "sitemap.xml.gz", "robots.txt", "feeds/articles.xml", "feeds/notes.json",
                f"articles/{SEED_ID}/index.html", f"articles/{CORRECTED}/index.html"):
        assert (again / rel).read_bytes() == (site / rel).read_bytes(), rel


def test_without_site_url_the_site_still_builds(tmp_path):
    site = build(scratch(tmp_path, None))
    html = page(site, "articles", SEED_ID)
    head = Head(html)
    assert not [link for link in head.links if link.get("rel") == "canonical"] and "og:url" not in head.meta
    feeds = [link["href"] for link in head.links if link.get("type") == "application/atom+xml"]
    assert "../../feeds/articles.xml" in feeds  # relative to the page
    data = json.loads(head.jsonld[0])
    assert "url" not in data and data["headline"].startswith("What China has done")
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")
    assert f'class="na-cite__url" href="./">articles/{SEED_ID}/</a>' in html  # no address: the path
    feed = json.loads((site / "feeds" / "articles.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == "articles.json"


def test_with_use_directory_urls_false_every_address_is_the_html_file(tmp_path):
    root = scratch(tmp_path, "https://archive.example.org/")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("use_directory_urls: true", "use_directory_urls: false"),
                                     encoding="utf-8")
    site = build(root)
    html = (site / "articles" / f"{SEED_ID}.html").read_text(encoding="utf-8")
    url = f"https://archive.example.org/articles/{SEED_ID}.html"
    head = Head(html)
    assert {"rel": "canonical", "href": url} in head.links and head.meta["og:url"] == [url]
    data = json.loads(head.jsonld[0])
    assert data["url"] == url
    assert {"@type": "Person", "name": "Xi Jinping", "url": "https://archive.example.org/entities/xi-jinping/index.html",
            "sameAs": "https://www.wikidata.org/wiki/Q15031"} in data["about"]
    assert f'class="na-cite__url" href="{url}"' in html
    root_sitemap = etree.fromstring((site / "sitemap.xml").read_bytes())
    assert url in [u.findtext(f"{SITEMAP}loc") for u in root_sitemap.iter(f"{SITEMAP}url")]
    feed = json.loads((site / "feeds" / "articles.json").read_text(encoding="utf-8"))
    assert url in [i["url"] for i in feed["items"]]
