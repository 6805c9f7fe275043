"""Cross-link pages for the TEST FIXTURE archive: content, order, pagination,
escaping, and links that resolve (plus one real MkDocs --strict build)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from test_crosslink_fixture import A1, A2, A3, A4, A5, A6, read_fixture
from generator.crosslink import PagesConfig, render_crosslink_pages

SMALL = PagesConfig(page_size=2, figures_page_size=1, timeline_page_size=2, cooccurring=3)
BIG = PagesConfig(page_size=100, figures_page_size=100, timeline_page_size=100)
LINK = re.compile(r"\]\(([^)\s]+)")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return read_fixture(tmp_path_factory.mktemp("crosslink-pages"))


@pytest.fixture(scope="module")
def small(archive):
    return render_crosslink_pages(archive, SMALL)


@pytest.fixture(scope="module")
def big(archive):
    return render_crosslink_pages(archive, BIG)


def article_links(text: str, paragraph_links: bool = True) -> list[str]:
    """Article ids linked from a page, in order; without ``paragraph_links``,
    only links to the top of an article (entity listings also link the paragraph)."""
    pattern = r"\]\((?:\.\./)+articles/([^)#]+)\.md(?:#p\d+)?\)" if paragraph_links else \
        r"\]\((?:\.\./)+articles/([^)#]+)\.md\)"
    return re.findall(pattern, text)


def section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


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
    assert "Page 1 of 2: **1** [2](page-2.md) · [Next »](page-2.md)" in first
    assert "Often mentioned with" in first and "Often mentioned with" not in second
    # quotes, figures and events are highlights of the first page, drawn from all the entity's articles
    assert "## Quotes" in first and "## Quotes" not in second and "## Timeline" not in second


def test_entity_highlights_are_capped_with_their_totals(archive):
    page = render_crosslink_pages(archive, PagesConfig(highlights=2))["entities/northland-health-agency/index.md"]
    assert "Dated events in sentences that name Northland Health Agency. The 2 latest of 3 events. " \
           "The [timeline](../../timeline/index.md) lists them all." in page
    assert article_links(section(page, "Timeline")) == [A1, A2]  # the two latest by event date, oldest first
    none = render_crosslink_pages(archive, PagesConfig(highlights=0))["entities/northland-health-agency/index.md"]
    assert "## Timeline" not in none and "## Key figures" not in none and "## Articles" in none


def test_entity_context_sentence_is_clipped(archive):
    page = render_crosslink_pages(archive, PagesConfig(context=40))["entities/alda-brenner/index.md"]
    assert "  Health Minister Alda Brenner said the…\n" in page
    bare = render_crosslink_pages(archive, PagesConfig(context=0))["entities/alda-brenner/index.md"]
    assert "Health Minister Alda Brenner said" not in section(bare, "Articles")


def test_clip():
    from generator.crosslink.pages import clip

    assert clip("short", 10) == "short"
    assert clip("one two three four", 12) == "one two…"
    assert clip("abcdefghijklmnop", 8) == "abcdefg…"  # no space in reach: cut mid-word
    assert len(clip("x " * 100, 50)) <= 50


def test_an_unregistered_entity_has_a_page_marked_not_reviewed(big):
    page = big["entities/tomas-varga/index.md"]
    assert "# Tomas Varga\n\nPerson\n\n!!! note \"Not reviewed\"\n    Found in the articles' text by automatic" in page
    assert "said Tomas Varga, who led it" in section(page, "Articles")
    assert "(reported)" in section(page, "Quotes")  # his reported speech is attributed to him


def test_entity_page_content(big):
    page = big["entities/alda-brenner/index.md"]
    assert page.startswith("---\ntitle: Alda Brenner\ntemplate: entity.html\nentity:\n  kind: person\n"
                           "  name: Alda Brenner\n---\n\n# Alda Brenner\n")
    assert "Mentioned in 4 articles, first on 1 March 2021, last on 2 March 2022." in page
    assert section(page, "Often mentioned with").strip().splitlines() == [
        "- [Continentia](../continentia/index.md): 4 articles",
        "- [Vellan](../vellan/index.md): 4 articles",
        "- [Northland Health Agency](../northland-health-agency/index.md): 2 articles",
        "- [Harbor Research Institute](../harbor-research-institute/index.md): 1 article",  # detected
        "- [Ostmark](../ostmark/index.md): 1 article",
        "- [Tomas Varga](../tomas-varga/index.md): 1 article",  # detected
    ]
    assert "Not reviewed" not in page  # registered
    # the headline links to the paragraph that first names her; that sentence follows
    assert (f"- 1 March 2021: [TEST FIXTURE: Vellan opens a clinic](../../articles/{A1}.md#p2)  \n"
            "  Health Minister Alda Brenner said the clinic was planned on Feb. 20 by the Northland Health Agency.\n"
            ) in page
    assert "“We are ready for the whole season”" in section(page, "Quotes")
    # key figures: only those in paragraphs that name her (A1's figure is in paragraph 3)
    assert "900 new cases" not in page and "1,200 new cases" not in page
    nha = big["entities/northland-health-agency/index.md"]
    assert "[Wikidata Q4115189](https://www.wikidata.org/wiki/Q4115189)" in nha
    assert "**1,200 new cases**" in section(nha, "Key figures")
    assert article_links(section(nha, "Timeline")) == [A5, A1, A2]  # late February, Feb. 20, March 2


def test_timeline_order(big):
    page = big["timeline/2021/index.md"]
    dates = re.findall(r"^- \*\*([^*]+)\*\*", page, re.M)
    assert dates == ["February 2021", "20 February 2021", "1 March 2021", "2 March 2021", "2 March 2021",
                     "1 June 2021"]
    # same day: the earlier article first
    assert article_links(page) == [A5, A1, A1, A3, A2, A6]
    assert f"../../articles/{A5}.md#p1" in page
    assert "[2021](2021/index.md): 6 events" in big["timeline/index.md"]


def test_timeline_pages_continue(small):
    assert article_links(small["timeline/2021/page-2.md"]) == [A1, A3]
    assert "[« Previous](index.md) · **1** [2](page-2.md)" not in small["timeline/2021/index.md"]
    assert "Page 3 of 3: [« Previous](page-2.md) · [1](index.md) [2](page-2.md) **3**" in \
        small["timeline/2021/page-3.md"]


def test_figures_page_rows_carry_filter_data(big):
    page = big["figures/index.md"]
    rows = re.findall(r"^        \{: data-unit=\"([a-z0-9-]+)\" data-entities=\"([a-z0-9 -]*)\" \}$", page, re.M)
    assert rows == [("cases", "continentia"), ("cases", "northland-health-agency")]
    # each figure sits under its article (newest first) and links its paragraph; what it counts
    # ("new cases") is not repeated when the figure's text already says it
    assert (f"- 1 March 2021: [TEST FIXTURE: Vellan opens a clinic](../articles/{A1}.md)\n"
            f"    - **[1,200 new cases](../articles/{A1}.md#p3)**. About: Northland Health Agency\n"
            ) in page
    assert ". About: Northland Health Agency\n" in page  # rows name entities as text...
    legend = page.split("Named on this page: ", 1)[1].split("\n", 1)[0]  # ...the legend links each once
    assert legend == ('[Continentia](../entities/continentia/index.md){: data-entity="continentia" }, '
                      '[Northland Health Agency](../entities/northland-health-agency/index.md)'
                      '{: data-entity="northland-health-agency" }')
    assert '<div class="na-figures" data-na-figures="1" markdown>' in page


def test_figures_pages_keep_an_articles_figures_together():
    from generator.crosslink.pages import _chunk_groups

    groups = [{"rows": [1, 2, 3]}, {"rows": [4]}, {"rows": [5, 6]}, {"rows": [7]}]
    assert [[len(g["rows"]) for g in page] for page in _chunk_groups(groups, 2)] == [[3], [1, 2], [1]]
    assert _chunk_groups([], 2) == [[]]


def test_agency_and_editor_archives(big):
    assert article_links(big["archive/editor/ann-lee/index.md"]) == [A5, A2, A1]
    assert "(byline)" in big["archive/editor/mira-sol/index.md"]
    agencies = big["archive/agency/index.md"]
    assert "- [People's Daily](people-s-daily/index.md): 1 article" in agencies
    assert "- [Xinhua](xinhua/index.md): 5 articles" in agencies


def test_article_text_is_escaped(big):
    page = big["entities/ruth-kale/index.md"]
    assert "TEST FIXTURE: Kale warns of a \\*second\\* wave \\[update\\] &lt;em&gt;" in page
    assert "&lt;b&gt;second&lt;/b&gt;" in page
    for text in big.values():
        assert "<em>" not in text and "<b>" not in text


def test_every_relative_link_resolves(small, archive):
    known = set(small) | {f"articles/{a.id}.md" for a in archive.articles} | {"archive/index.md", "data.md"}
    for path, text in small.items():
        for href in LINK.findall(text):
            if href.startswith("https://"):
                continue
            target = PurePosixPath(path).parent.joinpath(href.split("#", 1)[0])
            resolved = os.path.normpath(str(target))
            assert resolved in known, f"{path} links to {href}"


def test_deterministic(archive, small):
    assert render_crosslink_pages(archive, SMALL) == small


MKDOCS_YML = """\
site_name: crosslink fixture
docs_dir: content
theme:
  name: material
  custom_dir: OVERRIDES
  font: false
markdown_extensions: [toc, attr_list, md_in_html, admonition]
validation:
  links: {not_found: warn, anchors: warn, unrecognized_links: warn}
"""


@pytest.mark.e2e
def test_mkdocs_strict_build(archive, tmp_path):
    """The pages (with the writer's article pages) build with no broken link or anchor."""
    from generator import writer

    pages = writer.render_pages(archive.articles)
    pages.update(render_crosslink_pages(archive, SMALL))
    pages["index.md"] = "# Home\n\n[Entities](entities/index.md)\n"
    pages["data.md"] = "# Data\n"
    for rel, text in pages.items():
        target = tmp_path / "content" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # the real overrides/ (article.html is the writer's article layout)
    overrides = Path(__file__).resolve().parent.parent / "overrides"
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("OVERRIDES", str(overrides)), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "site" / "figures" / "index.html").read_text(encoding="utf-8")
    assert 'data-unit="cases"' in html and 'data-entity="continentia"' in html
