"""Cross-link pages for the TEST FIXTURE archive: content, order, pagination,
escaping, and links that resolve (plus one real MkDocs --strict build)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from pagehtml import article_links, body, front, items, links, section, seen, tree
from test_crosslink_fixture import A1, A2, A3, A4, A5, A6, read_fixture
from generator.crosslink import PagesConfig
from generator.write import render_crosslink_pages

SMALL = PagesConfig(page_size=2, figures_page_size=1, timeline_page_size=2, cooccurring=3)
BIG = PagesConfig(page_size=100, figures_page_size=100, timeline_page_size=100)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return read_fixture(tmp_path_factory.mktemp("crosslink-pages"))


@pytest.fixture(scope="module")
def small(archive):
    return render_crosslink_pages(archive, SMALL)


@pytest.fixture(scope="module")
def big(archive):
    return render_crosslink_pages(archive, BIG)


def test_page_paths(small):
    entity_pages = sorted(p for p in small if p.startswith("entities/") and "_by-letter" not in p)
    assert entity_pages == [
        "entities/alda-brenner/index.md", "entities/alda-brenner/page-2.md",
        "entities/continentia/index.md", "entities/continentia/page-2.md", "entities/continentia/page-3.md",
        "entities/harbor-research-institute/index.md",  # not in the registry: found by detection
        "entities/index.md",
        "entities/northland-health-agency/index.md", "entities/northland-health-agency/page-2.md",
        "entities/ostmark/index.md", "entities/ostmark/page-2.md",
        "entities/ruth-kale/index.md",
        "entities/tomas-varga/index.md",  # not in the registry: found by detection
        "entities/vellan/index.md", "entities/vellan/page-2.md",
    ]  # Lake Orvo is registered but never mentioned: no page
    assert "entities/_by-letter/person-a.md" in small and "entities/_by-letter/place-l.md" not in small
    assert [p for p in small if p.startswith("timeline/")] == [
        "timeline/2021/index.md", "timeline/2021/page-2.md", "timeline/2021/page-3.md",
        "timeline/2022/index.md", "timeline/index.md"]
    assert [p for p in small if p.startswith("figures/")] == ["figures/index.md", "figures/page-2.md"]
    assert "archive/agency/xinhua/index.md" in small and "archive/agency/people-s-daily/index.md" in small
    assert "archive/editor/mira-sol/index.md" in small
    assert "archive/index.md" not in small  # the writer's page


def test_entity_pages_paginate_newest_first(small):
    first, second = small["entities/alda-brenner/index.md"], small["entities/alda-brenner/page-2.md"]
    assert article_links(section(first, "Articles")) == [A4, A2]
    assert article_links(section(second, "Articles")) == [A3, A1]
    pager = tree(first).find_class("na-pager")[0]
    assert seen(pager) == "Page 1 of 2: 1 2 · Next »"
    assert [a.get("href") for a in pager.iter("a")] == ["page-2.html", "page-2.html"]
    assert pager.find("strong").get("aria-current") == "page"
    assert "Often mentioned with" in first and "Often mentioned with" not in second
    # quotes, figures and events are highlights of the first page, drawn from all the entity's articles
    assert 'id="quotes"' in first and 'id="quotes"' not in second and 'id="timeline"' not in second


def test_entity_highlights_are_capped_with_their_totals(archive):
    page = render_crosslink_pages(archive, PagesConfig(highlights=2))["entities/northland-health-agency/index.md"]
    intro = tree(section(page, "Timeline")).find("p")
    assert seen(intro) == ("Dated events in sentences that name Northland Health Agency. The 2 latest of 3 events. "
                           "The timeline lists them all.")
    assert links(intro) == ["../../timeline/index.html"]
    assert article_links(section(page, "Timeline")) == [A1, A2]  # the two latest by event date, oldest first
    none = render_crosslink_pages(archive, PagesConfig(highlights=0))["entities/northland-health-agency/index.md"]
    assert 'id="timeline"' not in none and 'id="key-figures"' not in none and 'id="articles"' in none


def test_entity_context_sentence_is_clipped(archive):
    page = render_crosslink_pages(archive, PagesConfig(context=40))["entities/alda-brenner/index.md"]
    assert "<br>\nHealth Minister Alda Brenner said the…</li>" in page
    bare = render_crosslink_pages(archive, PagesConfig(context=0))["entities/alda-brenner/index.md"]
    assert "Health Minister Alda Brenner said" not in section(bare, "Articles")


def test_clip():
    from generator.write.listings import clip

    assert clip("short", 10) == "short"
    assert clip("one two three four", 12) == "one two…"
    assert clip("abcdefghijklmnop", 8) == "abcdefg…"  # no space in reach: cut mid-word
    assert len(clip("x " * 100, 50)) <= 50


def test_an_unregistered_entity_has_a_page_marked_not_reviewed(big):
    page = big["entities/tomas-varga/index.md"]
    assert front(page)["entity"] == {"kind": "person", "name": "Tomas Varga", "reviewed": False, "aliases": []}
    assert seen(tree(page).find(".//h1")) == "Tomas Varga¶"
    note = tree(page).find_class("admonition")[0]
    assert seen(note).startswith("Not reviewed Found in the articles' text by automatic")
    assert note.getparent().get("data-pagefind-ignore") is not None  # the warning is not the entity's words
    assert "said Tomas Varga, who led it" in section(page, "Articles")
    assert "(reported)" in section(page, "Quotes")  # his reported speech is attributed to him


def test_entity_page_content(big):
    page = big["entities/alda-brenner/index.md"]
    assert front(page) == {"markup": "html", "title": "Alda Brenner", "template": "entity.html",
                           "entity": {"kind": "person", "name": "Alda Brenner"}}
    assert body(page).startswith('<div class="na-entity__head" data-pagefind-weight="0.01">\n<h1 id="title"')
    assert seen(tree(page).find(".//h1")) == "Alda Brenner¶"
    assert "<p>Mentioned in 4 articles, first on 1 March 2021, last on 2 March 2022.</p>" in page
    often = section(page, "Often mentioned with")
    assert items(often) == ["Continentia: 4 articles", "Vellan: 4 articles", "Northland Health Agency: 2 articles",
                            "Harbor Research Institute: 1 article",  # detected
                            "Ostmark: 1 article", "Tomas Varga: 1 article"]  # detected
    assert links(often) == ["../continentia/index.html", "../vellan/index.html",
                            "../northland-health-agency/index.html", "../harbor-research-institute/index.html",
                            "../ostmark/index.html", "../tomas-varga/index.html"]
    assert "Not reviewed" not in page  # registered
    # the headline links to the paragraph that first names her; that sentence follows
    assert (f'<li>1 March 2021: <a href="../../articles/{A1}.html#p2">TEST FIXTURE: Vellan opens a clinic</a><br>\n'
            "Health Minister Alda Brenner said the clinic was planned on Feb. 20 by the Northland Health Agency.</li>"
            ) in page
    assert "“We are ready for the whole season”" in section(page, "Quotes")
    # key figures: only those in paragraphs that name her (A1's figure is in paragraph 3)
    assert "900 new cases" not in page and "1,200 new cases" not in page
    nha = big["entities/northland-health-agency/index.md"]
    assert '<a href="https://www.wikidata.org/wiki/Q4115189">Wikidata Q4115189</a>' in nha
    assert "<strong>1,200 new cases</strong>" in section(nha, "Key figures")
    assert article_links(section(nha, "Timeline")) == [A5, A1, A2]  # late February, Feb. 20, March 2


def test_entity_page_search_sees_only_name_description_and_aliases(big):
    """Search (Pagefind, the offline index) reads the entity's own words, weighed
    low; every list, label and link is data-pagefind-ignore."""
    root = tree(big["entities/alda-brenner/index.md"])
    for ignored in root.xpath("//*[@data-pagefind-ignore]"):
        ignored.drop_tree()
    assert seen(root) == "Alda Brenner Invented health minister (test fixture). Brenner"
    head = root.find_class("na-entity__head")[0]
    assert head.get("data-pagefind-weight") == head.find("h1").get("data-pagefind-weight") == "0.01"


def test_timeline_order(big):
    page = big["timeline/2021/index.md"]
    dates = [seen(li.find("strong")) for li in tree(page).iter("li")]
    assert dates == ["February 2021", "20 February 2021", "1 March 2021", "2 March 2021", "2 March 2021",
                     "1 June 2021"]
    # same day: the earlier article first
    assert article_links(page) == [A5, A1, A1, A3, A2, A6]
    assert f"../../articles/{A5}.html#p1" in page
    assert '<li><a href="2021/index.html">2021</a>: 6 events</li>' in big["timeline/index.md"]


def test_timeline_pages_continue(small):
    assert article_links(small["timeline/2021/page-2.md"]) == [A1, A3]
    assert "« Previous" not in small["timeline/2021/index.md"]
    pager = tree(small["timeline/2021/page-3.md"]).find_class("na-pager")[0]
    assert seen(pager) == "Page 3 of 3: « Previous · 1 2 3"
    assert links(pager) == ["page-2.html", "index.html", "page-2.html"]


def test_figures_page_rows_carry_filter_data(big):
    page = big["figures/index.md"]
    rows = [(li.get("data-unit"), li.get("data-entities")) for li in tree(page).xpath("//li[@data-unit]")]
    assert rows == [("cases", "continentia"), ("cases", "northland-health-agency")]
    # each figure sits under its article (newest first) and links its paragraph; what it counts
    # ("new cases") is not repeated when the figure's text already says it
    assert (f'<li>1 March 2021: <a href="../articles/{A1}.html">TEST FIXTURE: Vellan opens a clinic</a><ul>\n'
            f'<li data-entities="northland-health-agency" data-unit="cases"><strong>'
            f'<a href="../articles/{A1}.html#p3">1,200 new cases</a></strong>. About: Northland Health Agency</li>'
            ) in page
    legend = tree(page).find_class("na-figures__legend")[0]  # rows name entities as text; the legend links each once
    assert [(a.get("data-entity"), a.get("href"), a.text) for a in legend.iter("a")] == [
        ("continentia", "../entities/continentia/index.html", "Continentia"),
        ("northland-health-agency", "../entities/northland-health-agency/index.html", "Northland Health Agency")]
    assert '<div class="na-figures" data-na-figures="1">' in page


def test_figures_pages_keep_an_articles_figures_together():
    from generator.write.listings import _chunk_groups

    groups = [{"rows": [1, 2, 3]}, {"rows": [4]}, {"rows": [5, 6]}, {"rows": [7]}]
    assert [[len(g["rows"]) for g in page] for page in _chunk_groups(groups, 2)] == [[3], [1, 2], [1]]
    assert _chunk_groups([], 2) == [[]]


def test_agency_and_editor_archives(big):
    assert article_links(big["archive/editor/ann-lee/index.md"]) == [A5, A2, A1]
    assert "(byline)" in big["archive/editor/mira-sol/index.md"]
    agencies = big["archive/agency/index.md"]
    assert '<li><a href="people-s-daily/index.html">People&#39;s Daily</a>: 1 article</li>' in agencies
    assert '<li><a href="xinhua/index.html">Xinhua</a>: 5 articles</li>' in agencies


def test_article_text_is_escaped(big):
    page = big["entities/ruth-kale/index.md"]
    assert "TEST FIXTURE: Kale warns of a *second* wave [update] &lt;em&gt;" in page
    assert "&lt;b&gt;second&lt;/b&gt;" in page
    assert any("TEST FIXTURE: Kale warns of a *second* wave [update] <em>" in item for item in items(page))
    for text in big.values():
        assert "<em>" not in text and "<b>" not in text
        assert not tree(text).xpath("//em | //b | //script")


def test_every_relative_link_resolves(small, archive):
    known = {p[:-3] + ".html" for p in small} | {f"articles/{a.id}.html" for a in archive.articles} | {
        "archive/index.html", "data.html"}
    checked = 0
    for path, text in small.items():
        for href in links(text):
            if href.startswith("https://") or href.startswith("#"):
                continue
            target = PurePosixPath(path).parent.joinpath(href.split("#", 1)[0])
            resolved = os.path.normpath(str(target))
            assert resolved in known, f"{path} links to {href}"
            checked += 1
    assert checked > 100


def test_the_generators_link_check_finds_nothing_here_and_a_broken_link_when_there_is_one(small, archive):
    from generator.write import check_pages, render_pages

    pages = {**render_pages(archive.articles), **small}
    assert check_pages(pages, {"data.html", "index.html"}) == []
    broken = dict(pages)
    path = "entities/alda-brenner/index.md"
    broken[path] = pages[path].replace("../vellan/index.html", "../vellan/index.md").replace(
        f"articles/{A4}.html#p1", f"articles/{A4}.html#p99")
    problems = [d.format() for d in check_pages(broken, {"data.html", "index.html"})]
    assert problems == [
        f"content/{path}: warning: link '../vellan/index.md' leads to no page or file of the site "
        "(link an existing page (paths end in .html))",
        f"content/{path}: warning: link '../../articles/{A4}.html#p99' leads to articles/{A4}.html, "
        "which has no anchor #p99 (link an anchor the page has)",
    ]


def test_deterministic(archive, small):
    assert render_crosslink_pages(archive, SMALL) == small


MKDOCS_YML = """\
site_name: crosslink fixture
docs_dir: content
use_directory_urls: false
theme:
  name: material
  custom_dir: OVERRIDES
  font: false
plugins:
  - newsarchive
markdown_extensions: [toc, attr_list, md_in_html, admonition]
validation:
  links: {not_found: warn, anchors: warn, unrecognized_links: warn}
"""


@pytest.mark.e2e
def test_mkdocs_strict_build(archive, tmp_path):
    """The pages (with the article pages) build with MkDocs --strict; a hand-written
    page's links into them, anchors included, are validated by MkDocs; the built
    page is the generated body in the theme, with its table of contents."""
    from generator.write import render_pages

    pages = render_pages(archive.articles)
    pages.update(render_crosslink_pages(archive, SMALL))
    pages["index.md"] = "# Home\n\n[Entities](entities/index.md), [a paragraph](articles/" + A1 + ".md#p2)\n"
    pages["data.md"] = "# Data\n"
    for rel, text in pages.items():
        target = tmp_path / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # the real overrides/ (article.html is the article layout); not -q: it would hide the warnings --strict counts
    overrides = Path(__file__).resolve().parent.parent / "overrides"
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("OVERRIDES", str(overrides)), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "figures" / "index.html").read_text(encoding="utf-8")
    assert 'data-unit="cases"' in html and 'data-entity="continentia"' in html
    entity = (tmp_path / "site" / "entities" / "alda-brenner" / "index.html").read_text(encoding="utf-8")
    assert body(pages["entities/alda-brenner/index.md"]).strip() in entity  # the body as written
    toc = entity.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    assert re.findall(r'href="(#[^"]+)"', toc) == ["#often-mentioned-with", "#articles", "#quotes", "#timeline"]
    assert '<a href="#title" class="md-skip">' in entity
    (tmp_path / "content" / "index.md").write_text(f"# Home\n\n[gone](articles/{A1}.md#p99)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                          capture_output=True, text=True, env=env)
    assert done.returncode != 0 and "does not contain an anchor '#p99'" in done.stderr
