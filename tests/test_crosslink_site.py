"""Cross-links in a built site: the TEST FIXTURE archive of tests/fixtures/crosslink/
built with `newsarchive build --strict` (real MkDocs, Material, Pagefind), with a
small page size so pagination shows: related articles in the right order, entity
links that resolve, the timeline in date order, paginated entity pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.diagnostics import Report
from generator.site import build_site
from conftest import copy_site
from test_crosslink_fixture import A1, A2, A3, A4, A5, FIXTURE

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    repo = copy_site(tmp_path_factory.mktemp("crosslink-site"), FIXTURE / "site-data")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      page_size: 50 " in config
    (repo / "mkdocs.yml").write_text(config.replace("      page_size: 50 ", "      page_size: 2 "), encoding="utf-8")
    report = Report()
    result = build_site(repo, report, strict=True, quiet=True)
    assert result.built and [d.format() for d in report.diagnostics] == []
    return repo / "site"


def page(site: Path, url: str) -> str:
    """A built page: ``articles/<id>`` is articles/<id>.html, any other path a folder's index.html."""
    path = f"{url}.html" if url.startswith("articles/") else f"{url}/index.html"
    return (site / path).read_text(encoding="utf-8")


def test_related_coverage_in_score_order(site: Path):
    html = page(site, f"articles/{A1}")
    section = html.split('id="related"', 1)[1]
    hrefs = re.findall(r'<a href="([^/"]+)\.html">', section)
    assert hrefs[:4] == [A2, A3, A4, A5]


def test_first_mentions_link_to_entity_pages_that_exist(site: Path):
    html = page(site, f"articles/{A1}")
    body = html.split('<p id="p1">', 1)[1]
    links = re.findall(r'<a href="(\.\./entities/[^"]+)"', body)
    assert links, "no entity links in the article text"
    assert len(links) == len(set(links))  # each entity linked once: its first mention
    base = f"http://x/articles/{A1}.html"
    for link in links:
        target = urljoin(base, link).removeprefix("http://x/")
        assert target.endswith("/index.html") and (site / target).is_file(), target


def test_timeline_is_in_date_order(site: Path):
    html = page(site, "timeline/2021")
    dates = re.findall(r"<li><strong>(\d{1,2} \w+ 2021|\w+ 2021)</strong>", html)
    assert dates, "no events on the 2021 timeline"
    from datetime import datetime

    def parsed(text: str) -> datetime:
        return datetime.strptime(text, "%d %B %Y" if text[0].isdigit() else "%B %Y")

    assert len(dates) >= 5
    assert [parsed(d) for d in dates] == sorted(parsed(d) for d in dates)


def test_long_entity_pages_are_paginated(site: Path):
    paged = sorted(p.parent.name for p in site.glob("entities/*/page-2.html"))
    assert paged, "no entity has a second page with page_size 2"
    first = page(site, f"entities/{paged[0]}")
    assert 'href="page-2.html"' in first
